"""How long the map page takes to draw 10,000 events in a real browser.

    python benchmarks/web_map_bench.py [--events 10000] [--chromium /usr/bin/chromium]

Builds a store of synthetic events at the gazetteer's places in the theatre's focus countries
(through `Store.save_coded`), with the codebook's event types and actors from the registry, serves
it with uvicorn on a free 127.0.0.1 port in a process of its own, waits until the server has made
the map's data (it selects and fuses every event as it starts; the time this takes is printed),
opens the map page in headless Chromium and prints the time from navigation start to the
`mapDrawn` performance mark that the map's script sets once the base map and the events are drawn
(the clusters and lone events of the first zoom, which the server clusters: `web/clusters.py`).
The first run starts with an empty browser cache. Target: under 1 second. With --no-wait it opens
the page as soon as the server listens, so the first draw also waits for the server's start.

It then walks the review queue (/review, the first event, then `n` for the next one) and prints
how long each next-event step takes, from the key press to the next event page loaded.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import socket
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from conflictscope import codebook, theatre
from conflictscope.models import CodedReport, Event, Evidence, Place, Report
from conflictscope.resolve.actors import ActorRegistry
from conflictscope.resolve.places import Gazetteer
from conflictscope.store import Store

EVENTS_PER_REPORT = 50
ACTORS = 6   # named actors drawn from the registry


def reference_data(rng: random.Random) -> tuple[list[tuple[str, str, str]], list[str], list[Place]]:
    """Event kinds (type, sub-type, disorder type), actor names and places, from the shipped data.

    Places are the gazetteer's in the countries whose gazetteers reach villages (the theatre's
    focus), so events fall where the map's boundary layers are.
    """
    kinds = [(t.name, sub, t.disorder_type) for t in codebook.load().event_types for sub in t.sub_event_types]
    actors = rng.sample(sorted(a.name for a in ActorRegistry.load() if a.kind == "named"), ACTORS)
    focus = theatre.load().focus.villages
    places = sorted((p for p in Gazetteer.load().places.values() if p.country_iso in focus), key=lambda p: p.id)
    return kinds, actors, places


def synthetic_reports(n_events: int, seed: int = 7) -> list[CodedReport]:
    """Coded reports holding `n_events` events with plausible, varied values."""
    rng = random.Random(seed)
    kinds, actors, places = reference_data(rng)
    countries = theatre.load()
    coded = []
    for r in range((n_events + EVENTS_PER_REPORT - 1) // EVENTS_PER_REPORT):
        text = f"Synthetic report {r}: clashes and strikes were reported in several places."
        report = Report(id=f"rep-{r:05d}", text=text, source_file=f"synthetic-{r:05d}.txt",
                        publisher="Synthetic Wire", published="2024-06-30")
        events = []
        for i in range(min(EVENTS_PER_REPORT, n_events - r * EVENTS_PER_REPORT)):
            place = rng.choice(places)
            event_type, sub, disorder = rng.choice(kinds)
            day = f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
            events.append(Event(
                id=f"ev-{r:05d}-{i:03d}", report_id=report.id, source_file=report.source_file,
                event_type=event_type, sub_event_type=sub, disorder_type=disorder,
                event_date=day, year=2024, time_precision=1, actor1=rng.choice(actors),
                actor2=rng.choice(actors), iso=countries.numeric(place.country_iso),
                region=countries.region(place.country_iso), country=countries.name(place.country_iso),
                location=place.name, latitude=round(place.lat, 4), longitude=round(place.lon, 4),
                geo_precision=rng.choice([1, 1, 1, 2, 3]),
                fatalities=rng.choice([0, 0, 1, 2, 3, 5, 10, 25]), source="Synthetic Wire",
                evidence_text=text, evidence_start=0, evidence_end=len(text),
                evidence=[Evidence("event_type", event_type, "clashes", text.index("clashes"),
                                   text.index("clashes") + 7, "benchmark")],
            ))
        coded.append(CodedReport(report=report, events=events))
    return coded


def build_store(path: Path, n_events: int) -> None:
    with Store.open(str(path)) as store:
        for c in synthetic_reports(n_events):
            store.save_coded(c)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_server(db: str, port: int, started: Any, warmed: Any) -> None:
    """In the server's own process, as `conflictscope serve` runs: the app under uvicorn; `started`
    set once it listens, `warmed` once it has made the map's data."""
    import uvicorn

    from conflictscope.web import create_app

    app = create_app(db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    started.set()
    app.state.bench.warmed.wait()
    warmed.set()
    thread.join()


@contextmanager
def serve(db: Path, wait: bool = True) -> Iterator[str]:
    """The web app on a free port in a process of its own (not sharing this one's interpreter with
    the browser's driver); yields its base URL once it listens, with `wait` once it is warm."""
    port = free_port()
    ctx = multiprocessing.get_context("spawn")
    started, warmed = ctx.Event(), ctx.Event()
    process = ctx.Process(target=_run_server, args=(str(db), port, started, warmed), daemon=True)
    t0 = time.perf_counter()
    process.start()
    try:
        if not started.wait(timeout=60):
            raise RuntimeError("the web server did not start within 60 s")
        if wait:
            if not warmed.wait(timeout=300):
                raise RuntimeError("the web server did not make the map's data within 300 s")
            print(f"server ready {time.perf_counter() - t0:.1f} s after start (the map's data made)")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.join(timeout=10)


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def _browser(chromium: str) -> Iterator[Any]:
    """Headless Chromium with a throwaway profile."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 900})
        try:
            yield browser
        finally:
            browser.close()


# what the map's script marks on its way to `mapDrawn`, and when its data arrived (ms from navigation start)
PHASES = """() => [["page", performance.getEntriesByType("navigation")[0].responseEnd],
  ["map.json", (performance.getEntriesByName(location.origin + "/map.json")[0] || {}).responseEnd || 0]]
  .concat(["mapBase", "mapData", "mapMarkers", "mapDrawn"].map(n => [n, (performance.getEntriesByName(n)[0] || {}).startTime || 0]))"""


def measure(base: str, chromium: str, runs: int) -> list[float]:
    """Milliseconds from navigation start to the map's `mapDrawn` mark, per run."""
    found = []
    with _browser(chromium) as browser:
        page = browser.new_page()
        for _ in range(runs):
            page.goto(base + "/events", wait_until="domcontentloaded")
            page.wait_for_selector("#map[data-drawn='1']", state="attached", timeout=60_000)
            found.append(page.evaluate("window.mapDrawn"))
            shown = page.evaluate("window.mapStats")
            print("  " + ", ".join(f"{name} {t:.0f}" for name, t in page.evaluate(PHASES)))
    print(f"events on the map: {shown}")
    return found


def measure_queue(base: str, chromium: str, steps: int) -> tuple[float, list[float]]:
    """Milliseconds to open the review queue, and for each next-event step (key `n`) after it."""
    found = []
    with _browser(chromium) as browser:
        page = browser.new_page()
        t0 = time.perf_counter()
        page.goto(base + "/review")
        opened = (time.perf_counter() - t0) * 1000
        page.click("#queue-start")
        page.wait_for_selector("#queue-nav")
        for _ in range(steps):
            t0 = time.perf_counter()
            with page.expect_navigation(wait_until="domcontentloaded"):
                page.keyboard.press("n")
            found.append((time.perf_counter() - t0) * 1000)
    return opened, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store at this path")
    parser.add_argument("--no-wait", action="store_true", help="open the map as soon as the server listens")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.db"
        if not db.exists():
            t0 = time.perf_counter()
            build_store(db, args.events)
            print(f"store built: {args.events} events in {time.perf_counter() - t0:.1f} s")
        with serve(db, wait=not args.no_wait) as base:
            times = measure(base, args.chromium, args.runs)
            opened, steps = measure_queue(base, args.chromium, args.runs)
    print("navigation -> map drawn (ms): " + ", ".join(f"{t:.0f}" for t in times))
    print(f"best {min(times):.0f} ms, first {times[0]:.0f} ms (target < 1000 ms)")
    print(f"review queue opened (ms): {opened:.0f}; next-event steps (ms): " + ", ".join(f"{t:.0f}" for t in steps))


if __name__ == "__main__":
    main()
