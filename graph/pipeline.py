"""Build the store from source files: read -> extract -> RDF -> SHACL -> load, one document graph at a time.

The library side of `resograph build`: everything a test or notebook needs,
no argument parsing and no printing except through the `say` callback.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from resograph import __version__
from resograph.extract import records
from resograph.graph import entities, registry, store as stores
from resograph.graph.builder import build_graphs
from resograph.graph.iris import Iris
from resograph.graph.namespaces import RDF, RG
from resograph.graph.validate import Violation, validate_graph
from resograph.read import model

Extractor = Callable[[Iterable[model.Document]], Iterator[tuple[model.Document, list[records.Commitment]]]]
Reader = Callable[[list[Path], object], Iterable[tuple[Path, "model.Document | Exception"]]]


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)  # document ids loaded this run
    unchanged: list[str] = field(default_factory=list)  # document ids skipped (same build key)
    removed: list[str] = field(default_factory=list)  # document ids whose graphs were dropped
    errors: list[str] = field(default_factory=list)  # one line per file that could not be built
    violations: dict[str, list[Violation]] = field(default_factory=dict)  # document id -> violations
    documents: int = 0  # document graphs in the store after the build
    clauses: int = 0  # clauses in the documents built this run
    triples: int = 0  # triples in the managed graphs after the build
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.violations

    def summary(self) -> str:
        nviol = sum(len(v) for v in self.violations.values())
        return (f"{self.documents} documents ({len(self.built)} built, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed), {self.clauses} clauses built, {self.triples} triples, "
                f"{nviol} violations in {len(self.violations)} documents, {len(self.errors)} unreadable, "
                f"{self.seconds:.1f} s")


def build_key(path: Path, base: str, catalogue_row: dict | None) -> str:
    """What a document graph depends on: the file's bytes, its catalogue record, the base IRI, the version."""
    h = hashlib.sha256()
    for part in (__version__, base, repr(sorted((catalogue_row or {}).items()))):
        h.update(part.encode("utf-8") + b"\0")
    h.update(path.read_bytes())
    return h.hexdigest()


def default_extractor(jobs: int = 1) -> Extractor:
    from resograph.extract import extract_documents, load_pipeline

    nlp = load_pipeline()
    return lambda docs: extract_documents(docs, nlp=nlp, n_process=jobs)


def build_store(paths: Iterable[str | Path], store_dir: Path, base: str | None = None, catalogue=None,
                extractor: Extractor | None = None, jobs: int = 1, say: Callable[[str], None] = lambda s: None,
                progress: Callable[[Iterable, int], Iterable] = lambda it, n: it,
                reader: Reader | None = None) -> BuildReport:
    """Make the store hold one validated graph per readable input; see docs/graph.md for the rules.

    `reader` and `extractor` default to resograph.read.read_many and the extraction pipeline; tests and
    the benchmark pass their own."""
    started = time.perf_counter()
    iris = Iris(base)
    report = BuildReport()
    paths = [Path(p) for p in paths]

    keys: dict[str, tuple[Path, str]] = {}  # file name -> (path, build key)
    unreadable: set[str] = set()  # their previous graphs (if any) are kept
    for path in paths:
        if path.name in keys:
            report.errors.append(f"{path}: same file name as {keys[path.name][0]}; skipped")
            continue
        try:
            keys[path.name] = (path, build_key(path, iris.base, catalogue.lookup(path) if catalogue else None))
        except OSError as exc:
            report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            unreadable.add(path.name)

    with stores.writable(store_dir) as store:
        _update(store, iris, keys, unreadable, catalogue, reader, extractor, jobs, say, progress, report)
        del store  # the generation must be closed before the swap makes it live
    report.seconds = time.perf_counter() - started
    return report


