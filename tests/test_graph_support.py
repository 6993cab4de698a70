"""Helpers for the graph tests (no tests here): documents read by the reader, records from the gold files.

`gold_extractor` stands in for the extractor where a test needs records it can
predict exactly: it returns the gold records of each sample file, with the spans
the gold files leave out found in the paragraph text.
"""

from __future__ import annotations

import json
from pathlib import Path

from resograph.extract.records import Commitment

GOLD = Path(__file__).parent / "gold"


def _locate(doc, paragraph_number: str, text: str):
    """The source span of `text` in the paragraph or one of its lettered items (None if not found)."""
    for para in doc.paragraphs:
        if text and paragraph_number in (para.number, para.parent):
            i = para.text.find(text)
            if i >= 0:
                return para.source_span(i, i + len(text)).to_list()
    return None


def gold_records(doc) -> list[Commitment]:
    path = GOLD / (Path(doc.path).stem + ".jsonl")
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c = Commitment.from_json(json.loads(line))
        c.doc = doc.id
        for o in c.obligations:
            o.span = _locate(doc, c.paragraph, o.text)
        found.append(c)
    return found


def gold_extractor(docs):
    for doc in docs:
        yield doc, gold_records(doc)
