"""The reader's parts on small inputs: cleaning engine, hyphenation, Ibid., openings lexicon, state lists, catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from resograph.read import Catalogue, ReadError, load_default_catalogue, read_document
from resograph.read import model as m
from resograph.read.clean import Hyphenation, clean_regions
from resograph.read.footnotes import _apply_ibid, resolve_ibid
from resograph.read.model import Footnote
from resograph.read.openings import find_opening, load_lexicon
from resograph.read.states import find_state_lists, names_former_states, resolve_state

VOCAB = Path(__file__).parent / "fixtures" / "read"  # copies of the shared reference verb lists


def clean(text: str, document: str | None = None):
    return clean_regions(text, [(0, len(text))], Hyphenation(document if document is not None else text))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("*Urges* States to act;", "Urges States to act;"),
        ("in its resolution [73/195](#) of 19 December", "in its resolution 73/195 of 19 December"),
        ("[A/CONF.157/24 \\(Part I\\)](#), chap. III.", "A/CONF.157/24 (Part I), chap. III."),
        ("Women,¹ and the World Summit⁴⁰ and", "Women, and the World Summit and"),
        ("27 Member States, <sup>1</sup> 1 regional commission", "27 Member States, 1 regional commission"),
        ("line one\nline   two\tthree", "line one line two three"),
        ("Report of the Secretary-General\\*\\*", "Report of the Secretary-General"),
        ("a [DU1]word", "a word"),
    ],
)
def test_markup_and_markers_removed(source, expected):
    assert clean(source).text == expected


def test_markers_keep_their_clean_offsets():
    c = clean("Recalling the Declaration,¹ the Conference² and <sup>3</sup> others,")
    assert c.text == "Recalling the Declaration, the Conference and others,"
    assert [(mk, c.text[:off][-12:]) for mk, off in c.markers] == [("1", "Declaration,"), ("2", "e Conference"), ("3", "nference and")]


def test_glued_numbers_are_markers_only_in_sequence():
    from resograph.read.structure import MarkerSequence

    text = "Women,1 and 40.7 per cent in 2011,2 with G7 and Relations,3 then Women,1 again; No.4 or see A/66/1 and paragraph 5"
    markers = MarkerSequence({"1", "2", "3", "4", "5", "7"})
    c = clean_regions(text, [(0, len(text))], None, markers)
    assert c.text == "Women, and 40.7 per cent in 2011, with G7 and Relations, then Women, again; No.4 or see A/66/1 and paragraph 5"
    assert [mk for mk, _ in c.markers] == ["1", "2", "3", "1"]


def test_pdf_marker_artifact():
    c = clean("against Women, 0F\n\n1 \n\nand the Summit 4F\n\n5 and their")
    assert c.text == "against Women, and the Summit and their"
    assert [mk for mk, _ in c.markers] == ["1", "5"]


@pytest.mark.parametrize(
    "source, document_extra, expected",
    [
        ("gender-\nsensitive", "", "gender-sensitive"),  # compound prefix
        ("rights-\nbased", "", "rights-based"),  # compound suffix
        ("vulner-\nable", "", "vulnerable"),  # a broken word
        ("inter-\nnational", "", "international"),
        ("care-\ngivers", " caregivers are many", "caregivers"),  # joined form printed elsewhere
        ("care-\ngivers", " care-givers are many", "care-givers"),  # hyphenated form printed elsewhere
        ("UN-\nWomen", "", "UN-Women"),  # capital after the break: a real hyphen
    ],
)
def test_line_end_hyphens(source, document_extra, expected):
    assert clean(source, source + document_extra).text == expected


def test_offsets_map_back_to_printed_words():
    source = "  1. *Calls upon* States,²\n   to act [now](#);"
    c = clean_regions(source, [(5, len(source))], Hyphenation(source))
    assert c.text == "Calls upon States, to act now;"
    for word in ("Calls", "upon", "States", "to", "act", "now"):
        start = c.text.index(word)
        span = c.offsets.span(start, start + len(word))
        assert source[span.start:span.end] == word


def test_ibid_replaces_locators_of_the_previous_citation():
    prev = "United Nations, Treaty Series, vol. 2237, No. 39574."
    assert _apply_ibid(prev, "vol. 2241, No. 39574.") == "United Nations, Treaty Series, vol. 2241, No. 39574."
    assert _apply_ibid(prev, "") == prev
    ecosoc = "Official Records of the Economic and Social Council, 2017, Supplement No. 7 (E/2017/27), chap. I, sect. A."
    assert _apply_ibid(ecosoc, "2013, Supplement No. 7 (E/2013/27), chap. I, sect. A.") == (
        "Official Records of the Economic and Social Council, 2013, Supplement No. 7 (E/2013/27), chap. I, sect. A."
    )
    notes = [Footnote("7", t, t) for t in (prev, "Ibid., vol. 1577, No. 27531.", "Ibid.")]
    resolve_ibid(notes)
    assert [n.resolved for n in notes[1:]] == ["United Nations, Treaty Series, vol. 1577, No. 27531."] * 2


@pytest.mark.parametrize(
    "text, kind, opening",
    [
        ("Reaffirming also the provisions", "preamble", "Reaffirming also"),
        ("Taking note with appreciation of the report", "preamble", "Taking note with appreciation"),
        ("Deeply concerned that", "preamble", "Deeply concerned"),
        ("Expressing grave concern that", "preamble", "Expressing grave concern"),
        ("Bearing in mind that", "preamble", "Bearing in mind"),
        ("Also strongly urges Governments", "operative", "Also strongly urges"),
        ("Takes note with appreciation of the report", "operative", "Takes note with appreciation of"),
        ("Calls upon States", "operative", "Calls upon"),
        ("Decides to remain seized", "operative", "Decides"),
        ("Deprecates strongly the", "operative", "Deprecates"),
        ("Beseeches all parties", "operative", "Beseeches"),  # not in the lexicon: the fallback finds the verb
        ("recalling its resolution", "preamble", None),  # lower case: not a paragraph opening
    ],
)
def test_openings(text, kind, opening):
    assert find_opening(text, kind) == opening


def _vocab(name: str) -> list[str]:
    return (VOCAB / name).read_text().split()


def test_lexicon_covers_the_reference_verb_lists():
    lexicon = load_lexicon()
    pre = {t for phrase in lexicon["preamble"] for t in phrase.split()}
    op = {t for phrase in lexicon["operative"] for t in phrase.split()}
    known_typos = {"deternied"}  # "determined" is covered; the reference list misspells it
    assert [w for w in _vocab("preambular-verbs.txt") if w not in pre and w not in known_typos] == []
    assert [w for w in _vocab("operative-verbs.txt") if not ({w, w + "s", w + "es"} & op)] == []


def test_state_lists():
    text = "Several States (Croatia, Cyprus, Republic of Moldova and Serbia) reported measures (see annex)."
    (sl,) = find_state_lists(text)
    assert sl.states == ["Croatia", "Cyprus", "Republic of Moldova", "Serbia"]
    assert text[sl.statement_start:sl.statement_end] == "Several States"
    assert find_state_lists("The entities (UNDP, UN-Women and IOM) reported.") == []
    assert find_state_lists("Paraguay legally recognizes it (Mexico).")[0].states == ["Mexico"]


def test_state_lists_resolve_through_the_one_states_lexicon():
    from resograph.extract import lexicon

    assert resolve_state("the Philippines").label == "Philippines" and resolve_state("Turkey").label == "Türkiye"
    assert resolve_state("Yugoslavia") is None and resolve_state("Yugoslavia", former=True).status == "former"
    current = [e for e in lexicon.states() if e.status != "former"]
    assert len(current) == 195 and all(resolve_state(e.label) is e for e in current)
    text = "Some States (Czechoslovakia, Poland and Yugoslavia) reported."
    assert find_state_lists(text) == []
    assert find_state_lists(text, former=True)[0].states == ["Czechoslovakia", "Poland", "Yugoslavia"]
    assert names_former_states(1991) and not names_former_states(2023) and not names_former_states(None)


REPORT = """Report of the Secretary-General

