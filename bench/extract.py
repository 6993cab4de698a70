"""Extraction throughput on the bundled sample replicated to at least 1 MB of paragraph text.

usage: python bench/extract.py [--mb 1.0] [--jobs 1] [--repeat 5]

The measure of issue 3: words/s of the extraction pipeline (resograph.extract.extract_documents: all
components, record assembly included; reading excluded) divided by words/s of spacy.blank("en")'s
tokenizer alone on the same paragraph texts. Both run in this process, interleaved (tokenizer pass,
extraction pass, tokenizer pass ...), timed as CPU time of the process so that other load on the shared
machine matters less; the best of --repeat rounds counts for each, and the ratio of each round is
printed too. The text is the sample replicated, so from the second round on the tokenizer's cache holds
every word: that flatters the tokenizer alone most (the pipeline also tokenizes, but only the paragraphs
that can hold a record); the first round's ratio shows the cold-cache figure.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import spacy

from resograph.extract import extract_documents, load_pipeline
from resograph.read import read_document
from resograph.sample import sample_files


def corpus(min_bytes: int):
    docs = [read_document(f) for f in sample_files()]
    size = sum(len(p.text.encode("utf-8")) for d in docs for p in d.paragraphs)
    copies = -(-min_bytes // size)
    return docs * copies, size * copies


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of paragraph text (default 1)")
    ap.add_argument("--jobs", type=int, default=1, help="processes for nlp.pipe")
    ap.add_argument("--repeat", type=int, default=5, help="interleaved rounds; the best of each measure counts (default 5)")
    args = ap.parse_args(argv)
    docs, size = corpus(int(args.mb * 1_000_000))
    texts = [p.text for d in docs for p in d.paragraphs]
    words = sum(len(t.split()) for t in texts)

    tokenizer = spacy.blank("en").tokenizer
    nlp = load_pipeline()
    tok_runs, ext_runs, walls = [], [], []
    for _ in range(args.repeat):
        t0 = time.process_time()
        n_tokens = sum(len(doc) for doc in tokenizer.pipe(texts, batch_size=256))
        tok_runs.append(time.process_time() - t0)
        t0, w0 = time.process_time(), time.perf_counter()
        n_records = sum(len(records) for _, records in extract_documents(docs, nlp, n_process=args.jobs))
        ext_runs.append(time.process_time() - t0)
        walls.append(time.perf_counter() - w0)
    t_tok, t_ext, wall = min(tok_runs), min(ext_runs), min(walls)
    rounds = [t / e for t, e in zip(tok_runs, ext_runs)]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    tok_rate, ext_rate = words / t_tok, words / t_ext
    print(f"text            {size / 1e6:.2f} MB, {len(docs)} documents, {len(texts)} paragraphs, {words} words, "
          f"{n_tokens} tokens")
    print(f"tokenizer       {tok_rate:12,.0f} words/s  ({t_tok:.2f} s)")
    print(f"extraction      {ext_rate:12,.0f} words/s  ({t_ext:.2f} s, {n_records} records, jobs={args.jobs}; "
          f"wall {wall:.2f} s)")
    print(f"ratio           {ext_rate / tok_rate:.3f}  (extraction / tokenizer, best of {args.repeat} each; target >= 0.3)")
    print(f"ratio by round  {' '.join(f'{r:.3f}' for r in rounds)}  (the first with cold tokenizer caches; extraction "
          f"{' '.join(f'{e:.2f}' for e in ext_runs)} s)")
    print(f"peak memory     {peak_mb:.0f} MB (max resident set size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
