"""RDF for one document: (Document, list[Commitment]) -> the document's named graph.

Pure function of its inputs: no blank nodes, no timestamps, so the same input
always gives the same triples (see `docs/graph.md`). IRIs come from `iris.py`,
terms from `namespaces.py`; this module only decides which triples to write.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from resograph import __version__
from resograph.extract import records
from resograph.extract.lexicon import actor_by_alias, state_by_name
from resograph.graph.iris import Iris, verb_concept
from resograph.graph.namespaces import OA, RG, bind_prefixes
from resograph.read import model

DOCUMENT_CLASS = {
    model.GA_RESOLUTION: RG.Resolution,
    model.SC_RESOLUTION: RG.Resolution,
    model.DRAFT_RESOLUTION: RG.DraftResolution,
    model.ECOSOC_RESOLUTION: RG.Resolution,
    model.HRC_RESOLUTION: RG.Resolution,
    model.DECISION: RG.Decision,
    model.SG_REPORT: RG.Report,
}
PARAGRAPH_CLASS = {
    model.PREAMBLE: RG.PreambularParagraph,
    model.OPERATIVE: RG.OperativeParagraph,
    model.SUBPARAGRAPH: RG.SubParagraph,
    model.FINDING: RG.FindingParagraph,
    model.RECOMMENDATION: RG.RecommendationParagraph,
}
ACTOR_CLASS = {
    "group_of_states": RG.GroupOfStates,
    "member_state": RG.MemberState,
    "un_principal_organ": RG.UNPrincipalOrgan,
    "un_entity": RG.UNEntity,
    "treaty_body": RG.TreatyBody,
    "special_procedure": RG.SpecialProcedure,
    "intergovernmental_organization": RG.IntergovernmentalOrganization,
    "civil_society": RG.CivilSociety,
    "private_sector": RG.PrivateSector,
}
INSTRUMENT_CLASS = {
    "convention": RG.Convention,
    "protocol": RG.Protocol,
    "recommendation": RG.RecommendationInstrument,
    "declaration": RG.Declaration,
    "programme_of_action": RG.ProgrammeOfAction,
    "compact": RG.Compact,
    "agenda": RG.Agenda,
    "resolution": RG.ResolutionInstrument,
}
# Who speaks in a document of each type (the issuing body of its clauses) when the reader found no organ.
ISSUING_BODY = {
    model.GA_RESOLUTION: "General Assembly",
    model.DRAFT_RESOLUTION: "General Assembly",
    model.SC_RESOLUTION: "Security Council",
    model.ECOSOC_RESOLUTION: "Economic and Social Council",
    model.HRC_RESOLUTION: "Human Rights Council",
    model.SG_REPORT: "Secretary-General",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocumentGraphBuilder:
    """Writes the triples of one document into `self.graph`, and the lexicon-derived descriptions of the
    actors, instruments and software agent it references into `self.entities` (they go to the store's one
    entities graph, so a description shared by many documents is stored once); one instance per document."""

    def __init__(self, doc: model.Document, iris: Iris, build_key: str):
        self.doc = doc
        self.iris = iris
        self.graph = Graph(identifier=iris.document(doc))
        self.entities = Graph(identifier=iris.entities_graph())
        bind_prefixes(self.graph)
        bind_prefixes(self.entities)
        self.doc_iri = URIRef(self.graph.identifier)
        self.activity = iris.activity(self.doc_iri, build_key)
        self.source_length = len(doc.source_text)

    def add(self, s, p, o) -> None:
        if o is not None:
            self.graph.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    def describe(self, s, p, o) -> None:
        """A triple about a shared entity: the same for every document that references it."""
        if o is not None:
            self.entities.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    # -- document
    def document(self) -> None:
        doc, d = self.doc, self.doc_iri
        self.add(d, RDF.type, RG.Document)
        self.add(d, RDF.type, DOCUMENT_CLASS.get(doc.type, RG.Document))
        self.add(d, RG.documentType, doc.type)
        self.add(d, DCTERMS.identifier, doc.id)
        self.add(d, RDFS.label, doc.symbol or doc.id)
        self.add(d, RG.symbol, doc.symbol)
        session = doc.get("session")
        if session is not None:
            self.add(d, RG.session, Literal(str(session), datatype=XSD.integer))
        self.add(d, RG.agendaItem, doc.get("agenda_item"))
        for key, prop in (("date_issued", DCTERMS.issued), ("date_adopted", RG.dateAdopted)):
            value = doc.get(key)
            if value:
                self.add(d, prop, Literal(str(value), datatype=XSD.date))
        self.add(d, RG.meeting, doc.get("meeting"))
        self.add(d, DCTERMS.title, doc.get("title"))
        self.add(d, RG.committeeReport, doc.get("committee_report"))
        for name in doc.get("sponsors") or []:
            state = state_by_name(name)
            if state:
                self.add(d, RG.sponsor, self.actor(records.Actor(state.label, "member_state", code=state.iso3,
                                                                 m49=state.m49)))
            else:
                self.add(d, RG.sponsor, self.actor(records.Actor(name, "other")))
        body = self.issuing_body()
        self.add(d, RG.issuingBody, body)
        self.add(d, RG.sourceLength, Literal(str(self.source_length), datatype=XSD.integer))
        self.add(d, RG.sourceHash, source_hash(doc.source_text))
        self.add(d, RG.sourceFile, Path(doc.path).name)
        self.add(d, RG.sourceFormat, doc.format)
        self.provenance()

    def issuing_body(self) -> URIRef | None:
        """The organ the reader found (meta "organ"), else the one a document of this type comes from."""
        name = self.doc.get("organ") or ISSUING_BODY.get(self.doc.type)
        if not name:
            return None
        known = actor_by_alias(name)
        if known is not None:
            return self.actor(records.Actor(known.label, known.type, acronym=known.acronym))
        return self.actor(records.Actor(name, "un_entity"))

    def provenance(self) -> None:
        agent = self.iris.software_agent(__version__)
        self.add(self.activity, RDF.type, PROV.Activity)
        self.add(self.activity, RDFS.label, f"resograph extraction of {self.doc.symbol or self.doc.id}")
        self.add(self.activity, PROV.used, self.doc_iri)
        self.add(self.activity, PROV.wasAssociatedWith, agent)
        self.describe(agent, RDF.type, PROV.SoftwareAgent)
        self.describe(agent, RDFS.label, "resograph")
        self.describe(agent, RG.softwareVersion, __version__)

    def generated(self, node: URIRef) -> None:
        self.add(node, PROV.wasGeneratedBy, self.activity)

    def mention(self, clause, link, mention, cls, role, target, span):
        """A per-clause mention node of an entity, with its source span: where the text names it."""
        self.add(clause, link, mention)
        self.add(mention, RDF.type, cls)
        self.add(mention, role, target)
        self.span(mention, span)
        self.generated(mention)
        return mention

    def span(self, node: URIRef, span, prop=RG.sourceSpan, suffix: str = "span") -> None:
        """A Web Annotation specific resource with position and quote selectors for [start, end)."""
        if span is None:
            return
        start, end = (span.start, span.end) if isinstance(span, model.Span) else (int(span[0]), int(span[1]))
        resource, position, quote = self.iris.span(node, suffix)
        self.add(node, prop, resource)
        self.add(resource, RDF.type, OA.SpecificResource)
        self.add(resource, OA.hasSource, self.doc_iri)
        self.add(resource, OA.hasSelector, position)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(str(start), datatype=XSD.integer))
        self.add(position, OA.end, Literal(str(end), datatype=XSD.integer))
        if 0 <= start <= end <= self.source_length:
            self.add(resource, OA.hasSelector, quote)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, self.doc.source_text[start:end])

    # -- paragraphs
    def paragraphs(self) -> None:
        for order, para in enumerate(self.doc.paragraphs, start=1):
            number = para.number or str(order)
            p = self.iris.paragraph(self.doc_iri, number)
            self.add(p, RDF.type, PARAGRAPH_CLASS.get(para.kind, RG.Paragraph))
            self.add(p, RG.inDocument, self.doc_iri)
            self.add(p, RG.number, number)
            self.add(p, RG.order, Literal(str(order), datatype=XSD.integer))
            self.add(p, RG.text, para.text)
            self.add(p, RG.opening, para.opening)
            for heading in para.section:
                self.add(p, RG.heading, heading)
            if para.parent:
                self.add(p, RG.parentParagraph, self.iris.paragraph(self.doc_iri, para.parent))
            self.span(p, para.span)
            self.generated(p)

    # -- clauses
    def commitment(self, c: records.Commitment) -> None:
        paragraph = self.iris.paragraph(self.doc_iri, c.paragraph)
        if c.section == records.EVIDENCE:
            self.evidence(paragraph, c)
            return
        node = self.iris.clause(paragraph, c.clause)
        self.add(node, RDF.type, RG.Commitment)
        self.add(node, RG.inParagraph, paragraph)
        self.add(node, RG.order, Literal(str(c.clause), datatype=XSD.integer))
        self.add(node, RG.section, c.section)
        self.add(node, RG.issuingBody, self.issuing_body())
        self.add(node, RG.verb, self.verb(c.verb))
        for modifier in c.modifiers:
            self.add(node, RG.modifier, modifier)
        self.add(node, RG.verbText, c.verb_text)
        self.add(node, RG.text, c.text)
        self.span(node, c.span)
        self.span(node, c.verb_span, RG.verbSpan, "verb")
        for i, actor in enumerate(c.actors, start=1):
            a = self.actor(actor)
            self.add(node, RG.addressee, a)
            mention = self.mention(node, RG.addressing, self.iris.addressee(node, i), RG.AddresseeMention,
                                   RG.actor, a, actor.span)
            self.add(mention, RG.printedLabel, actor.label)
            self.add(mention, RG.qualifier, actor.qualifier)
        for partner in c.partners:
            self.add(node, RG.cooperationPartner, self.actor(partner))
        for i, obligation in enumerate(c.obligations, start=1):
            self.add(node, RG.obligation, self.obligation(node, i, obligation))
        for i, instrument in enumerate(c.instruments, start=1):
            target = self.instrument(instrument)
            self.add(node, RG.instrument, target)
            self.mention(node, RG.citing, self.iris.instrument_mention(node, i), RG.InstrumentMention,
                         RG.instrument, target, instrument.span)
        self.generated(node)

    @staticmethod
    def verb(verb: str) -> URIRef:
        """The verb's concept; its rank and label are in the ontology (SHACL checks it is one of its concepts)."""
        return verb_concept(verb)

    def obligation(self, clause: URIRef, order: int, o: records.Obligation) -> URIRef:
        node = self.iris.obligation(clause, order)
        self.add(node, RDF.type, RG.Obligation)
        self.add(node, RG.order, Literal(str(order), datatype=XSD.integer))
        self.add(node, RG.text, o.text)
        self.add(node, RG.obligationVerb, o.verb)
        self.add(node, RG.hedged, Literal(bool(o.hedged)))
        for hedge in o.hedges:
            self.add(node, RG.hedge, hedge)
        self.span(node, o.span)
        for i, hedge_span in enumerate(o.hedge_spans, start=1):
            self.span(node, hedge_span, RG.hedgeSpan, f"hedge_{i}")
        self.generated(node)
        return node

    def evidence(self, paragraph: URIRef, c: records.Commitment) -> None:
        node = self.iris.evidence(paragraph, c.clause)
        ev = c.evidence
        state = c.actors[0] if c.actors else records.Actor(ev.state if ev else "unknown", "member_state")
        self.add(node, RDF.type, RG.Evidence)
        self.add(node, RG.inParagraph, paragraph)
        self.add(node, RG.order, Literal(str(c.clause), datatype=XSD.integer))
        self.add(node, RG.reportingState, self.actor(state))
        if ev is not None:
            self.add(node, RG.finding, ev.finding)
            self.add(node, RG.heading, ev.heading)
            self.span(node, ev.span)
        self.generated(node)

    # -- shared entities (described in self.entities; the document only references them)
    def actor(self, a: records.Actor) -> URIRef:
        """One actor across documents: named by the lexicon's canonical label when it has one."""
        name = a.canonical or a.label
        node = self.iris.actor(name, a.code)
        self.describe(node, RDF.type, ACTOR_CLASS.get(a.type, RG.OtherActor))
        self.describe(node, SKOS.prefLabel, name)
        self.describe(node, RG.iso3166Alpha3, a.code.upper() if a.code else None)
        self.describe(node, RG.m49Code, a.m49)
        self.describe(node, RG.acronym, a.acronym)
        return node

    def instrument(self, i: records.Instrument) -> URIRef:
        node = self.iris.instrument(i.id)
        self.describe(node, RDF.type, INSTRUMENT_CLASS.get(i.type, RG.OtherInstrument))
        self.describe(node, RG.instrumentId, i.id)
        self.describe(node, SKOS.prefLabel, i.label or i.id)
        self.describe(node, RG.untsCitation, i.unts)
        return node


def build_graphs(doc: model.Document, commitments: Iterable[records.Commitment], iris: Iris | None = None,
                 build_key: str = "") -> tuple[Graph, Graph]:
    """(the document's named graph (identifier = the document's IRI), the descriptions of the entities it
    references (identifier = the entities graph))."""
    iris = iris or Iris()
    builder = DocumentGraphBuilder(doc, iris, build_key or source_hash(doc.source_text))
    builder.document()
    builder.paragraphs()
    for c in commitments:
        builder.commitment(c)
    return builder.graph, builder.entities


def build_document_graph(doc: model.Document, commitments: Iterable[records.Commitment], iris: Iris | None = None,
                         build_key: str = "") -> Graph:
    """The named graph of one document alone (the entities it references are only named, not described)."""
    return build_graphs(doc, commitments, iris, build_key)[0]
