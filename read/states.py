"""Parenthesised lists of Member States after a statement in a report: `(Algeria, Argentina and Chile)`."""

from __future__ import annotations

import re
import importlib.util
from functools import lru_cache
from pathlib import Path

from resograph.read.model import StateList

_PAREN = re.compile(r"\(([^()]{2,2000})\)")
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_NAME = re.compile(r"^(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|and|the|[A-Z(][\w'’.()-]*))*$")
_SENTENCE_START = re.compile(r"(?:^|[.;:]\s+)(?=\S)")


@lru_cache(maxsize=1)
def state_names() -> frozenset[str] | None:
    """Lower-case names and aliases from extract/lexicons/states.tsv, or None while it does not exist."""
    # located without importing resograph.extract (its package may load the whole extractor)
    spec = importlib.util.find_spec("resograph.extract")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "lexicons" / "states.tsv"
    try:
        data = path.read_text(encoding="utf-8")
    except OSError:
        return None
    names: set[str] = set()
    for k, line in enumerate(data.splitlines()):
        cols = line.split("\t")
        if not line.strip() or line.startswith("#") or (k == 0 and cols[0].lower() == "label"):
            continue
        names.add(cols[0].strip().lower())
        if len(cols) > 3:
            names.update(a.strip().lower() for a in cols[3].split("|") if a.strip())
    return frozenset(names) or None


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def is_state(name: str) -> bool:
    """Is this a Member State's name? The lexicon when it exists, else the shape of a proper name."""
    name = _THE.sub("", name.strip())
    names = state_names()
    if names is not None:
        return name.lower() in names or f"the {name.lower()}" in names
    return bool(_NAME.match(name)) and len(name) <= 60


def find_state_lists(text: str) -> list[StateList]:
    lists = []
    lexicon = state_names() is not None
    for match in _PAREN.finditer(text):
        if not match.group(1)[:1].isupper() and not match.group(1).startswith("the "):
            continue
        items = [i.strip() for i in _SPLIT.split(match.group(1)) if i.strip()]
        if not items or (not lexicon and len(items) < 2) or not all(is_state(i) for i in items):
            continue
        sentence_start = 0
        for s in _SENTENCE_START.finditer(text, 0, match.start()):
            sentence_start = s.end()
        statement_end = match.start()
        while statement_end > sentence_start and text[statement_end - 1] == " ":
            statement_end -= 1
        lists.append(StateList([_THE.sub("", i) for i in items], match.start(), match.end(), sentence_start, statement_end))
    return lists
