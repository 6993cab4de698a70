"""The `resograph` command: a thin layer of subcommands over the library.

Each subcommand lives in `resograph.commands.<name>` and exposes
`add_arguments(parser)` and `run(args) -> int` (the exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from resograph import __version__
from resograph.errors import UserError

COMMANDS = {
    "outline": "print what was read from each document",
    "extract": "extract commitment records (JSON Lines)",
    "evaluate": "score extracted records against gold records",
    "build": "read, extract, validate and load documents into the store",
    "validate": "validate a graph dump or store against the SHACL shapes",
    "load": "add RDF files to the store",
    "query": "run a library or file SPARQL query against the store",
    "serve": "serve the store: SPARQL endpoint, browser page, resource pages",
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resograph", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"resograph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        try:
            module = importlib.import_module(f"resograph.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"resograph.commands.{name}":
                raise
            continue  # subcommand not built yet
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except UserError as exc:
        print(f"resograph {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("resograph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
