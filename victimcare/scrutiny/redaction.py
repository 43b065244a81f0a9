"""Redaction for the Victims Scrutiny Panel: a case becomes a pack that names nobody. No Flask.

People get consistent pseudonyms ("Victim A", "Officer 1", "Person 1"), the crime reference becomes
the pack's label ("Case 3"), and dates become days after the report. Free text is redacted twice over:
by the known values (each name, and its first name and surname alone, in any case; each email, phone,
address and date of birth) and then by pattern (any email, UK phone number, postcode, street address,
date or crime reference), so a value typed differently from the record is caught as well.
Over-redaction is the safe failure: a common word that is also someone's name is replaced too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES

NAME_REMOVED = "[name removed]"
EMAIL_REMOVED = "[email removed]"
PHONE_REMOVED = "[phone removed]"
ADDRESS_REMOVED = "[address removed]"
POSTCODE_REMOVED = "[postcode removed]"
DOB_REMOVED = "[date of birth removed]"
DATE_REMOVED = "[date removed]"
REFERENCE_REMOVED = "[reference removed]"

# Words in a name that say nothing about who: titles and ranks, and in a business's name, company words.
TITLES = frozenset({
    "pc", "dc", "ps", "ds", "sgt", "sergeant", "insp", "inspector", "di", "dci", "supt", "ch", "pcso", "det",
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lord", "lady",
})
COMPANY_WORDS = frozenset({
    "ltd", "limited", "plc", "llp", "co", "company", "and", "the", "of", "stores", "store", "shop", "garage",
    "café", "cafe", "builders", "pharmacy", "services", "group", "trading", "uk",
})

# Short forms people are called by in notes, so "Dai" is caught for a Dafydd and "Bob" for a Robert.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "alexander": ("alex", "sandy"), "andrew": ("andy", "drew"), "anthony": ("tony",), "catherine": ("cath", "kate"),
    "charles": ("charlie",), "christopher": ("chris",), "daniel": ("dan", "danny"), "dafydd": ("dai", "dewi"),
    "david": ("dave", "dai"), "deborah": ("debbie", "deb"), "edward": ("ed", "eddie", "ted"),
    "elizabeth": ("liz", "beth", "lizzie"), "gareth": ("gaz",), "gwilym": ("gwil",), "james": ("jim", "jimmy"),
    "jennifer": ("jen", "jenny"), "john": ("jack", "johnny"), "jonathan": ("jon",), "joseph": ("joe",),
    "katherine": ("kath", "kate"), "llywelyn": ("llew",), "margaret": ("maggie", "meg", "peggy"),
    "matthew": ("matt",), "michael": ("mike", "mick"), "nicholas": ("nick",), "patricia": ("pat", "trish"),
    "peter": ("pete",), "rebecca": ("becky", "becca"), "rhiannon": ("rhi",), "richard": ("rich", "dick"),
    "robert": ("rob", "bob", "bobby"), "samantha": ("sam",), "samuel": ("sam",), "stephen": ("steve",),
    "steven": ("steve",), "susan": ("sue",), "thomas": ("tom", "tommy"), "victoria": ("vicky", "tori"),
    "william": ("will", "bill", "billy"),
}

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 0 then 9 or 10 digits, or +44/0044 then 9 or 10; spaces, dots, hyphens and brackets allowed.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?\(?\d|\(?0\d)(?:[\s.)-]{0,2}\d){8,9}(?!\d)")
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b", re.IGNORECASE)
STREET_WORDS = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Terrace|Court|Ct|"
                "Gardens|Grove|Hill|View|Row|Walk|Square|Park|Mews|Rise|Parade|Green|Heights|Vale|Meadows?|Fields|"
                "Villas|Cottages|Estate|Bank|Side")
ADDRESS = re.compile(
    r"\b(?:(?:flat|apartment|unit)\s+\d+[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+(?:"
    r"(?:[\w'’-]+\s+){0,3}(?:" + STREET_WORDS + r")\b"  # 12 High Street
    r"|(?:Heol|Ffordd|Stryd|Lon|Lôn|Cwrt|Maes|Bryn|Ty|Tŷ|Pant|Cae)(?:\s+[\w'’-]+){1,2})",  # 4 Heol y Parc
    re.IGNORECASE)
REFERENCE = re.compile(r"\b[A-Z]{2,4}\s?/\s?\d{2}\s?/\s?\d{3,8}\b", re.IGNORECASE)
MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
DATE_PATTERNS = (
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("dmy", re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")),
    ("d month y", re.compile(r"\b(\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.IGNORECASE)),
    ("month d y", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})" + _ORD + r",?\s+(\d{4})\b", re.IGNORECASE)),
    ("d month", re.compile(r"\b(\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"\b", re.IGNORECASE)),
    ("month d", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})" + _ORD + r"\b(?!:)", re.IGNORECASE)),
)


# Replacements wait in Unicode's supplementary private use area (not word characters) until the end.
_PLACEHOLDERS = 0xF0000
_PLACEHOLDER = re.compile("[\U000F0000-\U000FFFFD]")


def victim_label(index: int) -> str:
    """Victim A, B, ... Z, then AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Victim {letters}"


