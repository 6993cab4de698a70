"""`resograph load`: add RDF files to the store, each into its own named graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox

from resograph import config
from resograph.errors import UserError
from resograph.graph import store as graph_store

FORMATS_BY_EXTENSION = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class LoadError(UserError):
    """A file that cannot be loaded; the message names the file and the problem."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="RDF files: " + ", ".join(FORMATS_BY_EXTENSION))
    parser.add_argument("--graph", help="named graph IRI for the triples (default: each file's own file: IRI)")
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: $RESOGRAPH_HOME/store)")


def read_quads(path: Path, graph: str | None) -> list[ox.Quad]:
    """Parse a whole file; triples (and N-Quads/TriG default-graph quads) go to `graph` or the file's IRI."""
    fmt = FORMATS_BY_EXTENSION.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"{path}: unknown RDF file extension {path.suffix!r} (use {', '.join(FORMATS_BY_EXTENSION)})")
    file_iri = path.resolve().as_uri()
    try:
        target = ox.NamedNode(graph or file_iri)
    except ValueError as exc:
        raise LoadError(f"{path}: invalid graph IRI {graph!r}: {exc}") from None
    try:
        parsed = list(ox.parse(path=str(path), format=fmt, base_iri=file_iri))
    except SyntaxError as exc:
        raise LoadError(f"{path}: not valid {fmt.name}: {exc}") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return [
        quad if fmt in QUAD_FORMATS and not isinstance(quad.graph_name, ox.DefaultGraph)
        else ox.Quad(quad.subject, quad.predicate, quad.object, target)
        for quad in parsed
    ]


def load_files(store_dir: Path, files: list[Path], graph: str | None = None) -> tuple[int, list[str]]:
    """Load every readable file in one new store generation; return (quads added, one error line per bad file)."""
    errors: list[str] = []
    added = 0
    with graph_store.writable(store_dir) as store:
        for path in files:
            try:
                quads = read_quads(path, graph)
            except LoadError as exc:
                errors.append(str(exc))
                continue
            store.extend(quads)
            added += len(quads)
    return added, errors


def run(args: argparse.Namespace) -> int:
    store_dir = args.store or config.default_store()
    try:
        added, errors = load_files(store_dir, args.files, args.graph)
    except graph_store.StoreError as exc:
        print(f"resograph load: {exc}", file=sys.stderr)
        return 1
    for line in errors:
        print(f"resograph load: {line}", file=sys.stderr)
    loaded = len(args.files) - len(errors)
    print(f"resograph load: {added} quads from {loaded} of {len(args.files)} files into {store_dir}", file=sys.stderr)
    return 1 if errors else 0
