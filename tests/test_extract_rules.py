"""The extraction rules on composed paragraphs: Security Council style, General Assembly paragraphs on
other topics, and input the grammar cannot parse (a record with a warning, never a crash or a drop)."""

from __future__ import annotations

import pytest

from resograph.extract import extract_document, load_pipeline
from resograph.extract.extensions import value
from resograph.extract.records import Commitment
from resograph.read.model import (OPERATIVE, PREAMBLE, RECOMMENDATION, SUBPARAGRAPH, Document, OffsetMap,
                                  Paragraph)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def document(*paragraphs) -> Document:
    """A Document whose source is the paragraphs' texts joined by blank lines (kind, number, text[, parent])."""
    source, paras = "", []
    for kind, number, text, *parent in paragraphs:
        start = len(source)
        source += text + "\n\n"
        paras.append(Paragraph(kind=kind, text=text, number=number, parent=parent[0] if parent else None,
                               offsets=OffsetMap([(0, start, len(text))])))
    return Document(path="composed.txt", id="TEST", format="plain", source_text=source, paragraphs=paras)


def one(nlp, text, kind=OPERATIVE, number="1"):
    records = extract_document(document((kind, number, text)), nlp)
    return records


def summary(r):
    return (r.verb, r.strength, r.modifiers, [a.label for a in r.actors], [(o.verb, o.hedged) for o in r.obligations])


def test_decides_that_states_shall(nlp):
    [r] = one(nlp, "Decides that all States shall cooperate fully with the International Tribunal and its organs;")
    assert summary(r) == ("decides", 6, [], ["States"], [("cooperate", False)])
    assert r.obligations[0].text == "cooperate fully with the International Tribunal and its organs"


def test_demands_that_a_state(nlp):
    [r] = one(nlp, "Demands that Iraq immediately end this repression;")
    assert summary(r) == ("demands", 5, [], ["Iraq"], [("end", False)])
    assert r.actors[0].code == "IRQ"
    assert r.obligations[0].text == "immediately end this repression"


def test_that_clause_without_addressee_gives_no_actor(nlp):
    [r] = one(nlp, "Decides that the Tribunal shall sit at The Hague;")
    assert summary(r) == ("decides", 6, [], [], [])
    [r] = one(nlp, "Stresses that the primary responsibility lies with States;")
    assert summary(r) == ("stresses", 0, [], [], [])


def test_authorizes_member_states_to_use_all_necessary_means(nlp):
    [r] = one(nlp, "Authorizes Member States co-operating with the Government of Kuwait, unless Iraq on or before "
                   "15 January 1991 fully implements the above-mentioned resolutions, to use all necessary means to "
                   "uphold and implement resolution 660 (1990);")
    assert summary(r) == ("authorizes", 6, [], ["Member States"], [("use", False)])
    assert r.actors[0].qualifier.startswith("co-operating with the Government of Kuwait")
    assert r.obligations[0].text == "use all necessary means to uphold and implement resolution 660 (1990)"


def test_condemns_and_remains_seized(nlp):
    recs = extract_document(document(
        (OPERATIVE, "1", "Condemns the repression of the Iraqi civilian population in many parts of Iraq;"),
        (OPERATIVE, "2", "Decides to remain seized of the matter."),
        (OPERATIVE, "3", "Decides to establish an international tribunal for the sole purpose of prosecuting "
                         "persons responsible for serious violations of international humanitarian law;"),
        (OPERATIVE, "4", "Decides to include in the provisional agenda of its eighty-second session the item "
                         "entitled \u201cAdvancement of women\u201d.")), nlp)
    assert [summary(r) for r in recs] == [("condemns", 0, [], [], []), ("decides", 6, [], [], []),
                                          ("decides", 6, [], [], []), ("decides", 6, [], [], [])]
    assert not any(r.warnings for r in recs)


def test_repetition_verbs_take_the_repeated_directive(nlp):
    [r] = one(nlp, "Reiterates its call upon all States to refrain from any action that might aggravate the situation;")
    assert summary(r) == ("calls upon", 3, ["reiterates"], ["States"], [("refrain", False)])
    [r] = one(nlp, "Reaffirms its demand that all parties to the conflict cease hostilities immediately;")
    assert summary(r) == ("demands", 5, ["reaffirms"], ["parties to the conflict"], [("cease", False)])
    [r] = one(nlp, "Reiterates its request to the Secretary-General to report on the implementation of the present "
                   "resolution;")
    assert summary(r)[:4] == ("requests", 3, ["reiterates"], ["Secretary-General"])


