"""The /sparql and /update routes: the SPARQL 1.1 Protocol over the worker pool."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import pyoxigraph as ox

from resograph.serve import formats
from resograph.serve.description import service_description
from resograph.serve.execute import QueryJob, Reply
from resograph.serve.protocol import READ_ONLY, ProtocolError, read_query_request


def _reply(reply: Reply) -> Response:
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type)


def endpoint_iri(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


async def sparql(request: Request) -> Response:
    try:
        operation = await read_query_request(request)
    except ProtocolError as exc:
        return _reply(Reply.error(exc.status, exc.message))
    if operation.query is None:
        return _describe(request, operation.accept, operation.format)
    settings = request.app.state.settings
    job = QueryJob(
        query=operation.query,
        base_iri=endpoint_iri(request),
        default_graphs=operation.default_graphs,
        named_graphs=operation.named_graphs,
        accept=operation.accept,
        format=operation.format,
        limits=settings.limits,
    )
    return _reply(await request.app.state.pool.run(job))


def _describe(request: Request, accept: str | None, format_param: str | None) -> Response:
    ranges = formats.parse_accept(accept)
    if not format_param and ranges and ranges[0] == "text/html":
        return RedirectResponse(request.url_for("index"), status_code=303)
    try:
        fmt = formats.choose(formats.GRAPH, accept, format_param)
    except formats.NotAcceptable as exc:
        return _reply(Reply.error(406, str(exc)))
    body = ox.serialize(service_description(endpoint_iri(request)), format=fmt.oxigraph, prefixes={"sd": "http://www.w3.org/ns/sparql-service-description#"})
    return Response(body, media_type=fmt.media_type)


async def update(request: Request) -> Response:
    return _reply(Reply.error(403, READ_ONLY))


routes = [
    Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
    Route("/update", update, methods=["GET", "POST", "PUT", "DELETE", "PATCH"], name="update"),
]
