"""Extraction on held-out style texts: Security Council resolutions (1967-2002, one OCR'd) and General
Assembly resolutions on other topics than the sample's. The fixtures are short excerpts and composed
paragraphs (tests/fixtures/heldout/); their gold records (tests/gold/heldout/*.jsonl: a folder of its own, since every file directly in
tests/gold pairs with a sample document) were written by
reading the texts against the spec, not from the extractor's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from resograph.extract import extract_documents, load_pipeline
from resograph.extract.scoring import keyed, mean_f1, read_jsonl, score
from resograph.read import read_document

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "fixtures" / "heldout").glob("*.txt"))
MEAN_FLOOR = 0.95  # each file; the held-out target is 0.93 on average
OVERALL_FLOOR = 0.98


@pytest.fixture(scope="module")
def extracted():
    docs = [read_document(f) for f in FIXTURES]
    return {Path(d.path).stem: records for d, records in extract_documents(docs, load_pipeline())}


def rows_for(extracted, stem):
    gold = keyed(read_jsonl(HERE / "gold" / "heldout" / f"{stem}.jsonl"), ignore_doc=True)
    system = keyed([r.to_json() for r in extracted[stem]], ignore_doc=True)
    return score(gold, system)


def test_every_fixture_has_gold():
    assert FIXTURES and all((HERE / "gold" / "heldout" / f"{f.stem}.jsonl").exists() for f in FIXTURES)


@pytest.mark.parametrize("stem", [f.stem for f in FIXTURES])
def test_quality_floor_per_heldout_file(extracted, stem):
    rows = rows_for(extracted, stem)
    assert mean_f1(rows) >= MEAN_FLOOR, {k: round(f, 3) for k, (_, _, f) in rows.items() if f < 1}


def test_quality_floor_overall(extracted):
    means = [mean_f1(rows_for(extracted, f.stem)) for f in FIXTURES]
    assert sum(means) / len(means) >= OVERALL_FLOOR, means


def record(extracted, stem, paragraph, clause=1):
    return next(r for r in extracted[stem] if r.paragraph == paragraph and r.clause == clause)


def test_second_verb_after_an_insertion_opens_a_clause(extracted):
    # `Demands that Iraq comply ..., and decides, while maintaining all its decisions, to allow Iraq ...`
    r = record(extracted, "sc678", "1", 2)
    assert (r.verb, r.strength, r.actors, r.obligations) == ("decides", 6, [], [])
    # `Decides, acting under Chapter VII of the Charter of the United Nations, that all States shall freeze ...`
    r = record(extracted, "sc_composed", "2")
    assert [a.label for a in r.actors] == ["States"]
    assert r.obligations[0].text.startswith("freeze without delay")


def test_items_after_including_extend_the_obligation(extracted):
    r = record(extracted, "sc1325", "8")
    assert [o.verb for o in r.obligations] == ["adopt"]
    assert "(a) The special needs of women" in r.obligations[0].text
    assert r.obligations[0].text.endswith("(b) Measures that support local women's peace initiatives and "
                                          "indigenous processes for conflict resolution")


def test_items_of_a_statement_ask_nothing(extracted):
    assert [(r.paragraph, r.verb, r.obligations) for r in extracted["sc242"] if r.paragraph in ("1", "2")] == [
        ("1", "affirms", []), ("2", "affirms", [])]
    assert record(extracted, "sc242", "2").modifiers == ["further"]


def test_hedge_before_the_first_to_qualifies_the_whole_request(extracted):
    r = record(extracted, "ga_composed", "2")
    assert [(o.verb, o.hedged) for o in r.obligations] == [("convene", True), ("prepare", True)]


def test_to_after_a_hedge_insertion_stays_a_purpose(extracted):
    # `take all necessary measures, in accordance with national legislation, to protect the right to health`
    r = record(extracted, "ga_composed", "12")
    assert [(o.verb, o.hedged) for o in r.obligations] == [("take", True), ("ensure", False)]
    assert r.obligations[0].text.endswith("to protect the right to health of all persons")


def test_ocr_noise(extracted):
    # `l.` for `1.`, `ail` for `all`, `lraq` for `Iraq`
    assert record(extracted, "sc_ocr", "1").verb == "affirms"
    r = record(extracted, "sc_ocr", "2")
    assert [(a.label, a.code) for a in r.actors] == [("Iraq", "IRQ"), ("Kuwait", "KWT")]
    assert [a.label for a in record(extracted, "sc_ocr", "4").actors] == ["States"]


def test_protocols_thereto(extracted):
    ids = [i.id for i in record(extracted, "sc1325", "9").instruments]
    assert {"Refugee Protocol", "CEDAW-OP", "CRC-OPAC", "CRC-OPSC"} <= set(ids) and "CRC-OPIC" not in ids
    assert [i.id for i in record(extracted, "ga_composed", "16").instruments] == ["CRPD", "CRPD-OP"]


def test_insertion_after_a_that_clause_subject(extracted):
    r = record(extracted, "sc_composed", "12")
    assert [a.label for a in r.actors] == ["parties"]
    assert [o.text for o in r.obligations] == ["immediately cease hostilities and refrain from attacks against civilians"]


def test_nouns_after_to_are_judged_by_the_lemma_tables(extracted):
    # `to communities` (a plural noun no word list names) continues `assistance to victims ..., and to ...`
    r = record(extracted, "ga_composed", "15")
    assert [o.verb for o in r.obligations] == ["provide", "integrate"]
    assert record(extracted, "ga_composed", "17").obligations[0].verb == "mainstream"


def test_pronoun_addressee_and_hyphenated_verb(extracted):
    # `Welcomes the report of the Secretary-General, and requests him to continue his efforts`
    assert [a.label for a in record(extracted, "sc_composed", "15", 2).actors] == ["Secretary-General"]
    assert record(extracted, "sc_composed", "14").obligations[0].verb == "co-operate"


def test_governments_of_several_states_and_all_concerned(extracted):
    assert [(a.label, a.code) for a in record(extracted, "sc_composed", "16").actors] == [
        ("Israel", "ISR"), ("Jordan", "JOR")]
    assert [a.label for a in record(extracted, "sc_composed", "17").actors] == ["parties"]


def test_opening_verb_misread_by_one_letter(extracted):
    r = record(extracted, "sc_ocr", "7")
    assert (r.verb, r.strength, [a.label for a in r.actors]) == ("requests", 3, ["Secretary-General"])
    assert any("read as `requests`" in m for m in r.warnings)
    assert record(extracted, "sc_ocr", "8").verb == "calls upon"
