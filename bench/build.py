"""Benchmark `resograph build` at growing corpus sizes, and Oxigraph against rdflib's in-memory SPARQL.

    .venv/bin/python bench/build.py                 # sizes 10, 100, 1000
    .venv/bin/python bench/build.py --sizes 10 100  # quicker

The sample's five documents are read and extracted once (timed: `read+extract`),
then replicated under new symbols (`A/RES/72/149` -> `A/RES/72/149/Add.17`, new
ids, new file names) to each size, and every size is built into a fresh store in
its own process: graph building, SHACL validation of every document graph and
loading, through `resograph.graph.pipeline.build_store`. Prints seconds per
document at each size and the process's peak memory (max RSS), then the ratio of
per-document cost between the largest two sizes. Finally it runs the same SPARQL
queries on the store (Oxigraph) and on rdflib's in-memory Dataset, each on the
union of the named graphs and inside `GRAPH ?g`, after one untimed warm-up run.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = {
    "clauses at least `calls upon`": """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX rgv: <https://w3id.org/resograph/verb/>
        SELECT (COUNT(?c) AS ?n) WHERE { ?c rg:verb ?v . ?v rg:rank ?r . rgv:calls-upon rg:rank ?min FILTER(?r >= ?min) }""",
    "clauses per addressee": """
        PREFIX rg: <https://w3id.org/resograph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c rg:addressee ?a . ?a skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n)""",
    "hedged obligations per document": """
        PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT ?d (COUNT(?o) AS ?n) WHERE { ?c rg:obligation ?o ; rg:inParagraph/rg:inDocument ?d .
          ?o rg:hedged true } GROUP BY ?d""",
    "documents citing each instrument": """
        PREFIX rg: <https://w3id.org/resograph/ontology#>
        SELECT ?id (COUNT(DISTINCT ?d) AS ?n) WHERE { ?c rg:instrument ?i ; rg:inParagraph/rg:inDocument ?d .
          ?i rg:instrumentId ?id } GROUP BY ?id""",
}


def _sample_pairs():
    """(document, commitments) for each sample file, read and extracted once; and the seconds that took."""
    from resograph.extract import extract_documents
    from resograph.read import load_default_catalogue, read_many
    from resograph.sample import sample_files

    t0 = time.perf_counter()
    docs = [doc for _, doc in read_many(sample_files(), load_default_catalogue())]
    pairs = {Path(doc.path).stem: (doc, commitments) for doc, commitments in extract_documents(docs)}
    return pairs, time.perf_counter() - t0


def _replica(doc, commitments, i: int, path: Path):
    doc = copy.deepcopy(doc)
    suffix = f"/Add.{i}"
    doc.path = str(path)
    doc.id = doc.id + suffix
    if doc.symbol:
        doc.meta["symbol"].value = doc.symbol + suffix
    commitments = copy.deepcopy(commitments)
    for c in commitments:
        c.doc = doc.id
    return doc, commitments


