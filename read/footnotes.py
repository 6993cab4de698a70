"""Footnote blocks to Footnote objects: numbering unmarked blocks, splitting run-in notes, resolving `Ibid.`"""

from __future__ import annotations

import bisect
import re

from resograph.read.clean import Hyphenation, clean_regions, is_terminated
from resograph.read.layout import Unit, raw_tail
from resograph.read.model import Footnote

_IBID = re.compile(r"^\s*Ibid\.?\s*,?\s*", re.IGNORECASE)
_LOCATOR = re.compile(r"^(vol|vols|No|Nos|p|pp|para|paras|chap|sect|annex|part|Supplement|art)\b\.?", re.IGNORECASE)


def build_footnotes(source: str, units: list[Unit], referenced: set[str], hyphenation: Hyphenation) -> tuple[list[Footnote], list[str]]:
    """Footnotes in document order; blocks printed without a marker get the number they must have.

    `referenced` holds the markers found in the body. A block without a
    marker continues the previous note when that note is unfinished; otherwise
    it is the next note whose marker the body uses but no block provides.
    """
    warnings: list[str] = []
    blocks: list[tuple[str | None, list[tuple[int, int]]]] = []
    for unit in units:
        if unit.marker is None and blocks and not is_terminated(raw_tail(source, blocks[-1][1])):
            blocks[-1][1].extend(unit.regions)
        else:
            blocks.append((unit.marker, list(unit.regions)))

    notes: list[Footnote] = []
    for marker, regions in blocks:
        cleaned = clean_regions(source, regions, hyphenation)
        # a block may run several notes together: "... (December 2011). <sup>16</sup> See resolution 76/252."
        cuts = [(marker, 0)] + [(m, off) for m, off in cleaned.markers]
        for k, (mk, off) in enumerate(cuts):
            end = cuts[k + 1][1] if k + 1 < len(cuts) else len(cleaned.text)
            text = cleaned.text[off:end].strip()
            if not text:
                continue
            lead = len(cleaned.text[off:end]) - len(cleaned.text[off:end].lstrip())
            span = cleaned.offsets.span(off + lead, off + lead + len(text))
            notes.append(Footnote(marker=mk, text=text, resolved=text, span=span))

    _number_unmarked(notes, referenced, warnings)
    # notes are numbered in print order; a note printed out of place (page layout) is put back
    notes.sort(key=lambda n: int(n.marker) if n.marker.isdigit() else -1)
    resolve_ibid(notes)
    return notes, warnings


def _number_unmarked(notes: list[Footnote], referenced: set[str], warnings: list[str]) -> None:
    given = {n.marker for n in notes if n.marker}
    missing = sorted((int(m) for m in referenced - given if m.isdigit()))
    following_at: list[int | None] = [None] * len(notes)
    following = None
    for k in range(len(notes) - 1, -1, -1):
        following_at[k] = following
        if notes[k].marker and notes[k].marker.isdigit():
            following = int(notes[k].marker)
    previous = 0
    numbered = []
    for k, note in enumerate(notes):
        if note.marker is not None:
            if note.marker.isdigit():
                previous = int(note.marker)
            continue
        following = following_at[k]
        i = bisect.bisect_right(missing, previous)
        if i < len(missing) and (following is None or missing[i] < following):
            number = missing.pop(i)
        else:
            number = previous + 1
        note.marker = str(number)
        previous = number
        numbered.append(str(number))
    if numbered:
        shown = ", ".join(numbered[:12]) + (f" and {len(numbered) - 12} more" if len(numbered) > 12 else "")
        warnings.append(f"{len(numbered)} footnote(s) printed without a marker, numbered from their place: {shown}")


def resolve_ibid(notes: list[Footnote]) -> None:
    """`Ibid.` repeats the previous citation; `Ibid., vol. 2241, No. 39574.` replaces its locators."""
    previous: str | None = None
    for note in notes:
        m = _IBID.match(note.text)
        if m and previous is not None:
            rest = note.text[m.end():].strip()
            note.resolved = _apply_ibid(previous, rest)
        previous = note.resolved


def _apply_ibid(previous: str, rest: str) -> str:
    if not rest or rest == ".":
        return previous
    first = rest.split(",")[0].strip()
    parts = [p.strip() for p in previous.rstrip(".").split(",")]
    cut = None
    for i, part in enumerate(parts[1:], start=1):
        if _same_kind(part, first):
            cut = i
            break
    if cut is None:
        cut = len(parts)
    return ", ".join(parts[:cut]) + ", " + rest


def _same_kind(part: str, first: str) -> bool:
    a, b = _LOCATOR.match(part), _LOCATOR.match(first)
    if a and b:
        return a.group(1).lower().rstrip("s") == b.group(1).lower().rstrip("s")
    return part[:1].isdigit() and first[:1].isdigit()
