"""The entities graph: the one description of every actor, instrument and agent the document graphs reference.

A document graph only names the shared entities it mentions; their lexicon-derived
descriptions (type, label, ISO code, UNTS citation ...) are stored once, in the
entities graph, because the store's union default graph does not deduplicate a
triple present in several named graphs: repeated descriptions would multiply
every join on them by the number of documents that mention them.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef

from resograph.graph.iris import Iris


def referenced_descriptions(data: Graph, descriptions: Graph) -> Graph:
    """The triples of `descriptions` about the IRIs `data` references: what a document graph is validated with."""
    found = Graph()
    for node in {o for o in data.objects() if isinstance(o, URIRef)}:
        for triple in descriptions.triples((node, None, None)):
            found.add(triple)
    return found


def update_entities(store: ox.Store, iris: Iris, described: dict[str, bytes], documents: set[str]) -> int:
    """Rewrite the entities graph: the descriptions just built (`described`: document graph -> N-Triples) replace
    those of the same entities, the others are kept, and an entity no document graph in `documents` references
    any more is dropped. Returns the graph's triple count."""
    name = str(iris.entities_graph())
    graph_node = ox.NamedNode(name)
    fresh = ox.Store()
    for data in described.values():
        if data:
            fresh.load(data, format=ox.RdfFormat.N_TRIPLES)
    renewed = {q.subject for q in fresh.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    quads = [ox.Quad(q.subject, q.predicate, q.object, graph_node)
             for q in fresh.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    quads += [q for q in store.quads_for_pattern(None, None, None, graph_node) if q.subject not in renewed]
    referenced = {}

    def is_referenced(entity) -> bool:
        if entity not in referenced:
            referenced[entity] = any(q.graph_name.value in documents
                                     for q in store.quads_for_pattern(None, None, entity, None)
                                     if isinstance(q.graph_name, ox.NamedNode))
        return referenced[entity]

    kept = [q for q in quads if is_referenced(q.subject)]
    store.update(f"DROP SILENT GRAPH <{name}>")
    store.extend(kept)
    return len(set(kept))
