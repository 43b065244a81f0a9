"""No personal data about a victim reaches a Victims' Board member, by any route or in any format.

The test builds a realistic database: the seeder's synthetic cases with their CARES journeys, the demo's
Scrutiny Panel sample (packs approved by the cases' supervisors, findings, actions open, overdue and done),
and a few cases whose victims' details are also written into free text. It collects every victim's personal
data from the database as needles, signs in as a Board member and walks every GET route in the app's URL
map, filling its path from the real ids in the database, following the links and GET forms of each page
that answers and every download format (CSV zips member by member, PDFs as text). No needle may appear.

Free text reaches the Panel only inside approved scrutiny packs, redacted: sentences planted in cases the
Panel may not see must never appear at all, and from the case in an approved pack only redacted words may.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import sqlalchemy as sa
from pypdf import PdfReader

from tests.factories import make_case, make_team, make_user
from victimcare import demo
from victimcare.api.tokens import issue_token
from victimcare.cases import contracts, needs, plan, updates
from victimcare.extensions import db as _db
from victimcare.models import Case, ClosureStep, Contract, ScrutinyPack, User, Victim
from victimcare.reports import measures
from victimcare.scrutiny import services as scrutiny
from victimcare.seed import seed_cases
from victimcare.vcu.feedback import record_feedback

SEEDED_UNTIL = date(2026, 9, 30)  # the seeder's cases are reported and closed up to here
PLANTED_MONTH = date(2026, 10, 1)  # the planted cases close in October: their own Scrutiny Panel sample
PLANTED_CLOSED_ON = date(2026, 10, 20)
REPORT_PERIODS = (  # the Board report is also walked with its default period (the last full quarter)
    (date(2026, 7, 1), date(2026, 9, 30)),  # a quarter
    (date(2025, 10, 1), date(2026, 9, 30)),  # a year
    (date(2024, 10, 1), date(2026, 10, 31)),  # everything, planted cases too
    (date(2026, 10, 1), date(2026, 10, 31)),  # the planted cases' month alone: only a handful of victims
)
MAX_URLS_PER_ROUTE = 150  # links (pagination, filters) followed per route at most
MAX_PDFS_PER_PATH = 6  # PDFs are slow to draw: a page's PDF is read for its first few variants
ROOT = Path(__file__).resolve().parents[2]


# --- the planted cases ---------------------------------------------------------------------------------------

# Sentences written into cases the Panel may never see (an open case, and one whose pack is not approved):
# what matters, needs notes, key-stage notes, updates, the plan, feedback. None may reach a Board member.
OPEN_CASE_TEXT = (
    "Zephyrine is frightened he will wait at the school gates on Cwrt Tregelli",
    "Rang Zephyrine on 07833 615247, she says Branwen collects Emrys from school",
    "Zephyrine disclosed earlier abuse by her former partner at the meeting",
    "Ex-partner drives a silver van; Zephyrine keeps a diary of sightings",
    "Emrys has nightmares since the incident and sees the school nurse",
    "Call Zephyrine after 3pm on 07833615247 only, never the landline",
)
DRAFT_PACK_TEXT = (
    "Morwenna asked that her employer at the bakery is never contacted",
    "Morwenna keeps the spare key with her neighbour Tegwen at number 9",
    "Morwenna's sister drives her to the hospital on Tuesdays",
    "The graffiti on the shutters named Morwenna and her partner",
    "Morwenna will stay with her aunt in Crickhowell until the locks are changed",
    "Told Morwenna the suspect was interviewed; she cried on the phone",
)
SECRET_SENTENCES = OPEN_CASE_TEXT + DRAFT_PACK_TEXT

# The victims the test invents: name, date of birth, address, phone, email, and who speaks for them.
PLANTED_PEOPLE = {
    "open": dict(name="Zephyrine Quarrington-Vaughan", date_of_birth=date(1984, 7, 9), phone="07833 615247",
                 address="14 Cwrt Tregelli, Cwmbran NP44 6JZ", email="zq.vaughan84@example.net"),
    "open_child": dict(name="Emrys Llewellyn-Quarrington", date_of_birth=date(2014, 3, 22), phone=None,
                       address="14 Cwrt Tregelli, Cwmbran NP44 6JZ", email=None),
    "approved": dict(name="Ifeoluwa Tregarthen", date_of_birth=date(1968, 11, 30), phone="07945 118263",
                     address="3 Heol Glasllwch, Newport NP20 3PS", email="ifeoluwa.t@example.org"),
    "draft": dict(name="Morwenna Kesteven-Ashdown", date_of_birth=date(1991, 1, 17), phone="07700 981542",
                  address="Flat 2, 88 Ffordd Penrhiw, Abergavenny NP7 5HW", email="morwenna.ka@example.com"),
}


def plant_cases(officer: User, supervisor: User) -> dict[str, Case]:
    """An open case with two victims, and two cases closed in PLANTED_MONTH, their details written into free text."""
    cases = {}
    cases["open"] = make_case(officer, victims=2, reported_on=date(2026, 10, 1), domestic_abuse=True,
                              offence="harassment", area="Torfaen")
    cases["approved"] = make_case(officer, status="closed", reported_on=date(2026, 10, 1), offence="theft")
    cases["draft"] = make_case(officer, status="closed", reported_on=date(2026, 10, 1), offence="criminal-damage",
                               area="Monmouthshire")
    for key in ("approved", "draft"):
        cases[key].closed_on = PLANTED_CLOSED_ON
    people = {"open": cases["open"].victims[0], "open_child": cases["open"].victims[1],
              "approved": cases["approved"].victims[0], "draft": cases["draft"].victims[0]}
    for key, victim in people.items():
        for attribute, value in PLANTED_PEOPLE[key].items():
            setattr(victim, attribute, value)
    _db.session.flush()

    def journey(case: Case, victim: Victim, sentences: list[str], representative: str) -> None:
        contracts.record_contract(victim, by=officer, agreed_on=case.reported_on, methods="phone", wants_updates=True,
                                  frequency="28-days", representative=representative, referral_consent="given")
        for sentence in sentences[:2]:
            contracts.add_what_matters(victim, category="safety", in_their_words=sentence, by=officer)
        needs.record_assessment(victim, by=officer, assessed_on=case.reported_on, risk="high",
                                vulnerability_notes=sentences[2], notes=sentences[3])
        _, owed = updates.record_event(case, stage="arrested", occurred_on=date(2026, 10, 2), notes=sentences[4],
                                       by=officer)
        for update in owed:
            updates.give_update(update, given_on=date(2026, 10, 3), method="phone", what_was_said=sentences[5],
                                victims_views=sentences[0], progress={}, by=officer)
        plan.add_action(case, what=sentences[1], who=officer.display_name, by_when=None, what_matters_id=None)
        record_feedback(case, victim, stage="survey", surveyed_on=date(2026, 10, 25),
                        answers={"kept_informed": 7, "treatment": 6}, comments=sentences[2], consent_to_use=False,
                        impacts={}, source="phone", by=None)

    journey(cases["open"], people["open"], list(OPEN_CASE_TEXT), "Branwen Quarrington")
    people["open_child"].communication_needs = OPEN_CASE_TEXT[4]
    journey(cases["draft"], people["draft"], list(DRAFT_PACK_TEXT), "Tegwen Ashdown-Price")
    # The approved pack's free text names the victim in other forms: redaction must catch every one.
    approved = PLANTED_PEOPLE["approved"]
    journey(cases["approved"], people["approved"], [
        "Ifeoluwa wants her late mother's ring back",
        "IFEOLUWA rang from 07945118263 and emailed ifeoluwa.t@example.org",
        f"Tregarthen lives at {approved['address']} and was born 30/11/1968",
        "Mrs Tregarthen's son Olumide will collect the ring",
        "Suspect seen near 3 Heol Glasllwch on CCTV",
        "Told Ifeoluwa Tregarthen the suspect was arrested",
    ], "Olumide Tregarthen")
    people["approved"].communication_needs = "Ifeoluwa Tregarthen is deaf: text 07945 118263, never call"
    for item in contracts.what_matters_for(people["approved"].id):
        item.outcome, item.outcome_explanation = "met", "Ifeoluwa has the ring back at 3 Heol Glasllwch"
    _db.session.add(ClosureStep(case_id=cases["approved"].id, step="approved", by_id=supervisor.id,
                                reason="Mrs Tregarthen kept informed; born 30 November 1968, so not enhanced"))
    _db.session.flush()
    return cases


def build_dataset() -> dict:
    """Seeded cases and journeys, the demo's Scrutiny Panel sample, the planted cases and their own sample."""
    admin, board = make_user("admin"), make_user("board")
    seed_cases(200, seed=demo.DEMO_SEED, until=SEEDED_UNTIL)
    newport_sergeant = _db.session.scalar(sa.select(User).where(User.username == "seed.newport.sgt"))
    # The demo's Panel sample of September: approved packs, findings, actions; one Newport pack left waiting.
    demo.seed_scrutiny({"admin": admin, "board": board, "supervisor": newport_sergeant}, today=date(2026, 10, 10))

    team = make_team("Cwmbran Investigations")
    officer = make_user("officer", team=team)
    officer.display_name = "PC Hywel Pennant"
    supervisor = make_user("supervisor", team=team)
    cases = plant_cases(officer, supervisor)
    sample = scrutiny.draw_sample(month=PLANTED_MONTH, by=admin, seed=1)
    packs = {key: next(p for p in sample.packs if p.case_id == cases[key].id) for key in ("approved", "draft")}
    scrutiny.review_pack(packs["approved"], decision="approve", by=supervisor)
    scrutiny.record_finding(packs["approved"], kind="concern", comment="The victim's views were not recorded.",
                            by=board)
    action = scrutiny.add_action(packs["approved"], owner_team_id=team.id, due_on=date(2026, 12, 31), by=board,
                                 description="Brief the team on recording views.")
    # The team says what it did, in its own words: the Panel reads this too.
    scrutiny.close_action(action, by=supervisor, note="Briefed the team. Apologised to Ifeoluwa Tregarthen on "
                                                      "07945 118263 and to her son Olumide for the missed update.")
    _db.session.commit()
    return {"board": board, "cases": cases, "packs": packs}


