"""The Scrutiny Panel's monthly sample: reproducible from its seed, and including the cases the Panel must see."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.scrutiny.sampling import DEFAULT_SIZE, Candidate, draw, new_seed


def month_of(n: int, *, enhanced=(), protected=()) -> list[Candidate]:
    return [Candidate(i, enhanced_rights=i in enhanced, domestic_abuse_or_hate_crime=i in protected)
            for i in range(1, n + 1)]


def test_the_same_seed_draws_the_same_cases():
    cases = month_of(80, enhanced={3, 40}, protected={7, 55})
    assert draw(cases, seed=1234) == draw(cases, seed=1234)


def test_the_order_the_database_returns_cases_in_does_not_change_the_sample():
    cases = month_of(80, enhanced={3, 40}, protected={7, 55})
    shuffled = cases[:]
    random.Random(9).shuffle(shuffled)
    assert draw(shuffled, seed=77) == draw(cases, seed=77)


def test_a_different_seed_usually_draws_different_cases():
    cases = month_of(200)
    assert len({tuple(sorted(draw(cases, seed=s))) for s in range(20)}) > 15


def test_the_default_sample_is_ten_distinct_cases():
    sample = draw(month_of(50), seed=5)
    assert len(sample) == DEFAULT_SIZE == len(set(sample))


def test_a_month_with_fewer_closed_cases_than_the_size_samples_them_all():
    assert sorted(draw(month_of(4), seed=5)) == [1, 2, 3, 4]


def test_no_candidates_gives_an_empty_sample():
    assert draw([], seed=5) == []


def test_a_sample_of_no_cases_is_refused():
    with pytest.raises(ValueError):
        draw(month_of(5), seed=1, size=0)


@pytest.mark.parametrize("seed", range(30))
def test_the_only_enhanced_and_the_only_domestic_abuse_case_are_always_included(seed):
    sample = draw(month_of(300, enhanced={123}, protected={250}), seed=seed)
    assert 123 in sample and 250 in sample


def test_with_room_for_one_case_a_case_meeting_both_guarantees_is_chosen():
    assert draw(month_of(50, enhanced={10, 20}, protected={20, 30}), seed=3, size=1) == [20]


def test_new_seeds_are_positive_and_fit_the_database():
    assert all(0 < new_seed() < 2**31 for _ in range(100))


@given(
    flags=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=0, max_size=60),
    seed=st.integers(min_value=1, max_value=2**31 - 1),
    size=st.integers(min_value=2, max_value=15),
)
def test_inclusion_guarantees_hold_for_any_month(flags, seed, size):
    cases = [Candidate(i, e, p) for i, (e, p) in enumerate(flags, start=1)]
    sample = draw(cases, seed=seed, size=size)
    chosen = [c for c in cases if c.case_id in sample]
    assert len(sample) == len(set(sample)) == min(size, len(cases))
    if any(c.enhanced_rights for c in cases):
        assert any(c.enhanced_rights for c in chosen)
    if any(c.domestic_abuse_or_hate_crime for c in cases):
        assert any(c.domestic_abuse_or_hate_crime for c in chosen)
    assert draw(list(reversed(cases)), seed=seed, size=size) == sample
