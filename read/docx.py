"""The text of a DOCX file (python-docx): one line per paragraph, automatic numbering restored."""

from __future__ import annotations

import zipfile
from pathlib import Path

from resograph.read.errors import ReadError


def docx_text(path: Path) -> tuple[str, list[str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(path, f"not a readable DOCX file ({exc})".replace("\n", " ")) from None
    lines = [p.text for p in document.paragraphs]
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(path, "DOCX has no text")
    return text, []
