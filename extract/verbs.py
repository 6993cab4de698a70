"""Operative verbs and clauses: the `operative_verbs` component.

Finds the verb forms of `verbs.tsv` (shared phrase matching, `phrases.py`) and decides which of
them open a clause: a paragraph's opening verb, a later third-person verb joined
by a comma, `and` or a semicolon, a preambular participle that embeds a
directive (`..., and calling upon States to ...`), and in a report's
recommendations a subject followed by `is encouraged to` or `should`.
Writes `doc._.clauses` (plain dicts, token offsets) and the span group
`doc.spans["verbs"]`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from resograph.extract.phrases import shared_phrases
from resograph.extract.wordlists import modifiers, verb_forms
from resograph.extract.words import Words, words
from resograph.extract.extensions import guarded, set_value, value

SECTION_OF_KIND = {"operative": "operative", "recommendation": "recommendation", "preamble": "preamble",
                   "subparagraph": "operative"}


def new_clause(**kw) -> dict:
    c = {"start": 0, "end": 0, "verb_start": 0, "verb_end": 0, "verb": None, "strength": 0, "frame": "none",
         "use": "operative", "modifiers": [], "section": "operative", "subject": None, "obl_start": None,
         "bare": False, "actors": [], "partners": [], "obligations": [], "instruments": [], "warnings": [],
         "drop": False, "that": None}
    c.update(kw)
    return c


def one_edit(a: str, b: str) -> bool:
    """Are two different words one substitution, insertion or deletion apart?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


