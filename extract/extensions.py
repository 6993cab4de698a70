"""The Doc and Span extensions the extraction components share (registered once, on import)."""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "para": None,  # the paragraph's context: kind, number, footnotes, State lists, heading (plain data)
    "clauses": None,  # list of clause dicts, filled by the components in pipeline order
    "evidence": None,  # list of evidence dicts (report findings)
    "errors": None,  # list of messages of components that failed on this paragraph
}


def _key(name: str) -> tuple:
    return ("._.", name, None, None)  # where spaCy keeps a Doc extension's value in doc.user_data


def value(doc: Doc, name: str):
    """doc._.<name>, read without building spaCy's `doc._` proxy object (about 1 µs for the proxy and 1 µs
    for the attribute: ten reads a paragraph were 7 % of extraction time). The components use these two
    helpers; `doc._.<name>` reads and writes the same values."""
    return doc.user_data.get(_key(name))


def set_value(doc: Doc, name: str, v) -> None:
    """doc._.<name> = v (see `value`)."""
    doc.user_data[_key(name)] = v


def guarded(call):
    """Wrap a component's __call__: an exception on one paragraph is recorded in doc._.errors (and ends up
    as a warning on the paragraph's records, printed by the CLI with the file name) instead of stopping
    the whole document; the Doc goes on to the next component."""

    @functools.wraps(call)
    def wrapper(self, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as exc:  # noqa: BLE001 - reported on the paragraph's records, see above
            set_value(doc, "errors", (value(doc, "errors") or []) + [f"{self.name} failed ({type(exc).__name__}: {exc})"])
            if value(doc, "clauses") is None:
                set_value(doc, "clauses", [])
            return doc

    return wrapper


def _clause_of(span: Span):
    """The clause dict a span of doc.spans["clauses"] stands for."""
    for c in value(span.doc, "clauses") or []:
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