def _update(store, iris: Iris, keys: dict[str, tuple[Path, str]], unreadable: set[str], catalogue,
            reader: Reader | None, extractor: Extractor | None, jobs: int, say, progress, report: BuildReport) -> None:
    if reader is None:
        from resograph.read import read_many as reader

    entries = registry.read_registry(store, iris)
    for name, entry in sorted(entries.items()):
        if name not in keys and name not in unreadable:
            registry.remove_document(store, iris, entry)
            report.removed.append(entry.document_id)
            del entries[name]
    described: dict[str, bytes] = {}  # document graph -> N-Triples describing the entities it references
    todo = []
    for name, (path, key) in sorted(keys.items()):
        entry = entries.get(name)
        if entry is not None and entry.build_key == key:
            report.unchanged.append(entry.document_id)
        else:
            todo.append(path)

    if todo:
        extractor = extractor or default_extractor(jobs)
        documents = []
        for path, doc in reader(todo, catalogue):
            if isinstance(doc, Exception):
                report.errors.append(str(doc))
            else:
                documents.append(doc)
        items = ((doc, commitments, iris.base, keys[Path(doc.path).name][1])
                 for doc, commitments in extractor(documents))
        for built in progress(_graphs(items, jobs), len(documents)):
            name = Path(built.path).name
            key = keys[name][1]
            clash = next((e for e in entries.values() if e.graph == built.graph and e.source_file != name), None)
            if clash is not None:
                report.errors.append(f"{built.path}: same document IRI as {clash.source_file} ({built.graph}); skipped")
                continue
            if built.violations:
                report.violations[built.doc_id] = built.violations
                say(f"{built.path}: not loaded, {len(built.violations)} SHACL violations")
                continue
            old = entries.get(name)
            if old is not None:
                registry.remove_document(store, iris, old)
            registry.load_ntriples(store, built.ntriples, built.graph)
            described[built.graph] = built.entities
            store.flush()  # write the memtables out now: otherwise RocksDB memory grows with the corpus
            entry = registry.Entry(built.graph, name, key, built.doc_id, built.activity, built.triples)
            registry.log_build(store, iris, entry, built.started, built.ended)
            entries[name] = entry
            report.built.append(built.doc_id)
            report.clauses += built.clauses

    entity_triples = entities.update_entities(store, iris, described, {e.graph for e in entries.values()})
    registry.load_ontology(store)
    registry.write_meta(store, iris, entries.values(), entity_triples)
    report.documents = len(entries)
    report.triples = sum(e.triples for e in entries.values()) + entity_triples


@dataclass
class BuiltGraph:
    """One document's graph, built and validated (in a worker process when --jobs > 1)."""

    doc_id: str
    path: str
    graph: str  # the graph name (the document IRI)
    activity: str
    ntriples: bytes  # empty when the graph has violations
    entities: bytes  # N-Triples describing the actors, instruments, agent it references (for the entities graph)
    triples: int
    clauses: int
    violations: list[Violation]
    started: datetime
    ended: datetime


def build_and_validate(item: tuple[model.Document, list[records.Commitment], str, str]) -> BuiltGraph:
    doc, commitments, base, key = item
    started = registry.now()
    iris = Iris(base)
    graph, described = build_graphs(doc, commitments, iris, key)
    violations = validate_graph(graph, doc.id, described)
    return BuiltGraph(
        doc_id=doc.id, path=doc.path, graph=str(graph.identifier), activity=str(iris.activity(graph.identifier, key)),
        ntriples=b"" if violations else graph.serialize(format="nt", encoding="utf-8"),
        entities=b"" if violations else described.serialize(format="nt", encoding="utf-8"), triples=len(graph),
        clauses=sum(1 for _ in graph.subjects(RDF.type, RG.Commitment)), violations=violations,
        started=started, ended=registry.now())


def _graphs(items: Iterable[tuple], jobs: int) -> Iterator[BuiltGraph]:
    """Build and validate each document's graph, in order; in `jobs` worker processes when jobs > 1."""
    if jobs <= 1:
        yield from map(build_and_validate, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(build_and_validate, items, chunksize=2)
