"""Which text rendering a document is in, from signals in the text itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

PDF_TEXT = "pdf-text"
MARKDOWN = "markdown"
WORD_TEXT = "word-text"
OCR_TEXT = "ocr-text"
PLAIN = "plain"
PDF = "pdf"
DOCX = "docx"

_MARKDOWN_SIGNALS = [
    re.compile(r"^#{1,6} \S", re.M),
    re.compile(r"\*[A-Z][a-z]+(?: [a-z]+){0,4}\*"),
    re.compile(r"<sup>"),
    re.compile(r"\]\(#?[^)\s]*\)"),
    re.compile(r"^[-*] (?:\d{1,3}\.|\([a-z]\)) ", re.M),
    re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]"),
]
_WORD_SIGNALS = re.compile(r"<<ODS |^\[DU\d+\]|^\t\d{1,3}\.\t", re.M)
_PDF_MARKER = re.compile(r"\d{1,3}F[ \t]*\r?\n\s*\d{1,3}\b")
_RULE = re.compile(r"^_{8,}[ \t]*$", re.M)
_OCR_NUMBER = re.compile(r"^[ \t]*[lI]\.[ \t]+[A-Z]", re.M)
_OCR_CONFUSIONS = re.compile(r"\b(?:ail|tbe|Tbe|aud|bave|wbich|tbat)\b")


@dataclass(frozen=True)
class Layout:
    """How paragraphs are laid out on lines in one rendering."""

    blank_ends_paragraph: bool = True  # a blank line closes a paragraph (markdown, plain)
    indent_starts_paragraph: bool = False  # an indented line opens one (PDF text)
    line_is_paragraph: bool = False  # every line is a paragraph (Word export, DOCX)
    footnotes_after_rule_only: bool = False  # bare-number footnotes only after a `____` rule (PDF text)
    ocr_numbers: bool = False  # `l.` for `1.`


LAYOUTS = {
    MARKDOWN: Layout(),
    PLAIN: Layout(),
    OCR_TEXT: Layout(ocr_numbers=True),
    PDF_TEXT: Layout(blank_ends_paragraph=False, indent_starts_paragraph=True, footnotes_after_rule_only=True),
    WORD_TEXT: Layout(line_is_paragraph=True),
    DOCX: Layout(line_is_paragraph=True),
    PDF: Layout(blank_ends_paragraph=False),  # no `____` rule in a text layer: footnotes are found by number
}


def detect_format(text: str) -> str:
    sample = text[:200_000]
    if _WORD_SIGNALS.search(sample):
        return WORD_TEXT
    if sum(1 for p in _MARKDOWN_SIGNALS if p.search(sample)) >= 2 or len(_MARKDOWN_SIGNALS[1].findall(sample)) >= 3:
        return MARKDOWN
    if _PDF_MARKER.search(sample) or (_RULE.search(sample) and _hard_wrapped(sample)):
        return PDF_TEXT
    lines = [line for line in sample.splitlines() if line.strip()]
    tabbed = sum(1 for line in lines if line.startswith("\t"))
    if lines and tabbed / len(lines) > 0.3:
        return WORD_TEXT
    if _OCR_NUMBER.search(sample) or len(_OCR_CONFUSIONS.findall(sample)) >= 3:
        return OCR_TEXT
    if _hard_wrapped(sample) and _indented(lines):
        return PDF_TEXT
    return PLAIN


def _hard_wrapped(sample: str) -> bool:
    lengths = sorted(len(line) for line in sample.splitlines() if line.strip())
    return bool(lengths) and lengths[len(lengths) // 2] < 110


def _indented(lines: list[str]) -> bool:
    indented = sum(1 for line in lines if line[:1] in (" ", "\t") and line.strip())
    return bool(lines) and 0.05 < indented / len(lines) < 0.6
