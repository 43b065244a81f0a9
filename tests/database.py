"""Test databases: SQLite by default, PostgreSQL when DATABASE_URL says so.

The schema is built once per run with the real migrations; each test then starts from empty
tables (reference data kept). A PostgreSQL run gets a database of its own, so runs never collide.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import sqlalchemy as sa

KEEP_TABLES = {"offences", "support_services", "timescales", "alembic_version"}


class TestDatabase:
    def __init__(self, workdir: Path):
        self.base_url = os.environ.get("DATABASE_URL", "")
        self.workdir = workdir
        self.is_postgres = self.base_url.startswith(("postgres", "postgresql"))
        if self.is_postgres:
            url = sa.make_url(self.base_url.replace("postgres://", "postgresql://", 1))
            if url.drivername == "postgresql":
                url = url.set(drivername="postgresql+psycopg")
            self.name = f"victimcare_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            self.admin_url = url
            self.url = url.set(database=self.name).render_as_string(hide_password=False)
            self._admin_engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
            with self._admin_engine.connect() as connection:
                connection.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
            self.engine = sa.create_engine(self.url)
        else:
            self.template = workdir / "template.sqlite"
            self.live = workdir / "live.sqlite"
            self.url = f"sqlite:///{self.template}"
            self.engine = None

    def migrate(self, app_factory) -> None:
        from flask_migrate import upgrade

        app = app_factory({"DATABASE_URL": self.url})
        with app.app_context():
            upgrade()
            from victimcare.extensions import db

            db.engine.dispose()
        if self.is_postgres:
            with self.engine.connect() as connection:
                tables = connection.execute(sa.text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
            self.tables = [t for t in tables if t not in KEEP_TABLES]

    @property
    def live_url(self) -> str:
        """The URL the shared test app uses; `reset` empties that database between tests."""
        return self.url if self.is_postgres else f"sqlite:///{self.live}"

    def reset(self) -> None:
        if self.is_postgres:
            self.fresh(None)
        else:
            shutil.copyfile(self.template, self.live)

    def fresh(self, tmp_path: Path | None) -> str:
        """A URL to an empty database for one test."""
        if not self.is_postgres:
            target = tmp_path / "test.sqlite"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.template, target)
            return f"sqlite:///{target}"
        with self.engine.begin() as connection:
            # The audit log refuses TRUNCATE through a trigger; replica mode skips triggers for cleanup.
            connection.execute(sa.text("SET session_replication_role = replica"))
            connection.execute(sa.text(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in self.tables) + " RESTART IDENTITY CASCADE"))
            connection.execute(sa.text("SET session_replication_role = DEFAULT"))
        return self.url

    def drop(self) -> None:
        if self.is_postgres:
            self.engine.dispose()
            with self._admin_engine.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self._admin_engine.dispose()
