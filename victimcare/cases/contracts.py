"""C: contracts and what matters, recorded with their history and audited."""

from __future__ import annotations

import sqlalchemy as sa

from victimcare import audit
from victimcare.extensions import db
from victimcare.models import Contract, User, Victim, WhatMatters
from victimcare.models.audit import AuditAction

CONTRACT_FIELDS = ("agreed_on", "wants_updates", "methods", "frequency", "update_within_days", "good_times",
                   "may_leave_messages", "representative", "language", "interpreter_needed", "referral_consent")


def current_contract(victim_id: int) -> Contract | None:
    return db.session.scalar(sa.select(Contract).where(Contract.victim_id == victim_id)
                             .order_by(Contract.revision.desc()).limit(1))


def current_contracts(victim_ids: list[int]) -> dict[int, Contract]:
    """Each victim's current contract, in one query."""
    if not victim_ids:
        return {}
    latest = (sa.select(Contract.victim_id, sa.func.max(Contract.revision).label("revision"))
              .where(Contract.victim_id.in_(victim_ids)).group_by(Contract.victim_id).subquery())
    rows = db.session.scalars(sa.select(Contract).join(
        latest, sa.and_(Contract.victim_id == latest.c.victim_id, Contract.revision == latest.c.revision)))
    return {contract.victim_id: contract for contract in rows}


def contract_history(victim_id: int) -> list[Contract]:
    return list(db.session.scalars(sa.select(Contract).where(Contract.victim_id == victim_id)
                                   .order_by(Contract.revision.desc())))


def record_contract(victim: Victim, *, by: User, **fields) -> Contract:
    """A new revision of the victim's contract; earlier revisions stay as they were."""
    previous = current_contract(victim.id)
    contract = Contract(
        victim_id=victim.id,
        revision=(previous.revision + 1) if previous else 1,
        recorded_by_id=by.id,
        what_matters_declined=previous.what_matters_declined if previous else False,
        **{k: fields[k] for k in CONTRACT_FIELDS if k in fields},
    )
    db.session.add(contract)
    db.session.flush()
    audit.record(AuditAction.COLLECT if previous is None else AuditAction.ALTER, "contract", contract.id,
                 case_id=victim.case_id, victim_id=victim.id, detail=f"revision {contract.revision}")
    from victimcare.cases import (
        updates,  # updates reads contracts: import here, not at the top
    )

    if contract.wants_updates:
        updates.schedule_periodic(victim, last_update_on=updates.last_update_on(victim) or contract.agreed_on)
    else:
        updates.withdraw_open_updates(victim)
    return contract


def add_what_matters(victim: Victim, *, category: str, in_their_words: str, by: User) -> WhatMatters:
    item = WhatMatters(victim_id=victim.id, category=category, in_their_words=in_their_words.strip(),
                       recorded_by_id=by.id)
    db.session.add(item)
    db.session.flush()
    contract = current_contract(victim.id)
    if contract is not None and contract.what_matters_declined:
        contract.what_matters_declined = False
    audit.record(AuditAction.COLLECT, "what-matters", item.id, case_id=victim.case_id, victim_id=victim.id)
    return item


def record_declined_to_say(victim: Victim, *, by: User) -> None:
    """The victim did not wish to say what matters: recorded as their choice, on the contract."""
    contract = current_contract(victim.id)
    if contract is None:
        raise ValueError("Agree the contract first")
    contract.what_matters_declined = True
    audit.record(AuditAction.ALTER, "contract", contract.id, case_id=victim.case_id, victim_id=victim.id,
                 detail="victim did not wish to say what matters")


def what_matters_for(victim_id: int) -> list[WhatMatters]:
    return list(db.session.scalars(sa.select(WhatMatters).where(WhatMatters.victim_id == victim_id)
                                   .order_by(WhatMatters.id)))


def what_matters_by_victim(victim_ids: list[int]) -> dict[int, list[WhatMatters]]:
    """Every what-matters item of these victims, in one query."""
    grouped: dict[int, list[WhatMatters]] = {victim_id: [] for victim_id in victim_ids}
    if victim_ids:
        for item in db.session.scalars(sa.select(WhatMatters).where(WhatMatters.victim_id.in_(victim_ids))
                                       .order_by(WhatMatters.id)):
            grouped[item.victim_id].append(item)
    return grouped
