"""The commitment graph as a networkx MultiDiGraph, for network analysis in notebooks.

    from resograph.graph import to_networkx
    G = to_networkx("resograph-data/store")
    clauses = [n for n, t in G.nodes(data="type") if t == "clause"]

Nodes are keyed by their IRI and carry `type` ("document", "clause", "actor",
"instrument") and `label`, plus:

* document: `symbol` (or the document id), `year` (adoption, else issue year), `kind` (Resolution ...)
* clause: `document`, `paragraph`, `order`, `section`, `verb`, `strength` (0..6)
* actor: `actor_type` (the ontology class: GroupOfStates, MemberState, UNEntity ...)
* instrument: `instrument_id` (`ILO C189`, `CEDAW` ...)

Edges are keyed by their type and carry `type` and `weight`:

* clause -> document, `in_document`, weight 1
* clause -> actor, `addresses`, weight = the clause's verb strength
* clause -> instrument, `cites`, weight = the clause's verb strength

Evidence records, spans and provenance stay in the RDF graph; query it with
SPARQL (`resograph.queries`) for those.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from resograph.graph import store as stores
from resograph.graph.namespaces import DCTERMS, RDFS, RG, SKOS

DOCUMENT, CLAUSE, ACTOR, INSTRUMENT = "document", "clause", "actor", "instrument"
IN_DOCUMENT, ADDRESSES, CITES = "in_document", "addresses", "cites"

_PREFIXES = (f"PREFIX rg: <{RG}>\nPREFIX skos: <{SKOS}>\nPREFIX dcterms: <{DCTERMS}>\n"
             f"PREFIX rdfs: <{RDFS}>\n")

_DOCUMENTS = """
SELECT ?d ?label ?kind (MIN(?date) AS ?first) WHERE {
  ?d a rg:Document ; rdfs:label ?label ; a ?k .
  ?k rdfs:subClassOf rg:Document .
  BIND(STRAFTER(STR(?k), "#") AS ?kind)
  OPTIONAL { ?d rg:dateAdopted|dcterms:issued ?date }
} GROUP BY ?d ?label ?kind"""

_CLAUSES = """
SELECT DISTINCT ?c ?d ?number ?order ?section ?verb ?strength WHERE {
  ?c a rg:Commitment ; rg:inParagraph ?p ; rg:order ?order ; rg:section ?section ; rg:verb ?v .
  ?p rg:inDocument ?d ; rg:number ?number .
  ?v skos:prefLabel ?verb ; rg:rank ?strength .
}"""

_ADDRESSEES = """
SELECT DISTINCT ?c ?a ?label ?class WHERE {
  ?c a rg:Commitment ; rg:addressee ?a .
  ?a skos:prefLabel ?label ; a ?k .
  ?k rdfs:subClassOf rg:Actor .
  BIND(STRAFTER(STR(?k), "#") AS ?class)
}"""

_CITATIONS = """
SELECT DISTINCT ?c ?i ?id ?label WHERE {
  ?c a rg:Commitment ; rg:instrument ?i .
  ?i rg:instrumentId ?id .
  OPTIONAL { ?i skos:prefLabel ?label }
}"""


def _rows(store: ox.Store, query: str):
    solutions = store.query(_PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        yield {n: (row[n].value if row[n] is not None else None) for n in names}


def _open(store_or_dir) -> ox.Store:
    if isinstance(store_or_dir, ox.Store):
        return store_or_dir
    return stores.open_store(Path(store_or_dir), read_only=True)


def to_networkx(store_or_dir) -> nx.MultiDiGraph:
    """Documents, clauses, addressed actors and cited instruments of a store (an open pyoxigraph Store, or
    a store folder) as a MultiDiGraph; see the module docstring for node and edge attributes."""
    store = _open(store_or_dir)
    G = nx.MultiDiGraph()
    for r in _rows(store, _DOCUMENTS):
        G.add_node(r["d"], type=DOCUMENT, label=r["label"], symbol=r["label"], kind=r["kind"],
                   year=int(r["first"][:4]) if r["first"] else None)
    strength = {}
    for r in _rows(store, _CLAUSES):
        strength[r["c"]] = int(r["strength"])
        G.add_node(r["c"], type=CLAUSE, document=r["d"], paragraph=r["number"], order=int(r["order"]),
                   section=r["section"], verb=r["verb"], strength=strength[r["c"]],
                   label=f"{G.nodes[r['d']].get('label', r['d'])} {r['number']}.{r['order']}")
        G.add_edge(r["c"], r["d"], key=IN_DOCUMENT, type=IN_DOCUMENT, weight=1)
    for r in _rows(store, _ADDRESSEES):
        if r["c"] not in strength:
            continue
        G.add_node(r["a"], type=ACTOR, label=r["label"], actor_type=r["class"])
        G.add_edge(r["c"], r["a"], key=ADDRESSES, type=ADDRESSES, weight=strength[r["c"]])
    for r in _rows(store, _CITATIONS):
        if r["c"] not in strength:
            continue
        G.add_node(r["i"], type=INSTRUMENT, label=r["id"], instrument_id=r["id"], title=r["label"] or r["id"])
        G.add_edge(r["c"], r["i"], key=CITES, type=CITES, weight=strength[r["c"]])
    return G


def nodes_of_type(G: nx.MultiDiGraph, node_type: str) -> list[str]:
    return sorted(n for n, t in G.nodes(data="type") if t == node_type)


def actor_instrument_network(G: nx.MultiDiGraph) -> nx.Graph:
    """Actors and instruments joined when a clause asks the actor to act and cites the instrument.

    Edge attributes: `clauses` (how many such clauses) and `weight` (the sum of their verb strengths).
    """
    H = nx.Graph()
    for clause in nodes_of_type(G, CLAUSE):
        targets = [(v, k) for _, v, k in G.out_edges(clause, keys=True)]
        actors = [v for v, k in targets if k == ADDRESSES]
        instruments = [v for v, k in targets if k == CITES]
        for a in actors:
            for i in instruments:
                for node in (a, i):
                    H.add_node(node, **G.nodes[node])
                data = H.get_edge_data(a, i, default={"clauses": 0, "weight": 0})
                H.add_edge(a, i, clauses=data["clauses"] + 1, weight=data["weight"] + G.nodes[clause]["strength"])
    return H
