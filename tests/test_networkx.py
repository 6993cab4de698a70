"""resograph.graph.to_networkx on the sample built by `resograph build`: exact node and edge counts."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from resograph.graph import to_networkx
from resograph.graph.networkx_bridge import actor_instrument_network, nodes_of_type
from resograph.graph.store import open_store

BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def G(sample_store):
    return to_networkx(sample_store)


def test_counts(G):
    assert isinstance(G, nx.MultiDiGraph)
    assert Counter(t for _, t in G.nodes(data="type")) == {"clause": 177, "instrument": 20, "actor": 13, "document": 5}
    assert Counter(k for _, _, k in G.edges(keys=True)) == {"addresses": 178, "in_document": 177, "cites": 56}
    assert G.number_of_nodes() == 215 and G.number_of_edges() == 411


def test_counts_agree_with_sparql(G, sample_store):
    store = open_store(sample_store)

    def count(select: str) -> int:
        q = f"PREFIX rg: <https://w3id.org/resograph/ontology#> SELECT (COUNT(*) AS ?n) WHERE {{ {select} }}"
        return int(next(iter(store.query(q, use_default_graph_as_union=True)))["n"].value)

    assert count("SELECT DISTINCT ?c ?a WHERE { ?c a rg:Commitment ; rg:addressee ?a }") == 178
    assert count("SELECT DISTINCT ?c ?i WHERE { ?c a rg:Commitment ; rg:instrument ?i }") == 56
    assert count("SELECT DISTINCT ?a WHERE { ?c a rg:Commitment ; rg:addressee ?a }") == len(nodes_of_type(G, "actor"))
    assert count("SELECT DISTINCT ?i WHERE { ?c a rg:Commitment ; rg:instrument ?i }") == len(
        nodes_of_type(G, "instrument"))


def test_node_and_edge_attributes(G):
    r72 = BASE + "akn/un/statement/resolution/un-ga/2017-12-19/72-149"
    assert G.nodes[r72] == {"type": "document", "label": "A/RES/72/149", "symbol": "A/RES/72/149",
                            "kind": "Resolution", "year": 2017}
    clause = r72 + "/!main~para_13__clause_1"
    assert G.nodes[clause] == {"type": "clause", "document": r72, "paragraph": "13", "order": 1,
                               "section": "operative", "verb": "urges", "strength": 4, "label": "A/RES/72/149 13.1"}
    assert G.get_edge_data(clause, BASE + "actor/governments") == {"addresses": {"type": "addresses", "weight": 4}}
    assert G.get_edge_data(clause, r72) == {"in_document": {"type": "in_document", "weight": 1}}
    sg = BASE + "actor/secretary-general"
    assert G.nodes[sg] == {"type": "actor", "label": "Secretary-General", "actor_type": "UNPrincipalOrgan"}
    assert sorted(d["weight"] for _, _, d in G.in_edges(sg, data=True)) == [3, 3, 3, 3]  # four `Requests`
    c189 = BASE + "instrument/ilo-c189"
    assert G.nodes[c189]["instrument_id"] == "ILO C189"
    # invited twice (72/149 para 3, the 2025 draft para 3), encouraged once (A/78/292 para 58(e))
    assert sorted(d["weight"] for _, _, d in G.in_edges(c189, data=True)) == [1, 1, 2]


def test_actor_instrument_network(G):
    H = actor_instrument_network(G)
    assert H.number_of_nodes() == 24 and H.number_of_edges() == 26
    c189, member_states, states = (BASE + "instrument/ilo-c189", BASE + "actor/member-states", BASE + "actor/states")
    assert H.edges[member_states, c189] == {"clauses": 2, "weight": 2}
    assert H.edges[states, c189] == {"clauses": 1, "weight": 2}
    ranked = sorted(nx.degree_centrality(H).items(), key=lambda kv: (-kv[1], kv[0]))
    assert [H.nodes[n]["label"] for n, _ in ranked[:2]] == ["Member States", "States"]


def test_accepts_an_open_store(sample_store):
    assert to_networkx(open_store(sample_store)).number_of_nodes() == 215
