"""The reader on short documents composed for the purpose, in every rendering, and on PDF/DOCX built from text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resograph.read import read_document
from resograph.read import model as m
from resograph.read.detect import detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "read"
WORD = re.compile(r"[^\W_]+")


def outline(doc: m.Document) -> list[tuple[str, str | None, str | None, str]]:
    return [(p.kind, p.number, p.opening, p.text) for p in doc.paragraphs]


def assert_offsets(doc: m.Document) -> None:
    for p in doc.paragraphs:
        for w in WORD.finditer(p.text):
            span = p.source_span(w.start(), w.end())
            if doc.source_text[span.start:span.end] != w.group():
                # the only words allowed to differ are those joined across a line-end hyphen
                assert "-" in doc.source_text[span.start:span.end], (p.number, w.group())


def test_markdown_resolution_with_page_break_and_ibid():
    doc = read_document(FIXTURES / "ga_markdown.md")
    assert doc.format == "markdown"
    assert outline(doc) == [
        ("preamble", "p1", "Recalling", "Recalling its resolution 64/292 of 28 July 2010,"),
        ("preamble", "p2", "Deeply concerned", "Deeply concerned that women migrant workers in informal settlements lack access to safe drinking water,"),
        ("operative", "1", "Calls upon", "Calls upon States to ensure access to safe drinking water and sanitation for all migrant workers, regardless of their migration status;"),
        ("operative", "2", "Also strongly urges", "Also strongly urges Governments to adopt gender-sensitive policies that take into account the needs of women and girls, including in informal settlements and camps, and to report thereon;"),
        ("operative", "3", "Requests", "Requests the Secretary-General to submit a report on the implementation of the present resolution, including on:"),
        ("subparagraph", "3(a)", None, "Access to water in countries of destination;"),
        ("subparagraph", "3(b)", None, "Access to sanitation in transit;"),
        ("operative", "4", "Decides", "Decides to remain seized of the matter."),
    ]
    assert [p.parent for p in doc.by_kind(m.SUBPARAGRAPH)] == ["3", "3"]
    ref = doc.paragraphs[3].footnotes[0]
    assert ref.marker == "4" and ref.offset == len(doc.paragraphs[3].text)
    assert ref.footnote.text == "Ibid., vol. 999, No. 14668."
    assert ref.footnote.resolved == "United Nations, Treaty Series, vol. 999, No. 14668."
    assert doc.id == "A/RES/80/777"
    assert doc.get("committee_report") == "A/80/999" and doc.get("date_adopted") == "2025-12-15"
    assert doc.get("meeting") == "52nd plenary meeting" and doc.get("agenda_item") == "69 (b)"
    assert not doc.warnings
    assert_offsets(doc)


def test_pdf_text_markers_hyphens_and_page_furniture():
    doc = read_document(FIXTURES / "ga_pdftext.txt")
    assert doc.format == "pdf-text"
    texts = [p.text for p in doc.paragraphs]
    assert texts[1] == "Noting with concern that domestic workers remain vulnerable to abuse and that gender-sensitive services are rare,"
    assert texts[2] == (
        "Urges Member States to protect domestic workers, in accordance with the International Labour Organization "
        "Domestic Workers Convention, 2011 (No. 189), and to provide them with access to justice and remedies;"
    )
    assert [(r.marker, r.footnote.text) for r in doc.paragraphs[2].footnotes] == [("3", "United Nations, Treaty Series, vol. 2955, No. 51379.")]
    assert doc.symbol == "A/RES/61/999"  # from the running head, which stays out of the text
    assert doc.meta["symbol"].source == m.FROM_TEXT
    assert_offsets(doc)


def test_word_export_glued_markers_and_trailer():
    doc = read_document(FIXTURES / "ga_wordtext.txt")
    assert doc.format == "word-text"
    assert [p.number for p in doc.paragraphs] == ["p1", "p2", "1", "2", "3"]
    assert doc.paragraphs[2].text == "Calls upon States to ratify the Convention on the Elimination of All Forms of Discrimination against Women, and other instruments;"
    assert [r.marker for r in doc.paragraphs[2].footnotes] == ["1"]  # a repeated reference to note 1
    # a number that is not the next footnote stays in the text
    assert doc.paragraphs[3].text == "Invites the 2 regional commissions to contribute;"
    assert doc.footnotes[2].resolved == "International Labour Organization, Convention No. 189."
    assert doc.symbol == "A/RES/67/888" and doc.get("title") == "Rights of domestic workers"
    assert all("ODS" not in p.text and "1299999" not in p.text for p in doc.paragraphs)


def test_ocr_security_council_resolution():
    doc = read_document(FIXTURES / "sc_ocr.txt")
    assert doc.format == "ocr-text"
    assert doc.type == m.SC_RESOLUTION and doc.symbol == "S/RES/999 (1969)"
    assert doc.get("date_adopted") == "1969-03-12" and doc.get("meeting") == "1500th meeting"
    assert outline(doc)[:3] == [
        ("preamble", "p1", "Having considered", "Having considered the report of the Secretary-General,"),
        ("preamble", "p2", "Gravely concerned", "Gravely concerned at the deterioration of the situation in the region,"),
        ("operative", "1", "Calls upon", "Calls upon ail parties to cease hostilities forthwith;"),  # `l.` read as 1, `ail` left as printed
    ]
    assert [p.number for p in doc.by_kind(m.OPERATIVE)] == ["1", "2", "3"]


def test_parenthesised_numbers_and_lettered_items():
    doc = read_document(FIXTURES / "sc_parens.txt")
    assert doc.type == m.SC_RESOLUTION
    assert [(p.kind, p.number, p.parent) for p in doc.paragraphs] == [
        ("preamble", "p1", None), ("preamble", "p2", None),
        ("operative", "1", None), ("operative", "2", None),
        ("subparagraph", "2(a)", "2"), ("subparagraph", "2(b)", "2"),
        ("operative", "3", None),
    ]
    assert doc.paragraphs[3].opening == "Further demands"


def test_preamble_without_operative_part_is_a_partial_document():
    doc = read_document(FIXTURES / "preamble_only.txt")
    assert [p.opening for p in doc.paragraphs] == ["Recalling", "Reaffirming", "Bearing in mind"]
    assert doc.warnings == ["no operative part: only preamble paragraphs were found"]


def test_front_matter_comes_after_the_text_and_before_the_catalogue(tmp_path):
    doc = read_document(FIXTURES / "front_matter.md")
    assert doc.meta["symbol"].value == "A/RES/79/555" and doc.meta["symbol"].source == m.FROM_FRONT_MATTER
    assert doc.get("sponsors") == ["Chile", "Mexico"] and doc.get("session") == 79
    assert doc.id == "A/RES/79/555"
    assert [p.number for p in doc.paragraphs] == ["p1", "1", "2"]
    assert "symbol:" not in doc.paragraphs[0].text
    # the printed text wins over the front matter
    printed = tmp_path / "printed.md"
    printed.write_text(FIXTURES.joinpath("front_matter.md").read_text().replace("The General Assembly,", "79/556. A title\n\nThe General Assembly,"))
    assert read_document(printed).meta["symbol"].value == "A/RES/79/556"


def test_detect_format_signals():
    assert detect_format("1. *Urges* States;\n\n2. *Calls upon* all;\n\n3. *Invites* them;\n") == "markdown"
    assert detect_format("\tThe General Assembly,\n\t1.\tUrges States;\n") == "word-text"
    assert detect_format("Plain text,\n\n1. Urges States to act;\n") == "plain"


# ---- original files built from text at test time -------------------------------------------------

def build_pdf(path: Path, pages: list[list[tuple[int, str]]]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for k, (indent, text) in enumerate(lines):
            pdf.set_xy(20 + indent, 20 + 6 * k)
            pdf.cell(0, 6, text)
    pdf.output(str(path))


PDF_PAGES = [
    [
        (0, "A/RES/61/999"),
        (10, "The General Assembly,"),
        (10, "Recalling its resolution 60/1 of 16 September 2005,1"),
        (10, "Noting with concern that domestic workers remain vulner-"),
        (0, "able to abuse and that gender-"),
        (0, "sensitive services are rare,"),
        (10, "1. Urges Member States to protect domestic workers and to provide them with"),
        (0, "access to"),
        (0, "_______________"),
        (0, "1 Resolution 60/1."),
        (0, "07-12345"),
    ],
    [
        (0, "justice and remedies;"),
        (10, "2. Decides to remain seized of the matter."),
        (0, "2"),
    ],
]


def test_pdf_file(tmp_path):
    path = tmp_path / "resolution.pdf"
    build_pdf(path, PDF_PAGES)
    doc = read_document(path)
    assert doc.format == "pdf"
    assert outline(doc) == [
        ("preamble", "p1", "Recalling", "Recalling its resolution 60/1 of 16 September 2005,"),
        ("preamble", "p2", "Noting with concern", "Noting with concern that domestic workers remain vulnerable to abuse and that gender-sensitive services are rare,"),
        ("operative", "1", "Urges", "Urges Member States to protect domestic workers and to provide them with access to justice and remedies;"),
        ("operative", "2", "Decides", "Decides to remain seized of the matter."),
    ]
    assert doc.paragraphs[0].footnotes[0].footnote.text == "Resolution 60/1."
    assert doc.symbol == "A/RES/61/999"
    assert_offsets(doc)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_docx_footnotes(path: Path, notes: dict[str, str]) -> None:
    """Give a python-docx file a footnotes part: each `{N}` in the body becomes a reference to note N."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    body = files["word/document.xml"].decode()
    for note_id in notes:
        body = body.replace("{" + note_id + "}", f'</w:t></w:r><w:r><w:footnoteReference w:id="{note_id}"/></w:r><w:r><w:t xml:space="preserve">')
    files["word/document.xml"] = body.encode()
    xml = [f'<w:footnotes xmlns:w="{W_NS}">',
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>']
    for note_id, text in notes.items():
        xml.append(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    xml.append("</w:footnotes>")
    files["word/footnotes.xml"] = "".join(xml).encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    files["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    ).encode()
    types = files["[Content_Types].xml"].decode()
    files["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_docx_file(tmp_path):
    import docx

    path = tmp_path / "resolution.docx"
    d = docx.Document()
    d.add_paragraph("Resolution adopted by the General Assembly on 20 December 2012")
    d.add_paragraph("67/889.\tProtection of migrants")
    d.add_paragraph("The General Assembly,")
    p = d.add_paragraph()
    p.add_run("Reaffirming").italic = True
    p.add_run(" its resolution 66/128,{7}")
    d.add_paragraph("1.\tUrges all States to protect migrants, in line with the Convention,{8} and to report;")
    d.add_paragraph("(a)\tIn countries of transit;")
    d.add_paragraph("2.\tRequests a report.")
    d.save(str(path))
    add_docx_footnotes(path, {"7": "Resolution 66/128.", "8": "United Nations, Treaty Series, vol. 2220, No. 39481."})
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.symbol == "A/RES/67/889" and doc.get("date_adopted") == "2012-12-20"
    assert outline(doc) == [
        ("preamble", "p1", "Reaffirming", "Reaffirming its resolution 66/128,"),
        ("operative", "1", "Urges", "Urges all States to protect migrants, in line with the Convention, and to report;"),
        ("subparagraph", "1(a)", None, "In countries of transit;"),
        ("operative", "2", "Requests", "Requests a report."),
    ]
    # Word numbers footnotes by first reference: ids 7 and 8 display as 1 and 2
    assert [(r.marker, r.footnote.text) for p in doc.paragraphs for r in p.footnotes] == [
        ("1", "Resolution 66/128."), ("2", "United Nations, Treaty Series, vol. 2220, No. 39481."),
    ]
    assert doc.paragraphs[1].footnotes[0].offset == len("Urges all States to protect migrants, in line with the Convention,")
    assert not doc.warnings


def test_old_security_council_text_with_roman_items_and_page_numbers():
    doc = read_document(FIXTURES / "sc_1967.txt")
    assert doc.symbol == "S/RES/242 (1967)" and doc.get("date_adopted") == "1967-11-22"
    assert doc.get("meeting") == "1382nd meeting"
    assert [(p.number, p.opening) for p in doc.paragraphs] == [
        ("p1", "Expressing"), ("p2", "Emphasizing"), ("1", "Affirms"), ("1(i)", None), ("1(ii)", None),
        ("2", "Affirms further"), ("2(a)", None), ("2(b)", None), ("3", "Requests"),
    ]
    assert doc.paragraphs[4].text == "Termination of all claims or states of belligerency;"  # `- 2 -` page number dropped
    assert not any("Annex" in p.text or "not part" in p.text for p in doc.paragraphs)


def test_annex_after_the_operative_part_is_not_read(tmp_path):
    path = tmp_path / "with_annex.txt"
    path.write_text(
        "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Adopts the Declaration annexed to the present resolution;\n\n"
        "Annex\n\nDeclaration on something\n\nRecognizing that the Declaration has its own preamble,\n\n1. Everyone has rights.\n"
    )
    doc = read_document(path)
    assert [p.number for p in doc.paragraphs] == ["p1", "1"]
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("an annex starts at offset")


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_windows_line_endings_read_the_same(tmp_path, name):
    from resograph.sample import sample_files

    source = next(f for f in sample_files() if f.name.startswith(name))
    crlf = tmp_path / source.name
    crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    a, b = read_document(source), read_document(crlf)
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    assert [n.resolved for n in a.footnotes] == [n.resolved for n in b.footnotes]
    assert_offsets(b)


def test_footnote_printed_without_marker_in_a_resolution(tmp_path):
    path = tmp_path / "unmarked.md"
    path.write_text(
        "The General Assembly,\n\n*Recalling* its resolution 1/1,¹ and the report,²\n\n"
        "¹ Resolution 1/1.\n\nSee A/80/1, para. 4.\n\n³ Resolution 2/2.\n\n"
        "*Noting* the work,³\n\n1. *Urges* States to act;\n"
    )
    doc = read_document(path)
    assert [(p.number, p.text) for p in doc.paragraphs] == [
        ("p1", "Recalling its resolution 1/1, and the report,"),
        ("p2", "Noting the work,"),
        ("1", "Urges States to act;"),
    ]
    assert [r.footnote.text for r in doc.paragraphs[0].footnotes] == ["Resolution 1/1.", "See A/80/1, para. 4."]
    assert doc.warnings == ["1 footnote(s) printed without a marker, numbered from their place: 2"]


def test_markdown_variants_bold_numbers_and_italic_formula(tmp_path):
    path = tmp_path / "variants.md"
    path.write_text("*The General Assembly*,\n\n*Recalling* its resolution 1/1,\n\n**1.** *Urges* States to act;\n\n**2.** *Requests* a report.\n")
    doc = read_document(path)
    assert [(p.number, p.text) for p in doc.paragraphs] == [
        ("p1", "Recalling its resolution 1/1,"), ("1", "Urges States to act;"), ("2", "Requests a report."),
    ]
    assert doc.type == "resolution"


def test_security_council_2000_pdf_copy_with_header_and_running_head():
    doc = read_document(FIXTURES / "sc_2000.txt")
    assert doc.symbol == "S/RES/1325 (2000)" and doc.type == m.SC_RESOLUTION
    assert doc.get("date_adopted") == "2000-10-31" and doc.get("meeting") == "4213th meeting"
    assert [(p.number, p.opening) for p in doc.paragraphs] == [
        ("p1", "Recalling"), ("p2", "Expressing concern"), ("1", "Urges"), ("2", "Encourages"), ("3", "Decides"),
    ]
    assert doc.paragraphs[1].text.endswith("account for the vast majority of those adversely affected by armed conflict,")
    assert doc.paragraphs[4].text == "Decides to remain actively seized of the matter."  # running head and page number gone


def test_general_assembly_pdf_copy_with_modern_header_and_repeated_running_heads():
    doc = read_document(FIXTURES / "ga_2017_pdf.txt")
    meta = {k: (v.value, v.source) for k, v in doc.meta.items()}
    assert meta["symbol"] == ("A/RES/72/999", "text") and meta["session"] == (72, "text")
    assert meta["date_issued"] == ("2018-01-17", "text") and meta["date_adopted"] == ("2017-12-19", "text")
    assert meta["committee_report"] == ("A/72/432", "text") and meta["title"] == ("Protection of migrants", "text")
    assert [(p.number, p.text) for p in doc.paragraphs][2:] == [
        ("1", "Urges States to protect migrants;"),
        ("2", "Requests the Secretary-General to report to the General Assembly at its seventy-fourth session."),
    ]
    assert [(r.marker, r.footnote.text) for r in doc.paragraphs[0].footnotes] == [("1", "Resolution 48/104.")]
    assert doc.paragraphs[0].text.endswith("Elimination of Violence against Women,")


def test_roman_items_nest_under_letters_unless_they_continue_the_alphabet():
    doc = read_document(FIXTURES / "nested_items.txt")
    numbers = [(p.number, p.parent) for p in doc.by_kind(m.SUBPARAGRAPH)]
    assert numbers[:4] == [("1(a)", "1"), ("1(a)(i)", "1(a)"), ("1(a)(ii)", "1(a)"), ("1(b)", "1")]
    assert ("1(i)", "1") in numbers  # (i) right after (h) is the ninth letter
    assert numbers[-2:] == [("2(i)", "2"), ("2(ii)", "2")]  # a paragraph whose items are roman from the start


def test_wrapped_lines_starting_with_numbers_are_not_footnotes(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "The General Assembly,\n\nRecalling the 2030 Agenda for Sustainable Development, adopted on\n"
        "25 September 2015, and welcoming the submissions from\n27 Member States and 6 entities,\n\n"
        "1. Urges States to act;\n"
    )
    doc = read_document(path)
    assert doc.paragraphs[0].text == (
        "Recalling the 2030 Agenda for Sustainable Development, adopted on 25 September 2015, and welcoming the "
        "submissions from 27 Member States and 6 entities,"
    )
    assert doc.footnotes == []


def test_pdf_file_without_footnote_rule(tmp_path):
    path = tmp_path / "norule.pdf"
    build_pdf(path, [
        [
            (0, "The General Assembly,"),
            (10, "Recalling the Programme of Action of the Conference,1 and its review,2"),
            (10, "1. Calls upon States to implement the Programme of Action and to"),
            (0, "1 Report of the International Conference on Population and Development, Cairo,"),
            (0, "5-13 September 1994 (United Nations publication, Sales No. E.95.XIII.18), chap. I."),
            (0, "2 Resolution S-21/2, annex."),
            (0, "14-12345 1/2"),
        ],
        [
            (0, "report thereon;"),
            (10, "2. Decides to remain seized of the matter."),
        ],
    ])
    doc = read_document(path)
    assert [(p.number, p.text) for p in doc.paragraphs] == [
        ("p1", "Recalling the Programme of Action of the Conference, and its review,"),
        ("1", "Calls upon States to implement the Programme of Action and to report thereon;"),
        ("2", "Decides to remain seized of the matter."),
    ]
    assert [n.text for n in doc.footnotes] == [
        "Report of the International Conference on Population and Development, Cairo, 5-13 September 1994 "
        "(United Nations publication, Sales No. E.95.XIII.18), chap. I.",
        "Resolution S-21/2, annex.",
    ]
    assert [r.marker for r in doc.paragraphs[0].footnotes] == ["1", "2"]


def test_lettered_items_under_a_preamble_paragraph(tmp_path):
    path = tmp_path / "preamble_items.txt"
    path.write_text(
        "The General Assembly,\n\nRecalling the following instruments:\n\n(a) The Charter;\n\n(b) The Declaration,\n\n"
        "1. Urges States to act:\n\n(a) Now;\n"
    )
    doc = read_document(path)
    assert [(p.kind, p.number, p.parent) for p in doc.paragraphs] == [
        ("preamble", "p1", None), ("subparagraph", "p1(a)", "p1"), ("subparagraph", "p1(b)", "p1"),
        ("operative", "1", None), ("subparagraph", "1(a)", "1"),
    ]
    assert not doc.warnings


def test_opening_formula_is_looked_for_before_paragraph_1_only(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(
        "Report of the Secretary-General\n\n## I. Introduction\n\n1. The report quotes a draft:\n\n"
        "The General Assembly,\n\n2. It ends here.\n"
    )
    doc = read_document(path)
    assert doc.type == "report"
    assert [p.number for p in doc.paragraphs] == ["1", "2"]
    assert doc.paragraphs[0].text == "The report quotes a draft: The General Assembly,"


def test_draft_header_symbol_sponsors_and_date(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(
        "United Nations A/C.3/80/L.23/Rev.1\n\nGeneral Assembly Distr.: Limited\n4 November 2025\n\nEightieth session\n"
        "Agenda item 71 (b)\n\nBolivia (Plurinational State of), Mexico and Philippines: revised draft resolution\n\n"
        "Protection of migrants\n\nThe General Assembly,\n\nRecalling its resolution 79/1,\n\n1. Urges States to act;\n"
    )
    doc = read_document(path)
    assert doc.id == "A/C.3/80/L.23/Rev.1" and doc.type == "draft_resolution"
    assert doc.get("sponsors") == ["Bolivia (Plurinational State of)", "Mexico", "Philippines"]
    assert doc.get("title") == "Protection of migrants" and doc.get("date_issued") == "2025-11-04"
    assert doc.get("session") == 80 and doc.get("agenda_item") == "71 (b)"
