"""Run one checked query against a read-only store and serialize its results.

This is the library function behind the endpoint's query workers; it runs in
a worker process so that the server can kill it when it runs too long. Every
answer is a `Reply` (status, media type, body) and never an exception.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pyoxigraph as ox

from resograph.serve import formats, guard


@dataclass(frozen=True)
class Limits:
    max_rows: int = 10_000
    max_result_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class QueryJob:
    """A query as the protocol layer hands it over; graph lists are None when not given."""

    query: str
    base_iri: str | None = None
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    accept: str | None = None
    format: str | None = None
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class _TooLarge(Exception):
    pass


class _CappedBuffer(io.RawIOBase):
    """A binary sink that stops the serializer once the result passes the byte cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.overflowed = False
        self._buffer = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self._buffer.tell() + len(data) > self.cap:
            self.overflowed = True
            raise _TooLarge()
        return self._buffer.write(data)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


def run_query(store: ox.Store, job: QueryJob) -> Reply:
    try:
        shape = guard.inspect(job.query, job.base_iri)
        _check_graphs_exist(store, shape)
        fmt = formats.choose(_family(shape.form), job.accept, job.format)
    except guard.Refusal as refusal:
        return Reply.error(refusal.status, refusal.message)
    except formats.NotAcceptable as exc:
        return Reply.error(406, str(exc))
    try:
        result = store.query(job.query, base_iri=job.base_iri, **_dataset_arguments(shape, job))
        body = _serialize(result, fmt, shape, job.limits)
    except SyntaxError as exc:
        return Reply.error(400, f"SPARQL syntax error: {exc}")
    except _TooLarge:
        return Reply.error(400, f"the result is larger than this endpoint's limit of {job.limits.max_result_bytes} bytes; add a LIMIT or narrow the query")
    except _TooManyRows as exc:
        return Reply.error(400, str(exc))
    except (OSError, ValueError) as exc:
        return Reply.error(500, f"query evaluation failed: {exc}")
    return Reply(200, _content_type(fmt), body)


def _family(form: str) -> str:
    return formats.GRAPH if form in ("CONSTRUCT", "DESCRIBE") else formats.SOLUTIONS


def _content_type(fmt: formats.Format) -> str:
    media = fmt.media_type
    return media + "; charset=utf-8" if media.startswith("text/") else media


def _check_graphs_exist(store: ox.Store, shape: guard.QueryShape) -> None:
    """FROM / FROM NAMED may only name graphs of this store: nothing is ever fetched."""
    for iri in shape.default_graphs + shape.named_graphs:
        try:
            present = store.contains_named_graph(ox.NamedNode(iri))
        except ValueError:
            present = False
        if not present:
            raise guard.Refusal(403, f"FROM <{iri}> names a graph that is not in this store; this endpoint never fetches documents")


def _dataset_arguments(shape: guard.QueryShape, job: QueryJob) -> dict:
    """Protocol graphs override the query's FROM; with neither, the default graph is the union of all graphs."""
    if job.default_graphs is not None or job.named_graphs is not None:
        return {
            "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or []],
            "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or []],
        }
    if shape.has_dataset:
        return {}  # Oxigraph applies FROM / FROM NAMED itself (and ignores them under union mode)
    return {"use_default_graph_as_union": True}


class _TooManyRows(Exception):
    pass


def _serialize(result, fmt: formats.Format, shape: guard.QueryShape, limits: Limits) -> bytes:
    sink = _CappedBuffer(limits.max_result_bytes)
    if isinstance(result, ox.QueryBoolean):
        result.serialize(sink, fmt.oxigraph)
    elif isinstance(result, ox.QuerySolutions):
        _serialize_solutions(result, fmt, sink, limits)
    else:
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > limits.max_rows:
                raise _TooManyRows(f"the result has more than {limits.max_rows} triples (this endpoint's limit); add a LIMIT or narrow the query")
        _guarded(sink, lambda: ox.serialize(triples, sink, fmt.oxigraph, prefixes=shape.prefixes or None))
    return sink.getvalue()


def _serialize_solutions(solutions: ox.QuerySolutions, fmt: formats.Format, sink: _CappedBuffer, limits: Limits) -> None:
    # Rows are counted on the TSV form (one line per solution, lossless), which is
    # then re-read and written in the requested format by pyoxigraph itself.
    tsv = _CappedBuffer(limits.max_result_bytes)
    _guarded(tsv, lambda: solutions.serialize(tsv, ox.QueryResultsFormat.TSV))
    data = tsv.getvalue()
    rows = data.count(b"\n") - 1
    if rows > limits.max_rows:
        raise _TooManyRows(f"the result has more than {limits.max_rows} rows (this endpoint's limit); add a LIMIT or narrow the query")
    if fmt.oxigraph == ox.QueryResultsFormat.TSV:
        _guarded(sink, lambda: sink.write(data))
        return
    reread = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
    _guarded(sink, lambda: reread.serialize(sink, fmt.oxigraph))


def _guarded(sink: _CappedBuffer, write) -> None:
    """pyoxigraph wraps errors raised by the sink; turn an overflow back into _TooLarge."""
    try:
        write()
    except _TooLarge:
        raise
    except OSError:
        if sink.overflowed:
            raise _TooLarge() from None
        raise
