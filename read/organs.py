"""The organs whose resolutions and decisions are read (read/organs.tsv): names, document types, symbols."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from resograph.read import model as m
from resograph.read.data import tsv_rows
from resograph.read.ocr import word_pattern

SESSION, YEAR, NUMBER_YEAR = "session", "year", "number-year"
_COLUMNS = ("organ", "type", "numbered_by", "resolution", "decision")


@dataclass(frozen=True)
class Organ:
    name: str  # "Security Council"
    type: str  # document type of its resolutions
    numbered_by: str  # SESSION (`72/149.`), YEAR (`2024/15.`) or NUMBER_YEAR (`Resolution 678 (1990)`)
    resolution: str  # symbol template: "A/RES/{0}/{1}"
    decision: str  # symbol template, "" when the organ takes no numbered decisions

    def symbol(self, first: str, second: str, decision: bool = False) -> str | None:
        """The symbol of resolution (or decision) `first/second` as printed, if this organ numbers that way."""
        template = self.decision if decision else self.resolution
        if not template:
            return None
        if self.numbered_by == SESSION and len(first) > 3 or self.numbered_by == YEAR and len(first) != 4:
            return None
        return template.format(first, second)

    def prefixes(self) -> list[tuple[str, bool]]:
        """(symbol prefix, is a decision): `A/RES/`, `A/DEC/`."""
        return [(t.split("{")[0], t is self.decision) for t in (self.resolution, self.decision) if t]


@lru_cache(maxsize=1)
def organs() -> tuple[Organ, ...]:
    out = []
    for name, doc_type, numbered_by, resolution, decision, *_ in tsv_rows("organs.tsv", _COLUMNS):
        if doc_type not in m.DOCUMENT_TYPES or numbered_by not in (SESSION, YEAR, NUMBER_YEAR):
            raise ValueError(f"read/organs.tsv: {name}: unknown type {doc_type!r} or numbering {numbered_by!r}")
        out.append(Organ(name, doc_type, numbered_by, resolution, decision))
    return tuple(out)


def organ_named(name: str) -> Organ | None:
    """The organ printed as `name` (OCR confusions and capitals forgiven)."""
    name = name.strip()
    return next((o for o in organs() if re.fullmatch(word_pattern(o.name), name)), None)


def organ_of_symbol(symbol: str) -> tuple[Organ, bool] | None:
    """(organ, is a decision) of a final symbol: `A/HRC/RES/52/1` -> Human Rights Council; None for a draft or report."""
    best: tuple[int, Organ, bool] | None = None
    for organ in organs():
        for prefix, decision in organ.prefixes():
            if symbol.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), organ, decision)
    return (best[1], best[2]) if best else None


def numbered_by(kind: str) -> Organ | None:
    """The organ whose resolutions alone are numbered this way (`Resolution 678 (1990)`: the Security Council)."""
    found = [o for o in organs() if o.numbered_by == kind]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def names_pattern() -> str:
    """A regex alternation of every organ name, OCR-tolerant, longest first."""
    return "|".join(word_pattern(o.name) for o in sorted(organs(), key=lambda o: -len(o.name)))
