"""The Doc and Span extensions the extraction components share (registered once, on import)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "para": None,  # the paragraph's context: kind, number, footnotes, State lists, heading (plain data)
    "clauses": None,  # list of clause dicts, filled by the components in pipeline order
    "evidence": None,  # list of evidence dicts (report findings)
}


def _clause_of(span: Span):
    """The clause dict a span of doc.spans["clauses"] stands for."""
    for c in span.doc._.clauses or []:
        if c["start"] == span.start and c["end"] == span.end:
            return c
    return None


def register() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("clause"):
        Span.set_extension("clause", getter=_clause_of)


register()
