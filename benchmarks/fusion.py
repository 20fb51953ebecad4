"""Benchmark: cross-report fusion on reports we wrote (benchmarks/fusion/).

    python benchmarks/fusion.py [--orders 3]

Ingests `benchmarks/fusion/reports/` into a temporary store (in `--orders` different orders, one
store each), reads the events fused, and scores the "same incident" decisions pairwise over the
events matched to gold (by the reference scorer's matching, per report): a pair of matched events
from different reports is a true pair when their gold events share an `incident`; predicted same
when the fused events are one. Prints pairwise precision and recall, the near-miss pairs kept
apart, the copies found against `copy_of` in the gold, and whether every order gave identical
events.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from conflictscope.evaluate import score  # noqa: E402
from conflictscope.export import acled_row  # noqa: E402
from conflictscope.ingest import read_paths  # noqa: E402
from conflictscope.pipeline import Resources, ingest  # noqa: E402
from conflictscope.query import fuse_stored  # noqa: E402
from conflictscope.store import Store  # noqa: E402

CORPUS = REPO / "benchmarks" / "fusion"


def run_order(files: list[Path], db: Path, res: Resources) -> tuple[list[dict[str, Any]], Any]:
    with Store.open(str(db)) as store:
        for f in files:
            ingest(read_paths([str(f)]), store, res, timeout=0)
        events = store.events()
        return [acled_row(e) for e in events], fuse_stored(store, events)


def pairwise(gold: dict[str, Any], rows: list[dict[str, Any]], fusion: Any) -> dict[str, Any]:
    pairs: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    score(gold, rows, pairs=pairs)
    incident_of = {p["event_id_cnty"]: g["incident"] for _, g, p in pairs}
    fused_of = {member: f.id for f in fusion.events for member in f.fused_from}
    docs = {p["event_id_cnty"]: d for d, _, p in pairs}
    tp = fp = fn = tn = 0
    for a, b in combinations(sorted(incident_of), 2):
        if docs[a] == docs[b]:
            continue
        same_gold, same_pred = incident_of[a] == incident_of[b], fused_of.get(a) == fused_of.get(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        tn += not same_gold and not same_pred
    return {"matched_events": len(incident_of), "true_pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}


def copies(gold: dict[str, Any], fusion: Any, reports: dict[str, str]) -> tuple[int, int, int]:
    """Copies in the gold, found, and reports wrongly called copies."""
    truth = {d["doc"]: d.get("copy_of") for d in gold["documents"] if d.get("copy_of")}
    found = {reports[r]: reports[o] for r, o in fusion.copy_of.items()}
    return len(truth), sum(found.get(k) == v for k, v in truth.items()), sum(k not in truth for k in found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orders", type=int, default=3)
    args = ap.parse_args()
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    files = sorted((CORPUS / "reports").iterdir())
    res = Resources.load(model="")
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.orders):
            order = files[:] if i == 0 else random.Random(i).sample(files, len(files))
            rows, fusion = run_order(order, Path(tmp) / f"order{i}.db", res)
            outputs.append(sorted((e.id, tuple(e.fused_from), e.fatalities, e.corroboration) for e in fusion.events))
            if i == 0:
                first_rows, first = rows, fusion
                with Store.open(str(Path(tmp) / "order0.db"), read_only=True) as store:
                    names = {r.id: r.source_file for r in store.reports()}
    per_report = score(gold, first_rows)
    result = pairwise(gold, first_rows, first)
    n_copies, found, wrong = copies(gold, first, names)
    print(f"reports {len(files)}; per-report coding: P {per_report['precision']} R {per_report['recall']} "
          f"F1 {per_report['f1']}")
    print(f"events per report {len(first_rows)} -> fused {len(first.events)}")
    print(f"same-incident pairs over {result['matched_events']} matched events: precision {result['precision']} "
          f"recall {result['recall']} (tp {result['tp']} fp {result['fp']} fn {result['fn']}; "
          f"{result['true_pairs']} true pairs)")
    print(f"copies: {found} of {n_copies} found, {wrong} reports wrongly taken for copies")
    print(f"{args.orders} ingest orders give identical events: {all(o == outputs[0] for o in outputs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