# --- needles: the personal data, from the database -----------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def app_vocabulary() -> set[str]:
    """Every word the app could print by itself: its code, templates and forms, the GOV.UK components it
    renders, its reference data, staff and team names, and the calendar's. A part of a victim's name that is
    one of these ("Hill", "Price", "May") is not evidence of a leak, so it is checked only as part of the name."""
    import calendar

    import govuk_frontend_jinja
    import govuk_frontend_wtf

    words: set[str] = set()
    folders = [ROOT / "victimcare", ROOT / "templates", ROOT / "forms",
               Path(govuk_frontend_jinja.__file__).parent, Path(govuk_frontend_wtf.__file__).parent]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in (".py", ".html", ".txt", ".jinja", ".njk"):
                words |= _words(path.read_text(encoding="utf-8", errors="ignore"))
    for table, columns in (("offences", "name, category"), ("support_services", "name"), ("timescales", "label"),
                           ("teams", "name"), ("users", "display_name, username")):
        for row in _db.session.execute(sa.text(f"SELECT {columns} FROM {table}")):
            words |= _words(" ".join(value for value in row if value))
    words |= _words(" ".join([*calendar.month_name, *calendar.day_name]))
    return words


@dataclass
class Needles:
    phrases: dict[str, str] = field(default_factory=dict)  # lower-case text -> whose and what it is
    words: dict[str, str] = field(default_factory=dict)  # a distinctive name part -> whose
    # Each phrase by its longest word, to look a phrase up only in texts that have that word; and with its
    # letters and digits alone, for PDF text whose spaces moved.
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, value: str | None, what: str) -> None:
        phrase = " ".join((value or "").lower().split())
        if len(phrase) >= 4 and phrase not in self.phrases:
            self.phrases[phrase] = what
            letters = re.sub(r"\W", "", phrase) if re.search(r"[^\W\d_]", phrase) else ""
            self.keys[phrase] = (max(re.findall(r"\w+", phrase), key=len), letters)


