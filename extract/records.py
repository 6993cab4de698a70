"""Commitment records: the extractor's output and the graph builder's input.

The JSON form is the JSON Lines record of `../shared/spec/commitments.md`
(doc, section, paragraph, clause, verb, modifiers, strength, actors,
obligations, instruments) plus extra fields that keep where each part stands
in the source and what the lexicons know of it. All spans are [start, end)
code-point offsets in the document's source text (`Document.source_text`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

OPERATIVE = "operative"
RECOMMENDATION = "recommendation"
PREAMBLE = "preamble"
EVIDENCE = "evidence"
SECTIONS = (OPERATIVE, RECOMMENDATION, PREAMBLE, EVIDENCE)

Span = list[int]  # [start, end) in the source text


@dataclass
class Actor:
    label: str  # the addressee as printed, without determiners and qualifier: "Governments", "Member States",
    #             "parties to armed conflict"; the lexicon's spelling when it is the same words ("States Parties")
    type: str  # lexicon type: group_of_states, member_state, un_principal_organ, un_entity, treaty_body,
    #            special_procedure, intergovernmental_organization, civil_society, private_sector, other
    span: Span | None = None
    qualifier: str | None = None  # "of origin, transit and destination", "that have not yet done so"
    code: str | None = None  # ISO 3166-1 alpha-3 for a State ("PHL")
    m49: str | None = None  # UN M49 numeric code for a State ("608")
    acronym: str | None = None
    canonical: str | None = None  # the lexicon's label of a known actor ("parties to the conflict" for a
    #                               printed "parties to armed conflict"): the name linking documents


@dataclass
class Obligation:
    verb: str  # base form of the first verb: "adopt"; "consider" for `to consider <doing>`
    text: str  # the phrase without the leading `to`, as printed, cleaned
    hedged: bool
    hedges: list[str] = field(default_factory=list)  # the hedge phrases found: ["as appropriate"]
    span: Span | None = None
    hedge_spans: list[Span] = field(default_factory=list)


@dataclass
class Instrument:
    id: str  # canonical id: "ILO C189", "CEDAW", "A/RES/73/195"
    type: str  # convention, protocol, recommendation, declaration, programme_of_action, compact, agenda,
    #            resolution, other
    label: str | None = None  # full title from the lexicon
    span: Span | None = None  # where it is named in the text (None when only a footnote names it)
    footnote: str | None = None  # the resolved footnote text that identified or cites it
    unts: str | None = None  # "vol. 2220, No. 39481"


@dataclass
class Evidence:
    """A State's reported measure in a report (section == EVIDENCE)."""

    state: str  # canonical label of the State
    finding: str  # the statement the State is listed under (clean text)
    heading: str | None = None  # the section heading the paragraph sits under
    span: Span | None = None  # the statement in the source


@dataclass
class Commitment:
    doc: str
    section: str  # one of SECTIONS
    paragraph: str  # "15", "58(c)", "p3" for a preamble paragraph
    clause: int  # 1-based order in its paragraph
    verb: str  # canonical operative verb, lower case: "calls upon"
    strength: int
    modifiers: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    partners: list[Actor] = field(default_factory=list)  # `in cooperation with ...`
    verb_text: str | None = None  # the verb phrase as printed: "Also strongly urges"
    verb_span: Span | None = None
    span: Span | None = None  # the whole clause in the source
    text: str | None = None  # the clause's clean text
    evidence: Evidence | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The spec's record; `actors`/`instruments` as label/id lists, details under extra keys."""
        return {
            "doc": self.doc,
            "section": self.section,
            "paragraph": self.paragraph,
            "clause": self.clause,
            "verb": self.verb,
            "modifiers": list(self.modifiers),
            "strength": self.strength,
            "actors": [a.label for a in self.actors],
            "obligations": [
                {"verb": o.verb, "text": o.text, "hedged": o.hedged, "hedges": o.hedges, "span": o.span}
                for o in self.obligations
            ],
            "instruments": [i.id for i in self.instruments],
            "actor_details": [asdict(a) for a in self.actors],
            "partners": [asdict(a) for a in self.partners],
            "instrument_details": [asdict(i) for i in self.instruments],
            "verb_text": self.verb_text,
            "verb_span": self.verb_span,
            "span": self.span,
            "text": self.text,
            "evidence": asdict(self.evidence) if self.evidence else None,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Commitment":
        actors = [Actor(**a) for a in d.get("actor_details") or []] or [
            Actor(label=label, type="other") for label in d.get("actors", [])
        ]
        instruments = [Instrument(**i) for i in d.get("instrument_details") or []] or [
            Instrument(id=i, type="other") for i in d.get("instruments", [])
        ]
        obligations = [
            Obligation(
                verb=o["verb"],
                text=o["text"],
                hedged=bool(o.get("hedged")),
                hedges=list(o.get("hedges") or []),
                span=o.get("span"),
            )
            for o in d.get("obligations", [])
        ]
        ev = d.get("evidence")
        return cls(
            doc=d["doc"],
            section=d.get("section", OPERATIVE),
            paragraph=str(d["paragraph"]),
            clause=int(d.get("clause", 1)),
            verb=d["verb"],
            strength=int(d["strength"]),
            modifiers=list(d.get("modifiers", [])),
            actors=actors,
            obligations=obligations,
            instruments=instruments,
            partners=[Actor(**a) for a in d.get("partners") or []],
            verb_text=d.get("verb_text"),
            verb_span=d.get("verb_span"),
            span=d.get("span"),
            text=d.get("text"),
            evidence=Evidence(**ev) if ev else None,
            warnings=list(d.get("warnings", [])),
        )
