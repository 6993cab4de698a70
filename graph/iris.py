"""The IRI scheme: stable, readable IRIs under a configurable base, after the AKN4UN naming pattern.

    document   <base>akn/un/<category>/<type>/<author>/<date>/<number>
               e.g. <base>akn/un/statement/resolution/un-ga/2017-12-19/72-149
    paragraph  <document>/!main~para_15        (preamble: ~preamble_p3, lettered: ~para_58__point_c)
    clause     <paragraph>__clause_2
    obligation <clause>__obligation_1           (addressee mention: <clause>__addressee_1,
                                                instrument mention: <clause>__instrument_1)
    evidence   <paragraph>__evidence_3
    span       <node>__span  with selectors <node>__span_pos, <node>__span_quote
    actor      <base>actor/state/PHL for a State with an ISO code, else <base>actor/<label-slug>
    instrument <base>instrument/<id-slug>
    activity   <base>activity/<document-path>/<build-key prefix>
    verb       https://w3id.org/resograph/verb/<verb-slug> (part of the ontology, not of the data)

The same input always gives the same IRI, whatever the machine or build time.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from resograph.config import DEFAULT_BASE_IRI
from resograph.graph.namespaces import RGV
from resograph.read import model

_AUTHORS = {
    model.GA_RESOLUTION: ("statement", "resolution", "un-ga"),
    model.DRAFT_RESOLUTION: ("statement", "draft-resolution", "un-ga"),
    model.SC_RESOLUTION: ("statement", "resolution", "un-sc"),
    model.ECOSOC_RESOLUTION: ("statement", "resolution", "un-ecosoc"),
    model.HRC_RESOLUTION: ("statement", "resolution", "un-hrc"),
    model.DECISION: ("statement", "decision", "un"),  # the author is the deciding organ's, see _author
    model.SG_REPORT: ("doc", "report", "un-sg"),
    model.OTHER: ("doc", "document", "un"),
}
# Symbol prefixes that only repeat what the type/author segments already say.
_SYMBOL_PREFIX = re.compile(r"^(?:A/HRC/RES/|A/HRC/DEC/|A/RES/|A/DEC/|E/RES/|E/DEC/|S/RES/|A/|S/|E/)", re.IGNORECASE)


def _author(doc: model.Document, default: str) -> str:
    """A decision's author segment is the one of its organ's resolutions (un-ga, un-ecosoc, un-hrc)."""
    if doc.type != model.DECISION or not doc.get("organ"):
        return default
    from resograph.read.organs import organ_named

    organ = organ_named(str(doc.get("organ")))
    return _AUTHORS[organ.type][2] if organ is not None and organ.type in _AUTHORS else default


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: `ILO C189` -> `ilo-c189`, `A/RES/73/195` -> `a-res-73-195`."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-") or "x"


def normalize_base(base: str | None) -> str:
    base = base or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#")) else base + "/"


class Iris:
    """IRIs for one base. All builders, dumps and tests ask this class; nothing else assembles data IRIs."""

    def __init__(self, base: str | None = None):
        self.base = normalize_base(base)

    # -- documents and their parts
    def document(self, doc: model.Document) -> URIRef:
        category, doc_type, author = _AUTHORS.get(doc.type, _AUTHORS[model.OTHER])
        author = _author(doc, author)
        date = doc.get("date_adopted") or doc.get("date_issued") or "undated"
        symbol = doc.symbol
        number = slug(_SYMBOL_PREFIX.sub("", symbol)) if symbol else slug(doc.id)
        return URIRef(f"{self.base}akn/un/{category}/{doc_type}/{author}/{date}/{number}")

    def paragraph(self, doc_iri: URIRef, number: str) -> URIRef:
        return URIRef(f"{doc_iri}/!main~{component_id(number)}")

    def clause(self, paragraph_iri: URIRef, clause: int) -> URIRef:
        return URIRef(f"{paragraph_iri}__clause_{clause}")

    def obligation(self, clause_iri: URIRef, order: int) -> URIRef:
        return URIRef(f"{clause_iri}__obligation_{order}")

    def addressee(self, clause_iri: URIRef, order: int) -> URIRef:
        return URIRef(f"{clause_iri}__addressee_{order}")

    def instrument_mention(self, clause_iri: URIRef, order: int) -> URIRef:
        return URIRef(f"{clause_iri}__instrument_{order}")

    def evidence(self, paragraph_iri: URIRef, order: int) -> URIRef:
        return URIRef(f"{paragraph_iri}__evidence_{order}")

    @staticmethod
    def span(node: URIRef, suffix: str = "span") -> tuple[URIRef, URIRef, URIRef]:
        """The specific resource and its position and quote selectors for a node's span."""
        return URIRef(f"{node}__{suffix}"), URIRef(f"{node}__{suffix}_pos"), URIRef(f"{node}__{suffix}_quote")

    # -- shared entities
    def actor(self, label: str, code: str | None = None) -> URIRef:
        if code:
            return URIRef(f"{self.base}actor/state/{code.upper()}")
        return URIRef(f"{self.base}actor/{slug(label)}")

    def instrument(self, instrument_id: str) -> URIRef:
        return URIRef(f"{self.base}instrument/{slug(instrument_id)}")

    def activity(self, doc_iri: URIRef, build_key: str) -> URIRef:
        path = str(doc_iri)[len(self.base):]
        return URIRef(f"{self.base}activity/{path}/{build_key[:16]}")

    def software_agent(self, version: str) -> URIRef:
        return URIRef(f"{self.base}agent/resograph/{version}")

    # -- the store's own graphs
    def meta_graph(self) -> URIRef:
        """Registry of managed graphs and the VoID/DCAT dataset description (deterministic)."""
        return URIRef(f"{self.base}graph/meta")

    def entities_graph(self) -> URIRef:
        """The one description of every actor, instrument and agent the document graphs reference."""
        return URIRef(f"{self.base}graph/entities")

    def build_log_graph(self) -> URIRef:
        """Build times: the only graph with wall-clock timestamps; left out of dumps."""
        return URIRef(f"{self.base}graph/build-log")

    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}dataset")


def verb_concept(verb: str) -> URIRef:
    """The verb strength concept of a canonical verb: `calls upon` -> rgv:calls-upon."""
    return RGV[slug(verb)]


def component_id(number: str) -> str:
    """AKN-style eId of a paragraph number: `15` -> para_15, `58(c)` -> para_58__point_c, `p3` -> preamble_p3."""
    m = re.fullmatch(r"p(\d+)", number)
    if m:
        return f"preamble_p{m.group(1)}"
    parts = re.findall(r"[A-Za-z0-9]+", number)
    if not parts:
        return "para_" + slug(number)
    head, points = parts[0], parts[1:]
    return "para_" + head.lower() + "".join(f"__point_{p.lower()}" for p in points)
