"""The reader on the bundled sample: exact counts, texts, footnotes, metadata, offsets, no furniture left."""

from __future__ import annotations

import re

import pytest

from resograph.read import load_default_catalogue, read_document
from resograph.read import model as m
from resograph.sample import sample_files


@pytest.fixture(scope="module")
def docs() -> dict[str, m.Document]:
    catalogue = load_default_catalogue()
    return {f.name[:3]: read_document(f, catalogue) for f in sample_files()}


def para(doc: m.Document, number: str) -> m.Paragraph:
    found = [p for p in doc.paragraphs if p.number == number]
    assert len(found) == 1, f"{doc.id}: {len(found)} paragraphs numbered {number}"
    return found[0]


@pytest.mark.parametrize(
    "key, fmt, operative, preamble, sub",
    [("000", "markdown", 50, 47, 5), ("001", "markdown", 38, 36, 4), ("003", "pdf-text", 18, 18, 0), ("004", "word-text", 22, 20, 3)],
)
def test_resolution_counts(docs, key, fmt, operative, preamble, sub):
    doc = docs[key]
    assert doc.format == fmt
    ops = doc.by_kind(m.OPERATIVE)
    assert [p.number for p in ops] == [str(i) for i in range(1, operative + 1)]
    pre = doc.by_kind(m.PREAMBLE)
    assert [p.number for p in pre] == [f"p{i}" for i in range(1, preamble + 1)]
    assert len(doc.by_kind(m.SUBPARAGRAPH)) == sub
    assert not doc.warnings


def test_report_structure(docs):
    doc = docs["002"]
    findings = doc.by_kind(m.FINDING)
    assert [p.number for p in findings] == [str(i) for i in range(1, 58)]
    recs = [p.number for p in doc.by_kind(m.RECOMMENDATION)]
    assert recs == ["58"] + [f"58({c})" for c in "abcdefghijklmnopqrst"] + ["59"]
    assert all(p.parent == "58" for p in doc.by_kind(m.RECOMMENDATION) if "(" in p.number)
    assert para(doc, "1").section == ["I. Introduction"]
    assert para(doc, "3").section == ["II. Context", "A. Data and trends"]
    assert para(doc, "29").section == ["III. Measures reported by Member States", "B. Bilateral, regional, international and other cooperation"]
    assert para(doc, "59").section == ["V. Conclusions and recommendations"]
    assert not doc.by_kind(m.OPERATIVE, m.PREAMBLE)


def test_report_state_lists(docs):
    doc = docs["002"]
    p29 = para(doc, "29")
    assert [s.states for s in p29.states] == [["Croatia", "Cyprus", "Republic of Moldova", "Serbia"]]
    sl = p29.states[0]
    assert p29.text[sl.start:sl.end] == "(Croatia, Cyprus, Republic of Moldova and Serbia)"
    assert p29.text[sl.statement_start:sl.statement_end] == "Several States"
    p44 = para(doc, "44")
    assert p44.states[0].states == ["Algeria", "Colombia", "Croatia"]
    section3 = [p for p in doc.paragraphs if p.section[:1] == ["III. Measures reported by Member States"]]
    with_lists = [p.number for p in section3 if p.states]
    assert len(with_lists) >= 20
    # a list of entities that are not States is not a state list
    assert not any(p.states for p in doc.paragraphs if p.section[:1] == ["I. Introduction"])


