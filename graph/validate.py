"""SHACL validation of document graphs, and the ONE place a validation report becomes readable messages.

Each document graph is validated on its own (pyshacl, rdflib backend, no
inference) with the ontology as `ont_graph`, so `sh:class rg:Actor` accepts a
`rg:MemberState` through the ontology's subclass axioms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS

from resograph import ontology
from resograph.graph.iris import verb_concept
from resograph.graph.namespaces import OA, PREFIXES, RG, RGV

# Edges followed backwards from a focus node to the paragraph it belongs to.
_UPWARD = (RG.obligation, RG.addressing, RG.citing, RG.sourceSpan, RG.verbSpan, RG.hedgeSpan, OA.hasSelector)


@dataclass(frozen=True)
class Violation:
    document: str  # the document's id (or graph name)
    paragraph: str | None  # the paragraph number the focus node belongs to, when it belongs to one
    shape: str  # the named shape that failed, as a prefixed name: rgsh:CommitmentVerb
    focus: str  # the focus node IRI
    path: str | None  # the property path, prefixed
    value: str | None
    message: str

    def line(self) -> str:
        where = f"document {self.document}"
        if self.paragraph:
            where += f", paragraph {self.paragraph}"
        path = f" [{self.path}]" if self.path else ""
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{where}: {self.shape}{path}: {self.message}{value} at <{self.focus}>"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(ontology.shapes_path())


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology as loaded into the store: `resograph.ttl` with its verb strength scheme completed from the
    verb lexicon, so every canonical verb the extractor can emit is a concept with its rank (the only place a
    verb's rank is stored; document graphs just reference the concept)."""
    graph = Graph().parse(ontology.ontology_path())
    for verb, rank in sorted(lexicon_verb_ranks().items()):
        concept = verb_concept(verb)
        if (concept, RDF.type, RG.VerbConcept) in graph:
            continue  # the ontology's own definition wins (tests/test_ontology.py checks they agree)
        graph.add((concept, RDF.type, RG.VerbConcept))
        graph.add((concept, SKOS.inScheme, RGV.scheme))
        graph.add((concept, SKOS.prefLabel, Literal(verb, lang="en")))
        graph.add((concept, RG.rank, Literal(rank)))
    return graph


def lexicon_verb_ranks() -> dict[str, int]:
    """Canonical verb -> strength in the verb lexicon. A verb listed with several strengths (`refers` opening an
    operative paragraph, 6, and `referring` in the preamble, 0) takes that of its operative forms, the highest."""
    from resograph.extract.wordlists import verb_forms

    operative: dict[str, set[int]] = {}
    other: dict[str, set[int]] = {}
    for form in verb_forms():
        (other if form.use == "participle" else operative).setdefault(form.verb, set()).add(form.strength)
    return {verb: max(operative.get(verb) or other[verb]) for verb in {*operative, *other}}


@lru_cache(maxsize=1)
def verb_scheme() -> Graph:
    """The ontology's verb concepts with their ranks. pyshacl's ont_graph mixes in class and property axioms
    only, not individuals; these are added explicitly so a clause cannot give a known verb another rank."""
    onto, scheme = ontology_graph(), Graph()
    for concept in onto.subjects(SKOS.inScheme, RGV.scheme):
        for p, o in onto.predicate_objects(concept):
            scheme.add((concept, p, o))
    return scheme


