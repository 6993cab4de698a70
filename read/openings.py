"""Opening phrases of preamble and operative paragraphs, from the lexicon read/openings.tsv."""

from __future__ import annotations

import re
from functools import lru_cache

from resograph.read.data import tsv_rows

PREAMBLE_KIND = "preamble"
OPERATIVE_KIND = "operative"


def load_lexicon() -> dict[str, list[str]]:
    lexicon: dict[str, list[str]] = {"preamble": [], "operative": [], "before": [], "after": []}
    for kind, phrase, *_ in tsv_rows("openings.tsv", ("kind", "phrase")):
        lexicon[kind].append(phrase.lower())
    return lexicon


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=None)
def opening_pattern(kind: str) -> re.Pattern[str]:
    lex = load_lexicon()
    before, after, heads = _alternation(lex["before"]), _alternation(lex["after"]), _alternation(lex[kind])
    return re.compile(
        rf"(?:(?:{before})\s+){{0,3}}(?:{heads})(?:\s+(?:{after}))?(?![\w-])",
        re.IGNORECASE,
    )


# Fallback when the lexicon does not know the verb: a participle/adjective for a preamble, a
# third-person verb for an operative paragraph, with the usual modifiers.
_FALLBACK = {
    PREAMBLE_KIND: re.compile(r"(?:(?:Also|Further|Deeply|Gravely|Strongly)\s+)?[A-Z][a-z]+(?:ing|ed)(?:\s+(?:also|further|again))?(?![\w-])"),
    OPERATIVE_KIND: re.compile(r"(?:(?:Also|Further|Again|Strongly|Once again)\s+){0,2}[A-Z][a-z]+s(?:\s+(?:upon|on|for))?(?![\w-])"),
}


def find_opening(text: str, kind: str) -> str | None:
    """The opening phrase at the start of `text`, as printed, or None."""
    m = opening_pattern(kind).match(text)
    if m is None:
        m = _FALLBACK[kind].match(text)
    if m is None:
        return None
    # a lexicon match must start with a capital: "recalling" inside a sentence is not an opening
    phrase = m.group()
    return phrase if phrase[:1].isupper() else None


def starts_with_opening(text: str) -> bool:
    """Does a line start like a new preamble or operative paragraph (lexicon only, capitalised)?"""
    for kind in (PREAMBLE_KIND, OPERATIVE_KIND):
        m = opening_pattern(kind).match(text)
        if m and text[:1].isupper():
            return True
    return False