def relative_day(day: date | None, report_date: date) -> str | None:
    if day is None:
        return None
    delta = (day - report_date).days
    if delta == 0:
        return "the day of the report"
    if delta > 0:
        return f"day {delta} after the report"
    return f"{-delta} day{'s' if delta != -1 else ''} before the report"


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Lower case without accents, one apostrophe, one character for one (so positions fit the original)."""
    text = text.translate(_APOSTROPHES)
    return "".join((unicodedata.normalize("NFKD", c)[:1] or c).lower()[:1] or c for c in text)


def without_titles(name: str) -> str:
    return " ".join(t for t in name.split() if t.strip(".").lower() not in TITLES)


def name_parts(name: str, *, business: bool = False) -> list[str]:
    """The parts of a name someone might write alone: first name, surname, each half of a double-barrel."""
    skip = TITLES | COMPANY_WORDS if business else TITLES
    parts = []
    for token in re.split(r"[\s,]+", name):
        token = token.strip(".'’()")
        for piece in {token, *token.split("-")}:
            if len(piece) >= 2 and piece.lower() not in skip and not piece.isdigit():
                parts.append(piece)
    return parts


@dataclass
class Redactor:
    """Remembers who is who in one case, and redacts its text consistently."""

    report_date: date
    case_label: str = "this case"
    _full: dict[str, str] = field(default_factory=dict)  # lower-case value -> replacement
    _parts: dict[str, str] = field(default_factory=dict)
    _dates_of_birth: set[date] = field(default_factory=set)
    _labels: dict[str, str] = field(default_factory=dict)  # a person's key -> label
    _counters: dict[str, int] = field(default_factory=dict)
    _pattern: re.Pattern | None = None

    # --- registering what is known -------------------------------------------------------------

    def person(self, name: str | None, kind: str, key: str | None = None, *, business: bool = False) -> str:
        """The pseudonym of a person, given once per person: kind is "victim", a staff role ("Officer",
        "Supervisor", "Victim Care Unit"), "contact" or "person"."""
        key = key or f"{kind}:{(name or '').strip().lower()}"
        if key in self._labels:
            return self._labels[key]
        number = self._counters.get(kind, 0)
        self._counters[kind] = number + 1
        label = victim_label(number) if kind == "victim" else f"{kind[0].upper()}{kind[1:]} {number + 1}"
        self._labels[key] = label
        if name:
            self.known(name, label)
            self.known(without_titles(name), label)
            parts = name_parts(name, business=business)
            parts += [short for part in parts for short in SHORT_FORMS.get(fold(part), ())]
            for part in parts:
                current = self._parts.get(fold(part))
                # A first name or surname two people share cannot say which of them is meant.
                self._parts[fold(part)] = label if current in (None, label) else NAME_REMOVED
        return label

    def victim(self, *, name: str | None, contact_name: str | None = None, date_of_birth: date | None = None,
               address: str | None = None, phone: str | None = None, email: str | None = None,
               key: str | None = None, business: bool = False) -> str:
        label = self.person(name, "victim", key, business=business)
        if contact_name:
            self.person(contact_name, "contact", f"contact:{key or name}")
        if date_of_birth:
            self._dates_of_birth.add(date_of_birth)
        self.known(address, ADDRESS_REMOVED)
        lines = [line.strip() for line in (address or "").split(",")]
        for index, line in enumerate(lines):
            if index == 0 or re.search(r"\d", line):  # the house and street, and any line with a number
                self.known(line, ADDRESS_REMOVED)
        self.known(phone, PHONE_REMOVED)
        self.known(email, EMAIL_REMOVED)
        return label

    def label_of(self, key: str) -> str | None:
        return self._labels.get(key)

    def staff(self, name: str | None, role: str, key: str | None = None) -> str:
        return self.person(name, role, key)

    def known(self, value: str | None, replacement: str) -> None:
        value = fold((value or "").strip())
        if len(value) >= 2:
            self._full[value] = replacement
            self._pattern = None

    def terms(self, terms: Iterable[str]) -> None:
        """Extra words a supervisor found still identifying someone: each becomes "Person N"."""
        for term in terms:
            term = term.strip()
            if term and fold(term) not in self._full:
                self.person(term, "person", f"term:{fold(term)}")

    def reference(self, crime_reference: str | None) -> None:
        self.known(crime_reference, self.case_label)

    # --- redacting -----------------------------------------------------------------------------

    def day(self, value: date | None) -> str | None:
        return relative_day(value, self.report_date)

    def text(self, value: str | None) -> str | None:
        """Each replacement is held in a placeholder until the end, so no later pass can touch it (a
        surname such as Day or May inside "day 3 after the report") or be blocked by it."""
        if value is None:
            return None
        held: list[str] = []

        def hold(replacement: str) -> str:
            held.append(replacement)
            return chr(_PLACEHOLDERS + len(held) - 1)

        text = _PLACEHOLDER.sub("", value)
        text = EMAIL.sub(lambda m: hold(EMAIL_REMOVED), text)
        text = PHONE.sub(lambda m: hold(PHONE_REMOVED), text)
        for kind, pattern in DATE_PATTERNS:  # before names, so "1 June 1980" goes whole even for a June
            text = pattern.sub(lambda m, kind=kind: hold(self._date_replacement(kind, m)), text)
        text = ADDRESS.sub(lambda m: hold(ADDRESS_REMOVED), text)
        text = POSTCODE.sub(lambda m: hold(POSTCODE_REMOVED), text)
        text = self._replace_known(text, hold)
        text = REFERENCE.sub(lambda m: hold(REFERENCE_REMOVED), text)
        return _PLACEHOLDER.sub(lambda m: held[ord(m.group(0)) - _PLACEHOLDERS], text)

    def _replace_known(self, text: str, hold) -> str:
        """Known values, matched without regard to case or accents (Siân, SIAN, sian)."""
        if self._pattern is None:
            values = sorted({*self._full, *self._parts}, key=len, reverse=True)
            alternatives = "|".join(re.escape(v) for v in values) or r"(?!x)x"
            self._pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
        folded, pieces, last = fold(text), [], 0
        for match in self._pattern.finditer(folded):
            found = match.group(0)
            pieces += [text[last:match.start()], hold(self._full.get(found) or self._parts.get(found) or NAME_REMOVED)]
            last = match.end()
        return "".join(pieces) + text[last:]

    def _date_replacement(self, kind: str, match: re.Match) -> str:
        groups = match.groups()
        try:
            if kind == "ymd":
                year, month, day = (int(g) for g in groups)
            elif kind == "dmy":
                day, month, year = (int(g) for g in groups)
                year += 2000 if year < 100 and year <= self.report_date.year % 100 else 1900 if year < 100 else 0
            elif kind == "d month y":
                day, month, year = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
            elif kind == "month d y":
                month, day, year = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
            else:  # no year: the relative day would be a guess, so the date goes
                return DATE_REMOVED
            found = date(year, month, day)
        except (ValueError, KeyError):
            return DATE_REMOVED
        if found in self._dates_of_birth:
            return DOB_REMOVED
        return relative_day(found, self.report_date)


# --- a case, as plain data, into a pack ---------------------------------------------------------

def age_group(date_of_birth: date | None, on: date) -> str | None:
    if date_of_birth is None:
        return None
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return "Under 18" if age < 18 else "18 to 64" if age < 65 else "65 or over"


def _redactor_for(case: dict, *, label: str, extra_terms: Iterable[str] = ()) -> tuple[Redactor, list[str]]:
    """A redactor that knows everyone in `case` (a case_snapshot), and the victims' labels in order."""
    redactor = Redactor(report_date=case["reported_on"], case_label=label)
    redactor.reference(case["crime_reference"])
    # Register everyone first, so a name written in any text is caught wherever it appears.
    victim_labels = [redactor.victim(name=v["name"], contact_name=v.get("contact_name"),
                                     date_of_birth=v.get("date_of_birth"), address=v.get("address"),
                                     phone=v.get("phone"), email=v.get("email"), key=f"victim:{v['id']}",
                                     business=v.get("kind") == "business")
                     for v in case["victims"]]
    for person in case.get("staff", ()):
        redactor.staff(person["name"], person["role"], key=f"staff:{person['id']}")
    for victim in case["victims"]:
        for name in victim.get("other_names", ()):
            redactor.person(name, "person")
    redactor.terms(extra_terms)
    return redactor, victim_labels


