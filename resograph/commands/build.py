"""`resograph build`: read, extract, validate and load documents into the store, and write dumps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resograph import config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                        help="documents to build (default: the bundled sample); the store then holds exactly these")
    parser.add_argument("--store", type=Path, help="store folder (default: $RESOGRAPH_HOME/store)")
    parser.add_argument("--base", default=config.DEFAULT_BASE_IRI, help="base IRI of the data (default: %(default)s)")
    parser.add_argument("--dump", type=Path, metavar="DIR",
                        help="write graph.ttl, graph.jsonld, graph.nq and documents/*.jsonld here "
                             "(default for the sample: $RESOGRAPH_HOME/dumps)")
    parser.add_argument("--catalogue", type=Path, metavar="TSV", help="catalogue sidecar (file, id, symbol, type, date, ...)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="processes for extraction and for building and validating graphs (default: 1)")


def _progress(iterable, total):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc="building", unit="doc", file=sys.stderr, disable=None if total >= 10 else True)


def run(args: argparse.Namespace) -> int:
    from resograph.graph.dump import dump_store
    from resograph.graph.iris import Iris
    from resograph.graph.pipeline import build_store
    from resograph.graph.store import StoreError, open_store
    from resograph.graph.validate import report_text
    from resograph.read import Catalogue, ReadError, load_default_catalogue

    def say(line: str) -> None:
        print(line, file=sys.stderr)

    paths, dump = list(args.paths), args.dump
    try:
        if paths:
            catalogue = Catalogue.load(args.catalogue) if args.catalogue else None
        else:
            from resograph.sample import sample_files

            paths = sample_files()
            catalogue = Catalogue.load(args.catalogue) if args.catalogue else load_default_catalogue()
            dump = dump or config.default_dumps()
    except ReadError as exc:
        say(f"resograph build: {exc}")
        return 2
    store_dir = args.store or config.default_store()
    try:
        report = build_store(paths, store_dir, args.base, catalogue, jobs=max(1, args.jobs), say=say,
                             progress=_progress)
        if dump:
            written = dump_store(open_store(store_dir), Iris(args.base), dump)
            say(f"dumps: {len(written)} files in {dump}")
    except StoreError as exc:
        say(f"resograph build: {exc}")
        return 2
    for line in report.errors:
        say(line)
    for doc_id, violations in sorted(report.violations.items()):
        say(f"{doc_id}: SHACL violations, document not loaded:")
        say(report_text(violations))
    say(f"summary: {report.summary()}")
    return 0 if report.ok else 1
