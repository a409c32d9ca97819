"""Extraction on every core: the process pool beside one process and bare multi-process spaCy.

On the same generated short posts (tests/synthetic.py), in one process:

- **single**: trendgraph's extraction in this process (``InProcess`` engine);
- **pool**: the ingest's process pool, one worker per core, models loaded once per
  worker (timed after the workers are warm, as in a long ingest);
- **bare mp**: ``nlp.pipe(n_process=cores)`` of the bare statistical models, the
  ceiling spaCy itself offers.

Prints words/s and the ratios pool/single (target >= 1.7 on 2 cores) and
pool/bare mp (target >= 0.85).

    .venv/bin/python bench/parallel.py --posts 6000
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import batched
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from cpu import cpu_seconds  # noqa: E402
from synthetic import posts  # noqa: E402

from kg.extract import analysed_text  # noqa: E402
from kg.extract.engines import InProcess, ProcessPool, default_workers  # noqa: E402
from kg.extract.language import document_language  # noqa: E402
from kg.extract.pipeline import load_base, model_name  # noqa: E402
from kg.ingestion import CHUNK_DOCS  # noqa: E402
from kg.model import Document  # noqa: E402


def documents(count: int, seed: int) -> list[Document]:
    return [Document(id=p["id"], text=p["text"], source="bench", kind="Post", lang=p["lang"],
                     date=p["date"]) for p in posts(count, seed=seed)]


CPU: dict[str, float] = {}


def timed_engine(engine, docs: list[Document], name: str = "") -> float:
    start, cpu = time.perf_counter(), cpu_seconds()
    done = sum(len(r.extractions) for r in engine.map([list(c) for c in batched(docs,
                                                                                  CHUNK_DOCS)]))
    assert done == len(docs)
    CPU[name] = cpu_seconds() - cpu
    return time.perf_counter() - start


def bare_multiprocess(docs: list[Document], workers: int) -> float:
    texts = [analysed_text(d) for d in docs]
    langs = [document_language(d.lang, t) for d, t in zip(docs, texts, strict=True)]
    models = {lang: load_base(model_name(lang)) for lang in set(langs)}
    start, cpu = time.perf_counter(), cpu_seconds()
    for lang, nlp in models.items():
        chosen = [t for t, lg in zip(texts, langs, strict=True) if lg == lang]
        for _ in nlp.pipe(chosen, n_process=workers, batch_size=64):
            pass
    CPU["bare"] = cpu_seconds() - cpu
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    docs = documents(args.posts, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    warm = documents(args.workers * CHUNK_DOCS, args.seed + 1)

    single = InProcess()
    timed_engine(single, warm[:CHUNK_DOCS])  # models loaded before timing, as in the pool
    single_s = timed_engine(single, docs, "single")
    pool = ProcessPool(args.workers)
    try:
        timed_engine(pool, warm)
        pool_s = timed_engine(pool, docs, "pool")
    finally:
        pool.close()
    bare_s = bare_multiprocess(docs, args.workers)

    print(f"{len(docs):,} posts, {words:,} words, {args.workers} workers")
    for name, key, seconds in (
            ("single process", "single", single_s), (f"pool x{args.workers}", "pool", pool_s),
            (f"bare nlp.pipe n_process={args.workers}", "bare", bare_s)):
        print(f"  {name:<28}{seconds:>8.1f} s wall{CPU[key]:>8.1f} s CPU"
              f"{words / seconds:>10,.0f} words/s{words / CPU[key]:>10,.0f} words/CPU-s")
    print(f"pool / single: {single_s / pool_s:.2f}x (target >= 1.7 on 2 cores)")
    print(f"pool / bare multi-process nlp.pipe: {bare_s / pool_s:.2f}x (target >= 0.85)")
    print(f"CPU per word, pool / single: {CPU['pool'] / CPU['single']:.2f}x; "
          f"pool / bare: {CPU['pool'] / CPU['bare']:.2f}x (near 1: workers add little)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
