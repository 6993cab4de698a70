"""`resograph load`: RDF files into named graphs of the store, bad files reported and skipped."""

from __future__ import annotations

from conftest import run_resograph
from resograph.graph.store import open_store

EX = "http://example.org/"


def graphs_and_counts(store_dir) -> dict[str, int]:
    store = open_store(store_dir)
    return {g.value: len(list(store.quads_for_pattern(None, None, None, g))) for g in store.named_graphs()}


def test_each_format_goes_to_the_named_graph_given_or_its_own(tmp_path):
    (tmp_path / "a.nt").write_text(f"<{EX}a> <{EX}p> \"1\" .\n")
    (tmp_path / "b.ttl").write_text(f"@prefix ex: <{EX}> .\nex:b ex:p 2, 3 .\n")
    (tmp_path / "c.nq").write_text(f"<{EX}c> <{EX}p> \"x\" <{EX}g1> .\n<{EX}c> <{EX}p> \"y\" <{EX}g2> .\n")
    (tmp_path / "d.jsonld").write_text(f'{{"@id": "{EX}d", "{EX}p": "z"}}')
    (tmp_path / "e.rdf").write_text(
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
        f'<rdf:Description rdf:about="{EX}e"><ex:p>w</ex:p></rdf:Description></rdf:RDF>'
    )
    store = tmp_path / "store"
    run_resograph("load", tmp_path / "a.nt", "--graph", f"{EX}given", "--store", store)
    run_resograph("load", tmp_path / "b.ttl", tmp_path / "c.nq", tmp_path / "d.jsonld", tmp_path / "e.rdf", "--store", store)
    assert graphs_and_counts(store) == {
        f"{EX}given": 1,
        (tmp_path / "b.ttl").resolve().as_uri(): 2,
        f"{EX}g1": 1,
        f"{EX}g2": 1,
        (tmp_path / "d.jsonld").resolve().as_uri(): 1,
        (tmp_path / "e.rdf").resolve().as_uri(): 1,
    }


def test_bad_files_are_named_in_one_line_each_and_the_good_ones_still_load(tmp_path):
    (tmp_path / "good.nt").write_text(f"<{EX}a> <{EX}p> \"1\" .\n")
    (tmp_path / "broken.ttl").write_text("this is not turtle\n")
    (tmp_path / "table.csv").write_text("a,b\n")
    store = tmp_path / "store"
    result = run_resograph("load", tmp_path / "broken.ttl", tmp_path / "good.nt", tmp_path / "missing.nq",
                           tmp_path / "table.csv", "--store", store, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "quads from" not in line]
    assert len(errors) == 3, result.stderr
    assert "broken.ttl: not valid Turtle" in errors[0]
    assert "missing.nq: cannot read" in errors[1]
    assert "table.csv: unknown RDF file extension '.csv'" in errors[2]
    assert "Traceback" not in result.stderr
    assert graphs_and_counts(store) == {(tmp_path / "good.nt").resolve().as_uri(): 1}


def test_jsonld_with_a_remote_context_is_refused_not_fetched(tmp_path):
    (tmp_path / "remote.jsonld").write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://a", "name": "x"}')
    result = run_resograph("load", tmp_path / "remote.jsonld", "--store", tmp_path / "store", check=False)
    assert result.returncode == 1
    assert "remote.jsonld: not valid JSON-LD" in result.stderr


def test_loading_adds_to_what_the_store_already_has(tmp_path):
    (tmp_path / "one.nt").write_text(f"<{EX}a> <{EX}p> \"1\" .\n")
    (tmp_path / "two.nt").write_text(f"<{EX}b> <{EX}p> \"2\" .\n")
    store = tmp_path / "store"
    run_resograph("load", tmp_path / "one.nt", "--graph", f"{EX}g", "--store", store)
    run_resograph("load", tmp_path / "two.nt", "--graph", f"{EX}g", "--store", store)
    assert graphs_and_counts(store) == {f"{EX}g": 2}
