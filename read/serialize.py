"""A Document as plain JSON-ready data (the schema is documented in docs/outline.md)."""

from __future__ import annotations

from typing import Any

from resograph.read import model as m


def _span(span: m.Span | None) -> list[int] | None:
    return span.to_list() if span is not None else None


def footnote_to_dict(note: m.Footnote) -> dict[str, Any]:
    return {"marker": note.marker, "text": note.text, "resolved": note.resolved, "span": _span(note.span)}


def paragraph_to_dict(p: m.Paragraph) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "number": p.number,
        "parent": p.parent,
        "opening": p.opening,
        "section": p.section,
        "text": p.text,
        "span": _span(p.span),
        "footnotes": [
            {
                "marker": r.marker,
                "offset": r.offset,
                "text": r.footnote.text if r.footnote else None,
                "resolved": r.footnote.resolved if r.footnote else None,
            }
            for r in p.footnotes
        ],
        "states": [
            {"states": s.states, "span": [s.start, s.end], "statement": [s.statement_start, s.statement_end]}
            for s in p.states
        ],
    }


def document_to_dict(doc: m.Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "id": doc.id,
        "format": doc.format,
        "meta": {k: {"value": v.value, "source": v.source, "span": _span(v.span)} for k, v in doc.meta.items()},
        "warnings": doc.warnings,
        "paragraphs": [paragraph_to_dict(p) for p in doc.paragraphs],
        "footnotes": [footnote_to_dict(n) for n in doc.footnotes],
    }
