"""Fuzzing the API from its own OpenAPI document: no input makes it fail, and every answer it gives
matches the document. In-process (no server), and bounded so the suite stays quick."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import make_case, make_user
from victimcare.api.tokens import issue_token
from victimcare.vcu.services import create_follow_up

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def schema(app):
    with app.app_context():
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def fuzz(app, strategy, headers: dict, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def call(generated):
        with app.app_context():  # a request of its own, as in production
            generated.call_and_validate(headers=headers, checks=CHECKS)

    call()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_makes_the_api_fail_or_answer_off_its_schema(app, db, schema, mode):
    officer = make_user("officer")
    case = make_case(officer, victims=2)
    _, token = issue_token(officer)
    _, board_token = issue_token(make_user("board"))
    _, vcu_token = issue_token(make_user("vcu"))
    follow_up = create_follow_up(case, case.victims[0])
    db.session.commit()
    # Each operation with a token that may use it.
    tokens = {"/api/v1/board/": board_token, "/api/v1/follow-ups": vcu_token, "/feedback": vcu_token}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        chosen = next((t for part, t in tokens.items() if part in operation.path), token)
        bearer = {"Authorization": f"Bearer {chosen}"}
        if "{case_id}" in operation.path or "{follow_up_id}" in operation.path:
            # Half the examples at a record the token may change (If-Match: * gets past the precondition),
            # half at whatever ids are generated.
            known = {"case_id": case.id, "victim_id": case.victims[0].id, "follow_up_id": follow_up.id}
            fixed = {name: value for name, value in known.items() if f"{{{name}}}" in operation.path}
            fuzz(app, operation.as_strategy(generation_mode=mode, path_parameters=fixed),
                 bearer | {"If-Match": "*"}, EXAMPLES_PER_OPERATION // 2)
            fuzz(app, operation.as_strategy(generation_mode=mode), bearer, EXAMPLES_PER_OPERATION // 2)
        else:
            fuzz(app, operation.as_strategy(generation_mode=mode), bearer, EXAMPLES_PER_OPERATION)
