"""Hedges: the `hedges` component.

Marks an obligation hedged when it contains a hedge of `hedges.tsv` (`as
appropriate`, `within existing resources`, a deference to national law), when a
hedge stands just before its `to` (`..., and, where necessary, to conduct ...`:
the hedge leaves the text of the obligation before it), or when it asks the
actors only to `consider` something.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from resograph.extract.phrases import shared_phrases
from resograph.extract.wordlists import hedges
from resograph.extract.words import words
from resograph.extract.extensions import guarded, set_value, value

SOFT_VERBS = ("consider",)


class HedgeMarker:
    def __init__(self, nlp: Language, name: str, hedges_file: str, cues: str):
        self.name = name
        self.cue_file = cues
        self.phrases = shared_phrases(nlp)
        for phrase, kind in hedges(hedges_file):
            self.phrases.add(name, kind, [nlp.make_doc(phrase)])

    def found(self, doc: Doc) -> list[tuple[int, int]]:
        spans = sorted(((s, e) for _, s, e in self.phrases.matches(doc, self.name)), key=lambda x: (x[0], x[0] - x[1]))
        out, last = [], -1
        for s, e in spans:
            if s >= last:
                out.append((s, e))
                last = e
        return out

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        clauses = value(doc, "clauses")
        if not clauses:
            return doc
        w = words(doc, self.cue_file)
        found = self.found(doc)
        doc.spans["hedges"] = [Span(doc, s, e, label="HEDGE") for s, e in found]
        for c in clauses:
            obls = c["obligations"]
            gap_start = c["verb_end"]
            # `Requests the Secretary-General, within existing resources, to convene ... and to prepare ...`:
            # a hedge between the addressees and the first `to` qualifies the whole request
            first = obls[0]["to"] if obls and obls[0]["to"] is not None else None
            whole = [(s, e) for s, e in found if first is not None and gap_start <= s and e <= first]
            for k, o in enumerate(obls):
                nxt = obls[k + 1] if k + 1 < len(obls) else None
                # a hedge at the tail that stands just before the next obligation's `to` belongs to it
                if nxt is not None and nxt["to"] is not None:
                    for s, e in reversed(found):
                        if o["start"] < s and e <= nxt["to"] and all(
                                w.low[t] == "," for t in range(e, nxt["to"])):
                            cut = w.trim(o["start"], s)[1]
                            if cut > o["start"]:
                                o["end"] = cut
                            break
                for s, e in found:
                    if (gap_start <= s and e <= o["end"]) or (k and (s, e) in whole):
                        o["hedges"].append(w.span_text(s, e))
                        o["hedge_toks"].append([s, e])
                if o["verb"] in SOFT_VERBS:
                    o["hedges"].append(o["verb"])
                    o["hedge_toks"].append([o["verb_tok"], o["verb_tok"] + 1])
                o["hedged"] = bool(o["hedges"])
                gap_start = o["end"]
        return doc


@Language.factory("hedges", default_config={"hedges": "hedges.tsv", "cues": "cues.tsv"})
def make_hedges(nlp: Language, name: str, hedges: str, cues: str):
    return HedgeMarker(nlp, name, hedges, cues)
