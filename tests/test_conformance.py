"""The W3C SPARQL 1.1 Protocol test suite, run against a real `resograph serve`.

The manifest (../shared/conformance/sparql11-protocol/manifest.ttl) lists each
test's HTTP requests and expected responses. Its data files are loaded with
`resograph load` as the named graphs the tests name (data0.rdf is referenced
but absent on purpose: an unknown protocol graph is an empty graph). Every
query and bad-request test must pass as written. Update tests must get the
read-only refusal: their update requests go to /update (and, as written, to
/sparql), must get a 4xx, and the store must be unchanged afterwards.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, RDF, RDFS
from rdflib.collection import Collection

from conftest import SHARED, run_resograph, start_server

SUITE = SHARED / "conformance" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"

if not MANIFEST.exists():
    pytest.skip(f"W3C protocol suite not found at {SUITE} (../shared is absent): conformance not run", allow_module_level=True)

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

EXPECTED_MEDIA = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}


def _manifest() -> Graph:
    graph = Graph()
    graph.parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    return graph


GRAPH = _manifest()
TESTS = list(Collection(GRAPH, GRAPH.value(GRAPH.value(predicate=RDF.type, object=MF.Manifest, any=False), MF.entries)))


def _requests(test) -> list:
    action = GRAPH.value(test, MF.action)
    return list(Collection(GRAPH, GRAPH.value(action, HT.requests)))


def _headers(request) -> dict[str, str]:
    node = GRAPH.value(request, HT.headers)
    if node is None:
        return {}
    return {str(GRAPH.value(h, HT.fieldName)): str(GRAPH.value(h, HT.fieldValue)) for h in Collection(GRAPH, node)}


def _body(request) -> bytes | None:
    node = GRAPH.value(request, HT.body)
    if node is None:
        return None
    encoding = str(GRAPH.value(node, CNT.characterEncoding) or "UTF-8")
    return str(GRAPH.value(node, CNT.chars)).encode(encoding.lower())


def _is_update(request) -> bool:
    headers = {k.lower(): v for k, v in _headers(request).items()}
    body = _body(request) or b""
    path = str(GRAPH.value(request, HT.absolutePath))
    return (
        headers.get("content-type", "").startswith("application/sparql-update")
        or body.startswith(b"update=")
        or "update=" in path
        or "using-graph-uri" in path
        or "using-named-graph-uri" in path
    )


def _status_classes(response_node) -> set[str]:
    return {str(code).rsplit("#StatusCode", 1)[1][0] for code in GRAPH.objects(response_node, MF.expectedStatus)}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("conformance") / "store"
    data = {}
    for graph_data in GRAPH.objects(None, UT.graphData):
        data[str(GRAPH.value(graph_data, RDFS.label))] = Path(url2pathname(urlsplit(str(GRAPH.value(graph_data, UT.graph))).path))
    assert sorted(data) == [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
    for iri, path in sorted(data.items()):
        run_resograph("load", path, "--graph", iri, "--store", store)
    server = start_server(store, "--workers", "2", log_dir=store.parent)
    yield server
    server.stop()


def _send(server, request, path_prefix: str) -> httpx.Response:
    path = str(GRAPH.value(request, HT.absolutePath)).replace("/sparql/", path_prefix, 1)
    return httpx.request(str(GRAPH.value(request, HT.methodName)), server.url(path), headers=_headers(request),
                         content=_body(request), timeout=30)


def _check_response(response: httpx.Response, expected, label: str) -> None:
    statuses = _status_classes(expected)
    assert str(response.status_code)[0] in statuses, f"{label}: status {response.status_code}, expected {statuses}xx: {response.text[:300]}"
    expected_format = GRAPH.value(expected, MF.expectedFormat)
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if expected_format is not None:
        assert media in EXPECTED_MEDIA[str(expected_format)], f"{label}: content type {media}"
        if str(expected_format) == "tabular":
            assert [s["value"].value for s in ox.parse_query_results(response.content, ox.QueryResultsFormat.from_media_type(media))] == ["1"]
        if str(expected_format) == "RDF":
            list(ox.parse(response.content, ox.RdfFormat.from_media_type(media), base_iri="http://www.example/"))
    expected_boolean = GRAPH.value(expected, MF.expectedBoolean)
    if expected_boolean is not None:
        answer = ox.parse_query_results(response.content, ox.QueryResultsFormat.from_media_type(media))
        assert bool(answer) is expected_boolean.toPython(), f"{label}: ASK answered {bool(answer)}"


STORE_FINGERPRINT = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"


@pytest.mark.parametrize("test", TESTS, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_protocol(server, test):
    name = str(test).rsplit("#", 1)[1]
    requests = _requests(test)
    if any(_is_update(r) for r in requests):
        before = httpx.get(server.url("/sparql"), params={"query": STORE_FINGERPRINT}).content
        assert before.count(b"kasei.us/2009/09/sparql/data/data") == 6  # 3 graphs, each naming itself
        for request in requests:
            if not _is_update(request):
                continue  # the follow-up ASK checks an update's effect, which a read-only store must not have
            for prefix in ("/update", "/sparql"):
                response = _send(server, request, prefix)
                assert 400 <= response.status_code < 500, f"{name} via {prefix}: {response.status_code}"
        assert httpx.get(server.url("/sparql"), params={"query": STORE_FINGERPRINT}).content == before
        return
    for request in requests:
        _check_response(_send(server, request, "/sparql"), GRAPH.value(request, HT.resp), name)


def test_the_suite_has_its_34_tests():
    assert len(TESTS) == 34
