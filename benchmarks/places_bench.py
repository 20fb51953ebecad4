"""Time the gazetteer: loading it and finding the places of one report.

    .venv/bin/python benchmarks/places_bench.py [SEEDS_DIR]

Prints the load time without and with the pickle cache, and the median time of
`find_place_mentions` over the seed reports (and per 1,000 characters).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from conflictscope.resolve.places import Gazetteer, find_place_mentions

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        print(f"no reports in {seeds}; pass the seeds folder as the first argument")
        return 1
    t0 = time.perf_counter()
    Gazetteer.load(cache=False)
    cold = time.perf_counter() - t0
    Gazetteer.load()                        # writes the cache if absent
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    warm = time.perf_counter() - t0
    per_report, per_kchar, counts = [], [], []
    for text in texts:
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            mentions = find_place_mentions(text, gaz)
            runs.append(time.perf_counter() - t0)
        best = statistics.median(runs)
        per_report.append(best)
        per_kchar.append(best / max(len(text), 1) * 1000)
        counts.append(len(mentions))
    print(f"gazetteer: {len(gaz.places)} places, {len(gaz.exact)} name keys")
    print(f"load, no cache      {cold * 1000:8.1f} ms")
    print(f"load, pickle cache  {warm * 1000:8.1f} ms")
    print(f"find_place_mentions, median over {len(texts)} seed reports "
          f"({statistics.median(len(t) for t in texts):.0f} chars, "
          f"{statistics.median(counts):.0f} mentions): "
          f"{statistics.median(per_report) * 1000:.1f} ms "
          f"({statistics.median(per_kchar) * 1000:.2f} ms per 1,000 chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
