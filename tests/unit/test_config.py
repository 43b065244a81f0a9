import pytest

from victimcare import create_app
from victimcare import config
from victimcare.config import ConfigError, database_url


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"PRODUCTION": True, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"})


def test_production_starts_with_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a" * 64)
    app = create_app({"PRODUCTION": True, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"})
    assert app.config["SECRET_KEY"] == "a" * 64


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    assert database_url(None, str(tmp_path)) == f"sqlite:///{tmp_path}/victimcare.sqlite"


@pytest.mark.parametrize("url", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_use_psycopg3(url):
    assert database_url(url, "/x") == "postgresql+psycopg://u@h/db"


def test_mapping_overrides_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@nowhere/none")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/y.sqlite", "SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/y.sqlite"


def test_postgresql_connections_run_without_jit_and_sqlite_without(tmp_path):
    postgres = config.load(str(tmp_path), {"DATABASE_URL": "postgresql://u@h/db", "SECRET_KEY": "x"})
    assert postgres["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"options": "-c jit=off"}
    assert postgres["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    sqlite = config.load(str(tmp_path), {"DATABASE_URL": "sqlite:///x.sqlite", "SECRET_KEY": "x"})
    assert "connect_args" not in sqlite["SQLALCHEMY_ENGINE_OPTIONS"]