def test_exact_texts(docs):
    assert para(docs["003"], "p2").text == (
        "Reaffirming the provisions concerning women migrant workers contained in the outcome documents of the "
        "World Conference on Human Rights, the International Conference on Population and Development, the Fourth "
        "World Conference on Women and the World Summit for Social Development and their five-year reviews,"
    )
    # crosses a page break in the markdown rendering (`civil` / blank line / `society`)
    assert para(docs["001"], "37").text.startswith(
        "Encourages the United Nations system and related entities to continue and step up their efforts and promote "
        "partnerships with all stakeholders, including civil society organizations, and to coordinate"
    )
    # crosses a page: `... measures for the` / nine footnotes / page break / `elimination and prevention ...`
    assert "a comprehensive set of measures for the elimination and prevention of all forms of discrimination" in para(docs["000"], "p4").text
    assert para(docs["001"], "p15").text.endswith("Members of Their Families in December 2010, acknowledging that they are complementary and mutually reinforcing,")
    # crosses a footnote block: `... economic and other` / footnotes / `resources. A survey ...`
    assert "lack of access to economic and other resources. A survey found that" in para(docs["002"], "20").text
    # crosses a page footer and a footnote in the PDF text: `... the Vienna Convention on Consular Relations`
    assert para(docs["000"], "4").text.endswith("and to the General Assembly at its seventy-ninth and eightieth sessions;")
    assert para(docs["000"], "5").text == (
        "Recalls the adoption of the New Urban Agenda at the United Nations Conference on Housing and Sustainable "
        "Urban Development (Habitat III), held in Quito from 17 to 20 October 2016, in which Member States committed "
        "to recognizing the contribution of the working poor in the informal economy, particularly women migrant "
        "workers, to the urban economies;"
    )
    assert para(docs["004"], "21(b)").text == "To analyse the opportunities available to women migrant workers and their impact on development;"
    assert para(docs["002"], "58(a)").text == (
        "Eliminate migration policies that discriminate against women and girls, including on the basis of age, "
        "marital status, migration status, pregnancy and/or maternity status;"
    )
    assert para(docs["003"], "p13").text.startswith(
        "Emphasizing the need for objective, comprehensive and broad-based information, including sex- and "
        "age-disaggregated data and statistics, and gender-sensitive indicators"
    )
    # decimal numbers are not footnote markers, counts after a removed marker stay
    p5 = para(docs["002"], "5")
    assert "in the past five years 40.7 per cent of young migrant women" in p5.text and "26.8 per cent" in p5.text
    assert "were also 8.7 percentage points" in p5.text and p5.footnotes == []
    assert para(docs["002"], "2").text.startswith(
        "The present report incorporates submissions from 27 Member States, 1 regional commission and 6 United Nations entities"
    )
    assert [r.marker for r in para(docs["002"], "12").footnotes] == ["42", "43", "44", "45"]  # bare `journeys. 42 More`
    assert para(docs["002"], "12").text.endswith(
        "when they are unable to keep up. This is evidenced along the Western Africa-Atlantic route to the Canary "
        "Islands, where women represented the majority of those who died in 2021."
    )


@pytest.mark.parametrize(
    "key, number, opening",
    [
        ("000", "p3", "Reaffirming also"),
        ("000", "p16", "Taking note with appreciation"),
        ("000", "p43", "Expressing grave concern"),
        ("003", "p9", "Expressing deep concern"),
        ("000", "16", "Also urges"),
        ("000", "7", "Calls upon"),
        ("000", "8", "Also calls upon"),
        ("000", "2", "Takes note with appreciation of"),
        ("001", "15", "Further urges"),
        ("004", "1", "Takes note with appreciation of"),
        ("003", "3", "Takes note of"),
        ("004", "17", "Also encourages"),
    ],
)
def test_openings(docs, key, number, opening):
    p = para(docs[key], number)
    assert p.opening == opening
    assert p.text.startswith(opening)


def test_every_paragraph_of_a_resolution_has_an_opening(docs):
    for key in ("000", "001", "003", "004"):
        for p in docs[key].by_kind(m.PREAMBLE, m.OPERATIVE):
            assert p.opening, f"{key} {p.number}: {p.text[:60]}"


def test_footnotes_resolved(docs):
    p = para(docs["003"], "2")
    assert [r.marker for r in p.footnotes] == ["8", "9", "10"]
    assert p.footnotes[2].footnote.text == "Ibid., vol. 2241, No. 39574."
    assert p.footnotes[2].footnote.resolved == "United Nations, Treaty Series, vol. 2241, No. 39574."
    # the marker sat after "Families," in the clean text
    assert p.text[: p.footnotes[0].offset].endswith("Members of Their Families,")
    p1 = para(docs["004"], "p1")
    assert [(r.marker, r.footnote.text) for r in p1.footnotes] == [("1", "See resolution 48/104.")]
    assert p1.text.endswith("Violence against Women,")
    p8 = para(docs["001"], "p4")
    notes = {r.marker: r.footnote for r in p8.footnotes}
    assert notes["8"].resolved == "United Nations, Treaty Series, vol. 1577, No. 27531."
    assert len(docs["000"].footnotes) == 40 and len(docs["004"].footnotes) == 21 and len(docs["003"].footnotes) == 13
    # the report: unmarked blocks numbered by the gap they fill, a note printed out of order, Ibid. on the right note
    report = {n.marker: n for n in docs["002"].footnotes}
    assert report["1"].text.startswith("Algeria, Argentina, Belarus")
    assert report["58"].text.startswith("Salia de uno y me metí en otro'")
    assert report["33"].resolved == report["32"].text
    assert report["16"].text == "See resolution 76/252."
    for doc in docs.values():
        for p in doc.paragraphs:
            for ref in p.footnotes:
                assert ref.footnote is not None, f"{doc.id} {p.number} marker {ref.marker}"
                assert ref.footnote.text not in p.text


