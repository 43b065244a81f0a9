"""`victimcare import cases`: records-system cases checked with the API's schema, all or nothing unless
--skip-invalid, idempotent by crime reference, a batch per transaction."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.cases import rms_import, services
from victimcare.models import AuditEvent, Case, CaseStatus, Contract, FollowUp, Victim

CASE = {
    "crime_reference": "GP/26/000123", "offence": "burglary-residential", "domestic_abuse": False, "hate_crime": None,
    "reported_on": "2026-11-20", "offence_date": "2026-11-19", "area": "Newport",
    "victims": [{"role": "primary", "name": "Alys Pritchard", "date_of_birth": "1980-05-01", "factors": ["intimidated"],
                 "preferred_language": "cy", "phone": "01633 000000", "email": "alys@example.org"}],
}
HEADER = ",".join(rms_import.CSV_HEADER)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 25))


def case(reference="GP/26/000123", **changes):
    data = copy.deepcopy(CASE)
    data.update(crime_reference=reference, **changes)
    return data


def jsonl(*cases) -> str:
    return "".join(json.dumps(c) + "\n" for c in cases)


def csv_row(**values) -> str:
    defaults = {"crime_reference": "GP/26/000200", "offence": "burglary-residential", "domestic_abuse": "false",
                "reported_on": "2026-11-20", "offence_date": "2026-11-19", "area": "Newport",
                "victim_role": "primary", "victim_name": "Ann Jones", "victim_date_of_birth": "1970-01-02",
                "victim_factors": "intimidated;vulnerable", "victim_email": "ann@example.org"}
    defaults.update(values)
    return ",".join(defaults.get(name, "") for name in rms_import.CSV_HEADER)


def run_import(app, tmp_path, text: str | bytes, user, *options, name="cases.jsonl"):
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return app.test_cli_runner().invoke(args=["import", "cases", str(path), "--as", user.username, *options])


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def changes(db) -> list[tuple]:
    return db.session.execute(sa.select(AuditEvent.action, AuditEvent.record_type, AuditEvent.username)
                              .where(AuditEvent.record_type.in_(["case", "victim"])).order_by(AuditEvent.id)).all()


def test_a_jsonl_file_creates_each_case_with_its_victims_rights_and_follow_ups(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    second = case("GP/26/000124", victims=[CASE["victims"][0], {"role": "secondary", "name": "Ifan Pritchard",
                                                                  "date_of_birth": "2015-03-02"}])
    result = run_import(app, tmp_path, jsonl(case(), second), officer)
    assert result.exit_code == 0, result.output
    assert "Created 2, updated 0, unchanged 0, skipped 0." in result.output
    stored = db.session.scalar(sa.select(Case).where(Case.crime_reference == "GP/26/000124"))
    assert stored.officer_id == officer.id and stored.referral_due_on == date(2026, 11, 24)
    assert [(v.name, v.enhanced_reason_codes) for v in stored.victims] == [
        ("Alys Pritchard", ["intimidated"]), ("Ifan Pritchard", ["under-18"])]
    assert count(db, FollowUp) == 3
    assert changes(db) == [("collect", kind, officer.username) for kind in ("case", "victim", "case", "victim",
                                                                             "victim")]


def test_a_csv_file_has_one_row_per_victim(app, db, tmp_path):
    team = make_team("Team A")
    supervisor, officer = make_user("supervisor", team=team), make_user("officer", team=team, username="pc.evans")
    db.session.commit()
    text = "\n".join([HEADER, csv_row(officer="pc.evans"),
                      csv_row(officer="pc.evans", victim_role="secondary", victim_name="Tom Jones",
                              victim_date_of_birth="2012-03-04", victim_factors="", victim_email="")]) + "\n"
    result = run_import(app, tmp_path, text, supervisor, name="rms.csv")
    assert result.exit_code == 0, result.output
    stored = db.session.scalar(sa.select(Case))
    assert stored.officer_id == officer.id
    assert [(v.role, v.name, v.email, v.vulnerable, v.intimidated) for v in stored.victims] == [
        ("primary", "Ann Jones", "ann@example.org", True, True), ("secondary", "Tom Jones", None, False, False)]


@pytest.mark.parametrize("body, expected", [
    ({**CASE, "victims": [{**CASE["victims"][0], "date_of_birth": "1980-02-30"}]},
     "line 1: victims.0.date_of_birth: Not a valid date."),
    ({**CASE, "offence": "piracy"}, "line 1: offence: Unknown offence code"),
    ({**CASE, "reported_on": "2026-12-01"}, "line 1: reported_on: Date reported must be today or in the past"),
    ({**CASE, "victims": [{**CASE["victims"][0], "email": "alys"}]},
     "line 1: victims.0.email: Not a valid email address."),
    ({k: v for k, v in CASE.items() if k != "area"}, "line 1: area: Missing data for required field."),
    ({**CASE, "officer": "nobody"}, "line 1: officer: Not an officer you may give the case to"),
])
def test_each_bad_value_is_reported_by_line_and_field_and_nothing_is_imported(app, db, tmp_path, body, expected):
    officer = make_user("officer")
    db.session.commit()
    result = run_import(app, tmp_path, jsonl(case("GP/26/000001"), body), officer)
    assert result.exit_code != 0
    assert expected.replace("line 1", "line 2") in result.output
    assert "nothing imported" in result.output
    assert count(db, Case) == 0 and count(db, AuditEvent) == 0


@pytest.mark.parametrize("text, expected", [
    ("", "line 1: _file: The file is empty"),
    (b"crime_reference,offence\xff\n", "line 1: _file: Not UTF-8 text"),
    ("crime_reference,offence,reported_on,offence_date,area\n", "line 1: victim_name: Missing column"),
    (HEADER + ",colour\n", "line 1: colour: Unknown column"),
    (HEADER + "\n" + csv_row() + "\n" + csv_row(victim_date_of_birth="02/01/1970", victim_name="B") + "\n",
     "line 3: victim_date_of_birth: Not a valid date."),
    (HEADER + "\n" + csv_row() + "\n" + csv_row(crime_reference="GP/26/000201") + "\n" + csv_row() + "\n",
     "line 4: crime_reference: Also on line 2"),
    (HEADER + "\n" + csv_row() + "\n" + csv_row(area="Torfaen", victim_name="B") + "\n",
     "line 3: area: Differs from line 2"),
])
def test_bad_csv_files_are_reported_by_line_and_nothing_is_imported(app, db, tmp_path, text, expected):
    officer = make_user("officer")
    db.session.commit()
    result = run_import(app, tmp_path, text, officer, name="rms.csv")
    assert result.exit_code != 0 and expected in result.output, result.output
    assert count(db, Case) == 0


def test_a_duplicate_crime_reference_in_a_jsonl_file_is_reported(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    result = run_import(app, tmp_path, jsonl(case(), case("gp/26/000123 ")), officer)
    assert "line 2: crime_reference: Also on line 1" in result.output and count(db, Case) == 0


def test_skip_invalid_imports_the_rest_and_names_what_was_skipped(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    text = jsonl(case("GP/26/000001"), case("GP/26/000002", offence="piracy"), case("GP/26/000003"), "not json")
    result = run_import(app, tmp_path, text, officer, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "Skipped 2 case(s): line 2 (GP/26/000002), line 4 (no crime reference)." in result.output
    assert "Created 2, updated 0, unchanged 0, skipped 2." in result.output
    assert sorted(db.session.scalars(sa.select(Case.crime_reference))) == ["GP/26/000001", "GP/26/000003"]


def test_importing_the_same_file_again_changes_nothing(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    text = jsonl(case(), case("GP/26/000124", offence="controlling-behaviour"))  # always domestic abuse
    assert run_import(app, tmp_path, text, officer).exit_code == 0
    before = (changes(db), db.session.execute(sa.select(Case.id, Case.version)).all(),
              db.session.execute(sa.select(Victim.id, Victim.version)).all())
    again = run_import(app, tmp_path, text, officer)
    assert "Created 0, updated 0, unchanged 2, skipped 0." in again.output
    db.session.expire_all()
    assert (changes(db), db.session.execute(sa.select(Case.id, Case.version)).all(),
            db.session.execute(sa.select(Victim.id, Victim.version)).all()) == before


def test_a_changed_case_is_updated_and_audited_never_duplicated_and_victimcare_records_are_kept(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    run_import(app, tmp_path, jsonl(case()), officer)
    stored = db.session.scalar(sa.select(Case))
    victim = stored.victims[0]
    db.session.add(Contract(victim_id=victim.id, agreed_on=date(2026, 11, 21), recorded_by_id=officer.id))
    db.session.commit()
    changed = case(area="Torfaen", victims=[{**CASE["victims"][0], "phone": "01633 111111"},
                                            {"role": "secondary", "name": "Gwen Pritchard"}])
    result = run_import(app, tmp_path, jsonl(changed), officer)
    assert "Created 0, updated 1, unchanged 0, skipped 0." in result.output, result.output
    db.session.expire_all()
    assert count(db, Case) == 1 and db.session.scalar(sa.select(Case.area)) == "Torfaen"
    assert [(v.name, v.phone) for v in db.session.get(Case, stored.id).victims] == [
        ("Alys Pritchard", "01633 111111"), ("Gwen Pritchard", None)]
    assert count(db, Contract) == 1
    assert changes(db)[-3:] == [("alter", "case", officer.username), ("alter", "victim", officer.username),
                                ("collect", "victim", officer.username)]


def test_a_closed_case_is_not_changed_but_reported(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    run_import(app, tmp_path, jsonl(case()), officer)
    db.session.execute(sa.update(Case).values(status=CaseStatus.CLOSED))
    db.session.commit()
    assert "unchanged 1" in run_import(app, tmp_path, jsonl(case()), officer).output
    result = run_import(app, tmp_path, jsonl(case(area="Torfaen")), officer)
    assert result.exit_code != 0 and "line 1: crime_reference: The case is closed" in result.output
    assert db.session.scalar(sa.select(Case.area)) == "Newport"


def test_a_change_that_removes_enhanced_rights_grounds_is_refused(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    run_import(app, tmp_path, jsonl(case()), officer)
    result = run_import(app, tmp_path, jsonl(case(victims=[{**CASE["victims"][0], "factors": []}])), officer)
    assert "line 1: victims.0.factors: The change would remove enhanced-rights grounds (intimidated)" in result.output
    assert db.session.scalar(sa.select(Victim.intimidated)) is True


def test_a_case_outside_what_the_importer_may_change_is_refused(app, db, tmp_path):
    owner, other = make_user("officer"), make_user("officer", team=make_team("Team B"))
    make_case(owner).crime_reference = "GP/26/000123"
    db.session.commit()
    result = run_import(app, tmp_path, jsonl(case()), other)
    assert "line 1: crime_reference: A case with this crime reference exists and is not one you may change" \
        in result.output
    assert count(db, Case) == 1


def test_an_administrator_imports_for_any_officer_but_must_name_them(app, db, tmp_path):
    admin, officer = make_user("admin"), make_user("officer", team=make_team("Team B"))
    db.session.commit()
    result = run_import(app, tmp_path, jsonl(case(), case("GP/26/000124", officer=officer.username)), admin)
    assert "line 1: officer: Name the officer in the case" in result.output
    result = run_import(app, tmp_path, jsonl(case(officer=officer.username)), admin)
    assert result.exit_code == 0 and db.session.scalar(sa.select(Case.officer_id)) == officer.id


@pytest.mark.parametrize("role", ["vcu", "board"])
def test_only_those_who_may_record_cases_import_them(app, db, tmp_path, role):
    result = run_import(app, tmp_path, jsonl(case()), make_user(role))
    assert result.exit_code != 0 and "may not import cases" in result.output


def test_a_failing_batch_is_rolled_back_whole_and_earlier_batches_stay(app, db, tmp_path, monkeypatch):
    officer = make_user("officer")
    db.session.commit()
    monkeypatch.setattr(rms_import, "BATCH_SIZE", 2)
    real = services.new_victim

    def fail_on_the_fourth_case(case_, **fields):
        if case_.crime_reference == "GP/26/000004":
            raise RuntimeError("disk full")
        return real(case_, **fields)

    monkeypatch.setattr(services, "new_victim", fail_on_the_fourth_case)
    text = jsonl(*(case(f"GP/26/00000{n}") for n in range(1, 6)))
    result = run_import(app, tmp_path, text, officer)
    assert result.exit_code != 0
    assert "the batch from line 3 to line 4 failed" in result.output and "created 2" in result.output
    assert sorted(db.session.scalars(sa.select(Case.crime_reference))) == ["GP/26/000001", "GP/26/000002"]
    assert count(db, Victim) == 2 and count(db, FollowUp) == 2


def test_the_same_file_again_keeps_an_officers_correction_and_a_changed_record_still_updates(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    assert run_import(app, tmp_path, jsonl(case()), officer).exit_code == 0
    victim = db.session.scalar(sa.select(Victim))
    services.update_victim(victim, by=officer, phone="07700 900123")  # as the web's victim form does
    db.session.commit()
    before = changes(db)
    again = run_import(app, tmp_path, jsonl(case()), officer)
    assert "Created 0, updated 0, unchanged 1, skipped 0." in again.output, again.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(Victim.phone)) == "07700 900123"
    assert changes(db) == before
    # The records system's record itself changes: that is applied and audited as before.
    changed = case(victims=[{**CASE["victims"][0], "email": "alys.new@example.org"}])
    result = run_import(app, tmp_path, jsonl(changed), officer)
    assert "Created 0, updated 1, unchanged 0, skipped 0." in result.output, result.output
    db.session.expire_all()
    assert db.session.execute(sa.select(Victim.email, Victim.phone)).one() == ("alys.new@example.org", "01633 000000")
    assert changes(db)[len(before):] == [("alter", "victim", officer.username)]
    # ...and that record sent again leaves the officer's next correction alone.
    services.update_victim(db.session.scalar(sa.select(Victim)), by=officer, phone="07700 900456")
    db.session.commit()
    assert "unchanged 1" in run_import(app, tmp_path, jsonl(changed), officer).output
    db.session.expire_all()
    assert db.session.scalar(sa.select(Victim.phone)) == "07700 900456"


def test_the_fingerprint_ignores_the_order_of_victims_but_not_their_data(app):
    first, second = CASE["victims"][0], {"role": "secondary", "name": "Ifan Pritchard"}
    data = {**CASE, "victims": [first, second]}
    assert rms_import.fingerprint(data, None) == rms_import.fingerprint({**data, "victims": [second, first]}, None)
    assert rms_import.fingerprint(data, None) != rms_import.fingerprint(
        {**data, "victims": [{**first, "phone": "01633 999999"}, second]}, None)
    assert rms_import.fingerprint(data, None) != rms_import.fingerprint(data, "pc.evans")


def test_a_case_imported_before_fingerprints_were_kept_is_compared_then_remembered(app, db, tmp_path):
    officer = make_user("officer")
    db.session.commit()
    run_import(app, tmp_path, jsonl(case()), officer)
    db.session.execute(sa.update(Case).values(rms_fingerprint=None))
    db.session.commit()
    victim = db.session.scalar(sa.select(Victim))
    services.update_victim(victim, by=officer, phone="07700 900123")
    db.session.commit()
    # Without a fingerprint the file is compared with victimcare, as before: the file's phone wins.
    assert "updated 1" in run_import(app, tmp_path, jsonl(case()), officer).output
    db.session.expire_all()
    assert db.session.scalar(sa.select(Victim.phone)) == "01633 000000"
    assert db.session.scalar(sa.select(Case.rms_fingerprint)) is not None
