"""Time to load the actor registry and to find the actor mentions of 6,000 characters of reporting.

    .venv/bin/python benchmarks/actors_bench.py
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from conflictscope.resolve.actors import ActorRegistry, find_actor_mentions

DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "devset" / "reports"


def main() -> int:
    if not DEVSET.exists():
        print(f"{DEVSET} not found; nothing to measure", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    registry = ActorRegistry.load()
    load_ms = (time.perf_counter() - t0) * 1000
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] if p.suffix == ".json" else p.read_text(encoding="utf-8")
             for p in sorted(DEVSET.iterdir())]
    text = " ".join(texts)[:6000]
    find_actor_mentions(text, registry)
    runs = []
    for _ in range(10):
        t0 = time.perf_counter()
        mentions = find_actor_mentions(text, registry)
        runs.append(time.perf_counter() - t0)
    print(f"registry: {len(registry)} actors, loaded in {load_ms:.0f} ms")
    print(f"find_actor_mentions on 6,000 characters: best {min(runs) * 1000:.1f} ms, {len(mentions)} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
