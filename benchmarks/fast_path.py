"""Recall and cost of the fast path (`conflictscope.fastpath`) against the full analysis, per corpus.

    PYTHONPATH=src .venv/bin/python benchmarks/fast_path.py [--model DIR] [--only NAME ...]

Codes every report of each reference corpus twice in one process, with the full parse and with
the fast path (the same spaCy pipeline and data), and prints for each corpus: reports, reports
whose events and presence statements are identical, events of the full analysis, events of the
fast path, events kept (fast-path events equal to a full-analysis event, field by field, evidence
included) over the full analysis's, the seconds each took, and the recall of the gold events
under each (`evaluate.score`), which must not drop. The fast path parses a report whole when most
of it is kept; a third coding ("cut") makes it cut every report, to measure the pre-filter and the
joining where they act (its "kept": full-analysis events it reproduces, less any extra events).

Corpora: the seeds (../shared/seeds with ../shared/gold), the devset (../shared/devset), the
held-out sets (tests/heldout*), the real-text corpus (/work/devcorpus/{dev,check}, or the folder
in CONFLICTSCOPE_DEVCORPUS); one that is absent is skipped with a message. Only counts are
printed, never report text. Exit code 1 when the fast path lost an event or a gold match.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEVCORPUS = Path(os.environ.get("CONFLICTSCOPE_DEVCORPUS", "/work/devcorpus"))


def corpora() -> list[tuple[str, Path, Path]]:
    """(name, gold file, reports folder) of each reference corpus, present or not."""
    found = [("seeds", SHARED / "gold" / "seeds.gold.json", SHARED / "seeds"),
             ("devset", SHARED / "devset" / "devset.gold.json", SHARED / "devset" / "reports")]
    for held in sorted(ROOT.glob("tests/heldout*")):
        found.append((held.name, held / f"{held.name}.gold.json", held / "reports"))
    for part in ("dev", "check"):
        found.append((f"real-text {part}", DEVCORPUS / part / "gold.json", DEVCORPUS / part / "reports"))
    return found


def measure(name: str, gold_file: Path, folder: Path, fast, full, cut) -> dict:
    """Code a corpus both ways and compare."""
    from conflictscope.evaluate import load_gold, score
    from conflictscope.export import acled_row
    from conflictscope.ingest import read_paths
    from conflictscope.models import Problem
    from conflictscope.pipeline import code_report

    reports = [r for r in read_paths([folder]) if not isinstance(r, Problem)]
    out = {"corpus": name, "reports": len(reports), "identical": 0, "full": 0, "fast": 0, "kept": 0, "cut_kept": 0,
           "full_s": 0.0, "fast_s": 0.0, "cut_s": 0.0}
    rows: dict[str, list] = {"full": [], "fast": [], "cut": []}
    for report in reports:
        coded = {}
        for key, res in (("full", full), ("fast", fast), ("cut", cut)):
            t = time.perf_counter()
            coded[key] = code_report(report, res, timeout=0)
            out[f"{key}_s"] += time.perf_counter() - t
            rows[key].extend(acled_row(e) for e in coded[key].events)
        a = [e.to_dict() for e in coded["full"].events]
        b = [e.to_dict() for e in coded["fast"].events]
        out["full"] += len(a)
        out["fast"] += len(b)
        out["kept"] += sum(1 for e in a if e in b)
        cut_events = [e.to_dict() for e in coded["cut"].events]
        # events of the full analysis the cut reproduces; an extra event counts against it
        out["cut_kept"] += sum(1 for e in a if e in cut_events) - len(cut_events) + len(a)
        out["identical"] += a == b and coded["full"].presence == coded["fast"].presence
    gold = load_gold(gold_file)
    out["gold_full"] = score(gold, rows["full"])
    out["gold_fast"] = score(gold, rows["fast"])
    out["gold_cut"] = score(gold, rows["cut"])
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="", help="A learned model folder to code with (default: the rules alone).")
    parser.add_argument("--only", nargs="*", default=None, help="Only the corpora whose name starts with these.")
    args = parser.parse_args(argv)
    from conflictscope.pipeline import Resources

    fast = Resources.load(model=args.model)
    full = dataclasses.replace(fast, prefilter=None)
    # the pre-filter's cut everywhere: what the fast path does to reports where little is kept
    cut = dataclasses.replace(fast, prefilter=dataclasses.replace(fast.prefilter, whole_share=2.0))
    lost = False
    print(f"{'corpus':<18}{'reports':>8}{'same':>6}{'events full':>12}{'fast':>6}{'kept':>6}{'recall':>8}"
          f"{'gold R full':>12}{'fast':>7}{'s full':>8}{'fast':>7}{' | cut: kept':>12}{'gold R':>7}{'s':>7}",
          flush=True)
    for name, gold_file, folder in corpora():
        if args.only and not any(name.startswith(o) for o in args.only):
            continue
        if not gold_file.exists() or not folder.is_dir():
            print(f"{name}: skipped, {gold_file} or {folder} is absent", flush=True)
            continue
        r = measure(name, gold_file, folder, fast, full, cut)
        recall = r["kept"] / r["full"] if r["full"] else 1.0
        g_full, g_fast = r["gold_full"]["recall"], r["gold_fast"]["recall"]
        lost |= r["kept"] < r["full"] or g_fast < g_full or r["cut_kept"] < r["full"] \
            or r["gold_cut"]["recall"] < g_full
        print(f"{r['corpus']:<18}{r['reports']:>8}{r['identical']:>6}{r['full']:>12}{r['fast']:>6}{r['kept']:>6}"
              f"{recall:>8.3f}{g_full:>12.3f}{g_fast:>7.3f}{r['full_s']:>8.1f}{r['fast_s']:>7.1f}"
              f"{r['cut_kept']:>12}{r['gold_cut']['recall']:>7.3f}{r['cut_s']:>7.1f}", flush=True)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
