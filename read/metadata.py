"""Document metadata: from the printed header and signature first, then a YAML front matter, then the catalogue."""

from __future__ import annotations

import re
from datetime import date

import yaml

from resograph.read import model as m
from resograph.read.clean import clean_regions
from resograph.read.layout import MONTHS, SYMBOL, iter_lines
from resograph.read.ocr import DIGIT, digits, word_pattern
from resograph.read.organs import NUMBER_YEAR, Organ, names_pattern, numbered_by, organ_named, organ_of_symbol

_N = DIGIT  # a digit, OCR confusions allowed: only in numeric contexts
_DATE = rf"(?<!\w)({_N}{{1,2}})\s+((?i:{'|'.join(MONTHS)}))\s+({_N}{{4}})"
_RESOLUTION = word_pattern("Resolution")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                  "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
                  "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                  "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_ORDINAL_WORD = r"((?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)-(?:[a-z]+)|[A-Z][a-z]+(?:th|st|nd|rd))"

PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "resolution_number": [re.compile(r"^\W*(\d{1,4})/(\d{1,4})\.?\s+(\S.*)$", re.M)],  # `72/149. Title`, `2024/15. Title`
    "symbol": [
        re.compile(r"ODS DOC SYMBOL1\W*([AES]/[^<>\s]+)"),
        re.compile(rf"^\W*United Nations\s*({SYMBOL})", re.M),
        re.compile(rf"^[ \t]*({SYMBOL})[ \t]*$", re.M),
    ],
    "numbered_resolution": [re.compile(rf"^\W*{_RESOLUTION}\s+({_N}{{1,4}})\s*\(({_N}{{4}})\)", re.M)],  # `RESOLUTION 242 (1967)`
    "adopted_by": [  # `Resolution adopted by the General Assembly on ...`, `Adopted by the Security Councii at its ...`
        re.compile(rf"^\W*(?:({_RESOLUTION}|{word_pattern('Decision')})\s+)?{word_pattern('Adopted')}\s+by\s+the\s+"
                   rf"({names_pattern()})\b", re.M),
    ],
    "session": [re.compile(r"(?:^|\d)\W*" + _ORDINAL_WORD + r"\s+session\b", re.M)],
    "agenda_item": [re.compile(r"\b(?:Agenda\s+item|Item)\s+(\d{1,3}(?:\s*\([a-z]\))?)")],
    "date_issued": [re.compile(r"Distr\.:\s*[A-Za-z]+\s*" + _DATE)],
    "date_adopted": [
        # `Adopted by the Security Council at its 2963rd meeting, on 29 November 1990`, `Adopted unanimously at the ...`
        re.compile(rf"{word_pattern('Adopted')}\b[\w ,]{{0,80}}?\bon\s+" + _DATE),
        re.compile(r"(?:plenary )?meeting\W*\n\W*" + _DATE),
        re.compile(rf"^\W*{_RESOLUTION}\s+{_N}{{1,4}}\s*\({_N}{{4}}\)\s*(?:\n\s*)?of\s+" + _DATE, re.M),
    ],
    "meeting": [re.compile(rf"(?<!\w)({_N}*\d{_N}*)(st|nd|rd|th)\s+((?:plenary\s+)?meeting)")],
    "committee_report": [re.compile(rf"on the report of the [\w ]+Committee\s*\(\s*({SYMBOL})")],
    "sponsors": [re.compile(r"^\W*(.+?):\s+(?:revised\s+)?draft resolution\s*$", re.M | re.I)],
    "report": [re.compile(r"Report of the Secretary-General", re.I)],
    "draft": [re.compile(r"\bdraft resolution\b", re.I)],
}


_MAX_HEADER = 20_000  # a header or signature block longer than this is not one


class _Text:
    """Header or trailer lines, cleaned one by one, kept with their offset maps."""

    def __init__(self, source: str, ranges: list[tuple[int, int]]):
        self.lines: list[tuple[int, object]] = []
        parts: list[str] = []
        pos = 0
        for start, end in ranges:
            for s, e in iter_lines(source, start, min(end, start + _MAX_HEADER)):
                c = clean_regions(source, [(s, e)])
                self.lines.append((pos, c.offsets))
                parts.append(c.text)
                pos += len(c.text) + 1
        self.text = "\n".join(parts)

    def span(self, start: int, end: int) -> m.Span | None:
        for k in range(len(self.lines) - 1, -1, -1):
            line_start, offsets = self.lines[k]
            if line_start <= start:
                return offsets.span(start - line_start, end - line_start)
        return None

    def find(self, key: str) -> re.Match | None:
        for pattern in PATTERNS[key]:
            match = pattern.search(self.text)
            if match:
                return match
        return None


