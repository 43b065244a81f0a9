from datetime import date

import pytest

from victimcare.journey.eligibility import VictimFacts, age_on, enhanced_reasons


def facts(**overrides) -> VictimFacts:
    return VictimFacts(**{"most_serious_offence": False, **overrides})


def test_standard_victim_has_no_reasons():
    assert enhanced_reasons(facts(date_of_birth=date(1980, 1, 1), offence_date=date(2026, 1, 1))) == []


@pytest.mark.parametrize(("overrides", "reason"), [
    ({"most_serious_offence": True}, "most-serious-crime"),
    ({"domestic_abuse": True}, "domestic-abuse"),
    ({"hate_crime": True}, "hate-crime"),
    ({"bereaved": True}, "bereaved"),
    ({"persistently_targeted": True}, "persistently-targeted"),
    ({"vulnerable": True}, "vulnerable"),
    ({"intimidated": True}, "intimidated"),
])
def test_each_ground_gives_its_reason(overrides, reason):
    base = {"most_serious_offence": False, **overrides}
    assert reason in enhanced_reasons(VictimFacts(**base))


def test_under_18_is_judged_at_the_offence_date_not_today():
    born = date(2008, 6, 15)
    assert "under-18" in enhanced_reasons(facts(date_of_birth=born, offence_date=date(2026, 6, 14)))
    assert "under-18" not in enhanced_reasons(facts(date_of_birth=born, offence_date=date(2026, 6, 15)))


def test_sexual_offence_and_domestic_abuse_complainants_are_presumed_intimidated():
    assert "intimidated" in enhanced_reasons(facts(sexual_offence=True))
    assert "intimidated" in enhanced_reasons(facts(domestic_abuse=True))
    assert "intimidated" not in enhanced_reasons(facts(domestic_abuse=True, declines_intimidated=True))


def test_a_business_victim_has_no_enhanced_rights():
    assert enhanced_reasons(facts(business=True, vulnerable=True, most_serious_offence=True)) == []


def test_every_reason_that_applies_is_shown():
    reasons = enhanced_reasons(VictimFacts(most_serious_offence=True, domestic_abuse=True, vulnerable=True))
    assert reasons == ["most-serious-crime", "domestic-abuse", "vulnerable", "intimidated"]


@pytest.mark.parametrize(("born", "on", "age"), [
    (date(2000, 2, 29), date(2018, 2, 28), 17),
    (date(2000, 2, 29), date(2018, 3, 1), 18),
    (date(1990, 12, 31), date(2026, 12, 31), 36),
])
def test_age_on(born, on, age):
    assert age_on(born, on) == age
