"""Probes for the load balancer."""

import sqlalchemy as sa
from flask import Blueprint, jsonify

from victimcare.access import PUBLIC, permission
from victimcare.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@permission(PUBLIC)
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
@permission(PUBLIC)
def readyz():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
