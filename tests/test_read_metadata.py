"""Metadata of resolutions and decisions of every organ, old and new headers, OCR'd headers, annexes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resograph.cli import main
from resograph.read import read_document
from resograph.read import model as m
from resograph.read.organs import organ_named, organ_of_symbol, organs

FIXTURES = Path(__file__).parent / "fixtures" / "read"

EXPECTED = {
    "heldout_sc242.txt": {  # `RESOLUTION 242 (1967)` / `of 22 November 1967` / `Adopted unanimously at the 1382nd meeting.`
        "symbol": "S/RES/242 (1967)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_adopted": "1967-11-22", "meeting": "1382nd meeting",
    },
    "heldout_sc678.txt": {  # `Adopted by the Security Council at its 2963rd meeting, on 29 November 1990`
        "symbol": "S/RES/678 (1990)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_adopted": "1990-11-29", "meeting": "2963rd meeting",
    },
    "heldout_sc1325.txt": {
        "symbol": "S/RES/1325 (2000)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_adopted": "2000-10-31", "meeting": "4213th meeting",
    },
    "sc_2019_header.txt": {  # modern header: `United Nations S/RES/2467 (2019)` / `Security Council` / `Distr.: General`
        "symbol": "S/RES/2467 (2019)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_issued": "2019-04-23", "date_adopted": "2019-04-23", "meeting": "8514th meeting",
    },
    "sc_ocr_header.txt": {  # `RESOLUTlON 24l (l967)`, `Security Councii at its l382nd meeting, on 22 November l967`
        "symbol": "S/RES/241 (1967)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_adopted": "1967-11-22", "meeting": "1382nd meeting",
    },
    "heldout_ga_other.txt": {
        "symbol": "A/RES/79/150", "title": "Protection of migrants", "organ": "General Assembly", "type": m.GA_RESOLUTION,
        "session": 79, "agenda_item": "69 (b)", "date_issued": "2024-12-20", "date_adopted": "2024-12-17",
        "committee_report": "A/79/456/Add.2",
    },
    "ga_decision.txt": {
        "symbol": "A/DEC/79/555", "title": "Question of the follow-up to a conference", "organ": "General Assembly",
        "type": m.DECISION, "session": 79, "agenda_item": "20", "date_issued": "2024-12-30", "date_adopted": "2024-12-24",
    },
    "ga_annex.txt": {
        "symbol": "A/RES/79/60", "title": "Declaration on the protection of journalists", "organ": "General Assembly",
        "type": m.GA_RESOLUTION, "date_adopted": "2024-12-09", "meeting": "50th plenary meeting",
    },
    "ecosoc.txt": {
        "symbol": "E/RES/2024/15", "title": "Promoting alternative development", "organ": "Economic and Social Council",
        "type": m.ECOSOC_RESOLUTION, "agenda_item": "18 (b)", "date_issued": "2024-07-30", "date_adopted": "2024-07-23",
    },
    "ecosoc_unsymbolled.txt": {  # `2024/16.` under `The Economic and Social Council,`: numbered by year
        "symbol": "E/RES/2024/16", "title": "Strengthening statistics", "organ": "Economic and Social Council",
        "type": m.ECOSOC_RESOLUTION,
    },
    "hrc.txt": {
        "symbol": "A/HRC/RES/52/1", "title": "Rights of the child", "organ": "Human Rights Council",
        "type": m.HRC_RESOLUTION, "session": 52, "agenda_item": "3", "date_issued": "2023-04-11", "date_adopted": "2023-04-03",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_exact(name):
    doc = read_document(FIXTURES / name)
    assert {k: v.value for k, v in doc.meta.items()} == EXPECTED[name]
    assert all(v.source == m.FROM_TEXT for v in doc.meta.values())
    assert doc.id == EXPECTED[name]["symbol"]


def test_metadata_spans_point_to_the_printed_values():
    doc = read_document(FIXTURES / "sc_ocr_header.txt")
    printed = {k: doc.source_text[v.span.start:v.span.end] for k, v in doc.meta.items() if v.span}
    assert printed == {"symbol": "24l (l967", "organ": "Security Councii", "date_adopted": "22 November l967",
                       "meeting": "l382nd meeting"}


def test_security_council_paragraphs_of_the_heldout_texts():
    doc = read_document(FIXTURES / "heldout_sc242.txt")
    assert [(p.number, p.opening) for p in doc.paragraphs] == [
        ("p1", "Expressing"), ("p2", "Emphasizing"), ("p3", "Emphasizing further"), ("1", "Affirms"), ("1(i)", None),
        ("1(ii)", None), ("2", "Affirms further"), ("2(a)", None), ("2(b)", None), ("3", "Requests"), ("4", "Requests"),
    ]
    assert doc.warnings == []
    doc = read_document(FIXTURES / "heldout_sc678.txt")
    assert [p.number for p in doc.by_kind(m.OPERATIVE)] == ["1", "2", "3", "4", "5"]
    assert doc.by_kind(m.PREAMBLE)[-1].text == "Acting under Chapter VII of the Charter,"


def test_annex_after_the_adoption_line_is_kept_out_with_a_warning():
    doc = read_document(FIXTURES / "ga_annex.txt")
    assert [(p.kind, p.number) for p in doc.paragraphs] == [
        ("preamble", "p1"), ("operative", "1"), ("operative", "2"), ("operative", "3"),
    ]
    assert not any("journalist has the right" in p.text for p in doc.paragraphs)
    offset = doc.source_text.index("Annex\n")
    assert doc.warnings == [f"an annex starts at offset {offset}: its text is not read as paragraphs of the document"]


def test_an_empty_annex_heading_drops_nothing_and_warns_nothing():
    doc = read_document(FIXTURES / "ga_annex_empty.txt")
    assert [p.number for p in doc.paragraphs] == ["p1", "1", "2"]
    assert doc.warnings == []
    assert doc.type == m.GA_RESOLUTION and doc.get("organ") == "General Assembly" and doc.symbol is None


def test_other_bodies_are_named_by_their_formula(tmp_path):
    path = tmp_path / "csw.txt"
    path.write_text("The Commission on the Status of Women,\n\nRecalling its agreed conclusions,\n\n"
                    "1. Urges Governments to act;\n")
    doc = read_document(path)
    assert {k: v.value for k, v in doc.meta.items()} == {"organ": "Commission on the Status of Women"}


def test_a_printed_number_the_organ_does_not_use_gives_no_symbol(tmp_path):
    path = tmp_path / "ga.txt"  # a GA resolution is numbered by session: `2024/3.` is not one of its numbers
    path.write_text("2024/3. A title\n\nThe General Assembly,\n\nRecalling its resolution 78/1,\n\n1. Urges States to act;\n")
    doc = read_document(path)
    assert doc.symbol is None and "title" not in doc.meta and doc.type == m.GA_RESOLUTION


def test_an_ods_symbol_without_a_space_before_the_year(tmp_path):
    path = tmp_path / "ods.txt"
    path.write_text("S/RES/242(1967)\n\nThe Security Council,\n\nRecalling its resolutions,\n\n1. Decides to act;\n")
    doc = read_document(path)
    assert doc.symbol == "S/RES/242 (1967)" and doc.type == m.SC_RESOLUTION and doc.get("organ") == "Security Council"
    span = doc.meta["symbol"].span
    assert doc.source_text[span.start:span.end] == "S/RES/242(1967)"


def test_adoption_line_with_meeting_and_date_of_an_old_council_text(tmp_path):
    path = tmp_path / "sc.txt"
    path.write_text("RESOLUTION 338 (1973)\n\nThe Security Council\n\n1. Calls upon all parties to cease all firing;\n\n"
                    "Adopted at the 1747th meeting on 22 October 1973 by 14 votes to none, with one abstention.\n")
    doc = read_document(path)
    assert {k: v.value for k, v in doc.meta.items()} == {
        "symbol": "S/RES/338 (1973)", "organ": "Security Council", "type": m.SC_RESOLUTION,
        "date_adopted": "1973-10-22", "meeting": "1747th meeting",
    }


def test_organ_table():
    assert [o.name for o in organs()] == ["General Assembly", "Security Council", "Economic and Social Council",
                                          "Human Rights Council"]
    assert organ_named("SECURITY COUNCll").name == "Security Council" and organ_named("Trusteeship Council") is None
    assert organ_of_symbol("A/HRC/RES/52/1")[0].name == "Human Rights Council"
    assert organ_of_symbol("E/DEC/2024/201") == (organ_named("Economic and Social Council"), True)
    assert organ_of_symbol("A/HRC/52/L.1") is None and organ_of_symbol("A/78/292") is None


def test_catalogue_and_front_matter_types_of_other_organs(tmp_path):
    path = tmp_path / "fm.md"
    path.write_text("---\ntype: Human Rights Council resolution\ndate: 2023-04-03\n---\n"
                    "The Council,\n\nRecalling its resolution 50/1,\n\n1. Calls upon States to act;\n")
    doc = read_document(path)
    assert doc.type == m.HRC_RESOLUTION and doc.get("date_adopted") == "2023-04-03"


def test_outline_json_of_the_heldout_security_council_texts(capsys):
    files = [str(FIXTURES / f"heldout_{n}.txt") for n in ("sc242", "sc678", "sc1325")]
    assert main(["outline", "--format", "json", *files]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(d["id"], d["meta"]["date_adopted"]["value"]) for d in out["documents"]] == [
        ("S/RES/242 (1967)", "1967-11-22"), ("S/RES/678 (1990)", "1990-11-29"), ("S/RES/1325 (2000)", "2000-10-31"),
    ]
    assert out["errors"] == []


def test_a_report_quoting_an_adoption_line_or_a_council_resolution_stays_a_report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "United Nations A/80/100\n\nGeneral Assembly\n\nDistr.: General\n1 August 2025\n\n"
        "Women and peace and security\n\nReport of the Secretary-General\n\nSummary\n\n"
        "Resolution 1325 (2000) set out the agenda reviewed in the present report.\n\n"
        "Adopted by the General Assembly in 2015, the 2030 Agenda guides the work.\n\n"
        "I. Introduction\n\n1. The present report is submitted pursuant to resolution 79/1.\n"
    )
    doc = read_document(path)
    assert {k: v.value for k, v in doc.meta.items()} == {
        "symbol": "A/80/100", "type": m.SG_REPORT, "date_issued": "2025-08-01", "title": "Women and peace and security",
    }
