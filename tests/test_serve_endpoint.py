"""The SPARQL endpoint over HTTP, against a real `resograph serve` process."""

from __future__ import annotations

import http.server
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from conftest import run_resograph, start_server

EX = "http://example.org/"
G1, G2, BIG = f"{EX}graph/one", f"{EX}graph/two", f"{EX}graph/big"
BIG_SIZE = 3000
MAX_ROWS = 500
MAX_BODY = 4096
TIMEOUT = 2
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("endpoint")
    (folder / "one.ttl").write_text(f'@prefix ex: <{EX}> .\nex:alice a ex:Person ; ex:name "Alice" .\n')
    (folder / "two.ttl").write_text(f'@prefix ex: <{EX}> .\nex:bob a ex:Person ; ex:name "Bob"@en .\n')
    (folder / "big.nt").write_text("".join(f"<{EX}item/{i}> <{EX}rank> \"{i}\" .\n" for i in range(BIG_SIZE)))
    store = folder / "store"
    for name, graph in (("one.ttl", G1), ("two.ttl", G2), ("big.nt", BIG)):
        run_resograph("load", folder / name, "--graph", graph, "--store", store)
    server = start_server(store, "--workers", "2", "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                          "--max-body", str(MAX_BODY), log_dir=folder)
    yield server
    server.stop()


def get(server, query: str, **params) -> httpx.Response:
    headers = params.pop("headers", {})
    return httpx.get(server.url("/sparql"), params={"query": query, **params}, headers=headers, timeout=30)


def names(response: httpx.Response) -> list[str]:
    results = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
    return sorted(solution["name"].value for solution in results)


PEOPLE = f"SELECT ?name WHERE {{ ?p a <{EX}Person> ; <{EX}name> ?name }}"


# --- the protocol -----------------------------------------------------------------------------

def test_get_post_form_and_post_direct_give_the_same_answer(server):
    by_get = get(server, PEOPLE)
    by_form = httpx.post(server.url("/sparql"), data={"query": PEOPLE})
    by_direct = httpx.post(server.url("/sparql"), content=PEOPLE, headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_direct):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert names(response) == ["Alice", "Bob"]  # the default graph is the union of all graphs


def test_default_graph_uri_is_honoured_over_the_union(server):
    assert names(get(server, PEOPLE, **{"default-graph-uri": G1})) == ["Alice"]
    both = httpx.get(server.url("/sparql"), params=[("query", PEOPLE), ("default-graph-uri", G1), ("default-graph-uri", G2)])
    assert names(both) == ["Alice", "Bob"]
    # a protocol dataset has only the named graphs it names
    graphs = get(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": G2})
    assert [s["g"].value for s in ox.parse_query_results(graphs.content, ox.QueryResultsFormat.JSON)] == [G2]


def test_from_in_the_query_replaces_the_union(server):
    assert names(get(server, f"SELECT ?name FROM <{G2}> WHERE {{ ?p <{EX}name> ?name }}")) == ["Bob"]
    # the protocol's dataset overrides the query's
    assert names(get(server, f"SELECT ?name FROM <{G2}> WHERE {{ ?p <{EX}name> ?name }}", **{"default-graph-uri": G1})) == ["Alice"]


@pytest.mark.parametrize("accept, media_type, first_line", [
    ("application/sparql-results+json", "application/sparql-results+json", b'{"head":{"vars":["name"]}'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b'<?xml version="1.0"?>'),
    ("text/csv", "text/csv; charset=utf-8", b"name\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", b"?name\n"),
    ("text/html;q=0.9, text/csv;q=0.5, */*;q=0.1", "text/csv; charset=utf-8", b"name\r\n"),
])
def test_select_results_by_accept_header(server, accept, media_type, first_line):
    response = get(server, PEOPLE + " ORDER BY ?name", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.content.startswith(first_line)
    assert b"Alice" in response.content and b"Bob" in response.content


GRAPH_QUERY = f"CONSTRUCT {{ ?p <{EX}name> ?name }} WHERE {{ ?p <{EX}name> ?name }}"


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_graph_results_by_accept_header(server, accept, fmt):
    response = get(server, GRAPH_QUERY, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    triples = {(str(q.subject), str(q.object)) for q in ox.parse(response.content, fmt)}
    assert triples == {(f"<{EX}alice>", '"Alice"'), (f"<{EX}bob>", '"Bob"@en')}


@pytest.mark.parametrize("query, fmt, media_type", [
    (PEOPLE, "csv", "text/csv"),
    (PEOPLE, "xml", "application/sparql-results+xml"),
    (GRAPH_QUERY, "jsonld", "application/ld+json"),
    (GRAPH_QUERY, "ntriples", "application/n-triples"),
    (f"DESCRIBE <{EX}alice>", "turtle", "text/turtle"),
    ("ASK { ?s ?p ?o }", "xml", "application/sparql-results+xml"),
])
def test_format_parameter_wins_over_accept(server, query, fmt, media_type):
    response = get(server, query, format=fmt, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type


def test_ask_answers_a_boolean(server):
    response = get(server, f"ASK {{ <{EX}alice> a <{EX}Person> }}")
    assert response.json() == {"head": {}, "boolean": True}


def test_unoffered_formats_get_406(server):
    assert get(server, PEOPLE, headers={"Accept": "image/png"}).status_code == 406
    response = get(server, GRAPH_QUERY, format="csv")
    assert response.status_code == 406
    assert "turtle" in response.text


def test_service_description_without_a_query(server):
    response = httpx.get(server.url("/sparql"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(response.content, ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = ox.NamedNode(server.url("/sparql"))
    assert ox.Triple(endpoint, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")) in [q.triple for q in triples]
    assert ox.Triple(endpoint, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")) in [q.triple for q in triples]
    browser = httpx.get(server.url("/sparql"), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 303 and browser.headers["location"] == server.url("/")


# --- refusals ----------------------------------------------------------------------------------

FINGERPRINT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count_quads(server) -> int:
    return int(get(server, FINGERPRINT, format="json").json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("send", [
    lambda s: get(s, f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}x> <{EX}y> <{EX}z> }} }}"),
    lambda s: get(s, f"DELETE WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"),
    lambda s: get(s, "LOAD <file:///etc/passwd>"),
    lambda s: get(s, "CLEAR ALL"),
    lambda s: httpx.post(s.url("/sparql"), data={"update": "CLEAR ALL"}),
    lambda s: httpx.post(s.url("/sparql"), content="DROP ALL", headers={"Content-Type": "application/sparql-update"}),
    lambda s: httpx.post(s.url("/update"), content="DROP ALL", headers={"Content-Type": "application/sparql-update"}),
    lambda s: httpx.get(s.url("/update"), params={"update": "CLEAR ALL"}),
], ids=["insert", "delete", "load", "clear", "form-update", "direct-update", "update-endpoint", "get-update"])
def test_updates_are_refused_and_change_nothing(server, send):
    before = count_quads(server)
    response = send(server)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert count_quads(server) == before == 4 + BIG_SIZE


class _Listener:
    """A local HTTP server that records every request: proof that nothing was fetched."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.end_headers()
                self.wfile.write(b"<http://e/s> <http://e/p> <http://e/o> .")

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture
def listener():
    listener = _Listener()
    yield listener
    listener.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX remote: <{url}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
    "PREFIX : <{url}> SELECT * WHERE {{ ?a ?b ?c . SERVICE:x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b true SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c FILTER(?c!=5)SERVICE<{url}>{{?s ?p ?o}} }}",
])
def test_service_is_refused_before_anything_is_fetched(server, listener, template):
    response = get(server, template.format(url=listener.url))
    assert response.status_code == 403
    assert "SERVICE is refused" in response.text
    assert listener.hits == []


@pytest.mark.parametrize("template", [
    "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <http://example.org/x> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "PREFIX here: <{url}> CONSTRUCT {{ ?s ?p ?o }} FROM here:data.ttl WHERE {{ ?s ?p ?o }}",
    "BASE <{url}> ASK FROM <data.ttl> {{ }}",
])
def test_from_a_graph_outside_the_store_is_refused(server, listener, template):
    response = get(server, template.format(url=listener.url))
    assert response.status_code == 403, response.text
    assert "not in this store" in response.text
    assert listener.hits == []


def test_strings_comments_and_names_that_mention_service_are_fine(server):
    query = f'''PREFIX ex: <{EX}>
    # a SERVICE call would be refused; this is only a comment
    SELECT ?name ?serviceFrom WHERE {{ ?p ex:name ?name FILTER(?name != "SERVICE <http://x/> FROM") OPTIONAL {{ ?p ex:serviceFrom ?serviceFrom }} }}'''
    assert names(get(server, query)) == ["Alice", "Bob"]


def test_malformed_queries_get_400_with_the_parser_message(server):
    response = get(server, "SELECT ?x WHERE { ?x ?y }")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: error at 1:")
    assert "Traceback" not in response.text
    assert get(server, "HELLO").status_code == 400
    assert httpx.get(server.url("/sparql"), params=[("query", "ASK {}"), ("query", "ASK {}")]).status_code == 400
    assert httpx.post(server.url("/sparql"), content="ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415


def test_request_body_over_the_cap_gets_413(server):
    padding = "#" + "x" * MAX_BODY + "\n"
    response = httpx.post(server.url("/sparql"), content=padding + "ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    small = httpx.post(server.url("/sparql"), content="#x\nASK {}", headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200


def test_results_over_the_row_cap_are_refused_not_truncated(server):
    response = get(server, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 400
    assert f"more than {MAX_ROWS} rows" in response.text
    limited = get(server, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} LIMIT {MAX_ROWS}", format="csv")
    assert limited.status_code == 200
    assert limited.text.count("\r\n") == MAX_ROWS + 1
    construct = get(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
    assert construct.status_code == 400 and f"more than {MAX_ROWS} triples" in construct.text


def test_cors_headers_for_browser_clients(server):
    response = get(server, "ASK {}", headers={"Origin": "https://example.net"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(server.url("/sparql"), headers={
        "Origin": "https://example.net", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_other_methods_get_405(server):
    assert httpx.put(server.url("/sparql"), params={"query": "ASK {}"}).status_code == 405


# --- time-out and load ------------------------------------------------------------------------

def worker_pids(server) -> set[int]:
    children = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == server.process.pid:
                children.add(int(entry.name))
    return children


def test_an_expensive_query_is_stopped_while_others_still_get_answers(server):
    workers_before = worker_pids(server)
    assert len(workers_before) == 2
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        slow = pool.submit(get, server, EXPENSIVE)
        time.sleep(0.3)
        while not slow.done():  # the other worker keeps answering meanwhile
            assert names(get(server, PEOPLE)) == ["Alice", "Bob"]
        response = slow.result()
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert f"time limit of {TIMEOUT} s" in response.text
    assert TIMEOUT <= elapsed < TIMEOUT + 10  # stopped at the limit, not after the query would have ended
    killed = workers_before - worker_pids(server)
    assert len(killed) == 1  # the busy worker was killed, not left running
    deadline = time.monotonic() + 20
    while len(worker_pids(server)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(worker_pids(server)) == 2  # and replaced
    for _ in range(4):
        assert names(get(server, PEOPLE)) == ["Alice", "Bob"]


def test_sixteen_concurrent_clients_get_no_error(server):
    queries = [PEOPLE, f"ASK {{ <{EX}alice> a <{EX}Person> }}", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"]

    def client(number: int) -> list[tuple[int, bytes]]:
        with httpx.Client(timeout=60) as http:
            out = []
            for round_ in range(6):
                query = queries[(number + round_) % len(queries)]
                response = http.post(server.url("/sparql"), data={"query": query}, headers={"Accept": "application/sparql-results+json"})
                out.append((response.status_code, query, response.content))
            return out

    with ThreadPoolExecutor(16) as pool:
        results = [r for batch in pool.map(client, range(16)) for r in batch]
    assert len(results) == 96
    assert {status for status, _, _ in results} == {200}
    for _, query, body in results:
        if query == PEOPLE:
            assert b'"Alice"' in body and b'"Bob"' in body
        elif query.startswith("ASK"):
            assert body == b'{"head":{},"boolean":true}'
        else:
            assert f'"value":"{BIG_SIZE}"'.encode() in body


def test_no_stack_traces_in_any_error(server):
    for response in (get(server, "SELECT * WHERE {"), get(server, "SELECT * { SERVICE <x> {} }"),
                     httpx.post(server.url("/sparql"), content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})):
        assert 400 <= response.status_code < 500
        assert "Traceback" not in response.text and 'File "' not in response.text


def test_data_loaded_while_serving_is_seen_without_a_restart(tmp_path, serve, load_store):
    (tmp_path / "first.ttl").write_text(f"<{EX}a> <{EX}p> 1 .\n")
    (tmp_path / "second.ttl").write_text(f"<{EX}b> <{EX}p> 2 .\n")
    store = load_store(tmp_path / "store", [tmp_path / "first.ttl"], graph=G1)
    live = serve(store, "--workers", "1")
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}"
    assert get(live, count).json()["results"]["bindings"][0]["n"]["value"] == "1"
    load_store(store, [tmp_path / "second.ttl"], graph=G2)
    assert get(live, count).json()["results"]["bindings"][0]["n"]["value"] == "2"


def test_a_worker_that_died_is_replaced_and_no_query_fails(tmp_path, serve, load_store):
    (tmp_path / "one.ttl").write_text(f"<{EX}a> <{EX}p> 1 .\n")
    live = serve(load_store(tmp_path / "store", [tmp_path / "one.ttl"], graph=G1), "--workers", "2")
    victims = worker_pids(live)
    assert len(victims) == 2
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    for _ in range(4):
        assert get(live, "ASK { ?s ?p ?o }").json()["boolean"] is True
    deadline = time.monotonic() + 20
    while len(worker_pids(live)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(worker_pids(live)) == 2 and not worker_pids(live) & victims
