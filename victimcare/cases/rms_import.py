"""Cases from the force's records management system (RMS), as CSV or JSON Lines.

Every case is checked with the API's own schema (victimcare.api.schemas.CaseInSchema: the same field
names, codes and dates as POST /api/v1/cases) and against the database before anything is written;
then the cases are written a batch per transaction, by the same services as the web and the API.
A crime reference already in victimcare is that case: the same data again changes nothing, and
changed data updates it (audited as a change by the importing user), never a second case. Each case
keeps a fingerprint of the record as last imported (Case.rms_fingerprint): a record the records system
sends again unchanged is left alone, so officers' corrections in victimcare since are not reverted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from victimcare import audit
from victimcare.access import can_edit_case
from victimcare.api.cases import CASE_COLUMNS  # the API's field names for the case's columns
from victimcare.api.errors import flatten
from victimcare.api.schemas import CaseInSchema
from victimcare.cases import services
from victimcare.cases.updates import timescales
from victimcare.extensions import db
from victimcare.models import Case, CaseStatus, EnhancedGround, Offence, Role, User
from victimcare.models.audit import AuditAction
from victimcare.vcu.services import new_follow_up

FORMATS = ("csv", "jsonl", "json")
# Cases written per transaction: a failure loses at most this batch, and never half a case.
BATCH_SIZE = 500

VICTIM_KEYS = ("role", "kind", "name", "contact_name", "relationship_to_primary", "date_of_birth", "address", "phone",
               "email", "preferred_language", "interpreter_needed", "communication_needs", "factors",
               "declines_intimidated")
# The CSV: one row per victim, the case's columns repeated on each of its rows.
CSV_HEADER = (*CASE_COLUMNS, "officer", *(f"victim_{key}" for key in VICTIM_KEYS))
CSV_REQUIRED = ("crime_reference", "offence", "reported_on", "offence_date", "area", "victim_name")
# A blank cell in these is "not recorded" (null); in the others it takes the API's default.
CSV_NULLABLE = frozenset({"hate_crime", "offence_to", "victim_contact_name", "victim_relationship_to_primary",
                          "victim_date_of_birth", "victim_address", "victim_phone", "victim_email",
                          "victim_communication_needs"})
CSV_BOOLEANS = frozenset({"domestic_abuse", "victim_interpreter_needed", "victim_declines_intimidated"})
FACTOR_SEPARATOR = ";"


class ImportFailed(RuntimeError):
    """Writing a batch failed: that batch was rolled back; the batches before it are imported."""

    def __init__(self, report: ImportReport, lines: list[int]):
        super().__init__(f"the batch from line {lines[0]} to line {lines[-1]} failed and was rolled back")
        self.report, self.lines = report, lines


@dataclass
class CaseRow:
    """One case of the file: its lines (a CSV case has one per victim), the body as the API takes it."""

    lines: list[int]
    body: dict
    victim_lines: list[int] = field(default_factory=list)
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    data: dict | None = None
    existing: Case | None = None
    officer: User | None = None
    plan: str = ""  # create, update or unchanged
    fingerprint: str = ""
    case_changes: list[str] = field(default_factory=list)
    victim_changes: list[tuple] = field(default_factory=list)  # (victim, fields) to update
    new_victims: list[dict] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def reference(self) -> str:
        value = self.body.get("crime_reference") if isinstance(self.body, dict) else None
        return value.strip().upper() if isinstance(value, str) else ""

    def error(self, field_name: str, message: str, line: int | None = None) -> None:
        self.errors.setdefault(line or self.line, {}).setdefault(field_name, []).append(message)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)  # line -> field -> messages
    skipped: list[tuple[list[int], str]] = field(default_factory=list)  # (lines, crime reference)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_errors(self, errors: dict[int, dict[str, list[str]]]) -> None:
        for line, fields in errors.items():
            for name, messages in fields.items():
                self.errors.setdefault(line, {}).setdefault(name, []).extend(messages)

    def messages(self) -> list[str]:
        """Each error as `line N: field: message`, in line order."""
        return [f"line {line}: {name}: {message}" for line in sorted(self.errors)
                for name, messages in self.errors[line].items() for message in messages]

    def skipped_text(self) -> str:
        return ", ".join(f"{lines_text(lines)} ({reference or 'no crime reference'})"
                         for lines, reference in self.skipped)

    def summary(self) -> str:
        return (f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped {len(self.skipped)}")


def lines_text(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}-{lines[-1]}"


def format_of(filename: str) -> str | None:
    """The format a file's name suggests: .csv, or .jsonl/.ndjson for JSON Lines."""
    name = filename.lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return None


