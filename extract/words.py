"""Token-level helpers the components share: cue look-ups, brackets, infinitive `to`."""

from __future__ import annotations

from spacy.tokens import Doc

from resograph.extract.wordlists import cues

ADVERBS_BEFORE_VERB = {"further", "also", "fully", "still", "then", "jointly", "effectively"}
LY_VERBS = {"apply", "comply", "supply", "rely", "multiply", "reply", "ally", "tally"}


class Words:
    """The lower-case words of a Doc, with bracket depth and cue look-ups."""

    def __init__(self, doc: Doc, cue_file: str = "cues.tsv"):
        self.doc = doc
        self.low = [t.lower_ for t in doc]
        self.n = len(self.low)
        self.cues = cues(cue_file)
        self.depth = []
        d = 0
        for w in self.low:
            if w in ("(", "["):
                d += 1
            self.depth.append(d)
            if w in (")", "]") and d:
                d -= 1

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
        return self.phrase_at(i, self.cues.get(role, ()))

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.doc[i].is_alpha

    def is_verbish(self, i: int, allow_title: bool = False) -> bool:
        """Could token i be the base-form verb of an infinitive? (no POS tagger: a lexical guess)"""
        if not self.is_word(i):
            return False
        tok = self.doc[i]
        if not (tok.is_lower or (allow_title and tok.is_title)):
            return False
        if self.cue_at(i, "nonverb"):
            return False
        if self.is_adverb(i) and self.is_word(i + 1):
            return self.doc[i + 1].is_lower and not self.cue_at(i + 1, "nonverb")
        return True

    def is_adverb(self, i: int) -> bool:
        w = self.low[i]
        return (w.endswith("ly") and w not in LY_VERBS) or w in ADVERBS_BEFORE_VERB

    def first_verb(self, start: int, end: int) -> int | None:
        """The first word of [start, end) that is not an adverb: the verb of a verb phrase."""
        i = start
        while i < end:
            w = self.low[i]
            if self.doc[i].is_alpha:
                if self.is_adverb(i) and i + 1 < end and self.doc[i + 1].is_alpha:
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
        return self.doc[i].idx if i < self.n else len(self.doc.text)

    def char_end(self, j: int) -> int:
        """Clean-text offset just after token j-1."""
        if j <= 0:
            return 0
        t = self.doc[j - 1]
        return t.idx + len(t.text)

    def trim(self, start: int, end: int, drop=(",", ";", ":", ".", "and", "or")) -> tuple[int, int]:
        while end > start and self.low[end - 1] in drop:
            end -= 1
        while start < end and self.low[start] in (",", ";", ":"):
            start += 1
        return start, end