def dates_as_printed(day: date) -> list[str]:
    return [day.isoformat(), f"{day.day} {day:%B %Y}", f"{day:%d/%m/%Y}", f"{day.day} {day:%b %Y}"]


def collect_needles(extra_sentences=()) -> Needles:
    """Every victim's name, contact name and representative, email, phone, address, postcode and date of birth,
    every crime reference, and the sentences the test planted."""
    needles = Needles()
    vocabulary = app_vocabulary()
    representatives = dict(_db.session.execute(
        sa.select(Contract.victim_id, Contract.representative).where(Contract.representative.is_not(None))).all())
    for victim in _db.session.scalars(sa.select(Victim)):
        who = f"victim {victim.id}"
        names = [victim.name, victim.contact_name, representatives.get(victim.id)]
        for name in filter(None, names):
            needles.add(name, f"name of {who}")
            for part in re.findall(r"[^\W\d_]+", name):
                if len(part) >= 4 and part.lower() not in vocabulary:
                    needles.words.setdefault(part.lower(), f"part of the name of {who}")
        needles.add(victim.email, f"email of {who}")
        if victim.phone:
            needles.add(victim.phone, f"phone of {who}")
            needles.add(re.sub(r"\D", "", victim.phone), f"phone of {who}")
        if victim.address:
            needles.add(victim.address, f"address of {who}")
            for line in victim.address.split(","):  # "14 Cwrt Tregelli" alone, not "Flat 2" or "Newport"
                if re.match(r"\s*\d+\w* [^\W\d_]{3,}", line):
                    needles.add(line, f"address of {who}")
            for postcode in re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", victim.address):
                needles.add(postcode, f"postcode of {who}")
        if victim.date_of_birth:
            for printed in dates_as_printed(victim.date_of_birth):
                needles.add(printed, f"date of birth of {who}")
    for case_id, reference in _db.session.execute(sa.select(Case.id, Case.crime_reference)):
        needles.add(reference, f"crime reference of case {case_id}")
    for sentence in extra_sentences:
        needles.add(sentence, "free text planted in a case the Panel may not see")
    return needles


