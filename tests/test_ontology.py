"""The ontology and its JSON-LD context: complete, labelled, and consistent with each other."""

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from resograph import ontology
from resograph.graph.iris import Iris, component_id, slug, verb_concept
from resograph.graph.namespaces import RG, RGV
from resograph.read import model


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology.ontology_path())


def _terms(g: Graph):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(RG))})


def test_every_class_and_property_is_labelled_and_defined(onto):
    terms = _terms(onto)
    assert len(terms) > 60
    missing = [t for t in terms if onto.value(t, RDFS.label) is None
               or (onto.value(t, SKOS.definition) is None and onto.value(t, RDFS.comment) is None)]
    assert missing == []


def test_verb_scheme_ranks_follow_the_spec(onto):
    ranks = {str(onto.value(c, SKOS.prefLabel)): int(onto.value(c, RG.rank))
             for c in onto.subjects(SKOS.inScheme, RGV.scheme)}
    assert ranks["decides"] == 6 and ranks["demands"] == 5 and ranks["urges"] == 4
    assert ranks["calls upon"] == 3 and ranks["encourages"] == 2 and ranks["invites"] == 1
    assert ranks["takes note"] == 0
    assert len(ranks) == 39
    for concept in onto.subjects(SKOS.inScheme, RGV.scheme):
        assert concept == verb_concept(str(onto.value(concept, SKOS.prefLabel)))
        assert onto.value(concept, RG.rank).datatype == XSD.integer


def test_context_names_every_term_with_the_ontology_range(onto):
    ctx = ontology.context()
    for term in _terms(onto):
        name = str(term)[len(str(RG)):]
        assert name in ctx, name
        entry = ctx[name]
        iri = entry["@id"] if isinstance(entry, dict) else entry
        assert iri == f"rg:{name}"
        if (term, RDF.type, OWL.ObjectProperty) in onto:
            assert entry["@type"] == "@id", name
        rng = onto.value(term, RDFS.range)
        if (term, RDF.type, OWL.DatatypeProperty) in onto and rng not in (None, XSD.string):
            assert entry["@type"] == "xsd:" + str(rng)[len(str(XSD)):], name


def test_context_parses_locally_as_a_dict():
    doc = {"@context": ontology.context(), "@id": "http://example.org/c", "@type": "Commitment",
           "verb": "rgv:urges", "rank": 4}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (URIRef("http://example.org/c"), RG.verb, RGV.urges) in g
    assert (URIRef("http://example.org/c"), RG.rank, Literal(4)) in g


def _doc(type_, symbol=None, date="2017-12-19", doc_id="x"):
    meta = {"type": model.Value(type_, model.FROM_CATALOGUE), "date_adopted": model.Value(date, model.FROM_TEXT)}
    if symbol:
        meta["symbol"] = model.Value(symbol, model.FROM_TEXT)
    return model.Document(path="x.txt", id=doc_id, format="plain", source_text="", meta=meta)


def test_iri_scheme_follows_akn4un():
    iris = Iris("http://127.0.0.1:8000/")
    doc = iris.document(_doc(model.GA_RESOLUTION, "A/RES/72/149"))
    assert str(doc) == "http://127.0.0.1:8000/akn/un/statement/resolution/un-ga/2017-12-19/72-149"
    para = iris.paragraph(doc, "15")
    assert str(para) == str(doc) + "/!main~para_15"
    assert str(iris.clause(para, 2)) == str(doc) + "/!main~para_15__clause_2"
    report = iris.document(_doc(model.SG_REPORT, "A/78/292", "2023-08-07"))
    assert str(report).endswith("akn/un/doc/report/un-sg/2023-08-07/78-292")
    draft = iris.document(_doc(model.DRAFT_RESOLUTION, None, "2025-10-21", "A/C.3/80/draft-2025-10-21"))
    assert str(draft).endswith("akn/un/statement/draft-resolution/un-ga/2025-10-21/a-c-3-80-draft-2025-10-21")
    sc = iris.document(_doc(model.SC_RESOLUTION, "S/RES/1373 (2001)", "2001-09-28"))
    assert str(sc).endswith("akn/un/statement/resolution/un-sc/2001-09-28/1373-2001")
    assert component_id("58(c)") == "para_58__point_c"
    assert component_id("p3") == "preamble_p3"
    assert str(iris.actor("Philippines", "phl")) == "http://127.0.0.1:8000/actor/state/PHL"
    assert str(iris.actor("Member States")) == "http://127.0.0.1:8000/actor/member-states"
    assert str(iris.instrument("ILO C189")) == "http://127.0.0.1:8000/instrument/ilo-c189"
    assert slug("Côte d’Ivoire") == "cote-d-ivoire"
    assert Iris("http://example.org/kg").base == "http://example.org/kg/"


def test_the_loaded_verb_scheme_covers_every_verb_of_the_lexicon_with_its_rank(onto):
    """Document graphs only reference verb concepts, so every verb the extractor can emit must be one."""
    from resograph.graph.validate import lexicon_verb_ranks, ontology_graph

    loaded = ontology_graph()
    lexicon = lexicon_verb_ranks()
    assert len(lexicon) == 134 and lexicon["refers"] == 6  # the operative form's strength, not the participle's
    for verb, rank in lexicon.items():
        concept = verb_concept(verb)
        assert (concept, SKOS.inScheme, RGV.scheme) in loaded, verb
        assert [int(r) for r in loaded.objects(concept, RG.rank)] == [rank], verb
    for concept in onto.subjects(SKOS.inScheme, RGV.scheme):  # the hand-written concepts agree with the lexicon
        label = str(onto.value(concept, SKOS.prefLabel))
        assert label not in lexicon or lexicon[label] == int(onto.value(concept, RG.rank)), label
