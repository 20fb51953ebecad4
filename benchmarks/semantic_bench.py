"""Measure the semantic Strategic-development detector (extract/semantic.py).

    .venv/bin/python benchmarks/semantic_bench.py [--shared /work/shared] [--thresholds 0.5,0.55,0.6]

What it measures (the development set and seeds are used only to measure, never to write
prototypes):

1. Reports (`devset/reports/*`, `seeds/*`), split into sentences by the project pipeline. Each gold
   event's `evidence` quote is located in the report text (exact, else fuzzy alignment) and marks
   the sentences it overlaps. A sentence "yields an event" when some event coded by `code_report`
   has its trigger (`event_type` evidence) inside it.
   - recall: gold Strategic developments whose evidence sentence yields no event (missed by the
     lexicon) and that the detector flags with the right sub-type (and with any development type);
   - false flags: sentences with no gold event (required or optional) that the detector flags,
     all of them and those the coder leaves without an event (what a fallback would add).
2. The 276-case table `tests/extract/event_cases.tsv`: recall on the Strategic-development cases the
   coder misses (a case is hit when one of its sentences gets the right sub-type), false flags on
   the negative cases.
3. A "cheap filter" (skip the full analysis for sentences whose best development-prototype score is
   under t): the share of gold-event sentences (all event types) and table positives it would drop.
4. Speed of `classify` (sentences per second, one CPU thread, batches of 32).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from conflictscope.extract.semantic import NONE, SemanticDetector, decide, parse_veto  # noqa: E402
from conflictscope.ingest import read_paths, read_text  # noqa: E402
from conflictscope.models import Problem  # noqa: E402
from conflictscope.pipeline import Resources, code_report  # noqa: E402

SD = "Strategic developments"


@dataclass
class Sent:
    doc: str
    start: int
    end: int
    text: str
    coded: set[tuple[str, str]] = field(default_factory=set)     # (event_type, sub) triggered here
    gold: list[dict] = field(default_factory=list)
    veto: bool = False


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of a gold evidence quote in the report text."""
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    # whitespace-insensitive exact match
    pat = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pat, text)
    if m:
        return m.start(), m.end()
    from rapidfuzz import fuzz
    al = fuzz.partial_ratio_alignment(quote, text)
    if al is not None and al.score >= 80:
        return al.dest_start, al.dest_end
    return None


CODE_SECONDS = [0.0]


def report_sentences(res, paths: list[Path], gold_docs: dict[str, dict]) -> tuple[list[Sent], list[str]]:
    sents: list[Sent] = []
    unlocated: list[str] = []
    for report in read_paths([str(p) for p in paths]):
        if isinstance(report, Problem):
            print("problem:", report)
            continue
        name = Path(report.source_file or report.id).name
        t0 = time.perf_counter()
        coded = code_report(report, res)
        CODE_SECONDS[0] += time.perf_counter() - t0
        doc = res.nlp(report.text)
        triggers = [(ev.start, (e.event_type, e.sub_event_type)) for e in coded.events
                    for ev in e.evidence if ev.field == "event_type"]
        here = []
        for s in doc.sents:
            if not s.text.strip():
                continue
            st = Sent(name, s.start_char, s.end_char, _norm(s.text), veto=parse_veto(s))
            st.coded = {k for pos, k in triggers if s.start_char <= pos < s.end_char}
            here.append(st)
        for g in gold_docs.get(name, {}).get("events", []):
            span = locate(report.text, g.get("evidence") or "")
            if span is None:
                unlocated.append(f"{name} {g['id']}")
                continue
            for st in here:
                if st.start < span[1] and span[0] < st.end:
                    st.gold.append(g)
        sents.extend(here)
    return sents, unlocated


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def table_sentences(res, cases: list[dict]) -> list[tuple[dict, set, list[tuple[str, bool]]]]:
    out = []
    for i, case in enumerate(cases):
        report = read_text(case["text"], name=f"case{i}.txt", published=case["published"])
        coded = code_report(report, res)
        produced = {(e.event_type, e.sub_event_type) for e in coded.events}
        doc = res.nlp(report.text)
        out.append((case, produced, [(_norm(s.text), parse_veto(s)) for s in doc.sents if s.text.strip()]))
    return out


MARGIN = 0.0


