"""The browser page in a real (headless) chromium, against a real `resograph serve`.

The server starts on an empty store, so it first builds the bundled sample
itself (the path a new user takes with `make run`). Chromium runs with every
host but 127.0.0.1 unresolvable: a page that needed a CDN would break.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pyoxigraph as ox
import pytest

from conftest import REPO, start_server
from resograph import config
from resograph.serve.examples import load_examples

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"

if not CHROMIUM.exists():
    message = f"{CHROMIUM} is missing (install it with scripts/ensure-chromium.sh, which `make test` runs)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


def chromium(url: str, tmp_path: Path, *, screenshot: Path | None = None) -> str:
    """Load `url`, let its scripts run, and return the resulting DOM (and save a screenshot if asked)."""
    args = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--virtual-time-budget=15000",
        "--window-size=1280,900",
    ]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    result = subprocess.run(args + [url], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser")
    server = start_server(home / "store", "--workers", "2", log_dir=home, env={"RESOGRAPH_HOME": str(home)}, wait=300)
    yield server
    server.stop()


def test_serve_builds_the_sample_when_there_is_no_store(sample_server):
    assert "building the bundled sample first" in sample_server.log()
    answer = httpx.get(sample_server.url("/sparql"), params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    graphs = int(answer.json()["results"]["bindings"][0]["n"]["value"])
    assert graphs >= 5  # one named graph per sample document, at least


def test_query_page_runs_a_query_and_shows_the_results_table(sample_server, tmp_path):
    query = "SELECT ?document WHERE { ?document a <https://w3id.org/resograph/ontology#Resolution> } ORDER BY ?document"
    expected = [s["document"].value for s in ox.parse_query_results(
        httpx.get(sample_server.url("/sparql"), params={"query": query}).content, ox.QueryResultsFormat.JSON)]
    assert expected
    page = sample_server.url("/?query=" + quote(query))
    dom = chromium(page, tmp_path)
    table = re.search(r"<table[^>]*dataTable.*?</table>", dom, re.S)
    assert table, "no results table in the page"
    assert [iri for iri in expected if iri in table.group(0)] == expected
    assert f"{len(expected)} results" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "query-page.png"
    shot.unlink(missing_ok=True)
    chromium(page, tmp_path, screenshot=shot)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_query_page_offers_the_query_library_as_examples(sample_server, tmp_path):
    dom = chromium(sample_server.url("/"), tmp_path)
    examples = load_examples()
    buttons = re.findall(r'<button type="button" class="example" data-name="([^"]+)">', dom)
    assert buttons == [e.name for e in examples]
    if not examples:
        assert "No library queries are installed yet." in dom
    assert 'class="yasqe' in dom  # the editor was built by the vendored YASGUI


def test_one_resource_page(sample_server, tmp_path):
    query = ("SELECT ?actor WHERE { ?actor a <https://w3id.org/resograph/ontology#UNPrincipalOrgan> "
             f"FILTER(STRSTARTS(STR(?actor), \"{config.DEFAULT_BASE_IRI}\")) }} ORDER BY ?actor LIMIT 1")
    bindings = httpx.get(sample_server.url("/sparql"), params={"query": query}).json()["results"]["bindings"]
    assert bindings, "the sample has no UN principal organ"
    path = urlsplit(bindings[0]["actor"]["value"]).path
    if httpx.get(sample_server.url(path), headers={"Accept": "text/html"}).status_code == 404:
        pytest.skip(f"no resource page is served at {path} yet (resource pages are added on top of this app)")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "resource-page.png"
    shot.unlink(missing_ok=True)
    chromium(sample_server.url(path), tmp_path, screenshot=shot)
    assert shot.stat().st_size > 10_000


def test_examples_come_from_rq_files_with_their_title_header(tmp_path):
    (tmp_path / "b-actors.rq").write_text("# title: Who is asked to act\n# description: x\nSELECT * {}\n")
    (tmp_path / "a-count.rq").write_text("SELECT (COUNT(*) AS ?n) {}\n")
    (tmp_path / "notes.txt").write_text("not a query")
    examples = load_examples(tmp_path)
    assert [(e.name, e.title) for e in examples] == [("a-count", "a-count"), ("b-actors", "Who is asked to act")]
    assert examples[1].query.endswith("SELECT * {}\n")