def import_cases(data: bytes, fmt: str, *, by: User, skip_invalid: bool, source: str) -> ImportReport:
    """Check every case, then (if none is bad, or skip_invalid) write them a batch per transaction.

    Commits each batch: the import is the one writer that commits for itself, so that a file of
    10,000 cases is not one transaction. Raises ImportFailed if a batch cannot be written.
    """
    report = ImportReport()
    rows = parse(data, fmt, report)
    if not report.ok:
        return report  # the file itself could not be read: no case in it can be trusted
    check(rows, by=by)
    for row in rows:
        report.add_errors(row.errors)
    if not report.ok and not skip_invalid:
        return report
    report.skipped = [(row.lines, row.reference) for row in rows if row.errors]
    write([row for row in rows if not row.errors], by=by, report=report)
    audit.record(AuditAction.COLLECT, "case-import", detail=f"records-system import ({source}): {report.summary()}"
                 + (f"; skipped {report.skipped_text()}" if report.skipped else ""), user=by)
    db.session.commit()
    return report


# --- reading the file -------------------------------------------------------------------------


def parse(data: bytes, fmt: str, report: ImportReport) -> list[CaseRow]:
    """The file's cases, each as the body POST /api/v1/cases takes; errors about the file as a whole go
    straight into the report."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        report.add_errors({line: {"_file": [f"Not UTF-8 text (byte {error.start + 1}): save the file as UTF-8"]}})
        return []
    if not text.strip():
        report.add_errors({1: {"_file": ["The file is empty"]}})
        return []
    if fmt == "csv":
        return _parse_csv(text, report)
    if fmt == "jsonl":
        return _parse_jsonl(text)
    return _parse_json(text, report)


def _parse_jsonl(text: str) -> list[CaseRow]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
        except ValueError as error:
            row = CaseRow([number], {})
            row.error("_line", f"Not valid JSON: {error.msg} (column {error.colno})")
        else:
            row = CaseRow([number], body if isinstance(body, dict) else {})
            if not isinstance(body, dict):
                row.error("_line", "Must be a JSON object: one case with its victims")
        rows.append(row)
    return rows


def _parse_json(text: str, report: ImportReport) -> list[CaseRow]:
    """A JSON document {"cases": [...]}: each case's "line" is its position in the list, from 1."""
    try:
        document = json.loads(text)
    except ValueError as error:
        report.add_errors({error.lineno: {"_body": [f"Not valid JSON: {error.msg} (column {error.colno})"]}})
        return []
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list) or set(document) != {"cases"}:
        report.add_errors({1: {"cases": ['Send {"cases": [...]}: a list of cases, each as POST /api/v1/cases '
                                         'takes it']}})
        return []
    rows = []
    for number, body in enumerate(document["cases"], start=1):
        rows.append(CaseRow([number], body if isinstance(body, dict) else {}))
        if not isinstance(body, dict):
            rows[-1].error("_body", "Must be a JSON object: one case with its victims")
    return rows


