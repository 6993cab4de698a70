"""Addressees: the `actors` component.

For each clause of `doc._.clauses` it finds who is addressed: the noun phrases
between the verb and the first top-level infinitive `to` (`Calls upon
Governments ... to`), the subject of a `that`-clause when it is an addressee
(`Demands that Iraq immediately end ...`), or a report's subject (`States are
encouraged to`). Coordinated addressees become separate actors; determiners and
quantifiers are stripped; the restrictive qualifier and `in cooperation with`
partners are kept apart. Names are found with the actor and State lexicons
(`resograph.extract.lexicon`) through the shared PhraseMatchers; an actor's label is
the phrase as printed and its lexicon label goes to `canonical` (`resolve_actor`).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from resograph.extract import lexicon
from resograph.extract.phrases import shared_phrases
from resograph.extract.wordlists import cues, words_of
from resograph.extract.words import Words, words
from resograph.extract.extensions import guarded, set_value, value

PERSONAL_PRONOUNS = ("him", "her", "them")
MAX_UNKNOWN_WORDS = 8  # an addressee the lexicons do not know is kept when it is a short noun phrase


@lru_cache(maxsize=4096)
def resolve_actor(text: str) -> tuple[tuple[str, object], ...]:
    """(key, value) pairs of the actor a printed addressee phrase names (determiners already stripped).

    `label` is the phrase as printed (the spec's rule), or the lexicon's label when that is the same words
    up to case, plural and determiners (`States parties` -> `States Parties`); `canonical` is the lexicon's
    label of a known State or actor (None otherwise), the name the graph links across documents."""
    state = lexicon.state_by_name(text)
    if state:
        known = (state.label, "member_state", state.iso3, state.m49, None)
    else:
        entry = lexicon.actor_by_alias(text)
        known = (entry.label, entry.type, None, None, entry.acronym) if entry else None
    if known is None:
        if text[:1] == "l" and text[1:2].isalpha():  # OCR reads a capital I as l: `lraq`
            fixed = resolve_actor("I" + text[1:])
            if dict(fixed)["type"] != "other":
                return fixed
        return (("label", text), ("canonical", None), ("type", "other"), ("code", None), ("m49", None),
                ("acronym", None))
    canonical, kind, code, m49, acronym = known
    printed = _without_determiners(text)
    # `all concerned` is all determiners: the lexicon's name (`parties`) is the only label it has
    label = canonical if not printed or same_words(printed, canonical) else printed
    return (("label", label), ("canonical", canonical), ("type", kind), ("code", code), ("m49", m49),
            ("acronym", acronym))


def same_words(a: str, b: str) -> bool:
    """Are two names the same words up to case, spelling variants, plural and determiners?"""
    return _name_key(a) == _name_key(b)


@lru_cache(maxsize=None)
def _determiners(cue_file: str = "cues.tsv") -> frozenset[str]:
    return frozenset(p[0] for p in cues(cue_file).get("determiner", ()) if len(p) == 1)


def _without_determiners(text: str) -> str:
    """A name that starts with determiners (`all parties to armed conflict` matched as one lexicon name)
    without them."""
    dets = _determiners()
    words = text.split()
    while words and words[0].lower() in dets:
        words.pop(0)
    return " ".join(words)


def _name_key(name: str) -> tuple[str, ...]:
    dets = _determiners()
    return tuple(_singular(w) for w in words_of(lexicon.normalise(name)) if w not in dets)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class ActorRecognizer:
    def __init__(self, nlp: Language, name: str, cues: str):
        self.name = name
        self.cue_file = cues
        self.phrases = shared_phrases(nlp)
        for entry in lexicon.actors():
            self._add(nlp, lexicon.actor_forms(entry))
        for entry in lexicon.states():
            self._add(nlp, lexicon.state_forms(entry))

    def _add(self, nlp, forms):
        for form in forms:
            self.phrases.add(self.name, "ACTOR", [nlp.make_doc(form)], "ORTH" if lexicon.is_acronym(form) else "LOWER")
            if form[:1] == "I" and form[1:2].islower():  # OCR: `lraq`, `lsrael`
                self.phrases.add(self.name, "ACTOR", [nlp.make_doc("l" + form[1:])], "ORTH")

    # -------------------------------------------------------------- mentions

    def mentions(self, doc: Doc) -> dict[int, int]:
        """start token -> end token of the longest actor name starting there."""
        best: dict[int, int] = {}
        for attr in ("LOWER", "ORTH"):
            for _, s, e in self.phrases.matches(doc, self.name, attr):
                if e > best.get(s, s):
                    best[s] = e
        return best

    def resolve(self, text: str) -> dict:
        """A canonical actor for a surface form, from the lexicons when they know it."""
        return dict(resolve_actor(text))

    # -------------------------------------------------------------- noun phrases

    def conjuncts(self, w: Words, ments: dict[int, int], a: int, b: int, known_only: bool = False):
        """Parse `X, Y and other Z ...` in [a, b): (actors, end of the coordination)."""
        actors = []
        i = w.skip(a, "determiner", b)
        if a in ments and ments[a] >= i and ments.get(i, i) <= ments[a]:
            i = a  # `all concerned` is a name of its own, not determiners
        end = a
        while i < b:
            got = self.conjunct(w, ments, i, b, known_only)
            if not got:
                break
            items, end = got
            actors += items
            if end >= b:
                break
            comma = w.low[end] == ","
            q = end + 1 if comma else end
            coordinated = q < b and w.low[q] in ("and", "or")
            if coordinated:
                q += 1
            elif q + 3 <= b and w.low[q:q + 3] == ["as", "well", "as"]:
                coordinated, q = True, q + 3
            elif not comma:
                break
            r = w.skip(q, "determiner", b)
            if r >= b:
                break
            known = r in ments or self.ellipsis(w, ments, r, b)
            if not known and (not coordinated or known_only or w.cue_at(r, "aside") or w.cue_at(r, "qualifier")
                              or w.cue_at(r, "partner")):
                break
            i = r
        return actors, end

    def ellipsis(self, w: Words, ments, i: int, b: int):
        """`intergovernmental and non-governmental organizations`: (start, end, head words) or None."""
        if i + 2 < b and w.is_word(i) and w.lower[i] and w.low[i + 1] in ("and", "or"):
            r = w.skip(i + 2, "determiner", b)
            if r in ments:
                return ments[r]
        return None

    def conjunct(self, w: Words, ments, i: int, b: int, known_only: bool):
        if i in ments and ments[i] <= b:
            e = ments[i]
            if w.low[e - 1] == "governments" and e + 1 < b and w.low[e] == "of" and e + 1 in ments:
                # `the Governments of Israel and Jordan`: each State
                states, end = self.conjuncts(w, ments, e + 1, b, known_only=True)
                if states:
                    return states, end
            return [self.actor(w, i, e)], e
        if w.low[i] in PERSONAL_PRONOUNS and (i + 1 >= b or not w.is_word(i + 1)):
            # `..., and requests him to continue ...`: the nearest actor named before the pronoun
            before = [s for s, e in ments.items() if e <= i]
            if before:
                s = max(before, key=lambda x: (ments[x], -x))  # `Member States`, not the `States` inside it
                a = self.actor(w, s, ments[s])
                a.update(start=w.idx[i], end=w.ends[i])
                return [a], i + 1
        e2 = self.ellipsis(w, ments, i, b)
        if e2:
            head = w.span_text(e2 - 1, e2)
            first = self.resolve(f"{w.span_text(i, i + 1)} {head}")
            first.update(start=w.idx[i], end=w.ends[i], qualifier=None)
            r = w.skip(i + 2, "determiner", b)
            return [first, self.actor(w, r, e2)], e2
        if known_only:
            return None
        k = i
        while k < b and w.low[k] not in (",", ";", "and", "or", "(") and not (k > i and (
                w.cue_at(k, "qualifier") or w.cue_at(k, "partner") or w.cue_at(k, "aside"))):
            k += 1
        if not (0 < k - i <= MAX_UNKNOWN_WORDS) or not w.is_word(i):
            return None
        head = next((s for s in range(i + 1, k) if ments.get(s) == k), None)
        if head is not None:  # `United Nations special rapporteurs`: a known name with modifiers before it
            a = self.actor(w, head, k)
            a["start"] = w.idx[i]
            return [a], k
        return [self.actor(w, i, k)], k

    def actor(self, w: Words, i: int, e: int) -> dict:
        a = self.resolve(w.span_text(i, e))
        a.update(start=w.idx[i], end=w.ends[e - 1], qualifier=None)
        return a

    def region(self, w: Words, ments, a: int, b: int, known_only: bool = False):
        """Addressees in [a, b): (actors, partners) with the qualifier set on the last actor."""
        partners = []
        cut = b
        for p in range(a, b):
            k = w.cue_at(p, "partner") if w.depth[p] == 0 else 0
            if k:
                partners, _ = self.conjuncts(w, ments, p + k, b)
                cut = p
                break
        actors, end = self.conjuncts(w, ments, a, cut, known_only)
        if actors and end < cut:
            qs, qe = w.trim(end, cut)
            # `the Secretary-General, within existing resources, to ...`: a hedge or insertion, no qualifier
            if qe > qs and not (w.cue_at(qs, "aside") and not w.cue_at(qs, "listing")):
                actors[-1]["qualifier"] = w.span_text(qs, qe)
        return actors, partners

    # -------------------------------------------------------------- clauses

    def first_infinitive(self, w: Words, ments: dict[int, int], a: int, b: int) -> int | None:
        """The first top-level `to` + verb, outside actor names (`all parties to armed conflict to comply`)."""
        inside_until = a
        low, depth = w.low, w.depth
        for i in range(a, b):
            e = ments.get(i)
            if e is None:
                if i < inside_until:
                    continue
            elif e > inside_until:
                inside_until = e
            if low[i] == "to" and depth[i] == 0 and (w.is_verbish(i + 1) or (i + 1 < w.n and low[i + 1] == ":")):
                return i
        return None

    MAX_INSERTION = 30

    def after_insertion(self, w: Words, j: int, end: int) -> int:
        """Past a comma-delimited insertion right after the verb (`Decides, acting under Chapter VII of the
        Charter, that ...`, `decides, while maintaining all its decisions, to allow ...`)."""
        if j >= end or w.low[j] != ",":
            return j
        for k in range(j + 1, min(end, j + self.MAX_INSERTION)):
            if w.low[k] in (";", ":"):
                break
            if w.low[k] == "," and w.depth[k] == 0:
                return k + 1
        return j

    def that_clause(self, w: Words, ments, c: dict, i: int) -> None:
        """`Demands that Iraq immediately end ...`: the subject is the actor when it is an addressee."""
        end = c["end"]
        r = w.skip(i + 1, "determiner", end)
        if r not in ments:
            return
        actors, e = self.conjuncts(w, ments, i + 1, end, known_only=True)
        if not actors:
            return
        # `Demands that all parties, including the Government, immediately cease ...`: the insertion qualifies
        e = self.after_insertion(w, e, end)
        k = e
        while k < end and not w.cue_at(k, "modal") and w.cue_at(e, "qualifier") and w.low[k] not in (";",):
            k += 1
        if k < end and w.cue_at(k, "modal"):
            if k > e:
                actors[-1]["qualifier"] = w.span_text(e, k)
            k += w.cue_at(k, "modal")
        else:
            k = e
        c["actors"] = actors
        c["obl_start"], c["bare"], c["mode"] = k, True, "that"

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        clauses = value(doc, "clauses")
        if not clauses:
            return doc
        w = words(doc, self.cue_file)
        ments = self.mentions(doc)
        doc.spans["actor_mentions"] = [Span(doc, s, e, label="ACTOR") for s, e in sorted(ments.items())]
        for c in clauses:
            frame, end = c["frame"], c["end"]
            j = self.after_insertion(w, c["verb_end"], end)
            if frame == "subject":
                s, e = c["subject"]
                actors, _ = self.region(w, ments, s, e, known_only=True)
                if actors:
                    c["actors"] = actors
                else:
                    c["drop"] = True  # `These services should be ...` is no recommendation to an actor
                continue
            if frame not in ("addressee", "that"):
                c["drop"] = c["drop"] or c["use"] == "participle"
                continue
            if j < end and w.low[j] == "that":
                self.that_clause(w, ments, c, j)
            elif frame == "addressee":
                to = self.first_infinitive(w, ments, j, end)
                if to is not None and to > j:
                    actors, partners = self.region(w, ments, j, to, known_only=c["use"] == "participle")
                    c["actors"], c["partners"], c["obl_start"] = actors, partners, to
            if c["use"] == "participle" and not c["actors"]:
                c["drop"] = True  # `encouraging efforts to ...` addresses no one
        return doc


@Language.factory("actors", default_config={"cues": "cues.tsv"})
def make_actors(nlp: Language, name: str, cues: str):
    return ActorRecognizer(nlp, name, cues)
