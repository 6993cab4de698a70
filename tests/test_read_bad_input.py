"""Bad input: one clear line naming the file and the problem, never a traceback; memory bounded on a 50 MB file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from resograph.read import Catalogue, ReadError, read_document, read_many

FIXTURES = Path(__file__).parent / "fixtures" / "read"
RESOGRAPH = Path(sys.executable).with_name("resograph")


def make_bad_files(d: Path) -> dict[str, Path]:
    files = {
        "empty": d / "empty.txt",
        "blank": d / "blank.txt",
        "binary": d / "binary.txt",
        "words": d / "words.txt",
        "truncated": d / "truncated.pdf",
        "notdocx": d / "fake.docx",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_text("  \n\n \t\n")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["words"].write_text("just some words without any structure\n")
    files["notdocx"].write_text("not a zip file")
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "The General Assembly,")
    full = bytes(pdf.output())
    files["truncated"].write_bytes(full[: len(full) // 2])
    return files


@pytest.mark.parametrize(
    "name, problem",
    [
        ("empty", "empty file"),
        ("blank", "only white space"),
        ("binary", "binary file"),
        ("words", "no resolution or report structure found"),
        ("truncated", "not a readable PDF, truncated or damaged"),
        ("notdocx", "not a readable DOCX file"),
    ],
)
def test_unreadable_files_raise_one_line(tmp_path, name, problem):
    path = make_bad_files(tmp_path)[name]
    with pytest.raises(ReadError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ") and problem in message
    assert "\n" not in message and info.value.path == path


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read_document(tmp_path)


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(
        "The General Assembly,\n\nRecalling the \u201cBeijing Declaration\u201d,\n\n1. Urges States to act;\n".encode("cp1252")
    )
    doc = read_document(path)
    assert doc.paragraphs[0].text == "Recalling the \u201cBeijing Declaration\u201d,"
    assert doc.warnings == ["not valid UTF-8 (byte 0x93 at offset 37); decoded as cp1252"]


def test_read_many_goes_on_after_a_bad_file(tmp_path):
    bad = make_bad_files(tmp_path)
    paths = [bad["binary"], FIXTURES / "sc_parens.txt", bad["empty"], FIXTURES / "preamble_only.txt"]
    results = list(read_many(paths))
    assert [p for p, _ in results] == paths
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["ReadError", "Document", "ReadError", "Document"]


def test_cli_multi_file_run_reports_each_failure_and_exits_non_zero(tmp_path):
    bad = make_bad_files(tmp_path)
    run = subprocess.run(
        [str(RESOGRAPH), "outline", "--format", "json", str(bad["truncated"]), str(FIXTURES / "sc_ocr.txt"), str(bad["binary"])],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines == [
        f"resograph outline: {bad['truncated']}: " + lines[0].split(": ", 2)[2],
        f"resograph outline: {bad['binary']}: binary file, not a text rendering of a document",
    ]
    assert "truncated or damaged" in lines[0] and "Traceback" not in run.stderr
    out = json.loads(run.stdout)
    assert [d["id"] for d in out["documents"]] == ["S/RES/999 (1969)"]
    assert [e["path"] for e in out["errors"]] == [str(bad["truncated"]), str(bad["binary"])]


def test_bad_catalogue(tmp_path):
    cat = tmp_path / "catalogue.tsv"
    cat.write_text("name\tsymbol\nx\ty\n")
    with pytest.raises(ReadError, match="not a catalogue"):
        Catalogue.load(cat)
    run = subprocess.run([str(RESOGRAPH), "outline", "--catalogue", str(cat)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "not a catalogue" in run.stderr


MEMORY_PROBE = r"""
import resource, sys
from resograph.read import read_document
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
doc = read_document(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before * 1024, after * 1024, len(doc.paragraphs), len(doc.warnings))
"""


def write_large_report(path: Path, size: int) -> None:
    """A report-like document: numbered paragraphs under sections, <sup> footnotes, page footers."""
    para = (
        "- {n}. Several States reported measures to protect women migrant workers from violence, including "
        "gender-\nsensitive services, shelters and legal aid (Algeria, Chile, Mexico and Philippines).<sup>{f}</sup> "
        "Others described training for labour inspectors and border officials, and bilateral agreements on "
        "fair recruitment, ethical employment and the portability of social security benefits.\n\n"
    )
    with path.open("w", encoding="utf-8") as f:
        f.write("United Nations A/99/1\n\nDistr.: General 1 January 2030\n\nReport of the Secretary-General\n\n")
        written, section, n = 0, 0, 0
        while written < size:
            section += 1
            chunk = [f"# {_roman(section % 30 + 1)}. Section {section}\n\n"]
            for _ in range(40):
                n = n % 999 + 1
                chunk.append(para.format(n=n, f=n))
            chunk.append("<sup>1</sup> A footnote text.\n\n23-15338 3/17\n\n")
            text = "".join(chunk)
            f.write(text)
            written += len(text.encode("utf-8"))


def _roman(k: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while k >= value:
            out += letters
            k -= value
    return out


@pytest.mark.timeout(600)
def test_fifty_megabytes_in_bounded_memory(tmp_path):
    path = tmp_path / "large.md"
    write_large_report(path, 50_000_000)
    size = path.stat().st_size
    run = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    before, after, paragraphs, warnings = map(int, run.stdout.split())
    assert paragraphs > 100_000 and warnings >= 1  # read in full, with a warning about the size
    # peak resident memory grows linearly: well under 12 bytes per byte of input
    assert (after - before) / size < 12


def test_read_many_reports_an_unexpected_failure_with_its_file(monkeypatch, tmp_path):
    import resograph.read.document as document

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(document, "split_units", broken)
    (path, result), = list(read_many([FIXTURES / "sc_parens.txt"]))
    assert isinstance(result, ReadError)
    assert str(result) == f"{FIXTURES / 'sc_parens.txt'}: internal error while reading (IndexError: list index out of range)"


def test_utf16_without_byte_order_mark(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Urges States to act;\n".encode("utf-16-le"))
    doc = read_document(path)
    assert [p.number for p in doc.paragraphs] == ["p1", "1"]
    assert doc.warnings == ["no byte order mark; decoded as UTF-16-LE (every other byte is 0)"]
