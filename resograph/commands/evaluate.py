"""`resograph evaluate`: extract documents and score the records against gold records, field by field."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from resograph.commands.extract import report_problems, resolve_inputs, show_progress


def add_arguments(parser) -> None:
    parser.add_argument("--gold", required=True, metavar="GOLD",
                        help="gold JSON Lines file, or a folder of them paired with documents by file stem")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="documents to extract; default: the bundled sample corpus")
    parser.add_argument("--catalogue", metavar="TSV", help="catalogue sidecar for the documents")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="processes for the spaCy pipeline")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def pair(gold: Path, paths: list[Path]) -> list[tuple[Path, Path]]:
    """(gold file, document) pairs: by file stem for a gold folder; one gold file scores all documents."""
    if gold.is_dir():
        by_stem = {p.stem: p for p in paths}
        return [(g, by_stem[g.stem]) for g in sorted(gold.glob("*.jsonl")) if g.stem in by_stem]
    return [(gold, p) for p in paths]


def run(args) -> int:
    from resograph.extract.pipeline import extract_files
    from resograph.extract.scoring import GoldError, as_json, format_table, keyed, read_jsonl, score
    from resograph.read import ReadError

    gold = Path(args.gold)
    if not gold.exists():
        print(f"resograph: {gold}: no such gold file or folder", file=sys.stderr)
        return 2
    try:
        paths, catalogue = resolve_inputs(args.files, args.catalogue)
    except ReadError as err:
        print(f"resograph: {err}", file=sys.stderr)
        return 2
    pairs = pair(gold, paths)
    if not pairs:
        print(f"resograph: {gold}: no gold file matches a document's file name", file=sys.stderr)
        return 2
    docs = list(dict.fromkeys(p for _, p in pairs))
    system: dict[Path, list[dict]] = {}
    failed = 0
    for path, _document, records, error in extract_files(docs, catalogue, n_process=max(1, args.jobs),
                                                         progress=show_progress(docs)):
        failed += report_problems(path, error, records)
        system[path] = [r.to_json() for r in records]
    one_file = not gold.is_dir()
    try:
        gold_recs = {g: read_jsonl(g) for g in dict.fromkeys(g for g, _ in pairs)}
    except GoldError as err:
        print(f"resograph: {err}", file=sys.stderr)
        return 2
    results = {}
    all_gold, all_sys = {}, {}
    for g, p in pairs:
        # each pair is scored on its own, the doc field ignored (as `score.py --ignore-doc`)
        gk, sk = keyed(gold_recs[g], ignore_doc=True), keyed(system.get(p, []), ignore_doc=True)
        if not one_file:
            results[p.stem] = score(gk, sk)
        all_gold.update(keyed(gold_recs[g], ignore_doc=True, prefix=p.stem if not one_file else ""))
        all_sys.update(keyed(system.get(p, []), ignore_doc=True, prefix=p.stem if not one_file else ""))
    total = score(all_gold, all_sys)
    if args.json:
        print(json.dumps({"files": {k: as_json(v) for k, v in results.items()}, "all": as_json(total)}))
    else:
        for name, rows in results.items():
            print(f"== {name}")
            print(format_table(rows))
            print()
        if results:
            print(f"== all ({len(results)} files)")
        print(format_table(total))
    return 1 if failed else 0