def test_subparagraphs_that_are_objects_of_the_last_verb(nlp):
    recs = extract_document(document(
        (OPERATIVE, "3", "Decides that all States shall prevent:"),
        (SUBPARAGRAPH, "3(a)", "The import into their territories of all commodities originating in Iraq;", "3"),
        (SUBPARAGRAPH, "3(b)", "Any activities by their nationals which would promote the export of commodities;",
         "3")), nlp)
    [r] = recs
    assert [o.verb for o in r.obligations] == ["prevent", "prevent", "prevent"]
    assert r.obligations[1].text.startswith("The import into their territories")


def test_general_assembly_paragraph_on_another_topic(nlp):
    [r1, r2] = one(nlp, "Strongly urges Member States and the United Nations system, in cooperation with civil society, "
                        "to strengthen national child protection systems, as appropriate, and to ratify the Convention "
                        "on the Rights of the Child, and invites the Special Rapporteur on the sale of children to "
                        "continue his work within existing resources;")
    assert summary(r1) == ("urges", 4, ["strongly"], ["Member States", "United Nations system"],
                           [("strengthen", True), ("ratify", False)])
    assert [p.label for p in r1.partners] == ["civil society"]
    assert [i.id for i in r1.instruments] == ["CRC"]
    assert summary(r2) == ("invites", 1, [], ["Special Rapporteur"], [("continue", True)])
    assert r2.actors[0].qualifier == "on the sale of children"


def test_takes_note_with_appreciation(nlp):
    [r] = one(nlp, "Takes note with appreciation of the report of the Secretary-General;")
    assert summary(r) == ("takes note", 0, ["with appreciation"], [], [])


def test_preamble_directive_needs_an_addressee(nlp):
    recs = one(nlp, "Recognizing the contribution of migrants, encouraging efforts to improve public perceptions of "
                    "migration, and urging all States to protect the human rights of migrants,", kind=PREAMBLE,
               number="p4")
    assert [(r.section, r.paragraph) + summary(r) for r in recs] == [
        ("preamble", "p4", "urges", 4, [], ["States"], [("protect", False)])]


def test_report_recommendation_with_subject_and_should(nlp):
    recs = extract_document(document(
        (RECOMMENDATION, "60", "Member States are encouraged to adopt comprehensive legislation. The Secretary-General "
                               "should continue to report on progress. Such measures should be gender-responsive.")),
        nlp)
    assert [(r.section, r.clause) + summary(r) for r in recs] == [
        ("recommendation", 1, "encourages", 2, [], ["Member States"], [("adopt", False)]),
        ("recommendation", 2, "recommends", 2, [], ["Secretary-General"], [("continue", False)])]


@pytest.mark.parametrize("text", ["", "123 ### ???", "the the the", "(a)", "Notwithstanding everything, States to"])
def test_unparsable_paragraphs_give_a_record_with_a_warning(nlp, text):
    recs = extract_document(document((OPERATIVE, "9", text)), nlp)
    assert len(recs) == 1
    assert recs[0].warnings and recs[0].warnings[0].startswith("paragraph 9:")


def test_unknown_opening_verb_keeps_its_own_lemma(nlp):
    [r] = one(nlp, "Beseeches all parties to exercise restraint;")
    assert (r.verb, r.warnings[0]) == ("beseeches", "paragraph 1: no operative verb recognized at the start "
                                                     "(`beseeches all parties to`)")
    assert [a.label for a in r.actors] == ["parties"] and r.obligations[0].verb == "exercise"


def test_items_after_shall_and_to_colon_are_imperative_obligations(nlp):
    recs = extract_document(document(
        (OPERATIVE, "1", "Decides that all States shall:"),
        (SUBPARAGRAPH, "1(a)", "Prevent and suppress the financing of terrorist acts;", "1"),
        (SUBPARAGRAPH, "1(b)", "Criminalize the wilful provision or collection of funds by their nationals;", "1"),
        (OPERATIVE, "2", "Decides also that all States shall refrain from providing any form of support to entities "
                         "involved in terrorist acts;"),
        (OPERATIVE, "3", "Calls upon all States to:"),
        (SUBPARAGRAPH, "3(a)", "Find ways of intensifying the exchange of operational information;", "3")), nlp)
    assert [(r.paragraph,) + summary(r) for r in recs] == [
        ("1", "decides", 6, [], ["States"], [("prevent", False), ("criminalize", False)]),
        ("2", "decides", 6, ["also"], ["States"], [("refrain", False)]),
        ("3", "calls upon", 3, [], ["States"], [("find", False)])]
    assert not any(r.warnings for r in recs)


