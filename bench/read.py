"""Reading throughput on the bundled sample replicated to >= 5 MB, as a ratio to spaCy's blank-English tokenizer.

The five sample files are copied as whole documents (copy k of each file is a
file of its own) until the copies together reach the target size, so every
byte is read as part of a real document. The reader
and `spacy.blank("en").tokenizer` run on the same texts, interleaved, N rounds;
the best round of each is kept. Printed: sizes, best times, MB/s and the ratio
reader_time / tokenizer_time (how many times slower than tokenizing the text).

    .venv/bin/python bench/read.py [--mb 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from resograph.read import read_document
from resograph.sample import sample_files


def replicate(target_bytes: int, out_dir: Path) -> list[Path]:
    files = sample_files()
    paths: list[Path] = []
    total = 0
    copy = 0
    while total < target_bytes:
        copy += 1
        for f in files:
            path = out_dir / f"{copy:03d}_{f.name}"
            path.write_bytes(f.read_bytes())
            paths.append(path)
            total += path.stat().st_size
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="total size of the replicated sample (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the best is kept (default 3)")
    args = parser.parse_args(argv)

    import spacy

    tokenizer = spacy.blank("en").tokenizer
    with tempfile.TemporaryDirectory() as tmp:
        paths = replicate(int(args.mb * 1_000_000), Path(tmp))
        total = sum(p.stat().st_size for p in paths)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        best_read = best_tok = float("inf")
        paragraphs = tokens = 0
        for _ in range(args.rounds):
            t = time.perf_counter()
            paragraphs = sum(len(read_document(p).paragraphs) for p in paths)
            best_read = min(best_read, time.perf_counter() - t)
            t = time.perf_counter()
            tokens = sum(len(tokenizer(text)) for text in texts)
            best_tok = min(best_tok, time.perf_counter() - t)
    mb = total / 1_000_000
    print(f"sample replicated to {mb:.1f} MB in {len(paths)} files; best of {args.rounds} interleaved rounds")
    print(f"reader:          {best_read:7.2f} s  {mb / best_read:6.2f} MB/s  ({paragraphs} paragraphs)")
    print(f"spaCy tokenizer: {best_tok:7.2f} s  {mb / best_tok:6.2f} MB/s  ({tokens} tokens)")
    print(f"ratio reader/tokenizer time: {best_read / best_tok:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
