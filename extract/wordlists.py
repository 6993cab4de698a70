"""The extractor's grammar word lists: verbs, modifiers, hedges and cue words.

They are data files in `lexicons/` (tab-separated, `#` comments) that users
edit; this module only reads them. Actors, States and instruments come from
`resograph.extract.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"


def lexicon_path(name: str | Path) -> Path:
    """A lexicon file by name (`verbs.tsv`) in the bundled folder, or any explicit path."""
    p = Path(name)
    return p if p.is_absolute() or p.exists() else LEXICON_DIR / p


def read_tsv(name: str | Path) -> list[list[str]]:
    rows = []
    with open(lexicon_path(name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True)
class VerbForm:
    form: str  # lower-case words as printed: "calls upon", "reiterates its call upon"
    verb: str  # canonical verb: "calls upon"
    strength: int
    frame: str  # addressee | that | none | subject
    use: str  # operative | opening | participle | report
    modifier: str  # "" or a modifier the form itself carries ("reiterates")
    base: str  # base form of the head verb, for coverage checks


@lru_cache(maxsize=None)
def verb_forms(name: str = "verbs.tsv") -> tuple[VerbForm, ...]:
    out = []
    for row in read_tsv(name):
        row += [""] * (7 - len(row))
        form, verb, strength, frame, use, modifier, base = row[:7]
        out.append(VerbForm(form.lower(), verb, int(strength), frame or "none", use or "operative", modifier, base))
    return tuple(out)


@lru_cache(maxsize=None)
def modifiers(name: str = "modifiers.tsv") -> tuple[tuple[str, str, str], ...]:
    """(phrase, position, canonical) rows; position is `before` or `after`."""
    return tuple((r[0].lower(), r[1], r[2] if len(r) > 2 else r[0]) for r in read_tsv(name))


@lru_cache(maxsize=None)
def hedges(name: str = "hedges.tsv") -> tuple[tuple[str, str], ...]:
    """(phrase, kind) rows."""
    return tuple((r[0].lower(), r[1] if len(r) > 1 else "qualifier") for r in read_tsv(name))


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase split as the tokenizer splits it (`co-operating` -> co, -, operating), lower case."""
    return tuple(re.findall(r"\w+|[^\w\s]", phrase.lower()))


@lru_cache(maxsize=None)
def cues(name: str = "cues.tsv") -> dict[str, tuple[tuple[str, ...], ...]]:
    """role -> phrases as word tuples, longest first."""
    by_role: dict[str, list[tuple[str, ...]]] = {}
    for r in read_tsv(name):
        by_role.setdefault(r[1], []).append(words_of(r[0]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_role.items()}


@dataclass(frozen=True)
class EnglishLemmas:
    """What spaCy's English lemma tables (the `spacy-lookups-data` package: WordNet lemma index and the
    lemma look-up table) say about a lower-case word, enough to tell whether it can be a verb's base form."""

    verbs: frozenset[str]  # base forms of verbs (`ensure`, `respect`, `prioritise`)
    other: frozenset[str]  # base forms of nouns, adjectives and adverbs only (`health`, `peace`)
    inflected: frozenset[str]  # forms whose lemma is another word (`women`, `measures`, `rights`)
    verb_lemmas: dict  # inflected form -> verb base form (`criminalizing` -> `criminalize`)

    def can_be_base_verb(self, word: str) -> bool | None:
        """True or False when the tables know the word, None when they do not (`mainstream`, `the`)."""
        if word in self.verbs:
            return True
        if word in self.inflected or word in self.other:
            return False
        return None

    def verb_base(self, word: str) -> str | None:
        """The base form of a verb form (`criminalizing` -> `criminalize`, `ensure` -> `ensure`), else None."""
        return word if word in self.verbs else self.verb_lemmas.get(word)


@lru_cache(maxsize=None)
def english_lemmas() -> EnglishLemmas:
    import gzip
    import json
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data"
    with gzip.open(data.joinpath("en_lemma_index.json.gz").open("rb"), "rt", encoding="utf-8") as f:
        index = json.load(f)
    with gzip.open(data.joinpath("en_lemma_lookup.json.gz").open("rb"), "rt", encoding="utf-8") as f:
        lookup = json.load(f)
    verbs = frozenset(index["verb"])
    other = frozenset(w for pos in ("noun", "adj", "adv") for w in index[pos]) - verbs
    inflected = frozenset(w for w, lemma in lookup.items() if lemma != w and w not in verbs)
    verb_lemmas = {w: lemma for w, lemma in lookup.items() if w in inflected and lemma in verbs}
    return EnglishLemmas(verbs, other, inflected, verb_lemmas)
