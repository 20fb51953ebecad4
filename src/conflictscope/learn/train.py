"""`learn`: train the sentence event model from examples and estimate its quality by cross-validation."""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import __version__
from .. import codebook as cb
from ..errors import ModelError
from ..models import Example
from .model import NONE, THRESHOLD, EventModel, fit

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "learning.json"
MIN_EXAMPLES = 20
MIN_CLASSES = 2
FOLDS = 5


@dataclass
class Training:
    """What `learn` did: the data, the estimate, the model."""

    model: EventModel
    examples: int
    documents: int
    classes: Counter[str]
    origins: Counter[str]
    estimate: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def unique(examples: Sequence[Example]) -> list[Example]:
    """Examples without repeats of the same sentence and label (syndicated notes, sentences seen twice)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for ex in examples:
        key = (ex.text.lower(), ex.label)
        if key not in seen:
            seen.add(key)
            out.append(ex)
    return out


@lru_cache(maxsize=1)
def learning_settings() -> dict[str, Any]:
    """How `learn` chooses a proposal threshold (data/models/learning.json, described in its README)."""
    try:
        raw = json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))
        out = {"target_precision": float(raw["target_precision"]), "min_proposals": int(raw["min_proposals"]),
               "threshold_grid": sorted(float(t) for t in raw["threshold_grid"])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{SETTINGS_FILE}: the learning settings cannot be read ({type(exc).__name__}: {exc}); "
                         "restore the file from the package.") from exc
    return out


def _event_type(label: str) -> str:
    return cb.load().type_of(label) or NONE


def held_out(examples: Sequence[Example], folds: int = FOLDS) -> tuple[np.ndarray, np.ndarray] | None:
    """Each example's reading by a model that never saw its document (`folds`-fold, grouped by
    document): the kind of event read and its event type's probability (None where a fold could not
    be trained). None when there are too few documents to split."""
    from sklearn.model_selection import GroupKFold

    docs = [ex.doc for ex in examples]
    k = min(folds, len(set(docs)))
    if k < 2:
        return None
    labels = np.array([ex.label for ex in examples])
    predicted = np.full(len(examples), None, dtype=object)
    prob = np.zeros(len(examples))
    for train, test in GroupKFold(n_splits=k).split(labels, labels, docs):
        if len(set(labels[train])) < MIN_CLASSES:
            continue
        model = fit([examples[i].text for i in train], labels[train].tolist())
        for i, (label, p, _) in zip(test, model.readings([examples[i].text for i in test])):
            predicted[i], prob[i] = label, p
    return predicted, prob


def choose_threshold(labels: Sequence[str], predicted: Sequence[str | None], prob: Sequence[float],
                     target: float | None = None) -> float | None:
    """The lowest threshold at which held-out readings would propose the right event type at least
    `target` of the time (a sentence that tells no event counts as a wrong proposal); None when no
    threshold of the grid reaches it."""
    rules = learning_settings()
    target = rules["target_precision"] if target is None else target
    right = np.array([p is not None and _event_type(str(p)) == _event_type(g) != NONE
                      for g, p in zip(labels, predicted)])
    prob = np.asarray(prob, dtype=float)
    for t in rules["threshold_grid"]:
        confident = prob >= t
        if confident.sum() >= rules["min_proposals"] and right[confident].mean() >= target:
            return float(t)
    return None


def cross_validate(examples: Sequence[Example], threshold: float | None, folds: int = FOLDS) -> dict[str, Any]:
    """Quality on held-out documents: sub-type and event-type accuracy on event sentences, and how
    well proposals (an event type read with probability >= threshold) find event sentences. With
    `threshold` None, the threshold is chosen on the held-out readings (`choose_threshold`) and
    given as `threshold`."""
    labels = np.array([ex.label for ex in examples])
    readings = held_out(examples, folds)
    if readings is None:
        return {"folds": 0, "note": "too few documents to cross-validate"}
    predicted, prob = readings
    out: dict[str, Any] = {"folds": min(folds, len({ex.doc for ex in examples}))}
    if threshold is None:
        chosen = choose_threshold(labels, predicted, prob)
        out["threshold_chosen"] = chosen is not None
        threshold = THRESHOLD if chosen is None else chosen
    out["threshold"] = threshold
    done = np.array([p is not None for p in predicted])
    events = done & (labels != NONE)
    proposed = done & (prob >= threshold)
    out["sentences"] = int(done.sum())
    if events.any():
        out["sub_event_type_accuracy"] = round(float((predicted[events] == labels[events]).mean()), 3)
        out["event_type_accuracy"] = round(float(np.mean([_event_type(str(p)) == _event_type(g) for p, g in
                                                          zip(predicted[events], labels[events])])), 3)
        out["event_sentences_proposed"] = round(float((proposed & events).sum() / events.sum()), 3)
    if proposed.any():
        out["proposals_on_event_sentences"] = round(float((proposed & events).sum() / proposed.sum()), 3)
    return out


def learn(examples: Sequence[Example], threshold: float | None = None, folds: int = FOLDS,
          sources: Sequence[str] = ()) -> Training:
    """Train on the examples (repeats removed) and estimate quality by `folds`-fold cross-validation
    grouped by document (0 folds: no estimate). Without a `threshold`, the proposal threshold is the
    one the cross-validation chose on these examples (`THRESHOLD` without folds or when none fits)."""
    started = time.monotonic()
    data = unique(examples)
    classes = Counter(ex.label for ex in data)
    if len(data) < MIN_EXAMPLES or len(classes) < MIN_CLASSES:
        raise ModelError(f"too little to learn from: {len(data)} sentence(s) in {len(classes)} class(es) "
                         f"({', '.join(sorted(classes)) or 'none'}); at least {MIN_EXAMPLES} sentences of "
                         f"{MIN_CLASSES} classes are needed. You can fix this by giving more coded data.")
    estimate = cross_validate(data, threshold, folds) if folds >= 2 else {"folds": 0}
    threshold = float(estimate.get("threshold", THRESHOLD if threshold is None else threshold))
    digest = hashlib.sha256("\n".join(f"{ex.label}\t{ex.text}" for ex in data).encode()).hexdigest()[:16]
    info = {
        "trained": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "conflictscope": __version__,
        "sources": list(sources),
        "sentences": len(data),
        "documents": len({ex.doc for ex in data}),
        "classes": dict(sorted(classes.items())),
        "origins": dict(Counter(ex.origin.split(":")[0] for ex in data)),
        "data_sha256": digest,
        "estimate": estimate,
    }
    model = fit([ex.text for ex in data], [ex.label for ex in data], threshold, info=info)
    return Training(model, len(data), info["documents"], classes, Counter(ex.origin for ex in data), estimate,
                    time.monotonic() - started)


__all__ = ["Training", "learn", "cross_validate", "held_out", "choose_threshold", "unique"]
