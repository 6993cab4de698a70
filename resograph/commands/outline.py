"""`resograph outline`: print what was read from each document (metadata, paragraphs, footnotes)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from resograph.read import Catalogue, ReadError, load_default_catalogue, read_many
from resograph.read.model import Document
from resograph.read.serialize import document_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="documents to read (default: the bundled sample)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--catalogue", metavar="TSV", help="catalogue.tsv with metadata matched by file name")


def run(args: argparse.Namespace) -> int:
    try:
        catalogue = _catalogue(args)
    except ReadError as err:
        print(f"resograph outline: {err}", file=sys.stderr)
        return 2
    if args.files:
        files = args.files
    else:
        from resograph.sample import sample_files

        files = sample_files()
    failed = 0
    documents = []
    errors = []
    for path, result in read_many(files, catalogue):
        if isinstance(result, ReadError):
            failed += 1
            print(f"resograph outline: {result}", file=sys.stderr)
            errors.append({"path": str(path), "error": result.problem})
            continue
        for warning in result.warnings:
            print(f"resograph outline: {path}: warning: {warning}", file=sys.stderr)
        if args.format == "json":
            documents.append(document_to_dict(result))
        else:
            sys.stdout.write(format_text(result))
    if args.format == "json":
        json.dump({"documents": documents, "errors": errors}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 1 if failed else 0


def _catalogue(args) -> Catalogue | None:
    if args.catalogue:
        return Catalogue.load(args.catalogue)
    if not args.files:
        return load_default_catalogue()
    return None


def format_text(doc: Document) -> str:
    out = [f"== {doc.path}", f"id: {doc.id}", f"format: {doc.format}"]
    for key, value in doc.meta.items():
        shown = ", ".join(value.value) if isinstance(value.value, list) else value.value
        out.append(f"{key}: {shown}  [{value.source}]")
    for warning in doc.warnings:
        out.append(f"warning: {warning}")
    out.append("")
    for p in doc.paragraphs:
        head = f"{p.number or '-'} {p.kind}"
        if p.opening:
            head += f" «{p.opening}»"
        if p.section:
            head += "  § " + " / ".join(p.section)
        out.append(head)
        out.extend(textwrap.wrap(p.text, 100, initial_indent="    ", subsequent_indent="    "))
        for ref in p.footnotes:
            note = ref.footnote.resolved if ref.footnote else "(footnote text not found)"
            out.append(f"    [{ref.marker}] {note}")
        for sl in p.states:
            out.append(f"    states: {', '.join(sl.states)}")
        out.append("")
    return "\n".join(out) + "\n"
