"""Implementation evidence in a report: the `evidence` component.

In a finding paragraph, each State of a parenthesised list after a statement
(`... capacity-building to government officials (Algeria, Argentina and
Chile)`) reported that measure, and a sentence `In <State>, ...` reports a
measure of a State the report lists among those reporting. Writes
`doc._.evidence`: one dict per (State, statement).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from resograph.extract import lexicon
from resograph.extract.phrases import shared_phrases
from resograph.extract.words import words
from resograph.extract.extensions import guarded, set_value, value


PARENTHESES = re.compile(r"\s*\([^()]*\)")
SENTENCE_END = re.compile(r"\.(?=\s+[A-Z]|\s*$)")


@lru_cache(maxsize=4096)
def _state(name: str):
    return lexicon.state_by_name(name)


class EvidenceFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.phrases = shared_phrases(nlp)
        for entry in lexicon.states():
            self.phrases.add(name, "STATE", [nlp.make_doc(f) for f in lexicon.state_forms(entry)])

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        para = value(doc, "para") or {}
        if para.get("kind") != "finding":
            return doc  # doc._.evidence stays None: no evidence outside a report's findings
        found = []
        w = words(doc)
        text = w.text
        for states, ls, le, st, en in para.get("states") or []:
            nxt = min((x[1] for x in para["states"] if x[1] > ls), default=len(text))
            start, end, finding = self.statement(text[:nxt], ls, le, st, en)
            for name in states:
                found.append(self.record(name, start, end, finding))
        reporting = set(para.get("reporting") or [])
        for _, s, e in self.phrases.matches(doc, self.name):
            if s == 0 or w.low[s - 1] != "in" or e >= w.n or w.low[e] != ",":
                continue
            if s - 1 > 0 and w.low[s - 2] not in (".", ";"):
                continue
            state = _state(w.span_text(s, e))
            if state is None or state.label not in reporting:
                continue
            st = w.idx[s - 1]
            end = next((w.idx[k] + 1 for k in range(e, w.n - 1) if w.low[k] == "." and w.title[k + 1]), len(text))
            found.append(self.record(state.label, st, end, text[st:end].strip()))
        set_value(doc, "evidence", found)
        return doc

    @staticmethod
    def statement(text: str, list_start: int, list_end: int, st: int, en: int) -> tuple[int, int, str]:
        """The statement a State list qualifies: before the list, and the rest of the sentence when the list
        stands inside it (`Many of the reporting States (Algeria, ...) provide services ...`)."""
        head = " ".join(PARENTHESES.sub("", text[st:en]).split())
        rest = text[list_end:]
        lead = rest.lstrip()
        if not lead or lead[0] in ".;,:" or lead.startswith(("and ", "or ")):
            return st, en, head + "."
        m = SENTENCE_END.search(rest)
        tail = rest[:m.start() + 1] if m else rest
        tail = tail.rstrip(" ,(")
        tail = tail if tail.rstrip().endswith(".") else tail.rstrip() + "."
        return st, list_end + len(tail), " ".join((head + " " + tail.strip()).split())

    def record(self, name: str, start: int, end: int, text: str) -> dict:
        state = _state(name)
        return {"state": state.label if state else name, "code": state.iso3 if state else None,
                "m49": state.m49 if state else None, "start": start, "end": end, "finding": text,
                "known": state is not None}


@Language.factory("evidence")
def make_evidence(nlp: Language, name: str):
    return EvidenceFinder(nlp, name)
