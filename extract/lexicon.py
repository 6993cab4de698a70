"""The actor, State and instrument lexicons: data files in `lexicons/`, loaded and looked up here.

`states.tsv`, `actors.jsonl` and `instruments.jsonl` ship as package data (see
docs/lexicons.md for their formats). Every lookup goes through `normalise()`, so
`the Philippines`, `Philippines` and `PHILIPPINES` find the same State. Short
all-capital forms (`WHO`, `CEDAW`, `UK`) are matched with their case kept, so the
pronoun `who` never reads as the World Health Organization.

A user extends a lexicon without code: files named in $RESOGRAPH_LEXICONS
(separated like PATH) are read with the bundled ones by every command, and
`load_extra(path)` adds one from Python. Their entries are checked like the
bundled ones, and an entry whose label (or id) is already known replaces the
bundled one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from resograph.errors import UserError

STATE_STATUSES = ("member", "observer", "former")
ACTOR_TYPES = (
    "group_of_states",
    "member_state",
    "un_principal_organ",
    "un_entity",
    "treaty_body",
    "special_procedure",
    "intergovernmental_organization",
    "civil_society",
    "private_sector",
    "other_actor",
)
INSTRUMENT_TYPES = (
    "convention",
    "protocol",
    "recommendation",
    "declaration",
    "programme_of_action",
    "compact",
    "agenda",
    "resolution",
    "charter",
    "other",
)
STATES_HEADER = ["label", "iso3", "m49", "aliases", "status"]


class LexiconError(UserError, ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class StateEntry:
    label: str  # the UN short name as printed: "Türkiye"
    iso3: str | None  # ISO 3166-1 alpha-3 ("TUR"); the withdrawn code for a former State
    m49: str | None  # UN M49 numeric code, three digits ("792")
    aliases: tuple[str, ...]
    status: str  # member | observer | former

    type = "member_state"  # the actor type a State takes in a record


@dataclass(frozen=True)
class ActorEntry:
    label: str
    type: str  # one of ACTOR_TYPES
    aliases: tuple[str, ...]
    acronym: str | None


@dataclass(frozen=True)
class Unts:
    volume: int
    number: int

    def citation(self) -> str:
        """The form records use: "vol. 2220, No. 39481"."""
        return f"vol. {self.volume}, No. {self.number}"


@dataclass(frozen=True)
class InstrumentEntry:
    id: str  # canonical id: "ILO C189", "CEDAW", "2030 Agenda"
    type: str  # one of INSTRUMENT_TYPES
    label: str  # full title
    aliases: tuple[str, ...]
    unts: Unts | None  # United Nations Treaty Series registration
    year: int | None  # year of adoption
    symbols: tuple[str, ...]  # documents that adopt or carry the text: "A/RES/73/195"


# ---------------------------------------------------------------- normalisation

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                              "\u201c": '"', "\u201d": '"',
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                              "*": None, "_": None})
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"\( | \)| (?=[,;:])")
# Spellings that differ between older UN texts, other bodies' names and today's UN usage.
_SPELLINGS = {"co-operat": "cooperat", "co-ordinat": "coordinat", "organisation": "organization",
              "neighboring": "neighbouring"}
_SPELLING = re.compile("|".join(map(re.escape, _SPELLINGS)))


def normalise(text: str, keep_case: bool = False) -> str:
    """The lookup key of a surface form: accents, apostrophes, dashes, markup, spacing,
    a leading article and trailing punctuation made uniform; case folded unless `keep_case`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_APOSTROPHES)
    text = _SPACE.sub(" ", text).strip().strip(",.;:").strip()
    text = _PUNCT_SPACE.sub(lambda m: m.group(0).strip(), text)  # OCR's `( No. 97 )`, `1949 ,`
    text = _ARTICLE.sub("", text)
    if keep_case:
        return text
    return _SPELLING.sub(lambda m: _SPELLINGS[m.group(0)], text.casefold())


def is_acronym(form: str) -> bool:
    """One word, mostly capitals or digits (`WHO`, `NGOs`, `G77`, `CEDAW-OP`, `C189`): matched
    case-sensitively, so `who` is no World Health Organization. `Guinea-Bissau` is no acronym."""
    form = normalise(form, keep_case=True)
    if not form or " " in form or not any(c.isupper() for c in form):
        return False
    return sum(c.isupper() or c.isdigit() for c in form) >= sum(c.islower() for c in form)


