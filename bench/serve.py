"""Throughput and latency of `resograph serve` against `oxigraph serve-read-only` on the same data.

    .venv/bin/python bench/serve.py [--store DIR] [--seconds 5] [--workers N]

Without --store the bundled sample is built into a temporary store first.
Both servers get a copy of the same store generation; each query of the set
(the query library queries/*.rq, or a few representative queries while the
library is empty) is checked to give the same number of results on both and
timed once on each; queries slower than --slow-ms are reported with that
single timing only. Then 1, 4 and 16 concurrent clients send the other
queries round-robin for a fixed time. Printed: requests per second, p50 and
p95 latency per server, and the ratios resograph / oxigraph.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from resograph.graph import store as graph_store
from resograph.serve.examples import load_examples

BIN = Path(sys.executable).parent
CONCURRENCY = (1, 4, 16)

REPRESENTATIVE = {
    "types": "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 20",
    "commitments": """PREFIX rg: <https://w3id.org/resograph/ontology#>
SELECT ?commitment ?p ?o WHERE { ?commitment a rg:Commitment ; ?p ?o } LIMIT 200""",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "text": """SELECT ?s ?text WHERE { ?s ?p ?text FILTER(isLiteral(?text) && CONTAINS(LCASE(STR(?text)), "migrant")) } LIMIT 50""",
    "ask": "ASK { ?s a <https://w3id.org/resograph/ontology#Resolution> }",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: server exited with {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer")


def run_clients(url: str, queries: list[str], clients: int, seconds: float) -> tuple[int, list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        nonlocal errors
        mine, bad = [], 0
        with httpx.Client(timeout=60) as http:
            turn = number
            while time.monotonic() < stop_at:
                query = queries[turn % len(queries)]
                turn += 1
                started = time.perf_counter()
                response = http.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
                mine.append(time.perf_counter() - started)
                bad += response.status_code != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, errors, time.monotonic() - started


def timed_result_size(url: str, query: str) -> tuple[int, float]:
    """(number of results, seconds) for one run of the query, after one warm-up run."""
    for _ in range(2):
        started = time.perf_counter()
        response = httpx.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=120)
        elapsed = time.perf_counter() - started
    response.raise_for_status()
    results = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
    return (int(bool(results)) if isinstance(results, ox.QueryBoolean) else len(list(results))), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store to serve (default: build the sample into a temporary store)")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each measurement (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="resograph query workers (default: %(default)s)")
    parser.add_argument("--slow-ms", type=float, default=1000, help="queries slower than this are timed once, not cycled (default: %(default)s)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="resograph-bench-"))
    processes: list[subprocess.Popen] = []
    try:
        store = args.store
        if store is None:
            store = work / "store"
            print("bench: building the sample store ...", file=sys.stderr)
            subprocess.run([str(BIN / "resograph"), "build", "--store", str(store), "--dump", str(work / "dumps")],
                           check=True, stdout=subprocess.DEVNULL)
        copy = work / "oxigraph-copy"
        ox.Store.read_only(str(graph_store.current_generation(store))).backup(str(copy))

        ours, theirs = free_port(), free_port()
        processes.append(subprocess.Popen([str(BIN / "resograph"), "serve", "--store", str(store), "--port", str(ours),
                                           "--workers", str(args.workers)], stderr=subprocess.DEVNULL))
        processes.append(subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(copy),
                                           "--bind", f"127.0.0.1:{theirs}", "--union-default-graph"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        endpoints = {"resograph": f"http://127.0.0.1:{ours}/sparql", "oxigraph": f"http://127.0.0.1:{theirs}/query"}
        for (name, url), process in zip(endpoints.items(), processes):
            wait_for(url, process)

        library = load_examples()
        named = {e.name: e.query for e in library} if library else REPRESENTATIVE
        print(f"queries ({'query library' if library else 'representative set; the query library is empty'}), one run each:\n")
        print("| query | results | resograph ms | oxigraph ms | ratio |")
        print("|---|---:|---:|---:|---:|")
        queries = []
        for name, query in named.items():
            runs = {server: timed_result_size(url, query) for server, url in endpoints.items()}
            sizes = {server: size for server, (size, _) in runs.items()}
            if len(set(sizes.values())) != 1:
                raise SystemExit(f"bench: {name} gives different result sizes: {sizes}")
            ours_ms, theirs_ms = (runs[s][1] * 1000 for s in ("resograph", "oxigraph"))
            slow = max(ours_ms, theirs_ms) > args.slow_ms
            print(f"| {name}{' (slow: not cycled)' if slow else ''} | {sizes['resograph']} | {ours_ms:.1f} | {theirs_ms:.1f} | {ours_ms / theirs_ms:.2f}x |")
            if not slow:
                queries.append(query)
        if not queries:
            raise SystemExit("bench: every query is slower than --slow-ms; nothing to cycle")

        print(f"\n{len(queries)} queries cycled, {args.seconds:g} s per cell, {os.cpu_count()} CPUs shared by clients and servers, "
              f"resograph with {args.workers} query workers\n")
        print("| clients | server | req/s | p50 ms | p95 ms | errors |")
        print("|---:|---|---:|---:|---:|---:|")
        ratios = []
        for clients in CONCURRENCY:
            row = {}
            for server, url in endpoints.items():
                count, latencies, errors, elapsed = run_clients(url, queries, clients, args.seconds)
                cuts = statistics.quantiles(latencies, n=20)
                row[server] = (count / elapsed, statistics.median(latencies) * 1000, cuts[18] * 1000)
                print(f"| {clients} | {server} | {row[server][0]:.0f} | {row[server][1]:.1f} | {row[server][2]:.1f} | {errors} |")
            ratios.append((clients, *(row["resograph"][i] / row["oxigraph"][i] for i in range(3))))
        print("\nresograph / oxigraph:\n")
        print("| clients | throughput | p50 latency | p95 latency |")
        print("|---:|---:|---:|---:|")
        for clients, throughput, p50, p95 in ratios:
            print(f"| {clients} | {throughput:.2f}x | {p50:.2f}x | {p95:.2f}x |")
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
