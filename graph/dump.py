"""Dumps of the graphs resograph made: Turtle (whole), JSON-LD (whole and per document), canonical N-Quads.

    graph.nq       every managed graph as N-Quads, one named graph per document, lines sorted: the
                   same store always gives the same bytes (bulk load into QLever, Fuseki, Virtuoso)
    graph.ttl      the union of the managed graphs as Turtle, with readable prefixes
    graph.jsonld   the managed graphs as JSON-LD named graphs, compacted with the shipped context
    documents/<document-id-slug>.jsonld   one compacted JSON-LD file per document graph

The JSON-LD files carry the context inline (a copy of ontology/context.jsonld), so
reading them never fetches anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from resograph import ontology
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


def graph_of(store: ox.Store, name: str) -> Graph:
    g = Graph(identifier=URIRef(name))
    g.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)), format="nt")
    bind_prefixes(g)
    return g


def to_jsonld(graph: Graph | Dataset) -> str:
    """Compacted JSON-LD with the shipped context inline (never a remote context)."""
    text = graph.serialize(format="json-ld", context=ontology.context(), auto_compact=True, sort_keys=True, indent=1)
    return text if text.endswith("\n") else text + "\n"


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

    dataset = Dataset()
    bind_prefixes(dataset)
    dataset.parse(data=nq, format="nquads")
    (out_dir / JSONLD).write_text(to_jsonld(dataset), encoding="utf-8")
    written[JSONLD] = out_dir / JSONLD

    for old in (out_dir / DOCUMENTS).glob("*.jsonld"):
        old.unlink()
    for entry in sorted(read_registry(store, iris).values(), key=lambda e: e.graph):
        path = out_dir / DOCUMENTS / f"{slug(entry.document_id)}.jsonld"
        path.write_text(to_jsonld(dataset.graph(URIRef(entry.graph))), encoding="utf-8")
        written[f"{DOCUMENTS}/{path.name}"] = path
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