def redact_text(case: dict, text: str, *, label: str, extra_terms: Iterable[str] = ()) -> str:
    """Free text written later about a pack's case (a team's note on a Panel action), redacted as the pack is:
    the same pseudonyms for the same people, and every pattern."""
    redactor, _ = _redactor_for(case, label=label, extra_terms=extra_terms)
    return redactor.text(text)


def build_pack(case: dict, *, label: str, extra_terms: Iterable[str] = ()) -> dict:
    """The redacted pack for one case.

    `case` is plain data (see victimcare.scrutiny.services.case_snapshot for its shape). The pack holds
    no value from it except through the redactor: pseudonyms, relative days, redacted text, and
    reference-data labels (offence, area, stage, category).
    """
    reported = case["reported_on"]
    redactor, victim_labels = _redactor_for(case, label=label, extra_terms=extra_terms)

    def who(staff_id: int | None) -> str | None:
        return redactor.label_of(f"staff:{staff_id}") if staff_id is not None else None

    text, day = redactor.text, redactor.day
    return {
        "label": label,
        "offence": case["offence"],
        "offence_category": case["offence_category"],
        "area": case["area"],
        "domestic_abuse": bool(case["domestic_abuse"]),
        "hate_crime": case.get("hate_crime"),
        "offence_period": [day(case["offence_from"]), day(case.get("offence_to"))],
        "closed": day(case.get("closed_on")),
        "officer": who(case.get("officer_id")),
        "victims": [{
            "label": label_,
            "role": v["role"],
            "kind": v["kind"],
            "relationship": text(v.get("relationship_to_primary")),
            "age_group": age_group(v.get("date_of_birth"), reported),
            "enhanced_rights": bool(v["enhanced_rights"]),
            "enhanced_reasons": list(v.get("enhanced_reasons", ())),
            "communication_needs": text(v.get("communication_needs")),
            "interpreter_needed": bool(v.get("interpreter_needed")),
            "acknowledged": day(v.get("acknowledged_on")),
            "contract": None if not v.get("contract") else {
                "agreed": day(v["contract"]["agreed_on"]), "wants_updates": v["contract"]["wants_updates"],
                "methods": v["contract"]["methods"], "frequency": v["contract"]["frequency"],
                "good_times": text(v["contract"].get("good_times")),
                "representative": text(v["contract"].get("representative")),
                "referral_consent": v["contract"]["referral_consent"]},
            "what_matters": [{"category": WHAT_MATTERS_CATEGORIES.get(w["category"], w["category"]),
                              "in_their_words": text(w["in_their_words"]), "outcome": w.get("outcome"),
                              "explanation": text(w.get("outcome_explanation"))} for w in v.get("what_matters", ())],
            "needs": [{"assessed": day(n["assessed_on"]), "risk": n["risk"], "support_needs": n["support_needs"],
                       "vps": n["vps_taken"], "vulnerability_notes": text(n.get("vulnerability_notes")),
                       "notes": text(n.get("notes"))} for n in v.get("needs", ())],
            "referrals": [{"service": r["service"], "consent": r["consent"], "status": r["status"],
                           "referred": day(r.get("referred_on")), "outcome": text(r.get("outcome"))}
                          for r in v.get("referrals", ())],
            "updates": [{"kind": u["kind"], "stage": u.get("stage"), "due": day(u["due_on"]),
                         "given": day(u.get("given_on")),
                         "on_time": None if u.get("given_on") is None else u["given_on"] <= u["due_on"],
                         "method": u.get("method"), "by": who(u.get("given_by_id")),
                         "what_was_said": text(u.get("what_was_said")), "victims_views": text(u.get("victims_views")),
                         "overdue_reason": text(u.get("overdue_reason"))} for u in v.get("updates", ())],
        } for label_, v in zip(victim_labels, case["victims"], strict=True)],
        "key_stages": [{"stage": e["stage"], "when": day(e["occurred_on"]), "notes": text(e.get("notes"))}
                       for e in case.get("key_stages", ())],
        "plan_actions": [{"what": text(a["what"]), "who": text(a["who"]), "by_when": day(a.get("by_when")),
                          "status": a["status"]} for a in case.get("plan_actions", ())],
        "closure": [{"step": s["step"], "when": day(s["on"]), "by": who(s.get("by_id")),
                     "outcome": text(s.get("outcome")), "reason": text(s.get("reason"))} for s in case.get("closure_steps", ())],
    }
