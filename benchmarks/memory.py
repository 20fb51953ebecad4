"""Benchmark (run by hand): peak memory of `ingest` as the number of distinct reports grows.

    python benchmarks/memory.py [--sizes 5000 20000 50000] [--words 120] [--workers 1] [--checkpoints]

Both modes write distinct short reports (paragraphs of the seeds and the devset, joined from a
different start and given a report number, so no two texts are alike) and run `conflictscope
ingest FOLDER --workers N -q` in a fresh process into a fresh store. They print, for each size,
the wall time, the reports per second and the peak resident memory, then the ratio of each peak
to the first size's. The issue asks for the peak at 50,000 reports to be at most 1.5 times that
at 5,000.

- Separate runs (the default): one folder and one ingest per size. The peak is that of the whole
  process (start-up, model load and the summary included) or of its largest worker.
- `--checkpoints`: one folder of the largest size and one ingest over it. As the count of reports
  stored reaches each size, the ingest process notes the seconds since it started and its peak
  so far (the high-water mark of its resident memory, `VmHWM`, or of its largest live worker),
  and its resident memory then. A checkpoint is what a separate run of that size would measure,
  less the end of the run (closing the store, printing the summary) and plus the start of a
  larger one (the progress bar's count of the largest folder's files); one long run gives the
  whole curve for the cost of its largest point. Linux only (it reads /proc).

Memory should stay flat: reports are read as a stream and each is written in its own
transaction. Large sizes take hours on two cores with long reports; `--words 50` keeps real
event sentences and makes 50,000 reports about an hour of one core.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import SHARED, SRC, build_texts, paragraphs  # noqa: E402

CHILD = "--ingest-child"   # the hidden mode in which this script is the measured ingest process


def _high_water_kb(pid: int | str = "self") -> int:
    """The peak resident memory (kB) of a live process, from /proc; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def _resident_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))


def _worker_pids() -> list[str]:
    found: list[str] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            found.extend((task / "children").read_text().split())
        except OSError:
            continue
    return found


def ingest_child(folder: str, db: str, workers: str, checkpoints: list[int]) -> None:
    """Run `conflictscope ingest` in this process; print `PEAK kB` at the end and, with
    checkpoints, `CHECK reports seconds peak_kB resident_kB` as each count is reached."""
    import resource
    import runpy

    started = time.perf_counter()
    if checkpoints:
        from conflictscope.progress import Progress

        counted = Progress.__call__
        marks = set(checkpoints)

        def count_and_note(self: Progress, name: str) -> None:
            counted(self, name)
            if self.done in marks:
                peak = max([_high_water_kb()] + [_high_water_kb(pid) for pid in _worker_pids()])
                print(f"CHECK {self.done} {time.perf_counter() - started:.1f} {peak} {_resident_kb()}",
                      flush=True)

        Progress.__call__ = count_and_note   # type: ignore[method-assign]
    sys.argv = ["conflictscope", "ingest", folder, "--db", db, "-q", "--workers", workers]
    try:
        runpy.run_module("conflictscope.cli", run_name="__main__")
    except SystemExit:
        pass
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("PEAK", max(own, kids), flush=True)   # ru_maxrss is in kB on Linux


def run_ingest(folder: Path, db: Path, workers: int, checkpoints: Sequence[int] = ()) -> list[tuple[int, float, float]]:
    """Ingest the folder in a fresh process: (reports, seconds, peak MB) at each checkpoint, or
    (reports in the folder, wall seconds, peak MB of the whole run) without checkpoints."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    command = [sys.executable, __file__, CHILD, str(folder), str(db), str(workers), *map(str, checkpoints)]
    errors_file = db.with_suffix(".stderr")   # a file: a pipe left unread would stall a child with many problems
    t = time.perf_counter()
    with open(errors_file, "w+") as errors, subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=errors,
                                                             text=True) as child:
        points, peak = [], 0
        for line in child.stdout:   # checkpoints printed as they come, so a long run shows it is alive
            words = line.split()
            if words[:1] == ["CHECK"]:
                size, seconds, high, resident = int(words[1]), float(words[2]), int(words[3]), int(words[4])
                points.append((size, seconds, high / 1024))
                print(f"  checkpoint {size}: {seconds:.0f} s, peak {high / 1024:.0f} MB, "
                      f"resident {resident / 1024:.0f} MB", file=sys.stderr, flush=True)
            elif words[:1] == ["PEAK"]:
                peak = int(words[1])
    seconds = time.perf_counter() - t
    if not peak:
        raise SystemExit(f"ingest failed:\n{errors_file.read_text()[-2000:]}")
    return points or [(sum(1 for _ in folder.iterdir()), seconds, peak / 1024)]


def write_reports(folder: Path, pool: list[str], size: int, words: int) -> None:
    """`size` distinct reports of about `words` words, one file each."""
    folder.mkdir()
    for i, text in enumerate(build_texts(pool, size, words)):
        (folder / f"r{i:06d}.txt").write_text(f"Report {i}.\n\n{text}", encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == [CHILD]:
        ingest_child(argv[1], argv[2], argv[3], [int(a) for a in argv[4:]])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 50000])
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--checkpoints", action="store_true",
                        help="one run of the largest size, the peak so far noted at each size")
    args = parser.parse_args(argv)
    folders = [SHARED / "seeds", SHARED / "devset" / "reports"]
    if not all(f.exists() for f in folders):
        print(f"reference reports not found under {SHARED}; nothing to measure", file=sys.stderr)
        return 2
    pool = paragraphs(folders)
    sizes = sorted(set(args.sizes))
    runs = [sizes] if args.checkpoints else [[size] for size in sizes]
    first = None
    print(f"{'reports':>8}{'seconds':>9}{'reports/s':>11}{'peak MB':>9}{'x first':>9}", flush=True)
    for run in runs:
        with tempfile.TemporaryDirectory() as tmp:
            write_reports(Path(tmp) / "reports", pool, run[-1], args.words)
            points = run_ingest(Path(tmp) / "reports", Path(tmp) / "m.db", args.workers,
                                run if args.checkpoints else [])
        for size, seconds, peak in points:
            first = first or peak
            print(f"{size:>8}{seconds:>9.1f}{size / seconds:>11.2f}{peak:>9.0f}{peak / first:>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