def _key(form: str) -> str:
    return normalise(form, keep_case=is_acronym(form))


# ---------------------------------------------------------------- parsing

def _bundled(name: str) -> tuple[str, str]:
    return f"lexicons/{name}", files(__package__ or "resograph.extract").joinpath("lexicons", name).read_text("utf-8")


def _aliases(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise LexiconError(f"{where}: aliases must be a list of non-empty strings")
    return tuple(a.strip() for a in value)


def _parse_states(source: str, text: str) -> list[StateEntry]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != STATES_HEADER:
        raise LexiconError(f"{source}:1: header must be {' / '.join(STATES_HEADER)}")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}:{n}"
        if len(row) != len(STATES_HEADER):
            raise LexiconError(f"{where}: expected {len(STATES_HEADER)} tab-separated fields, found {len(row)}")
        label, iso3, m49, aliases, status = (cell.strip() for cell in row)
        if not label:
            raise LexiconError(f"{where}: empty label")
        if iso3 and not re.fullmatch(r"[A-Z]{3}", iso3):
            raise LexiconError(f"{where}: iso3 {iso3!r} is not three capital letters")
        if m49 and not re.fullmatch(r"\d{3}", m49):
            raise LexiconError(f"{where}: m49 {m49!r} is not three digits")
        if status not in STATE_STATUSES:
            raise LexiconError(f"{where}: status {status!r} is not one of {', '.join(STATE_STATUSES)}")
        if status != "former" and not (iso3 and m49):
            raise LexiconError(f"{where}: a {status} State needs both iso3 and m49")
        names = tuple(a.strip() for a in aliases.split("|") if a.strip())
        out.append(StateEntry(label, iso3 or None, m49 or None, names, status))
    return out


def _jsonl(source: str, text: str):
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise LexiconError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise LexiconError(f"{where}: each line must be a JSON object")
        yield where, obj


def _require(obj: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in obj]
    if missing:
        raise LexiconError(f"{where}: missing field(s) {', '.join(missing)}")
    extra = sorted(set(obj) - set(keys) - {"symbols"})
    if extra:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(extra)}")