def labels_at(det: SemanticDetector, scores: np.ndarray, vetoes: list[bool], t: float, use_veto: bool) -> list[str]:
    out = []
    for row, v in zip(scores, vetoes):
        lab, _ = decide(det.labels, row, t, MARGIN)
        out.append(NONE if (use_veto and v) else lab)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--thresholds", default="0.45,0.5,0.55,0.6")
    ap.add_argument("--list", action="store_true", help="list flagged and missed sentences")
    ap.add_argument("--k", type=int, default=None, help="nearest prototypes per label (default: the detector's)")
    ap.add_argument("--margin", type=float, default=0.0, help="a development label must beat 'none' by this")
    ap.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    global MARGIN
    MARGIN = args.margin
    thresholds = [float(x) for x in args.thresholds.split(",")]

    t0 = time.perf_counter()
    res = Resources.load()
    t1 = time.perf_counter()
    det = SemanticDetector.load(**({"k": args.k} if args.k else {}), threads=args.threads)
    print(f"load: resources {t1 - t0:.1f}s, detector {time.perf_counter() - t1:.2f}s "
          f"({len(det.prototypes)} prototypes, labels {len(det.labels)})")

    gold_docs = {}
    for gf in (shared / "devset" / "devset.gold.json", shared / "gold" / "seeds.gold.json"):
        for d in json.loads(gf.read_text(encoding="utf-8"))["documents"]:
            gold_docs[Path(d["doc"]).name] = d
    paths = sorted((shared / "devset" / "reports").iterdir()) + sorted((shared / "seeds").iterdir())
    sents, unlocated = report_sentences(res, paths, gold_docs)
    print(f"\n== reports: {len(paths)} files, {len(sents)} sentences; gold evidence not located: "
          f"{len(unlocated)} {unlocated}")

    texts = [s.text for s in sents]
    t0 = time.perf_counter()
    vecs = det.embedder.embed(texts)
    dt = time.perf_counter() - t0
    print(f"speed: embedded {len(texts)} sentences in {dt:.2f}s = {len(texts) / dt:.0f} sentences/s "
          f"({args.threads} thread(s), batch 32); code_report on the same reports: {CODE_SECONDS[0]:.2f}s")
    scores = det.label_scores(vectors=vecs)
    vetoes = [s.veto for s in sents]

    # gold SD events (by id) and their sentences
    sd_events: dict[str, tuple[dict, list[int]]] = {}
    for i, s in enumerate(sents):
        for g in s.gold:
            if g["event_type"] == SD:
                sd_events.setdefault(f"{s.doc}:{g['id']}", (g, []))[1].append(i)
    missed = {k: v for k, v in sd_events.items() if not any(sents[i].coded for i in v[1])}
    print(f"gold Strategic developments located: {len(sd_events)}; their sentence yields no event: {len(missed)}")
    print("  missed by sub-type:", dict(Counter(g["sub_event_type"] for g, _ in missed.values())))
    no_gold = [i for i, s in enumerate(sents) if not s.gold]
    no_gold_uncoded = [i for i in no_gold if not sents[i].coded]
    print(f"sentences with no gold event: {len(no_gold)} (of which the coder codes nothing: {len(no_gold_uncoded)})")

    print(f"\n{'thr':>5} {'veto':>4} | missed-SD right-type  any-SD | false flags (no-gold) all  uncoded |"
          f" precision on uncoded sentences")
    for t in thresholds:
        for use_veto in (False, True):
            labs = labels_at(det, scores, vetoes, t, use_veto)
            right = sum(any(labs[i] == g["sub_event_type"] for i in idx) for g, idx in missed.values())
            anysd = sum(any(labs[i] != NONE for i in idx) for g, idx in missed.values())
            ff_all = sum(labs[i] != NONE for i in no_gold)
            ff_unc = sum(labs[i] != NONE for i in no_gold_uncoded)
            # precision over uncoded sentences: flagged with the type of a gold SD event located there
            flagged_unc = [i for i, s in enumerate(sents) if not s.coded and labs[i] != NONE]
            good = sum(any(g["event_type"] == SD and g["sub_event_type"] == labs[i] for g in sents[i].gold)
                       for i in flagged_unc)
            prec = good / len(flagged_unc) if flagged_unc else float("nan")
            print(f"{t:5.2f} {'yes' if use_veto else 'no':>4} | {right:>2}/{len(missed):<2} ({right / max(1, len(missed)):.2f})"
                  f"  {anysd:>2}/{len(missed):<2} | {ff_all:>4}/{len(no_gold):<4} {ff_unc:>4}/{len(no_gold_uncoded):<4} |"
                  f" {good}/{len(flagged_unc)} = {prec:.2f}")

    if args.list:
        t = det.threshold
        labs = labels_at(det, scores, vetoes, t, True)
        print(f"\n-- missed gold SD events at {t} (with veto):")
        for key, (g, idx) in missed.items():
            got = [(labs[i], round(float(scores[i].max()), 3)) for i in idx]
            print(f"  {key} want {g['sub_event_type']}; got {got}\n     {sents[idx[0]].text[:200]}")
        print(f"\n-- false flags (no gold event, coder silent) at {t}:")
        for i in no_gold_uncoded:
            if labs[i] != NONE:
                print(f"  {labs[i]} {float(scores[i][det.labels.index(labs[i])]):.3f}: {sents[i].text[:160]}")

    # ---- the case table
    cases = load_cases(REPO / "tests" / "extract" / "event_cases.tsv")
    table = table_sentences(res, cases)
    tsents = [(ci, txt, v) for ci, (_, _, ss) in enumerate(table) for txt, v in ss]
    tscores = det.label_scores([x[1] for x in tsents])
    tveto = [x[2] for x in tsents]
    by_case = defaultdict(list)
    for j, (ci, _, _) in enumerate(tsents):
        by_case[ci].append(j)
    sd_missed = [ci for ci, (c, produced, _) in enumerate(table)
                 if c["event_type"] == SD and (c["event_type"], c["sub_event_type"]) not in produced]
    sd_all = [ci for ci, (c, _, _) in enumerate(table) if c["event_type"] == SD]
    negs = [ci for ci, (c, _, _) in enumerate(table) if not c["event_type"]]
    others_silent = [ci for ci, (c, produced, _) in enumerate(table)
                     if c["event_type"] and c["event_type"] != SD and not produced]
    print(f"\n== case table: {len(cases)} cases; Strategic developments {len(sd_all)}, "
          f"missed by the coder {len(sd_missed)}; negatives {len(negs)}")
    print("  missed by sub-type:", dict(Counter(table[ci][0]["sub_event_type"] for ci in sd_missed)))
    print(f"{'thr':>5} {'veto':>4} | missed-SD right-type  any-SD | all SD right | negatives flagged |"
          f" non-SD cases the coder leaves empty, flagged")
    for t in thresholds:
        for use_veto in (False, True):
            labs = labels_at(det, tscores, tveto, t, use_veto)
            right = sum(any(labs[j] == table[ci][0]["sub_event_type"] for j in by_case[ci]) for ci in sd_missed)
            anysd = sum(any(labs[j] != NONE for j in by_case[ci]) for ci in sd_missed)
            right_all = sum(any(labs[j] == table[ci][0]["sub_event_type"] for j in by_case[ci]) for ci in sd_all)
            fneg = sum(any(labs[j] != NONE for j in by_case[ci]) for ci in negs)
            foth = sum(any(labs[j] != NONE for j in by_case[ci]) for ci in others_silent)
            print(f"{t:5.2f} {'yes' if use_veto else 'no':>4} | {right:>2}/{len(sd_missed):<2} ({right / max(1, len(sd_missed)):.2f})"
                  f"  {anysd:>2}/{len(sd_missed):<2} | {right_all:>2}/{len(sd_all)} | {fneg:>2}/{len(negs)} |"
                  f" {foth}/{len(others_silent)}")
    if args.list:
        labs = labels_at(det, tscores, tveto, det.threshold, True)
        print(f"\n-- table: missed SD cases at {det.threshold}:")
        for ci in sd_missed:
            got = [(labs[j], round(float(tscores[j][1:].max()), 3)) for j in by_case[ci]]
            print(f"  {table[ci][0]['id']} want {table[ci][0]['sub_event_type']}; got {got}: {table[ci][0]['text'][:150]}")
        print("-- table: negatives flagged:")
        for ci in negs:
            got = [labs[j] for j in by_case[ci] if labs[j] != NONE]
            if got:
                print(f"  {table[ci][0]['id']} {got}: {table[ci][0]['text'][:150]}")

    # ---- cheap filter: skip sentences whose best development score is under t
    print("\n== cheap filter (keep a sentence for the full analysis only if its best development-prototype "
          "score >= t)")
    dev_best = scores[:, 1:].max(axis=1)
    gold_idx = [i for i, s in enumerate(sents) if s.gold]
    tdev_best = tscores[:, 1:].max(axis=1)
    pos_cases = [ci for ci, (c, _, _) in enumerate(table) if c["event_type"]]
    case_best = {ci: max(tdev_best[j] for j in by_case[ci]) for ci in pos_cases}
    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
        dropped = sum(dev_best[i] < t for i in gold_idx)
        skipped = sum(dev_best < t)
        cdrop = sum(case_best[ci] < t for ci in pos_cases)
        print(f"  t={t:.2f}: gold-event sentences dropped {dropped}/{len(gold_idx)} ({dropped / len(gold_idx):.1%}); "
              f"table positives dropped {cdrop}/{len(pos_cases)}; sentences skipped {skipped}/{len(sents)} "
              f"({skipped / len(sents):.0%})")
    safe = float(min(dev_best[gold_idx].min(), min(case_best.values())))
    print(f"  the highest t that drops no gold-event sentence nor table positive: {safe:.3f}; "
          f"it would skip {int((dev_best < safe).sum())}/{len(sents)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
