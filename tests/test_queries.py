"""The query library and `resograph query` on the bundled sample, built once by `resograph build`.

Expected rows were checked against the source texts in resograph/sample/ (and
against tests/gold/, which was made from them): e.g. the four `Requests the
Secretary-General` paragraphs are 62/132 para 18, 66/128 para 22, 72/149 para
38 and the 2025 draft's para 50; the 2011 -> 2017 verb changes are 66/128 para 2
`Encourages Member States to consider signing and ratifying ...` -> 72/149
para 3 `Invites Member States to ...`, and the preambular `encouraging States
to consider ratifying it` -> `inviting States to consider ratifying it`.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from conftest import run_resograph

from resograph import queries
from resograph.graph.store import open_store

DRAFT = "A/C.3/80/draft-2025-10-21"
REPORTING_STATES = (
    "Algeria, Argentina, Belarus, Benin, Burundi, Cabo Verde, Chile, China, Colombia, Croatia, Cyprus, Guatemala, "
    "Honduras, Kuwait, Mexico, Nicaragua, Paraguay, Peru, Philippines, Portugal, Qatar, Republic of Moldova, Senegal, "
    "Serbia, Türkiye, Turkmenistan, Ukraine").split(", ")


def rows(store, name, *params, columns=None):
    args = ["query", name, "--store", store, "--format", "json"]
    for p in params:
        args += ["--param", p]
    data = json.loads(run_resograph(*args).stdout)
    if columns:
        return [tuple(r.get(c) for c in columns) for r in data]
    return data


def test_library_lists_every_query_with_its_header():
    names = [q.name for q in queries.library()]
    assert names == [
        "clauses-citing-instrument", "co-addressed-actors", "commitments-to-actor", "hedged-vs-firm",
        "instruments-by-citations", "state-reported-measures", "strongest-per-document",
        "verb-change-between-versions",
    ]
    for q in queries.library():
        assert q.title and q.question, q.name
    q = queries.load("commitments-to-actor")
    assert [(p.name, p.default, p.is_integer) for p in q.params] == [
        ("actor", "Governments", False), ("min_strength", "4", True)]
    assert queries.load("state-reported-measures").params[0].default is None


def test_list_command_prints_names_and_parameters():
    out = run_resograph("query", "--list").stdout
    assert "clauses-citing-instrument: Clauses citing a given instrument" in out
    assert "--param instrument=..." in out and "(default: ILO C189)" in out


def test_commitments_to_actor_default_is_governments_urged(sample_store):
    got = rows(sample_store, "commitments-to-actor", columns=("document", "paragraph", "verb", "strength"))
    assert got == [
        (DRAFT, "15", "urges", 4), (DRAFT, "16", "urges", 4), (DRAFT, "22", "urges", 4), (DRAFT, "30", "urges", 4),
        ("A/RES/62/132", "8", "urges", 4), ("A/RES/62/132", "9", "urges", 4), ("A/RES/62/132", "10", "urges", 4),
        ("A/RES/66/128", "7", "urges", 4), ("A/RES/66/128", "8", "urges", 4), ("A/RES/66/128", "9", "urges", 4),
        ("A/RES/72/149", "13", "urges", 4), ("A/RES/72/149", "14", "urges", 4), ("A/RES/72/149", "15", "urges", 4),
        ("A/RES/72/149", "25", "urges", 4),
    ]


def test_commitments_to_actor_with_parameters(sample_store):
    got = rows(sample_store, "commitments-to-actor", "actor=Secretary-General", "min_strength=3",
               columns=("actor", "min_strength", "document", "paragraph", "verb"))
    assert got == [
        ("Secretary-General", 3, DRAFT, "50", "requests"),
        ("Secretary-General", 3, "A/RES/62/132", "18", "requests"),
        ("Secretary-General", 3, "A/RES/66/128", "22", "requests"),
        ("Secretary-General", 3, "A/RES/72/149", "38", "requests"),
    ]
    assert rows(sample_store, "commitments-to-actor", "actor=Secretary-General", "min_strength=4") == []


def test_strongest_per_document(sample_store):
    got = rows(sample_store, "strongest-per-document", columns=("document", "strength", "verb", "paragraph", "actors"))
    by_doc = {}
    for document, strength, verb, paragraph, actors in got:
        by_doc.setdefault(document, []).append((strength, verb, paragraph, actors))
    assert {d: {(s, v) for s, v, _, _ in r} for d, r in by_doc.items()} == {
        "A/78/292": {(2, "encourages"), (2, "recommends")}, DRAFT: {(4, "urges")}, "A/RES/62/132": {(4, "urges")},
        "A/RES/66/128": {(4, "urges")}, "A/RES/72/149": {(4, "urges")},
    }
    # 58(a)-(t) and para 59's two clauses (encourages, recommends): the report never goes above rank 2
    assert len(by_doc["A/78/292"]) == 22
    assert [(p, a) for _, _, p, a in by_doc["A/RES/66/128"]] == [
        ("7", "Governments"), ("8", "Governments"), ("9", "Governments"), ("12", "States"), ("15", "States")]
    assert [p for _, _, p, _ in by_doc["A/RES/62/132"]] == ["8", "9", "10", "13"]
    assert [p for _, _, p, _ in by_doc[DRAFT]] == ["13", "15", "16", "22", "27", "28", "30", "31", "40"]


def test_hedged_vs_firm_per_document_and_year(sample_store):
    got = rows(sample_store, "hedged-vs-firm",
               columns=("document", "year", "hedged_obligations", "firm_obligations", "obligations"))
    assert got == [
        ("A/RES/62/132", 2007, 4, 22, 26),
        ("A/RES/66/128", 2011, 15, 35, 50),
        ("A/RES/72/149", 2017, 25, 49, 74),
        ("A/78/292", 2023, 0, 27, 27),
        (DRAFT, 2025, 28, 70, 98),
    ]


def test_instruments_by_citations(sample_store):
    got = rows(sample_store, "instruments-by-citations", columns=("instrument_id", "clauses", "documents", "actors"))
    top = {r[0]: r[1:] for r in got}
    assert got[0][:3] == ("ICRMW", 7, 4)
    assert sorted(top["ICRMW"][2].split(", ")) == ["Member States", "States Parties"]
    assert top["CEDAW"][:2] == (4, 4) and sorted(top["CEDAW"][2].split(", ")) == ["States", "States Parties"]
    assert top["ILO C189"][:2] == (3, 3) and sorted(top["ILO C189"][2].split(", ")) == ["Member States", "States"]
    assert top["Beijing Declaration and Platform for Action"] == (3, 3, None)  # cited only by `takes note`
    counts = [r[1] for r in got]
    assert counts == sorted(counts, reverse=True)


def test_co_addressed_actors(sample_store):
    got = rows(sample_store, "co-addressed-actors", columns=("actor_1", "actor_2", "clauses"))
    assert got == [
        ("United Nations system", "intergovernmental organizations", 4),
        ("United Nations system", "non-governmental organizations", 4),
        ("intergovernmental organizations", "non-governmental organizations", 4),
        ("United Nations agencies", "special rapporteurs", 2),
        ("United Nations system", "related entities", 2),
        ("Governments", "United Nations system", 1),
        ("Governments", "intergovernmental organizations", 1),
        ("Governments", "international organizations", 1),
        ("Governments", "non-governmental organizations", 1),
    ]


def test_state_reported_measures_for_one_state(sample_store):
    got = rows(sample_store, "state-reported-measures", "state=Ukraine",
               columns=("reporting_state", "report", "paragraph", "heading"))
    assert [r[:3] for r in got] == [("Ukraine", "A/78/292", p) for p in ("35", "36", "42", "45", "45")]
    # the report's section headings, as the reader numbers them ("C. Legislation")
    headings = ["Legislation", "Policies", "Preventive measures, training and capacity-building",
                "Protection and assistance", "Protection and assistance"]
    assert all(r[3].endswith(h) for r, h in zip(got, headings)), got
    findings = [r["finding"] for r in rows(sample_store, "state-reported-measures", "state=Ukraine")]
    assert findings[3] == ("Many of the reporting States provide services and support for migrant women who are "
                           "victims and survivors of violence, including trafficking in persons.")
    everyone = rows(sample_store, "state-reported-measures", columns=("reporting_state",))
    assert len(everyone) == 254
    # every State that reported a measure is one of the 27 the report says replied (its para 6), and all 27 did
    assert sorted({s for (s,) in everyone}) == sorted(REPORTING_STATES)


def test_clauses_citing_instrument(sample_store):
    default = rows(sample_store, "clauses-citing-instrument", columns=("document", "paragraph", "verb", "actors"))
    assert default == [
        ("A/78/292", "58(e)", "encourages", "States"),
        (DRAFT, "3", "invites", "Member States"),
        ("A/RES/72/149", "3", "invites", "Member States"),
    ]
    cedaw = rows(sample_store, "clauses-citing-instrument", "instrument=CEDAW", columns=("document", "paragraph", "clause_no"))
    assert cedaw == [("A/78/292", "58(c)", 1), (DRAFT, "p20", 1), ("A/RES/66/128", "p6", 2), ("A/RES/72/149", "p15", 2)]
    assert rows(sample_store, "clauses-citing-instrument", "instrument=No such treaty") == []


def test_verb_change_between_versions(sample_store):
    cols = ("actor", "earlier_paragraph", "earlier_verb", "later_paragraph", "later_verb", "change")
    assert rows(sample_store, "verb-change-between-versions", columns=cols) == [
        ("States", "p6", "encourages", "p15", "invites", "weaker"),
        ("Member States", "2", "encourages", "3", "invites", "weaker"),
    ]
    # the other way round, the same pairs grow stronger
    back = rows(sample_store, "verb-change-between-versions", "earlier=A/RES/72/149", "later=A/RES/66/128",
                columns=("actor", "earlier_verb", "later_verb", "change"))
    assert back == [("States", "invites", "encourages", "stronger"),
                    ("Member States", "invites", "encourages", "stronger")]


def test_defaults_in_header_match_the_query_body(sample_store):
    """Each file runs as it is (browser page) with the same rows as through the library with its defaults."""
    store = open_store(sample_store)
    for q in queries.library():
        raw = store.query(q.text, use_default_graph_as_union=True)
        names = [v.value for v in raw.variables]
        params = {p.name for p in q.params}
        keep = [n for n in names if n not in params]
        plain = [tuple(r[n] for n in keep) for r in raw]
        bound = [tuple(r[n] for n in keep) for r in queries.run(store, q)]
        assert plain == bound, q.name


def test_parameters_are_values_never_query_text(sample_store):
    """A value that looks like SPARQL is just a literal that matches nothing."""
    store = open_store(sample_store)
    q = queries.load("clauses-citing-instrument")
    evil = 'ILO C189") } UNION { ?clause ?p ?o } #'
    assert list(queries.run(store, q, {"instrument": evil})) == []
    assert queries.bindings(q, {"instrument": evil}) == {ox.Variable("instrument"): ox.Literal(evil)}


def test_csv_and_table_formats(sample_store):
    out = run_resograph("query", "clauses-citing-instrument", "--store", sample_store, "--format", "csv").stdout
    data = list(csv.reader(io.StringIO(out)))
    assert data[0] == ["instrument", "document", "paragraph", "clause_no", "verb", "strength", "actors", "clause"]
    assert [r[1:3] for r in data[1:]] == [["A/78/292", "58(e)"], [DRAFT, "3"], ["A/RES/72/149", "3"]]
    table = run_resograph("query", "clauses-citing-instrument", "--store", sample_store).stdout
    assert table.splitlines()[0].split()[:3] == ["instrument", "document", "paragraph"]
    assert table.rstrip().endswith("(3 rows)")


def test_query_from_a_file(sample_store, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("PREFIX rg: <https://w3id.org/resograph/ontology#>\n"
                  "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a rg:Commitment }\n", encoding="utf-8")
    assert rows(sample_store, str(rq)) == [{"n": 177}]


@pytest.mark.parametrize("args, message", [
    (["no-such-query"], "no-such-query: no such library query or .rq file"),
    (["commitments-to-actor", "--param", "min_strength=strong"],
     "commitments-to-actor: parameter min_strength must be an integer, not 'strong'"),
    (["commitments-to-actor", "--param", "colour=red"], "commitments-to-actor: unknown parameter colour"),
    (["commitments-to-actor", "--param", "actor"], "--param 'actor': expected NAME=VALUE"),
    ([], "give a query name or .rq file, or --list"),
])
def test_failures_are_one_line_and_exit_2(sample_store, args, message):
    result = run_resograph("query", *args, "--store", sample_store, check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_bad_sparql_and_missing_store(sample_store, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p }", encoding="utf-8")
    result = run_resograph("query", bad, "--store", sample_store, check=False)
    assert result.returncode == 2 and result.stderr.startswith(f"resograph query: {bad}: SPARQL syntax error")
    assert result.stderr.count("\n") == 1
    result = run_resograph("query", "hedged-vs-firm", "--store", tmp_path / "nothing", check=False)
    assert result.returncode == 2 and "no resograph store here" in result.stderr and result.stderr.count("\n") == 1
