"""Redaction for the Scrutiny Panel: consistent pseudonyms, relative dates, and no personal value left."""

import json
import re
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from victimcare.scrutiny.redaction import (
    ADDRESS_REMOVED,
    DATE_REMOVED,
    DOB_REMOVED,
    EMAIL_REMOVED,
    NAME_REMOVED,
    PHONE_REMOVED,
    POSTCODE_REMOVED,
    REFERENCE_REMOVED,
    TITLES,
    Redactor,
    build_pack,
    relative_day,
    victim_label,
)

REPORTED = date(2026, 3, 2)


@pytest.fixture
def redactor():
    r = Redactor(report_date=REPORTED, case_label="Case 4")
    r.reference("GP/26/000123")
    r.victim(name="Siân Jones-Price", date_of_birth=date(1980, 5, 1), address="12 High Street, Newport NP20 1AB",
             phone="07700 900123", email="sian.jp@example.org", key="v1")
    r.victim(name="Tomos Jones-Price", key="v2")
    r.staff("PC Rhys Morgan", "Officer", key="s1")
    return r


def test_victims_are_lettered_and_staff_numbered_consistently(redactor):
    assert redactor.label_of("v1") == "Victim A"
    assert redactor.label_of("v2") == "Victim B"
    assert redactor.label_of("s1") == "Officer 1"
    assert redactor.victim(name="Siân Jones-Price", key="v1") == "Victim A"  # asking again keeps the label


def test_victim_labels_run_past_z():
    assert [victim_label(i) for i in (0, 1, 25, 26, 27)] == ["Victim A", "Victim B", "Victim Z", "Victim AA",
                                                                "Victim AB"]


@pytest.mark.parametrize(("written", "expected"), [
    ("Siân Jones-Price called", "Victim A called"),
    ("SIAN called", "Victim A called"),  # first name alone, another case, no accent
    ("sian's mum", "Victim A's mum"),
    ("Tomos was there", "Victim B was there"),
    ("the Jones-Price family", f"the {NAME_REMOVED} family"),  # a surname two victims share names neither
    ("Rhys Morgan took the statement", "Officer 1 took the statement"),  # without the rank
    ("PC Morgan took the statement", "PC Officer 1 took the statement"),
])
def test_names_and_their_parts_are_replaced_in_free_text(redactor, written, expected):
    assert redactor.text(written) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("ring 07700 900123", f"ring {PHONE_REMOVED}"),
    ("ring 07700900123 or +44 7700 900123", f"ring {PHONE_REMOVED} or {PHONE_REMOVED}"),
    ("landline (01633) 123456, 029 2012 3456", f"landline {PHONE_REMOVED}, {PHONE_REMOVED}"),
    ("mail sian.jp@example.org or someone.else@gmail.com", f"mail {EMAIL_REMOVED} or {EMAIL_REMOVED}"),
    ("lives at 12 High Street", f"lives at {ADDRESS_REMOVED}"),
    ("moved to flat 2, 7 Heol y Parc", f"moved to {ADDRESS_REMOVED}"),
    ("new home 45b Station Road, Cwmbran", f"new home {ADDRESS_REMOVED}, Cwmbran"),
    ("postcode np20 1ab", f"postcode {POSTCODE_REMOVED}"),
    ("born 1 May 1980", f"born {DOB_REMOVED}"),
    ("DOB 01/05/1980", f"DOB {DOB_REMOVED}"),
    ("DOB 1980-05-01", f"DOB {DOB_REMOVED}"),
    ("see GP/26/000123", "see Case 4"),
    ("linked to GP/25/999999", f"linked to {REFERENCE_REMOVED}"),
    ("arrested on 4/3/2026", "arrested on day 2 after the report"),
    ("court on 9th March 2026", "court on day 7 after the report"),
    ("incident on 28 February 2026", "incident on 2 days before the report"),
    ("seen on 3rd March", f"seen on {DATE_REMOVED}"),
])
def test_contact_details_addresses_dates_and_references_in_free_text(redactor, written, expected):
    assert redactor.text(written) == expected


