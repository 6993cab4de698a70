"""The text layer of a PDF file (pypdf), pages joined by a blank line."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from resograph.read.errors import ReadError


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pypdf_messages():
    """pypdf logs repairs it makes (`EOF marker not found`): keep them as document warnings, not stderr noise."""
    logger = logging.getLogger("pypdf")
    handler = _Collect()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


def pdf_text(path: Path) -> tuple[str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    warnings: list[str] = []
    with _pypdf_messages() as messages:
        text = _extract(path, warnings, PdfReader, (PdfReadError, PdfStreamError))
    warnings[:0] = [f"PDF: {m}" for m in dict.fromkeys(messages)]
    return text, warnings


def _extract(path: Path, warnings: list[str], PdfReader, pdf_errors) -> str:
    try:
        reader = PdfReader(str(path))
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # pypdf raises many types for damaged content streams
                warnings.append(f"page {number}: text layer unreadable ({type(exc).__name__}); skipped")
                pages.append("")
    except (*pdf_errors, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(path, f"not a readable PDF, truncated or damaged ({exc})".replace("\n", " ")) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned image?): nothing to read")
    return text
