"""Dumps of the graphs resograph made: Turtle (whole), JSON-LD (whole and per document), canonical N-Quads.

    graph.nq       every managed graph as N-Quads, one named graph per document, lines sorted: the
                   same store always gives the same bytes (bulk load into QLever, Fuseki, Virtuoso)
    graph.ttl      the union of the managed graphs as Turtle, with readable prefixes
    graph.jsonld   the managed graphs as JSON-LD named graphs, compacted with the shipped context
    documents/<document-id-slug>.jsonld   one compacted JSON-LD file per document: its graph plus the
                   entities graph's descriptions of the actors, instruments and agent it references, so
                   the file stands alone (it validates on its own; graph.nq stores each description once)

The JSON-LD files carry the context inline (a copy of ontology/context.jsonld), so
reading them never fetches anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from resograph import ontology
from resograph.graph.entities import referenced_descriptions
from resograph.graph.iris import Iris, slug
from resograph.graph.namespaces import PREFIXES, bind_prefixes
from resograph.graph.registry import managed_graphs, read_registry

NQUADS = "graph.nq"
TURTLE = "graph.ttl"
JSONLD = "graph.jsonld"
DOCUMENTS = "documents"


def canonical_nquads(store: ox.Store, graphs: list[str]) -> bytes:
    """N-Quads of these named graphs, one quad per line, sorted: byte-identical for identical content."""
    lines: list[bytes] = []
    for name in graphs:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        suffix = f" <{name}> .".encode()
        lines.extend(line[:-2] + suffix for line in data.splitlines() if line.endswith(b" ."))
    lines.sort()
    return b"".join(line + b"\n" for line in lines)


def _term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)  # a simple literal, as rdflib's parsers make it
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def graph_of(store: ox.Store, name: str) -> Graph:
    """One named graph of the store as an rdflib Graph (terms converted directly: parsing is slower)."""
    g = Graph(identifier=URIRef(name))
    bind_prefixes(g)
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return g


def _compact(graph: Graph) -> dict:
    """Compacted JSON-LD of one graph with the shipped context (never a remote context)."""
    return json.loads(graph.serialize(format="json-ld", context=ontology.context(), auto_compact=True))


def _nodes(compact: dict) -> list:
    return compact.get("@graph", [{k: v for k, v in compact.items() if k != "@context"}])


def _write_json(path: Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def dump_store(store: ox.Store, iris: Iris, out_dir: Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    (out_dir / DOCUMENTS).mkdir(parents=True, exist_ok=True)
    graphs = sorted(managed_graphs(store, iris))
    written = {}

    nq = canonical_nquads(store, graphs)
    (out_dir / NQUADS).write_bytes(nq)
    written[NQUADS] = out_dir / NQUADS

    union = ox.Store()
    union.load(b"".join(line.rsplit(b" <", 1)[0] + b" .\n" for line in nq.splitlines()),
               format=ox.RdfFormat.N_TRIPLES)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    (out_dir / TURTLE).write_bytes(union.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                                              prefixes=prefixes))
    written[TURTLE] = out_dir / TURTLE

    # Each graph is compacted once; the whole file gathers them as named graphs under one context.
    documents = {entry.graph: entry for entry in read_registry(store, iris).values()}
    for old in (out_dir / DOCUMENTS).glob("*.jsonld"):
        old.unlink()
    named = []
    entities = graph_of(store, str(iris.entities_graph()))
    for name in graphs:
        graph = graph_of(store, name)
        named.append({"@id": name, "@graph": _nodes(_compact(graph))})
        if name in documents:
            for triple in referenced_descriptions(graph, entities):
                graph.add(triple)
            path = out_dir / DOCUMENTS / f"{slug(documents[name].document_id)}.jsonld"
            _write_json(path, {"@context": ontology.context(), "@graph": _nodes(_compact(graph))})
            written[f"{DOCUMENTS}/{path.name}"] = path
    _write_json(out_dir / JSONLD, {"@context": ontology.context(), "@graph": named})
    written[JSONLD] = out_dir / JSONLD
    return written


def read_dump(path: Path) -> Dataset:
    """Parse any dump back (N-Quads, Turtle, JSON-LD) into a Dataset, with the local context only."""
    path = Path(path)
    dataset = Dataset()
    fmt = {".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".trig": "trig"}.get(path.suffix)
    if fmt is None:
        raise ValueError(f"{path}: unknown dump format (expected .nq, .ttl, .jsonld, .nt or .trig)")
    if fmt == "json-ld":
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and isinstance(doc.get("@context"), str):
            doc["@context"] = ontology.context()  # a context by reference: use ours, never fetch
        dataset.parse(data=json.dumps(doc), format="json-ld")
    else:
        dataset.parse(path, format=fmt)
    return dataset
