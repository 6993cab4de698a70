"""The build pipeline on the sample corpus: counts, determinism, incremental rebuilds, safety of the store.

Records come from the gold files (tests/test_graph_support.py) so the expected
counts are exact; the CLI tests (test_build_cli.py) run the real extractor.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from resograph.graph import registry
from resograph.graph import store as stores
from resograph.graph.dump import JSONLD, NQUADS, TURTLE, canonical_nquads, dump_store, read_dump
from resograph.graph.iris import Iris
from resograph.graph.namespaces import ONTOLOGY_IRI
from resograph.graph.pipeline import build_store
from resograph.read import load_default_catalogue
from resograph.sample import sample_files
from test_graph_support import gold_extractor

IRIS = Iris()
CLAUSES = {"A/C.3/80/draft-2025-10-21": 56, "A/RES/72/149": 43, "A/78/292": 22, "A/RES/62/132": 20, "A/RES/66/128": 26}
OPERATIVE = {"A/C.3/80/draft-2025-10-21": 50, "A/RES/72/149": 38, "A/78/292": 0, "A/RES/62/132": 18, "A/RES/66/128": 22}
RESOLUTION_72_149 = "http://127.0.0.1:8000/akn/un/statement/resolution/un-ga/2017-12-19/72-149"
RESOLUTION_66_128 = "http://127.0.0.1:8000/akn/un/statement/resolution/un-ga/2011-12-19/66-128"
FOREIGN = "http://example.org/foreign"


def _build(paths, store_dir, **kw):
    return build_store(paths, store_dir, None, load_default_catalogue(), extractor=kw.pop("extractor", gold_extractor),
                       **kw)


def _managed_nquads(store_dir: Path) -> bytes:
    store = stores.open_store(store_dir)
    return canonical_nquads(store, sorted(registry.managed_graphs(store, IRIS)))


def _select(store_dir: Path, query: str) -> list[dict]:
    solutions = stores.open_store(store_dir).query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for f in sample_files():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus):
    store_dir = tmp_path_factory.mktemp("built") / "store"
    report = _build(sorted(corpus.glob("*.txt")), store_dir)
    return store_dir, report


@pytest.fixture()
def copy_of(built, tmp_path):
    """A private copy of the built store (closed, so a plain copy is consistent) and of the corpus."""
    store_dir = tmp_path / "store"
    shutil.copytree(built[0], store_dir)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sample_files():
        shutil.copy(f, corpus / f.name)
    return store_dir, corpus


def test_counts(built):
    store_dir, report = built
    assert report.ok, report.summary()
    assert sorted(report.built) == sorted(CLAUSES)
    assert report.documents == 5 and report.clauses == sum(CLAUSES.values()) == 167
    graphs = {row["g"] for row in _select(store_dir, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert len(graphs) == 9  # 5 documents, the entities, the ontology, the meta graph, the build log
    assert str(IRIS.entities_graph()) in graphs
    assert RESOLUTION_72_149 in graphs and ONTOLOGY_IRI in graphs
    rows = _select(store_dir, """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?id (COUNT(DISTINCT ?c) AS ?clauses) WHERE {
          GRAPH ?g { ?d a rg:Document ; dcterms:identifier ?id . ?p rg:inDocument ?d . ?c rg:inParagraph ?p .
                     ?c a rg:Commitment } } GROUP BY ?id""")
    assert {r["id"]: int(r["clauses"]) for r in rows} == CLAUSES
    rows = _select(store_dir, """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?id (COUNT(?p) AS ?n) WHERE { GRAPH ?g { ?d a rg:Document ; dcterms:identifier ?id .
          OPTIONAL { ?p rg:inDocument ?d ; a rg:OperativeParagraph } } } GROUP BY ?id""")
    assert {r["id"]: int(r["n"]) for r in rows} == OPERATIVE


def test_named_graph_per_document_holds_its_clauses(built):
    store_dir, _ = built
    rows = _select(store_dir, f"""
        PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{RESOLUTION_72_149}> {{ ?c a rg:Commitment }} }}""")
    assert int(rows[0]["n"]) == 43
    rows = _select(store_dir, f"""
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX rgv: <https://w3id.org/resograph/verb/>
        SELECT ?c WHERE {{ GRAPH <{RESOLUTION_72_149}> {{
          ?c rg:verb ?v ; rg:inParagraph/rg:number "15" }}
          GRAPH <{ONTOLOGY_IRI}> {{ ?v rg:rank ?r . rgv:calls-upon rg:rank ?min }}  # ranks: the ontology's only
          FILTER(?r >= ?min) }}""")
    assert [r["c"] for r in rows] == [RESOLUTION_72_149 + "/!main~para_15__clause_1"]


def test_rebuild_is_byte_identical_and_skips_unchanged(built, tmp_path, corpus):
    store_dir, _ = built
    fresh = tmp_path / "fresh"
    _build(sorted(corpus.glob("*.txt")), fresh)
    assert _managed_nquads(fresh) == _managed_nquads(store_dir)
    again = _build(sorted(corpus.glob("*.txt")), fresh)
    assert again.built == [] and sorted(again.unchanged) == sorted(CLAUSES)
    assert _managed_nquads(fresh) == _managed_nquads(store_dir)


def test_changing_one_document_replaces_only_its_graph(copy_of):
    store_dir, corpus = copy_of
    before = {line for line in _managed_nquads(store_dir).splitlines()}
    target = corpus / "003_496d2652dca03854.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    report = _build(sorted(corpus.glob("*.txt")), store_dir)
    assert report.built == ["A/RES/62/132"] and len(report.unchanged) == 4
    after = {line for line in _managed_nquads(store_dir).splitlines()}
    changed_graphs = {line.rsplit(b" <", 1)[1] for line in before ^ after}
    resolution_62 = b"http://127.0.0.1:8000/akn/un/statement/resolution/un-ga/2007-12-18/62-132> ."
    meta = str(IRIS.meta_graph()).encode() + b"> ."
    entities = str(IRIS.entities_graph()).encode() + b"> ."
    assert resolution_62 in changed_graphs and changed_graphs <= {resolution_62, meta, entities}


def test_removing_a_document_removes_its_graph_and_keeps_foreign_graphs(copy_of, built):
    store_dir, corpus = copy_of
    with stores.writable(store_dir) as store:  # what `resograph load` does: a graph resograph did not make
        store.add(ox.Quad(ox.NamedNode(FOREIGN), ox.NamedNode(FOREIGN + "#p"), ox.Literal("kept"), ox.NamedNode(FOREIGN)))
        del store  # no reference may outlive the block: the generation must be closed before it goes live
    (corpus / "001_9e46d609c8614198.txt").unlink()
    report = _build(sorted(corpus.glob("*.txt")), store_dir)
    assert report.removed == ["A/RES/72/149"] and report.documents == 4
    graphs = {row["g"] for row in _select(store_dir, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert RESOLUTION_72_149 not in graphs and FOREIGN in graphs
    log = _select(store_dir, f"SELECT ?a WHERE {{ GRAPH <{IRIS.build_log_graph()}> {{ ?a ?p ?o }} }}")
    assert len({r["a"] for r in log}) == 4
    # an entity only the removed document referenced leaves the entities graph; the others stay
    assert _entities(store_dir) == _referenced_entities(store_dir)
    gone = _referenced_entities(built[0]) - _referenced_entities(store_dir)
    assert gone and not gone & _entities(store_dir)


def _entities(store_dir: Path) -> set[str]:
    """The entities the entities graph describes."""
    return {r["e"] for r in _select(store_dir, f"SELECT DISTINCT ?e WHERE {{ GRAPH <{IRIS.entities_graph()}> {{ ?e ?p ?o }} }}")}


def _referenced_entities(store_dir: Path) -> set[str]:
    """The entities described anywhere that some document graph references."""
    return {r["e"] for r in _select(store_dir, f"""
        PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT DISTINCT ?e WHERE {{ GRAPH <{IRIS.entities_graph()}> {{ ?e a ?t }}
                                   GRAPH ?g {{ ?d a rg:Document . ?s ?p ?e }} }}""")}


def test_a_build_killed_midway_leaves_the_store_intact(copy_of, monkeypatch):
    store_dir, corpus = copy_of
    before = stores.open_store(store_dir).dump(format=ox.RdfFormat.N_QUADS)
    live = stores.current_generation(store_dir)
    (corpus / "004_eabafd3cc1ba8bf1.txt").unlink()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(registry, "write_meta", killed)
    with pytest.raises(KeyboardInterrupt):
        _build(sorted(corpus.glob("*.txt")), store_dir)
    assert stores.current_generation(store_dir) == live
    assert stores.open_store(store_dir).dump(format=ox.RdfFormat.N_QUADS) == before
    monkeypatch.undo()
    report = _build(sorted(corpus.glob("*.txt")), store_dir)
    assert report.removed == ["A/RES/66/128"] and report.documents == 4
    assert len(list(store_dir.glob("gen-*"))) == 2  # the new live one and the previous; leftovers are cleared


def test_a_shacl_violation_stops_that_document_only(tmp_path, corpus):
    def unknown_verb(docs):
        for doc, commitments in gold_extractor(docs):
            for c in commitments:
                if doc.id == "A/RES/66/128" and (c.paragraph, c.clause) == ("4", 1):
                    c.verb = "welcomes warmly"  # not a concept of the ontology's verb scheme
            yield doc, commitments

    store_dir = tmp_path / "store"
    two = [corpus / "001_9e46d609c8614198.txt", corpus / "004_eabafd3cc1ba8bf1.txt"]
    report = _build(two, store_dir, extractor=unknown_verb)
    assert not report.ok and list(report.violations) == ["A/RES/66/128"]
    assert report.documents == 1 and report.built == ["A/RES/72/149"]
    lines = [v.line() for v in report.violations["A/RES/66/128"]]
    assert lines == ["document A/RES/66/128, paragraph 4: rgsh:CommitmentVerb [rg:verb]: a clause has exactly one "
                     "operative verb concept (whose rank rgsh:VerbRank checks) (value "
                     "https://w3id.org/resograph/verb/welcomes-warmly) at <" + RESOLUTION_66_128
                     + "/!main~para_4__clause_1>"], lines
    ids = {r["id"] for r in _select(store_dir, "PREFIX dcterms: <http://purl.org/dc/terms/> "
                                               "SELECT ?id WHERE { GRAPH ?g { ?d dcterms:identifier ?id } }")}
    assert "A/RES/66/128" not in ids and "A/RES/72/149" in ids


def test_an_unreadable_file_is_one_line_and_the_rest_are_built(tmp_path, corpus):
    bad = tmp_path / "folder.txt"
    bad.mkdir()
    missing = tmp_path / "missing.txt"
    store_dir = tmp_path / "store"
    report = _build([corpus / "003_496d2652dca03854.txt", bad, missing], store_dir)
    assert report.documents == 1 and report.built == ["A/RES/62/132"] and not report.ok
    assert len(report.errors) == 2
    assert all("\n" not in e for e in report.errors)
    assert sorted(report.errors) == sorted([f"{bad}: cannot read: Is a directory",
                                            f"{missing}: cannot read: No such file or directory"])


def test_no_triple_is_stored_in_two_managed_graphs(built):
    """The union default graph does not deduplicate: a triple in two graphs doubles every join on it."""
    store_dir, _ = built
    graphs_of: dict[bytes, set[bytes]] = {}
    for line in _managed_nquads(store_dir).splitlines():
        triple, graph = line.rsplit(b" <", 1)
        graphs_of.setdefault(triple, set()).add(graph)
    repeated = {t: g for t, g in graphs_of.items() if len(g) > 1}
    assert not repeated, list(repeated.items())[:5]
    entities = str(IRIS.entities_graph()).encode() + b"> ."
    assert sum(1 for g in graphs_of.values() if g == {entities}) == 100  # the shared descriptions, once


def test_dumps_parse_back_isomorphic_to_the_store(built, tmp_path):
    store_dir, _ = built
    store = stores.open_store(store_dir)
    written = dump_store(store, IRIS, tmp_path / "dumps")
    assert sorted(written) == sorted([NQUADS, TURTLE, JSONLD] + [f"documents/{n}.jsonld" for n in (
        "a-78-292", "a-c-3-80-draft-2025-10-21", "a-res-62-132", "a-res-66-128", "a-res-72-149")])
    names = sorted(registry.managed_graphs(store, IRIS))
    assert written[NQUADS].read_bytes() == canonical_nquads(store, names)  # the store's quads, byte for byte
    nq = read_dump(written[NQUADS])
    whole = {(s, p, o, getattr(g, 'identifier', g)) for s, p, o, g in nq.quads()}
    assert len(whole) == len(canonical_nquads(store, names).splitlines()) > 13000
    assert {str(g) for *_, g in whole} == set(names)
    ttl = read_dump(written[TURTLE])
    assert set(ttl.triples((None, None, None))) == {(s, p, o) for s, p, o, _ in whole}
    jsonld = read_dump(written[JSONLD])
    assert {(s, p, o, getattr(g, 'identifier', g)) for s, p, o, g in jsonld.quads()} == whole
    # a document's own file: its graph plus the descriptions of the entities it references, nothing else
    one = set(read_dump(written["documents/a-res-72-149.jsonld"]).triples((None, None, None)))
    own = {(s, p, o) for s, p, o, g in whole if str(g) == RESOLUTION_72_149}
    described = {(s, p, o) for s, p, o, g in whole if g == IRIS.entities_graph()}
    referenced = {o for _, _, o in own}
    assert one == own | {t for t in described if t[0] in referenced}
    assert one - own and described - one  # some descriptions are included, not those of other documents' entities


def test_another_base_iri_moves_every_data_iri(tmp_path, corpus):
    store_dir = tmp_path / "store"
    report = build_store([corpus / "003_496d2652dca03854.txt"], store_dir, "https://example.org/kg",
                         load_default_catalogue(), extractor=gold_extractor)
    assert report.ok
    graphs = {r["g"] for r in _select(store_dir, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert "https://example.org/kg/akn/un/statement/resolution/un-ga/2007-12-18/62-132" in graphs
    subjects = {r["s"] for r in _select(store_dir, "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")}
    data = {s for s in subjects if not s.startswith(("https://w3id.org/resograph/", "http://www.w3.org/"))}
    assert data and all(s.startswith("https://example.org/kg/") for s in data)


def test_parallel_jobs_build_the_same_graphs(tmp_path, corpus, built):
    store_dir = tmp_path / "store"
    report = _build(sorted(corpus.glob("*.txt")), store_dir, jobs=2)
    assert report.ok and sorted(report.built) == sorted(CLAUSES) and report.clauses == 167
    assert _managed_nquads(store_dir) == _managed_nquads(built[0])