def test_components_leave_their_work_on_the_doc(nlp):
    doc = nlp.make_doc("Urges States, as appropriate, to adopt measures to protect migrants, and invites "
                       "the Secretary-General to report;")
    doc._.para = {"kind": OPERATIVE, "number": "1", "text": doc.text}
    doc = nlp(doc)
    assert nlp.pipe_names == ["operative_verbs", "actors", "obligations", "hedges", "instruments", "evidence"]
    assert [s.label_ for s in doc.spans["clauses"]] == ["urges", "invites"]
    first = doc.spans["clauses"][0]._.clause
    assert [a["label"] for a in first["actors"]] == ["States"] and first["obligations"][0]["hedged"] is True
    assert [s.text for s in doc.spans["hedges"]] == ["as appropriate"]
    assert [s.text for s in doc.spans["obligations"]] == ["adopt measures to protect migrants", "report"]
    # the components read and write doc._ values through doc.user_data directly: the same values
    assert doc._.clauses is value(doc, "clauses") and len(doc._.clauses) == 2


def test_later_clause_after_a_connective(nlp):
    [r1, r2] = one(nlp, "Welcomes the progress made, and in this regard encourages Member States to share good "
                        "practices;")
    assert summary(r1) == ("welcomes", 0, [], [], [])
    assert summary(r2) == ("encourages", 2, [], ["Member States"], [("share", False)])


def test_report_may_wish_to_frames_its_lettered_items(nlp):
    recs = extract_document(document(
        (RECOMMENDATION, "70", "The General Assembly may wish to:"),
        (RECOMMENDATION, "70(a)", "Call upon Member States to ratify the Convention on the Rights of the Child;", "70"),
        (RECOMMENDATION, "70(b)", "Request the Secretary-General to report at its next session.", "70")), nlp)
    assert [(r.paragraph,) + summary(r) for r in recs] == [
        ("70(a)", "recommends", 2, [], ["General Assembly"], [("call", False)]),
        ("70(b)", "recommends", 2, [], ["General Assembly"], [("request", False)])]
    assert [i.id for i in recs[0].instruments] == ["CRC"]


GARBAGE_WORDS = ("Urges States Governments to that shall ( ) , ; : . and or as well as in cooperation with regardless "
                 "of including the Decides calls upon is encouraged should In Algeria , consider where necessary "
                 "Convention , 1949 ( No. 97 ) supplementing the while stressing To with appreciation also "
                 "Reiterates its call upon encouraging Iraq Demands \u201c 123 - non-governmental").split()


def test_random_word_salad_of_every_kind_never_fails(nlp):
    import random

    rng = random.Random(2025)
    for _ in range(300):
        text = " ".join(rng.choice(GARBAGE_WORDS) for _ in range(rng.randint(0, 30)))
        kind = rng.choice([OPERATIVE, PREAMBLE, SUBPARAGRAPH, RECOMMENDATION, "finding"])
        parent = rng.choice([None, "1"])
        recs = extract_document(document((OPERATIVE, "1", "Urges States to act;"),
                                         (kind, "1(a)" if parent else "2", text, parent)), nlp)
        assert recs and not any("failed" in w for r in recs for w in r.warnings), (kind, text)