def test_a_victim_named_after_a_month_or_a_day_loses_neither_name_nor_date_of_birth():
    r = Redactor(report_date=REPORTED)
    r.victim(name="June Day", date_of_birth=date(1980, 6, 1), key="v")
    assert r.text("June Day was born 1 June 1980; seen 3/3/2026") == (
        f"Victim A was born {DOB_REMOVED}; seen day 1 after the report")


def test_a_name_with_an_apostrophe_is_found_however_the_apostrophe_is_typed():
    r = Redactor(report_date=REPORTED)
    r.victim(name="Siobhan O'Brien", key="v")
    assert r.text("Mrs O’Brien and SIOBHAN O`BRIEN") == "Mrs Victim A and Victim A"


def test_the_short_form_of_a_first_name_is_caught_too():
    r = Redactor(report_date=REPORTED)
    r.victim(name="Dafydd Hughes", key="v")
    r.staff("PC William Ellis", "Officer", key="s")
    assert r.text("Dai says Bill was kind") == "Victim A says Officer 1 was kind"


def test_relative_days():
    assert relative_day(REPORTED, REPORTED) == "the day of the report"
    assert relative_day(date(2026, 3, 3), REPORTED) == "day 1 after the report"
    assert relative_day(date(2026, 3, 1), REPORTED) == "1 day before the report"
    assert relative_day(None, REPORTED) is None


def test_company_words_in_a_business_name_are_not_redacted_alone_but_the_owner_is():
    r = Redactor(report_date=REPORTED)
    r.victim(name="Pritchard Garage Ltd", contact_name="Ffion Pritchard", key="b", business=True)
    assert r.text("Pritchard Garage Ltd: Ffion says the garage was broken into") == (
        "Victim A: Contact 1 says the garage was broken into")


def test_extra_terms_a_supervisor_found_become_people(redactor):
    redactor.terms(["Big Dai", "Caerleon Arms"])
    assert redactor.text("Big Dai drinks at the Caerleon Arms") == "Person 1 drinks at the Person 2"


def snapshot(victims: list[dict], *, notes: str = "") -> dict:
    return {
        "crime_reference": "GP/26/000123", "reported_on": REPORTED, "offence": "Residential burglary",
        "offence_category": "Theft offences", "area": "Newport", "domestic_abuse": False, "hate_crime": None,
        "offence_from": date(2026, 3, 1), "offence_to": None, "closed_on": date(2026, 5, 1), "officer_id": 7,
        "staff": [{"id": 7, "name": "PC Rhys Morgan", "role": "Officer"}],
        "victims": [{
            "id": i, "role": "primary" if i == 0 else "secondary", "kind": "person", "enhanced_rights": False,
            "enhanced_reasons": [], "relationship_to_primary": None, "communication_needs": notes,
            "acknowledged_on": date(2026, 3, 3), "interpreter_needed": False,
            "contract": {"agreed_on": REPORTED, "wants_updates": True, "methods": ["phone"], "frequency": "28-days",
                         "good_times": notes, "representative": None, "referral_consent": "given"},
            "what_matters": [{"category": "safety", "in_their_words": notes, "outcome": "met",
                              "outcome_explanation": notes}],
            "needs": [{"assessed_on": REPORTED, "risk": "standard", "support_needs": "", "vps_taken": "declined",
                       "vulnerability_notes": notes, "notes": notes}],
            "referrals": [{"service": "Victim Support", "consent": "given", "status": "sent", "referred_on": REPORTED,
                           "outcome": notes}],
            "updates": [{"kind": "key-stage", "stage": "arrested", "due_on": date(2026, 3, 5),
                         "given_on": date(2026, 3, 4), "method": "phone", "given_by_id": 7, "what_was_said": notes,
                         "victims_views": notes, "overdue_reason": None}],
            **v} for i, v in enumerate(victims)],
        "key_stages": [{"stage": "arrested", "occurred_on": date(2026, 3, 4), "notes": notes}],
        "plan_actions": [{"what": notes, "who": notes, "by_when": None, "status": "done"}],
        "closure_steps": [{"step": "approved", "on": date(2026, 5, 1), "by_id": 7, "outcome": notes, "reason": notes}],
    }