def iso_date(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(digits(year)), MONTHS.index(month.capitalize()) + 1, int(digits(day))).isoformat()
    except ValueError:
        return None


def ordinal_to_int(word: str) -> int | None:
    word = word.lower()
    if word in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[word]
    if "-" in word:
        tens, unit = word.split("-", 1)
        if tens in _TENS and unit in _ORDINAL_UNITS and _ORDINAL_UNITS[unit] < 10:
            return _TENS[tens] + _ORDINAL_UNITS[unit]
    return None


class _Found:
    """Metadata values taken from the printed text, each with its source span; the first value of a key wins."""

    def __init__(self, text: _Text):
        self.text = text
        self.meta: dict[str, m.Value] = {}

    def put(self, key: str, value, match: re.Match | None = None, group: int = 0, last_group: int | None = None) -> None:
        if value is None or value == [] or key in self.meta:
            return
        span = None
        if match is not None:
            span = self.text.span(match.start(group), match.end(last_group if last_group is not None else group))
        self.meta[key] = m.Value(value, m.FROM_TEXT, span)

    def put_date(self, key: str, match: re.Match) -> None:
        n = len(match.groups())
        self.put(key, iso_date(*match.groups()[-3:]), match, n - 2, n)

    def value(self, key: str, default=None):
        return self.meta[key].value if key in self.meta else default


def from_text(source: str, ranges: list[tuple[int, int]], opening_formula: str | None) -> dict[str, m.Value]:
    found = _Found(_Text(source, ranges))
    _identity(found, opening_formula)
    _dates_and_places(found)
    _sponsors_and_title(found)
    return found.meta


def _identity(found: _Found, opening_formula: str | None) -> None:
    """Symbol, title, organ and type: `A/RES/72/149`, `72/149. Title`, `RESOLUTION 242 (1967)`, `The Security Council,`."""
    t = found.text
    printed, res, numbered, adopted = t.find("symbol"), t.find("resolution_number"), t.find("numbered_resolution"), t.find("adopted_by")
    organ, organ_name, decision, certain = _organ(printed, adopted, numbered, opening_formula)
    if t.find("report") and not certain:  # a report's summary may quote `Adopted by the ...` or `Resolution 1325 (2000)`
        organ = organ_name = None
    if printed:  # `S/RES/242(1967)` as ODS prints it, `S/RES/242 (1967)` as cited
        found.put("symbol", re.sub(r"\s*\((\d{4})\)$", r" (\1)", printed.group(1).strip()), printed, 1)
    if numbered and organ is not None and organ.numbered_by == NUMBER_YEAR:
        found.put("symbol", organ.symbol(digits(numbered.group(1)), digits(numbered.group(2))), numbered, 1, 2)
    if res:
        symbol = (organ or organ_named("General Assembly")).symbol(res.group(1), res.group(2), decision)
        if symbol:
            found.put("symbol", symbol, res, 1, 2)
            found.put("title", res.group(3).strip(), res, 3)
    if organ_name:
        named_here = adopted is not None and organ_named(adopted.group(2)) is organ
        found.put("organ", organ_name, *((adopted, 2) if named_here else ()))
    if t.find("draft") and organ_of_symbol(found.value("symbol", "")) is None:
        found.put("type", m.DRAFT_RESOLUTION)
    elif organ is not None:
        found.put("type", m.DECISION if decision else organ.type)
    elif t.find("report"):
        found.put("type", m.SG_REPORT)


def _organ(printed: re.Match | None, adopted: re.Match | None, numbered: re.Match | None,
           opening_formula: str | None) -> tuple[Organ | None, str | None, bool, bool]:
    """(organ, its name, is a decision, certain): from a final symbol or the opening formula (certain), else the
    adoption line or the way the resolution is numbered. An organ outside read/organs.tsv (`The Commission on
    the Status of Women,`) is named by its formula only."""
    if printed and (hit := organ_of_symbol(printed.group(1))):
        return hit[0], hit[0].name, hit[1], True
    decision = bool(adopted and adopted.group(1) and adopted.group(1)[:1] in "Dd")
    formula_name = re.sub(r"^\W*The\s+|[\s,]+$", "", opening_formula or "") or None
    if formula_name and (organ := organ_named(formula_name)):
        return organ, organ.name, decision, True
    if adopted and (organ := organ_named(adopted.group(2))):
        return organ, organ.name, decision, False
    if numbered and printed is None and (organ := numbered_by(NUMBER_YEAR)):
        return organ, organ.name, False, False
    return None, formula_name if formula_name and " " in formula_name else None, decision, formula_name is not None