def _parse_csv(text: str, report: ImportReport) -> list[CaseRow]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        report.add_errors({1: {"_header": [f"Not a CSV header: {error}"]}})
        return []
    header_errors: dict[str, list[str]] = {}
    for name in header:
        if name not in CSV_HEADER:
            header_errors.setdefault(name or "_header", []).append("Unknown column")
        elif header.count(name) > 1:
            header_errors.setdefault(name, ["Column given more than once"])
    for name in CSV_REQUIRED:
        if name not in header:
            header_errors.setdefault(name, []).append("Missing column")
    if header_errors:
        header_errors.setdefault("_header", []).append("The columns are: " + ",".join(CSV_HEADER))
        report.add_errors({1: header_errors})
        return []
    rows: list[CaseRow] = []
    last_line = 1
    try:
        for cells in reader:
            number, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            values = dict(zip(header, cells, strict=False))
            if len(cells) != len(header):
                row = CaseRow([number], {})
                row.error("_row", f"Has {len(cells)} cells; the header has {len(header)} columns")
                rows.append(row)
                continue
            case_cells = {name: values.get(name, "") for name in (*CASE_COLUMNS, "officer")}
            victim = _csv_fields({f"victim_{key}": values.get(f"victim_{key}", "") for key in VICTIM_KEYS})
            victim = {name[len("victim_"):]: value for name, value in victim.items()}
            reference = case_cells["crime_reference"].strip().upper()
            current = rows[-1] if rows else None
            if current is not None and reference and current.reference == reference:
                _check_repeated_columns(current, case_cells, number)
                current.body["victims"].append(victim)
                current.victim_lines.append(number)
                current.lines.append(number)
                continue
            body = _csv_fields(case_cells)
            body["victims"] = [victim]
            rows.append(CaseRow([number], body, victim_lines=[number]))
    except csv.Error as error:
        report.add_errors({last_line + 1: {"_row": [f"Not readable as CSV: {error}"]}})
        return []
    return rows


def _csv_fields(cells: dict[str, str]) -> dict:
    """CSV cells as the API's JSON values: true/false, lists, null for a blank optional value."""
    body: dict = {}
    for name, raw in cells.items():
        value = raw.strip()
        key = name[len("victim_"):] if name.startswith("victim_") else name
        if not value:
            if name in CSV_NULLABLE:
                body[name] = None
            continue
        if name in CSV_BOOLEANS:
            body[name] = {"true": True, "false": False}.get(value.lower(), value)
        elif key == "factors":
            body[name] = [part.strip() for part in value.split(FACTOR_SEPARATOR) if part.strip()]
        else:
            body[name] = value
    return body


def _check_repeated_columns(row: CaseRow, cells: dict[str, str], number: int) -> None:
    """A case's columns are the same on each of its rows (a blank repeats the first row's)."""
    first = _csv_fields(cells)
    for name, value in first.items():
        if name != "crime_reference" and value is not None and row.body.get(name) != value:
            row.error(name, f"Differs from line {row.line}: a case's columns are the same on each of its rows", number)


# --- checking ---------------------------------------------------------------------------------


def check(rows: list[CaseRow], *, by: User) -> None:
    """The API's schema for each case, then what only the database knows: duplicates, officers, the
    case already recorded (unchanged, changed or closed)."""
    schema = CaseInSchema()
    schema.active_offences = set(db.session.scalars(sa.select(Offence.code).where(Offence.active)))
    seen: dict[str, int] = {}
    for row in rows:
        if row.errors:
            continue
        try:
            row.data = schema.load(row.body)
        except ma.ValidationError as error:
            _schema_errors(row, error.messages)
        reference = row.reference
        if reference:
            if reference in seen:
                row.error("crime_reference", f"Also on line {seen[reference]}: each case appears once in a file")
            else:
                seen[reference] = row.line
    usernames = {_officer_named(row) for row in rows} - {None}
    users = {user.username: user for user in db.session.scalars(sa.select(User).where(User.username.in_(usernames)))}
    for row in rows:
        if row.body:
            _check_officer(row, by, users)
    valid = [row for row in rows if not row.errors]
    for chunk in _chunks(valid, BATCH_SIZE):
        existing = {case.crime_reference: case for case in db.session.scalars(
            sa.select(Case).where(Case.crime_reference.in_([row.data["crime_reference"] for row in chunk]))
            .options(selectinload(Case.victims)))}
        for row in chunk:
            row.existing = existing.get(row.data["crime_reference"])
            _plan(row, by)


