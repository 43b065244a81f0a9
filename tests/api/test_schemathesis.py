"""Fuzzing the API from its own OpenAPI document: no input makes it fail, and every answer it gives
matches the document. In-process (no server), and bounded so the suite stays quick: a few examples per
operation for each role that may use it, and one for every other role (officer, supervisor, Victim Care
Unit, Board). benchmarks/fuzz_api.py runs the same with many more."""

from __future__ import annotations

import os

import pytest
from schemathesis.generation import GenerationMode

from tests.api import fuzzing

# VICTIMCARE_FUZZ_EXAMPLES=50 runs more examples per operation and role in the suite.
EXAMPLES_PER_OPERATION = int(os.environ.get("VICTIMCARE_FUZZ_EXAMPLES", "6"))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_makes_the_api_fail_or_answer_off_its_schema(app, db, mode):
    world = fuzzing.build_world(db)
    schema = fuzzing.load_schema(app)
    report = fuzzing.run(app, schema, world, examples=EXAMPLES_PER_OPERATION, other_role_examples=1, modes=[mode])
    assert len(report.operations) >= 35, sorted(report.operations)
    assert report.server_errors == [], report.summary()
    assert report.mismatches == [], report.summary()
    statuses = set(report.by_status)
    # Each role was turned away somewhere and let in somewhere: the run reached past the permission checks.
    assert 403 in statuses and any(200 <= s < 300 for s in statuses), report.summary()
    if mode is GenerationMode.POSITIVE:
        # Valid bodies get as far as creating things.
        assert 201 in statuses, report.summary()
    else:
        # Invalid bodies are turned away by validation naming the bad fields, not only by the role check.
        assert 422 in statuses, report.summary()
