"""Benchmark: the coder on real text, the development corpus of ACLED event notes.

    python benchmarks/real_notes.py [CORPUS_DIR] [--parts dev check] [--jobs 2] [--out DIR] [--limit N]

CORPUS_DIR is the folder `../shared/devcorpus/acled_notes.py` wrote (with `dev/` and `check/`, each
`reports/*.txt` and `gold.json`); default: $CONFLICTSCOPE_DEVCORPUS, else `../devcorpus` beside the
repository. It is ACLED's data and never part of the repository: without it the benchmark says so
and exits 0.

For each part it codes every note (nothing stored) and prints, by the rules of the reference scorer:
event F1, precision and recall with the standard matching and with `--any-place` (no place
condition), every field accuracy, recall and precision per event type, F1 per country, and the
gazetteer's ceiling: the share of gold events for which some gazetteer place whose name occurs in
the note lies within the gold tolerance. Misses, false events and field errors go to
`OUT/<part>_errors.md` for reading (read `dev`; read `check` rarely), predictions to
`OUT/<part>_predictions.jsonl`, figures to `OUT/<part>_scores.json`.

Credit: ACLED (Armed Conflict Location & Event Data Project), acleddata.com: events of 27 April -
9 May 2020 from a public copy of an export, all countries but Syria and Iraq, notes used as
development text.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from conflictscope.evaluate import score  # noqa: E402
from conflictscope.export import acled_row  # noqa: E402
from conflictscope.geo import haversine_km  # noqa: E402

_RES = None


def _init(model: str = "") -> None:
    global _RES
    from conflictscope.pipeline import Resources

    _RES = Resources.load(model=model)   # "" = the rules alone, whatever CONFLICTSCOPE_MODEL says


def _init_once(model: str = "") -> None:
    if _RES is None:   # (a spawned worker; a forked one has the parent's)
        _init(model)


def _code(job: tuple[str, str]) -> tuple[str, list[dict[str, Any]], str]:
    """Code one note, with the country hint a desk that follows its country would give ('' for none):
    (file name, prediction rows, error message or '')."""
    from conflictscope.ingest import read_paths
    from conflictscope.models import Problem
    from conflictscope.pipeline import code_report, country_code

    path, hint = job
    rows: list[dict[str, Any]] = []
    try:
        res = dataclasses.replace(_RES, country=country_code(_RES.theatre, hint)) if hint else _RES
        for item in read_paths([path]):
            if isinstance(item, Problem):
                return Path(path).name, rows, item.message
            rows += [acled_row(e) for e in code_report(item, res).events]
    except Exception as exc:   # a benchmark reports a crash and goes on
        return Path(path).name, rows, f"{type(exc).__name__}: {exc}"
    return Path(path).name, rows, ""


def code_all(paths: list[str], jobs: int, model: str = "",
             hints: list[str] | None = None) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Code every note, in `jobs` processes (with a learned model when `model` names its folder, and each
    note with its country hint when `hints` gives them)."""
    work = list(zip(paths, hints or [""] * len(paths)))
    rows: list[dict[str, Any]] = []
    errors: list[tuple[str, str]] = []
    if jobs > 1:
        # loaded here first: a broken data file stops the run with its message, where a worker's initializer
        # that fails would be started again and again by the pool; forked workers share what was loaded
        _init(model)
        with Pool(jobs, initializer=_init_once, initargs=(model,)) as pool:
            results = pool.map(_code, work, chunksize=20)
    else:
        _init(model)
        results = [_code(w) for w in work]
    for name, found, error in results:
        rows += found
        if error:
            errors.append((name, error))
    return rows, errors


def gazetteer_ceiling(gold: dict[str, Any], reports: Path) -> float:
    """Share of required gold events with a gazetteer place named in the note within the tolerance."""
    from conflictscope.resolve.places import Gazetteer, fold

    gaz = Gazetteer.load()
    names: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for place in gaz.all_places():
        for n in (place.name, *place.alt_names):
            key = " ".join(fold(n).replace("-", " ").split())
            if len(key) >= 3:
                names[key].append((place.lat, place.lon))
    hit = total = 0
    for d in gold["documents"]:
        words = fold((reports / d["doc"]).read_text(encoding="utf-8")).replace("-", " ")
        words = "".join(c if c.isalnum() else " " for c in words).split()
        grams = {" ".join(words[i:i + n]) for i in range(len(words)) for n in range(1, 6) if i + n <= len(words)}
        points = [pt for g in grams for pt in names.get(g, ())]
        for e in d["events"]:
            if not e.get("required", True):
                continue
            total += 1
            hit += any(haversine_km(loc["lat"], loc["lon"], lat, lon) <= loc["tolerance_km"]
                       for loc in e["locations"] for lat, lon in points)
    return round(hit / total, 3) if total else 0.0


