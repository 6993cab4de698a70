"""One pass of phrase matching per Doc, shared by the components.

Each component adds its phrases (verb forms, actor and State names, hedges, instrument names) under its
own name; the first component that asks runs the shared LOWER (or, for case-sensitive acronyms, ORTH)
PhraseMatcher over the Doc once, and every component then reads its own matches. Five separate matchers
would scan each paragraph five to seven times.
"""

from __future__ import annotations

from itertools import islice

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

CACHE_SIZE = 1024
_BY_VOCAB: dict[int, tuple[object, "SharedPhrases"]] = {}


class SharedPhrases:
    def __init__(self, vocab):
        self.vocab = vocab
        self.matchers = {"LOWER": PhraseMatcher(vocab, attr="LOWER"), "ORTH": PhraseMatcher(vocab, attr="ORTH")}
        self.keys: dict[int, tuple[str, str]] = {}  # match id -> (owner, label)
        self._cache: dict[int, tuple[Doc, dict[str, dict[str, list]]]] = {}

    def add(self, owner: str, label: str, patterns: list[Doc], attr: str = "LOWER") -> None:
        key = f"{owner}\t{label}"
        self.keys[self.vocab.strings.add(key)] = (owner, label)
        self.matchers[attr].add(key, patterns)

    def matches(self, doc: Doc, owner: str, attr: str = "LOWER") -> list[tuple[str, int, int]]:
        """(label, start, end) of the owner's phrases in the Doc."""
        hit = self._cache.get(id(doc))
        if hit is None or hit[0] is not doc:
            if len(self._cache) >= CACHE_SIZE:  # the Docs of a batch pass each component in turn
                for key in list(islice(self._cache, CACHE_SIZE // 4)):
                    del self._cache[key]
            hit = self._cache[id(doc)] = (doc, {})
        found = hit[1].get(attr)
        if found is None:
            found = hit[1][attr] = {}
            keys = self.keys
            for m, s, e in self.matchers[attr](doc):
                who, label = keys[m]
                found.setdefault(who, []).append((label, s, e))
        return found.get(owner, [])

    def release(self, doc: Doc) -> None:
        """Forget a Doc's matches once its records are assembled (see words.release)."""
        hit = self._cache.get(id(doc))
        if hit is not None and hit[0] is doc:
            del self._cache[id(doc)]


def shared_phrases(nlp: Language) -> SharedPhrases:
    """The SharedPhrases of a pipeline (one per vocabulary)."""
    hit = _BY_VOCAB.get(id(nlp.vocab))
    if hit is None or hit[0] is not nlp.vocab:
        hit = (nlp.vocab, SharedPhrases(nlp.vocab))
        _BY_VOCAB[id(nlp.vocab)] = hit
    return hit[1]
