"""`resograph serve`: the SPARQL 1.1 endpoint and browser pages over the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resograph import config
from resograph.graph import store as graph_store
from resograph.serve.settings import ServeSettings

DEFAULTS = ServeSettings(store_dir=Path("."))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: $RESOGRAPH_HOME/store, else ./resograph-data/store; built from the sample if absent)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=DEFAULTS.timeout, help="seconds a query may run before it is stopped (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=DEFAULTS.workers, help="query worker processes (default: %(default)s)")
    parser.add_argument("--max-rows", type=int, default=DEFAULTS.max_rows, help="most result rows or triples one query may return (default: %(default)s)")
    parser.add_argument("--max-body", type=int, default=DEFAULTS.max_body_bytes, help="largest request body in bytes (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from resograph.serve.app import make_app

    store_dir = args.store or config.default_store()
    if not graph_store.exists(store_dir):
        status = _build_sample(store_dir)
        if status != 0:
            return status
    if args.workers < 1 or args.timeout <= 0 or args.max_rows < 1 or args.max_body < 1:
        print("resograph serve: --workers, --timeout, --max-rows and --max-body must be positive", file=sys.stderr)
        return 2
    settings = ServeSettings(
        store_dir=store_dir,
        timeout=args.timeout,
        workers=args.workers,
        max_rows=args.max_rows,
        max_body_bytes=args.max_body,
    )
    print(f"resograph: serving {store_dir} at http://{args.host}:{args.port}/ (SPARQL endpoint: /sparql)", file=sys.stderr, flush=True)
    uvicorn.run(make_app(settings), host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def _build_sample(store_dir: Path) -> int:
    """No store yet: build the bundled sample into it with `resograph build`."""
    try:
        from resograph.commands import build  # noqa: F401  (only to know that it exists)
    except ModuleNotFoundError:
        print(f"resograph serve: {store_dir}: no store here, and `resograph build` is not available to build the sample; "
              "add data with `resograph load FILE... --store DIR`", file=sys.stderr)
        return 1
    from resograph import cli

    print(f"resograph serve: {store_dir}: no store here; building the bundled sample first", file=sys.stderr, flush=True)
    return cli.main(["build", "--store", str(store_dir)])