I. Measures taken by States

1. Several States (Czechoslovakia, Poland and Yugoslavia) reported new laws.

2. Two States (Chile and Turkey) adopted plans.
"""


@pytest.mark.parametrize("issued, lists", [
    ("7 August 1990", [["Czechoslovakia", "Poland", "Yugoslavia"], ["Chile", "Turkey"]]),
    ("7 August 2023", [["Chile", "Turkey"]]),
])
def test_a_report_lists_former_states_only_when_it_is_old(tmp_path, issued, lists):
    path = tmp_path / "report.txt"
    path.write_text(f"Distr.: General {issued}\n\n" + REPORT)
    doc = read_document(path)
    assert doc.type == m.SG_REPORT
    assert [sl.states for p in doc.paragraphs for sl in p.states] == lists


def test_catalogue(tmp_path):
    cat = load_default_catalogue()
    assert cat.lookup("/anywhere/001_9e46d609c8614198.txt")["id"] == "A/RES/72/149"
    assert cat.lookup("unknown.txt") is None
    with pytest.raises(ReadError, match="no such file|cannot read"):
        Catalogue.load(tmp_path / "missing.tsv")


@pytest.mark.parametrize(
    "given, expected",
    [("resolution", "resolution"), ("Draft resolution", "draft_resolution"), ("draft_resolution", "draft_resolution"),
     ("Report of the Secretary-General", "report"), ("sc_resolution", "sc_resolution"), ("Note verbale", "other")],
)
def test_catalogue_types_are_folded_to_the_model_types(tmp_path, given, expected):
    from resograph.read.metadata import from_catalogue

    assert from_catalogue({"type": given})["type"].value == expected