class OperativeVerbs:
    def __init__(self, nlp: Language, name: str, verbs: str, modifiers_file: str, cue_file: str):
        self.name = name
        self.cue_file = cue_file
        self.forms = {}
        self.phrases = shared_phrases(nlp)
        for vf in verb_forms(verbs):
            self.forms.setdefault(vf.form, vf)
        for form, vf in self.forms.items():
            self.phrases.add(name, form, [nlp.make_doc(form)])
        self.by_first_word: dict[str, list] = {}
        for vf in self.forms.values():
            if vf.use in ("operative", "opening"):
                self.by_first_word.setdefault(vf.form.split()[0], []).append(vf)
        mods = modifiers(modifiers_file)
        self.before = tuple(sorted((tuple(p.split()) for p, pos, _ in mods if pos == "before"), key=len, reverse=True))
        self.after = tuple(sorted((tuple(p.split()) for p, pos, _ in mods if pos == "after"), key=len, reverse=True))
        self.canonical = {tuple(p.split()): c for p, _, c in mods}

    def matches(self, doc: Doc) -> list[tuple[int, int, object]]:
        found = sorted(((s, e, self.forms[form]) for form, s, e in self.phrases.matches(doc, self.name)),
                       key=lambda x: (x[0], -(x[1] - x[0])))
        out, last_end = [], -1
        for s, e, vf in found:
            if s >= last_end:
                out.append((s, e, vf))
                last_end = e
        return out

    def modifiers_before(self, w: Words, i: int) -> tuple[int, list[str]]:
        """Walk back over modifiers before token i: (new start, modifiers in reading order)."""
        mods = []
        while True:
            k = w.phrase_ending_at(i, self.before)
            if not k:
                break
            mods.insert(0, self.canonical[tuple(w.low[i - k:i])])
            i -= k
        return i, mods

    def modifiers_after(self, w: Words, j: int, inside: bool) -> tuple[int, list[str]]:
        """`takes note with appreciation`, and modifiers put after the verb (`Decides also that ...`) when
        `inside` (not after a report's `should`: `should further strengthen` keeps `further` in the obligation)."""
        mods = []
        while True:
            k = w.phrase_at(j, self.after) or (inside and w.phrase_at(j, self.before))
            if not k:
                break
            mods.append(self.canonical[tuple(w.low[j:j + k])])
            j += k
        return j, mods

    def clause_at(self, w: Words, s: int, e: int, vf, section: str) -> dict:
        start, before = self.modifiers_before(w, s)
        verb_end, after = self.modifiers_after(w, e, inside=vf.use in ("operative", "opening"))
        mods = ([vf.modifier] if vf.modifier else []) + before + after
        inner = [m for m in mods if m]
        return new_clause(start=start, verb_start=s, verb_end=verb_end, verb=vf.verb, strength=vf.strength,
                          frame=vf.frame, use=vf.use, modifiers=inner, section=section)

    def joined(self, w: Words, start: int) -> bool:
        """Is a verb at `start` (modifiers already skipped) joined to what precedes by `,`, `and` or `;`,
        possibly across a connective (`..., and in this regard encourages ...`)?"""
        connectives = w.cues.get("connective", ())
        while True:
            k = w.phrase_ending_at(start, connectives)
            if not k:
                break
            start -= k
            if start > 0 and w.low[start - 1] == ",":
                start -= 1
        return start > 0 and w.low[start - 1] in (",", ";", "and")

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        para = value(doc, "para") or {}
        kind = para.get("kind", "operative")
        section = SECTION_OF_KIND.get(kind)
        if section is None:
            set_value(doc, "clauses", [])
            return doc  # a report's finding: no clauses (the `evidence` component reads it)
        found = self.matches(doc)
        if kind == "preamble" and not any(vf.use == "participle" and vf.frame != "none" for _, _, vf in found):
            set_value(doc, "clauses", [])
            return doc  # most preambular paragraphs embed no directive
        w = words(doc, self.cue_file)
        clauses: list[dict] = []
        if kind == "operative":
            clauses = self.operative(w, found, section)
        elif kind == "preamble":
            clauses = self.preamble(w, found)
        elif kind == "recommendation" and not para.get("item"):
            clauses = self.report(w, found)
        else:
            # a lettered item: obligations only; the enclosing clause supplies verb and actors
            clauses = [new_clause(start=0, end=len(doc), obl_start=0, bare=True, frame="item", section=section)]
        for k, c in enumerate(clauses):
            nxt = clauses[k + 1]["start"] if k + 1 < len(clauses) else len(doc)
            c["end"] = w.trim(c["start"], nxt)[1] if k + 1 < len(clauses) else nxt
        set_value(doc, "clauses", clauses)
        doc.spans["verbs"] = [Span(doc, s, e, label=vf.verb) for s, e, vf in found]
        doc.spans["clauses"] = [Span(doc, c["start"], c["end"], label=c["verb"] or "?") for c in clauses
                                if c["end"] > c["start"]]
        return doc

    def operative(self, w: Words, found, section) -> list[dict]:
        clauses = []
        # the opening verb: modifiers, then a verb form at the paragraph start
        lead = 0
        while True:
            k = w.phrase_at(lead, self.before)
            if not k:
                break
            lead += k
        opening = next(((s, e, vf) for s, e, vf in found if s == lead and vf.use in ("operative", "opening")), None)
        misread = None
        if opening is None:
            opening = misread = self.misread_opening(w, lead)
        if opening:
            clauses.append(self.clause_at(w, *opening, section))
            if misread:
                clauses[-1]["warnings"].append(f"opening `{w.span_text(misread[0], misread[1])}` read as "
                                               f"`{misread[2].form}` (one letter off)")
        else:
            word = w.low[lead] if lead < w.n else ""
            c = new_clause(start=0, verb_start=lead, verb_end=min(lead + 1, w.n), verb=word, strength=0,
                           frame="addressee", section=section)
            c["warnings"].append(f"no operative verb recognized at the start (`{' '.join(w.low[:4])}`)")
            clauses.append(c)
        for s, e, vf in found:
            if s <= clauses[0]["verb_start"] or vf.use != "operative" or w.depth[s]:
                continue
            start, _ = self.modifiers_before(w, s)
            if not self.joined(w, start) or e >= w.n or not (w.is_word(e) or w.low[e] in ("(", "\u201c", '"', ",")):
                continue
            clauses.append(self.clause_at(w, s, e, vf, section))
        return clauses

    MIN_MISREAD = 5  # shorter words are too close to each other to correct (`notes`/`votes`)

    def misread_opening(self, w: Words, lead: int):
        """An opening verb OCR misread by one letter (`Reguests`, `Urqes`, `Deeides`): the one operative form
        whose first word is one substitution, insertion or deletion away and whose other words follow."""
        if lead >= w.n or not w.is_word(lead) or len(w.low[lead]) < self.MIN_MISREAD:
            return None
        word = w.low[lead]
        hits = []
        for first, forms in self.by_first_word.items():
            if abs(len(first) - len(word)) <= 1 and one_edit(word, first):
                for vf in forms:
                    rest = vf.form.split()[1:]
                    if w.low[lead + 1:lead + 1 + len(rest)] == rest:
                        hits.append((lead, lead + 1 + len(rest), vf))
        if len({h[2].form.split()[0] for h in hits}) != 1:
            return None  # nothing close, or ambiguous
        return max(hits, key=lambda h: h[1])

    def preamble(self, w: Words, found) -> list[dict]:
        clauses = []
        for s, e, vf in found:
            if vf.use != "participle" or w.depth[s]:
                continue
            start, _ = self.modifiers_before(w, s)
            if start == 0 or self.joined(w, start):
                clauses.append(self.clause_at(w, s, e, vf, "preamble"))
        return clauses

    MAX_REPORTING_SUBJECT = 6  # `The Secretary-General recommends that ...`: words before a third-person verb

    def report(self, w: Words, found) -> list[dict]:
        clauses = []
        for s, e, vf in found:
            if w.depth[s]:
                continue
            subj = s
            while subj > 0 and w.low[subj - 1] not in (".", ";", ":"):
                subj -= 1
            if vf.use in ("operative", "opening") and vf.frame in ("addressee", "that") \
                    and 0 < s - subj <= self.MAX_REPORTING_SUBJECT and w.title[subj]:
                # the report's author speaks: `The Secretary-General recommends that Member States ...`
                c = self.clause_at(w, s, e, vf, "recommendation")
                c["start"] = subj
                clauses.append(c)
                continue
            if vf.use != "report" or (clauses and clauses[-1]["start"] == subj):
                continue  # a second `should` of the same sentence continues its obligations
            c = self.clause_at(w, s, e, vf, "recommendation")
            c.update(start=subj, subject=[subj, s], obl_start=e - 1 if w.low[e - 1] == "to" else e,
                     bare=w.low[e - 1] != "to")
            clauses.append(c)
        return clauses


@Language.factory("operative_verbs", default_config={"verbs": "verbs.tsv", "modifiers": "modifiers.tsv",
                                                     "cues": "cues.tsv"})
def make_operative_verbs(nlp: Language, name: str, verbs: str, modifiers: str, cues: str):
    return OperativeVerbs(nlp, name, verbs, modifiers, cues)
