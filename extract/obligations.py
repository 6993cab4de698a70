"""Obligations: the `obligations` component.

Splits what a clause asks its actors to do into obligations: at each top-level
infinitive `to` (`to adopt ..., to consider ... and to eliminate ...`), at
top-level semicolons, at a repeated modal in a `that`-clause (`..., and shall
...`), and in a report's lettered recommendations at each coordinated
imperative with its own object (`..., and hold perpetrators accountable`).
A `to` is top-level when a comma, `and`, `or`, `as well as` or a semicolon
leads to it; one that follows a noun (`measures to protect`), possibly across
an insertion (`the right of X, regardless of their status, to have ...`),
belongs to the phrase before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from resograph.extract.words import Words, words
from resograph.extract.extensions import guarded, set_value, value

CONNECTIVES = (("as", "well", "as"), ("in", "this", "regard"), ("in", "this", "respect"), ("also",), ("further",),
               ("inter", "alia"))
PURPOSE = (("in", "order", "to"), ("so", "as", "to"))


class ObligationSplitter:
    def __init__(self, nlp: Language, name: str, cues: str):
        self.name = name
        self.cue_file = cues

    # -------------------------------------------------------------- split points

    def joined_to(self, w: Words, i: int, start: int) -> bool:
        """Does the `to` at token i open a new obligation (rather than continue the phrase before it)?"""
        j = i
        while True:
            k = w.phrase_ending_at(j, CONNECTIVES)
            if not k:
                break
            if w.low[j - k:j] == ["as", "well", "as"]:
                return not self.inside_purpose(w, start, j - k)
            j -= k
        j -= 1
        if j < start or w.low[j] in (";", ":"):
            return True
        if w.low[j] in ("and", "or"):
            # `, including the need to resolve ... and to regulate ...`: still inside the insertion
            return not w.cue_at(self.segment_start(w, j, start), "listing")
        if w.low[j] != ",":
            return False  # `measures to protect`
        seg = self.segment_start(w, j, start)
        if seg < j and w.cue_at(seg, "aside") and not w.cue_at(seg, "listing"):
            # `the right of X, regardless of their status, to have`: the `to` belongs to the noun before
            before = seg - 2
            return before < start or w.low[before] in ("and", "or", ";", ":")
        if seg < j and w.cue_at(seg, "listing"):
            # one `including ...` insertion closes the phrase (`..., including those in domestic work, to
            # include ...`); a nested one (`especially A, including B, to`) still describes the noun
            prev = self.segment_start(w, seg - 1, start)
            return not (prev < seg - 1 and w.cue_at(prev, "listing"))
        return not self.inside_listing(w, seg, start)

    @staticmethod
    def segment_start(w: Words, j: int, start: int) -> int:
        """The first token after the last top-level comma or semicolon before token j."""
        k = j - 1
        while k >= start and not (w.low[k] in (",", ";") and w.depth[k] == 0):
            k -= 1
        return k + 1

    def inside_listing(self, w: Words, seg: int, start: int, max_items: int = 8) -> bool:
        """`..., including A, B and C, to develop`: the `to` follows a listing insertion after a noun."""
        k, items = seg, 0
        while k - 1 > start and items < max_items:
            if w.cue_at(k, "preposition") or (items and w.low[k] in ("and", "or")):
                return False
            prev = self.segment_start(w, k - 1, start)
            if w.cue_at(prev, "listing"):
                before = prev - 2
                return before >= start and w.is_word(before) and w.low[before] not in ("and", "or")
            k, items = prev, items + 1
        return False

    def inside_purpose(self, w: Words, start: int, j: int) -> bool:
        """`in order to assist ..., as well as to aid ...`: the second infinitive continues the purpose."""
        return any(w.phrase_at(k, PURPOSE) for k in range(start, j) if w.depth[k] == 0)

    def infinitive_splits(self, w: Words, start: int, end: int) -> list[int]:
        cuts = []
        piece = start
        low, depth = w.low, w.depth
        for i in range(start + 1, end):
            word = low[i]
            if (word != "to" and word != ";") or depth[i]:
                continue
            if word == "to":
                if w.is_verbish(i + 1) and not w.phrase_ending_at(i + 1, PURPOSE) and self.joined_to(w, i, piece):
                    cuts.append(i)
                    piece = i
            elif i + 1 < end:
                nxt = i + 1 + (w.low[i + 1] == "and")
                if nxt < end and w.low[nxt] != "to" and w.is_verbish(nxt):
                    cuts.append(nxt)
                    piece = nxt
        return cuts

    def modal_splits(self, w: Words, start: int, end: int) -> list[int]:
        """`..., and shall ...` and `... and that they allow ...` open a new obligation of a `that`-clause."""
        cuts = []
        for i in range(start + 1, end):
            if w.depth[i]:
                continue
            k = w.cue_at(i, "modal")
            if k and w.low[i - 1] in ("and", ",", ";"):
                cuts.append(i + k)
            elif w.low[i] == "that" and w.low[i - 1] == "and" and w.cue_at(i + 1, "pronoun"):
                j = i + 2
                cuts.append((i - 1, j + w.cue_at(j, "modal")))
        return cuts

    def imperative_splits(self, w: Words, start: int, end: int) -> list[int]:
        cuts = []
        for i in range(start + 1, end - 1):
            if w.depth[i] or w.low[i] not in (",", ";"):
                continue
            v = i + 1 + (w.low[i + 1] == "and")
            if w.low[i] == "," and w.low[i + 1] != "and":
                continue
            if v < end and w.is_verbish(v) and not w.low[v].endswith(("ing", "ed")) \
                    and (v + 1 >= end or w.low[v + 1] not in ("to", "of")):
                cuts.append(v)
        return cuts

    # -------------------------------------------------------------- pieces

    def piece(self, w: Words, s: int, e: int, last: bool) -> dict | None:
        to = s if w.low[s] == "to" else None
        ts = s + 1 if to is not None else s
        for i in range(ts + 1, e - 1):
            # `..., while stressing that ...`: the organ speaks again; the obligation has ended
            if w.low[i] == "while" and w.low[i - 1] == "," and w.depth[i] == 0 and w.cue_at(i + 1, "organ"):
                e = i
                break
        while True:
            ts, e = w.trim(ts, e)
            k = 0 if last else w.phrase_ending_at(e, CONNECTIVES)
            if not k or e - k <= ts:
                break
            e -= k
        if e <= ts:
            return None
        v = w.first_verb(ts, e)
        verb = w.low[v] if v is not None else ""
        if v is not None and v + 2 < e and w.low[v + 1] == "-" and w.alpha[v + 2] \
                and w.char_end(v + 1) == w.char(v + 1) and w.char_end(v + 2) == w.char(v + 2):
            verb = w.span_text(v, v + 3).lower()  # `co-operate`, `re-establish`: the tokenizer splits at the hyphen
        return {"to": to, "start": ts, "end": e, "verb_tok": v, "verb": verb,
                "hedged": False, "hedges": [], "hedge_toks": []}

    def split(self, w: Words, c: dict, kind: str, item: bool) -> list[dict]:
        s, end = c["obl_start"], c["end"]
        if s >= end:
            return []
        if kind == "recommendation" and item:
            end = self.first_sentence_end(w, s, end)
            cuts = self.imperative_splits(w, s, end)
        elif c.get("mode") == "that":
            cuts = self.modal_splits(w, s, end)
        elif c["use"] == "report":  # `States should ratify ... and should ensure ...`
            cuts = sorted(set(self.modal_splits(w, s, end)) | set(self.infinitive_splits(w, s, end)),
                          key=lambda x: x if isinstance(x, int) else x[0])
        else:
            cuts = self.infinitive_splits(w, s, end)
        # a cut is a token index, or (end of the previous piece, start of the next) when words between
        # them belong to neither (`... and that they allow ...`)
        pairs = [c if isinstance(c, tuple) else (c, c) for c in cuts]
        starts = [s] + [nxt for _, nxt in pairs]
        ends = [prev for prev, _ in pairs] + [end]
        out = []
        for n, (a, b) in enumerate(zip(starts, ends)):
            p = self.piece(w, a, b, last=n == len(starts) - 1)
            if p:
                out.append(p)
        return out

    def first_sentence_end(self, w: Words, s: int, end: int) -> int:
        for i in range(s + 1, end - 1):
            if w.low[i] == "." and w.depth[i] == 0 and w.title[i + 1]:
                return i
        return end

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        clauses = value(doc, "clauses")
        if not clauses:
            return doc
        para = value(doc, "para") or {}
        w = words(doc, self.cue_file)
        spans = []
        for c in clauses:
            if c["drop"] or c["obl_start"] is None:
                continue
            c["obligations"] = self.split(w, c, para.get("kind"), bool(para.get("item")))
            spans += [Span(doc, o["start"], o["end"], label=o["verb"] or "?") for o in c["obligations"]]
        doc.spans["obligations"] = spans
        return doc


@Language.factory("obligations", default_config={"cues": "cues.tsv"})
def make_obligations(nlp: Language, name: str, cues: str):
    return ObligationSplitter(nlp, name, cues)
