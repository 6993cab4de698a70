"""The text layer of a PDF file (pypdf), pages joined by a blank line."""

from __future__ import annotations

from pathlib import Path

from resograph.read.errors import ReadError


def pdf_text(path: Path) -> tuple[str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    warnings: list[str] = []
    try:
        reader = PdfReader(str(path))
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # pypdf raises many types for damaged content streams
                warnings.append(f"page {number}: text layer unreadable ({type(exc).__name__}); skipped")
                pages.append("")
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(path, f"not a readable PDF ({exc})".replace("\n", " ")) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned image?): nothing to read")
    return text, warnings
