"""The `learn` and `eval` commands: train a sentence event model, score codings (rules alone and
rules with a model side by side). A thin layer over `conflictscope.learn` and `conflictscope.evaluate`."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from .errors import ConflictscopeError
from .learn.model import THRESHOLD
from .cli_common import DB_HELP, FULL_PARSE_HELP, TIMEOUT_HELP
from .cli_common import fail as _fail
from .terminal import printable

SHOWN_SCORES = ("f1", "precision", "recall", "tp", "fp", "fn")



@click.command("learn")
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", required=True, help="The model folder to write (model.json, weights.npz).")
@click.option("--from-store", "store_db", default=None,
              help="Also learn from a store's review decisions: accepted and edited events, rejected ones as no event.")
@click.option("--reports", default=None, help="Where the reports of a reference coding file are (default: reports/ beside it).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="The probability an event type needs in a sentence before the model proposes it "
                   f"(default: chosen by the cross-validation; {THRESHOLD} with --folds 0).")
@click.option("--folds", type=click.IntRange(min=0), default=5, show_default=True,
              help="Cross-validation folds for the quality estimate (0: none, faster).")
@click.option("--no-bundled-none", is_flag=True,
              help="Do not add the package's own example sentences that tell no event.")
def learn_cmd(sources: tuple[str, ...], output: str, store_db: str | None, reports: str | None, threshold: float | None,
              folds: int, no_bundled_none: bool) -> None:
    """Train a sentence-level event model from coded data.

    SOURCES are ACLED export CSVs (their `notes` and `sub_event_type` columns) and reference coding
    files (conflict-gold/1 JSON, reports beside them); --from-store adds reviewers' decisions.

    \b
    Examples:
      conflictscope learn acled_export.csv -o my-model
      conflictscope learn --from-store conflictscope.db -o my-model
      conflictscope ingest reports/ --model my-model
    """
    from .learn import learn, read_sources
    from .learn.sources import bundled_none

    if not sources and not store_db:
        _fail(click.UsageError("nothing to learn from: give SOURCES (.csv or .json) or --from-store DB"))
    try:
        examples = read_sources(sources, store=store_db, reports=reports)
        if not no_bundled_none:
            examples += list(bundled_none())
        click.echo(f"read {len(examples)} sentences from {len(sources) + bool(store_db)} source(s)", err=True)
        done = learn(examples, threshold=threshold, folds=folds,
                     sources=list(sources) + ([f"store:{store_db}"] if store_db else []))
        folder = done.model.save(output)
    except ConflictscopeError as exc:
        _fail(exc)
        return
    _report(done, folder)


def _report(done: Any, folder: Path) -> None:
    """What the model learned from and how good it is estimated to be."""
    click.echo(f"learned from {done.examples} distinct sentences of {done.documents} documents in "
               f"{done.seconds:.0f} s")
    click.echo("origin: " + ", ".join(f"{k} {v}" for k, v in sorted(done.origins.items())))
    click.echo("classes (sentences):")
    total = sum(done.classes.values())
    for label, n in done.classes.most_common():
        click.echo(f"  {label:<40} {n:6}  {n / total:6.1%}")
    est = done.estimate
    if est.get("folds"):
        click.echo(f"cross-validated ({est['folds']} folds by document): sub-event type accuracy "
                   f"{est.get('sub_event_type_accuracy', '-')}, event type accuracy {est.get('event_type_accuracy', '-')}; "
                   f"event sentences proposed {est.get('event_sentences_proposed', '-')}, proposals on event "
                   f"sentences {est.get('proposals_on_event_sentences', '-')} (threshold {done.model.threshold}, "
                   f"{_threshold_origin(est)})")
    else:
        click.echo(f"no cross-validated estimate ({est.get('note', '--folds 0')})")
    size = sum(p.stat().st_size for p in folder.iterdir())
    click.echo(f"model written to {folder} ({size / 1e6:.1f} MB); use it with `conflictscope ingest --model {folder}`")


def _threshold_origin(estimate: dict[str, Any]) -> str:
    if "threshold_chosen" not in estimate:
        return "as given"
    if estimate["threshold_chosen"]:
        return "chosen by the cross-validation"
    return "the default: no threshold tried reached the target precision of data/models/learning.json"


def predictions_for_reports(paths: list[str], actors: tuple[str, ...] = (), timeout: float | None = None,
                            model: str | None = "", full_parse: bool = False) -> list[dict[str, Any]]:
    """Code report files in memory (nothing stored) and return their events as prediction rows;
    a report past its time budget is named on stderr and predicts no event. `model`: a model
    folder, "" for the rules alone, None for the CONFLICTSCOPE_MODEL setting; `full_parse`: parse
    every sentence (no fast path)."""
    from .errors import ReportTimeout
    from .export import acled_row
    from .ingest import read_paths
    from .models import Problem
    from .pipeline import Resources, code_report

    res = Resources.load(actor_files=actors, model=model, full_parse=full_parse)
    rows = []
    for item in read_paths(paths):
        if isinstance(item, Problem):
            click.echo(printable(f"{item.severity}: {item.report}: {item.message}"), err=True)
            continue
        try:
            coded = code_report(item, res, timeout)
        except ReportTimeout as exc:
            click.echo(printable(f"error: {item.source_file or item.id}: {exc}"), err=True)
            continue
        rows.extend(acled_row(e) for e in coded.events)
    return rows


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", required=False)
@click.option("--db", default=None, help=DB_HELP + " Used when PRED is not given.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--actors", "actor_files", multiple=True, help="A user actor registry file.")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, help=TIMEOUT_HELP)
@click.option("--model", default=None,
              help="With PRED a folder of reports: also code with this learned model and show both scorings "
                   "(default: the CONFLICTSCOPE_MODEL setting, else the rules alone).")
@click.option("--full-parse", is_flag=True, help=FULL_PARSE_HELP + " With PRED a folder of reports.")
def eval_cmd(gold: str, pred: str | None, db: str | None, as_json: bool, actor_files: tuple[str, ...],
             timeout: float | None, model: str | None, full_parse: bool) -> None:
    """Score codings against reference codings (conflict-gold/1) by the rules of gold/README.md.

    PRED is a JSON Lines file of predicted events, or a folder/file of reports to code now;
    without PRED the events in the store are scored. Reports coded now with a model are scored
    twice, rules alone and rules with the model, side by side.

    \b
    Examples:
      conflictscope eval ../shared/gold/seeds.gold.json ../shared/seeds
      conflictscope eval gold.json reports/ --model my-model
    """
    from .evaluate import load_gold, load_predictions, score
    from .export import acled_row
    from .pipeline import MODEL_SETTING

    try:
        gold_data = load_gold(gold)
        results: dict[str, dict[str, Any]] = {}
        if pred is None:
            from .store import Store

            with Store.open(db, read_only=True) as store:
                results["store"] = score(gold_data, [acled_row(e) for e in store.events()])
        elif Path(pred).is_file() and pred.endswith((".jsonl", ".ndjson")):
            results["predictions"] = score(gold_data, load_predictions(pred))
        else:
            results["rules"] = score(gold_data, predictions_for_reports([pred], actor_files, timeout, "", full_parse))
            chosen = model if model is not None else os.environ.get(MODEL_SETTING, "")
            if chosen:
                results["rules+model"] = score(gold_data, predictions_for_reports([pred], actor_files, timeout, chosen,
                                                                                   full_parse))
    except ConflictscopeError as exc:
        _fail(exc)
        return
    _print_scores(results, as_json)


def _print_scores(results: dict[str, dict[str, Any]], as_json: bool) -> None:
    if len(results) == 1:
        only = next(iter(results.values()))
        if as_json:
            click.echo(json.dumps(only))
            return
        for key, value in only.items():
            click.echo(printable(f"{key}: {value}"))
        return
    if as_json:
        click.echo(json.dumps(results))
        return
    names = list(results)
    click.echo(f"{'':<22}" + "".join(f"{n:>14}" for n in names))
    for key in results[names[0]]:
        values = [results[n].get(key) for n in names]
        if all(isinstance(v, (int, float)) for v in values):
            click.echo(f"{key:<22}" + "".join(f"{v:>14}" for v in values))
        else:
            for n, v in zip(names, values):
                click.echo(printable(f"{key} ({n}): {v}"))


__all__ = ["learn_cmd", "eval_cmd", "predictions_for_reports"]
