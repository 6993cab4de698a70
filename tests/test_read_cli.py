"""`resograph outline` as a user runs it: text and JSON, bundled sample, catalogue option."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from resograph.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "read"
RESOGRAPH = Path(sys.executable).with_name("resograph")


def test_outline_bundled_sample_json():
    run = subprocess.run([str(RESOGRAPH), "outline", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["errors"] == []
    docs = {d["id"]: d for d in out["documents"]}
    assert set(docs) == {"A/C.3/80/draft-2025-10-21", "A/RES/72/149", "A/78/292", "A/RES/62/132", "A/RES/66/128"}
    res = docs["A/RES/72/149"]
    assert res["format"] == "markdown"
    assert res["meta"]["symbol"] == {"value": "A/RES/72/149", "source": "text", "span": res["meta"]["symbol"]["span"]}
    assert res["meta"]["session"]["value"] == 72
    first_op = next(p for p in res["paragraphs"] if p["kind"] == "operative")
    assert first_op["number"] == "1" and first_op["opening"] == "Takes note of"
    assert first_op["text"] == "Takes note of the report of the Secretary-General;"
    assert first_op["footnotes"] == [{"marker": "21", "offset": len(first_op["text"]), "text": "A/72/215.", "resolved": "A/72/215."}]
    start, end = first_op["span"]
    assert end > start
    report = docs["A/78/292"]
    p29 = next(p for p in report["paragraphs"] if p["number"] == "29")
    assert p29["states"][0]["states"] == ["Croatia", "Cyprus", "Republic of Moldova", "Serbia"]
    assert p29["section"] == ["III. Measures reported by Member States", "B. Bilateral, regional, international and other cooperation"]
    assert len(report["footnotes"]) == 74
    assert report["warnings"] and "printed without a marker" in report["warnings"][0]
    # warnings also reach the user on stderr, one line each, naming the file
    assert any("002_0de12315a6d0d334.txt: warning:" in line for line in run.stderr.splitlines())


def test_outline_text(capsys):
    status = main(["outline", str(FIXTURES / "ga_markdown.md")])
    out = capsys.readouterr().out
    assert status == 0
    assert "symbol: A/RES/80/777  [text]" in out
    assert "2 operative «Also strongly urges»" in out
    assert "    [4] United Nations, Treaty Series, vol. 999, No. 14668." in out
    assert "3(a) subparagraph" in out


def test_outline_with_catalogue(tmp_path, capsys):
    catalogue = tmp_path / "catalogue.tsv"
    catalogue.write_text(
        "file\tid\tsymbol\ttype\tdate\tsession\ttitle\n"
        "sc_parens.txt\tS/RES/1234 (1999)\tS/RES/1234 (1999)\tsc_resolution\t1999-03-01\t\tOn the question\n"
    )
    status = main(["outline", "--format", "json", "--catalogue", str(catalogue), str(FIXTURES / "sc_parens.txt")])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert status == 0
    assert doc["id"] == "S/RES/1234 (1999)"
    assert doc["meta"]["symbol"] == {"value": "S/RES/1234 (1999)", "source": "catalogue", "span": None}
    assert doc["meta"]["type"]["source"] == "text"  # the opening formula says Security Council
    assert doc["meta"]["date_adopted"] == {"value": "1999-03-01", "source": "catalogue", "span": None}
    assert doc["meta"]["title"]["value"] == "On the question"
