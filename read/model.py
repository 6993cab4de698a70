"""The document model: what resograph reads from one UN document.

Every later stage (extraction, graph, provenance, lineage) works from these
objects only. All offsets are character (code point) offsets into
`Document.source_text`: for a text file that is the decoded file itself, for a
PDF or DOCX the text layer resograph extracted from it. Paragraph texts are
cleaned (lines joined, markers, markup and furniture removed), so each
paragraph carries an `OffsetMap` from its clean text back to the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

# Paragraph kinds
PREAMBLE = "preamble"
OPERATIVE = "operative"
SUBPARAGRAPH = "subparagraph"  # lettered (a), (b) ... under an operative paragraph or a recommendation
FINDING = "finding"  # a numbered paragraph of a report
RECOMMENDATION = "recommendation"  # a report's recommendation paragraph or lettered item
PARAGRAPH_KINDS = (PREAMBLE, OPERATIVE, SUBPARAGRAPH, FINDING, RECOMMENDATION)

# Document types
GA_RESOLUTION = "resolution"
DRAFT_RESOLUTION = "draft_resolution"
SG_REPORT = "report"
SC_RESOLUTION = "sc_resolution"
ECOSOC_RESOLUTION = "ecosoc_resolution"
HRC_RESOLUTION = "hrc_resolution"
DECISION = "decision"  # a decision of any organ; meta "organ" says whose
OTHER = "other"
DOCUMENT_TYPES = (GA_RESOLUTION, DRAFT_RESOLUTION, SG_REPORT, SC_RESOLUTION, ECOSOC_RESOLUTION, HRC_RESOLUTION, DECISION, OTHER)

# Where a metadata value came from, in order of preference
FROM_TEXT = "text"
FROM_FRONT_MATTER = "front-matter"
FROM_CATALOGUE = "catalogue"
FROM_FILENAME = "filename"


@dataclass(frozen=True)
class Span:
    """A half-open [start, end) range of code points in the source text."""

    start: int
    end: int

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class OffsetMap:
    """Maps offsets in a cleaned text to offsets in the source text.

    `segments` holds (clean_start, source_start, length) runs, sorted by
    clean_start, each a stretch copied verbatim from the source. A clean offset
    that falls in text resograph inserted (a space joining two lines) maps to
    the source offset where the next run starts.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def to_source(self, offset: int) -> int:
        if not self.segments:
            return offset
        if len(self._starts) != len(self.segments):  # segments are appended while the reader builds the map
            self._starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, source_start, length = self.segments[i]
        if offset - clean_start <= length:
            return source_start + (offset - clean_start)
        if i + 1 < len(self.segments):
            return self.segments[i + 1][1]
        return source_start + length

    def span(self, start: int, end: int) -> Span:
        """The source span of clean-text range [start, end)."""
        if end <= start:
            s = self.to_source(start)
            return Span(s, s)
        return Span(self.to_source(start), self.to_source(end - 1) + 1)


@dataclass
class Value:
    """A metadata value and where it came from (FROM_TEXT, FROM_FRONT_MATTER, ...)."""

    value: Any
    source: str
    span: Span | None = None


@dataclass
class Footnote:
    """A footnote of the document: its marker, its text as printed, and the citation it resolves to.

    `resolved` is `text` with `Ibid.` replaced by the citation it repeats.
    """

    marker: str
    text: str
    resolved: str
    span: Span | None = None


@dataclass
class FootnoteRef:
    """A footnote marker removed from a paragraph: `offset` is where it stood in the clean text."""

    marker: str
    offset: int
    footnote: Footnote | None  # None when no footnote of that marker was found (a warning is recorded)


@dataclass
class StateList:
    """A parenthesised list of Member States after a statement in a report: `(Algeria, Argentina and Chile)`.

    `statement` is the clean-text range of the statement the list qualifies
    (from the sentence start to the opening parenthesis); `span` the list itself.
    """

    states: list[str]
    start: int  # clean-text offsets of the parenthesised list, parentheses included
    end: int
    statement_start: int
    statement_end: int


@dataclass
class Paragraph:
    kind: str  # one of PARAGRAPH_KINDS
    text: str  # clean text, opening phrase included, paragraph number and list markers excluded
    number: str | None = None  # as cited: "15"; a lettered item joins its parent: "21(a)", "58(c)"; preamble "p1", "p2" ...
    parent: str | None = None  # number of the enclosing paragraph for a sub-paragraph
    opening: str | None = None  # opening phrase: "Reaffirming also", "Urges", "Also calls upon"
    section: list[str] = field(default_factory=list)  # headings it sits under, outermost first
    footnotes: list[FootnoteRef] = field(default_factory=list)
    states: list[StateList] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    span: Span | None = None  # the whole paragraph in the source, number included

    def source_span(self, start: int, end: int) -> Span:
        return self.offsets.span(start, end)


@dataclass
class Document:
    """One UN document as read.

    `text` of each paragraph starts with the opening phrase and excludes the
    paragraph number: `Urges Governments to ...` for `15. *Urges* Governments to ...`.
    Preamble paragraphs are numbered "p1", "p2" ... in reading order (not printed).

    `meta` keys: symbol, type (GA_RESOLUTION, DRAFT_RESOLUTION, SG_REPORT,
    SC_RESOLUTION, ECOSOC_RESOLUTION, HRC_RESOLUTION, DECISION, OTHER), organ
    ("Security Council": whose resolution or decision), session (int), agenda_item ("28 (a)"), date_issued,
    date_adopted (ISO "YYYY-MM-DD"), meeting ("73rd plenary meeting"), title,
    sponsors (list of str), committee_report ("A/72/432").
    """

    path: str
    id: str  # catalogue id, else symbol from the text, else file stem
    format: str  # "pdf-text", "markdown", "word-text", "ocr-text", "pdf", "docx", "plain"
    source_text: str
    meta: dict[str, Value] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def get(self, key: str, default: Any = None) -> Any:
        v = self.meta.get(key)
        return v.value if v is not None else default

    @property
    def symbol(self) -> str | None:
        return self.get("symbol")

    @property
    def type(self) -> str:
        return self.get("type", OTHER)

    def by_kind(self, *kinds: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in kinds]
