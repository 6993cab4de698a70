"""The grammar word lists: verbs.tsv covers the UN's operative verbs, ranks follow the spec's table."""

from __future__ import annotations

from pathlib import Path

from resograph.extract.wordlists import cues, hedges, modifiers, verb_forms

VOCAB = Path(__file__).parent / "fixtures" / "vocab" / "operative-verbs.txt"  # copy of ../shared/vocab (MIT)

SPEC_TABLE = {
    6: "decides authorizes adopts approves endorses establishes proclaims designates extends",
    5: "demands requires insists",
    4: "urges",
    3: "calls upon|requests",
    2: "encourages recommends supports",
    1: "invites|appeals to",
    0: "takes note|notes recalls reaffirms welcomes recognizes acknowledges stresses emphasizes underlines expresses "
       "condemns commends affirms reiterates declares deplores determines considers",
}


def _spec_verbs():
    for strength, verbs in SPEC_TABLE.items():
        for chunk in verbs.split("|"):
            for v in ([chunk] if " " in chunk and chunk.count(" ") == 1 and chunk.split()[1] in ("upon", "to", "note")
                      else chunk.split()):
                yield v, strength


def test_every_operative_verb_of_the_un_list_has_a_lemma_and_a_rank():
    forms = verb_forms()
    known = {f.form.split()[0] for f in forms if f.use in ("operative", "opening")} | {f.base for f in forms}
    words = [w.strip() for w in VOCAB.read_text().splitlines() if w.strip()]
    assert len(words) > 150
    assert sorted(set(words) - known) == []
    for f in forms:
        assert 0 <= f.strength <= 6 and f.verb and f.frame in ("addressee", "that", "none", "subject")


def test_the_spec_table_is_kept_verbatim():
    by_form = {f.form: f for f in verb_forms()}
    for verb, strength in _spec_verbs():
        assert by_form[verb].verb == verb and by_form[verb].strength == strength, verb
    assert by_form["calls on"].verb == "calls upon"
    assert (by_form["reiterates its call upon"].verb, by_form["reiterates its call upon"].modifier) == (
        "calls upon", "reiterates")
    assert by_form["reaffirms its demand"].verb == "demands"
    assert by_form["are encouraged to"].verb == "encourages" and by_form["should"].verb == "recommends"


def test_hedges_include_the_spec_list_and_not_international_obligations():
    phrases = {p for p, _ in hedges()}
    for h in ("as appropriate", "where appropriate", "where necessary", "to the extent possible", "when possible",
              "where possible", "wherever possible", "within existing resources", "in accordance with national "
              "legislation", "in line with domestic legislation", "in conformity with applicable national legislation",
              "in line with national law", "in accordance with applicable laws and regulations",
              "in accordance with their respective constitutional processes"):
        assert h in phrases, h
    assert not any("international" in p for p in phrases)


def test_modifiers_and_cues_load():
    assert ("with appreciation", "after", "with appreciation") in modifiers()
    c = cues()
    assert ("in", "cooperation", "with") in c["partner"] and ("co", "-", "operating") in c["qualifier"]
