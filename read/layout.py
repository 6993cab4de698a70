"""Lines to units: paragraphs, headings and footnote blocks, as lists of source regions.

This is the only place that looks at lines. It knows page furniture, headings,
paragraph numbers, footnote blocks and the end of the body; it does not clean
text (read/clean.py) or decide paragraph kinds (read/structure.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resograph.read.clean import is_terminated, superscript_to_digits
from resograph.read.detect import Layout
from resograph.read.ocr import digits
from resograph.read.openings import starts_with_opening

PARA = "para"
FOOTNOTE = "footnote"
HEADING = "heading"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTHS = "|".join(MONTHS)

# A UN document symbol: A/RES/72/149, A/C.3/80/L.23, E/CN.6/2025/3/Rev.1, S/RES/1325 (2000)
SYMBOL = r"[AES]/(?:[A-Z]+(?:\.\d+)?/)*\d+(?:/(?:[A-Z][a-z]*\.)?\d+)*(?:[ \t]*\(\d{4}\))?"

FURNITURE = re.compile(
    r"""^[ \t]*(?:
        \d{2}-\d{5}(?:[ \t]*\([A-Z]\))?(?:[ \t]+\S{1,12}){0,2}      # job number: "23-15338 3/17", "00-72018 (E)"
      | \S{0,2}\d{1,3}/\d{1,3}\S{0,2}[ \t]+\d{2}-\d{5}              # "2/17 23-15338"
      | \*\d{5,}\*                                                 # bar code "*1146650*"
      | -{5,} | \\?_ | ={5,}                                        # rules (a `____` rule is handled apart)
      | \[DU\d+\]
      | """ + SYMBOL + r"""                                            # running head: the symbol alone
      | (?:Page[ \t]+)?\d{1,3} | -[ \t]*\d{1,3}[ \t]*-                 # lone page number, "- 2 -"
    )[ \t]*$""",
    re.X,
)
RUNNING_HEAD = re.compile(rf"^[ \t]*{SYMBOL}[ \t]*$")
SYMBOL_HEAD = re.compile(rf"{SYMBOL}[ \t]+\S")
FOOTNOTE_RULE = re.compile(r"^[ \t]*_{5,}[ \t]*$")
TRAILER = re.compile(r"<<ODS |^[ \t]*United Nations\S*[AES]/\S+General Assembly")
BODY_END = re.compile(r"^\W*\d+(?:st|nd|rd|th)[ \t]+(?:plenary[ \t]+)?meeting\b|^\W*Adopted\b.{0,80}\bmeeting\b")
OPENING_FORMULA = re.compile(
    r"^\W*The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Commission on (?:the )?[A-Z][\w ]+|Conference of the Parties|Assembly|Council)[*_]*\s*,[\s*_]*$"
)
NUMBERED = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?(?:(\d{1,3})\.|\((\d{1,3})\))(?:\*\*)?(?=[ \t]+\S|\t)[ \t]*")
NUMBERED_OCR = re.compile(r"^[ \t]*([0-9lIO]{1,3}) ?[.,](?=[ \t]+[A-Z])[ \t]*")
ANNEX = re.compile(r"^\W*(?:#{1,6}[ \t]+)?(?:\*\*)?Annex(?:es)?(?:[ \t]+[IVXL]{1,5})?\W*$")
LETTERED = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\(([a-z]{1,2}|[ivx]{1,5})\)[ \t]+")
MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?=\S)")
NUMBERED_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*)?(?:([IVXL]{1,6})|([A-H]))\.[ \t]+(?=[A-Z])")
FOOTNOTE_START = re.compile(
    r"^(?:<sup>(?:&</sup>lt;sup>)?[ \t]*(?P<sup>\d{1,3}|(?:\\?\*){1,3})[ \t]*</sup>"
    r"|(?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<bare>\d{1,3})(?=[ \t]+\S))[ \t]*"
)
DATE_LINE = re.compile(rf"^\W*\d{{1,2}}[ \t]+(?:{_MONTHS})[ \t]+\d{{4}}\W*$")
MONTH_AFTER = re.compile(rf"(?:{_MONTHS})\b")
PDF_MARKER_LINE = re.compile(r"\d{1,3}F[ \t]*$")
TABLE_ROW = re.compile(r"\S\t+\S[^\t]*\t+\S")


@dataclass
class Unit:
    kind: str  # PARA, FOOTNOTE or HEADING
    regions: list[tuple[int, int]] = field(default_factory=list)  # source ranges, prefix excluded
    start: int = 0  # source offset of the unit, number included
    number: str | None = None  # printed paragraph number
    letter: str | None = None  # printed sub-paragraph letter
    marker: str | None = None  # footnote marker (None for an unmarked footnote block)
    level: int = 0  # heading level: 1 roman, 2 letter, 3 other

    def add(self, start: int, end: int) -> None:
        if start < end:
            self.regions.append((start, end))

    @property
    def end(self) -> int:
        return self.regions[-1][1] if self.regions else self.start


@dataclass
class Split:
    header: tuple[int, int]  # source range before the body
    units: list[Unit]
    trailer: tuple[int, int]  # source range after the body (signature, trailer)
    opening_formula: str | None  # "The General Assembly," when present
    running_heads: list[tuple[int, int]] = field(default_factory=list)  # symbol-only furniture lines
    unread_lines: int = 0  # lines after the end of the body that are neither footnotes nor signature
    annex_at: int | None = None  # source offset of an annex heading after the operative part (not read)
    annex_lines: int = 0  # lines of text after that heading


def iter_lines(text: str, start: int = 0, stop: int | None = None):
    """(start, end) of each line from `start` to `stop`, end excluding the line break."""
    pos = start
    n = len(text) if stop is None else stop
    while pos < n:
        nl = text.find("\n", pos, n)
        if nl < 0:
            nl = n
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        yield pos, end
        pos = nl + 1


def _repeated_heads(text: str, lines: list[tuple[int, int]]) -> set[str]:
    """Lines that open with a symbol and are printed more than once: running heads (`A/RES/72/149 Violence ...`)."""
    seen: dict[str, int] = {}
    for s, e in lines:
        if text[s:s + 12].lstrip()[:2] in ("A/", "S/", "E/"):
            line = text[s:e].strip()
            if SYMBOL_HEAD.match(line):
                seen[line] = seen.get(line, 0) + 1
    return {line for line, n in seen.items() if n > 1}


def split_units(text: str, layout: Layout, body_start: int = 0) -> Split:
    lines = list(iter_lines(text, body_start))
    first_body, formula = _find_body_start(text, lines)
    header = (body_start, lines[first_body][0] if first_body < len(lines) else len(text))
    reader = _BodyReader(text, layout, _repeated_heads(text, lines))
    for i in range(first_body, len(lines)):
        s, e = lines[i]
        if not reader.read_line(s, e, near_end=i >= len(lines) - 3):
            break
    units = [_coalesce(text, u) for u in reader.units if u.regions]
    return Split(header, units, (reader.trailer_start, len(text)), formula, reader.running_heads, reader.unread,
                 reader.annex_at, reader.annex_lines)


class _BodyReader:
    """Reads the body line by line into units; after the end of the body, only footnotes.

    Each line goes through the steps of `read_line` in order: blank lines, the
    trailer, footnote rules and page furniture, the end of the body, then what
    starts or continues a unit.
    """

    def __init__(self, text: str, layout: Layout, repeated_heads: set[str]):
        self.text = text
        self.layout = layout
        self.repeated_heads = repeated_heads
        self.units: list[Unit] = []
        self.current: Unit | None = None
        self.in_footnote_zone = False
        self.body_over = False
        self.trailer_start = len(text)
        self.prev_line = ""
        self.running_heads: list[tuple[int, int]] = []
        self.unread = 0
        self.annex_at: int | None = None
        self.annex_lines = 0
        self.last_note = 0  # highest footnote number seen: bare-number notes must come next

    def read_line(self, s: int, e: int, near_end: bool) -> bool:
        """Read one line; False once the trailer is reached (nothing after it is read)."""
        line = self.text[s:e]
        stripped = line.strip()
        if not stripped:
            self._blank_line()
            return True
        if TRAILER.search(line):
            self._end_body(s)
            return False
        if self._skip_rule_or_furniture(line, stripped, s, e):
            return True
        if self._ends_body(line, s, near_end):
            return True
        if self.annex_at is not None:
            self.annex_lines += 1
        after_marker_line = bool(PDF_MARKER_LINE.search(self.prev_line.rstrip()))  # `1` below `Women, 0F` is a marker
        self.prev_line = line
        fn = None if after_marker_line else _footnote_start(line, self.layout, self.in_footnote_zone or self.body_over, self.last_note)
        if fn is not None:
            self.last_note = _note_number(fn, self.last_note)
        if self.body_over:
            self._after_body(line, s, e, fn)
        elif not self._starts_unit(line, stripped, s, e, fn):
            self._continue_unit(line, stripped, s, e)
        return True

    def _blank_line(self) -> None:
        current = self.current
        if self.layout.blank_ends_paragraph or (
            current is not None and current.kind == FOOTNOTE and not self.layout.footnotes_after_rule_only
        ):
            self.current = None

    def _skip_rule_or_furniture(self, line: str, stripped: str, s: int, e: int) -> bool:
        """A `____` footnote rule opens the footnote zone; page furniture is dropped (and ends a page's footnotes)."""
        if FOOTNOTE_RULE.match(line):
            self.in_footnote_zone = True
            self.current = None
            self.prev_line = line
            return True
        if _is_furniture(line, self.prev_line) or (self.repeated_heads and stripped in self.repeated_heads):
            if RUNNING_HEAD.match(line) and len(self.running_heads) < 3:
                self.running_heads.append((s, e))
            if self.current is not None and self.current.kind == FOOTNOTE and not self.body_over:
                self.current = None  # a page footer or header ends the page's footnotes
                self.in_footnote_zone = False
            return True
        return False

    def _ends_body(self, line: str, s: int, near_end: bool) -> bool:
        """An `Annex` heading after the operative part, an adoption line or a closing date ends the body."""
        if self.annex_at is None and ANNEX.match(line) and any(u.number for u in self.units):
            self.annex_at = s
            self._end_body(s)
            return True
        if not self.body_over and (BODY_END.match(line) or (DATE_LINE.match(line) and near_end)):
            self._end_body(s)
            return True
        return False

    def _end_body(self, at: int) -> None:
        """The body ends at source offset `at` (unless it has ended before): the trailer starts there."""
        if not self.body_over:
            self.trailer_start = at
        self.body_over = True
        self.current = None

    def _open(self, unit: Unit) -> Unit:
        self.units.append(unit)
        self.current = unit
        return unit

    def _after_body(self, line: str, s: int, e: int, fn: re.Match | None) -> None:
        """After the body only footnotes are read; other lines are counted as unread."""
        current = self.current
        if fn is not None:
            self._open(_footnote_unit(s, fn))
        elif current is not None and current.kind == FOOTNOTE and not DATE_LINE.match(line):
            current.add(s + _indent(line), e)
        elif not DATE_LINE.match(line) and not BODY_END.match(line):
            self.unread += 1

    def _starts_unit(self, line: str, stripped: str, s: int, e: int, fn: re.Match | None) -> bool:
        """A heading, a numbered or lettered paragraph or a footnote starts a unit; a table row is skipped."""
        numbered = NUMBERED.match(line) or (self.layout.ocr_numbers and NUMBERED_OCR.match(line))
        heading = NUMBERED_HEADING.match(line) or MD_HEADING.match(line)
        if heading and not numbered and _looks_like_heading(stripped):
            unit = Unit(HEADING, start=s + _indent(line), level=_heading_level(heading))
            numeral = (heading.start(1) if heading.group(1) else heading.start(2)) if heading.re is NUMBERED_HEADING else -1
            unit.add(s + (numeral if numeral >= 0 else heading.end()), e)  # "III. Measures ..." as printed
            self._open(unit)
            self.current = None  # a heading takes no continuation lines
            self.in_footnote_zone = False
            return True
        lettered = None if numbered else LETTERED.match(line)
        if numbered or lettered:
            marker = numbered or lettered
            unit = self._open(Unit(PARA, start=s + _indent(line), number=_number(numbered) if numbered else None,
                                   letter=lettered.group(1) if lettered else None))
            unit.add(s + marker.end(), e)
            self.in_footnote_zone = False
            return True
        if fn is not None:
            self._open(_footnote_unit(s, fn))
            return True
        if TABLE_ROW.search(line.strip("\t ")):
            self.current = None
            return True
        return False

    def _continue_unit(self, line: str, stripped: str, s: int, e: int) -> None:
        """An unmarked line continues the current unit unless the layout or its opening says it starts a new one."""
        layout, current = self.layout, self.current
        if layout.indent_starts_paragraph and line[:1] in " \t":
            self.in_footnote_zone = False
            current = None
        if current is not None and current.kind == FOOTNOTE and self.in_footnote_zone:
            if _leaves_footnote_zone(self.text, self.units, current, stripped):
                self.in_footnote_zone = False
                current = None
        if current is not None and (
            current.kind == PARA and layout.line_is_paragraph and not stripped[:1].islower()
            or (starts_with_opening(stripped) and is_terminated(raw_tail(self.text, current.regions)))
        ):
            current = None
        if current is None:
            current = self._open(Unit(PARA, start=s + _indent(line)))
        current.add(s + _indent(line), e)
        self.current = current


def _find_body_start(text: str, lines: list[tuple[int, int]]) -> tuple[int, str | None]:
    """Index of the first body line: after `The General Assembly,` (looked for before paragraph 1 only),
    else the section heading just before paragraph 1, else paragraph 1, else the first line."""
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if OPENING_FORMULA.match(line):
            return i + 1, re.sub(r"[*_]", "", line).strip()
        m = NUMBERED.match(line)
        if m and _number(m) == "1":
            j = i - 1
            while j >= 0 and not text[lines[j][0]:lines[j][1]].strip():
                j -= 1
            if j >= 0 and NUMBERED_HEADING.match(text[lines[j][0]:lines[j][1]]):
                return j, None
            return i, None
    return 0, None


def _number(m: re.Match) -> str:
    return digits(m.group(1) or (m.group(2) if m.re is NUMBERED else None) or "")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _is_furniture(line: str, prev_line: str) -> bool:
    if not FURNITURE.match(line):
        return False
    # "1 " on the line after "Women, 0F" is a footnote marker, not a page number
    return not PDF_MARKER_LINE.search(prev_line.rstrip())


def _footnote_start(line: str, layout: Layout, bare_allowed: bool, last_note: int) -> re.Match | None:
    """A footnote's first line. A bare number (`32 Sze Eng Tan ...`) must be the next note's number,
    so that a wrapped line starting `27 Member States` or `25 September 2015` is not taken for one."""
    m = FOOTNOTE_START.match(line)
    if m is None:
        return None
    if m.group("bare") is not None:
        if layout.footnotes_after_rule_only and not bare_allowed:
            return None
        n = int(m.group("bare"))
        if not last_note < n <= last_note + 3 or MONTH_AFTER.match(line, m.end()) or BODY_END.match(line):
            return None
    return m


def _note_number(m: re.Match, last_note: int) -> int:
    marker = m.group("sup") or m.group("bare") or superscript_to_digits(m.group("uni") or "")
    return max(last_note, int(marker)) if marker.isdigit() else last_note


def _footnote_unit(line_start: int, m: re.Match) -> Unit:
    marker = m.group("sup") or m.group("bare") or superscript_to_digits(m.group("uni"))
    unit = Unit(FOOTNOTE, start=line_start, marker=marker.replace("\\", ""))
    unit.add(line_start + m.end(), line_start + len(m.string.rstrip("\r")))
    return unit


def _leaves_footnote_zone(text: str, units: list[Unit], footnote: Unit, stripped: str) -> bool:
    """In PDF text, a lower-case line after a complete footnote continues the interrupted paragraph."""
    last_para = next((u for u in reversed(units) if u.kind == PARA), None)
    return (
        stripped[:1].islower()
        and raw_tail(text, footnote.regions).rstrip().endswith(".")
        and last_para is not None
        and not is_terminated(raw_tail(text, last_para.regions))
    )


def raw_tail(text: str, regions: list[tuple[int, int]]) -> str:
    """The source of the last few regions: enough to see how a paragraph or note ends."""
    return " ".join(text[s:e] for s, e in regions[-3:])


def _looks_like_heading(stripped: str) -> bool:
    body = stripped.lstrip("#* \t")
    return 0 < len(body) <= 160 and not body.rstrip("*").endswith((",", ";"))


def _heading_level(m: re.Match) -> int:
    if m.re is NUMBERED_HEADING:
        return 1 if m.group(1) else 2
    return 3


def _coalesce(text: str, unit: Unit) -> Unit:
    """Merge regions separated only by white space (blank lines inside a paragraph)."""
    merged: list[tuple[int, int]] = []
    for s, e in unit.regions:
        if merged and not text[merged[-1][1]:s].strip():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    unit.regions = merged
    return unit