def _country(d: dict[str, Any]) -> str:
    for e in d["events"]:
        note = e.get("note") or ""
        if note:
            return note.split(";")[0].strip()
    return d["doc"].split("_")[-1][:3]


def breakdown(gold: dict[str, Any], rows: list[dict[str, Any]], result: dict[str, Any]) -> dict[str, Any]:
    """Recall and precision per event type, F1 per country, from one scoring run."""
    missed = set(result["missed"])
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_country: dict[str, Counter[str]] = defaultdict(Counter)
    country_of = {d["doc"]: _country(d) for d in gold["documents"]}
    for d in gold["documents"]:
        for e in d["events"]:
            if not e.get("required", True):
                continue
            hit = e["id"] not in missed
            by_type[e["event_type"]]["gold"] += 1
            by_type[e["event_type"]]["tp"] += hit
            by_country[country_of[d["doc"]]]["tp"] += hit
            by_country[country_of[d["doc"]]]["fn"] += not hit
    for doc, et, _, _ in result["extra"]:
        by_type[et or "?"]["fp"] += 1
        by_country[country_of.get(doc, "?")]["fp"] += 1
    types = {}
    for et, c in sorted(by_type.items()):
        predicted = c["tp"] + c["fp"]
        types[et] = {"gold": c["gold"], "recall": round(c["tp"] / c["gold"], 3) if c["gold"] else None,
                     "precision": round(c["tp"] / predicted, 3) if predicted else None}
    countries = {}
    for cc, c in sorted(by_country.items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fn"])):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        countries[cc] = {"events": c["tp"] + c["fn"], "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return {"types": types, "countries": countries}


def write_errors(path: Path, gold: dict[str, Any], rows: list[dict[str, Any]], reports: Path,
                 result: dict[str, Any], pairs: list[tuple[str, dict[str, Any], dict[str, Any]]],
                 crashes: list[tuple[str, str]]) -> None:
    """Misses, false events and wrong fields, each with the note, for reading."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_doc[r["source_file"]].append(r)
    gold_by_id = {e["id"]: (d["doc"], e) for d in gold["documents"] for e in d["events"]}
    out = [f"# Errors ({time.strftime('%Y-%m-%d %H:%M')})", ""]
    if crashes:
        out += ["## Crashes", ""] + [f"- {n}: {m}" for n, m in crashes] + [""]

    def coded(doc: str) -> list[str]:
        return [f"    coded: {r['event_type']} / {r['sub_event_type']} | {r['actor1']} | {r['actor2']} | "
                f"{r['location']} ({r['latitude']}, {r['longitude']}) | {r['event_date']} | {r['fatalities']}"
                for r in by_doc.get(doc, [])] or ["    coded: nothing"]

    out += ["## Missed gold events", ""]
    for gid in result["missed"]:
        doc, e = gold_by_id[gid]
        loc = e["locations"][0]
        out += [f"- {doc} [{gid}] gold: {e['event_type']} / {e['sub_event_type']} | {'; '.join(e['actor1'])} | "
                f"{'; '.join(e['actor2'])} | {loc.get('name')} ({loc['lat']}, {loc['lon']}) | {e.get('date')} | "
                f"{e.get('fatalities')}",
                "    " + (reports / doc).read_text(encoding="utf-8").strip().replace("\n", " ")] + coded(doc)
    out += ["", "## False events", ""]
    for doc, et, st, loc in result["extra"]:
        out += [f"- {doc}: {et} / {st} at {loc}",
                "    " + (reports / doc).read_text(encoding="utf-8").strip().replace("\n", " ")[:600]]
    out += ["", "## Matched events with wrong fields", ""]
    for doc, g, p in pairs:
        wrong = []
        if p.get("sub_event_type") != g["sub_event_type"]:
            wrong.append(f"sub_event_type {p.get('sub_event_type')!r} (gold {g['sub_event_type']!r})")
        from conflictscope.evaluate import actor_matches
        if not actor_matches(g["actor1"], p.get("actor1")) and not actor_matches(g["actor1"], p.get("actor2")):
            wrong.append(f"actor1 {p.get('actor1')!r} (gold {g['actor1']})")
        if g["actor2"] and not actor_matches(g["actor2"], p.get("actor2")) and not actor_matches(g["actor2"], p.get("actor1")):
            wrong.append(f"actor2 {p.get('actor2')!r} (gold {g['actor2']})")
        if g.get("fatalities") is not None and int(p.get("fatalities") or 0) != g["fatalities"]:
            wrong.append(f"fatalities {p.get('fatalities')} (gold {g['fatalities']})")
        if wrong:
            out += [f"- {doc} [{g['id']}]: " + "; ".join(wrong),
                    "    " + (reports / doc).read_text(encoding="utf-8").strip().replace("\n", " ")[:600]]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def run_part(corpus: Path, part: str, jobs: int, out: Path, limit: int | None, ceiling: bool,
             model: str = "", country_hint: bool = False) -> dict[str, Any]:
    folder = corpus / part
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    if limit:
        gold = {**gold, "documents": gold["documents"][:limit]}
    paths = [str(folder / "reports" / d["doc"]) for d in gold["documents"]]
    t0 = time.perf_counter()
    hints = [_country(d) for d in gold["documents"]] if country_hint else None
    rows, crashes = code_all(paths, jobs, model, hints)
    elapsed = time.perf_counter() - t0
    pairs: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    standard = score(gold, rows, pairs=pairs)
    any_place = score(gold, rows, any_place=True)
    figures = {
        "part": part, "notes": len(paths), "seconds": round(elapsed, 1), "crashes": len(crashes),
        "standard": {k: v for k, v in standard.items() if k not in ("missed", "extra")},
        "any_place": {k: v for k, v in any_place.items() if k not in ("missed", "extra")},
        **breakdown(gold, rows, standard),
        "any_place_types": breakdown(gold, rows, any_place)["types"],
    }
    if ceiling:
        figures["gazetteer_ceiling"] = gazetteer_ceiling(gold, folder / "reports")
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{part}_predictions.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                                   encoding="utf-8")
    (out / f"{part}_scores.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    write_errors(out / f"{part}_errors.md", gold, rows, folder / "reports", standard, pairs, crashes)
    return figures


def show(f: dict[str, Any]) -> None:
    s, a = f["standard"], f["any_place"]
    print(f"\n== {f['part']}: {f['notes']} notes coded in {f['seconds']} s, {f['crashes']} crashes")
    fields = ("sub_event_type", "actor1", "actor2", "fatalities", "fatalities_nonzero", "date", "geo_10km", "geo_25km")
    for name, r in (("standard", s), ("any-place", a)):
        print(f"{name:10} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  (tp {r['tp']} fp {r['fp']} "
              f"fn {r['fn']})  " + "  ".join(f"{k} {r[k]}" for k in fields))
    if "gazetteer_ceiling" in f:
        print(f"gazetteer ceiling: {f['gazetteer_ceiling']}")
    print("per event type (standard recall / precision | any-place recall / precision):")
    for et, t in f["types"].items():
        ap = f["any_place_types"].get(et, {})
        print(f"  {et:28} gold {t['gold']:5}  R {t['recall']}  P {t['precision']}  |  R {ap.get('recall')}  "
              f"P {ap.get('precision')}")
    print("per country (events, F1), largest first:")
    items = list(f["countries"].items())
    for i in range(0, len(items), 4):
        print("  " + "   ".join(f"{cc[:18]:18} {c['events']:4} {c['f1']:.2f}" for cc, c in items[i:i + 4]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("CONFLICTSCOPE_DEVCORPUS", str(REPO.parent / "devcorpus")))
    ap.add_argument("--parts", nargs="+", default=["dev", "check"])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--out", default=str(REPO / "out" / "real_notes"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N notes of each part")
    ap.add_argument("--no-ceiling", action="store_true", help="skip the gazetteer ceiling")
    ap.add_argument("--model", default="", help="code with this learned model (a folder `conflictscope learn` wrote)")
    ap.add_argument("--country-hint", action="store_true",
                    help="code each note with its country as a hint (`ingest --country`), as a desk that follows "
                         "one country would; not the standard figure")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not all((corpus / p / "gold.json").is_file() for p in args.parts):
        print(f"real_notes: no corpus at {corpus} (build it with ../shared/devcorpus/acled_notes.py, see its "
              f"README, or pass its folder); nothing measured.")
        return 0
    for part in args.parts:
        show(run_part(corpus, part, args.jobs, Path(args.out), args.limit, not args.no_ceiling, args.model,
                      args.country_hint))
    print(f"\nerrors, predictions and scores in {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
