"""Score predicted events against reference codings (`conflict-gold/1`).

The rules are those of the project's reference scorer (shared/gold/score.py and its README):
an event matches a gold event of the same document with the same event_type, a point within the
gold tolerance and a date within 1/7/31 days by the gold time_precision; required events are
matched first, one-to-one, preferring the same sub_event_type and then the nearest point. The
figures are the same as the reference scorer's on the same predictions (a test checks it).
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .errors import EvalError
from .geo import haversine_km

WINDOW = {1: 1, 2: 7, 3: 31}
ONE_SIDED_ORDER = {"Violence against civilians"}
FIELDS = ("sub_event_type", "actor1", "actor2", "fatalities", "fatalities_nonzero", "date", "geo_10km", "geo_25km")


def normalise_actor(name: str | None) -> str:
    """Lower-case ASCII words; ACLED's regime years and Arabic articles dropped."""
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)", " ", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"\b(al|el|the|ad|as|ash|az|ar)\b", " ", s)
    return " ".join(s.split())




def _point(p: dict[str, Any]) -> tuple[float, float] | None:
    try:
        return float(p["latitude"]), float(p["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def _distance(g: dict[str, Any], p: dict[str, Any]) -> float:
    pt = _point(p)
    return min(haversine_km(*pt, loc["lat"], loc["lon"]) for loc in g["locations"]) if pt else float("inf")


def _place_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
    pt = _point(p)
    return bool(pt) and any(haversine_km(*pt, loc["lat"], loc["lon"]) <= loc["tolerance_km"] for loc in g["locations"])


def _date_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
    gd, pd = g.get("date"), p.get("event_date")
    if not gd or not pd:
        return True
    try:
        days = abs((date.fromisoformat(gd[:10]) - date.fromisoformat(pd[:10])).days)
    except ValueError:
        return False
    return days <= WINDOW.get(g.get("time_precision") or 1, 1)


def actor_matches(names: list[str], predicted: str | None) -> bool:
    """The predicted actor equals an acceptable name, or contains one as whole words."""
    want = {normalise_actor(n) for n in names}
    got = normalise_actor(predicted)
    if not want:
        return not got
    return bool(got) and any(got == w or f" {w} " in f" {got} " for w in want if w)


def _actors(g: dict[str, Any], p: dict[str, Any]) -> tuple[bool, bool]:
    straight = (actor_matches(g["actor1"], p.get("actor1")), actor_matches(g["actor2"], p.get("actor2")))
    if g["event_type"] in ONE_SIDED_ORDER:
        return straight
    swapped = (actor_matches(g["actor1"], p.get("actor2")), actor_matches(g["actor2"], p.get("actor1")))
    return max(straight, swapped, key=sum)


def score(gold: dict[str, Any], predictions: Iterable[dict[str, Any]], *, any_place: bool = False,
          pairs: list[tuple[str, dict[str, Any], dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Precision, recall, F1 and field accuracies of predictions against a gold file's contents.

    Args:
        any_place: match without the place condition (the reference scorer's ``--any-place``), to
            tell coding errors from place errors.
        pairs: if given, receives (document, gold event, predicted row) for every matched required event.
    """
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in predictions:
        by_doc.setdefault((p.get("source_file") or "").rsplit("/", 1)[-1], []).append(p)
    tp = fp = fn = optional = 0
    tally = {k: [0, 0] for k in FIELDS}
    missed: list[str] = []
    extra: list[list[Any]] = []

    def count(key: str, ok: bool) -> None:
        tally[key][0] += bool(ok)
        tally[key][1] += 1

    for d in gold["documents"]:
        ps = by_doc.pop(d["doc"], [])
        used: set[int] = set()
        for g in sorted(d["events"], key=lambda e: not e["required"]):
            cands = [i for i, p in enumerate(ps) if i not in used and p.get("event_type") == g["event_type"]
                     and (any_place or _place_ok(g, p)) and _date_ok(g, p)]
            cands.sort(key=lambda i: (ps[i].get("sub_event_type") != g["sub_event_type"], _distance(g, ps[i])))
            if not cands:
                if g["required"]:
                    fn += 1
                    missed.append(g["id"])
                continue
            i = cands[0]
            used.add(i)
            p = ps[i]
            if not g["required"]:
                optional += 1
                continue
            tp += 1
            if pairs is not None:
                pairs.append((d["doc"], g, p))
            count("sub_event_type", p.get("sub_event_type") == g["sub_event_type"])
            a1, a2 = _actors(g, p)
            count("actor1", a1)
            if g["actor2"]:
                count("actor2", a2)
            if g["fatalities"] is not None:
                got = int(p.get("fatalities") or 0)
                count("fatalities", got == g["fatalities"])
                if g["fatalities"] > 0:
                    count("fatalities_nonzero", got == g["fatalities"])
            if g.get("date"):
                count("date", (p.get("event_date") or "")[:10] == g["date"])
            dist = _distance(g, p)
            count("geo_10km", dist <= 10)
            count("geo_25km", dist <= 25)
        for i, p in enumerate(ps):
            if i not in used:
                fp += 1
                extra.append([d["doc"], p.get("event_type"), p.get("sub_event_type"), p.get("location")])
    for doc, ps in by_doc.items():
        fp += len(ps)
        extra += [[doc, p.get("event_type"), p.get("sub_event_type"), p.get("location")] for p in ps]
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "optional_matched": optional,
            "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
            **{k: (round(a / b, 3) if b else None) for k, (a, b) in tally.items()},
            "missed": missed, "extra": extra}


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a conflict-gold/1 file, with a clear error when it is not one."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}. Pass a conflict-gold/1 JSON file.") from exc
    if not isinstance(gold, dict) or "documents" not in gold:
        raise EvalError(f"{path} is not a conflict-gold/1 file: it has no 'documents' list.")
    return gold


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read predicted events (JSON Lines with ACLED column names and source_file)."""
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read predictions {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as exc:
            raise EvalError(f"{path} line {n} is not JSON: {exc}. Predictions are JSON Lines, one event a line.") from exc
    return rows
