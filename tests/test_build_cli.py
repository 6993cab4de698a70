"""`resograph build` and `resograph validate` as a user runs them, on the bundled sample with the real extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from resograph import cli
from resograph.extract import extract_documents
from resograph.graph import pipeline
from resograph.graph import store as stores
from resograph.graph.namespaces import RG
from resograph.read import load_default_catalogue, read_many
from resograph.sample import sample_files

OPERATIVE = {"A/C.3/80/draft-2025-10-21": 50, "A/RES/72/149": 38, "A/78/292": 0, "A/RES/62/132": 18, "A/RES/66/128": 22}


def _select(store_dir: Path, query: str) -> list[dict]:
    solutions = stores.open_store(store_dir).query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


@pytest.fixture(scope="module")
def records():
    """What the extractor finds in the sample (extracted once): clauses and evidence per document id."""
    docs = [doc for _, doc in read_many(sample_files(), load_default_catalogue())]
    found = {}
    for doc, commitments in extract_documents(docs):
        found[doc.id] = (sum(1 for c in commitments if c.section != "evidence"),
                         sum(1 for c in commitments if c.section == "evidence"))
    return found


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """RESOGRAPH_HOME after `resograph build` with no arguments, and what the command printed."""
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("RESOGRAPH_HOME", str(home))
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(["build"])
    mp.undo()
    return home, status, err.getvalue()


def test_build_the_sample(home, records):
    home, status, err = home
    assert status == 0, err
    store_dir = home / "store"
    assert stores.exists(store_dir)
    assert err.strip().splitlines()[-1].startswith("summary: 5 documents (5 built, 0 unchanged, 0 removed), "
                                                   f"{sum(c for c, _ in records.values())} clauses built, ")
    graphs = {r["g"] for r in _select(store_dir, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert len(graphs) == 9  # 5 documents, the entities, the ontology, the meta graph, the build log
    rows = _select(store_dir, """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?id (COUNT(DISTINCT ?op) AS ?ops) (COUNT(DISTINCT ?c) AS ?clauses) (COUNT(DISTINCT ?e) AS ?evidence)
        WHERE { GRAPH ?g { ?d a rg:Document ; dcterms:identifier ?id .
          OPTIONAL { ?op rg:inDocument ?d ; a rg:OperativeParagraph }
          OPTIONAL { ?c a rg:Commitment ; rg:inParagraph/rg:inDocument ?d }
          OPTIONAL { ?e a rg:Evidence ; rg:inParagraph/rg:inDocument ?d } } } GROUP BY ?id""")
    assert {r["id"]: int(r["ops"]) for r in rows} == OPERATIVE
    assert {r["id"]: (int(r["clauses"]), int(r["evidence"])) for r in rows} == records
    assert records["A/78/292"][1] > 0  # the report's State lists became evidence
    dumps = home / "dumps"
    assert sorted(p.name for p in dumps.iterdir()) == ["documents", "graph.jsonld", "graph.nq", "graph.ttl"]
    assert len(list((dumps / "documents").glob("*.jsonld"))) == 5


def test_rebuild_skips_unchanged_and_a_fresh_build_gives_the_same_bytes(home, monkeypatch, capsys, tmp_path):
    home, _, _ = home
    before = (home / "dumps" / "graph.nq").read_bytes()
    monkeypatch.setenv("RESOGRAPH_HOME", str(home))
    assert cli.main(["build"]) == 0
    assert "summary: 5 documents (0 built, 5 unchanged, 0 removed), 0 clauses built" in capsys.readouterr().err
    assert (home / "dumps" / "graph.nq").read_bytes() == before
    catalogue = str(load_default_catalogue().path)
    assert cli.main(["build", *map(str, sample_files()), "--catalogue", catalogue, "--store", str(tmp_path / "store"),
                     "--dump", str(tmp_path / "dumps")]) == 0
    assert (tmp_path / "dumps" / "graph.nq").read_bytes() == before


def test_validate_the_store_and_a_dump(home, monkeypatch, capsys):
    home, _, _ = home
    monkeypatch.setenv("RESOGRAPH_HOME", str(home))
    assert cli.main(["validate"]) == 0
    assert capsys.readouterr().err.strip().endswith(": 7 graphs conform")  # 5 documents, the entities, the meta graph
    assert cli.main(["validate", str(home / "dumps" / "documents" / "a-res-62-132.jsonld")]) == 0
    assert capsys.readouterr().err.strip().endswith(": 1 graphs conform")


def _drop_source_length(node):
    """The JSON-LD tree without the document's source length."""
    if isinstance(node, dict):
        return {k: _drop_source_length(v) for k, v in node.items() if k != "sourceLength" or "@id" in v}
    if isinstance(node, list):
        return [_drop_source_length(v) for v in node]
    return node


