"""How the model reads a sentence's event type and how `learn` chooses the threshold for proposals."""
from __future__ import annotations

import numpy as np
import pytest

from conflictscope.learn.model import NONE, THRESHOLD, fit
from conflictscope.learn.train import choose_threshold, learn, learning_settings
from conflictscope.models import Example

SENTENCES = ["shells fell on the village", "a jet bombed the bridge", "gunmen fought the guards",
             "the council met to discuss the budget"] * 3
LABELS = ["Shelling/artillery/missile attack", "Air/drone strike", "Armed clash", NONE] * 3


def fixed(probabilities: dict[str, float]):
    """A model that reads every sentence with the same class probabilities."""
    model = fit(SENTENCES, LABELS)
    model.coef = np.zeros_like(model.coef)
    model.intercept = np.log(np.array([probabilities[c] for c in model.classes]))
    return model


def test_sub_types_of_one_event_type_add_up_before_the_type_is_chosen():
    # a clash is the single most likely class, but shelling and air strike together (explosions) weigh more
    model = fixed({"Shelling/artillery/missile attack": 0.25, "Air/drone strike": 0.3, "Armed clash": 0.4, NONE: 0.05})
    label, p, p_event = model.readings(["anything"])[0]
    assert label == "Air/drone strike"
    assert p == pytest.approx(0.55) and p_event == pytest.approx(0.95)


def test_a_single_sub_type_reads_with_its_own_probability():
    model = fixed({"Shelling/artillery/missile attack": 0.1, "Air/drone strike": 0.1, "Armed clash": 0.6, NONE: 0.2})
    assert model.readings(["anything"])[0][:2] == ("Armed clash", pytest.approx(0.6))


def _held_out(n_right: int, n_wrong: int, n_none: int, p: float):
    labels = ["Armed clash"] * (n_right + n_wrong) + [NONE] * n_none
    predicted = ["Armed clash"] * n_right + ["Peaceful protest"] * n_wrong + ["Armed clash"] * n_none
    return labels, predicted, [p] * len(labels)


def test_the_threshold_is_the_lowest_at_which_held_out_proposals_are_right_often_enough():
    # confident (0.9) readings all right; hesitant (0.3) readings half wrong or of no event
    confident = _held_out(40, 0, 0, 0.9)
    hesitant = _held_out(20, 10, 10, 0.3)
    labels, predicted, prob = (a + b for a, b in zip(confident, hesitant))
    grid = learning_settings()["threshold_grid"]
    chosen = choose_threshold(labels, predicted, prob, target=0.9)
    assert chosen == min(t for t in grid if t > 0.3)
    assert choose_threshold(labels, predicted, prob, target=0.6) == min(grid)   # 60 right of 80


def test_no_threshold_when_held_out_readings_never_reach_the_target():
    labels, predicted, prob = _held_out(10, 30, 0, 0.95)
    assert choose_threshold(labels, predicted, prob, target=0.5) is None


def test_sentences_of_no_event_count_against_a_threshold():
    labels, predicted, prob = _held_out(30, 0, 30, 0.95)
    assert choose_threshold(labels, predicted, prob, target=0.6) is None


def _examples() -> list[Example]:
    kinds = {"Armed clash": "gunmen fought the guards at the checkpoint of {}",
             "Peaceful protest": "teachers marched through the market of {} with banners",
             NONE: "the council of {} met to discuss the budget"}
    towns = ["Hajin", "Thiban", "Gharanij", "Al-Asharah", "Abu Kamal", "Al-Mayadin", "Deir ez-Zor", "Al-Quriyah",
             "Raqqa", "Tabqa", "Manbij", "Kobani"]
    return [Example(text.format(town), label, f"{label}:{town}", "test")
            for label, text in kinds.items() for town in towns]


def test_learn_keeps_the_threshold_its_cross_validation_chose():
    done = learn(_examples(), folds=4)
    assert "threshold" in done.estimate and done.model.threshold == done.estimate["threshold"]
    # every held-out event sentence is read right and confidently: the lowest threshold of the grid will do
    assert done.estimate["threshold_chosen"] and done.model.threshold == min(learning_settings()["threshold_grid"])


@pytest.mark.parametrize("threshold, folds, expected", [(0.61, 4, 0.61), (None, 0, THRESHOLD), (0.42, 0, 0.42)])
def test_a_threshold_given_or_no_cross_validation_sets_the_threshold(threshold, folds, expected):
    assert learn(_examples(), threshold=threshold, folds=folds).model.threshold == expected
