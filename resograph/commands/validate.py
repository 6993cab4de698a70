"""`resograph validate`: check a dump or a store against the SHACL shapes, one document graph at a time."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resograph import config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dump", nargs="?", type=Path, metavar="DUMP",
                        help="an RDF file (.nq, .ttl, .jsonld, .nt, .trig); default: the store")
    parser.add_argument("--store", type=Path, help="store folder (default: $RESOGRAPH_HOME/store)")


def run(args: argparse.Namespace) -> int:
    from resograph.graph.validate import report_text, validate_dataset

    def say(line: str) -> None:
        print(line, file=sys.stderr)

    try:
        if args.dump:
            from resograph.graph.dump import read_dump

            dataset = read_dump(args.dump)
            where = str(args.dump)
        else:
            from resograph.graph.store import StoreError, open_store
            from resograph.graph.validate import dataset_from_store

            store_dir = args.store or config.default_store()
            try:
                dataset = dataset_from_store(open_store(store_dir))
            except StoreError as exc:
                say(f"resograph validate: {exc}")
                return 2
            where = str(store_dir)
    except (OSError, ValueError, SyntaxError) as exc:
        say(f"resograph validate: {args.dump}: cannot parse: {' '.join(str(exc).split())}")
        return 2
    checked, violations = validate_dataset(dataset)
    if violations:
        print(report_text(violations))
        say(f"{where}: {len(violations)} violations in {len({v.document for v in violations})} of {checked} graphs")
        return 1
    say(f"{where}: {checked} graphs conform")
    return 0