def test_validate_reports_a_broken_dump(home, tmp_path, capsys):
    home, _, _ = home
    doc = json.loads((home / "dumps" / "documents" / "a-res-62-132.jsonld").read_text(encoding="utf-8"))
    broken = _drop_source_length(doc)
    assert broken != doc and broken["@context"] == doc["@context"]
    (tmp_path / "broken.jsonld").write_text(json.dumps(broken), encoding="utf-8")
    assert cli.main(["validate", str(tmp_path / "broken.jsonld")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "document A/RES/62/132: rgsh:DocumentSourceLength [rg:sourceLength]: a document records its source length "
        "(one non-negative xsd:integer) at <http://127.0.0.1:8000/akn/un/statement/resolution/un-ga/2007-12-18/62-132>"]
    assert err.strip().endswith("1 violations in 1 of 1 graphs")


def test_validate_unparsable_file_is_one_line(tmp_path, capsys):
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path / "bad.ttl")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"resograph validate: {tmp_path / 'bad.ttl'}: cannot parse")


def test_build_reports_violations_and_unreadable_files_and_loads_the_rest(tmp_path, monkeypatch, capsys):
    real = pipeline.build_graphs

    def with_a_bad_date(doc, commitments, iris, key):
        graph, described = real(doc, commitments, iris, key)
        if doc.id == "A/RES/62/132":
            graph.set((URIRef(graph.identifier), RG.dateAdopted, Literal("18 December 2007")))
        return graph, described

    monkeypatch.setattr(pipeline, "build_graphs", with_a_bad_date)
    files = [f for f in sample_files() if f.name.startswith(("003", "004"))]
    missing = tmp_path / "missing.txt"
    status = cli.main(["build", *map(str, files), str(missing), "--store", str(tmp_path / "store"),
                       "--catalogue", str(load_default_catalogue().path), "--dump", str(tmp_path / "dumps")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{missing}: cannot read: No such file or directory" in err.splitlines()
    assert "A/RES/62/132: SHACL violations, document not loaded:" in err
    assert ("document A/RES/62/132: rgsh:DocumentAdopted [rg:dateAdopted]: the adoption date is at most one valid "
            "xsd:date (value 18 December 2007)") in err
    assert "summary: 1 documents (1 built, 0 unchanged, 0 removed)" in err
    ids = {r["id"] for r in _select(tmp_path / "store", "PREFIX dcterms: <http://purl.org/dc/terms/> "
                                                        "SELECT ?id WHERE { GRAPH ?g { ?d dcterms:identifier ?id } }")}
    assert "A/RES/66/128" in ids and "A/RES/62/132" not in ids
    assert json.loads((tmp_path / "dumps" / "documents" / "a-res-66-128.jsonld").read_text())["@context"]["rg"] == str(RG)


def test_build_with_a_bad_catalogue_is_one_line(tmp_path, capsys):
    assert cli.main(["build", str(sample_files()[0]), "--catalogue", str(tmp_path / "nope.tsv"),
                     "--store", str(tmp_path / "store")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.tsv" in err


def test_other_organs_and_decisions_get_their_classes_iris_and_issuing_body(tmp_path, capsys):
    fixtures = Path(__file__).parent / "fixtures" / "read"
    files = [fixtures / name for name in ("ecosoc.txt", "hrc.txt", "ga_decision.txt")]
    assert cli.main(["build", *map(str, files), "--store", str(tmp_path / "store")]) == 0, \
        capsys.readouterr().err
    rows = _select(tmp_path / "store", """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?d ?id ?class ?body ?body_label ?body_class ?clause_body WHERE {
          ?d a rg:Document, ?class ; dcterms:identifier ?id ; rg:issuingBody ?body .
          ?class rdfs:subClassOf rg:Document .
          ?body skos:prefLabel ?body_label ; a ?body_class .
          OPTIONAL { ?c rg:inParagraph/rg:inDocument ?d ; rg:issuingBody ?clause_body } }""")
    base = "http://127.0.0.1:8000/"
    found = {r["id"]: (r["d"][len(base):], r["class"].split("#")[1], r["body"][len(base):], r["body_label"],
                       r["body_class"].split("#")[1]) for r in rows}
    assert found == {
        "E/RES/2024/15": ("akn/un/statement/resolution/un-ecosoc/2024-07-23/2024-15", "Resolution",
                          "actor/economic-and-social-council", "Economic and Social Council", "UNPrincipalOrgan"),
        "A/HRC/RES/52/1": ("akn/un/statement/resolution/un-hrc/2023-04-03/52-1", "Resolution",
                           "actor/human-rights-council", "Human Rights Council", "UNEntity"),
        "A/DEC/79/555": ("akn/un/statement/decision/un-ga/2024-12-24/79-555", "Decision",
                         "actor/general-assembly", "General Assembly", "UNPrincipalOrgan"),
    }
    # every clause speaks with its document's organ
    assert all(r["clause_body"] == r["body"] for r in rows if "clause_body" in r)
    assert {r["id"] for r in rows if "clause_body" in r} >= {"E/RES/2024/15", "A/HRC/RES/52/1"}
