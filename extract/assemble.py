"""From processed paragraphs to `Commitment` records.

The components leave plain dicts with clean-text token and character offsets
on each paragraph's Doc; here they become records with source spans (through
each Paragraph's OffsetMap). Lettered sub-paragraphs of a resolution join the
last clause of their paragraph as obligations; a report's lettered
recommendations become records of their own under the frame (actor, verb) of
the paragraph that introduces them.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from resograph.extract.wordlists import cues, english_lemmas, words_of
from resograph.extract.extensions import value
from resograph.extract.words import words
from resograph.extract.records import EVIDENCE, Actor, Commitment, Evidence, Instrument, Obligation
from resograph.read.model import FINDING, OPERATIVE, PREAMBLE, RECOMMENDATION, SUBPARAGRAPH, Document, Paragraph

EVIDENCE_VERB = "reports"  # a State reported a measure: outside the verb table, ranked with `notes`


def paragraph_context(document: Document):
    """A function giving each paragraph the plain-data context the components read (doc._.para)."""
    parents = {p.parent for p in document.paragraphs if p.parent}
    reporting = sorted({s for p in document.paragraphs for sl in p.states for s in sl.states})

    def context(p: Paragraph) -> dict:
        return {
            "kind": p.kind,
            "text": p.text,
            "number": p.number,
            "parent": p.parent,
            "item": p.kind == RECOMMENDATION and p.parent is not None,
            "has_items": p.number in parents,
            "footnotes": [[r.offset, r.marker, r.footnote.resolved if r.footnote else None] for r in p.footnotes],
            "states": [[list(sl.states), sl.start, sl.end, sl.statement_start, sl.statement_end] for sl in p.states],
            "heading": p.section[-1] if p.section else None,
            "reporting": reporting if p.kind == FINDING else [],
        }

    return context


IN_STATE = re.compile(r"(?:^|[.;]\s+)In [A-Z]")


def may_hold_records(p: Paragraph, participles: tuple[str, ...]) -> bool:
    """False for paragraphs no component can draw a record from (a preambular paragraph without any of
    the directive `participles`, a finding without a State list or an `In <State>, ...` sentence): the
    pipeline need not tokenize them."""
    if p.kind == PREAMBLE:
        low = p.text.lower()
        return any(w in low for w in participles)
    if p.kind == FINDING:
        return bool(p.states) or bool(IN_STATE.search(p.text))
    return True


class _Spans:
    """Clean-text token/char offsets of one paragraph Doc to source spans."""

    def __init__(self, p: Paragraph, doc: Doc):
        self.p, self.doc = p, doc
        self.w = words(doc)

    def chars(self, start: int, end: int) -> list[int]:
        return self.p.source_span(start, end).to_list()

    def toks(self, s: int, e: int) -> tuple[int, int]:
        if e <= s:
            c = self.w.char(s)
            return c, c
        return self.w.char(s), self.w.char_end(e)

    def text(self, s: int, e: int) -> str:
        return self.w.span_text(s, e)


def _actor(a: dict, sp: _Spans) -> Actor:
    return Actor(label=a["label"], type=a["type"], span=sp.chars(a["start"], a["end"]), qualifier=a.get("qualifier"),
                 code=a.get("code"), m49=a.get("m49"), acronym=a.get("acronym"), canonical=a.get("canonical"))


def _obligation(o: dict, sp: _Spans) -> Obligation:
    return Obligation(verb=o["verb"], text=sp.text(o["start"], o["end"]), hedged=o["hedged"], hedges=list(o["hedges"]),
                      span=sp.chars(*sp.toks(o["start"], o["end"])),
                      hedge_spans=[sp.chars(*sp.toks(s, e)) for s, e in o["hedge_toks"]])


def _instrument(i: dict, sp: _Spans) -> Instrument:
    span = sp.chars(i["start"], i["end"]) if i["start"] is not None else None
    return Instrument(id=i["id"], type=i["type"], label=i["label"], span=span, footnote=i["footnote"], unts=i["unts"])


def _commitment(document: Document, p: Paragraph, doc: Doc, c: dict, number: int) -> Commitment:
    sp = _Spans(p, doc)
    a, b = sp.toks(c["start"], c["end"])
    va, vb = sp.toks(c["start"] if c["subject"] is None else c["verb_start"], c["verb_end"])
    rec = Commitment(
        doc=document.id, section=c["section"], paragraph=p.number or "", clause=number, verb=c["verb"] or "",
        strength=c["strength"], modifiers=list(c["modifiers"]),
        actors=[_actor(x, sp) for x in c["actors"]], obligations=[_obligation(o, sp) for o in c["obligations"]],
        instruments=[_instrument(i, sp) for i in c["instruments"]], partners=[_actor(x, sp) for x in c["partners"]],
        verb_text=sp.w.text[va:vb], verb_span=sp.chars(va, vb), span=sp.chars(a, b), text=sp.w.text[a:b],
        warnings=[f"paragraph {p.number}: {w}" for w in c["warnings"]])
    if c["frame"] == "addressee" and 1 <= c["strength"] <= 5 and not rec.actors and c["section"] != "preamble":
        rec.warnings.append(f"paragraph {p.number}: no addressee found for `{rec.verb}`")
    return rec


def _merge_item(parent: Commitment, p: Paragraph, doc: Doc) -> None:
    """A resolution's lettered sub-paragraph: obligations (and instruments) of its paragraph's last clause,
    when that clause addresses someone."""
    sp = _Spans(p, doc)
    addressed = bool(parent.actors or parent.obligations)
    for c in value(doc, "clauses"):
        # items of a statement (`Affirms ... the following principles: (i) Withdrawal ...`) ask no one anything
        for o in c["obligations"] if addressed else ():
            ob = _obligation(o, sp)
            opening = c["obl_start"]
            last = parent.obligations[-1] if parent.obligations else None
            if last is not None and sp.w.low[opening] != "to" and _ends_with_listing(last.text.split(": (")[0]) \
                    and not sp.w.is_verbish(opening, allow_title=True):
                # `to adopt a gender perspective, including, inter alia: (a) The special needs ...`: the items
                # are examples inside that obligation, not new ones
                label = p.number[len(p.parent or ""):] if p.number else ""
                last.text = f"{last.text}{':' if ': (' not in last.text else ';'} {label} {ob.text}"
                last.hedged = last.hedged or ob.hedged
                last.hedges += ob.hedges
                if last.span and ob.span:
                    last.span = [last.span[0], ob.span[1]]
                continue
            gerund = english_lemmas().verb_base(ob.verb) if ob.verb.endswith("ing") else None
            if gerund:
                ob.verb = gerund  # `Strengthen their legislation by: (i) Criminalizing ...`
            elif sp.w.low[opening] != "to" and not sp.w.is_verbish(opening, allow_title=True) and parent.obligations:
                ob.verb = parent.obligations[-1].verb  # `prevent: (a) The sale ...`: objects of the last verb
            parent.obligations.append(ob)
        known = {i.id for i in parent.instruments}
        parent.instruments += [_instrument(i, sp) for i in c["instruments"] if i["id"] not in known]


def _ends_with_listing(text: str) -> bool:
    """Does an obligation end with `including`, `inter alia`, `such as` ... (the items that follow list examples)?"""
    tail = words_of(text)[-4:]
    return any(tail[len(tail) - len(c):] == c for c in cues().get("listing", ()) if len(c) <= len(tail))


def _evidence(document: Document, p: Paragraph, doc: Doc) -> list[Commitment]:
    sp = _Spans(p, doc)
    out = []
    heading = p.section[-1] if p.section else None
    for n, e in enumerate(value(doc, "evidence") or [], start=1):
        span = sp.chars(e["start"], e["end"])
        rec = Commitment(doc=document.id, section=EVIDENCE, paragraph=p.number or "", clause=n, verb=EVIDENCE_VERB,
                         strength=0, actors=[Actor(label=e["state"], type="member_state" if e["known"] else "other",
                                                   code=e["code"], m49=e["m49"])],
                         evidence=Evidence(state=e["state"], finding=e["finding"], heading=heading, span=span),
                         span=span, text=e["finding"])
        if not e["known"]:
            rec.warnings.append(f"paragraph {p.number}: `{e['state']}` is not in the State lexicon")
        out.append(rec)
    return out


SECTION_OF_KIND = {OPERATIVE: "operative", SUBPARAGRAPH: "operative", RECOMMENDATION: "recommendation",
                   PREAMBLE: "preamble", FINDING: EVIDENCE}


def assemble(document: Document, processed: list[tuple[Paragraph, Doc]]) -> list[Commitment]:
    """The records of one document from its processed paragraphs, in reading order. A paragraph on which
    a component or the assembly failed still gives its records, or one record, with the failure as a warning."""
    records: list[Commitment] = []
    last_clause: dict[str, Commitment] = {}
    parents = {q.parent for q in document.paragraphs if q.parent}
    numbers = {q.number for q in document.paragraphs if q.number}
    for p, doc in processed:
        before = len(records)
        errors = list(value(doc, "errors") or [])
        try:
            _assemble_paragraph(document, p, doc, records, last_clause, parents, numbers)
        except Exception as exc:  # noqa: BLE001 - becomes a warning on the paragraph's record
            del records[before:]
            errors.append(f"assembly failed ({type(exc).__name__}: {exc})")
        if not errors:
            continue
        warnings = [f"paragraph {p.number}: {e}" for e in errors]
        if len(records) > before:
            for r in records[before:]:
                r.warnings += warnings
        elif p.kind == SUBPARAGRAPH and p.parent in last_clause:
            last_clause[p.parent].warnings += warnings
        else:
            records.append(Commitment(doc=document.id, section=SECTION_OF_KIND.get(p.kind, "operative"),
                                      paragraph=p.number or "", clause=1, verb="", strength=0, text=p.text,
                                      warnings=warnings))
    return records


def _assemble_paragraph(document: Document, p: Paragraph, doc: Doc, records: list[Commitment],
                        last_clause: dict[str, Commitment], parents: set, numbers: set) -> None:
    clauses = [c for c in (value(doc, "clauses") or []) if not c["drop"]]
    if p.kind == FINDING:
        records += _evidence(document, p, doc)
    elif p.kind == SUBPARAGRAPH or (p.kind == RECOMMENDATION and p.parent):
        parent = last_clause.get(p.parent or "")
        nested = parent is not None and parent.paragraph == p.parent and "(" in (p.parent or "")
        if parent is None:
            if p.parent in numbers:
                return  # an item of a statement or of a preambular paragraph without a directive asks nothing
            rec = _commitment(document, p, doc, clauses[0], 1) if clauses else None
            if rec:
                rec.warnings.append(f"paragraph {p.number}: no enclosing clause for this lettered item")
                records.append(rec)
        elif p.kind == SUBPARAGRAPH or nested:
            # `21(a)` joins the last clause of 21; `58(a)(i)` joins the recommendation 58(a)
            _merge_item(parent, p, doc)
            last_clause[p.number or ""] = parent
        else:
            rec = dataclasses.replace(parent, actors=[dataclasses.replace(a) for a in parent.actors],
                                      modifiers=list(parent.modifiers), partners=list(parent.partners))
            fresh = _commitment(document, p, doc, clauses[0], 1) if clauses else None
            rec.paragraph, rec.clause = p.number or "", 1
            rec.obligations = fresh.obligations if fresh else []
            rec.instruments = fresh.instruments if fresh else []
            rec.span, rec.text = (fresh.span, fresh.text) if fresh else (None, p.text)
            rec.warnings = list(parent.warnings)  # a frame the grammar could not parse warns on its items
            records.append(rec)
            last_clause[p.number or ""] = rec
    elif p.kind in (OPERATIVE, PREAMBLE, RECOMMENDATION):
        made = [_commitment(document, p, doc, c, n) for n, c in enumerate(clauses, start=1)]
        if p.kind == RECOMMENDATION and not made:
            made = [Commitment(doc=document.id, section="recommendation", paragraph=p.number or "", clause=1,
                               verb="recommends", strength=2, text=p.text,
                               warnings=[f"paragraph {p.number}: no recommending verb or actor recognized"])]
        if made:
            last_clause[p.number or ""] = made[-1]
        if not (p.kind == RECOMMENDATION and p.number in parents):  # a frame for its items is no record
            records += made