def test_a_pack_carries_the_journey_under_pseudonyms_and_relative_days():
    pack = build_pack(snapshot([{"name": "Siân Jones", "date_of_birth": date(1980, 5, 1), "address": "1 Elm Road",
                                 "phone": "07700 900123", "email": "s@example.org"}],
                               notes="Siân said PC Morgan was kind"), label="Case 4")
    victim = pack["victims"][0]
    assert victim["label"] == "Victim A" and victim["age_group"] == "18 to 64"
    assert victim["what_matters"][0]["in_their_words"] == "Victim A said PC Officer 1 was kind"
    assert victim["updates"][0] == {**victim["updates"][0], "due": "day 3 after the report",
                                    "given": "day 2 after the report", "on_time": True, "by": "Officer 1"}
    assert pack["closed"] == "day 60 after the report" and pack["officer"] == "Officer 1"
    assert "GP/26" not in json.dumps(pack)


# --- no known personal value survives, wherever it is written -------------------------------------------

LABEL_WORDS = {"victim", "officer", "person", "contact", "case", "day", "days", "after", "before", "the", "report",
               "removed", "name", "email", "phone", "address", "postcode", "date", "birth", "of", "reference"}
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzâŵŷéï", min_size=3, max_size=10).map(str.capitalize).filter(
    lambda n: n.lower() not in LABEL_WORDS | TITLES)
victims = st.fixed_dictionaries({
    "first": names, "last": names,
    "date_of_birth": st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)),
    "house": st.integers(min_value=1, max_value=999),
    "street": names, "kind": st.sampled_from(["Street", "Road", "Close", "Avenue"]),
    "phone": st.from_regex(r"07[0-9]{9}", fullmatch=True),
    "user": st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?", fullmatch=True),
})


def variants(v: dict) -> list[str]:
    """The ways a person's details get written into a case's notes."""
    dob, phone = v["date_of_birth"], v["phone"]
    return [
        f"{v['first']} {v['last']}", v["first"].upper(), v["last"].lower(), f"{v['last']}'s",
        f"{phone[:5]} {phone[5:]}", f"+44 {phone[1:5]} {phone[5:]}", phone,
        f"{v['user']}@example.org", f"{dob.day}/{dob.month}/{dob.year}", f"{dob.day} {dob:%B %Y}", dob.isoformat(),
        f"{v['house']} {v['street']} {v['kind']}", f"{v['house']} {v['street'].lower()} {v['kind'].lower()}",
    ]


def values_of(pack) -> list[str]:
    if isinstance(pack, dict):
        return [s for v in pack.values() for s in values_of(v)]
    if isinstance(pack, list):
        return [s for v in pack for s in values_of(v)]
    return [str(pack)]


# Words every pack may carry whoever it is about: labels, reference data, relative days.
# The pack's own words (labels, codes such as a second victim's role "secondary"): a name that is one of
# them cannot be told apart from them in the output.
FIXED_WORDS = {w for value in values_of(build_pack(snapshot([{"name": "X Y"}, {"name": "Z W"}], notes="x"),
                                                   label="Case 1"))
               for w in re.findall(r"\w+", value.lower())}


@settings(max_examples=60, deadline=None)
@given(people=st.lists(victims, min_size=1, max_size=3))
def test_no_known_personal_value_survives_in_any_field(people):
    assume(all(p[k].lower() not in FIXED_WORDS for p in people for k in ("first", "last")))
    notes = " and ".join(f"spoke to {w}" for p in people for w in variants(p)) + ", ref GP/26/000123"
    case = snapshot([{
        "name": f"{p['first']} {p['last']}", "date_of_birth": p["date_of_birth"],
        "address": f"{p['house']} {p['street']} {p['kind']}, Newport", "phone": p["phone"],
        "email": f"{p['user']}@example.org", "relationship_to_primary": f"Partner of {p['first']}",
    } for p in people], notes=notes)
    output = "\n".join(values_of(build_pack(case, label="Case 1")))
    words = set(re.findall(r"\w+", output.lower()))
    digits = re.sub(r"\D", "", output)
    assert "@" not in output and "GP/26/000123" not in output
    for p in people:
        for name in (p["first"], p["last"]):
            assert name.lower() not in words
        assert p["phone"][1:] not in digits
        for written in (p["date_of_birth"].isoformat(), f"{p['date_of_birth']:%B %Y}",
                        f"{p['house']} {p['street']}"):
            assert written.lower() not in output.lower()