def _schema_errors(row: CaseRow, messages) -> None:
    """The schema's messages by field; a CSV case's victim errors on the victim's own line and column."""
    for name, texts in flatten(messages).items():
        line = row.line
        if row.victim_lines and name.startswith("victims."):
            index, _, rest = name[len("victims."):].partition(".")
            if index.isdigit() and int(index) < len(row.victim_lines):
                line = row.victim_lines[int(index)]
                name = "victim_" + rest.split(".")[0] if rest else "victims"
        elif row.victim_lines and name == "_body":
            name = "_row"
        for text in texts:
            row.error(name, text, line)


def _officer_named(row: CaseRow) -> str | None:
    username = row.body.get("officer")
    return username.strip().lower() if isinstance(username, str) else None


def _check_officer(row: CaseRow, by: User, users: dict[str, User]) -> None:
    """Checked on every case, even one the schema refused, so a file's errors are all found at once."""
    username = _officer_named(row)
    if username is None:
        # The officer stays as recorded; a new case is the importer's own, if they can hold one.
        if by.role == Role.ADMIN:
            row.error("officer", "Name the officer in the case: an administrator's import cannot hold cases")
        return
    officer = users.get(username)
    if not services.may_be_given_case(by, officer):
        row.error("officer", "Not an officer you may give the case to: yourself; for a supervisor, an active "
                             "officer in your team; for an administrator, any active officer in a team")
    else:
        row.officer = officer


def _plan(row: CaseRow, by: User) -> None:
    fields = case_fields(row.data)
    row.fingerprint = fingerprint(row.data, _officer_named(row))
    case = row.existing
    if case is None:
        row.plan = "create"
        if row.officer is None:
            row.officer = by
        return
    if by.role != Role.ADMIN and not can_edit_case(by, case, closed_too=True):
        row.error("crime_reference", "A case with this crime reference exists and is not one you may change")
        return
    if case.rms_fingerprint == row.fingerprint:
        # The record has not changed since it was last imported: whatever differs now was changed in
        # victimcare, and the file must not undo it.
        row.plan = "unchanged"
        return
    row.case_changes = services.case_changes(case, officer=row.officer, **fields)
    unmatched = list(case.victims)
    for victim_fields in row.data["victims"]:
        match = next((v for v in unmatched if victim_key(v.role, v.name, v.date_of_birth)
                      == victim_key(victim_fields.get("role"), victim_fields.get("name"),
                                    victim_fields.get("date_of_birth"))), None)
        if match is None:
            row.new_victims.append(victim_fields)
            continue
        unmatched.remove(match)
        changed = services.victim_changes(match, victim_fields)
        if changed:
            row.victim_changes.append((match, victim_fields))
    if not (row.case_changes or row.victim_changes or row.new_victims):
        row.plan = "unchanged"
        return
    if case.status == CaseStatus.CLOSED:
        row.error("crime_reference", "The case is closed in victimcare, so the records system's changes were not "
                                     "made: reopen it there (with a reason) and import again")
        return
    _check_grounds(row, fields)
    row.plan = "update"


def fingerprint(data: dict, officer: str | None) -> str:
    """A sha256 of a case as checked by the schema, its victims in a stable order (the same record
    listing its victims differently is the same record)."""
    victims = sorted(json.dumps(victim, sort_keys=True, default=str) for victim in data["victims"])
    payload = {**data, "officer": officer, "victims": victims}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def victim_key(role, name, date_of_birth) -> tuple:
    """How a victim in the file is matched to one already on the case: role, name (case and spacing
    ignored) and date of birth."""
    return (str(role or "primary"), " ".join(str(name or "").split()).casefold(), date_of_birth)


