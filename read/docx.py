"""The text of a DOCX file (python-docx): one line per paragraph, footnotes kept.

Word keeps footnotes in their own part (word/footnotes.xml) and marks each
reference with a `w:footnoteReference` run. The text layer written here puts
each reference as superscript digits where it stood (`Women,¹`) and the
footnotes after a rule at the end (`¹ Resolution 48/104.`), the layout the
markdown renderings use, so the one cleaning engine reads them. Footnotes are
numbered in order of first reference, as Word displays them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from resograph.read.errors import ReadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def docx_text(path: Path) -> tuple[str, list[str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(path, f"not a readable DOCX file ({exc})".replace("\n", " ")) from None
    warnings: list[str] = []
    notes = _footnote_texts(document, warnings)
    numbers: dict[str, int] = {}
    lines = [_paragraph_text(p, numbers) for p in document.element.body.iter(f"{W}p")]
    if numbers:
        lines.append("_______________")
        for note_id, number in numbers.items():
            if note_id in notes:
                lines.append(f"{str(number).translate(_SUPERSCRIPTS)} {notes[note_id]}")
            else:
                warnings.append(f"footnote {number} is referenced but has no text in the DOCX")
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(path, "DOCX has no text")
    return text, warnings


def _paragraph_text(paragraph, numbers: dict[str, int]) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag == f"{W}br":
            parts.append(" ")
        else:
            note_id = node.get(f"{W}id")
            number = numbers.setdefault(note_id, len(numbers) + 1)
            parts.append(str(number).translate(_SUPERSCRIPTS))
    return "".join(parts)


def _footnote_texts(document, warnings: list[str]) -> dict[str, str]:
    part = next((p for p in document.part.package.iter_parts() if p.partname == "/word/footnotes.xml"), None)
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError as exc:
        warnings.append(f"footnotes part unreadable ({exc}): footnotes skipped")
        return {}
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in note.iter(f"{W}p"))
        notes[note.get(f"{W}id")] = " ".join(text.split())
    return notes
