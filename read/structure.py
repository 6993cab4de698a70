"""Units to paragraphs: join page-broken paragraphs, give each its kind, number, opening and section."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from resograph.read import model as m
from resograph.read.clean import EXPLICIT, GLUED, Cleaned, Hyphenation, clean_regions, is_terminated
from resograph.read.data import tsv_rows
from resograph.read.layout import FOOTNOTE, HEADING, PARA, Unit, raw_tail
from resograph.read.openings import OPERATIVE_KIND, PREAMBLE_KIND, find_opening, starts_with_opening


def join_continuations(source: str, units: list[Unit], report: bool) -> tuple[list[Unit], list[Unit]]:
    """Paragraph units with page-broken pieces joined, and the units that are really footnote blocks.

    A piece without a number continues the previous paragraph when it starts in
    lower case or the previous paragraph is unfinished. It is a footnote printed
    without its marker when the footnote numbering has a gap at that place, it
    follows a footnote or a finished paragraph, and (in a resolution) it does
    not open like a paragraph. In a report every body paragraph is numbered, so
    any other unnumbered piece is the rest of the previous paragraph.
    """
    gaps = _footnote_gaps(units)
    paragraphs: list[Unit] = []
    stray_notes: list[Unit] = []
    seen_number = False
    for k, unit in enumerate(units):
        if unit.kind == HEADING:
            paragraphs.append(unit)
            continue
        if unit.kind != PARA:
            continue
        numbered = unit.number is not None or unit.letter is not None
        seen_number = seen_number or unit.number is not None
        previous = next((p for p in reversed(paragraphs) if p.kind == PARA), None)
        if not numbered and previous is not None:
            first = source[unit.regions[0][0]:unit.regions[0][1]].lstrip(" \t*_[")
            unfinished = not is_terminated(raw_tail(source, previous.regions))
            if first[:1].islower():
                previous.regions.extend(unit.regions)
                continue
            after_note = k > 0 and units[k - 1].kind == FOOTNOTE
            if (report or not starts_with_opening(first)) and gaps(unit.start) and (after_note or not unfinished):
                stray_notes.append(Unit(FOOTNOTE, list(unit.regions), unit.start))
                continue
            if unfinished or (report and seen_number):
                previous.regions.extend(unit.regions)
                continue
        paragraphs.append(unit)
    return paragraphs, stray_notes


def _footnote_gaps(units: list[Unit]):
    """A test: is a footnote number missing between the numbered footnote blocks around this offset?"""
    numbered = sorted((u.start, int(u.marker)) for u in units if u.kind == FOOTNOTE and u.marker and u.marker.isdigit())
    starts = [s for s, _ in numbered]
    given = {n for _, n in numbered}
    highest_before: list[int] = []
    best = 0
    for _, n in numbered:
        best = max(best, n)
        highest_before.append(best)

    def has_gap(offset: int) -> bool:
        if not numbered:
            return False  # a document without numbered footnotes has no gap to fill
        k = bisect.bisect_left(starts, offset)
        before = highest_before[k - 1] if k else 0
        after = next((n for _, n in numbered[k:k + 50] if n > before), before + 2)
        return any(n not in given for n in range(before + 1, min(after, before + 50)))

    return has_gap


class MarkerSequence:
    """Accepts footnote markers in reading order.

    A number that may be a marker (`Women,1`, `Women1`, `journeys. 42 More`) is
    one only when a footnote of that number exists and it is the next marker
    (one may have been lost); a number glued after punctuation may also repeat
    an earlier marker (`Families,10` citing note 10 again).
    """

    def __init__(self, known: set[str]):
        self.known = known
        self.last = 0

    def __call__(self, marker: str, how: str) -> bool:
        if not marker.isdigit():
            return how == EXPLICIT
        n = int(marker)
        if how == EXPLICIT:
            self.last = max(self.last, n)
            return True
        if marker not in self.known:
            return False
        if self.last < n <= self.last + 2 or (how == GLUED and n <= self.last):
            self.last = max(self.last, n)
            return True
        return False


class ItemNumbering:
    """Numbers lettered items after the paragraph they belong to: `21(a)`, `1(a)(i)`, `p3(a)`."""

    def __init__(self):
        self.parent: str | None = None  # the current numbered (or preamble) paragraph
        self.last_letter: str | None = None  # the current lettered item, parent of roman items (i), (ii) ...
        self.roman_items = False  # the paragraph's items are (i), (ii) ... rather than (a), (b) ...

    def start_paragraph(self, number: str) -> None:
        self.parent, self.last_letter, self.roman_items = number, None, False

    def item(self, letter: str) -> tuple[str, str | None]:
        """(number, parent) of the lettered item `(letter)`."""
        if not self.roman_items and _nested_roman(letter, self.last_letter):
            parent = f"{self.parent}({self.last_letter})" if self.parent else f"({self.last_letter})"
        else:
            if self.last_letter is None:
                self.roman_items = letter == "i"
            parent = self.parent
            self.last_letter = letter
        return (f"{parent}({letter})" if parent else f"({letter})"), parent


def build_paragraphs(
    source: str, units: list[Unit], report: bool, hyphenation: Hyphenation, markers: MarkerSequence
) -> tuple[list[m.Paragraph], list[tuple[m.Paragraph, Cleaned]], list[str]]:
    """Paragraphs with kinds and numbers (footnotes not yet linked), plus their cleaning results."""
    warnings: list[str] = []
    out: list[tuple[m.Paragraph, Cleaned]] = []
    section: list[str] = []
    items = ItemNumbering()
    parent_kind: str | None = None
    preamble_count = late_preamble = 0
    in_recommendations = operative_started = False
    for unit in units:
        cleaned = clean_regions(source, unit.regions, hyphenation, markers)
        if unit.kind == HEADING:
            title = cleaned.text.strip(" *#")
            section = _enter_section(section, title, unit.level)
            in_recommendations = bool(_RECOMMENDATION_HEADING.search(title))
            continue
        if not cleaned.text:
            continue
        para = m.Paragraph(kind=m.PREAMBLE, text=cleaned.text, offsets=cleaned.offsets, section=list(section))
        para.span = m.Span(unit.start, unit.end)
        if unit.number is not None:
            para.number = unit.number
            items.start_paragraph(unit.number)
            operative_started = True
            if report:
                para.kind = m.RECOMMENDATION if in_recommendations and recommends(cleaned.text) else m.FINDING
            else:
                para.kind = m.OPERATIVE
                para.opening = find_opening(cleaned.text, OPERATIVE_KIND)
            parent_kind = para.kind
        elif unit.letter is not None:
            if items.parent is None:
                warnings.append(f"lettered item ({unit.letter}) before any numbered paragraph")
            para.number, para.parent = items.item(unit.letter)
            para.kind = m.RECOMMENDATION if parent_kind == m.RECOMMENDATION else m.SUBPARAGRAPH
        elif report:
            continue  # report text outside numbered paragraphs (summary, notes) is not a finding
        else:
            late_preamble += operative_started
            preamble_count += 1
            para.number = f"p{preamble_count}"
            items.start_paragraph(para.number)
            parent_kind = m.PREAMBLE
            para.opening = find_opening(cleaned.text, PREAMBLE_KIND)
        out.append((para, cleaned))
    if late_preamble:
        warnings.append(f"{late_preamble} unnumbered paragraph(s) after the operative part began: read as preamble")
    return [p for p, _ in out], out, warnings


_ROMAN_ITEM = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$")


def _nested_roman(item: str, last_letter: str | None) -> bool:
    """Is `(i)`, `(ii)` ... an item under the lettered item before it? `(i)` right after `(h)` is a letter."""
    if last_letter is None or not _ROMAN_ITEM.match(item):
        return False
    follows = len(item) == 1 and len(last_letter) == 1 and ord(item) == ord(last_letter) + 1
    return not follows


_RECOMMENDATION_HEADING = re.compile(r"recommendation", re.IGNORECASE)


def _enter_section(section: list[str], title: str, level: int) -> list[str]:
    if level == 1:
        return [title]
    if level == 2:
        return section[:1] + [title]
    return section[:2] + [title] if section else [title]


@lru_cache(maxsize=1)
def _recommending_cues() -> re.Pattern[str]:
    cues = [row[0] for row in tsv_rows("recommending.tsv")]
    return re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")\b", re.IGNORECASE)


def recommends(text: str) -> bool:
    """Does a report paragraph recommend (`States are encouraged to ...`, `... should ...`)?"""
    return bool(_recommending_cues().search(text))
