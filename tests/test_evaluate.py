"""`resograph evaluate` and `resograph extract` as a user runs them; the scores equal the shared scorer's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from resograph.cli import main
from resograph.extract.scoring import keyed, read_jsonl, score
from resograph.sample import sample_files

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold"
SHARED_SCORER = REPO.parent / "shared" / "tools" / "score.py"
SAMPLE_003 = next(p for p in sample_files() if p.name.startswith("003_"))


def run_cli(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def shared_score(gold: Path, system: Path) -> dict:
    if not SHARED_SCORER.exists():
        pytest.skip(f"shared scorer not found at {SHARED_SCORER}: cannot compare figures")
    out = subprocess.run([sys.executable, str(SHARED_SCORER), str(gold), str(system), "--ignore-doc", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_evaluate_folder_prints_per_file_and_overall_scores(capsys):
    rc, out, err = run_cli(capsys, "evaluate", "--gold", str(GOLD), "--json")
    assert rc == 0, err
    scores = json.loads(out)
    assert sorted(scores["files"]) == sorted(p.stem for p in GOLD.glob("0*.jsonl"))
    for name, rows in scores["files"].items():
        assert rows["clauses"]["f1"] >= 0.97 and min(r["f1"] for r in rows.values()) >= 0.93, name
    assert set(scores["all"]) == {"clauses", "paragraphs", "verb", "strength", "modifiers", "actors",
                                  "obligation verbs", "obligation text", "hedged", "instruments"}


def test_evaluate_figures_equal_the_shared_scorer(capsys, tmp_path):
    rc, out, _ = run_cli(capsys, "extract", str(SAMPLE_003))
    assert rc == 0
    system = tmp_path / "003.jsonl"
    system.write_text(out)
    gold = GOLD / (SAMPLE_003.stem + ".jsonl")
    rc, out, _ = run_cli(capsys, "evaluate", "--gold", str(gold), str(SAMPLE_003), "--json")
    ours = json.loads(out)["all"]
    theirs = shared_score(gold, system)
    assert ours == theirs


def test_scoring_module_equals_the_shared_scorer_on_imperfect_output(tmp_path):
    """Perturb the gold (drop a clause, change a verb, an actor, an obligation, an instrument) and compare."""
    gold = GOLD / "001_9e46d609c8614198.jsonl"
    recs = read_jsonl(gold)
    recs = recs[:5] + recs[6:]
    recs[0]["verb"] = "notes"
    recs[2]["actors"] = ["all States", "Governments"]
    recs[3]["obligations"] = recs[3]["obligations"][:1] + [{"verb": "x", "text": "unrelated words", "hedged": True}]
    recs[4]["instruments"] = ["Charter of the United Nations"]
    recs.append(dict(recs[1], paragraph="99"))
    system = tmp_path / "system.jsonl"
    system.write_text("".join(json.dumps(r) + "\n" for r in recs))
    ours = score(keyed(read_jsonl(gold), ignore_doc=True), keyed(read_jsonl(system), ignore_doc=True))
    theirs = shared_score(gold, system)
    assert {k: {"p": p, "r": r, "f1": f} for k, (p, r, f) in ours.items()} == theirs
    assert ours["clauses"][2] < 1.0 and ours["actors"][0] < 1.0


def test_evaluate_reports_a_missing_or_broken_gold_in_one_line(capsys, tmp_path):
    rc, out, err = run_cli(capsys, "evaluate", "--gold", str(tmp_path / "nope.jsonl"), str(SAMPLE_003))
    assert rc == 2 and err.strip().endswith("nope.jsonl: no such gold file or folder") and out == ""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x"}\nnot json\n')
    rc, out, err = run_cli(capsys, "evaluate", "--gold", str(bad), str(SAMPLE_003))
    assert rc == 2 and err.count("\n") == 1 and "bad.jsonl:2: not JSON" in err


def test_extract_formats_and_unreadable_files(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    rc, out, err = run_cli(capsys, "extract", str(missing), str(SAMPLE_003))
    assert rc == 1
    assert err.strip() == f"resograph: {missing}: no such file"
    lines = [json.loads(x) for x in out.splitlines()]
    assert lines and all(x["doc"] == "003_496d2652dca03854" for x in lines)
    rc, out, _ = run_cli(capsys, "extract", str(SAMPLE_003), "--format", "json")
    assert rc == 0 and json.loads(out)[0]["section"] in ("preamble", "operative")
    rc, out, _ = run_cli(capsys, "extract", str(SAMPLE_003), "--format", "csv")
    header, first = out.splitlines()[:2]
    assert header.startswith("doc,section,paragraph,clause,verb") and ",operative,1,1,takes note," in first


def test_extract_prints_record_warnings_to_stderr(capsys, tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_text("The General Assembly,\n\nRecalling its resolutions,\n\n1. Beseeches all parties to exercise "
                   "restraint;\n\n2. Takes note of the report.\n", encoding="utf-8")
    rc, out, err = run_cli(capsys, "extract", str(odd))
    assert rc == 0
    assert "resograph: warning: odd.txt: paragraph 1: no operative verb recognized" in err
    assert [json.loads(x)["verb"] for x in out.splitlines() if json.loads(x)["section"] == "operative"] == [
        "beseeches", "takes note"]


def test_extract_with_the_bundled_catalogue_uses_catalogue_ids(capsys):
    rc, out, _ = run_cli(capsys, "extract")
    assert rc == 0
    docs = {json.loads(x)["doc"] for x in out.splitlines()}
    assert {"A/RES/62/132", "A/RES/66/128", "A/RES/72/149", "A/78/292"} <= docs


def test_extract_jobs_two_gives_the_same_records(capsys):
    rc, one, _ = run_cli(capsys, "extract", str(SAMPLE_003))
    rc2, two, _ = run_cli(capsys, "extract", str(SAMPLE_003), "--jobs", "2")
    assert rc == rc2 == 0 and one == two


def test_a_missing_catalogue_is_one_line(capsys, tmp_path):
    rc, out, err = run_cli(capsys, "extract", str(SAMPLE_003), "--catalogue", str(tmp_path / "cat.tsv"))
    assert rc == 2 and out == "" and err.count("\n") == 1 and "cat.tsv" in err


def test_evaluate_gold_folder_with_named_files_pairs_by_stem(capsys):
    rc, out, _ = run_cli(capsys, "evaluate", "--gold", str(GOLD), str(SAMPLE_003))
    assert rc == 0
    assert "== 003_496d2652dca03854" in out and "== 001_" not in out and out.rstrip().endswith("mean F1 1.000")
