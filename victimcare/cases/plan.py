"""The investigation plan: planned actions, the victim's views at every stage, and progress on what matters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from victimcare import audit
from victimcare.cases import contracts, updates
from victimcare.extensions import db
from victimcare.models import Case, PlanAction, PlanProgress, VictimUpdate, WhatMatters
from victimcare.models.audit import AuditAction
from victimcare.translatable import Labels, N_

ACTION_STATUSES = Labels({"planned": N_("Planned"), "in-progress": N_("In progress"), "done": N_("Done"), "not-needed": N_("Not needed")})


def add_action(case: Case, *, what: str, who: str, by_when: date | None, what_matters_id: int | None) -> PlanAction:
    if what_matters_id is not None:
        owner = db.session.scalar(sa.select(WhatMatters.victim_id).where(WhatMatters.id == what_matters_id))
        if owner not in {v.id for v in case.victims}:
            raise ValueError("That item is not on this case")
    action = PlanAction(case_id=case.id, what=what.strip(), who=who.strip(), by_when=by_when,
                        what_matters_id=what_matters_id)
    db.session.add(action)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "plan-action", action.id, case_id=case.id)
    return action


def set_status(case: Case, action: PlanAction, status: str) -> None:
    action.status = status
    audit.record(AuditAction.ALTER, "plan-action", action.id, case_id=case.id, detail=f"status {status}")


@dataclass
class VictimPlan:
    victim: object
    what_matters: list[WhatMatters]
    views: list[VictimUpdate]
    progress: dict[int, list[tuple[date | None, str]]] = field(default_factory=dict)


def plan_for(case: Case) -> dict:
    """Everything the plan page and its PDF show, in a bounded number of queries."""
    actions = db.session.scalars(sa.select(PlanAction).where(PlanAction.case_id == case.id)
                                 .order_by(PlanAction.by_when.is_(None), PlanAction.by_when, PlanAction.id)).all()
    all_updates = updates.updates_for_case(case.id)
    victim_ids = [v.id for v in case.victims]
    items = db.session.scalars(sa.select(WhatMatters).where(WhatMatters.victim_id.in_(victim_ids))
                               .order_by(WhatMatters.id)).all()
    progress_rows = db.session.execute(
        sa.select(PlanProgress.what_matters_id, VictimUpdate.given_on, PlanProgress.progress)
        .join(VictimUpdate, VictimUpdate.id == PlanProgress.update_id)
        .where(VictimUpdate.case_id == case.id).order_by(PlanProgress.id)).all()
    by_item: dict[int, list] = {}
    for item_id, given_on, text in progress_rows:
        by_item.setdefault(item_id, []).append((given_on, text))
    victims = [VictimPlan(victim=v, what_matters=[i for i in items if i.victim_id == v.id],
                          views=sorted((u for u in all_updates if u.victim_id == v.id and u.given_at),
                                       key=lambda u: (u.given_on, u.given_at)),
                          progress=by_item) for v in case.victims]
    return {"actions": actions, "events": updates.events_for_case(case.id), "victims": victims,
            "items_by_id": {i.id: i for i in items}, "contracts": contracts.current_contracts(victim_ids)}
