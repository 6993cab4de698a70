"""Resource pages: every IRI the graph mints under the data's base dereferences here.

`GET /akn/...`, `/actor/...`, `/instrument/...` (and the other minted paths)
answer an HTML page for people, or Turtle / JSON-LD / N-Triples for programs,
chosen by a `.ttl` / `.jsonld` / `.nt` suffix, else `?format=`, else the
Accept header. The IRI of a request is the data's base (the dataset's
`void:uriSpace` in the meta graph) plus the request path, so the pages work
whichever port the server listens on. `/.well-known/void` describes the
dataset (VoID). Every query runs through the endpoint's worker pool, so the
time limit and the read-only store apply to pages too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from resograph.graph.namespaces import DCTERMS, OA, RDF, RG, SKOS, VOID
from resograph.serve import formats
from resograph.serve.execute import QueryJob, Reply
from resograph.serve.templating import templates

# Minted path prefixes (see graph/iris.py); anything else is not a resource of ours.
RESOURCE_PREFIXES = ("akn", "actor", "instrument", "activity", "agent", "graph", "dataset")
SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples"}
HTML = "html"
RDF_FORMATS = {f.name: f for f in formats.family_formats(formats.GRAPH) if f.name in ("turtle", "jsonld", "ntriples")}
# Properties that lead from a node to its own parts (spans, selectors, obligations, addressee and instrument
# mentions): a resource's RDF description is the node and its parts.
PARTS = (f"(<{RG.sourceSpan}>|<{RG.verbSpan}>|<{RG.hedgeSpan}>|<{OA.hasSelector}>|<{RG.obligation}>|<{RG.addressing}>"
         f"|<{RG.citing}>)*")
PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in (
    ("rg", RG), ("oa", OA), ("skos", SKOS), ("dcterms", DCTERMS), ("rdf", RDF), ("void", VOID),
    ("rgv", "https://w3id.org/resograph/verb/"), ("prov", "http://www.w3.org/ns/prov#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("xsd", "http://www.w3.org/2001/XMLSchema#")))


class QueryFailed(Exception):
    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.body.decode("utf-8", "replace"))
        self.reply = reply


# -- running queries through the worker pool

async def _reply(request: Request, query: str, fmt: str) -> Reply:
    settings = request.app.state.settings
    job = QueryJob(query=PREFIXES + "\n" + query, format=fmt, limits=settings.limits)
    reply = await request.app.state.pool.run(job)
    if reply.status != 200:
        raise QueryFailed(reply)
    return reply


async def select(request: Request, query: str) -> list[dict]:
    """Rows of a SELECT as {variable: value} (IRIs and literals as strings; missing values left out)."""
    data = json.loads((await _reply(request, query, "json")).body)
    return [{k: v["value"] for k, v in binding.items()} for binding in data["results"]["bindings"]]


def iri(term: str) -> str:
    """A checked IRI written for a query: ox.NamedNode refuses anything that is not an IRI."""
    return str(ox.NamedNode(term))


async def data_base(request: Request) -> str:
    rows = await select(request, "SELECT ?base WHERE { ?d a void:Dataset ; void:uriSpace ?base } ORDER BY ?base LIMIT 1")
    return rows[0]["base"] if rows else str(request.base_url)


# -- choosing what to answer

@dataclass
class Target:
    path: str  # request path without a format suffix
    format: str  # HTML or a key of RDF_FORMATS


class NotOffered(Exception):
    pass


def target(request: Request) -> Target:
    path = request.url.path
    fmt = None
    for suffix, name in SUFFIXES.items():
        if path.endswith(suffix):
            path, fmt = path[: -len(suffix)], name
            break
    wanted = request.query_params.get("format")
    if fmt is None and wanted:
        wanted = wanted.strip().lower()
        if wanted in (HTML, "text/html"):
            fmt = HTML
        else:
            fmt = next((f.name for f in RDF_FORMATS.values() if f.matches(wanted)), None)
            if fmt is None:
                raise NotOffered(f"format={wanted!r} is not offered; use html, turtle, jsonld or ntriples")
    return Target(path, fmt or negotiate(request.headers.get("accept")))


def negotiate(accept: str | None) -> str:
    """HTML for browsers, for */* and without an Accept header; an RDF format when the client prefers one."""
    if not accept:
        return HTML
    for media in formats.parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml", "*/*", "text/*"):
            return HTML
        if media == "application/json":
            return "jsonld"
        for f in RDF_FORMATS.values():
            if f.matches(media):
                return f.name
    raise NotOffered(f"none of {accept!r} is offered; offered: text/html, text/turtle, application/ld+json, "
                     "application/n-triples")


# -- the routes

async def resource(request: Request) -> Response:
    try:
        want = target(request)
    except NotOffered as exc:
        return Response(str(exc) + "\n", status_code=406, media_type="text/plain")
    try:
        base = await data_base(request)
        node = base + want.path.lstrip("/")
        try:
            checked = iri(node)
        except ValueError:
            return await missing(request, node, want.format)
        if not (await select(request, f"SELECT ?p WHERE {{ {checked} ?p ?o }} LIMIT 1")):
            return await missing(request, node, want.format)
        if want.format != HTML:
            reply = await _reply(request, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {checked} {PARTS} ?s . ?s ?p ?o }}",
                                 want.format)
            return Response(reply.body, media_type=reply.media_type, headers={"Vary": "Accept"})
        page = await describe(request, base, node)
    except QueryFailed as exc:
        return Response(exc.reply.body, status_code=exc.reply.status, media_type=exc.reply.media_type)
    return templates.TemplateResponse(request, page.template, {"page": page, "base": base},
                                      headers={"Vary": "Accept"})


async def missing(request: Request, node: str, fmt: str) -> Response:
    if fmt != HTML:
        return Response(f"no resource {node} in this graph\n", status_code=404, media_type="text/plain")
    return templates.TemplateResponse(request, "resource_missing.html", {"node": node}, status_code=404)


# -- what a page shows

@dataclass
class Page:
    iri: str
    base: str
    template: str = "resource.html"
    label: str = ""
    types: list[str] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)  # every (property, value) of the node
    data: dict = field(default_factory=dict)  # what the type's template shows

    def local(self, value: str) -> str | None:
        """The path on this server of an IRI under the data's base (None for any other IRI)."""
        return "/" + value[len(self.base):] if value.startswith(self.base) else None


async def describe(request: Request, base: str, node: str) -> Page:
    n = iri(node)
    page = Page(node, base)
    page.statements = await select(request, f"""
        SELECT DISTINCT ?p ?o ?label (isIRI(?o) AS ?is_iri) WHERE {{
          {n} ?p ?o . OPTIONAL {{ ?o skos:prefLabel|rdfs:label ?label }} }} ORDER BY ?p ?o""")
    page.types = sorted({s["o"] for s in page.statements if s["p"] == str(RDF.type)})
    labels = [s["o"] for s in page.statements if s["p"] in (str(SKOS.prefLabel), "http://www.w3.org/2000/01/rdf-schema#label")]
    page.label = labels[0] if labels else node[len(base):]
    kind = await _kind(request, n)
    if kind in PAGE_BUILDERS:
        page.template = f"{kind}.html" if kind in ("actor", "instrument", "clause") else f"resource_{kind}.html"
        await PAGE_BUILDERS[kind](request, page, n)
    return page


async def _kind(request: Request, n: str) -> str | None:
    rows = await select(request, f"""
        SELECT ?kind WHERE {{
          VALUES (?class ?kind) {{ (rg:Commitment "clause") (rg:Actor "actor") (rg:Instrument "instrument")
                                  (rg:Document "document") (rg:Paragraph "paragraph") }}
          {n} a/rdfs:subClassOf* ?class }} LIMIT 1""")
    return rows[0]["kind"] if rows else None


async def _clause(request: Request, page: Page, n: str) -> None:
    head = await select(request, f"""
        SELECT ?verb ?strength ?verb_text ?section ?clause_no ?paragraph ?number ?document ?doc_label WHERE {{
          {n} rg:verb ?v ; rg:inParagraph ?paragraph ; rg:order ?clause_no ; rg:section ?section .
          ?v skos:prefLabel ?verb ; rg:rank ?strength .
          OPTIONAL {{ {n} rg:verbText ?verb_text }}
          ?paragraph rg:number ?number ; rg:inDocument ?document .
          ?document rdfs:label ?doc_label }} LIMIT 1""")
    page.data["clause"] = head[0] if head else {}
    if head:
        page.label = f"{head[0]['doc_label']} para. {head[0]['number']}, clause {head[0]['clause_no']}"
    page.data["modifiers"] = [r["m"] for r in await select(request, f"SELECT DISTINCT ?m WHERE {{ {n} rg:modifier ?m }} ORDER BY ?m")]
    page.data["actors"] = await select(request, f"""
        SELECT DISTINCT ?actor ?label ?printed ?qualifier WHERE {{
          {n} rg:addressing ?m . ?m rg:actor ?actor . ?actor skos:prefLabel ?label .
          OPTIONAL {{ ?m rg:printedLabel ?printed }} OPTIONAL {{ ?m rg:qualifier ?qualifier }} }} ORDER BY ?m""")
    page.data["partners"] = await select(request, f"""
        SELECT DISTINCT ?actor ?label WHERE {{ {n} rg:cooperationPartner ?actor . ?actor skos:prefLabel ?label }}
        ORDER BY ?label""")
    page.data["obligations"] = await select(request, f"""
        SELECT ?obligation ?order ?verb ?text ?hedged (GROUP_CONCAT(DISTINCT ?hedge; separator="; ") AS ?hedges) WHERE {{
          {n} rg:obligation ?obligation . ?obligation rg:order ?order ; rg:obligationVerb ?verb ; rg:text ?text ;
            rg:hedged ?hedged . OPTIONAL {{ ?obligation rg:hedge ?hedge }}
        }} GROUP BY ?obligation ?order ?verb ?text ?hedged ORDER BY ?order""")
    page.data["instruments"] = await select(request, f"""
        SELECT DISTINCT ?instrument ?id ?label WHERE {{
          {n} rg:instrument ?instrument . ?instrument rg:instrumentId ?id ; skos:prefLabel ?label }} ORDER BY ?id""")
    page.data["text"] = await highlighted_text(request, n, page.data["clause"].get("paragraph"))


async def highlighted_text(request: Request, n: str, paragraph: str | None) -> list[dict]:
    """The paragraph (and its lettered items) as source text, with the clause's parts marked by their spans."""
    if not paragraph:
        return []
    p = iri(paragraph)
    pieces = await select(request, f"""
        SELECT DISTINCT ?start ?end ?exact WHERE {{
          {{ BIND({p} AS ?part) }} UNION {{ ?part rg:parentParagraph {p} }}
          ?part rg:sourceSpan/oa:hasSelector ?pos, ?quote .
          ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact }} ORDER BY ?start""")
    spans = await select(request, f"""
        SELECT DISTINCT ?kind ?start ?end ?target WHERE {{
          {{ {n} rg:sourceSpan ?sr . BIND("clause" AS ?kind) }}
          UNION {{ {n} rg:verbSpan ?sr . BIND("verb" AS ?kind) }}
          UNION {{ {n} rg:addressing ?m . ?m rg:sourceSpan ?sr ; rg:actor ?target . BIND("actor" AS ?kind) }}
          UNION {{ {n} rg:obligation ?o . ?o rg:sourceSpan ?sr . BIND("obligation" AS ?kind) BIND(?o AS ?target) }}
          UNION {{ {n} rg:obligation ?o . ?o rg:hedgeSpan ?sr . BIND("hedge" AS ?kind) }}
          UNION {{ {n} rg:citing ?i . ?i rg:sourceSpan ?sr ; rg:instrument ?target . BIND("instrument" AS ?kind) }}
          ?sr oa:hasSelector ?pos . ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }}""")
    marks = [Mark(int(s["start"]), int(s["end"]), s["kind"], s.get("target")) for s in spans]
    return [{"start": int(piece["start"]), "nodes": nest(piece["exact"], int(piece["start"]), marks)} for piece in pieces]


# Outer kinds first when two marks cover the same text.
KIND_ORDER = {"clause": 0, "obligation": 1, "actor": 2, "verb": 2, "instrument": 2, "hedge": 3}


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    target: str | None = None


def nest(text: str, offset: int, marks: list[Mark]) -> list[dict]:
    """`text` (which starts at source offset `offset`) as a tree of plain strings and marked runs.

    Each node is {"text": str} or {"kind", "target", "children"}; marks are clipped to the text and to
    their enclosing mark, so the tree is always well nested.
    """
    end = offset + len(text)
    inside = sorted((m for m in marks if m.start < end and m.end > offset and m.end > m.start),
                    key=lambda m: (m.start, -m.end, KIND_ORDER.get(m.kind, 9)))

    def build(lo: int, hi: int, pending: list[Mark]) -> list[dict]:
        nodes, pos, i = [], lo, 0
        while i < len(pending):
            m = pending[i]
            s, e = max(m.start, pos), min(m.end, hi)
            i += 1
            if s >= e:
                continue
            if s > pos:
                nodes.append({"text": text[pos - offset: s - offset]})
            children = [c for c in pending[i:] if c.start < e]
            i += len(children)
            nodes.append({"kind": m.kind, "target": m.target, "children": build(s, e, children)})
            pos = e
        if pos < hi:
            nodes.append({"text": text[pos - offset: hi - offset]})
        return nodes

    return build(offset, end, inside)


async def _actor(request: Request, page: Page, n: str) -> None:
    page.data["commitments"] = await select(request, f"""
        SELECT ?clause ?document ?doc_label ?number ?order ?verb ?strength (COUNT(DISTINCT ?o) AS ?obligations) WHERE {{
          ?clause rg:addressee {n} ; rg:verb ?v ; rg:inParagraph ?p ; rg:order ?order .
          ?v skos:prefLabel ?verb ; rg:rank ?strength .
          ?p rg:number ?number ; rg:order ?p_order ; rg:inDocument ?document . ?document rdfs:label ?doc_label .
          OPTIONAL {{ ?clause rg:obligation ?o }}
        }} GROUP BY ?clause ?document ?doc_label ?number ?p_order ?order ?verb ?strength
        ORDER BY DESC(?strength) ?doc_label ?p_order ?order""")
    page.data["evidence"] = await select(request, f"""
        SELECT DISTINCT ?evidence ?finding ?number ?doc_label WHERE {{
          ?evidence rg:reportingState {n} ; rg:finding ?finding ; rg:inParagraph ?p .
          ?p rg:number ?number ; rg:order ?p_order ; rg:inDocument/rdfs:label ?doc_label }}
        ORDER BY ?doc_label ?p_order ?evidence""")


async def _instrument(request: Request, page: Page, n: str) -> None:
    page.data["asked"] = await select(request, f"""
        SELECT ?actor ?label (COUNT(DISTINCT ?clause) AS ?clauses) (MAX(?strength) AS ?strongest) WHERE {{
          ?clause rg:instrument {n} ; rg:addressee ?actor ; rg:verb/rg:rank ?strength .
          ?actor skos:prefLabel ?label }} GROUP BY ?actor ?label ORDER BY DESC(?clauses) ?label""")
    page.data["clauses"] = await select(request, f"""
        SELECT ?clause ?doc_label ?number ?order ?verb ?strength
               (GROUP_CONCAT(DISTINCT ?actor_label; separator=", ") AS ?actors) WHERE {{
          ?clause rg:instrument {n} ; rg:verb ?v ; rg:inParagraph ?p ; rg:order ?order .
          ?v skos:prefLabel ?verb ; rg:rank ?strength .
          ?p rg:number ?number ; rg:order ?p_order ; rg:inDocument/rdfs:label ?doc_label .
          OPTIONAL {{ ?clause rg:addressee/skos:prefLabel ?actor_label }}
        }} GROUP BY ?clause ?doc_label ?number ?p_order ?order ?verb ?strength ORDER BY ?doc_label ?p_order ?order""")


async def _document(request: Request, page: Page, n: str) -> None:
    page.data["clauses"] = await select(request, f"""
        SELECT ?clause ?number ?order ?section ?verb ?strength
               (GROUP_CONCAT(DISTINCT ?actor_label; separator=", ") AS ?actors) WHERE {{
          ?p rg:inDocument {n} ; rg:number ?number ; rg:order ?p_order .
          ?clause rg:inParagraph ?p ; a rg:Commitment ; rg:order ?order ; rg:section ?section ; rg:verb ?v .
          ?v skos:prefLabel ?verb ; rg:rank ?strength .
          OPTIONAL {{ ?clause rg:addressee/skos:prefLabel ?actor_label }}
        }} GROUP BY ?clause ?number ?p_order ?order ?section ?verb ?strength ORDER BY ?p_order ?order""")


async def _paragraph(request: Request, page: Page, n: str) -> None:
    page.data["clauses"] = await select(request, f"""
        SELECT DISTINCT ?clause ?order ?verb ?strength WHERE {{
          ?clause rg:inParagraph {n} ; rg:order ?order ; rg:verb ?v . ?v skos:prefLabel ?verb ; rg:rank ?strength }}
        ORDER BY ?order""")
    page.data["document"] = next((s["o"] for s in page.statements if s["p"] == str(RG.inDocument)), None)


PAGE_BUILDERS = {"clause": _clause, "actor": _actor, "instrument": _instrument, "document": _document,
                 "paragraph": _paragraph}


# -- VoID

async def void(request: Request) -> Response:
    try:
        fmt = target(request).format
    except NotOffered as exc:
        return Response(str(exc) + "\n", status_code=406, media_type="text/plain")
    try:
        description = await void_description(request)
    except QueryFailed as exc:
        return Response(exc.reply.body, status_code=exc.reply.status, media_type=exc.reply.media_type)
    if fmt != HTML:
        chosen = RDF_FORMATS[fmt]
        body = ox.serialize(void_triples(description), format=chosen.oxigraph,
                            prefixes={"void": str(VOID), "rg": str(RG), "dcterms": str(DCTERMS)})
        return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})
    return templates.TemplateResponse(request, "void.html", {"void": description, "base": description["uri_space"]},
                                      headers={"Vary": "Accept"})


CLASS_PARTITIONS = (("documents", RG.Document), ("clauses", RG.Commitment), ("obligations", RG.Obligation),
                    ("actors", RG.Actor), ("instruments", RG.Instrument), ("evidence", RG.Evidence))


async def void_description(request: Request) -> dict:
    head = await select(request, """
        SELECT ?dataset ?title ?triples ?uri_space WHERE {
          ?dataset a void:Dataset ; void:uriSpace ?uri_space ; void:triples ?triples .
          OPTIONAL { ?dataset dcterms:title ?title } } ORDER BY ?dataset LIMIT 1""")
    counts = {}
    for name, cls in CLASS_PARTITIONS:
        rows = await select(request, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a/rdfs:subClassOf* <{cls}> }}")
        counts[name] = int(rows[0]["n"])
    documents = await select(request, """
        SELECT DISTINCT ?document ?label WHERE { ?document a rg:Document ; rdfs:label ?label } ORDER BY ?label""")
    info = head[0] if head else {"dataset": str(request.base_url) + "dataset", "uri_space": str(request.base_url),
                                 "triples": "0"}
    return {
        "dataset": info["dataset"], "title": info.get("title", "resograph dataset"), "triples": int(info["triples"]),
        "uri_space": info["uri_space"], "counts": counts, "documents": documents,
        "endpoint": str(request.url_for("sparql")), "void": str(request.url_for("void")),
    }


def void_triples(d: dict) -> list[ox.Triple]:
    def node(value) -> ox.NamedNode:
        return ox.NamedNode(str(value))

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))

    ds = node(d["dataset"])
    triples = [
        ox.Triple(ds, node(RDF.type), node(VOID.Dataset)),
        ox.Triple(ds, node(DCTERMS.title), ox.Literal(d["title"])),
        ox.Triple(ds, node(VOID.triples), integer(d["triples"])),
        ox.Triple(ds, node(VOID.uriSpace), ox.Literal(d["uri_space"])),
        ox.Triple(ds, node(VOID.sparqlEndpoint), node(d["endpoint"])),
        ox.Triple(ds, node(VOID.vocabulary), node("https://w3id.org/resograph/ontology")),
    ]
    for name, cls in CLASS_PARTITIONS:
        part = node(f"{d['dataset']}/{name}")
        triples += [ox.Triple(ds, node(VOID.classPartition), part),
                    ox.Triple(part, node(VOID["class"]), node(cls)),
                    ox.Triple(part, node(VOID.entities), integer(d["counts"][name]))]
    triples += [ox.Triple(ds, node(VOID.rootResource), node(doc["document"])) for doc in d["documents"]]
    return triples


routes = [Route("/.well-known/void", void, name="void")] + [
    Route(f"/{prefix}/{{rest:path}}", resource, name=f"resource-{prefix}") for prefix in RESOURCE_PREFIXES
] + [Route("/dataset", resource, name="resource-dataset"), Route("/dataset.{suffix}", resource)]
