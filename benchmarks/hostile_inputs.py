"""Worst-case time and memory per report on generated hostile inputs (issue 15, bounded time).

    PYTHONPATH=src .venv/bin/python benchmarks/hostile_inputs.py [--cap 60] [--only NAME ...]
    PYTHONPATH=/work/main/src .venv/bin/python benchmarks/hostile_inputs.py   # the same on another tree

Every input is generated here (no external text): one 200,000-character word, 40,000 characters
of capitalised prose, about 2,600 place mentions, 200,000 characters of ordinary sentences and
files of 1.2 and 4.8 MB. Each is written to a temporary file, read as `ingest` reads it and coded
in its own subprocess, killed after --cap seconds (then reported as '>CAP s'). The table gives the
seconds spent coding, the peak resident memory of the process (the models included; the memory
after loading them is printed apart) and the outcome: coded (events) or the problem recorded.
Where the tree has a per-report time budget (`code_report(..., timeout=...)`) its default is used;
--no-budget measures the raw coding time instead. Wall-clock seconds depend on what else the
machine runs; the CPU seconds of the coding process are printed beside them. A process still running at 3 x --cap + 30 s is stopped.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

PLACES = ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Tartus", "Mosul",
          "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Samarra", "Manbij", "Kobani", "Afrin", "Palmyra", "Baiji"]
CAPITALISED = ["Northern", "Command", "Forces", "Moved", "Toward", "The", "River", "Valley", "Council", "Office",
               "Eastern", "Brigade", "Said", "Its", "Units", "Held", "Positions", "Near", "Old", "Market"]
TEMPLATES = [
    "On {day}, unidentified gunmen opened fire on a checkpoint in {place}, killing {n} soldiers.",
    "Government forces shelled villages near {place} on {day}, local residents said.",
    "Protesters gathered in the centre of {place} to demand the release of detainees.",
    "An improvised explosive device exploded beside a road east of {place}, wounding {n} civilians.",
    "Clashes between rival armed groups continued for a second day in {place}, a monitor reported.",
    "Airstrikes struck a market in {place} on {day}, and rescue workers recovered {n} bodies.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinary(size: int) -> str:
    """Ordinary reporting sentences, six to a paragraph, until `size` characters."""
    parts, n, length = [], 0, 0
    while length < size:
        sentence = TEMPLATES[n % len(TEMPLATES)].format(day=DAYS[n % 7], place=PLACES[(n * 7) % len(PLACES)],
                                                        n=2 + n % 9)
        sentence += "\n\n" if n % 6 == 5 else " "
        parts.append(sentence)
        length += len(sentence)
        n += 1
    return "".join(parts)[:size]


def capitalised(size: int) -> str:
    """Title-case words, a full stop every twelve words, until `size` characters."""
    words = [CAPITALISED[(i * 3) % len(CAPITALISED)] + ("." if i % 12 == 11 else "") for i in range(size // 4)]
    return " ".join(words)[:size]


def place_mentions(count: int) -> str:
    """Sentences naming two places each, `count` place mentions in all."""
    return "".join(f"Shelling hit {PLACES[i % 20]} and {PLACES[(i * 3 + 1) % 20]} on {DAYS[i % 7]}.\n"
                   for i in range(count // 2))


INPUTS: dict[str, Callable[[], str]] = {
    "long word, 200k 'A'": lambda: "A" * 200_000,
    "capitalised prose, 40k": lambda: capitalised(40_000),
    "2,600 place mentions": lambda: place_mentions(2_600),
    "ordinary sentences, 200k": lambda: ordinary(200_000),
    "file of 1.2 MB": lambda: ordinary(1_200_000),
    "file of 4.8 MB": lambda: ordinary(4_800_000),
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_one(path: str, budget: bool) -> dict[str, object]:
    """Code the reports of one file (in this process) and say how long it took and what came of it."""
    from conflictscope.ingest import read_paths
    from conflictscope.models import Problem
    from conflictscope.pipeline import Resources, code_report

    res = Resources.load()
    loaded_mb = _rss_mb()
    # a tree with a budget: its default (None), or none at all (0); a tree without one: code_report(item, res)
    options = {"timeout": None if budget else 0} if "timeout" in inspect.signature(code_report).parameters else {}
    t0, cpu0 = time.perf_counter(), _cpu_s()
    outcomes = []
    for item in read_paths([path]):
        if isinstance(item, Problem):
            outcomes.append(f"{item.stage}: {item.message[:70]}")
            continue
        try:
            coded = code_report(item, res, **options)
        except Exception as exc:  # the outcome is the measurement
            outcomes.append(f"{type(exc).__name__}: {str(exc)[:70]}")
            continue
        failed = [p for p in coded.problems if p.severity == "error"]
        outcomes.append(f"problem [{failed[0].stage}]" if failed else
                        f"coded ({len(coded.events)} events)" if coded.coded else "not coded")
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu_s() - cpu0, "peak_mb": _rss_mb(), "loaded_mb": loaded_mb,
            "outcome": "; ".join(outcomes)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds after which an input is stopped")
    parser.add_argument("--only", nargs="*", default=None, help="names (substrings) of the inputs to run")
    parser.add_argument("--no-budget", action="store_true", help="code without the per-report time budget")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, not args.no_budget)))
        return 0
    # a private cache: another checkout's run may replace the shared world index while this one reads it
    cache = tempfile.mkdtemp(prefix="hostile-cache-")
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    subprocess.run([sys.executable, "-c", "from conflictscope.pipeline import Resources; Resources.load()"],
                   env=env, check=True)
    print(f"{'input':<28} {'chars':>9} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'load MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in INPUTS.items():
            if args.only and not any(o in name for o in args.only):
                continue
            text = make()
            path = Path(tmp) / "report.txt"
            path.write_text(text, encoding="utf-8")
            cmd = [sys.executable, __file__, "--one", str(path)] + (["--no-budget"] if args.no_budget else [])
            t0 = time.perf_counter()
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=3 * args.cap + 30,
                                      env=env)
                row = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else \
                    {"seconds": None, "outcome": f"exit {done.returncode}: {done.stderr.strip()[-70:]}"}
            except subprocess.TimeoutExpired:
                row = {"seconds": None, "outcome": f"stopped after {time.perf_counter() - t0:.0f} s"}
            seconds = row.get("seconds")
            shown = f">{args.cap:.0f} s" if seconds is None or seconds > args.cap else f"{seconds:.1f}"
            mb = [f"{row[k]:>8.0f}" if k in row else f"{'-':>8}" for k in ("peak_mb", "loaded_mb")]
            cpu = f"{row['cpu']:>7.1f}" if "cpu" in row else f"{'-':>7}"
            print(f"{name:<28} {len(text):>9,} {shown:>8} {cpu} {mb[0]} {mb[1]}  {row['outcome']}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
