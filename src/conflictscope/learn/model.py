"""A sentence-level event model: TF-IDF word and character n-grams with multinomial logistic regression.

Classes are ACLED sub-event types plus `NONE` (a sentence that tells no event). The model is kept
as two plain files in a folder, loadable from an untrusted source without pickle:

    model.json    settings, classes, vocabularies, what it was trained on, its cross-validated quality
    weights.npz   idf vectors, coefficients and intercepts (NumPy arrays, loaded with allow_pickle=False)

Scoring needs NumPy and SciPy only; scikit-learn is used to fit and to split text into n-grams
(its analyzers, rebuilt from the saved settings, so a model scores a sentence as it was trained).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from scipy import sparse

from .. import codebook as cb
from ..errors import ModelError

NONE = "none"
FORMAT = "conflictscope-event-model/1"
ORIGIN = "learn.model.v1"
THRESHOLD = 0.35   # when `learn` has no cross-validation to choose one (see data/models/learning.json)
VIEWS = ("word", "char")
SETTINGS: dict[str, dict[str, Any]] = {   # the two views of a sentence, as TfidfVectorizer settings
    "word": {"analyzer": "word", "ngram_range": (1, 2), "lowercase": True, "min_df": 2,
             "sublinear_tf": True, "token_pattern": r"(?u)\b\w\w+\b"},
    "char": {"analyzer": "char_wb", "ngram_range": (3, 5), "lowercase": True, "min_df": 3,
             "sublinear_tf": True, "max_features": 60000},
}


@dataclass
class Vocabulary:
    """One view of a sentence (word or character n-grams): terms, their column and idf weight."""

    settings: dict[str, Any]
    terms: dict[str, int]
    idf: np.ndarray

    def __post_init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._analyze = TfidfVectorizer(**_sk(self.settings)).build_analyzer()   # built once: imports take seconds

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows (sublinear tf, l2-normalised), as scikit-learn's TfidfVectorizer computes them."""
        analyze = self._analyze
        rows, cols, vals = [], [], []
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            for gram in analyze(text):
                if (j := self.terms.get(gram)) is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            js = np.fromiter(counts, dtype=np.int64)
            tf = np.fromiter(counts.values(), dtype=np.float64)
            w = (1.0 + np.log(tf) if self.settings.get("sublinear_tf") else tf) * self.idf[js]
            w /= np.linalg.norm(w)
            rows.extend([i] * len(js))
            cols.extend(js.tolist())
            vals.extend(w.tolist())
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.terms)))


