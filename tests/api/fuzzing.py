"""Fuzzing the API from its own OpenAPI document, in process: a world of records to aim at, a token for
each role, and a run that counts what it sent and what went wrong (used by the bounded test in the suite
and by benchmarks/fuzz_api.py for a longer run)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import make_case, make_team, make_user
from victimcare.api.tokens import issue_token
from victimcare.cases import complaints, contracts, needs, updates
from victimcare.models import ServiceRecovery
from victimcare.vcu import feedback
from victimcare.vcu.services import create_follow_up

ROLES = ("officer", "supervisor", "vcu", "board")


@dataclass
class World:
    """Records every operation can reach, and a bearer token per role."""

    tokens: dict[str, str]
    ids: dict[str, int]
    closed_case_id: int


def build_world(db) -> World:
    team = make_team("Fuzz team")
    officer, supervisor = make_user("officer", team=team), make_user("supervisor", team=team)
    case = make_case(officer, victims=2)
    closed = make_case(officer, status="closed")
    victim = case.victims[0]
    item = contracts.add_what_matters(victim, category="justice", in_their_words="Catch him", by=officer)
    assessment = needs.record_assessment(victim, by=officer, assessed_on=date(2026, 11, 3), risk="medium")
    referral = needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3),
                                   by=officer)
    _, [update, _] = updates.record_event(case, stage="no-further-action", occurred_on=date(2026, 11, 4), notes=None,
                                          by=officer)
    feedback.record_feedback(case, victim, stage="initial", surveyed_on=date(2026, 11, 10),
                             answers={"kept_informed": 7}, comments=None, consent_to_use=False, impacts={},
                             source="phone", by=None)
    complaints.record_complaint(case, received_on=date(2026, 11, 12), about="delay", outcome="open", notes=None,
                                by=supervisor)
    follow_up = create_follow_up(case, victim)
    recovery = db.session.scalar(sa.select(ServiceRecovery).where(ServiceRecovery.case_id == case.id))
    users = {"officer": officer, "supervisor": supervisor, "vcu": make_user("vcu"), "board": make_user("board")}
    tokens = {role: issue_token(user)[1] for role, user in users.items()}
    db.session.commit()
    return World(tokens=tokens, closed_case_id=closed.id, ids={
        "case_id": case.id, "victim_id": victim.id, "follow_up_id": follow_up.id, "update_id": update.id,
        "assessment_id": assessment.id, "referral_id": referral.id, "recovery_id": recovery.id,
        "what_matters_id": item.id})


def roles_for(method: str, path: str) -> list[str]:
    """The roles that may use an operation (the first is the one it is meant for)."""
    if path.startswith("/api/v1/board/"):
        return ["board"]
    if path.startswith(("/api/v1/follow-ups", )) or path.endswith("/feedback"):
        return ["vcu"]
    if path.startswith("/api/v1/service-recovery") or path.endswith("/closure-decision") or (
            path.endswith("/complaints") and method == "POST"):
        # The decision with the officer too: the officer in the case may not decide on it.
        return ["supervisor", "officer"] if path.endswith("/closure-decision") else ["supervisor"]
    if path.endswith(("/needs-assessments", "/referrals", "/needs-assessments/{assessment_id}",
                      "/referrals/{referral_id}")):
        return ["officer", "vcu"]
    return ["officer", "supervisor"]


@dataclass
class Report:
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    by_status: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.by_status.items()))
        return (f"{len(self.operations)} operations, {self.requests} requests in {self.seconds:.0f} s, "
                f"{len(self.server_errors)} 5xx, {len(self.mismatches)} schema mismatches ({statuses})")


def load_schema(app):
    with app.app_context():
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def run(app, schema, world: World, *, examples: int, other_role_examples: int,
        modes=(GenerationMode.POSITIVE, GenerationMode.NEGATIVE), report: Report | None = None) -> Report:
    """Each operation with each role that may use it (`examples` each, half aimed at the world's records
    with If-Match: *, half at whatever ids are generated) and with every other role (`other_role_examples`)."""
    report = report or Report()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        meant = roles_for(operation.method.upper(), operation.path)
        report.operations.add(f"{operation.method.upper()} {operation.path}")
        for role in ROLES:
            count = examples if role in meant else other_role_examples
            if count <= 0:
                continue
            bearer = {"Authorization": f"Bearer {world.tokens[role]}"}
            known = {**world.ids, **({"case_id": world.closed_case_id}
                                     if operation.path.endswith(("/reopen", "/complaints")) else {})}
            fixed = {name: value for name, value in known.items() if f"{{{name}}}" in operation.path}
            for mode in modes:
                if fixed:
                    _fuzz(app, operation.as_strategy(generation_mode=mode, path_parameters=fixed),
                          bearer | {"If-Match": "*"}, max(1, count // 2), report)
                    _fuzz(app, operation.as_strategy(generation_mode=mode), bearer, max(1, count - count // 2),
                          report)
                else:
                    _fuzz(app, operation.as_strategy(generation_mode=mode), bearer, count, report)
    report.seconds += time.perf_counter() - started
    return report


def _fuzz(app, strategy, headers: dict, examples: int, report: Report) -> None:
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def call(generated):
        with app.app_context():  # a request of its own, as in production
            response = generated.call(headers=headers)
        report.requests += 1
        report.by_status[response.status_code] = report.by_status.get(response.status_code, 0) + 1
        where = f"{generated.method.upper()} {generated.formatted_path} -> {response.status_code}"
        if response.status_code >= 500:
            report.server_errors.append(f"{where}: {generated.as_curl_command()}")
            return
        try:
            generated.validate_response(response, checks=[response_schema_conformance])
        except Exception as error:  # noqa: BLE001 - every kind of mismatch is reported, none stops the run
            report.mismatches.append(f"{where}: {str(error).splitlines()[0] if str(error) else type(error).__name__}")

    call()