def _parse_actors(source: str, text: str) -> list[ActorEntry]:
    out = []
    for where, obj in _jsonl(source, text):
        _require(obj, ("label", "type", "aliases", "acronym"), where)
        if not isinstance(obj["label"], str) or not obj["label"].strip():
            raise LexiconError(f"{where}: empty label")
        if obj["type"] not in ACTOR_TYPES:
            raise LexiconError(f"{where}: type {obj['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
        acronym = obj["acronym"]
        if acronym is not None and (not isinstance(acronym, str) or not acronym.strip()):
            raise LexiconError(f"{where}: acronym must be a non-empty string or null")
        out.append(ActorEntry(obj["label"].strip(), obj["type"], _aliases(obj["aliases"], where), acronym))
    return out


def _parse_instruments(source: str, text: str) -> list[InstrumentEntry]:
    out = []
    for where, obj in _jsonl(source, text):
        _require(obj, ("id", "type", "label", "aliases", "unts", "year"), where)
        for key in ("id", "label"):
            if not isinstance(obj[key], str) or not obj[key].strip():
                raise LexiconError(f"{where}: empty {key}")
        if obj["type"] not in INSTRUMENT_TYPES:
            raise LexiconError(f"{where}: type {obj['type']!r} is not one of {', '.join(INSTRUMENT_TYPES)}")
        unts = obj["unts"]
        if unts is not None:
            if not (isinstance(unts, dict) and set(unts) == {"volume", "number"}
                    and all(isinstance(unts[k], int) and unts[k] > 0 for k in unts)):
                raise LexiconError(f"{where}: unts must be null or {{\"volume\": int, \"number\": int}}")
            unts = Unts(unts["volume"], unts["number"])
        year = obj["year"]
        if year is not None and not (isinstance(year, int) and 1800 <= year <= 2100):
            raise LexiconError(f"{where}: year must be null or a four-digit integer")
        symbols = _aliases(obj.get("symbols", []), where)
        out.append(InstrumentEntry(obj["id"].strip(), obj["type"], obj["label"].strip(),
                                   _aliases(obj["aliases"], where), unts, year, symbols))
    return out


# ---------------------------------------------------------------- extra files

LEXICONS_ENV = "RESOGRAPH_LEXICONS"  # extra lexicon files for every command, os.pathsep-separated

_extra: dict[str, list[tuple[str, str]]] = {"states": [], "actors": [], "instruments": []}


def _kind_of(path: Path, text: str) -> str:
    if path.suffix == ".tsv":
        return "states"
    for _, obj in _jsonl(str(path), text):
        return "instruments" if "id" in obj else "actors"
    raise LexiconError(f"{path}: empty lexicon file")


def load_extra(path: str | Path) -> str:
    """Add a user lexicon file (`*.tsv` of States, or `*.jsonl` of actors or instruments).

    Returns the kind it was read as. The file is checked at once; a bad file raises
    LexiconError naming the file and line, and leaves the lexicons as they were.
    """
    _read_env_files()  # files named in the environment come first, the caller's replace theirs
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(f"{path}: cannot read lexicon file ({e.__class__.__name__}: {e})") from None
    kind = _kind_of(path, text)
    _extra[kind].append((str(path), text))
    _clear()
    try:
        {"states": _state_index, "actors": _actor_index, "instruments": _instrument_index}[kind]()
    except LexiconError:
        _extra[kind].pop()
        _clear()
        raise
    return kind


def reset_extra() -> None:
    """Forget every file added with load_extra (the bundled lexicons stay; $RESOGRAPH_LEXICONS is
    read again on next use)."""
    if any(_extra.values()):
        for files_ in _extra.values():
            files_.clear()
        _clear()
    _env["read"] = False


def reload() -> None:
    """Read the lexicon files again on next use (after editing them or changing $RESOGRAPH_LEXICONS)."""
    for files_ in _extra.values():
        files_.clear()
    _env["read"] = False
    _clear()


def _clear() -> None:
    for fn in (states, actors, instruments, _state_index, _actor_index, _instrument_index):
        fn.cache_clear()


_env = {"read": False}
_log = logging.getLogger("resograph.lexicon")


def _read_env_files() -> None:
    """Add the files named in $RESOGRAPH_LEXICONS, once. A bad one is skipped with a one-line
    warning naming it, so that every command still runs on the bundled lexicons."""
    if _env["read"]:
        return
    _env["read"] = True
    for name in filter(None, os.environ.get(LEXICONS_ENV, "").split(os.pathsep)):
        try:
            load_extra(name)
        except LexiconError as e:
            _log.warning("resograph: %s (skipped: lexicon file named in $%s)", e, LEXICONS_ENV)


def _merge(entries_by_file, ident):
    """Entries of later files replace earlier ones with the same identity, in place."""
    merged: dict[str, object] = {}
    for entries in entries_by_file:
        for e in entries:
            merged[ident(e)] = e
    return tuple(merged.values())


@cache
def states() -> tuple[StateEntry, ...]:
    _read_env_files()
    sources = [_bundled("states.tsv"), *_extra["states"]]
    return _merge((_parse_states(s, t) for s, t in sources), lambda e: normalise(e.label))


@cache
def actors() -> tuple[ActorEntry, ...]:
    _read_env_files()
    sources = [_bundled("actors.jsonl"), *_extra["actors"]]
    return _merge((_parse_actors(s, t) for s, t in sources), lambda e: normalise(e.label))


@cache
def instruments() -> tuple[InstrumentEntry, ...]:
    _read_env_files()
    sources = [_bundled("instruments.jsonl"), *_extra["instruments"]]
    return _merge((_parse_instruments(s, t) for s, t in sources), lambda e: e.id)


# ---------------------------------------------------------------- indexes

def _index(entries, forms_of, name_of) -> dict[str, object]:
    index: dict[str, object] = {}
    for entry in entries:
        for form in forms_of(entry):
            key = _key(form)
            other = index.setdefault(key, entry)
            if other is not entry:
                raise LexiconError(f"{name_of(other)!r} and {name_of(entry)!r} share the name {form!r}")
    return index


def state_forms(entry: StateEntry) -> tuple[str, ...]:
    """Label, aliases, and `Government of X` / `Government of the X` for each (the Security Council's
    usual way of addressing a State)."""
    names = (entry.label, *entry.aliases)
    governments = [f"Government of {article}{n}" for n in names if not is_acronym(n) for article in ("", "the ")]
    return tuple(dict.fromkeys((*names, *governments)))


def actor_forms(entry: ActorEntry) -> tuple[str, ...]:
    return (entry.label, *entry.aliases, *([entry.acronym] if entry.acronym else []))


_ILO_TITLE = re.compile(r"^(?P<title>.+?), (?P<year>\d{4}) \(No\. (?P<no>\d+)\)$")


def instrument_forms(entry: InstrumentEntry) -> tuple[str, ...]:
    """Id, label, aliases, plus the standard ways UN texts cite an ILO instrument by title or number."""
    forms = [entry.id, entry.label, *entry.aliases]
    m = re.fullmatch(r"ILO ([CRP])(\d{3})", entry.id)
    if m:
        kind = {"C": "Convention", "R": "Recommendation", "P": "Protocol"}[m.group(1)]
        no = str(int(m.group(2)))
        forms.append(f"{m.group(1)}{no}")
        if kind != "Protocol":  # a Protocol has no number of its own
            forms += [f"{kind} No. {no}", f"{kind} (No. {no})", f"ILO {kind} No. {no}",
                      f"International Labour Organization {kind} No. {no}"]
        t = _ILO_TITLE.match(entry.label)
        if t:
            forms += [f"{t['title']}, {t['year']}", f"{t['title']} (No. {no})", t["title"]]
    return tuple(dict.fromkeys(forms))


@cache
def _state_index() -> dict[str, StateEntry]:
    return _index(states(), state_forms, lambda e: e.label)


@cache
def _actor_index() -> dict[str, ActorEntry]:
    return _index(actors(), actor_forms, lambda e: e.label)


@cache
def _instrument_index() -> tuple[dict[str, InstrumentEntry], dict[tuple[int, int], InstrumentEntry],
                                 dict[str, InstrumentEntry]]:
    entries = instruments()
    by_name = _index(entries, instrument_forms, lambda e: e.id)
    by_unts: dict[tuple[int, int], InstrumentEntry] = {}
    for e in entries:
        if e.unts:
            other = by_unts.setdefault((e.unts.volume, e.unts.number), e)
            if other is not e:
                raise LexiconError(f"{other.id!r} and {e.id!r} share the Treaty Series citation {e.unts.citation()}")
    by_symbol: dict[str, InstrumentEntry] = {}
    for e in entries:
        for s in e.symbols:
            other = by_symbol.setdefault(symbol_key(s), e)
            if other is not e:
                raise LexiconError(f"{other.id!r} and {e.id!r} share the document symbol {s!r}")
    return by_name, by_unts, by_symbol


# ---------------------------------------------------------------- lookups

def _lookup(index: dict, text: str):
    return index.get(normalise(text, keep_case=True)) or index.get(normalise(text))


# `the Government of Iraq`, `the State of Kuwait`, `the Republic of Iraq`: the State named after the prefix,
# tried only when the whole form is no name of its own (`Republic of Korea`, `State of Palestine` are).
_STATE_PREFIX = re.compile(
    r"^(?:(?:the\s+)?Governments?\s+of|(?:the\s+)?(?:Islamic\s+|Federal\s+|People's\s+|Democratic\s+|Socialist\s+)*"
    r"(?:Republic|Kingdom|State|Sultanate|Principality|Grand\s+Duchy|Commonwealth)\s+of)\s+",
    re.IGNORECASE,
)


def state_by_name(text: str) -> StateEntry | None:
    """The State a surface form names: `the Philippines`, `Turkey`, `Côte d'Ivoire`, `the Government of
    Iraq`, `the State of Kuwait`; None if unknown."""
    found = _lookup(_state_index(), text)
    if found is None:
        rest = _STATE_PREFIX.sub("", normalise(text, keep_case=True), count=1)
        if rest != normalise(text, keep_case=True):
            found = _lookup(_state_index(), rest)
    return found


def state_by_code(code: str) -> StateEntry | None:
    """The State with this ISO 3166-1 alpha-3 or M49 code (`PHL`, `608`, `8`)."""
    code = code.strip().upper()
    if code.isdigit():
        code = code.zfill(3)
        return next((s for s in states() if s.m49 == code), None)
    return next((s for s in states() if s.iso3 == code), None)


def actor_by_alias(text: str) -> ActorEntry | None:
    """The actor a surface form names: `States parties`, `UNHCR`, `the private sector`; None if unknown."""
    return _lookup(_actor_index(), text)


def instrument_by_alias(text: str) -> InstrumentEntry | None:
    """The instrument a surface form names: `the Domestic Workers Convention, 2011 (No. 189)` -> ILO C189."""
    return _lookup(_instrument_index()[0], text)


def instrument_by_unts(volume: int, number: int) -> InstrumentEntry | None:
    """The instrument registered as United Nations, Treaty Series, vol. `volume`, No. `number`."""
    return _instrument_index()[1].get((int(volume), int(number)))


_RESOLUTION = re.compile(r"^(?:A/RES/)?(S-\d+/\d+|ES-\d+/\d+|\d+/\d+|\d+ ?(?:[A-Z] )?\((?:[IVXL]+|S-[IVX]+)\))$")


def symbol_key(symbol: str) -> str:
    """A document symbol made comparable: `Resolution 73/195, annex` and `A/RES/73/195` give the same key."""
    s = normalise(symbol, keep_case=True).split(",")[0]
    s = re.sub(r"^(?:General Assembly )?[Rr]esolution\s+", "", s)
    m = _RESOLUTION.match(s)
    if m:
        s = "A/RES/" + m.group(1)
    return re.sub(r"\s+", "", s).upper()


def instrument_by_symbol(symbol: str) -> InstrumentEntry | None:
    """The instrument adopted by or printed in a document: `A/RES/73/195`, `resolution 70/1`, `A/CONF.157/24 (Part I)`."""
    return _instrument_index()[2].get(symbol_key(symbol))


_UNTS_CITATION = re.compile(r"\bvol\.\s*(\d+),\s*No\.\s*(\d+)", re.IGNORECASE)


def unts_citations(text: str) -> list[Unts]:
    """Every `vol. N, No. M` Treaty Series citation in a footnote, in order."""
    return [Unts(int(v), int(n)) for v, n in _UNTS_CITATION.findall(text)]


_RESOLUTION_REF = re.compile(
    r"(?<![\w/.-])(?:A/RES/)?((?:E?S-)?\d{1,3}/\d{1,4}(?![\w/])|\d{1,4} ?(?:[A-Z] )?\((?:[IVXL]+|E?S-[IVX]+)\))")


def cited_instruments(footnote: str) -> list[InstrumentEntry]:
    """The instruments a footnote cites: by Treaty Series citation (`vol. 2220, No. 39481`), by
    resolution (`Resolution 73/195, annex`) or by document symbol or sales number
    (`A/CONF.157/24 (Part I), chap. III`). In the order cited, each once."""
    _, by_unts, by_symbol = _instrument_index()
    found: list[tuple[int, InstrumentEntry]] = []
    for m in _UNTS_CITATION.finditer(footnote):
        e = by_unts.get((int(m.group(1)), int(m.group(2))))
        if e:
            found.append((m.start(), e))
    if re.search(r"\bresolutions?\b|A/RES/", footnote, re.IGNORECASE):
        for m in _RESOLUTION_REF.finditer(footnote):
            e = by_symbol.get(symbol_key("A/RES/" + m.group(1)))
            if e:
                found.append((m.start(), e))
    compact = re.sub(r"\s+", "", normalise(footnote, keep_case=True)).upper()
    for key, e in by_symbol.items():
        if not key.startswith("A/RES/"):
            for m in re.finditer(re.escape(key) + r"(?![\w/])", compact):
                found.append((_position(footnote, m.start()), e))
    ordered = [e for _, e in sorted(found, key=lambda p: p[0])]
    return list(dict.fromkeys(ordered))


def _position(text: str, compact_offset: int) -> int:
    """Approximate offset in `text` of an offset in its space-free form (only used to order citations)."""
    seen = 0
    for i, c in enumerate(text):
        if not c.isspace():
            if seen == compact_offset:
                return i
            seen += 1
    return len(text)