@dataclass
class EventModel:
    """A trained sentence model: `probabilities` of each class for sentences."""

    classes: list[str]
    vocabularies: dict[str, Vocabulary]
    coef: np.ndarray            # (classes, features of all views)
    intercept: np.ndarray       # (classes,)
    threshold: float = THRESHOLD   # a proposal needs this probability for its class
    info: dict[str, Any] = field(default_factory=dict)   # what it was trained on, its estimated quality
    name: str = ""

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([self.vocabularies[v].transform(texts) for v in VIEWS], format="csr")

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per class (`classes`), summing to 1."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        scores = self.features(texts) @ self.coef.T + self.intercept
        if len(self.classes) == 2 and self.coef.shape[0] == 1:   # scikit-learn's binary form
            scores = np.hstack([-scores, scores]) / 2
        scores = np.asarray(scores)
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        return p / p.sum(axis=1, keepdims=True)

    def readings(self, texts: Sequence[str]) -> list[tuple[str, float, float]]:
        """For each text: the kind of event it most probably tells (never `NONE`), the probability of
        that kind's event type, and the probability that the text tells an event at all (1 - p(none)).

        The event type is chosen first, by the summed probability of its sub-event types (a proposal
        is right or wrong by its event type, and sub-types of one type split their share: 'shelling'
        or 'air strike' are both explosions), then its most probable sub-event type."""
        p = self.probabilities(texts)
        if not len(p):
            return []
        groups = self._event_types()
        by_type = np.stack([p[:, cols].sum(axis=1) for cols in groups], axis=1)
        out = []
        for row, types in zip(p, by_type):
            cols = groups[int(types.argmax())]
            best = cols[int(row[cols].argmax())]
            out.append((self.classes[best], float(types.max()), float(types.sum())))
        return out

    def _event_types(self) -> list[list[int]]:
        """The columns of each event type's sub-event types (a class the codebook does not know is its own type)."""
        book = cb.load()
        groups: dict[str, list[int]] = {}
        for i, c in enumerate(self.classes):
            if c != NONE:
                groups.setdefault(book.type_of(c) or c, []).append(i)
        return list(groups.values())

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "classes": self.classes, "threshold": self.threshold, "info": self.info,
                "views": {v: {"settings": _json_settings(self.vocabularies[v].settings),
                              "terms": sorted(self.vocabularies[v].terms, key=self.vocabularies[v].terms.get)}
                          for v in VIEWS}}
        arrays = {f"idf_{v}": self.vocabularies[v].idf for v in VIEWS}
        np.savez_compressed(folder / "weights.npz", coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float64), **arrays)
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> "EventModel":
        """Read a model folder; a clear `ModelError` when it is missing, of another format or damaged."""
        folder = Path(folder)
        meta_path, weights_path = folder / "model.json", folder / "weights.npz"
        if not meta_path.is_file() or not weights_path.is_file():
            raise ModelError(f"{folder}: not a conflictscope model folder (model.json and weights.npz expected). "
                             "You can make one with `conflictscope learn SOURCE -o FOLDER`.")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ModelError(f"{meta_path}: format {meta.get('format')!r}, expected {FORMAT!r}; "
                                 "train it again with this version's `conflictscope learn`.")
            with np.load(weights_path, allow_pickle=False) as w:
                vocab = {v: Vocabulary(_settings(meta["views"][v]["settings"]),
                                       {t: i for i, t in enumerate(meta["views"][v]["terms"])},
                                       np.asarray(w[f"idf_{v}"], dtype=np.float64)) for v in VIEWS}
                model = cls(list(meta["classes"]), vocab, np.asarray(w["coef"], dtype=np.float64),
                            np.asarray(w["intercept"], dtype=np.float64), float(meta.get("threshold", THRESHOLD)),
                            dict(meta.get("info", {})), folder.name)
        except ModelError:
            raise
        except (ValueError, KeyError, TypeError, OSError) as exc:
            raise ModelError(f"{folder}: the model files cannot be read ({type(exc).__name__}: {exc}); "
                             "train it again with `conflictscope learn`.") from exc
        width = sum(len(v.terms) for v in vocab.values())
        if model.coef.shape[1] != width or model.coef.shape[0] not in (len(model.classes), 1):
            raise ModelError(f"{folder}: weights of shape {model.coef.shape} do not fit {len(model.classes)} "
                             f"classes and {width} features; train it again with `conflictscope learn`.")
        return model


def _json_settings(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}


def _settings(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


def _sk(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings scikit-learn's analyzer takes (vocabulary limits are the fit's business)."""
    keys = ("analyzer", "ngram_range", "lowercase", "token_pattern")
    return {k: settings[k] for k in keys if k in settings}


def fit(texts: Sequence[str], labels: Sequence[str], threshold: float = THRESHOLD, c: float = 4.0,
        info: dict[str, Any] | None = None) -> EventModel:
    """Train the model on labelled sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab: dict[str, Vocabulary] = {}
    blocks = []
    for v in VIEWS:
        settings = dict(SETTINGS[v])
        if len(texts) < 50:   # a tiny training set: keep every n-gram
            settings["min_df"] = 1
        vec = TfidfVectorizer(**settings)
        blocks.append(vec.fit_transform(texts))
        terms = {t: int(i) for t, i in vec.vocabulary_.items()}
        vocab[v] = Vocabulary(settings, terms, np.asarray(vec.idf_, dtype=np.float64))
    x = sparse.hstack(blocks, format="csr")
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit(x, list(labels))
    return EventModel([str(k) for k in clf.classes_], vocab, clf.coef_, clf.intercept_, threshold, info or {})


__all__ = ["EventModel", "Vocabulary", "fit", "NONE", "ORIGIN", "FORMAT"]
