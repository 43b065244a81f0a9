"""C: a victim's contract (how and how often they want updates) and what matters to them."""

from __future__ import annotations

from flask import abort, request, url_for
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare import audit
from victimcare.access import editable_case_or_404, permission, victim_of_case_or_404
from victimcare.api.common import victim_record, with_case
from victimcare.api.schemas import ContractInSchema, ContractSchema, WhatMattersInSchema, WhatMattersSchema
from victimcare.cases import contracts
from victimcare.extensions import db
from victimcare.models import WhatMatters
from victimcare.models.audit import AuditAction

blp = Blueprint("api_contracts", __name__, url_prefix="/cases", description="Contracts and what matters")

IF_MATCH = [{"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
             "description": "The contract's ETag from your last read; needed once a contract exists"}]


def contract_etag(victim_id: int, revision: int) -> str:
    """A contract's revision is its version: each change is a new revision."""
    return f'"contract-{victim_id}-r{revision}"'


def contract_body(victim, contract) -> dict:
    return {"revision": contract.revision, "agreed_on": contract.agreed_on, "wants_updates": contract.wants_updates,
            "methods": contract.method_codes, "frequency": contract.frequency,
            "update_within_days": contract.update_within_days, "good_times": contract.good_times,
            "may_leave_messages": contract.may_leave_messages, "representative": contract.representative,
            "language": contract.language, "interpreter_needed": contract.interpreter_needed,
            "referral_consent": contract.referral_consent, "what_matters_declined": contract.what_matters_declined,
            "what_matters": contracts.what_matters_for(victim.id)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/contract", methods=["GET"])
@permission("cases:write")  # as in the web: the contract is the officers' to keep
@blp.response(200, ContractSchema)
@blp.alt_response(404, response="DEFAULT_ERROR", description="No such victim, or no contract agreed yet")
def contract(case_id: int, victim_id: int):
    """The victim's current contract and what matters to them"""
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    current = contracts.current_contract(victim.id)
    if current is None:
        abort(404)
    audit.record(AuditAction.CONSULT, "contract", current.id, case_id=case.id, victim_id=victim.id, detail="API")
    db.session.commit()
    return contract_body(victim, current), {"ETag": contract_etag(victim.id, current.revision)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/contract", methods=["PUT"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(ContractInSchema)
@blp.response(200, ContractSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older revision")
@blp.alt_response(428, response="DEFAULT_ERROR", description="A contract exists and If-Match is missing")
@blp.doc(parameters=IF_MATCH)
def agree(body: dict, case, victim_id: int):
    """Agree the contract, or a new revision of it (earlier revisions are kept)"""
    victim = victim_of_case_or_404(case, victim_id)
    current = contracts.current_contract(victim.id)
    if current is not None:
        header = request.headers.get("If-Match")
        if header is None:
            abort(428)
        if header.strip() != "*" and contract_etag(victim.id, current.revision) not in \
                [tag.strip() for tag in header.split(",")]:
            abort(412)
    agreed = contracts.record_contract(victim, by=current_user, **body)
    db.session.commit()
    return contract_body(victim, agreed), {"ETag": contract_etag(victim.id, agreed.revision),
                                           "Location": url_for("api_contracts.contract", case_id=case.id,
                                                               victim_id=victim.id)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/what-matters", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(WhatMattersInSchema)
@blp.response(201, WhatMattersSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def add_what_matters(body: dict, case, victim_id: int):
    """Record something that matters to the victim, in their own words"""
    victim = victim_of_case_or_404(case, victim_id)
    item = contracts.add_what_matters(victim, category=body["category"], in_their_words=body["in_their_words"],
                                      by=current_user)
    db.session.commit()
    return item, 201


@blp.route("/<int:case_id>/victims/<int:victim_id>/what-matters/<int:item_id>", methods=["GET"])
@permission("cases:read")
@blp.response(200, WhatMattersSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def what_matters_item(case_id: int, victim_id: int, item_id: int):
    """One thing that matters to the victim and, at the end, how far it was met; with the ETag its assessment needs"""
    return victim_record(WhatMatters, case_id, victim_id, item_id, "what-matters")
