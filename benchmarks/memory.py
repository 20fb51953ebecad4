"""Benchmark (run by hand): peak memory of `ingest` as the number of distinct reports grows.

    python benchmarks/memory.py [--sizes 5000 20000 50000] [--words 120] [--workers 1]

For each size it writes that many distinct short reports (paragraphs of the seeds and the devset,
joined from a different start and given a report number, so no two texts are alike), runs
`conflictscope ingest FOLDER --workers N -q` in a fresh process into a fresh store and prints the
wall time, the reports per second and the peak resident memory of that process (and its workers),
then the ratio of each peak to the first. Memory should stay flat: reports are read as a stream
and each is written in its own transaction; the issue asks for the peak at 50,000 reports to be at
most 1.5 times that at 5,000. Large sizes take hours on two cores; smaller sizes show the trend.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import SHARED, SRC, build_texts, paragraphs  # noqa: E402


def peak_ingest(folder: Path, db: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one ingest process and its workers."""
    script = ("import resource, sys, runpy; sys.argv = ['conflictscope', 'ingest', sys.argv[1], '--db', sys.argv[2], "
              "'-q', '--workers', sys.argv[3]]\n"
              "try:\n    runpy.run_module('conflictscope.cli', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
              "print('PEAK', max(own, kids))")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(folder), str(db), str(workers)], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t
    peak = next((int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PEAK")), 0)
    if not peak:
        raise SystemExit(f"ingest failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, peak / 1024   # ru_maxrss is in kB on Linux


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 50000])
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    folders = [SHARED / "seeds", SHARED / "devset" / "reports"]
    if not all(f.exists() for f in folders):
        print(f"reference reports not found under {SHARED}; nothing to measure", file=sys.stderr)
        return 2
    pool = paragraphs(folders)
    first = None
    print(f"{'reports':>8}{'seconds':>9}{'reports/s':>11}{'peak MB':>9}{'x first':>9}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "reports"
            folder.mkdir()
            for i, text in enumerate(build_texts(pool, size, args.words)):
                (folder / f"r{i:06d}.txt").write_text(f"Report {i}.\n\n{text}", encoding="utf-8")
            seconds, peak = peak_ingest(folder, Path(tmp) / "m.db", args.workers)
        first = first or peak
        print(f"{size:>8}{seconds:>9.1f}{size / seconds:>11.2f}{peak:>9.0f}{peak / first:>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
