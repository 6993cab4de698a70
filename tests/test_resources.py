"""Resource pages and VoID against a real `resograph serve` of the sample built by `resograph build`.

The highlighted clause is A/RES/72/149 para 13 (resograph/sample/001_9e46d609c8614198.txt):
`13. *Urges* Governments to enhance bilateral, ... human rights law, as well as to strengthen efforts
... employment contracts in accordance with applicable laws and regulations, ...`.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser

import httpx
import pytest
from conftest import run_resograph, start_server
from rdflib import Graph, Literal, Namespace, URIRef

from resograph.graph.store import open_store

RG = Namespace("https://w3id.org/resograph/ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")
BASE = "http://127.0.0.1:8000/"
R72 = "akn/un/statement/resolution/un-ga/2017-12-19/72-149"
CLAUSE = f"/{R72}/!main~para_13__clause_1"


@pytest.fixture(scope="module")
def server(sample_store, tmp_path_factory):
    server = start_server(sample_store, "--workers", "2", log_dir=tmp_path_factory.mktemp("resource-logs"))
    yield server
    server.stop()


def get(server, path, **kw):
    return httpx.get(server.url(path), timeout=30, **kw)


class Marks(HTMLParser):
    """The text inside each <mark data-kind=...> of a page, by kind (nested marks count for each)."""

    def __init__(self):
        super().__init__()
        self.open: list[list] = []  # [kind, pieces] per open mark
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append([dict(attrs).get("data-kind"), []])

    def handle_endtag(self, tag):
        if tag == "mark" and self.open:
            kind, pieces = self.open.pop()
            self.found.setdefault(kind, []).append("".join(pieces))

    def handle_data(self, data):
        for _, pieces in self.open:
            pieces.append(data)


def marks(html: str) -> dict[str, list[str]]:
    parser = Marks()
    parser.feed(html)
    return parser.found


def test_clause_page_highlights_verb_actor_obligations_and_hedge(server):
    response = get(server, CLAUSE)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    found = marks(response.text)
    legend = {"verb", "actor", "obligation", "hedge"}  # the legend shows one sample mark of each kind
    assert [t for t in found["verb"] if t not in legend] == ["Urges"]
    assert [t for t in found["actor"] if t not in legend] == ["Governments"]
    obligations = [t for t in found["obligation"] if t not in legend]
    assert obligations[0] == ("enhance bilateral, regional, interregional and international cooperation to address "
                              "violence against women migrant workers, fully respecting international law, including "
                              "international human rights law")
    assert obligations[1].startswith("strengthen efforts to reduce the vulnerability of women migrant workers by "
                                     "promoting decent work, by, *inter alia*, adopting minimum wage policies")
    assert obligations[1].endswith("fostering sustainable development alternatives to migration in countries of origin")
    assert [t for t in found["hedge"] if t not in legend] == ["in accordance with applicable laws and regulations"]
    assert "A/RES/72/149 para. 13, clause 1" in response.text
    assert 'href="/actor/governments"' in response.text and f'href="/{R72}"' in response.text
    assert 'title="verb strength 4 of 6"' in response.text


def test_clause_page_highlights_the_instruments_it_names(server):
    """72/149 para 3: `Invites Member States to consider ratifying ... the Migration for Employment Convention
    (Revised), 1949 (No. 97), ...` (sample file 001); the printed titles are marked and link to the instruments."""
    response = get(server, f"/{R72}/!main~para_3__clause_1")
    named = [t for t in marks(response.text)["instrument"] if t != "instrument"]  # the legend's sample mark
    assert "Domestic Workers Convention, 2011 (No. 189)" in named
    assert "Migration for Employment Convention (Revised), 1949 (No. 97)" in named
    assert len(named) == 9
    assert 'data-kind="instrument" data-target="http://127.0.0.1:8000/instrument/ilo-c189"' in response.text


def test_lettered_items_are_part_of_the_clause_text(server):
    """66/128 para 21: `Encourages concerned Governments ... and: (a) To further study ...` (sample file 004)."""
    found = marks(get(server, "/akn/un/statement/resolution/un-ga/2011-12-19/66-128/!main~para_21__clause_1").text)
    assert "further study the costs of violence against women, including migrant workers, to the women themselves, " \
           "their families and their communities" in found["obligation"]
    assert "wherever possible" in found["hedge"]


@pytest.mark.parametrize("how, media", [
    ({"headers": {"Accept": "text/turtle"}}, "text/turtle"),
    ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json"),
    ({"headers": {"Accept": "text/html;q=0.5, text/turtle"}}, "text/turtle"),
    ({"params": {"format": "jsonld"}}, "application/ld+json"),
    ({"suffix": ".ttl"}, "text/turtle"),
    ({"suffix": ".jsonld"}, "application/ld+json"),
    ({"suffix": ".nt"}, "application/n-triples"),
])
def test_content_negotiation_gives_the_clause_and_its_parts(server, how, media):
    how = dict(how)
    response = get(server, CLAUSE + how.pop("suffix", ""), **how)
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}[media]
    g = Graph().parse(data=response.text, format=fmt)
    clause = URIRef(BASE + CLAUSE[1:])
    assert (clause, RG.verb, URIRef("https://w3id.org/resograph/verb/urges")) in g
    assert (clause, RG.addressee, URIRef(BASE + "actor/governments")) in g
    hedged = {str(o): g.value(o, RG.hedged).toPython() for o in g.objects(clause, RG.obligation)}
    assert hedged == {BASE + CLAUSE[1:] + "__obligation_1": False, BASE + CLAUSE[1:] + "__obligation_2": True}
    quote = URIRef(BASE + CLAUSE[1:] + "__verb_quote")
    assert g.value(quote, URIRef("http://www.w3.org/ns/oa#exact")) == Literal("Urges")


def test_browsers_get_html_and_unknown_formats_406(server):
    assert get(server, "/actor/governments", headers={"Accept": "text/html,*/*;q=0.8"}).headers[
        "content-type"].startswith("text/html")
    response = get(server, "/actor/governments", params={"format": "xml"})
    assert response.status_code == 406 and "turtle" in response.text
    assert get(server, "/actor/governments", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", ["/actor/nobody-at-all", f"/{R72}/!main~para_999", "/instrument/ilo-c999",
                                  "/actor/a%20b", "/akn/un/x%3Cy"])
def test_unknown_iri_is_a_404_page(server, path):
    response = get(server, path)
    assert response.status_code == 404 and "Not found" in response.text
    assert "<y" not in response.text
    rdf = get(server, path, headers={"Accept": "text/turtle"})
    assert rdf.status_code == 404 and rdf.headers["content-type"].startswith("text/plain")


def test_actor_page_lists_commitments_by_strength(server):
    page = get(server, "/actor/secretary-general").text
    assert "Commitments addressed to Secretary-General, strongest first (4)" in page
    for doc in ("A/RES/62/132", "A/RES/66/128", "A/RES/72/149", "A/C.3/80/draft-2025-10-21"):
        assert f">{doc}</a>" in page
    governments = get(server, "/actor/governments").text
    assert "strongest first (73)" in governments
    strengths = [int(s) for s in _strength_cells(governments)]
    assert strengths == sorted(strengths, reverse=True) and strengths[0] == 4 and len(strengths) == 73


def _strength_cells(html: str) -> list[str]:
    import re

    table = html.split('class="resource commitments"')[1].split("</table>")[0]
    return re.findall(r'title="verb strength (\d) of 6"', table)


def test_state_page_lists_reported_measures(server):
    page = get(server, "/actor/state/UKR").text
    assert "Measures reported (5)" in page and "In Ukraine, individuals, including internally displaced persons" in page


def test_instrument_page_lists_who_is_asked(server):
    page = get(server, "/instrument/ilo-c189").text
    asked = page.split('class="resource asked"')[1].split("</table>")[0]
    assert '<a href="/actor/member-states">Member States</a></td><td>2</td>' in asked
    assert '<a href="/actor/states">States</a></td><td>1</td>' in asked
    assert "Clauses citing it (3)" in page


def test_document_and_paragraph_pages(server):
    doc = get(server, f"/{R72}").text
    assert "Clauses (47)" in doc  # 43 operative clauses (as in tests/gold) and 4 directives in preambular paragraphs
    assert f'href="/{R72}/!main~para_13__clause_1"' in doc
    para = get(server, f"/{R72}/!main~para_13").text
    assert f'href="/{R72}/!main~para_13__clause_1">clause 1</a>: urges' in para


def test_void_counts_match_the_store(server, sample_store):
    g = Graph().parse(data=get(server, "/.well-known/void", headers={"Accept": "text/turtle"}).text, format="turtle")
    dataset = URIRef(BASE + "dataset")
    store = open_store(sample_store)

    def count(query: str) -> int:
        return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)

    # the document graphs and the entities graph (the one description of the actors and instruments they name)
    managed = count("SELECT (SUM(?t) AS ?n) WHERE { GRAPH ?m { ?d <http://rdfs.org/ns/void#subset> ?g ."
                    " ?g <http://rdfs.org/ns/void#triples> ?t } }")
    assert g.value(dataset, VOID.triples).toPython() == managed
    partitions = {str(g.value(p, VOID["class"])): g.value(p, VOID.entities).toPython()
                  for p in g.objects(dataset, VOID.classPartition)}
    assert partitions[str(RG.Document)] == 5
    assert partitions[str(RG.Commitment)] == count(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/resograph/ontology#Commitment> }")
    assert partitions[str(RG.Actor)] == count(
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<https://w3id.org/resograph/ontology#Actor> }")
    assert len(list(g.objects(dataset, VOID.rootResource))) == 5
    html = get(server, "/.well-known/void").text
    assert f'data-name="documents">5<' in html and f'href="/{R72}"' in html
    assert '/.well-known/void">Dataset</a>' in get(server, "/").text  # linked from the site's navigation
    assert '/.well-known/void">about this dataset (VoID)</a>' in get(server, CLAUSE).text
    assert json.loads(get(server, "/.well-known/void", params={"format": "jsonld"}).text)
    dataset_ttl = Graph().parse(data=get(server, "/dataset.ttl").text, format="turtle")
    assert (dataset, VOID.uriSpace, Literal(BASE)) in dataset_ttl


def test_text_from_the_graph_is_escaped(sample_store, tmp_path, serve):
    store = tmp_path / "store"
    shutil.copytree(sample_store, store)
    evil = tmp_path / "evil.ttl"
    evil.write_text('<http://127.0.0.1:8000/actor/evil> a <https://w3id.org/resograph/ontology#OtherActor> ;\n'
                    '  <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(2)> ;\n'
                    '  <http://www.w3.org/2004/02/skos/core#prefLabel> "<script>alert(1)</script>" .\n',
                    encoding="utf-8")
    run_resograph("load", evil, "--store", store, "--graph", "http://example.org/evil")
    page = httpx.get(serve(store, "--workers", "1").url("/actor/evil"), timeout=30).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:alert(2)" in page and 'href="javascript:' not in page  # shown, never a link
