"""The coder with a learned model: proposals where the rules found nothing, flags where they disagree."""
from __future__ import annotations

import pytest

from conflictscope.learn.model import EventModel
from conflictscope.models import MODEL_DISAGREES, MODEL_PROPOSED, Report
from conflictscope.pipeline import Resources, code_report

pytestmark = pytest.mark.slow   # loads the coder's resources


@pytest.fixture(scope="module")
def rules():
    return Resources.load(model="")


@pytest.fixture(scope="module")
def with_model(rules, small_model):
    import dataclasses

    return dataclasses.replace(rules, model=EventModel.load(small_model))


def code(res, text: str):
    return code_report(Report(id="r", text=text, source_file="r.txt", published="2024-03-10"), res, 0).events


MISSED = [  # phrasings the rule lexicon does not code; the model's training set has others like them
    ("On 6 March 2024, clan gunmen and tribal fighters traded volleys for hours near Thiban.", "Armed clash"),
    ("On 6 March 2024, a drone unloaded two bombs on a truck near Al-Asharah.", "Air/drone strike"),
    ("On 6 March 2024, farmers walked through the market of Thiban holding banners about the price of diesel.",
     "Peaceful protest"),
]


@pytest.mark.parametrize("text, sub_type", MISSED)
def test_the_model_proposes_what_the_rules_miss_with_the_rules_place_and_date(rules, with_model, text, sub_type):
    assert code(rules, text) == []
    [event] = code(with_model, text)
    assert event.sub_event_type == sub_type and MODEL_PROPOSED in event.flags
    assert event.event_date == "2024-03-06" and event.location
    origin = next(e for e in event.evidence if e.field == "event_type").origin
    assert origin.startswith("learn.model.v1:small:p=")
    assert next(e for e in event.evidence if e.field == "location").origin.startswith("resolve.places")


def test_rule_events_stay_the_rules_and_absorb_a_proposal_of_the_same_incident(rules, with_model):
    text = ("On 6 March 2024, gunmen attacked a checkpoint of the local guards in Thiban, killing two guards. "
            "The clan gunmen and the guards traded volleys for hours.")
    before = code(rules, text)
    after = code(with_model, text)
    assert [(e.event_type, e.location, e.fatalities) for e in after] == \
        [(e.event_type, e.location, e.fatalities) for e in before]
    assert not any(MODEL_PROPOSED in e.flags for e in after)


def test_sentences_that_tell_no_event_get_no_proposal(with_model):
    text = ("On 6 March 2024, the governor of Deir ez-Zor met tribal elders to discuss the water supply. "
            "Analysts say the talks may ease tension in the province.")
    assert code(with_model, text) == []


def test_a_proposal_needs_a_place(with_model):
    assert code(with_model, "On 6 March 2024, a drone unloaded two bombs on a truck.") == []


def test_a_rule_event_the_model_reads_otherwise_is_flagged_for_review(rules, with_model):
    # the rules read a clash ("clashed"); the model, trained on shootings of shopkeepers, an attack
    text = "On 6 March 2024, men on motorbikes emptied their rifles at a shopkeeper in Hajin and clashed with guards."
    [ruled] = code(rules, text)
    [found] = code(with_model, text)
    assert (found.event_type, found.sub_event_type) == (ruled.event_type, ruled.sub_event_type) == \
        ("Battles", "Armed clash")
    assert MODEL_DISAGREES in found.flags and MODEL_DISAGREES not in ruled.flags
    assert any("reads Violence against civilians / Attack" in line and "flagged for review" in line
               for line in found.explanation)


LATER = "On 6 March 2024, gunmen attacked a police checkpoint in Hajin, killing two policemen. {}"


@pytest.mark.parametrize("second, proposed", [
    # after an event, a sentence with a place but no date of its own is background or elaboration
    ("The men had traded volleys for hours with clan gunmen near Thiban in past years.", False),
    ("On 9 March 2024, clan gunmen and tribal fighters traded volleys for hours near Thiban.", True),
])
def test_after_an_event_a_proposal_needs_its_own_date(with_model, second, proposed):
    events = code(with_model, LATER.format(second))
    assert [e.location for e in events if MODEL_PROPOSED not in e.flags] == ["Hajin"]
    assert any(MODEL_PROPOSED in e.flags for e in events) == proposed
