"""`resograph extract`: commitment records of documents, as JSON Lines (or JSON, CSV)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PROGRESS_FROM = 5  # files: show a progress bar on stderr from this many


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="documents to read (.txt, .md, .pdf, .docx); default: the bundled sample corpus")
    parser.add_argument("--format", choices=("jsonl", "json", "csv"), default="jsonl", help="output format")
    parser.add_argument("--catalogue", metavar="TSV", help="catalogue sidecar (file, id, symbol, type, date ...)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for the spaCy pipeline")


def resolve_inputs(files: list[str], catalogue: str | None):
    """(paths, Catalogue or None): the bundled sample and its catalogue when no file is named."""
    from resograph.read import Catalogue, load_default_catalogue
    from resograph.sample import sample_files

    if catalogue:
        cat = Catalogue.load(catalogue)
    else:
        cat = None if files else load_default_catalogue()
    return ([Path(f) for f in files] if files else sample_files()), cat


def show_progress(paths) -> bool:
    return len(paths) >= PROGRESS_FROM and sys.stderr.isatty()


def report_problems(path: Path, error: str | None, records) -> int:
    """Print read errors and record warnings to stderr, one line each; the number of failed files."""
    if error:
        print(f"resograph: {error}", file=sys.stderr)
        return 1
    for rec in records:
        for w in rec.warnings:
            print(f"resograph: warning: {path.name}: {w}", file=sys.stderr)
    return 0


CSV_FIELDS = ["doc", "section", "paragraph", "clause", "verb", "modifiers", "strength", "actors", "obligation_verbs",
              "obligations", "hedged", "instruments", "partners", "warnings"]


def csv_row(d: dict) -> dict:
    return {
        "doc": d["doc"], "section": d["section"], "paragraph": d["paragraph"], "clause": d["clause"], "verb": d["verb"],
        "modifiers": "; ".join(d["modifiers"]), "strength": d["strength"], "actors": "; ".join(d["actors"]),
        "obligation_verbs": "; ".join(o["verb"] for o in d["obligations"]),
        "obligations": " | ".join(o["text"] for o in d["obligations"]),
        "hedged": "; ".join("yes" if o["hedged"] else "no" for o in d["obligations"]),
        "instruments": "; ".join(d["instruments"]), "partners": "; ".join(p["label"] for p in d["partners"]),
        "warnings": " | ".join(d["warnings"]),
    }


def run(args) -> int:
    from resograph.extract.pipeline import extract_files
    from resograph.read import ReadError

    try:
        paths, catalogue = resolve_inputs(args.files, args.catalogue)
    except ReadError as err:
        print(f"resograph: {err}", file=sys.stderr)
        return 2
    failed = 0
    out = sys.stdout
    writer = None
    collected = []
    for path, _document, records, error in extract_files(paths, catalogue, n_process=max(1, args.jobs),
                                                         progress=show_progress(paths)):
        failed += report_problems(path, error, records)
        for rec in records:
            d = rec.to_json()
            if args.format == "jsonl":
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
            elif args.format == "json":
                collected.append(d)
            else:
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
                    writer.writeheader()
                writer.writerow(csv_row(d))
    if args.format == "json":
        json.dump(collected, out, ensure_ascii=False, indent=1)
        out.write("\n")
    if args.format == "csv" and writer is None:
        csv.DictWriter(out, fieldnames=CSV_FIELDS).writeheader()
    return 1 if failed else 0
