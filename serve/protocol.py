"""The SPARQL 1.1 Protocol's query operation: from an HTTP request to a QueryJob.

GET with `query=`, POST form-encoded, POST `application/sparql-query`;
`default-graph-uri` / `named-graph-uri` (repeatable) name the dataset and
override the query's FROM clauses. Update requests are refused here (this
endpoint is read-only), and so is anything the protocol calls malformed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """The query operation's parameters; `query` is None for a request of the service description."""

    query: str | None
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    accept: str | None
    format: str | None


async def read_query_request(request: Request) -> QueryRequest:
    params = list(request.query_params.multi_items())
    query_text = None
    if request.method == "POST":
        media_type, charset = _content_type(request)
        body = await request.body()
        if media_type == FORM:
            params += parse_qsl(_decode(body, charset), keep_blank_values=True)
        elif media_type == SPARQL_QUERY:
            query_text = _decode(body, charset)
        elif media_type == SPARQL_UPDATE:
            raise ProtocolError(403, READ_ONLY)
        else:
            raise ProtocolError(415, f"POST a query as {FORM} (query=...) or as {SPARQL_QUERY}, not {media_type or 'without a Content-Type'}")
    names = [name for name, _ in params]
    if "update" in names:
        raise ProtocolError(403, READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if query_text is not None:
        queries.append(query_text)
    if len(queries) > 1:
        raise ProtocolError(400, "give exactly one query")
    formats = [value for name, value in params if name == "format"]
    has_dataset = "default-graph-uri" in names or "named-graph-uri" in names
    return QueryRequest(
        query=queries[0] if queries else None,
        default_graphs=[v for n, v in params if n == "default-graph-uri"] if has_dataset else None,
        named_graphs=[v for n, v in params if n == "named-graph-uri"] if has_dataset else None,
        accept=request.headers.get("accept"),
        format=formats[-1] if formats else None,
    )


def _content_type(request: Request) -> tuple[str, str | None]:
    media_type, *parameters = [part.strip() for part in request.headers.get("content-type", "").split(";")]
    charset = None
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"the request body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8") from None
