"""Document metadata: from the printed header and signature first, then a YAML front matter, then the catalogue."""

from __future__ import annotations

import re
from datetime import date

import yaml

from resograph.read import model as m
from resograph.read.clean import clean_regions
from resograph.read.layout import MONTHS, SYMBOL, iter_lines

_DATE = r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                  "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
                  "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                  "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_ORDINAL_WORD = r"((?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)-(?:[a-z]+)|[A-Z][a-z]+(?:th|st|nd|rd))"

PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "resolution_number": [re.compile(r"^\W*(\d{1,3})/(\d{1,4})\.?\s+(\S.*)$", re.M)],
    "symbol": [
        re.compile(r"ODS DOC SYMBOL1\W*([AES]/[^<>\s]+)"),
        re.compile(rf"^\W*United Nations\s*({SYMBOL})", re.M),
        re.compile(rf"^[ \t]*({SYMBOL})[ \t]*$", re.M),
    ],
    "sc_resolution": [re.compile(r"^\W*Resolution\s+(\d{1,4})\s+\((\d{4})\)", re.M)],
    "session": [re.compile(r"(?:^|\d)\W*" + _ORDINAL_WORD + r"\s+session\b", re.M)],
    "agenda_item": [re.compile(r"\b(?:Agenda\s+item|Item)\s+(\d{1,3}(?:\s*\([a-z]\))?)")],
    "date_issued": [re.compile(r"Distr\.:\s*[A-Za-z]+\s*" + _DATE)],
    "date_adopted": [
        re.compile(r"(?i:a)dopted by the [A-Z][\w ]+?\s+(?:at its \S+ meeting,?\s+)?on\s+" + _DATE),
        re.compile(r"(?:plenary )?meeting\W*\n\W*" + _DATE),
        re.compile(r"^\W*Resolution\s+\d{1,4}\s+\(\d{4}\)\s*(?:\n\s*)?of\s+" + _DATE, re.M),
    ],
    "meeting": [re.compile(r"(\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)")],
    "committee_report": [re.compile(rf"on the report of the [\w ]+Committee\s*\(\s*({SYMBOL})")],
    "sponsors": [re.compile(r"^\W*(.+?):\s+(?:revised\s+)?draft resolution\s*$", re.M | re.I)],
    "report": [re.compile(r"Report of the Secretary-General", re.I)],
    "draft": [re.compile(r"\bdraft resolution\b", re.I)],
    "ga_resolution": [re.compile(r"Resolution adopted by the General Assembly", re.I)],
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
        return date(int(year), MONTHS.index(month.capitalize()) + 1, int(day)).isoformat()
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


def from_text(source: str, ranges: list[tuple[int, int]], opening_formula: str | None) -> dict[str, m.Value]:
    t = _Text(source, ranges)
    meta: dict[str, m.Value] = {}

    def put(key, value, match=None, group=0, last_group=None):
        if value is not None and value != [] and key not in meta:
            span = None
            if match is not None:
                span = t.span(match.start(group), match.end(last_group if last_group is not None else group))
            meta[key] = m.Value(value, m.FROM_TEXT, span)

    def put_date(key, match):
        n = len(match.groups())
        put(key, iso_date(*match.groups()[-3:]), match, n - 2, n)

    res = t.find("resolution_number")
    sc = t.find("sc_resolution")
    sym = t.find("symbol")
    if sym:
        put("symbol", sym.group(1).strip(), sym, 1)
    elif res:
        put("symbol", f"A/RES/{res.group(1)}/{res.group(2)}", res, 1, 2)
    elif sc:
        put("symbol", f"S/RES/{sc.group(1)} ({sc.group(2)})", sc, 1, 2)
    if res:
        put("title", res.group(3).strip(), res, 3)

    symbol = meta["symbol"].value if "symbol" in meta else ""
    if t.find("draft") and not symbol.startswith(("A/RES/", "S/RES/")):
        put("type", m.DRAFT_RESOLUTION)
    elif (opening_formula and "Security Council" in opening_formula) or symbol.startswith("S/RES/"):
        put("type", m.SC_RESOLUTION)
    elif symbol.startswith("A/RES/") or t.find("ga_resolution") or (opening_formula and "General Assembly" in opening_formula):
        put("type", m.GA_RESOLUTION)
    elif t.find("report"):
        put("type", m.SG_REPORT)

    if (s := t.find("session")) and (n := ordinal_to_int(s.group(1))):
        put("session", n, s, 1)
    if a := t.find("agenda_item"):
        put("agenda_item", re.sub(r"\s+", " ", a.group(1)), a, 1)
    if d := t.find("date_issued"):
        put_date("date_issued", d)
    if d := t.find("date_adopted"):
        put_date("date_adopted", d)
    if mt := t.find("meeting"):
        put("meeting", re.sub(r"\s+", " ", mt.group(1)), mt, 1)
    if c := t.find("committee_report"):
        put("committee_report", c.group(1).rstrip(".,"), c, 1)
    if sp := t.find("sponsors"):
        names = [n.strip() for n in re.split(r",\s*|\s+and\s+", sp.group(1)) if n.strip()]
        put("sponsors", names, sp, 1)
        title = _line_after(t.text, sp.end())
        if title:
            put("title", title)
    if "title" not in meta:
        heading = re.search(r"^(?!.*(?:session|agenda|Distr\.|Original:|United Nations))(.{8,200})\n+(?:Report of the Secretary-General|Note by the Secretary-General)", t.text, re.M)
        if heading:
            put("title", heading.group(1).strip(" #"), heading, 1)
    return meta


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
            key = "date_adopted" if doc_type in (m.GA_RESOLUTION, m.SC_RESOLUTION) else "date_issued"
            meta.setdefault(key, source["date"])
    return meta
