"""The query safety check (resograph.serve.guard), on its own and against Oxigraph's own parser.

The parity tests run each query that the check lets through on an in-memory
pyoxigraph store while a local HTTP listener counts requests: whatever
spelling Oxigraph accepts, a SERVICE call must never get past the check.
"""

from __future__ import annotations

import http.server
import threading

import pyoxigraph as ox
import pytest

from resograph.serve.guard import Refusal, inspect, tokenize

BASE = "http://127.0.0.1:8000/sparql"


@pytest.fixture(scope="module")
def tripwire():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", hits
    httpd.shutdown()


# Spellings of a SERVICE call, several of which Oxigraph runs although they look unusual.
SERVICE_SPELLINGS = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ sErViCe SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT*WHERE{{?a ?b ?c.SERVICE<{url}>{{?s ?p ?o}}}}",
    "PREFIX : <{url}> SELECT * WHERE {{ ?a ?b ?c . SERVICE:x {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> SELECT * WHERE {{ ?a ?b ?c . SERVICE r:x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b true SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b trueSERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b 1e5SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c FILTER(?c!=5)SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c FILTER(?c<5)SERVICE<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b 'x' SERVICE<{url}>{{ ?s ?p ?o }} # ' \n}}",
    "PREFIX e: <http://e/> SELECT * WHERE {{ ?a ?b e:it\\'s SERVICE<{url}>{{ ?s ?p ?o }} # ' \n}}",
    "SELECT * WHERE {{ ?a ?b ?c OPTIONAL{{SERVICE<{url}>{{ ?s ?p ?o }}}} }}",
    "ASK {{ ?a ?b ?c . SERVICE ?a {{ ?s ?p ?o }} VALUES ?a {{ <{url}> }} }}",
]


def _store_with_data() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal(True)))
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("x")))
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("100000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))))
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.NamedNode("http://e/it's")))
    return store


@pytest.mark.parametrize("template", SERVICE_SPELLINGS)
def test_every_spelling_of_service_is_refused(template, tripwire):
    url, hits = tripwire
    query = template.format(url=url)
    with pytest.raises(Refusal) as refusal:
        inspect(query, BASE)
    assert refusal.value.status == 403


def test_the_spellings_are_real_service_calls_for_oxigraph(tripwire):
    """Guards the test above: without the check, Oxigraph does call out for most of them."""
    url, hits = tripwire
    store = _store_with_data()
    called = 0
    for template in SERVICE_SPELLINGS:
        before = len(hits)
        try:
            result = store.query(template.format(url=url), use_default_graph_as_union=True)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (OSError, SyntaxError):
            pass
        called += len(hits) > before
    assert called >= 10


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service ?p "SERVICE <http://x/> {}" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:serviceFrom ?o }",
    "SELECT * WHERE { ?s <http://e/SERVICE> ?o FILTER(?o<?s&&?s>?o) }",
    "SELECT * WHERE { ?s ?p '''multi\nline SERVICE \"text\" FROM''' }",
])
def test_service_and_from_inside_strings_iris_comments_and_names_pass(query):
    assert inspect(query, BASE).form == "SELECT"


def test_dataset_clauses_are_resolved_with_prefixes_and_base():
    shape = inspect("BASE <http://h/dir/> PREFIX ex: <http://e/> SELECT * FROM ex:a FROM <b> FROM NAMED <http://e/c> "
                    "FROM NAMED ex:d\\.e WHERE { ?s ?p ?o }", BASE)
    assert shape.default_graphs == ("http://e/a", "http://h/dir/b")
    assert shape.named_graphs == ("http://e/c", "http://e/d.e")
    assert inspect("SELECT*FROM<http://e/\\u0061>{}", BASE).default_graphs == ("http://e/a",)
    assert not inspect("SELECT * { ?s ?p ?o }", BASE).has_dataset


@pytest.mark.parametrize("query", ["SELECT * FROM:x {}", "SELECT * FROM ex:x {}", "SELECT * FROM {}", "PREFIX fromage: <http://f/> SELECT * { ?s fromage:x ?o }"])
def test_dataset_clauses_it_cannot_check_are_refused(query):
    with pytest.raises(Refusal) as refusal:
        inspect(query, BASE)
    assert refusal.value.status == 400


@pytest.mark.parametrize("query, keyword", [
    ("INSERT DATA { <a> <b> <c> }", "INSERT"),
    ("PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("load <file:///etc/passwd>", "LOAD"),
    ("BASE <http://e/> CLEAR ALL", "CLEAR"),
    ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("DROP GRAPH <http://e/g>", "DROP"),
])
def test_updates_are_refused_as_read_only(query, keyword):
    with pytest.raises(Refusal) as refusal:
        inspect(query, BASE)
    assert refusal.value.status == 403
    assert f"({keyword})" in refusal.value.message and "read-only" in refusal.value.message


def test_the_four_query_forms():
    for form in ("SELECT * {}", "ASK {}", "CONSTRUCT {} WHERE {}", "DESCRIBE <http://e/x>"):
        assert inspect("PREFIX e: <http://e/>\n" + form.lower(), BASE).form == form.split()[0]


def test_tokens_of_a_prefixed_name_with_escapes():
    kinds = [(t.kind, t.text) for t in tokenize("?x e:it\\'s 'str' <iri> # note\n 1.5e3 _:b")]
    assert kinds == [("var", "?x"), ("pname", "e:it\\'s"), ("string", "'str'"), ("iri", "<iri>"), ("number", "1.5e3"), ("bnode", "_:b")]
