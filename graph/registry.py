"""The graphs resograph made, recorded in the store's meta graph, and the only code that adds or drops them.

`resograph build` replaces or removes a named graph only when the registry
lists it as a managed graph; graphs added by `resograph load` are never
touched. The meta graph (registry + VoID/DCAT dataset description) is
rewritten from the registry entries on every build, so it is deterministic;
wall-clock build times go to the separate build-log graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, VOID, XSD

from resograph import __version__
from resograph.graph.iris import Iris
from resograph.graph.namespaces import ONTOLOGY_IRI, RG, bind_prefixes


@dataclass(frozen=True)
class Entry:
    """One document graph resograph made."""

    graph: str  # the graph name, which is the document IRI
    source_file: str  # file name: the key that matches a later build's input
    build_key: str
    document_id: str
    activity: str
    triples: int


def _q(query: str, **iris: str) -> str:
    for name, iri in sorted(iris.items(), key=lambda kv: -len(kv[0])):
        query = query.replace(f"${name}", f"<{iri}>")
    return query


def read_registry(store: ox.Store, iris: Iris) -> dict[str, Entry]:
    """Managed document graphs by source file name."""
    rows = store.query(_q(
        """SELECT ?g ?file ?key ?id ?activity ?n WHERE { GRAPH $meta {
             ?g a $DocumentGraph ; $registeredFile ?file ; $buildKey ?key ; $registeredIdentifier ?id ;
                $wasGeneratedBy ?activity ; $triples ?n } }""",
        meta=iris.meta_graph(), DocumentGraph=RG.DocumentGraph, registeredFile=RG.registeredFile,
        buildKey=RG.buildKey, registeredIdentifier=RG.registeredIdentifier, wasGeneratedBy=PROV.wasGeneratedBy, triples=VOID.triples))
    entries = {}
    for row in rows:
        entry = Entry(row["g"].value, row["file"].value, row["key"].value, row["id"].value,
                      row["activity"].value, int(row["n"].value))
        entries[entry.source_file] = entry
    return entries


def managed_graphs(store: ox.Store, iris: Iris) -> set[str]:
    """Every graph name the registry lists (document graphs, the ontology, the meta graph itself)."""
    rows = store.query(_q("SELECT ?g WHERE { GRAPH $meta { ?g a ?t . FILTER(?t IN ($M, $D)) } }",
                          meta=iris.meta_graph(), M=RG.ManagedGraph, D=RG.DocumentGraph))
    return {row["g"].value for row in rows}


def drop_graph(store: ox.Store, graph: str) -> None:
    store.update(f"DROP SILENT GRAPH <{graph}>")


def load_graph(store: ox.Store, graph: Graph, name: str) -> None:
    """Replace named graph `name` with the triples of `graph`."""
    load_ntriples(store, graph.serialize(format="nt", encoding="utf-8"), name)


def load_ntriples(store: ox.Store, data: bytes, name: str) -> None:
    """Replace named graph `name` with these N-Triples."""
    drop_graph(store, name)
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))


def remove_document(store: ox.Store, iris: Iris, entry: Entry) -> None:
    drop_graph(store, entry.graph)
    store.update(_q("DELETE WHERE { GRAPH $log { $a ?p ?o } }", log=iris.build_log_graph(), a=entry.activity))


def log_build(store: ox.Store, iris: Iris, entry: Entry, started: datetime, ended: datetime) -> None:
    store.update(_q(
        f"""INSERT DATA {{ GRAPH $log {{
              $a $started "{started.isoformat()}"^^<{XSD.dateTime}> ; $ended "{ended.isoformat()}"^^<{XSD.dateTime}> }} }}""",
        log=iris.build_log_graph(), a=entry.activity, started=PROV.startedAtTime, ended=PROV.endedAtTime))


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def load_ontology(store: ox.Store) -> None:
    from resograph.graph.validate import ontology_graph

    load_graph(store, ontology_graph(), ONTOLOGY_IRI)


def meta_graph(iris: Iris, entries: Iterable[Entry], entity_triples: int = 0) -> Graph:
    """The registry and dataset description for these entries: a pure function of them."""
    g = Graph(identifier=iris.meta_graph())
    bind_prefixes(g)
    dataset = iris.dataset()
    ontology = URIRef(ONTOLOGY_IRI)
    meta = iris.meta_graph()
    entities = iris.entities_graph()
    for managed, label in ((meta, "resograph registry and dataset description"), (ontology, "resograph ontology"),
                           (entities, "actors, instruments and agents the document graphs reference")):
        g.add((managed, RDF.type, RG.ManagedGraph))
        g.add((managed, RDFS.label, Literal(label)))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("resograph knowledge graph of UN commitments")))
    g.add((dataset, VOID.uriSpace, Literal(iris.base)))
    g.add((dataset, VOID.vocabulary, ontology))
    g.add((dataset, DCTERMS.conformsTo, ontology))
    g.add((dataset, RG.softwareVersion, Literal(__version__)))
    total = entity_triples
    g.add((entities, VOID.triples, Literal(entity_triples)))
    g.add((dataset, VOID.subset, entities))
    entries = sorted(entries, key=lambda e: e.graph)
    for e in entries:
        node = URIRef(e.graph)
        total += e.triples
        g.add((node, RDF.type, RG.DocumentGraph))
        g.add((node, RDF.type, VOID.Dataset))
        g.add((node, RG.graphOf, node))
        # Not rg:sourceFile / dcterms:identifier: the document graph states those of the document (same IRI),
        # and a triple is stored in one graph only.
        g.add((node, RG.registeredFile, Literal(e.source_file)))
        g.add((node, RG.buildKey, Literal(e.build_key)))
        g.add((node, RG.registeredIdentifier, Literal(e.document_id)))
        g.add((node, PROV.wasGeneratedBy, URIRef(e.activity)))
        g.add((node, VOID.triples, Literal(e.triples)))
        g.add((dataset, VOID.subset, node))
    g.add((dataset, VOID.triples, Literal(total)))
    g.add((dataset, RG.documentCount, Literal(len(entries))))
    return g


def write_meta(store: ox.Store, iris: Iris, entries: Iterable[Entry], entity_triples: int = 0) -> None:
    load_graph(store, meta_graph(iris, entries, entity_triples), str(iris.meta_graph()))
