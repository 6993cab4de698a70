"""A query worker: a long-lived process that answers queries from the server over a pipe.

Run as `python -m resograph.serve.worker STORE_DIR`. Frames on stdin and
stdout are an 8-byte header (two big-endian uint32: header length, body
length), a JSON header, then a body. The worker writes one `ready` frame once
the store is open, then answers each query frame with one reply frame. It
reopens the store when `resograph build` or `resograph load` has made a new
generation live. The server kills a worker whose query runs too long.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from pathlib import Path
from typing import BinaryIO

from resograph.graph import store as graph_store
from resograph.serve.execute import Limits, QueryJob, Reply, run_query

FRAME = struct.Struct(">II")


def encode_frame(header: dict, body: bytes = b"") -> bytes:
    head = json.dumps(header).encode("utf-8")
    return FRAME.pack(len(head), len(body)) + head + body


def write_frame(stream: BinaryIO, header: dict, body: bytes = b"") -> None:
    stream.write(encode_frame(header, body))
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[dict, bytes] | None:
    prefix = stream.read(FRAME.size)
    if len(prefix) < FRAME.size:
        return None
    head_length, body_length = FRAME.unpack(prefix)
    header = json.loads(stream.read(head_length))
    return header, stream.read(body_length)


def job_to_frame(job: QueryJob) -> tuple[dict, bytes]:
    header = {
        "base_iri": job.base_iri,
        "default_graphs": job.default_graphs,
        "named_graphs": job.named_graphs,
        "accept": job.accept,
        "format": job.format,
        "max_rows": job.limits.max_rows,
        "max_result_bytes": job.limits.max_result_bytes,
    }
    return header, job.query.encode("utf-8")


def frame_to_job(header: dict, body: bytes) -> QueryJob:
    return QueryJob(
        query=body.decode("utf-8"),
        base_iri=header["base_iri"],
        default_graphs=header["default_graphs"],
        named_graphs=header["named_graphs"],
        accept=header["accept"],
        format=header["format"],
        limits=Limits(header["max_rows"], header["max_result_bytes"]),
    )


class _LiveStore:
    """The store's live generation, reopened when a new one has been swapped in."""

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = store_dir
        self.generation = None
        self.store = None

    def get(self):
        live = graph_store.current_generation(self.store_dir)
        if self.store is None or live != self.generation:
            self.store = graph_store.open_store(self.store_dir, read_only=True)
            self.generation = live
        return self.store


def main(argv: list[str]) -> int:
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the pipe
    live = _LiveStore(Path(argv[0]))
    try:
        live.get()
    except graph_store.StoreError as exc:
        write_frame(replies, {"ready": False, "message": str(exc)})
        return 1
    write_frame(replies, {"ready": True, "pid": os.getpid()})
    while (frame := read_frame(requests)) is not None:
        try:
            reply = run_query(live.get(), frame_to_job(*frame))
        except graph_store.StoreError as exc:
            reply = Reply.error(503, str(exc))
        write_frame(replies, {"status": reply.status, "media_type": reply.media_type}, reply.body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