def _dates_and_places(found: _Found) -> None:
    t = found.text
    if (s := t.find("session")) and (n := ordinal_to_int(s.group(1))):
        found.put("session", n, s, 1)
    if a := t.find("agenda_item"):
        found.put("agenda_item", re.sub(r"\s+", " ", a.group(1)), a, 1)
    if d := t.find("date_issued"):
        found.put_date("date_issued", d)
    if d := t.find("date_adopted"):
        found.put_date("date_adopted", d)
    if mt := t.find("meeting"):
        meeting = " ".join(mt.group(3).split())
        found.put("meeting", f"{digits(mt.group(1))}{mt.group(2)} {meeting}", mt, 1, 3)
    if c := t.find("committee_report"):
        found.put("committee_report", c.group(1).rstrip(".,"), c, 1)


def _sponsors_and_title(found: _Found) -> None:
    t = found.text
    if sp := t.find("sponsors"):
        names = [n.strip() for n in re.split(r",\s*|\s+and\s+", sp.group(1)) if n.strip()]
        found.put("sponsors", names, sp, 1)
        found.put("title", _line_after(t.text, sp.end()))
    if "title" not in found.meta:
        heading = re.search(r"^(?!.*(?:session|agenda|Distr\.|Original:|United Nations))(.{8,200})\n+(?:Report of the Secretary-General|Note by the Secretary-General)", t.text, re.M)
        if heading:
            found.put("title", heading.group(1).strip(" #"), heading, 1)


def _line_after(text: str, pos: int) -> str | None:
    rest = text[pos:].lstrip("\n")
    line = rest.split("\n", 1)[0].strip()
    return line or None


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_KEYS = {"symbol", "type", "session", "agenda_item", "date_issued", "date_adopted", "meeting", "title",
               "sponsors", "committee_report", "id", "date"}


def front_matter(source: str) -> tuple[dict[str, m.Value], int, list[str]]:
    """Values from a YAML front matter, the offset where the document proper starts, and warnings."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, 0, []
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 2})" if line is not None else ""
        return {}, match.end(), [f"front matter is not valid YAML{where}: ignored"]
    if not isinstance(data, dict):
        return {}, match.end(), ["front matter is not a mapping of keys to values: ignored"]
    meta = {}
    for key, value in data.items():
        key = str(key).strip().lower().replace(" ", "_")
        if key in _FRONT_KEYS and value not in (None, ""):
            meta[key] = m.Value(_normalise(key, value), m.FROM_FRONT_MATTER)
    return meta, match.end(), []


def from_catalogue(row: dict[str, str]) -> dict[str, m.Value]:
    meta = {}
    for key in ("id", "symbol", "type", "session", "title", "date"):
        value = row.get(key, "").strip()
        if value:
            meta[key] = m.Value(_normalise(key, value), m.FROM_CATALOGUE)
    return meta


_TYPES = {  # catalogue and front-matter spellings of a document type, after folding case, `_` and `-`
    "resolution": m.GA_RESOLUTION, "ga resolution": m.GA_RESOLUTION, "general assembly resolution": m.GA_RESOLUTION,
    "draft resolution": m.DRAFT_RESOLUTION, "draft": m.DRAFT_RESOLUTION,
    "report": m.SG_REPORT, "report of the secretary general": m.SG_REPORT, "sg report": m.SG_REPORT,
    "sc resolution": m.SC_RESOLUTION, "security council resolution": m.SC_RESOLUTION,
    "ecosoc resolution": m.ECOSOC_RESOLUTION, "economic and social council resolution": m.ECOSOC_RESOLUTION,
    "hrc resolution": m.HRC_RESOLUTION, "human rights council resolution": m.HRC_RESOLUTION,
    "decision": m.DECISION,
}


def _normalise(key: str, value):
    if key == "type":
        return _TYPES.get(re.sub(r"[\s_-]+", " ", str(value).strip().lower()), m.OTHER)
    if key == "session":
        try:
            return int(value)
        except (TypeError, ValueError):
            return ordinal_to_int(str(value)) or value
    if key == "sponsors" and isinstance(value, str):
        return [v.strip() for v in re.split(r",\s*|\s+and\s+", value) if v.strip()]
    if isinstance(value, date):
        return value.isoformat()
    return value


def merge(*sources: dict[str, m.Value]) -> dict[str, m.Value]:
    """First source wins per key; a bare `date` lands on date_adopted for resolutions, else date_issued."""
    meta: dict[str, m.Value] = {}
    for source in sources:
        for key, value in source.items():
            if key == "id":
                continue
            if key == "date":
                continue
            meta.setdefault(key, value)
    doc_type = meta["type"].value if "type" in meta else m.OTHER
    for source in sources:
        if "date" in source:
            key = "date_issued" if doc_type in (m.DRAFT_RESOLUTION, m.SG_REPORT, m.OTHER) else "date_adopted"
            meta.setdefault(key, source["date"])
    return meta
