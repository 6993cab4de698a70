"""The one cleaning engine: source regions in, clean text + offset map + removed markers out.

Every format goes through `clean_regions`: line breaks and runs of white space
become one space, end-of-line hyphens are undone or kept (see `Hyphenation`),
markdown and markup disappear (`*Urges*`, `[73/195](#)`, `\\*`, `<sup>`), and
footnote markers are removed and reported with the clean offset where they
stood. Everything kept is copied verbatim from the source, so the OffsetMap
maps every clean character back to the code point it was printed as.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from resograph.read.data import tsv_rows
from resograph.read.model import OffsetMap

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def superscript_to_digits(text: str) -> str:
    return text.translate(_SUPER_TO_DIGIT)


# One pass, one regex: each alternative is a thing to drop, keep partly or replace.
INLINE = re.compile(
    r"""
    (?=[\d<⁰¹²³⁴⁵⁶⁷⁸⁹\\\[\]*-]|[^\S ]|[ ][\s\d])  # cheap first test: most positions fail here
    (?:(?P<pdfmark>[ \t]?\d{1,3}F[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*(?P<pdfm>\d{1,3})(?=[ \t]|\r?\n|$))
    |(?P<sup><sup>(?:&</sup>lt;sup>)?[ \t]*(?P<supm>\d{1,3}|(?:\\?\*){1,3})[ \t]*</sup>)
    |(?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)
    |(?P<hyph>(?<=[^\W\d_])-[ \t]*\r?\n[ \t\r\n]*(?=[^\W\d_]))
    |(?P<ws>\s{2,}|[^\S ])
    |(?P<star>(?:\\\*)+)
    |(?P<esc>\\(?=[^\w\s]|_))
    |(?P<linkopen>\[(?=[^\]\n]{1,300}\]\([^)\s]*\)))
    |(?P<linkclose>\]\([^)\s]*\))
    |(?P<du>\[DU\d+\])
    |(?P<emph>\*+)
    |(?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,80})?/?>)
    |(?P<glued>(?<!Add\.)(?<!Corr\.)(?<!Rev\.)(?<!No\.)(?<!vol\.)(?<!para\.)(?<!p\.)(?<!art\.)
        (?:(?P<attached>(?<=[^\W\d_]))
          |(?<=[^\W\d_][,;:.)”"’])|(?<=[)\]”"’][,;:.)”"’])|(?<=\d[,;:)])
          |(?P<spaced>(?<=[^\W\d_][.,;][ ])|(?<=[)\]”"’][.,;][ ])|(?<=\d[.][ ])))
        (?P<gm>\d{1,3})(?=[\s,;:.)]|$)))
    """,
    re.VERBOSE,
)

TERMINAL = ".,;:"
_TRAILING_NOISE = re.compile(
    r"(?:\s|\*|\\\*|<sup>(?:&</sup>lt;sup>)?[^<]{0,8}</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\d{1,3}F|(?<=[.,;:\s])\d{1,3}|[”\"’')\]])+$"
)


def is_terminated(raw: str) -> bool:
    """Does this raw paragraph text end a sentence or a clause (`.`, `,`, `;`, `:`), markers aside?"""
    tail = raw[-400:]
    stripped = _TRAILING_NOISE.sub("", tail)
    if not stripped:
        return False
    if stripped[-1] in TERMINAL:
        return True
    # "... (Part I)." style: look past closing brackets/quotes that were stripped
    return bool(re.search(r"[.;:,][”\"’')\]]*\s*$", tail.rstrip(" *\t\r\n")))


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap
    markers: list[tuple[str, int]] = field(default_factory=list)  # (marker, clean offset)


class TextBuilder:
    """Builds a clean string from source slices and inserted text, recording the offset map.

    Contiguous source slices are merged into one piece, so memory grows with
    the number of edits, not with the number of words.
    """

    def __init__(self, source: str):
        self.source = source
        self.pieces: list[list] = []  # [source_start, source_end] or [inserted_text]
        self.segments: list[tuple[int, int, int]] = []
        self.length = 0
        self.pending_space: int | None = None  # source offset of a space to emit, -1 for inserted
        self.last = ""

    def _flush(self) -> None:
        if self.pending_space is None:
            return
        pos, self.pending_space = self.pending_space, None
        if self.length == 0:
            return
        if pos >= 0 and self.source[pos] == " ":
            self._keep(pos, pos + 1)
        else:
            self._insert(" ")

    def _insert(self, text: str) -> None:
        self.pieces.append([text])
        self.length += len(text)
        self.last = text[-1]

    def _keep(self, start: int, end: int) -> None:
        if self.segments and len(self.pieces[-1]) == 2 and self.pieces[-1][1] == start:
            cs, ss, n = self.segments[-1]
            self.segments[-1] = (cs, ss, n + end - start)
            self.pieces[-1][1] = end
        else:
            self.segments.append((self.length, start, end - start))
            self.pieces.append([start, end])
        self.length += end - start
        self.last = self.source[end - 1]

    def keep(self, start: int, end: int) -> None:
        """Copy source[start:end]; single spaces inside it are kept as printed, never doubled."""
        if end <= start:
            return
        self._flush()
        if self.length == 0 or self.last == " ":
            while start < end and self.source[start] == " ":
                start += 1
        if end > start:
            self._keep(start, end)

    def insert(self, text: str) -> None:
        if text:
            self._flush()
            self._insert(text)

    def space(self, source_pos: int = -1) -> None:
        if self.length and self.pending_space is None and self.last != " ":
            self.pending_space = source_pos

    @property
    def end_of_text(self) -> int:
        """Clean offset just after the last non-space character."""
        return self.length - 1 if self.last == " " else self.length

    def tail(self, n: int) -> str:
        """The last n characters built so far."""
        out: list[str] = []
        need = n
        for piece in reversed(self.pieces):
            text = piece[0] if len(piece) == 1 else self.source[max(piece[0], piece[1] - need):piece[1]]
            out.append(text[-need:])
            need -= len(out[-1])
            if need <= 0:
                break
        return "".join(reversed(out))

    def drop_last_char(self) -> None:
        piece = self.pieces[-1]
        if len(piece) == 2:
            piece[1] -= 1
            cs, ss, n = self.segments[-1]
            if n <= 1:
                self.segments.pop()
            else:
                self.segments[-1] = (cs, ss, n - 1)
            if piece[1] == piece[0]:
                self.pieces.pop()
        else:
            piece[0] = piece[0][:-1]
            if not piece[0]:
                self.pieces.pop()
        self.length -= 1
        self.last = self.tail(1)

    def result(self) -> tuple[str, OffsetMap]:
        while self.last == " ":
            self.drop_last_char()
        text = "".join(p[0] if len(p) == 1 else self.source[p[0]:p[1]] for p in self.pieces)
        return text, OffsetMap(list(self.segments))


_VOCAB_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Hyphenation:
    """Decides whether `left-` at a line end followed by `right` is a compound or a broken word.

    In order: the hyphenated form printed elsewhere in the document keeps the
    hyphen; the joined form printed elsewhere joins; a compound prefix or
    suffix from read/hyphenation.tsv (`gender-`, `-based`) keeps the hyphen;
    otherwise the hyphen is a line-end break and the halves are joined.
    """

    def __init__(self, document_text: str):
        self._text = document_text
        self._words: set[str] | None = None

    def _vocabulary(self) -> set[str]:
        if self._words is None:  # built on the first line-end hyphen; grows with the vocabulary, not the text
            self._words = set()
            text, step, pos = self._text, 1 << 20, 0
            while pos < len(text):  # in chunks cut at white space, so memory stays bounded
                end = text.find(" ", pos + step)
                end = len(text) if end < 0 else end
                self._words.update(_VOCAB_WORD.findall(text[pos:end].lower()))
                pos = end
        return self._words

    def keep_hyphen(self, left: str, right: str) -> bool:
        if right[:1].isupper() or left.isupper():  # UN-Women, ILO-IOM: never a word broken at a line end
            return True
        left_l, right_l = left.lower(), right.lower()
        words = self._vocabulary()
        if f"{left_l}-{right_l}" in words:
            return True
        if left_l + right_l in words:
            return False
        prefixes, suffixes = compound_affixes()
        if left_l in prefixes or right_l in suffixes:
            return True
        return False


@lru_cache(maxsize=1)
def compound_affixes() -> tuple[frozenset[str], frozenset[str]]:
    prefixes, suffixes = set(), set()
    for kind, word, *_ in tsv_rows("hyphenation.tsv", ("kind", "affix")):
        (prefixes if kind == "prefix" else suffixes).add(word.lower())
    return frozenset(prefixes), frozenset(suffixes)


# (marker, how) -> accept as a footnote marker? `how` is EXPLICIT (<sup>, ¹, 0F+1), GLUED after punctuation
# (`Women,1`), ATTACHED to a letter (`Women1`) or SPACED (`journeys. 42 More`): the last three are ordinary
# numbers unless the filter says otherwise. A number after a digit and a point (`40.7`) is never a candidate.
MarkerFilter = Callable[[str, str], bool]
EXPLICIT, GLUED, ATTACHED, SPACED = "explicit", "glued", "attached", "spaced"


def _accept_all(marker: str, how: str) -> bool:
    return how == EXPLICIT


_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")


def clean_regions(
    source: str,
    regions: Iterable[tuple[int, int]],
    hyphenation: Hyphenation | None = None,
    accept_marker: MarkerFilter = _accept_all,
) -> Cleaned:
    """Clean the source regions (in order) into one text; regions are joined like lines."""
    b = TextBuilder(source)
    markers: list[tuple[str, int]] = []
    regions = list(regions)
    for i, (start, end) in enumerate(regions):
        if i:
            _join(source, b, regions[i - 1][1], start, hyphenation)
        _clean_one(source, start, end, b, markers, hyphenation, accept_marker)
    text, offsets = b.result()
    return Cleaned(text, offsets, markers)


def _join(source: str, b: TextBuilder, prev_end: int, start: int, hyphenation: Hyphenation | None) -> None:
    """Join two regions (a page break or a footnote block between them)."""
    if b.last == "-" and b.pending_space is None and hyphenation is not None:
        m = _WORD_AFTER.match(source, start)
        left = _WORD_BEFORE.search(b.tail(60)[:-1])
        if m and left and m.group()[0].islower():
            if not hyphenation.keep_hyphen(left.group(1), m.group()):
                b.drop_last_char()
            return
    b.space()


def _how(m: re.Match) -> str:
    if m.group("spaced") is not None:
        return SPACED
    return ATTACHED if m.group("attached") is not None else GLUED


def _clean_one(source, start, end, b, markers, hyphenation, accept_marker) -> None:
    pos = start
    for m in INLINE.finditer(source, start, end):
        kind = m.lastgroup
        if kind in ("pdfm", "supm", "gm"):  # lastgroup names the innermost group
            kind = {"pdfm": "pdfmark", "supm": "sup", "gm": "glued"}[kind]
        if kind == "glued" and not accept_marker(m.group("gm"), _how(m)):
            continue  # an ordinary number: it stays in the text
        b.keep(pos, m.start())
        pos = m.end()
        if kind == "ws":
            b.space(m.start())
        elif kind == "hyph":
            left = _WORD_BEFORE.search(source, max(start, m.start() - 60), m.start())
            right = _WORD_AFTER.match(source, m.end())
            keep = hyphenation.keep_hyphen(left.group(1), right.group()) if (hyphenation and left and right) else True
            if keep:
                b.keep(m.start(), m.start() + 1)
        elif kind == "esc":
            pass  # the escaped character itself is kept with the next run
        elif kind in ("pdfmark", "sup", "uni", "star", "glued"):
            if kind == "pdfmark":
                marker = m.group("pdfm")
                # the line break the marker sat on still separates two words
                b.space()
            elif kind == "sup":
                marker = m.group("supm").replace("\\", "")
            elif kind == "uni":
                marker = superscript_to_digits(m.group())
            elif kind == "star":
                marker = "*" * m.group().count("*")
            else:
                marker = m.group("gm")
            if kind != "glued":
                accept_marker(marker, EXPLICIT)
            markers.append((marker, b.end_of_text))
        # emph, tag, du, linkopen, linkclose: dropped
    b.keep(pos, end)
