"""Parenthesised lists of Member States after a statement in a report: `(Algeria, Argentina and Chile)`.

Names are resolved by the one States lexicon, `resograph.extract.lexicon` (extract/lexicons/states.tsv):
current States (193 members and 2 observers) always; former States (`Yugoslavia`, `USSR`) only when the
document is old enough to name them as States.
"""

from __future__ import annotations

import re

from resograph.read.model import StateList

# Serbia and Montenegro, the last State of the lexicon to cease, ended in 2006: a document dated later
# names no former State as a State of its time.
LAST_YEAR_OF_A_FORMER_STATE = 2006

_PAREN = re.compile(r"\(([^()]{2,2000})\)")
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_SENTENCE_START = re.compile(r"(?:^|[.;:]\s+)(?=\S)")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def resolve_state(name: str, former: bool = False):
    """The lexicon's StateEntry a listed name stands for (`the Philippines`, `Turkey` -> Türkiye), or None.
    A former State counts only when `former` is true (an old document)."""
    # imported here: importing resograph.extract loads the extractor, which reading alone does not need
    from resograph.extract.lexicon import state_by_name

    entry = state_by_name(name)
    if entry is None or (entry.status == "former" and not former):
        return None
    return entry


def names_former_states(year: int | None) -> bool:
    """Is a document of this year (None: undated) old enough to list former States?"""
    return year is not None and year <= LAST_YEAR_OF_A_FORMER_STATE


def find_state_lists(text: str, former: bool = False) -> list[StateList]:
    """Every parenthesised list whose items are all States, with the statement it qualifies."""
    lists = []
    for match in _PAREN.finditer(text):
        inside = match.group(1)
        if not inside[:1].isupper() and not inside.startswith("the "):
            continue
        items = [i.strip() for i in _SPLIT.split(inside) if i.strip()]
        if not items or not all(resolve_state(i, former) for i in items):
            continue
        statement_start = 0
        for s in _SENTENCE_START.finditer(text, 0, match.start()):
            statement_start = s.end()
        statement_end = match.start()
        while statement_end > statement_start and text[statement_end - 1] == " ":
            statement_end -= 1
        lists.append(StateList([_THE.sub("", i) for i in items], match.start(), match.end(), statement_start, statement_end))
    return lists
