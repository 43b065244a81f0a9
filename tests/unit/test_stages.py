"""When updates fall due: the Code's timescales, the contract, and periodic updates."""

from datetime import date

import pytest

from victimcare.journey.stages import (
    DEFAULT_TIMESCALES,
    KEY_STAGES,
    Timescale,
    acknowledgement_due_on,
    periodic_due_on,
    referral_due_on,
    update_due_on,
)

THURSDAY_24_DEC_2026 = date(2026, 12, 24)


@pytest.mark.parametrize("stage", [t.code for t in KEY_STAGES])
@pytest.mark.parametrize(("enhanced", "due"), [(True, date(2026, 12, 29)), (False, date(2027, 1, 5))])
def test_every_key_stage_on_christmas_eve(stage, enhanced, due):
    assert update_due_on(stage, THURSDAY_24_DEC_2026, enhanced=enhanced) == due


def test_a_contract_asking_for_sooner_updates_wins():
    assert update_due_on("charged", date(2026, 11, 23), enhanced=False, contract_days=2) == date(2026, 11, 25)


def test_a_contract_cannot_make_the_code_deadline_later():
    assert update_due_on("charged", date(2026, 11, 23), enhanced=True, contract_days=10) == date(2026, 11, 24)


def test_configured_timescales_are_used():
    timescales = {**DEFAULT_TIMESCALES, "passed-to-cps": Timescale("passed-to-cps", "x", 10, 3, True)}
    assert update_due_on("passed-to-cps", date(2026, 11, 23), enhanced=True,
                         timescales=timescales) == date(2026, 11, 26)


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="unknown key stage"):
        update_due_on("sentenced-to-death", date(2026, 1, 1), enhanced=False)


@pytest.mark.parametrize(("frequency", "due"), [
    ("weekly", date(2026, 11, 30)),
    ("fortnightly", date(2026, 12, 7)),
    ("28-days", date(2026, 12, 21)),
    ("key-stages", None),
])
def test_periodic_updates_follow_the_contract(frequency, due):
    assert periodic_due_on(date(2026, 11, 23), frequency) == due


def test_a_periodic_update_landing_on_a_bank_holiday_moves_to_the_next_working_day():
    # 28 days after 27 November 2026 is Friday 25 December: due Tuesday 29 December.
    assert periodic_due_on(date(2026, 11, 27), "28-days") == date(2026, 12, 29)


def test_referral_within_two_working_days_and_acknowledgement_within_five():
    assert referral_due_on(date(2026, 11, 27)) == date(2026, 12, 1)
    assert acknowledgement_due_on(date(2026, 11, 27)) == date(2026, 12, 4)


def test_referral_consent_rules():
    from victimcare.journey.contract import may_refer, referral_needs_explicit_consent

    assert referral_needs_explicit_consent(sexual_offence=True, domestic_abuse=False, bereaved=False)
    assert referral_needs_explicit_consent(sexual_offence=False, domestic_abuse=True, bereaved=False)
    assert referral_needs_explicit_consent(sexual_offence=False, domestic_abuse=False, bereaved=True)
    assert not referral_needs_explicit_consent(sexual_offence=False, domestic_abuse=False, bereaved=False)
    # opt-out: referred unless they refuse
    assert may_refer("not-asked", explicit_consent_needed=False)
    assert not may_refer("refused", explicit_consent_needed=False)
    # opt-in: only with consent given
    assert not may_refer("not-asked", explicit_consent_needed=True)
    assert may_refer("given", explicit_consent_needed=True)
