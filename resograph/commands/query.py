"""`resograph query`: run a library query (or a .rq file) against the store and print its results."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from resograph import config

FORMATS = ("table", "csv", "json")
TABLE_CELL = 80  # widest table cell; csv and json keep whole values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="NAME|FILE", help="a library query name (see --list) or a .rq file")
    parser.add_argument("--list", action="store_true", help="list the library's queries and their parameters")
    parser.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                        help="set a query parameter (repeatable)")
    parser.add_argument("--store", type=Path, help="store folder (default: $RESOGRAPH_HOME/store)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    from resograph import queries

    if args.list:
        print_library(queries.library())
        return 0
    if not args.query:
        return _fail("give a query name or .rq file, or --list")
    try:
        values = parse_params(args.param)
        query = queries.load(args.query)
        queries.bindings(query, values)  # reject bad parameters before opening the store
        store = _open(args.store or config.default_store())
        result = queries.run(store, query, values)
        rows = queries.table(result)
    except (queries.QueryError, ValueError) as exc:
        return _fail(str(exc))
    if isinstance(rows, str):
        sys.stdout.write(rows)
    else:
        write(rows, args.format, sys.stdout)
    return 0


def _open(store_dir: Path):
    from resograph.graph.store import StoreError, open_store
    from resograph.queries import QueryError

    try:
        return open_store(store_dir, read_only=True)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


def _fail(message: str) -> int:
    print(f"resograph query: {message}", file=sys.stderr)
    return 2


def parse_params(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--param {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def print_library(library) -> None:
    for query in library:
        print(f"{query.name}: {query.title}")
        if query.question:
            print(f"    {query.question}")
        for p in query.params:
            default = p.default if p.default is not None else "unset"
            print(f"    --param {p.name}=...  {p.meaning} (default: {default})")


def write(rows: tuple[list[str], list[list]], fmt: str, out) -> None:
    columns, data = rows
    if fmt == "json":
        json.dump([{c: v for c, v in zip(columns, row) if v is not None} for row in data], out, ensure_ascii=False,
                  indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in data])
    else:
        out.write(format_table(columns, data))


def format_table(columns: list[str], data: list[list]) -> str:
    def cell(v) -> str:
        text = "" if v is None else " ".join(str(v).split())
        return text if len(text) <= TABLE_CELL else text[: TABLE_CELL - 1] + "…"

    cells = [[cell(v) for v in row] for row in data]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(data)} rows)")
    return "\n".join(lines) + "\n"
