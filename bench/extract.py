"""Extraction speed: trendgraph's full extraction beside bare ``nlp.pipe`` of the same models.

Reads the sample corpus (``data/`` by default), repeats it until it holds at least
``--words`` words, then in one process times:

- **bare**: ``nlp.pipe`` of the statistical models exactly as trendgraph loads them
  (same components: tok2vec, tagger/morphologizer, senter, attribute ruler, NER),
  documents grouped by language;
- **full**: ``kg.extract.extract_many`` — the same models plus trendgraph's components
  (breaks, NER typing, lexicon ruler, patterns, selection), resolution and relations.

Articles (``data/articles``) and short posts (``data/posts``) are measured
separately: per-document costs weigh far more on posts. The overhead of
trendgraph's own work is ``full / bare - 1`` in CPU seconds (target: at most 30%).
Each side is the best of ``--repeat`` runs, bare and full taking turns, which tames
other load on the box and lets it hit both sides alike.

    .venv/bin/python bench/extract.py                 # 100,000 words of each, best of 3
    .venv/bin/python bench/extract.py --words 30000 --repeat 1 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import read_paths  # noqa: E402
from kg.extract import analysed_text, extract_many, load_pipeline  # noqa: E402
from kg.extract.language import document_language  # noqa: E402
from kg.extract.pipeline import load_base, model_name  # noqa: E402
from kg.model import Document  # noqa: E402


def corpus(paths: list[str], words: int) -> list[Document]:
    """The documents under ``paths``, repeated until they hold ``words`` words."""
    base = [d for read in read_paths(paths) for d in read.documents]
    if not base:
        raise SystemExit(f"no documents under {', '.join(paths)}")
    out: list[Document] = []
    total, copy = 0, 0
    while total < words:
        for document in base:
            out.append(replace(document, id=f"{document.id}#{copy}"))
            total += len(document.text.split())
        copy += 1
    return out


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def best_interleaved(repeat: int, bare: Callable[[], None],
                     full: Callable[[], None]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best (wall, CPU) of each side over ``repeat`` rounds of bare then full.

    The two sides alternate, so a burst of load on the shared machine falls on
    both alike rather than on whichever ran during it.
    """
    bare_runs, full_runs = [], []
    for _ in range(repeat):
        bare_runs.append(timed(bare))
        full_runs.append(timed(full))
    return best(bare_runs), best(full_runs)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest wall-clock and the least CPU of some runs (each may come from another)."""
    return min(w for w, _ in runs), min(c for _, c in runs)


def measure(documents: list[Document], *, batch_size: int, repeat: int) -> dict:
    """Bare ``nlp.pipe`` and full extraction of ``documents``, measured the same way."""
    texts = [analysed_text(d) for d in documents]
    langs = [document_language(d.lang, t) for d, t in zip(documents, texts, strict=True)]
    words = sum(len(t.split()) for t in texts)
    by_lang = {lang: [t for t, x in zip(texts, langs, strict=True) if x == lang]
               for lang in dict.fromkeys(langs)}
    bare = {lang: load_base(model_name(lang)) for lang in by_lang}
    for lang, nlp in bare.items():  # warm up: load tables, allocate
        list(nlp.pipe(by_lang[lang][:20]))
        load_pipeline(lang)
    list(extract_many(documents[:20]))

    def run_bare() -> None:
        for lang, nlp in bare.items():
            for _doc in nlp.pipe(by_lang[lang], batch_size=batch_size):
                pass

    def run_full() -> None:
        for _extraction in extract_many(documents, batch_size=batch_size):
            pass

    (bare_wall, bare_cpu), (full_wall, full_cpu) = best_interleaved(repeat, run_bare, run_full)
    return {
        "documents": len(documents),
        "words": words,
        "languages": {lang: len(t) for lang, t in by_lang.items()},
        "models": {lang: model_name(lang) for lang in by_lang},
        "bare_seconds": round(bare_wall, 2),
        "full_seconds": round(full_wall, 2),
        "bare_cpu_seconds": round(bare_cpu, 2),
        "full_cpu_seconds": round(full_cpu, 2),
        "bare_words_per_second": round(words / bare_wall),
        "full_words_per_second": round(words / full_wall),
        "ratio_cpu": round(full_cpu / bare_cpu, 3),
        "overhead": round(full_cpu / bare_cpu - 1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="Measure these instead of articles and posts.")
    parser.add_argument("--words", type=int, default=100_000, help="Words per corpus.")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    sets = {"custom": args.paths} if args.paths else {
        "articles": [str(ROOT / "data" / "articles")], "posts": [str(ROOT / "data" / "posts")]}
    figures = {name: measure(corpus(paths, args.words), batch_size=args.batch_size,
                             repeat=args.repeat) for name, paths in sets.items()}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, f in figures.items():
        print(f"{name}: {f['documents']} documents, {f['words']} words "
              f"({', '.join(f'{k}: {v}' for k, v in f['languages'].items())} documents)")
        print(f"  bare nlp.pipe      : {f['bare_words_per_second']:>7} words/s "
              f"({f['bare_seconds']:.1f} s, CPU {f['bare_cpu_seconds']:.1f} s)")
        print(f"  trendgraph extract : {f['full_words_per_second']:>7} words/s "
              f"({f['full_seconds']:.1f} s, CPU {f['full_cpu_seconds']:.1f} s)")
        print(f"  full / bare CPU    : {f['ratio_cpu']:.2f}x "
              f"(trendgraph's own work {f['overhead']:.1%}; target <= 30%)")


if __name__ == "__main__":
    main()