def _check_grounds(row: CaseRow, fields: dict) -> None:
    """A change that takes away a victim's enhanced-rights grounds needs a person's stated reason, as on
    the web: the import refuses it rather than remove them silently."""
    case = row.existing
    offence = db.session.get(Offence, fields.get("offence_code", case.offence_code))
    new_case = SimpleNamespace(**{key: fields.get(key, getattr(case, key)) for key in services.CASE_FIELDS})
    new_case.domestic_abuse = new_case.domestic_abuse or offence.always_domestic_abuse
    for victim, victim_fields in row.victim_changes:
        before = SimpleNamespace(**{key: getattr(victim, key) for key in services.VICTIM_FIELDS})
        after = SimpleNamespace(**{**vars(before), **{k: v for k, v in victim_fields.items()
                                                        if k in services.VICTIM_FIELDS}})
        removed = [r for r in services.derived_reasons(before, new_case)
                   if r not in services.derived_reasons(after, new_case)]
        if removed:
            added = set(db.session.scalars(sa.select(EnhancedGround.reason)
                                           .where(EnhancedGround.victim_id == victim.id)))
            removed = [reason for reason in removed if reason not in added]
        if removed:
            index = row.data["victims"].index(victim_fields)
            line = row.victim_lines[index] if row.victim_lines else row.line
            name = "victim_factors" if row.victim_lines else f"victims.{index}.factors"
            row.error(name, f"The change would remove enhanced-rights grounds ({', '.join(removed)}): change "
                            "the victim in victimcare, giving the reason", line)


def case_fields(data: dict) -> dict:
    return {column: data[name] for name, column in CASE_COLUMNS.items() if name in data}


# --- writing ----------------------------------------------------------------------------------


def write(rows: list[CaseRow], *, by: User, report: ImportReport) -> None:
    """Write the checked cases a batch per transaction (unchanged ones cost nothing)."""
    in_force = timescales()
    for batch in _chunks([row for row in rows if row.plan != "unchanged"], BATCH_SIZE):
        # Held for the batch, so the rules' look-ups of each case's offence find it in the session.
        offences = list(db.session.scalars(sa.select(Offence)))  # noqa: F841
        try:
            with db.session.no_autoflush:
                _write_batch(batch, by=by, in_force=in_force)
            _store_fingerprints([row for row in batch if row.plan == "update"])
            db.session.commit()
        except Exception as error:
            db.session.rollback()
            raise ImportFailed(report, [batch[0].line, batch[-1].lines[-1]]) from error
        report.created += sum(row.plan == "create" for row in batch)
        report.updated += sum(row.plan == "update" for row in batch)
    report.unchanged = sum(row.plan == "unchanged" for row in rows)
    # Cases imported before fingerprints were kept (or sent back to what victimcare holds) are
    # remembered too, so that from now on officers' edits to them survive the same file again.
    _store_fingerprints([row for row in rows if row.plan == "unchanged"
                         and row.existing.rms_fingerprint != row.fingerprint])


def _store_fingerprints(rows: list[CaseRow]) -> None:
    """One statement for all the rows; not a change of the case's data, so its version (and ETag) stays."""
    if rows:
        table = Case.__table__
        db.session.execute(table.update().where(table.c.id == sa.bindparam("case_id"))
                           .values(rms_fingerprint=sa.bindparam("fingerprint")),
                           [{"case_id": row.existing.id, "fingerprint": row.fingerprint} for row in rows])


def _write_batch(batch: list[CaseRow], *, by: User, in_force) -> None:
    created = []
    for row in batch:
        if row.plan == "create":
            case = services.new_case(officer=row.officer, in_force=in_force, **case_fields(row.data))
            case.rms_fingerprint = row.fingerprint
            for victim_fields in row.data["victims"]:
                services.new_victim(case, **victim_fields)
            db.session.add(case)
            created.append(case)
    db.session.flush()  # one round of inserts for the batch's new cases and victims
    for case in created:
        audit.record(AuditAction.COLLECT, "case", case.id, case_id=case.id, detail="records-system import", user=by)
        for victim in case.victims:
            db.session.add(new_follow_up(case, victim, in_force))  # the Victim Care Unit follows up every victim
            audit.record(AuditAction.COLLECT, "victim", victim.id, case_id=case.id, victim_id=victim.id,
                         detail="records-system import", user=by)
    for row in batch:
        if row.plan == "update":
            _update(row, by=by)


def _update(row: CaseRow, *, by: User) -> None:
    case = row.existing
    if row.case_changes:
        services.update_case(case, officer=row.officer, by=by, **case_fields(row.data))
    for victim, victim_fields in row.victim_changes:
        services.update_victim(victim, by=by, **victim_fields)
    for victim_fields in row.new_victims:
        services.add_victim(case, by=by, **victim_fields)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
