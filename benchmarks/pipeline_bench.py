"""Throughput of the pipeline's stages on the reference reports, measured in one run.

    .venv/bin/python benchmarks/pipeline_bench.py [--repeat N]

Reads the seeds and the devset from ../shared (50 reports), then times, over N passes:
reading and cleaning (ingest), coding (nlp + resolve + extract) and storing (SQLite, one
transaction per report, first save and an unchanged re-save). Prints reports per minute per stage
and their ratios, so a change can be judged by ratios measured on the same machine in the same run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from conflictscope.ingest import read_paths
from conflictscope.models import Problem
from conflictscope.pipeline import Resources, code_report
from conflictscope.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folders = [SHARED / "seeds", SHARED / "devset" / "reports"]
    if not all(f.exists() for f in folders):
        print(f"reference reports not found under {SHARED}; nothing to measure", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    res = Resources.load()
    load_s = time.perf_counter() - t0

    read_times, code_times, save_times, resave_times = [], [], [], []
    n_reports = n_events = 0
    for _ in range(args.repeat):
        t = time.perf_counter()
        reports = [r for r in read_paths(folders) if not isinstance(r, Problem)]
        read_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        coded = [code_report(r, res) for r in reports]
        code_times.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "bench.db")) as store:
            t = time.perf_counter()
            for c in coded:
                store.save_coded(c)
            save_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            for c in coded:
                store.save_coded(c)
            resave_times.append(time.perf_counter() - t)
        n_reports = len(reports)
        n_events = sum(len(c.events) for c in coded)

    def per_minute(seconds: list[float]) -> float:
        return n_reports / statistics.median(seconds) * 60

    stages = {"read+clean": per_minute(read_times), "code (nlp+resolve+extract)": per_minute(code_times),
              "store (first save)": per_minute(save_times), "store (unchanged re-save)": per_minute(resave_times)}
    total = n_reports / (statistics.median(read_times) + statistics.median(code_times)
                         + statistics.median(save_times)) * 60
    print(f"{n_reports} reports, {n_events} events; resources loaded in {load_s:.2f} s; median of {args.repeat} passes")
    for name, rate in stages.items():
        print(f"  {name:<30} {rate:>10,.0f} reports/min   {rate / total:>7.1f}x the whole pipeline")
    print(f"  {'whole pipeline (read+code+store)':<30} {total:>10,.0f} reports/min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
