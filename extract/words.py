"""Token-level helpers the components share: cue look-ups, brackets, infinitive `to`."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_TITLE, SPACY
from spacy.tokens import Doc

from resograph.extract.extensions import value
from resograph.extract.wordlists import cues, english_lemmas

ADVERBS_BEFORE_VERB = {"further", "also", "fully", "still", "then", "jointly", "effectively"}
LY_VERBS = {"apply", "comply", "supply", "rely", "multiply", "reply", "ally", "tally"}


class Words:
    """The lower-case words of a Doc, with bracket depth, character offsets and cue look-ups.

    Built from `Doc.to_array` (no Token objects) and shared by the components through `words(doc)`.
    """

    def __init__(self, doc: Doc, cue_file: str = "cues.tsv"):
        self.doc = doc
        n = len(doc)
        cols = doc.to_array([IS_ALPHA, IS_LOWER, IS_TITLE, IDX, SPACY]).T.tolist() if n else [[]] * 5
        self.alpha, self.lower, self.title, self.idx, spaces = cols
        para = value(doc, "para")
        text = para.get("text") if para else None
        self.text = text if text is not None and (not n or len(text) >= self.idx[-1]) else doc.text
        self.ends = [b - sp for b, sp in zip(self.idx[1:], spaces)] + ([len(self.text) - spaces[-1]] if n else [])
        folded = self.text.lower()
        if len(folded) == len(self.text):
            self.low = [folded[a:b] for a, b in zip(self.idx, self.ends)]
        else:  # a character whose lower case is longer (`İ`): ask the vocabulary
            self.low = [t.lower_ for t in doc]
        self.n = len(self.low)
        self.cues = cues(cue_file)
        self.by_first = _cues_by_first(cue_file)
        if "(" in self.text or "[" in self.text:
            self.depth = []
            d = 0
            for w in self.low:
                if w == "(" or w == "[":
                    d += 1
                self.depth.append(d)
                if (w == ")" or w == "]") and d:
                    d -= 1
        else:
            self.depth = [0] * self.n

    def span_text(self, s: int, e: int) -> str:
        """The clean text of tokens [s, e)."""
        if e <= s:
            return ""
        return self.text[self.idx[s]:self.ends[e - 1]]

    def phrase_at(self, i: int, phrases) -> int:
        """Length of the longest phrase (word tuples) that starts at token i, else 0."""
        for p in phrases:
            if tuple(self.low[i:i + len(p)]) == p:
                return len(p)
        return 0

    def phrase_ending_at(self, j: int, phrases) -> int:
        """Length of the longest phrase that ends just before token j, else 0."""
        for p in phrases:
            if j - len(p) >= 0 and tuple(self.low[j - len(p):j]) == p:
                return len(p)
        return 0

    def cue_at(self, i: int, role: str) -> int:
        if i >= self.n:
            return 0
        return self.phrase_at(i, self.by_first.get(role, {}).get(self.low[i], ()))

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.alpha[i]

    def is_verbish(self, i: int, allow_title: bool = False) -> bool:
        """Could token i be the base-form verb of an infinitive? (no POS tagger: a lexical guess)"""
        if not self.is_word(i):
            return False
        if not (self.lower[i] or (allow_title and self.title[i])):
            return False
        if self.is_adverb(i) and self.is_word(i + 1) and self.lower[i + 1]:
            return self.base_verb(i + 1) or self.base_verb(i)  # `to further strengthen`, `to apply`
        return self.base_verb(i)

    def base_verb(self, i: int) -> bool:
        """Can word i be a verb's base form? The grammar's own lists first (`nonverb`: closed-class words
        and idioms such as `to date`; `verb`: drafting verbs the tables lack, `mainstream`), then
        spaCy's English lemma tables; a word they do not know either counts as a verb."""
        if self.cue_at(i, "nonverb"):
            return False
        if self.cue_at(i, "verb"):
            return True
        return english_lemmas().can_be_base_verb(self.low[i]) is not False

    def is_adverb(self, i: int) -> bool:
        w = self.low[i]
        return (w.endswith("ly") and w not in LY_VERBS) or w in ADVERBS_BEFORE_VERB

    def first_verb(self, start: int, end: int) -> int | None:
        """The first word of [start, end) that is not an adverb: the verb of a verb phrase."""
        i = start
        while i < end:
            w = self.low[i]
            if self.alpha[i]:
                if self.is_adverb(i) and i + 1 < end and self.alpha[i + 1]:
                    i += 1
                    continue
                return i
            i += 1
        return None

    def skip(self, i: int, role: str, end: int | None = None) -> int:
        """Skip any run of cue phrases of `role` starting at i."""
        end = self.n if end is None else end
        while i < end:
            k = self.cue_at(i, role)
            if not k:
                break
            i += k
        return i

    def char(self, i: int) -> int:
        """Clean-text offset where token i starts (the text end for i == n)."""
        return self.idx[i] if i < self.n else len(self.text)

    def char_end(self, j: int) -> int:
        """Clean-text offset just after token j-1."""
        if j <= 0:
            return 0
        return self.ends[j - 1]

    def trim(self, start: int, end: int, drop=(",", ";", ":", ".", "and", "or")) -> tuple[int, int]:
        while end > start and self.low[end - 1] in drop:
            end -= 1
        while start < end and self.low[start] in (",", ";", ":"):
            start += 1
        return start, end


@lru_cache(maxsize=None)
def _cues_by_first(cue_file: str) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    return {role: _index_by_first(phrases) for role, phrases in cues(cue_file).items()}


def _index_by_first(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list] = {}
    for p in phrases:  # already longest first
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


_CACHE: dict[int, tuple[Doc, str, Words]] = {}
_CACHE_SIZE = 1024


def words(doc: Doc, cue_file: str = "cues.tsv") -> Words:
    """The Words of a Doc, built once for all components (the Docs of a batch pass each component in turn)."""
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc and hit[1] == cue_file:
        return hit[2]
    if len(_CACHE) >= _CACHE_SIZE:
        # drop the oldest only: the paragraphs of the document being assembled are among the newest
        for key in list(islice(_CACHE, _CACHE_SIZE // 4)):
            del _CACHE[key]
    w = Words(doc, cue_file)
    _CACHE[id(doc)] = (doc, cue_file, w)
    return w


def release(doc: Doc) -> None:
    """Forget a Doc's Words once its records are assembled: a cache full of finished Docs made every
    garbage collection walk their word lists."""
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        del _CACHE[id(doc)]