def normalise(text: str) -> str:
    text = unescape(text).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.lower().split())


def find_needles(text: str, needles: Needles, *, compact_too: bool = False) -> list[str]:
    """The needles in `text`. A phrase is looked for only where its longest word is a word of the text (so each
    page is not searched thousands of times); `compact_too` also finds phrases whose spaces a PDF's text
    extraction dropped or moved, by comparing letters only."""
    flat = normalise(text)
    tokens = set(re.findall(r"\w+", flat))
    found = [f"{what}: {word!r}" for word, what in needles.words.items() if word in tokens]
    compact = re.sub(r"\W", "", flat) if compact_too else ""
    for phrase, what in needles.phrases.items():
        key, letters = needles.keys[phrase]
        if key in tokens and phrase in flat:
            found.append(f"{what}: {phrase!r}")
        elif compact and letters and letters in compact:
            found.append(f"{what}: {phrase!r} (spaces aside)")
    return found


# --- reading responses ---------------------------------------------------------------------------------------


def documents_in(response) -> dict[str, str]:
    """The readable text of a response: an HTML or text body, every member of a zip, a PDF's extracted text."""
    data = response.get_data()
    if response.mimetype == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(data))
        return {name: archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()}
    if response.mimetype == "application/pdf":
        return {"pdf": "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)}
    return {"body": data.decode("utf-8", errors="replace")}


def readable(response) -> dict[str, str]:
    """What a response tells its reader: its headers (a download's file name) and its documents."""
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    return {"headers": headers, **documents_in(response)}


class LinksAndForms(HTMLParser):
    """The site's own links on a page, and its GET forms with each field's choices."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}, "choices": {}})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            form, name = self.forms[-1], attrs["name"]
            if attrs.get("type") in ("radio", "checkbox"):
                form["choices"].setdefault(name, []).append(attrs.get("value") or "on")
                if "checked" in attrs:
                    form["fields"].setdefault(name, []).append(attrs.get("value") or "on")
            else:
                form["fields"].setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select:
            self.forms[-1]["choices"].setdefault(self._select, []).append(attrs.get("value") or "")
            if "selected" in attrs:
                self.forms[-1]["fields"][self._select] = [attrs.get("value") or ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_variants(page_url: str, form: dict) -> list[str]:
    """The form sent as it stands, and once with each choice of each radio, checkbox or select."""
    action = form["action"] or urlsplit(page_url).path
    base = {name: list(values) for name, values in form["fields"].items()}
    urls = [f"{action}?{urlencode(base, doseq=True)}"]
    for name, choices in form["choices"].items():
        for choice in choices:
            urls.append(f"{action}?{urlencode({**base, name: [choice]}, doseq=True)}")
    return urls


# --- filling the URL map with real ids -----------------------------------------------------------------------

# Where a path argument's name does not say its table; any other <thing_id> is looked up by table name.
ARGUMENT_TABLES = {"item_id": ["what_matters"]}


def tables_for(argument: str) -> list[sa.Table]:
    tables = _db.metadata.tables
    if argument in ARGUMENT_TABLES:
        return [tables[name] for name in ARGUMENT_TABLES[argument]]
    stem = argument.removesuffix("_id")
    plurals = (stem + "s", stem[:-1] + "ies" if stem.endswith("y") else stem + "s", stem)
    found = [t for name, t in tables.items() if "id" in t.c and (name in plurals or name.endswith(
        tuple("_" + p for p in plurals)))]
    # An argument no table name explains: try the ids of every table.
    return found or [t for t in tables.values() if "id" in t.c and isinstance(t.c.id.type, sa.Integer)]


def ids_of(table: sa.Table, where=None, *, sample: int = 12, always=()) -> list:
    statement = sa.select(table.c.id).order_by(table.c.id)
    if where is not None:
        statement = statement.where(where)
    ids = list(_db.session.scalars(statement))
    if len(ids) > sample:  # an even spread over the table, and the records the test cares about
        ids = sorted({*ids[:: max(1, len(ids) // sample)][:sample], *(i for i in always if i in set(ids))})
    return ids


def path_values(rule, planted_case_ids: list[int]) -> list[dict]:
    """Values for each argument of `rule`: real ids of the right table (every one, or an even sample with the
    planted cases), ids of the same case where the rule has a case, and each choice of an any()."""
    from werkzeug.routing import AnyConverter, IntegerConverter

    converters = rule._converters
    arguments = sorted(converters, key=lambda a: a != "case_id")  # the case first: the rest follow from it
    combinations: list[dict] = [{}]
    for argument in arguments:
        converter = converters[argument]
        extended = []
        for values in combinations:
            if isinstance(converter, AnyConverter):
                options = sorted(converter.items)
            elif isinstance(converter, IntegerConverter):
                options = []
                for table in tables_for(argument):
                    if argument == "case_id":
                        options += ids_of(table, sample=6, always=planted_case_ids)
                        continue
                    scoped = None
                    if "case_id" in values and "case_id" in table.c:
                        scoped = table.c.case_id == values["case_id"]
                    elif "case_id" in values and "victim_id" in table.c:
                        victims = sa.select(Victim.id).where(Victim.case_id == values["case_id"])
                        scoped = table.c.victim_id.in_(victims)
                    if scoped is not None:
                        options += ids_of(table, scoped, sample=2) + ids_of(table, sample=1)
                    else:
                        options += ids_of(table, sample=40)
                options = sorted(set(options)) or [1]
            else:  # a string: the codes of the reference tables
                options = sorted({code for table in ("timescales", "offences", "support_services")
                                  for code in _db.session.scalars(sa.text(f"SELECT code FROM {table}"))})
            extended += [{**values, argument: option} for option in options]
        combinations = extended
    return combinations


# --- the walk ------------------------------------------------------------------------------------------------


@dataclass
class Visit:
    url: str
    endpoint: str
    status: int
    mimetype: str
    documents: dict[str, str]


def canonical(url: str) -> str:
    """The same page however a link orders its query (the order of a repeated name's values is kept)."""
    parts = urlsplit(url)
    query = sorted(parse_qsl(parts.query, keep_blank_values=True), key=lambda pair: pair[0])
    return parts.path + ("?" + urlencode(query) if query else "")


def walk_as(browser, app, start_urls: list[str], api_token: str | None = None) -> list[Visit]:
    """GET every URL, then every link and GET form variant of each page that answers, breadth first, within a
    budget per route; never a static file or the sign-out. The JSON API is read with the same user's bearer
    token, as another system acting for them would."""
    adapter = app.url_map.bind("localhost")
    queue, seen, visits = deque(start_urls), set(), []
    per_endpoint: dict[str, int] = {}
    pdfs: dict[str, int] = {}  # PDFs drawn per path: a report's variants share one
    while queue:
        url = canonical(queue.popleft())
        parts = urlsplit(url)
        if url in seen:
            continue
        seen.add(url)
        try:
            endpoint, _ = adapter.match(parts.path, method="GET")
        except Exception:  # noqa: BLE001 - not a page of the app (or not a GET): nothing to read
            continue
        if endpoint == "static" or per_endpoint.get(endpoint, 0) >= MAX_URLS_PER_ROUTE:
            continue
        if pdfs.get(parts.path, 0) >= MAX_PDFS_PER_PATH and "format=pdf" in parts.query:
            continue
        per_endpoint[endpoint] = per_endpoint.get(endpoint, 0) + 1
        api = parts.path.startswith("/api/") and api_token
        response = browser.get(url, headers={"Authorization": f"Bearer {api_token}"} if api else None)
        visit = Visit(url, endpoint, response.status_code, response.mimetype, readable(response))
        visits.append(visit)
        pdfs[parts.path] = pdfs.get(parts.path, 0) + (response.mimetype == "application/pdf")
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(urlsplit(response.location).path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = LinksAndForms()
        parser.feed(visit.documents["body"])
        found = [unescape(link) for link in parser.links]
        for form in parser.forms:
            found += form_variants(parts.path, form)
        for link in found:
            link = link.split("#")[0]
            if link.startswith("/") and not link.startswith("//") and link not in seen:
                queue.append(link)
    return visits


def start_urls(app, planted_case_ids: list[int]) -> list[str]:
    """Every GET route of the URL map (but static files), its path filled with real ids from the database."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        for values in path_values(rule, planted_case_ids):
            urls.append(adapter.build(rule.endpoint, values, method="GET"))
    return urls


def report_urls(browser) -> list[str]:
    """The Board report for each period, once per choice its form offers, with its CSV and PDF."""
    parser = LinksAndForms()
    parser.feed(browser.get("/board/report").get_data(as_text=True))
    form = next(form for form in parser.forms if "start" in form["fields"] and "end" in form["fields"])
    urls = []
    for start, end in REPORT_PERIODS:
        base = {**form["fields"], "start": [start.day, start.month, start.year], "end": [end.day, end.month, end.year]}
        for name, choices in form["choices"].items():
            for choice in choices:
                query = urlencode({**base, name: [choice]}, doseq=True)
                urls += [f"/board/report?{query}", f"/board/report?{query}&format=csv"]
        urls.append(f"/board/report?{urlencode(base, doseq=True)}&format=pdf")
    return urls


# --- the tests -----------------------------------------------------------------------------------------------


def leaks_in(visits: list[Visit], needles: Needles) -> dict[str, list[str]]:
    leaks = {}
    for visit in visits:
        for name, text in visit.documents.items():
            found = find_needles(text, needles, compact_too=visit.mimetype != "text/html")
            if found:
                leaks[f"{visit.url} [{name}]"] = found
    return leaks


def test_no_personal_data_reaches_a_board_member_by_any_route_or_format(app, browser, db):
    world = build_dataset()
    cases, packs = world["cases"], world["packs"]
    needles = collect_needles(SECRET_SENTENCES)
    assert len(needles.phrases) > 1000 and len(needles.words) > 100  # the whole dataset, not only the planted
    assert "zephyrine" in needles.words and "quarrington" in needles.words

    browser.login(world["board"])
    reports = report_urls(browser)
    _, token = issue_token(world["board"])
    _db.session.commit()
    api_reports = [f"/api/v1/board/report?from={start}&to={end}&breakdown={breakdown}"
                   for start, end in REPORT_PERIODS for breakdown in measures.BREAKDOWNS]
    visits = walk_as(browser, app, [*reports, *api_reports, *start_urls(app, [c.id for c in cases.values()])],
                     api_token=token)

    leaks = leaks_in(visits, needles)
    assert leaks == {}, "personal data reached a Board member:\n" + "\n".join(
        f"{where}: {found[:5]}" for where, found in leaks.items())

    # Nothing failed, and the walk covered what matters: it cannot pass by reading nothing.
    assert [v.url for v in visits if v.status >= 500] == []
    answered = [v for v in visits if v.status == 200]
    by_endpoint = {}
    for visit in answered:
        by_endpoint.setdefault(visit.endpoint, []).append(visit)
    mimetypes = {(v.endpoint, v.mimetype) for v in answered}
    assert {("board.report", "text/html"), ("board.report", "application/zip"), ("board.report", "application/pdf"),
            ("board.index", "text/html"), ("scrutiny.index", "text/html"), ("scrutiny.sample", "text/html"),
            ("scrutiny.pack", "text/html"), ("scrutiny.pack_pdf", "application/pdf"),
            ("scrutiny.actions", "text/html"), ("scrutiny.action", "text/html"),
            ("api_board.report", "application/json")} <= mimetypes
    # Every period with every choice of the report's form, as a page with figures and as a CSV zip.
    read = {v.url: v for v in answered}
    for url in (canonical(u) for u in reports if "format=pdf" not in u):
        assert url in read, f"{url} was not read"
        assert "Keeping the Victims' Code: " in read[url].documents.get("body", "") or read[url].mimetype == \
            "application/zip", url
    assert len(reports) >= len(REPORT_PERIODS) * 2 * 7  # today's form offers seven breakdowns
    zips = [v for v in by_endpoint["board.report"] if v.mimetype == "application/zip"]
    assert all(len(v.documents) >= 4 for v in zips)  # the headers and three tables at least
    assert any(re.search(r",\d{2,},", text) for v in zips for text in v.documents.values())  # figures, not blanks
    pdfs = [v for v in by_endpoint["board.report"] if v.mimetype == "application/pdf"]
    assert len(pdfs) >= len(REPORT_PERIODS) and all("Keeping the Victims' Code" in v.documents["pdf"] for v in pdfs)
    approved = packs["approved"].id
    planted_pack = next(v for v in by_endpoint["scrutiny.pack"] if v.url == f"/scrutiny/packs/{approved}")
    assert "Victim A" in planted_pack.documents["body"]  # the planted case's redacted free text was read
    assert "victim a is deaf: text [phone removed], never call" in normalise(planted_pack.documents["body"])
    planted_pdf = next(v for v in by_endpoint["scrutiny.pack_pdf"] if v.url == f"/scrutiny/packs/{approved}/pack.pdf")
    assert "Victim A" in planted_pdf.documents["pdf"]
    closed = next(v for v in by_endpoint["scrutiny.action"] if "Briefed the team." in v.documents["body"])
    assert "apologised to victim a on [phone removed]" in normalise(closed.documents["body"])  # read, redacted
    approved_packs = _db.session.scalar(sa.select(sa.func.count()).select_from(ScrutinyPack).where(
        ScrutinyPack.status == "approved"))
    assert len(by_endpoint["scrutiny.pack"]) == approved_packs > 1  # every approved pack, and only those

    # Routes about a case or a victim answer 403 or 404 for a Board member, for every id tried.
    statuses = {}
    for visit in visits:
        rule = app.url_map.bind("localhost").match(urlsplit(visit.url).path, method="GET", return_rule=True)[0]
        if {"case_id", "victim_id"} & set(rule.arguments):
            statuses.setdefault(visit.endpoint, set()).add(visit.status)
    assert len(statuses) >= 10 and all(s <= {403, 404} for s in statuses.values()), statuses
    # A pack not approved (the planted draft, the demo's pack waiting for its supervisor) is not there for the Panel.
    unapproved = list(_db.session.scalars(sa.select(ScrutinyPack.id).where(ScrutinyPack.status != "approved")))
    assert packs["draft"].id in unapproved and len(unapproved) >= 2
    for pack in unapproved:
        urls = (f"/scrutiny/packs/{pack}", f"/scrutiny/packs/{pack}/pack.pdf")
        tried = {v.url: v.status for v in visits if v.url in urls}
        assert list(tried.values()) == [404, 404], tried


def test_the_needle_search_finds_personal_data_where_it_is_shown(app, browser, db):
    """The scanner is not blind: on pages that do show personal data (the officer's own case, the plan as a
    PDF, a zip), it finds the victim's name, details and the planted free text."""
    team = make_team("Cwmbran Investigations")
    officer = make_user("officer", team=team)
    cases = plant_cases(officer, make_user("supervisor", team=team))
    _db.session.commit()
    needles = collect_needles(SECRET_SENTENCES)
    case, victim = cases["open"], cases["open"].victims[0]
    browser.login(officer)
    visits = walk_as(browser, app, [f"/cases/{case.id}", f"/cases/{case.id}/victims/{victim.id}",
                                    f"/cases/{case.id}/plan/print.pdf"])
    found = {v.url: " ".join(sum((find_needles(t, needles, compact_too=True) for t in v.documents.values()), []))
             for v in visits}
    case_page = found[f"/cases/{case.id}"]
    assert "'zephyrine quarrington-vaughan'" in case_page and case.crime_reference.lower() in case_page
    assert SECRET_SENTENCES[0].lower() in found[f"/cases/{case.id}/victims/{victim.id}"]
    everywhere = " ".join(found.values())  # the pages the officer's links lead to as well (editing the victim)
    for expected in ("'07833 615247'", "'zq.vaughan84@example.net'", "'14 cwrt tregelli'", "'9 july 1984'",
                     "'np44 6jz'", "'branwen quarrington'", "'emrys llewellyn-quarrington'"):
        assert expected in everywhere, expected
    pdf = next(v for v in visits if v.mimetype == "application/pdf")
    assert "zephyrine" in found[pdf.url] and SECRET_SENTENCES[1].lower() in found[pdf.url]
    # A name on its own is found as a word, and text in a zip is read member by member.
    assert find_needles("<td>Quarrington</td>", needles) and not find_needles("<td>Victim A</td>", needles)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.csv", "category,total\nNewport,12\n")
        archive.writestr("leak.csv", f"reference\n{case.crime_reference}\n")

    class Zipped:
        mimetype = "application/zip"

        def get_data(self):
            return buffer.getvalue()

    assert list(documents_in(Zipped())) == ["ok.csv", "leak.csv"]
    assert leaks_in([Visit("/x.zip", "x", 200, "application/zip", documents_in(Zipped()))], needles) == {
        "/x.zip [leak.csv]": [f"crime reference of case {case.id}: {case.crime_reference.lower()!r}"]}