def _short(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        for prefix, ns in (("rgsh", "https://w3id.org/resograph/shapes#"), *PREFIXES.items()):
            if str(node).startswith(str(ns)):
                return f"{prefix}:{str(node)[len(str(ns)):]}"
        return str(node)
    return str(node)


def _path(graph: Graph, path) -> str:
    """A SHACL property path in SPARQL syntax: rg:text, ^rg:obligation, oa:hasSelector/rdf:type."""
    if isinstance(path, URIRef):
        return _short(graph, path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse)
    steps = list(Collection(graph, path)) if graph.value(path, RDF.first) is not None else []
    return "/".join(_path(graph, step) for step in steps) if steps else "(complex path)"


def _paragraph_of(data: Graph, focus) -> str | None:
    frontier, seen = [focus], set()
    for _ in range(6):
        next_frontier = []
        for node in frontier:
            if node in seen:
                continue
            seen.add(node)
            number = data.value(node, RG.number)
            if number is not None:
                return str(number)
            para = data.value(node, RG.inParagraph)
            if para is not None and data.value(para, RG.number) is not None:
                return str(data.value(para, RG.number))
            for pred in _UPWARD:
                next_frontier.extend(data.subjects(pred, node))
        frontier = next_frontier
    return None


def _document_label(data: Graph, fallback: str) -> str:
    for doc in data.subjects(RDF.type, RG.Document):
        for prop in (DCTERMS.identifier, RG.symbol, RDFS.label):
            name = data.value(doc, prop)
            if name is not None:
                return str(name)
    return fallback


def violations_from_report(report: Graph, data: Graph, document: str) -> list[Violation]:
    """Readable violations from a pyshacl results graph, sorted for stable output."""
    shapes = shapes_graph()
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        if not isinstance(source, URIRef):  # an anonymous property shape: name its node shape
            parent = shapes.value(None, SH.property, source)
            path = shapes.value(source, SH.path)
            source = parent if parent is not None else source
            shape = f"{_short(shapes, source)}" + (f"/{_short(shapes, path)}" if isinstance(path, URIRef) else "")
        else:
            shape = _short(shapes, source)
        constraint = report.value(result, SH.sourceConstraint)
        if isinstance(constraint, URIRef):  # a named SPARQL constraint says more than its node shape
            shape = _short(shapes, constraint)
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        value = None if value == focus else value
        message = report.value(result, SH.resultMessage)
        found.append(Violation(
            document=document,
            paragraph=_paragraph_of(data, focus) or (_paragraph_of(data, value) if isinstance(value, URIRef) else None),
            shape=shape,
            focus=str(focus),
            path=None if path is None else _path(report, path),
            value=None if value is None else str(value),
            message=str(message) if message is not None else "constraint not satisfied",
        ))
    return sorted(set(found), key=lambda v: (v.paragraph or "", v.focus, v.shape, v.value or ""))


def validate_graph(data: Graph, document: str | None = None, entities: Graph | None = None) -> list[Violation]:
    """Validate one document graph together with `entities`, the descriptions of the actors and instruments
    it references (they live in the entities graph, not in the document's); an empty list means it conforms."""
    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in entities if entities is not None else ():
        combined.add(triple)
    for triple in verb_scheme():
        combined.add(triple)
    conforms, report, _text = pyshacl.validate(
        combined,
        inplace=True,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    if conforms:
        return []
    return violations_from_report(report, combined, document or _document_label(data, str(data.identifier)))


def report_text(violations: list[Violation]) -> str:
    return "\n".join(v.line() for v in violations)


def dataset_from_store(store) -> Dataset:
    """Every named graph of a pyoxigraph store as an rdflib Dataset (the default graph too, if not empty)."""
    import pyoxigraph as ox

    dataset = Dataset()
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


def validate_dataset(dataset: Dataset) -> tuple[int, list[Violation]]:
    """Validate each graph that holds a document (or any resograph node) separately, a document graph together
    with the descriptions (from the dataset's other graphs) of the entities it references;
    (graphs checked, violations)."""
    from resograph.graph.entities import referenced_descriptions
    from resograph.graph.namespaces import ONTOLOGY_IRI

    ours = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0 or str(graph.identifier) == ONTOLOGY_IRI:
            continue
        if not any(str(o).startswith(str(RG)) for o in graph.objects(None, RDF.type)):
            continue  # no node of ours: nothing for the shapes to say (a foreign or a meta graph)
        plain = Graph(identifier=graph.identifier)
        for triple in graph:
            plain.add(triple)
        ours.append(plain)
    is_document = {g.identifier: (None, RDF.type, RG.Document) in g for g in ours}
    descriptions = Graph()
    for graph in ours:
        if not is_document[graph.identifier]:
            for triple in graph:
                descriptions.add(triple)
    found = []
    for graph in ours:
        entities = referenced_descriptions(graph, descriptions) if is_document[graph.identifier] else None
        found.extend(validate_graph(graph, entities=entities))
    return len(ours), found
