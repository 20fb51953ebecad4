"""The sentence model: training, scoring, and its plain-file format."""
from __future__ import annotations

import json

import numpy as np
import pytest

from conflictscope.errors import ModelError
from conflictscope.learn.model import NONE, EventModel, fit

SENTENCES = ["gunmen stormed the checkpoint and fought the guards", "the guards repelled gunmen at the checkpoint",
             "crowds marched peacefully demanding water", "residents marched demanding electricity",
             "the minister gave a speech about the economy", "the council discussed the budget"] * 4
LABELS = ["Armed clash", "Armed clash", "Peaceful protest", "Peaceful protest", NONE, NONE] * 4


def test_model_scores_sentences_of_the_kind_it_was_trained_on():
    model = fit(SENTENCES, LABELS)
    label, _, p_event = model.readings(["fighters stormed a checkpoint and fought the guards"])[0]
    assert label == "Armed clash" and p_event > 0.5
    label, _, p_event = model.readings(["the council discussed the economy"])[0]
    assert p_event < 0.5


def test_model_probabilities_sum_to_one_and_match_after_save_and_load(tmp_path):
    model = fit(SENTENCES, LABELS, info={"sources": ["hand-written"]})
    texts = ["marched demanding water", "fought at the checkpoint", "", "zzz"]
    before = model.probabilities(texts)
    assert np.allclose(before.sum(axis=1), 1.0)
    loaded = EventModel.load(model.save(tmp_path / "m"))
    assert loaded.classes == model.classes and loaded.info["sources"] == ["hand-written"]
    assert np.allclose(loaded.probabilities(texts), before, atol=1e-5)


def test_model_files_are_json_and_arrays_without_pickled_objects(tmp_path):
    folder = fit(SENTENCES, LABELS).save(tmp_path / "m")
    assert sorted(p.name for p in folder.iterdir()) == ["model.json", "weights.npz"]
    meta = json.loads((folder / "model.json").read_text())
    assert meta["format"] == "conflictscope-event-model/1"
    with np.load(folder / "weights.npz", allow_pickle=False) as w:   # object arrays would refuse to load
        assert {"coef", "intercept", "idf_word", "idf_char"} <= set(w.files)


def test_a_binary_model_gives_both_classes(tmp_path):
    model = EventModel.load(fit(SENTENCES[:4] * 3, LABELS[:4] * 3).save(tmp_path / "m"))
    p = model.probabilities(["crowds marched", "gunmen fought"])
    assert p.shape == (2, 2) and np.allclose(p.sum(axis=1), 1.0)
    assert model.readings(["crowds marched demanding water"])[0][0] == "Peaceful protest"


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "weights.npz").unlink(), "not a conflictscope model folder"),
    (lambda f: (f / "model.json").write_text('{"format": "other/9"}'), "format 'other/9'"),
    (lambda f: (f / "model.json").write_text("{not json"), "cannot be read"),
    (lambda f: (f / "weights.npz").write_bytes(b"garbage"), "cannot be read"),
])
def test_a_damaged_model_folder_says_what_is_wrong(tmp_path, damage, message):
    folder = fit(SENTENCES, LABELS).save(tmp_path / "m")
    damage(folder)
    with pytest.raises(ModelError, match=message):
        EventModel.load(folder)


def test_weights_that_do_not_fit_the_vocabulary_are_refused(tmp_path):
    folder = fit(SENTENCES, LABELS).save(tmp_path / "m")
    with np.load(folder / "weights.npz", allow_pickle=False) as w:
        arrays = {k: w[k] for k in w.files}
    arrays["coef"] = arrays["coef"][:, :-3]
    np.savez(folder / "weights.npz", **arrays)
    with pytest.raises(ModelError, match="do not fit"):
        EventModel.load(folder)
