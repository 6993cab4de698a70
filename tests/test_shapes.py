"""One broken graph per SHACL shape: validation names the right shape, focus node and message."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS, XSD

from resograph import ontology
from resograph.extract import records
from resograph.graph.builder import build_graphs
from resograph.graph.iris import Iris, verb_concept
from resograph.graph.namespaces import OA, RG
from resograph.graph.validate import validate_graph
from resograph.read import model

SOURCE = ("Urges Governments of origin to adopt laws, as appropriate, and to ratify the Domestic Workers Convention.\n"
          "Several States reported training (Philippines).")
IRIS = Iris("http://example.org/kg/")


def _document() -> model.Document:
    first = SOURCE.index("\n")
    paragraphs = [
        model.Paragraph(kind=model.OPERATIVE, text=SOURCE[:first], number="1", opening="Urges",
                        span=model.Span(0, first)),
        model.Paragraph(kind=model.FINDING, text=SOURCE[first + 1:], number="2", span=model.Span(first + 1, len(SOURCE))),
    ]
    meta = {
        "symbol": model.Value("A/RES/99/1", model.FROM_TEXT),
        "type": model.Value(model.GA_RESOLUTION, model.FROM_TEXT),
        "session": model.Value(99, model.FROM_TEXT),
        "date_adopted": model.Value("2044-12-19", model.FROM_TEXT),
        "date_issued": model.Value("2045-01-10", model.FROM_TEXT),
    }
    return model.Document(path="/corpus/t.txt", id="A/RES/99/1", format="plain", source_text=SOURCE, meta=meta,
                          paragraphs=paragraphs)


def _records() -> list[records.Commitment]:
    ob = SOURCE.index("adopt laws")
    clause = records.Commitment(
        doc="A/RES/99/1", section="operative", paragraph="1", clause=1, verb="urges", strength=4,
        actors=[records.Actor("Governments", "group_of_states", span=[6, 17], qualifier="of origin")],
        obligations=[records.Obligation("adopt", "adopt laws, as appropriate", True, ["as appropriate"],
                                        [ob, ob + len("adopt laws, as appropriate")])],
        instruments=[records.Instrument("ILO C189", "convention", label="Domestic Workers Convention, 2011 (No. 189)")],
        span=[0, SOURCE.index("\n")], verb_text="Urges", verb_span=[0, 5])
    start = SOURCE.index("Several")
    evidence = records.Commitment(
        doc="A/RES/99/1", section="evidence", paragraph="2", clause=1, verb="reports", strength=0,
        actors=[records.Actor("Philippines", "member_state", code="PHL", m49="608")],
        evidence=records.Evidence("Philippines", "Several States reported training", span=[start, start + 32]))
    return [clause, evidence]


DOC = IRIS.document(_document())
PARA = IRIS.paragraph(DOC, "1")
CLAUSE = IRIS.clause(PARA, 1)
OBLIGATION = IRIS.obligation(CLAUSE, 1)
MENTION = IRIS.addressee(CLAUSE, 1)
INSTRUMENT_MENTION = IRIS.instrument_mention(CLAUSE, 1)
ACTOR = IRIS.actor("Governments")
INSTRUMENT = IRIS.instrument("ILO C189")
EVIDENCE = IRIS.evidence(IRIS.paragraph(DOC, "2"), 1)
SPAN, POS, _QUOTE = Iris.span(OBLIGATION)
NEW = URIRef("http://example.org/kg/nowhere")


def _set(g: Graph, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def _drop(s, p):
    return lambda g: g.remove((s, p, None))


def _new_verb(g: Graph, keep: str) -> None:
    concept = verb_concept("frobnicates")
    _set(g, CLAUSE, RG.verb, concept)
    g.add((concept, RDF.type, RG.VerbConcept))
    if keep != "label":
        g.add((concept, SKOS.prefLabel, Literal("frobnicates", lang="en")))
    if keep != "scheme":
        g.add((concept, SKOS.inScheme, URIRef("https://w3id.org/resograph/verb/scheme")))
    g.add((concept, RG.rank, Literal(1)))


# shape -> (mutation, focus node, words of the message, value or None)
CASES = {
    "rgsh:DocumentSourceLength": (_drop(DOC, RG.sourceLength), DOC, "source length", None),
    "rgsh:DocumentIdentifier": (_drop(DOC, DCTERMS.identifier), DOC, "exactly one identifier", None),
    "rgsh:DocumentIssued": (lambda g: _set(g, DOC, DCTERMS.issued, Literal("2045-13-45", datatype=XSD.date)),
                            DOC, "valid xsd:date", "2045-13-45"),
    "rgsh:DocumentAdopted": (lambda g: _set(g, DOC, RG.dateAdopted, Literal("19 December 2044")),
                             DOC, "valid xsd:date", "19 December 2044"),
    "rgsh:DocumentSession": (lambda g: _set(g, DOC, RG.session, Literal("ninety-ninth")), DOC, "positive xsd:integer",
                             "ninety-ninth"),
    "rgsh:DocumentSymbol": (lambda g: g.add((DOC, RG.symbol, Literal("A/RES/99/2"))), DOC, "at most one symbol", None),
    "rgsh:SelectorInsideSource": (lambda g: _set(g, POS, OA.end, Literal(999)),
                                  DOC, f"not a range inside the source text (length {len(SOURCE)})", str(POS)),
    "rgsh:ParagraphDocument": (_drop(PARA, RG.inDocument), PARA, "exactly one document", None),
    "rgsh:ParagraphNumber": (_drop(PARA, RG.number), PARA, "exactly one number", None),
    "rgsh:ParagraphOrder": (lambda g: g.add((PARA, RG.order, Literal(7))), PARA, "exactly one reading order", None),
    "rgsh:ParagraphText": (_drop(PARA, RG.text), PARA, "exactly one text", None),
    "rgsh:CommitmentVerb": (_drop(CLAUSE, RG.verb), CLAUSE, "exactly one operative verb concept", None),
    "rgsh:CommitmentParagraph": (lambda g: _set(g, CLAUSE, RG.inParagraph, NEW), CLAUSE, "exactly one paragraph",
                                 str(NEW)),
    "rgsh:CommitmentOrder": (lambda g: _set(g, CLAUSE, RG.order, Literal(0)), CLAUSE, "clause number", "0"),
    "rgsh:CommitmentSection": (lambda g: _set(g, CLAUSE, RG.section, Literal("finding")), CLAUSE,
                               "operative, recommendation or preamble", "finding"),
    "rgsh:CommitmentAddressee": (lambda g: g.add((CLAUSE, RG.addressee, NEW)), CLAUSE, "addressees are actors", str(NEW)),
    "rgsh:CommitmentObligation": (lambda g: g.add((CLAUSE, RG.obligation, NEW)), CLAUSE, "rg:Obligation", str(NEW)),
    "rgsh:CommitmentInstrument": (lambda g: g.add((CLAUSE, RG.instrument, NEW)), CLAUSE, "rg:Instrument", str(NEW)),
    "rgsh:VerbRank": (lambda g: _set(g, verb_concept("urges"), RG.rank, Literal(3)), verb_concept("urges"),
                      "exactly one rank", None),
    "rgsh:VerbLabel": (lambda g: _new_verb(g, "label"), verb_concept("frobnicates"), "has a label", None),
    "rgsh:VerbScheme": (lambda g: _new_verb(g, "scheme"), verb_concept("frobnicates"), "verb strength scheme", None),
    "rgsh:AddresseeMention/rg:actor": (_drop(MENTION, RG.actor), MENTION, "exactly one actor", None),
    "rgsh:InstrumentMention/rg:instrument": (lambda g: _set(g, INSTRUMENT_MENTION, RG.instrument, NEW),
                                             INSTRUMENT_MENTION, "exactly one instrument", str(NEW)),
    "rgsh:ActorType": (lambda g: g.add((ACTOR, RDF.type, RG.MemberState)), ACTOR, "exactly one actor type", None),
    "rgsh:ActorLabel": (_drop(ACTOR, SKOS.prefLabel), ACTOR, "exactly one canonical label", None),
    "rgsh:ActorIso3": (lambda g: g.add((ACTOR, RG.iso3166Alpha3, Literal("ph"))), ACTOR, "three capital letters", "ph"),
    "rgsh:ActorM49": (lambda g: g.add((ACTOR, RG.m49Code, Literal("60"))), ACTOR, "three digits", "60"),
    "rgsh:ObligationText": (lambda g: _set(g, OBLIGATION, RG.text, Literal("")), OBLIGATION, "non-empty text", ""),
    "rgsh:ObligationSpan": (_drop(OBLIGATION, RG.sourceSpan), OBLIGATION, "exactly one source span", None),
    "rgsh:ObligationVerb": (_drop(OBLIGATION, RG.obligationVerb), OBLIGATION, "exactly one verb", None),
    "rgsh:ObligationHedged": (lambda g: _set(g, OBLIGATION, RG.hedged, Literal("yes")), OBLIGATION, "xsd:boolean",
                              "yes"),
    "rgsh:ObligationClause": (lambda g: g.remove((CLAUSE, RG.obligation, OBLIGATION)), OBLIGATION,
                              "exactly one clause", None),
    "rgsh:InstrumentId": (_drop(INSTRUMENT, RG.instrumentId), INSTRUMENT, "exactly one canonical id", None),
    "rgsh:InstrumentType": (lambda g: g.add((INSTRUMENT, RDF.type, RG.Protocol)), INSTRUMENT,
                            "exactly one instrument type", None),
    "rgsh:Evidence/rg:reportingState": (_drop(EVIDENCE, RG.reportingState), EVIDENCE, "reporting State", None),
    "rgsh:Evidence/rg:inParagraph": (_drop(EVIDENCE, RG.inParagraph), EVIDENCE, "exactly one paragraph", None),
    "rgsh:Evidence/rg:finding": (_drop(EVIDENCE, RG.finding), EVIDENCE, "finding text", None),
    "rgsh:SpanSource": (_drop(SPAN, OA.hasSource), SPAN, "exactly one document", None),
    "rgsh:SpanPosition": (lambda g: g.remove((SPAN, OA.hasSelector, POS)), SPAN, "a span has a text position selector", None),
    "rgsh:SelectorStart": (lambda g: _set(g, POS, OA.start, Literal(-1)), POS, "non-negative xsd:integer", "-1"),
    "rgsh:SelectorEnd": (_drop(POS, OA.end), POS, "exactly one end offset", None),
}
# Where the focus node sits: the paragraph number a violation report must name.
PARAGRAPH_OF = {DOC: None, PARA: "1", CLAUSE: "1", OBLIGATION: "1", MENTION: "1", SPAN: "1", POS: "1", EVIDENCE: "2",
                ACTOR: None, INSTRUMENT: None, verb_concept("urges"): None, verb_concept("frobnicates"): None}


@pytest.fixture(scope="module")
def valid() -> Graph:
    """The document graph with the descriptions of the entities it references: what a build validates."""
    graph, described = build_graphs(_document(), _records(), IRIS, build_key="k")
    for triple in described:
        graph.add(triple)
    return graph


def test_the_base_graph_conforms(valid):
    assert validate_graph(valid) == []


def test_a_document_graph_is_validated_with_the_entities_it_references():
    graph, described = build_graphs(_document(), _records(), IRIS, build_key="k")
    assert validate_graph(graph, entities=described) == []
    assert not set(described) & set(graph)  # shared descriptions are not in the document graph
    alone = {(v.shape, v.focus) for v in validate_graph(graph)}  # without them the addressees are untyped
    assert ("rgsh:CommitmentAddressee", str(CLAUSE)) in alone and ("rgsh:CommitmentInstrument", str(CLAUSE)) in alone


def test_a_verb_known_to_the_lexicon_only_is_a_concept_of_the_loaded_scheme():
    clause = _records()[0]
    clause.verb, clause.strength = "appoints", 6  # in verbs.tsv, not written out in resograph.ttl
    graph, described = build_graphs(_document(), [clause], IRIS, build_key="k")
    assert graph.value(CLAUSE, RG.verb) == verb_concept("appoints")
    assert validate_graph(graph, entities=described) == []


def test_an_actor_is_named_by_its_canonical_label_and_the_mention_keeps_the_printed_one():
    clause = _records()[0]
    clause.actors[0] = records.Actor("parties to armed conflict", "other", span=[6, 17],
                                     canonical="parties to the conflict")
    graph, described = build_graphs(_document(), [clause], IRIS, build_key="k")
    actor = IRIS.actor("parties to the conflict")
    assert graph.value(MENTION, RG.actor) == actor and (CLAUSE, RG.addressee, actor) in graph
    assert str(graph.value(MENTION, RG.printedLabel)) == "parties to armed conflict"
    assert str(described.value(actor, SKOS.prefLabel)) == "parties to the conflict"
    assert IRIS.actor("parties to armed conflict") not in set(described.subjects())


def test_an_instrument_mention_keeps_its_span():
    clause = _records()[0]
    start = SOURCE.index("Domestic Workers Convention")
    clause.instruments[0].span = [start, start + len("Domestic Workers Convention")]
    graph, described = build_graphs(_document(), [clause], IRIS, build_key="k")
    assert (CLAUSE, RG.citing, INSTRUMENT_MENTION) in graph
    assert graph.value(INSTRUMENT_MENTION, RG.instrument) == INSTRUMENT
    resource, _position, quote = Iris.span(INSTRUMENT_MENTION)
    assert graph.value(INSTRUMENT_MENTION, RG.sourceSpan) == resource
    assert str(graph.value(quote, OA.exact)) == "Domestic Workers Convention"
    assert validate_graph(graph, entities=described) == []


def test_every_named_shape_has_a_broken_graph():
    shapes = Graph().parse(ontology.shapes_path())
    prefix = "https://w3id.org/resograph/shapes#"
    named = {f"rgsh:{str(s)[len(prefix):]}" for kind in (SH.PropertyShape, SH.SPARQLConstraint)
             for s in shapes.subjects(RDF.type, kind) if str(s).startswith(prefix)}
    anonymous = {case for case in CASES if "/" in case}
    assert named | anonymous == set(CASES)


@pytest.mark.parametrize("shape", sorted(CASES))
def test_broken_graph_names_shape_focus_and_message(valid, shape):
    mutate, focus, words, value = CASES[shape]
    broken = Graph(identifier=valid.identifier)
    for triple in valid:
        broken.add(triple)
    mutate(broken)
    violations = validate_graph(broken)
    hits = [v for v in violations if v.shape == shape and v.focus == str(focus)]
    assert hits, [v.line() for v in violations]
    v = hits[0]
    assert words in v.message
    assert v.document == "A/RES/99/1"
    if value is not None:
        assert v.value == value
    expected_paragraph = PARAGRAPH_OF.get(focus, "1")
    if shape == "rgsh:SelectorInsideSource":
        expected_paragraph = "1"  # found through the selector the violation points at
    if shape in ("rgsh:CommitmentParagraph", "rgsh:Evidence/rg:inParagraph", "rgsh:ParagraphNumber",
                 "rgsh:ObligationClause"):
        expected_paragraph = None  # the link to the paragraph (or its number) is what is broken
    assert v.paragraph == expected_paragraph
    if shape == "rgsh:SpanPosition":
        assert v.path == "oa:hasSelector/rdf:type"
    if shape == "rgsh:ObligationClause":
        assert v.path == "^rg:obligation"
    assert v.line().startswith(f"document A/RES/99/1{', paragraph ' + expected_paragraph if expected_paragraph else ''}: {shape}")