def run_size(size: int, work: Path) -> dict:
    """Build `size` replicated documents into a fresh store; called in a child process per size."""
    from resograph.graph.pipeline import build_store

    pairs, _ = _sample_pairs()
    stems = sorted(pairs)
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    paths = []
    for i in range(size):
        stem = stems[i % len(stems)]
        path = corpus / f"{stem}~r{i:05d}.txt"
        os.link(pairs[stem][0].path, path)
        paths.append(path)
    by_name = {}

    def reader(todo, catalogue):
        for path in todo:
            stem, i = path.stem.split("~r")
            doc, commitments = _replica(*pairs[stem], int(i), path)
            by_name[path.name] = commitments
            yield path, doc

    def extractor(docs):
        for doc in docs:
            yield doc, by_name[Path(doc.path).name]

    t0 = time.perf_counter()
    report = build_store(paths, work / "store", reader=reader, extractor=extractor)
    seconds = time.perf_counter() - t0
    assert report.ok and report.documents == size, report.summary()
    return {"size": size, "seconds": seconds, "per_doc": seconds / size, "triples": report.triples,
            "clauses": report.clauses, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def in_named_graphs(query: str) -> str:
    """The same query over `GRAPH ?g { ... }` instead of the union default graph."""
    head, _, body = query.partition("WHERE {")
    close = body.rfind("}")
    return f"{head}WHERE {{ GRAPH ?g {{{body[:close]}}} }}{body[close + 1:]}"


def compare_engines(store_dir: Path, repeat: int = 3) -> list[dict]:
    """Each query on the union of the named graphs and inside GRAPH ?g, on Oxigraph and on rdflib."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from resograph.graph import store as stores

    store = stores.open_store(store_dir)
    ds = Dataset(default_union=True)
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    rows = []
    for name, union_query in QUERIES.items():
        for style, query in (("union", union_query), ("GRAPH ?g", in_named_graphs(union_query))):
            list(store.query(query, use_default_graph_as_union=True))  # warm caches on both sides first
            list(ds.query(query))
            t0 = time.perf_counter()
            for _ in range(repeat):
                ox_rows = [tuple(str(v) for v in row) for row in store.query(query, use_default_graph_as_union=True)]
            ox_s = (time.perf_counter() - t0) / repeat
            t0 = time.perf_counter()
            for _ in range(repeat):
                rdf_rows = [tuple(str(v) for v in row) for row in ds.query(query)]
            rdf_s = (time.perf_counter() - t0) / repeat
            assert len(ox_rows) == len(rdf_rows), (name, style, len(ox_rows), len(rdf_rows))
            rows.append({"query": f"{name} [{style}]", "rows": len(ox_rows), "oxigraph_s": ox_s, "rdflib_s": rdf_s,
                         "ratio": rdf_s / ox_s if ox_s else float("inf")})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--compare-size", type=int, default=100, help="store size for the SPARQL engine comparison")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:  # one size, in its own process so that peak memory is per size
        result = run_size(args.child, args.work)
        if args.keep:
            result["store"] = str(args.work / "store")
        print(json.dumps(result))
        return 0

    _, seconds = _sample_pairs()
    print(f"read+extract of the 5 sample documents: {seconds:.2f} s ({seconds / 5:.2f} s per document, done once)")
    print(f"{'documents':>9} {'seconds':>9} {'s/doc':>7} {'triples':>9} {'peak MB':>8}")
    results = {}
    root = Path(tempfile.mkdtemp(prefix="resograph-bench-"))
    try:
        for size in args.sizes:
            work = root / str(size)
            out = subprocess.run([sys.executable, __file__, "--child", str(size), "--work", str(work), "--keep"],
                                 check=True, capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            results[size] = r
            print(f"{size:>9} {r['seconds']:>9.1f} {r['per_doc']:>7.3f} {r['triples']:>9} {r['peak_rss_mb']:>8.0f}")
        sizes = sorted(results)
        if len(sizes) >= 2:
            a, b = sizes[-2], sizes[-1]
            ratio = results[b]["seconds"] / results[a]["seconds"]
            print(f"time({b})/time({a}) = {ratio:.2f} for {b / a:.0f}x the documents; "
                  f"per-document ratio {results[b]['per_doc'] / results[a]['per_doc']:.2f}")
        compare = args.compare_size if args.compare_size in results else sizes[-1]
        print(f"\nSPARQL on {compare} documents ({results[compare]['triples']} triples), mean of 3 runs:")
        print(f"{'query':<48} {'rows':>5} {'oxigraph s':>11} {'rdflib s':>9} {'rdflib/oxigraph':>16}")
        for row in compare_engines(Path(results[compare]["store"])):
            print(f"{row['query']:<48} {row['rows']:>5} {row['oxigraph_s']:>11.4f} {row['rdflib_s']:>9.3f} "
                  f"{row['ratio']:>16.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
