"""Letters to victims: the acknowledgement, the letter after unsuccessful contact, the key-stage update;
in the victim's language or bilingual; recorded on the case and in the audit log; only for those who
may see the case."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.factories import make_case, make_team, make_user
from victimcare.cases import contracts, updates
from victimcare.models import AuditEvent, Letter, Victim
from victimcare.vcu import services as vcu
from victimcare.vcu.services import create_follow_up


def pdf_text(response) -> str:
    assert response.mimetype == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def letter_url(case, victim, kind: str) -> str:
    return f"/cases/{case.id}/victims/{victim.id}/letters/{kind}"


def produce(browser, case, victim, kind: str, *, language: str = "preferred", output: str = "pdf", event=None):
    data = {"language": language, output: "1"}
    if event is not None:
        data["event"] = str(event.id)
    return browser.submit(letter_url(case, victim, kind), data)


@pytest.fixture
def welsh_case(db):
    """A case with two victims: Welsh-speaking Alys (the letter's addressee) and Bryn, who must never appear."""
    officer = make_user("officer", team=make_team("Team A"))
    case = make_case(officer, victims=2)
    alys, bryn = case.victims
    alys.name, alys.preferred_language, alys.address = "Alys Pritchard", "cy", "1 Heol y Bont\nCasnewydd\nNP20 1AA"
    bryn.name, bryn.address = "Bryn Secondvictim", "99 Hidden Street"
    db.session.commit()
    return officer, case, alys, bryn


def preview_letter_text(response) -> str:
    """The letter as the preview page shows it (all its languages), without the page around it."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return squeeze(" ".join(sheet.get_text(" ") for sheet in soup.select(".vc-letter-sheet")))


def test_the_acknowledgement_gives_what_right_3_asks_for(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    alys.preferred_language = "en"
    db.session.commit()
    browser.login(officer)
    text = squeeze(pdf_text(produce(browser, case, alys, "acknowledgement")))
    assert "Your report of a crime" in text
    assert f"Crime reference {case.crime_reference}" in text
    assert "Burglary of a home" in text  # the offence
    assert f"To speak to the officer in the case, {officer.display_name}, call 101" in text
    assert "What happens next" in text and "within 5 working days" in text
    assert "to make a complaint if you do not receive these rights" in text  # the twelfth right
    assert "Connect Gwent" in text and "Victim Support" in text
    assert "Dear Alys Pritchard," in text and "1 Heol y Bont" in text


def test_an_enhanced_rights_victim_is_told_of_the_one_day_timescale(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="sexual-assault")
    db.session.commit()
    browser.login(officer)
    text = squeeze(pdf_text(produce(browser, case, case.victims[0], "acknowledgement")))
    assert "within 1 working day" in text


def test_a_letter_never_prints_another_victim_of_the_same_case(browser, welsh_case, db):
    officer, case, alys, bryn = welsh_case
    browser.login(officer)
    for kind, language in (("acknowledgement", "preferred"), ("acknowledgement", "bilingual")):
        text = pdf_text(produce(browser, case, alys, kind, language=language))
        assert "Alys Pritchard" in text
        assert "Bryn" not in text and "Hidden Street" not in text


def test_producing_a_letter_is_recorded_on_the_case_and_audited_as_a_disclosure(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    browser.login(officer)
    produce(browser, case, alys, "acknowledgement", output="preview")
    produce(browser, case, alys, "acknowledgement", language="bilingual")
    letters = db.session.scalars(sa.select(Letter).order_by(Letter.id)).all()
    assert [(l.victim_id, l.kind, l.language, l.output, l.produced_by_id) for l in letters] == [
        (alys.id, "acknowledgement", "cy", "preview", officer.id),
        (alys.id, "acknowledgement", "cy+en", "pdf", officer.id)]
    disclosures = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "disclose",
                                                                 AuditEvent.record_type == "letter")
                                     .order_by(AuditEvent.id)).all()
    assert [(e.record_id, e.case_id, e.victim_id, e.username) for e in disclosures] == [
        (str(l.id), case.id, alys.id, officer.username) for l in letters]
    assert all(e.recipients == "victim (letter)" for e in disclosures)
    page = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    history = BeautifulSoup(page, "html.parser").find(id="letters").find_next("ul").get_text(" ")
    assert "Written acknowledgement of the report (Right 3) to Alys Pritchard, in Welsh and English (PDF)" in history
    assert "in Welsh (preview)" in history


def test_producing_a_letter_does_not_mark_the_acknowledgement_sent(browser, welsh_case, db):
    """Printing is not sending: the officer records the date it went, as before."""
    officer, case, alys, _ = welsh_case
    browser.login(officer)
    produce(browser, case, alys, "acknowledgement")
    assert db.session.get(Victim, alys.id).acknowledged_on is None
    response = browser.submit(f"/cases/{case.id}/victims/{alys.id}/acknowledgement",
                              {"sent_on": ["24", "11", "2026"]}, page=letter_url(case, alys, "acknowledgement"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Victim, alys.id).acknowledged_on == date(2026, 11, 24)


def test_the_preview_shows_the_same_letter_as_the_pdf(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    _, [update, _] = updates.record_event(case, stage="no-further-action", occurred_on=date(2026, 11, 20),
                                          notes="Internal: CCTV inconclusive", by=officer)
    db.session.commit()
    browser.login(officer)
    for kind, event in (("acknowledgement", None), ("key-stage-update", update.event)):
        preview = produce(browser, case, alys, kind, language="bilingual", output="preview", event=event)
        assert preview.status_code == 200
        shown = preview_letter_text(preview)
        printed = squeeze(pdf_text(produce(browser, case, alys, kind, language="bilingual", event=event)))
        paragraphs = [squeeze(p.get_text(" ")) for p in BeautifulSoup(preview.get_data(as_text=True), "html.parser")
                      .select(".vc-letter-sheet p, .vc-letter-sheet li, .vc-letter-sheet h2, .vc-letter-sheet h3")]
        assert len(paragraphs) > 20
        missing = [p for p in paragraphs if p and p.replace(" ,", ",") not in printed]
        assert missing == [], f"{kind}: in the preview but not the PDF"
        assert "CCTV" not in shown and "CCTV" not in printed  # the investigation's notes stay internal


def test_the_key_stage_letter_tells_of_the_stage_and_the_right_to_review(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    alys.preferred_language = "en"
    event, _ = updates.record_event(case, stage="no-further-action", occurred_on=date(2026, 11, 20), notes=None,
                                    by=officer)
    db.session.commit()
    browser.login(officer)
    page = browser.get(letter_url(case, alys, "key-stage-update") + f"?event={event.id}").get_data(as_text=True)
    assert f'<option selected value="{event.id}">' in page or f'value="{event.id}" selected' in page
    text = squeeze(pdf_text(produce(browser, case, alys, "key-stage-update", event=event)))
    assert "An update on your case" in text
    assert "On 20 November 2026 it was decided to take no further action against the suspect." in text
    assert "Victims' Right to Review" in text
    assert db.session.scalar(sa.select(Letter.event_id)) == event.id


def test_a_key_stage_letter_needs_a_key_stage_of_this_case(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    other_case = make_case(officer)
    other_event, _ = updates.record_event(other_case, stage="arrested", occurred_on=date(2026, 11, 20), notes=None,
                                          by=officer)
    db.session.commit()
    browser.login(officer)
    for event in (None, other_event):
        response = produce(browser, case, alys, "key-stage-update", event=event)
        assert response.status_code == 200 and response.mimetype == "text/html"
        assert "Select the key stage the letter is about" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Letter)) == 0


def test_the_vcu_letter_follows_three_unsuccessful_attempts(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    alys.preferred_language = "en"
    worker = make_user("vcu")
    follow_up = create_follow_up(case, alys)
    db.session.commit()
    browser.login(worker)
    refused = produce(browser, case, alys, "no-contact")
    assert refused.status_code == 409
    assert "only after three unsuccessful contact attempts" in refused.get_data(as_text=True)
    for day in (23, 24, 25):
        vcu.record_attempt(follow_up, attempted_on=date(2026, 11, day), method="phone", outcome="no-answer",
                           notes=None, by=worker)
    db.session.commit()
    page = browser.get(f"/vcu/follow-ups/{follow_up.id}").get_data(as_text=True)
    assert letter_url(case, alys, "no-contact") in page  # offered at the "closed by letter" step
    text = squeeze(pdf_text(produce(browser, case, alys, "no-contact")))
    assert "We have been trying to contact you" in text
    assert "tried to contact you 3 times" in text
    assert worker.display_name in text and "Victim Care Unit" in text


@pytest.mark.parametrize("role", ("officer", "supervisor"))
def test_a_user_outside_the_case_gets_404(browser, welsh_case, db, role):
    _, case, alys, _ = welsh_case
    outsider = make_user(role, team=make_team("Team B"))
    db.session.commit()
    browser.login(outsider)
    assert browser.get(letter_url(case, alys, "acknowledgement")).status_code == 404
    assert produce(browser, case, alys, "acknowledgement").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Letter)) == 0


def test_board_members_never_produce_letters(browser, welsh_case, db):
    _, case, alys, _ = welsh_case
    board = make_user("board")
    db.session.commit()
    browser.login(board)
    for kind in ("acknowledgement", "no-contact", "key-stage-update"):
        assert browser.get(letter_url(case, alys, kind)).status_code == 403
        assert produce(browser, case, alys, kind).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Letter)) == 0


def test_producing_a_letter_needs_the_csrf_token(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    browser.login(officer)
    response = browser.post(letter_url(case, alys, "acknowledgement"), data={"language": "preferred", "pdf": "1"})
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Letter)) == 0


# Each kind of letter: its heading in English and Welsh, and a sentence of English body text that must
# not appear in a Welsh-only letter.
KINDS = {
    "acknowledgement": ("Your report of a crime", "Eich adroddiad am drosedd",
                        "Thank you for reporting a crime to us"),
    "no-contact": ("We have been trying to contact you", "Rydym wedi bod yn ceisio cysylltu â chi",
                   "You do not have to accept support"),
    "key-stage-update": ("An update on your case", "Y wybodaeth ddiweddaraf am eich achos",
                         "a suspect was arrested"),
}
ENGLISH_FURNITURE = ("Dear ", "Yours sincerely", "Support for you", "What happens next", "call 101 and",
                     "Gwent Police", "Crime reference", "November")
WELSH_FURNITURE = ("Annwyl ", "Yn gywir", "Cymorth i chi", "Heddlu Gwent", "Tachwedd 2026")


@pytest.fixture
def letters_world(welsh_case, db):
    """Alys's case with an arrest, and three unsuccessful calls by the Victim Care Unit."""
    officer, case, alys, bryn = welsh_case
    worker = make_user("vcu")
    follow_up = create_follow_up(case, alys)
    for day in (23, 24, 25):
        vcu.record_attempt(follow_up, attempted_on=date(2026, 11, day), method="phone", outcome="no-answer",
                           notes=None, by=worker)
    event, _ = updates.record_event(case, stage="arrested", occurred_on=date(2026, 11, 20), notes=None, by=officer)
    db.session.commit()
    return officer, worker, case, alys, event


def _letter(browser, letters_world, kind: str, language: str) -> str:
    officer, worker, case, alys, event = letters_world
    browser.login(worker if kind == "no-contact" else officer)
    return squeeze(pdf_text(produce(browser, case, alys, kind, language=language,
                                    event=event if kind == "key-stage-update" else None)))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_welsh_speaking_victim_gets_the_whole_letter_in_welsh(browser, letters_world, kind):
    english_heading, welsh_heading, english_body = KINDS[kind]
    text = _letter(browser, letters_world, kind, "preferred")
    assert welsh_heading in text
    assert "2 Tachwedd 2026" in text  # the day of the report, in Welsh
    assert all(words in text for words in WELSH_FURNITURE)
    leaked = [words for words in (english_heading, english_body, *ENGLISH_FURNITURE) if words in text]
    assert leaked == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_english_speaking_victim_gets_the_letter_in_english(browser, letters_world, db, kind):
    letters_world[3].preferred_language = "en"
    db.session.commit()
    english_heading, welsh_heading, english_body = KINDS[kind]
    text = _letter(browser, letters_world, kind, "preferred")
    assert english_heading in text and english_body in text and "2 November 2026" in text
    assert welsh_heading not in text and not any(words in text for words in WELSH_FURNITURE)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_bilingual_letter_is_welsh_first_then_english(browser, letters_world, db, kind):
    letters_world[3].preferred_language = "en"  # bilingual is chosen, whatever the victim's language
    db.session.commit()
    english_heading, welsh_heading, english_body = KINDS[kind]
    text = _letter(browser, letters_world, kind, "bilingual")
    assert welsh_heading in text and english_heading in text and english_body in text
    assert text.index(welsh_heading) < text.index(english_heading)
    assert text.index("2 Tachwedd 2026") < text.index("2 November 2026")
    assert db.session.scalar(sa.select(Letter.language)) == "cy+en"


def test_the_key_stage_letter_dates_the_stage_in_the_letters_language(browser, letters_world):
    text = _letter(browser, letters_world, "key-stage-update", "preferred")
    assert "Ar 20 Tachwedd 2026, cafodd unigolyn a amheuir ei arestio." in text


@pytest.mark.parametrize(("officer_works_in", "victim_chose", "heading"), [
    ("cy", "en", "Your report of a crime"),
    ("en", "cy", "Eich adroddiad am drosedd"),
])
def test_the_victims_choice_decides_the_language_not_the_officers(browser, welsh_case, db, officer_works_in,
                                                                   victim_chose, heading):
    officer, case, alys, _ = welsh_case
    officer.locale = officer_works_in
    alys.preferred_language = "pl" if victim_chose == "en" else "en"
    # The contract agreed with the victim records the language they chose, and it wins.
    contracts.record_contract(alys, by=officer, agreed_on=date(2026, 11, 3), wants_updates=True, methods="letter",
                              frequency="28-days", update_within_days=None, good_times=None,
                              may_leave_messages=False, representative=None, language=victim_chose,
                              interpreter_needed=False, referral_consent="given")
    db.session.commit()
    browser.login(officer)
    page = browser.get(letter_url(case, alys, "acknowledgement")).get_data(as_text=True)
    assert f'<html lang="{"cy" if officer_works_in == "cy" else "en-GB"}"' in page  # the officer's own language
    assert ("Iaith y llythyr" if officer_works_in == "cy" else "Language of the letter") in page
    text = squeeze(pdf_text(produce(browser, case, alys, "acknowledgement")))
    assert heading in text
    assert db.session.scalar(sa.select(Letter.language)) == victim_chose


def test_a_victim_who_speaks_another_language_gets_english_and_the_officer_is_told(browser, welsh_case, db):
    officer, case, alys, _ = welsh_case
    alys.preferred_language = "pl"
    db.session.commit()
    browser.login(officer)
    page = browser.get(letter_url(case, alys, "acknowledgement")).get_data(as_text=True)
    assert "arrange an interpreter or a translation" in page
    assert "Your report of a crime" in pdf_text(produce(browser, case, alys, "acknowledgement"))
