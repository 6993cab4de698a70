"""Instruments: the `instruments` component.

Finds the treaties, declarations, programmes, compacts and agendas named in
each clause: names and aliases of the instrument lexicon (shared phrase matching), ILO
citations by number (`..., 1981 (No. 156)`, regular expressions from
`instrument_patterns.jsonl`), and footnotes that point to one (`Treaty Series,
vol. 2220, No. 39481` gives ICRMW, `Resolution 73/195, annex` the Global
Compact for Migration, an unlisted `Resolution 68/4` gives `A/RES/68/4`).
An instrument named only inside another's title (`..., supplementing the United
Nations Convention against Transnational Organized Crime`) is not listed.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from resograph.extract import lexicon
from resograph.extract.phrases import shared_phrases
from resograph.extract.wordlists import lexicon_path
from resograph.extract.words import Words, words
from resograph.extract.extensions import guarded, set_value, value

RESOLUTION_FOOTNOTE = re.compile(r"^\s*(?:See\s+)?(?:General Assembly\s+)?resolutions?\s+((?:E?S-)?\d{1,3}/\d{1,4})",
                                 re.IGNORECASE)
INSIDE_TITLE = (("supplementing", "the"), ("supplementing",), ("protocol", "to", "the"), ("protocols", "to", "the"),
                ("protocols", "thereto"))
ILO_NUMBER = re.compile(r"\bNo\b")  # the ILO patterns need `No.`: skip the Matcher without it
MARKER_SLACK = 3  # characters between a name and its footnote marker (`Families,¹⁸`)


def instrument_dict(entry, start=None, end=None, footnote=None) -> dict:
    return {"id": entry.id, "type": entry.type, "label": entry.label, "start": start, "end": end,
            "footnote": footnote, "unts": entry.unts.citation() if entry.unts else None}


@lru_cache(maxsize=4096)
def footnote_instruments(resolved: str) -> tuple:
    """The instruments a resolved footnote cites; an unlisted `Resolution 68/4` gives A/RES/68/4."""
    cited = lexicon.cited_instruments(resolved)
    if cited:
        return tuple(cited)
    m = RESOLUTION_FOOTNOTE.match(resolved)
    if m:
        ident = f"A/RES/{m.group(1)}"
        return (lexicon.InstrumentEntry(ident, "resolution", ident, (), None, None, (ident,)),)
    return ()


@lru_cache(maxsize=None)
def protocols_of(parent_id: str) -> tuple:
    """The protocols of an instrument, oldest first: `Optional Protocol to the <its title>`, `... supplementing
    the <its title>`, or the title with `Protocol` for `Convention` (`Protocol relating to the Status of Refugees`);
    collective entries (`Protocols Additional to ...`) are left out."""
    parent = next((e for e in lexicon.instruments() if e.id == parent_id), None)
    if parent is None:
        return ()
    titles = {t.lower() for t in (parent.label, *parent.aliases)}
    kids = []
    for e in lexicon.instruments():
        label = e.label.lower()
        if e.type != "protocol" or e.id == parent_id or label.startswith("protocols "):
            continue
        if any(f"to the {t}" in label or f"supplementing the {t}" in label for t in titles) \
                or label.replace("protocol", "convention", 1) in titles:
            kids.append(e)
    return tuple(sorted(kids, key=lambda e: e.year or 0))


class InstrumentRecognizer:
    def __init__(self, nlp: Language, name: str, patterns: str):
        self.name = name
        self.phrases = shared_phrases(nlp)
        self.entries = {}
        for entry in lexicon.instruments():
            self.entries[entry.id] = entry
            for form in lexicon.instrument_forms(entry):
                self.phrases.add(name, entry.id, [nlp.make_doc(form)], "ORTH" if lexicon.is_acronym(form) else "LOWER")
        self.patterns = []  # (compiled regex with a `number` group, id template, type)
        with open(lexicon_path(patterns), encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    p = json.loads(line)
                    self.patterns.append((re.compile(p["regex"]), p["id"], p["type"]))

    def mentions(self, doc: Doc, w: Words) -> list[tuple[int, int, object]]:
        found = []
        for attr in ("LOWER", "ORTH"):
            for ident, s, e in self.phrases.matches(doc, self.name, attr):
                found.append((s, e, self.entries[ident]))
        for regex, template, kind in self.patterns if ILO_NUMBER.search(w.text) else ():
            for m in regex.finditer(w.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                ident = template.format(number=int(m.group("number")))
                entry = lexicon.instrument_by_alias(ident) or lexicon.InstrumentEntry(ident, kind, ident, (), None, None, ())
                found.append((span.start, span.end, entry))
        found.sort(key=lambda x: (x[0], x[0] - x[1]))
        out, last = [], -1
        for s, e, entry in found:
            if s < last:
                continue
            before = tuple(w.low[max(0, s - 3):s])
            if any(before[len(before) - len(p):] == p for p in INSIDE_TITLE):
                protocol = self.protocol_of(entry) if before[-2:] == ("to", "the") else None
                if protocol is None:
                    last = e
                    continue
                entry = protocol
            out.append((s, e, entry))
            last = e
        if "thereto" in w.low:
            out = sorted(out + self.thereto(w, out), key=lambda x: x[0])
        return out

    THERETO_REACH = 40  # tokens between an instrument's name and `the Protocol thereto`
    COUNTS = {"two": 2, "three": 3, "four": 4}

    def thereto(self, w: Words, found: list) -> list:
        """`the Convention on the Elimination ... of 1979 and the Optional Protocol thereto of 1999`: the
        protocols of the instrument named just before (`the two Optional Protocols thereto`: the first two)."""
        out = []
        for t in range(2, w.n):
            if w.low[t] != "thereto" or w.low[t - 1] not in ("protocol", "protocols"):
                continue
            if any(s <= t - 1 < e for s, e, _ in found):
                continue  # already named (`the Additional Protocols thereto`)
            parent = next((x for x in reversed(found) if x[1] <= t - 1 and t - x[1] <= self.THERETO_REACH), None)
            if parent is None:
                continue
            children = protocols_of(parent[2].id)
            start = t - 1
            while start > 0 and w.low[start - 1] in ("optional", "additional", *self.COUNTS):
                start -= 1
            if w.low[t - 1] == "protocol":
                children = children[:1]
            elif w.low[start] in self.COUNTS:
                children = children[:self.COUNTS[w.low[start]]]
            out += [(start, t + 1, child) for child in children]
        return out

    def protocol_of(self, entry):
        """`Protocol to the Forced Labour Convention, 1930 (No. 29)` is ILO P029."""
        m = re.fullmatch(r"ILO C(\d{3})", entry.id)
        return lexicon.instrument_by_alias(f"ILO P{m.group(1)}") if m else None

    def from_footnote(self, resolved: str):
        return footnote_instruments(resolved)


    @guarded
    def __call__(self, doc: Doc) -> Doc:
        clauses = value(doc, "clauses")
        if not clauses:
            return doc
        para = value(doc, "para") or {}
        w = words(doc)
        mentions = self.mentions(doc, w)
        doc.spans["instruments"] = [Span(doc, s, e, label=entry.id) for s, e, entry in mentions]
        notes = para.get("footnotes") or []
        for c in clauses:
            a, b = w.char(c["start"]), w.char_end(c["end"])
            found: dict[str, dict] = {}
            for s, e, entry in mentions:
                if a <= w.idx[s] < b and entry.id not in found:
                    found[entry.id] = instrument_dict(entry, w.idx[s], w.ends[e - 1])
            for offset, _marker, resolved in notes:
                if not (a < offset <= b + MARKER_SLACK) or not resolved:
                    continue
                named = [d for d in found.values() if d["end"] is not None and 0 <= offset - d["end"] <= MARKER_SLACK]
                for entry in self.from_footnote(resolved):
                    if named and entry.type == "resolution" and named[0]["id"] != entry.id:
                        continue  # the footnote gives the symbol of an instrument already named
                    d = found.get(entry.id)
                    if d is None:
                        found[entry.id] = d = instrument_dict(entry, footnote=resolved)
                    d["footnote"] = d["footnote"] or resolved
                for d in named:
                    d["footnote"] = d["footnote"] or resolved
                    for u in lexicon.unts_citations(resolved):
                        d["unts"] = d["unts"] or u.citation()
            c["instruments"] = list(found.values())
        return doc


@Language.factory("instruments", default_config={"patterns": "instrument_patterns.jsonl"})
def make_instruments(nlp: Language, name: str, patterns: str):
    return InstrumentRecognizer(nlp, name, patterns)