def test_a_failing_component_becomes_a_warning_on_the_record(nlp, monkeypatch):
    instruments = nlp.get_pipe("instruments")

    def broken(*args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(instruments, "mentions", broken)
    [r] = extract_document(document((OPERATIVE, "4", "Urges States to ratify the Convention;")), nlp)
    assert summary(r) == ("urges", 4, [], ["States"], [("ratify", False)])
    assert r.warnings == ["paragraph 4: instruments failed (ZeroDivisionError: boom)"]


def test_items_of_a_statement_are_no_obligations(nlp):
    [r] = extract_document(document(
        (OPERATIVE, "1", "Affirms that the fulfilment of Charter principles requires the application of both the "
                         "following principles:"),
        (SUBPARAGRAPH, "1(i)", "Withdrawal of armed forces from territories occupied in the recent conflict;", "1")),
        nlp)
    assert summary(r) == ("affirms", 0, [], [], [])


def test_more_general_assembly_and_council_forms(nlp):
    recs = extract_document(document(
        (OPERATIVE, "1", "Requests the Secretary-General, within existing resources, to submit a report;"),
        (OPERATIVE, "2", "Invites Member States and the specialized agencies, as well as civil society, including "
                         "non-governmental organizations, to observe the International Day;"),
        (OPERATIVE, "3", "Calls on all parties to armed conflict to comply with international humanitarian law;"),
        (OPERATIVE, "4", "Demands that all parties immediately cease all attacks against civilians and that they "
                         "allow safe and unhindered humanitarian access;")), nlp)
    r1, r2, r3, r4 = recs
    assert [(a.label, a.qualifier) for a in r1.actors] == [("Secretary-General", None)]
    assert r1.obligations[0].hedges == ["within existing resources"]
    assert [(a.label, a.qualifier) for a in r2.actors] == [
        ("Member States", None), ("specialized agencies", None),
        ("civil society", "including non-governmental organizations")]
    # the printed addressee is the label; the lexicon's name links it to other documents
    assert summary(r3) == ("calls upon", 3, [], ["parties to armed conflict"], [("comply", False)])
    assert [a.canonical for a in r3.actors] == ["parties to the conflict"]
    assert summary(r4) == ("demands", 5, [], ["parties"], [("cease", False), ("allow", False)])
    assert r4.obligations[0].text == "immediately cease all attacks against civilians"


def test_report_author_recommends_and_should_twice(nlp):
    recs = extract_document(document(
        (RECOMMENDATION, "80", "The Secretary-General recommends that Member States:"),
        (RECOMMENDATION, "80(a)", "Ratify the Convention on the Rights of the Child;", "80"),
        (RECOMMENDATION, "81", "States should consider ratifying the Convention and should ensure that migrants "
                               "have access to justice.")), nlp)
    assert [(r.paragraph,) + summary(r) for r in recs] == [
        ("80(a)", "recommends", 2, [], ["Member States"], [("ratify", False)]),
        ("81", "recommends", 2, [], ["States"], [("consider", True), ("ensure", False)])]


def test_nested_items_and_items_of_statements(nlp):
    recs = extract_document(document(
        (PREAMBLE, "p1", "Recalling the following principles:"),
        (SUBPARAGRAPH, "p1(a)", "Respect for the sovereignty of States;", "p1"),
        (OPERATIVE, "1", "Calls upon all States to:"),
        (SUBPARAGRAPH, "1(a)", "Strengthen their legislation by:", "1"),
        (SUBPARAGRAPH, "1(a)(i)", "Criminalizing trafficking in persons;", "1(a)"),
        (RECOMMENDATION, "9", "States are encouraged to:"),
        (RECOMMENDATION, "9(a)", "Adopt national action plans, including:", "9"),
        (RECOMMENDATION, "9(a)(i)", "Ensure funding for shelters;", "9(a)")), nlp)
    assert [(r.section, r.paragraph) + summary(r) for r in recs] == [
        ("operative", "1", "calls upon", 3, [], ["States"], [("strengthen", False), ("criminalize", False)]),
        ("recommendation", "9(a)", "encourages", 2, [], ["States"], [("adopt", False), ("ensure", False)])]
    assert not any(r.warnings for r in recs)


def test_actor_label_is_the_printed_phrase_and_the_lexicon_name_is_canonical(nlp):
    r1, r2, r3, r4 = extract_document(document(
        (OPERATIVE, "1", "Requests the Committee on Migrant Workers to consider the report;"),
        (OPERATIVE, "2", "Calls upon States parties to implement the Convention;"),
        (OPERATIVE, "3", "Demands that the Government of Iraq withdraw its forces;"),
        (OPERATIVE, "4", "Calls upon all concerned to exercise restraint;")), nlp)
    got = [(a.label, a.canonical, a.type, a.code) for r in (r1, r2, r3, r4) for a in r.actors]
    assert got == [
        ("Committee on Migrant Workers",
         "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
         "treaty_body", None),
        ("States Parties", "States Parties", "group_of_states", None),  # same words: the lexicon's spelling
        ("Government of Iraq", "Iraq", "member_state", "IRQ"),
        ("parties", "parties", "other_actor", None),  # `all concerned` is all determiners
    ]
    details = r1.to_json()["actor_details"][0]
    assert details["canonical"].startswith("Committee on the Protection")
    assert Commitment.from_json(r1.to_json()).actors[0].canonical == details["canonical"]


def test_an_actor_the_lexicons_do_not_know_has_no_canonical_name(nlp):
    [r] = one(nlp, "Urges migrant-led grassroots networks to share information;")
    assert [(a.label, a.canonical, a.type) for a in r.actors] == [("migrant-led grassroots networks", None, "other")]
