"""Benchmark: what a learned model adds to the rules on real text (issue: a coder that learns).

    python benchmarks/learning.py [CORPUS_DIR] [--sizes 250 1000 all] [--mirror] [--jobs 2] [--extra GOLD ...]

Trains `conflictscope learn`'s sentence model on the `dev` notes of the development corpus (and, with
`--extra`, on reference codings of our own articles, which add sentences that tell no event) and
scores the `check` notes, countries the model never saw, with the rules alone and with rules + model,
by the reference scorer's rules. `--sizes` draws a learning curve (training notes drawn at random,
seed 0); the per-event-type table is for the largest size. The model's proposal threshold is chosen
by `learn`'s cross-validation on the training part alone (`--folds`), never on the part scored.
`--mirror` also trains on `check` and scores `dev`. Without the corpus it says so and exits 0.

Credit: ACLED (Armed Conflict Location & Event Data Project), acleddata.com; see real_notes.py.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from conflictscope.evaluate import score  # noqa: E402
from conflictscope.learn import learn  # noqa: E402
from conflictscope.learn.sources import bundled_none, from_gold  # noqa: E402
from real_notes import breakdown, code_all  # noqa: E402

KEYS = ("precision", "recall", "f1", "tp", "fp", "fn")


def coded(corpus: Path, part: str, jobs: int, model: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    gold = json.loads((corpus / part / "gold.json").read_text(encoding="utf-8"))
    paths = [str(corpus / part / "reports" / d["doc"]) for d in gold["documents"]]
    rows, _ = code_all(paths, jobs, model)
    return gold, rows


def train(examples: list, docs: set[str] | None, folder: Path, folds: int) -> tuple[str, int, float, float]:
    chosen = [e for e in examples if docs is None or e.doc in docs or not e.origin.startswith("gold:gold.json")]
    t0 = time.perf_counter()
    done = learn(chosen + list(bundled_none()), folds=folds)   # the threshold: chosen by cross-validation on these notes
    done.model.save(folder)
    return str(folder), done.examples, time.perf_counter() - t0, done.model.threshold


def line(name: str, s: dict[str, Any], base: dict[str, Any] | None = None) -> str:
    delta = f"  dP {s['precision'] - base['precision']:+.3f}  dR {s['recall'] - base['recall']:+.3f}  " \
            f"dF1 {s['f1'] - base['f1']:+.3f}" if base else ""
    return f"{name:28} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  " \
           f"(tp {s['tp']} fp {s['fp']} fn {s['fn']}){delta}"


def experiment(corpus: Path, train_part: str, test_part: str, sizes: list[str], extra: list[str],
               jobs: int, tmp: Path, folds: int) -> None:
    print(f"\n== train on {train_part}, score {test_part}")
    examples = list(from_gold(corpus / train_part / "gold.json"))
    for g in extra:
        examples += list(from_gold(g))
    gold, rows = coded(corpus, test_part, jobs, "")
    base = score(gold, rows)
    print(line("rules alone", base))
    notes = sorted({e.doc for e in examples if e.origin.startswith("gold:gold.json")})
    last = None
    for size in sizes:
        docs = None if size == "all" else set(random.Random(0).sample(notes, min(int(size), len(notes))))
        folder, sentences, secs, threshold = train(examples, docs, tmp / f"{train_part}-{size}", folds)
        _, with_model = coded(corpus, test_part, jobs, folder)
        s = score(gold, with_model)
        n = len(notes) if docs is None else len(docs)
        print(line(f"rules + model ({n} notes)", s, base) + f"  [{sentences} sentences, threshold {threshold}, learned in {secs:.0f} s]")
        last = with_model
    if last is not None:
        before, after = breakdown(gold, rows, base)["types"], breakdown(gold, last, score(gold, last))["types"]
        print(f"per event type, rules alone -> rules + model ({sizes[-1]} notes): recall, precision")
        for et, t in before.items():
            a = after.get(et, {})
            print(f"  {et:28} gold {t['gold']:5}  R {t['recall']} -> {a.get('recall')}   "
                  f"P {t['precision']} -> {a.get('precision')}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("CONFLICTSCOPE_DEVCORPUS", str(REPO.parent / "devcorpus")))
    ap.add_argument("--sizes", nargs="+", default=["250", "1000", "all"])
    ap.add_argument("--mirror", action="store_true", help="also train on check and score dev")
    ap.add_argument("--folds", type=int, default=5,
                    help="cross-validation folds on the training part, which choose the model's threshold (0: the default threshold)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--extra", nargs="*", default=[str(REPO / "tests" / "heldout" / "heldout.gold.json"),
                                                   str(REPO / "tests" / "heldout2" / "heldout2.gold.json")],
                    help="reference codings of our own articles added to the training data")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not all((corpus / p / "gold.json").is_file() for p in ("dev", "check")):
        print(f"learning: no corpus at {corpus} (see real_notes.py); nothing measured.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        experiment(corpus, "dev", "check", args.sizes, args.extra, args.jobs, Path(tmp), args.folds)
        if args.mirror:
            experiment(corpus, "check", "dev", ["all"], args.extra, args.jobs, Path(tmp), args.folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