FORBIDDEN = re.compile(
    r"[*<>\[\]]|\]\(|[⁰¹²³⁴⁵⁶⁷⁸⁹]|23-15338|<<ODS|___|\\|\bA/RES/66/128\b|\d{1,3}F\b"
    r"|[^\W\d_][,;:.]?\d{1,3}(?=[\s,;.]|$)"  # digits glued to words: `Women,1`
)


def test_no_markers_furniture_or_markup_survive(docs):
    for key, doc in docs.items():
        for p in doc.paragraphs:
            hits = [p.text[max(0, mt.start() - 20): mt.end() + 5] for mt in FORBIDDEN.finditer(p.text)]
            assert not hits, f"{key} {p.number}: {hits}"
            assert "  " not in p.text and p.text == p.text.strip()
        for note in doc.footnotes:
            hits = [note.text[max(0, mt.start() - 20): mt.end() + 5] for mt in FORBIDDEN.finditer(note.text) if mt.group()[0] in "*<>[]\\_⁰¹²³⁴⁵⁶⁷⁸⁹"]
            assert not hits, f"{key} footnote {note.marker}: {hits}"


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def test_offsets_point_to_the_printed_words(docs):
    for key, doc in docs.items():
        for p in doc.paragraphs:
            assert p.span is not None and p.span.start < p.span.end
            for w in WORD.finditer(p.text):
                span = p.source_span(w.start(), w.end())
                assert doc.source_text[span.start:span.end] == w.group(), (key, p.number, w.group())
            first = p.source_span(0, 1).start
            assert p.span.start <= first < p.span.end


def test_metadata_and_sources(docs):
    def meta(key):
        return {k: (v.value, v.source) for k, v in docs[key].meta.items()}

    assert meta("001") == {
        "symbol": ("A/RES/72/149", "text"),
        "title": ("Violence against women migrant workers", "text"),
        "organ": ("General Assembly", "text"),
        "type": (m.GA_RESOLUTION, "text"),
        "session": (72, "text"),
        "agenda_item": ("28 (a)", "text"),
        "date_issued": ("2018-01-17", "text"),
        "date_adopted": ("2017-12-19", "text"),
        "meeting": ("73rd plenary meeting", "text"),
        "committee_report": ("A/72/432", "text"),
    }
    m000 = meta("000")
    assert m000["type"] == (m.DRAFT_RESOLUTION, "text") and m000["organ"] == ("General Assembly", "text")
    assert m000["sponsors"] == (["Indonesia", "Philippines"], "text")
    assert m000["session"] == (80, "text") and m000["agenda_item"] == ("26 (a)", "text")
    assert m000["date_issued"] == ("2025-10-21", "text")
    assert docs["000"].id == "A/C.3/80/draft-2025-10-21"
    m002 = meta("002")
    assert m002["symbol"] == ("A/78/292", "text") and m002["type"] == (m.SG_REPORT, "text") and "organ" not in m002
    assert m002["date_issued"] == ("2023-08-07", "text") and m002["session"] == (78, "text")
    m003 = meta("003")  # no header in this rendering: the catalogue fills in
    assert m003["symbol"] == ("A/RES/62/132", "catalogue") and m003["session"] == (62, "catalogue")
    assert m003["meeting"] == ("76th plenary meeting", "text") and m003["date_adopted"] == ("2007-12-18", "text")
    m004 = meta("004")
    assert m004["symbol"] == ("A/RES/66/128", "text") and m004["session"] == (66, "text")
    assert m004["committee_report"] == ("A/66/455", "text") and m004["meeting"] == ("89th plenary meeting", "text")
    assert m004["date_adopted"] == ("2011-12-19", "text") and m004["date_issued"] == ("2012-03-09", "text")
    for doc in docs.values():
        for key, value in doc.meta.items():
            if value.source == "text" and value.span is not None and isinstance(value.value, str) and key in ("agenda_item", "meeting"):
                assert doc.source_text[value.span.start:value.span.end] == value.value
    d = docs["001"].meta["symbol"].span
    assert docs["001"].source_text[d.start:d.end] == "72/149"
    d = docs["004"].meta["symbol"].span
    assert docs["004"].source_text[d.start:d.end] == "A/RES/66/128"
    d = docs["001"].meta["date_adopted"].span
    assert docs["001"].source_text[d.start:d.end] == "19 December 2017"
    d = docs["003"].meta["date_adopted"].span
    assert docs["003"].source_text[d.start:d.end] == "18 December 2007"
