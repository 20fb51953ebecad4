"""Targeted coder behaviours that the ACLED rules ask for, one report each."""
from __future__ import annotations

import pytest

from conflictscope.ingest import read_text
from conflictscope.pipeline import Resources, code_report


@pytest.fixture(scope="module")
def res(resources) -> Resources:
    return resources


def code(res: Resources, text: str, published: str | None = "2024-04-05"):
    report = read_text(text, name="case.txt", published=published)
    return code_report(report, res).events


def test_events_clashes_in_two_cities_are_two_events(res):
    events = code(res, "Clashes between regime forces and Iranian militias erupted on Tuesday in the cities "
                       "of Albukamal and al-Mayadeen, leaving four fighters dead.")
    battles = sorted((e.location, e.fatalities) for e in events if e.event_type == "Battles")
    assert [loc for loc, _ in battles] == ["Abu Kamal", "Al Mayadin"]
    assert [n for _, n in battles] == [2, 2]   # a total over two places is split evenly


def test_events_three_day_total_is_split_across_the_days(res):
    events = code(res, "Fifteen people were killed during three days of fighting between the SDF and tribal fighters.\n\n"
                       "The fighting erupted on Tuesday in the town of Thiban, after tribal fighters attacked an SDF checkpoint. On Wednesday, tribal fighters took control "
                       "of the village of al-Hawayij. On Thursday, the SDF regained control of al-Hawayij.")
    battles = [e for e in events if e.event_type == "Battles"]
    assert sorted(e.event_date for e in battles) == ["2024-04-02", "2024-04-03", "2024-04-04"]
    assert [e.fatalities for e in battles] == [5, 5, 5]


def test_events_differing_tolls_code_the_lowest_and_flag_it(res):
    events = code(res, "Islamic State militants ambushed an army convoy near al-Shula on Wednesday, killing at least "
                       "seven soldiers, state media said. A war monitor put the death toll at 11.")
    battle = next(e for e in events if e.event_type == "Battles")
    assert battle.fatalities == 7 and "fatalities-differ" in battle.flags


def test_events_claim_of_responsibility_names_the_attacker(res):
    events = code(res, "A suicide bomber blew himself up at an SDF checkpoint in al-Shaddadi on Monday, killing three "
                       "fighters. Islamic State claimed responsibility for the attack.")
    bomb = next(e for e in events if e.sub_event_type == "Suicide bomb")
    assert bomb.actor1 == "Islamic State (Syria)" and bomb.actor2 == "QSD: Syrian Democratic Forces"


def test_events_dispersal_told_after_a_protest_is_its_intervention(res):
    events = code(res, "Around 200 residents demonstrated on Friday in front of the municipal building in Shahba, "
                       "demanding better services. Police forces dispersed the demonstrators with batons and detained five.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]
    assert events[0].actor1 == "Protesters (Syria)" and events[0].actor2.startswith("Police Forces of Syria")


@pytest.mark.parametrize("text", [
    "The SDF denied reports that its fighters had shelled the village of Tal Tamr on Monday.",
    "Kataib Hezbollah threatened to attack US forces at Ain al-Asad unless Washington withdraws.",
    "Analysts expect further Israeli strikes on militia positions near Albukamal in the coming weeks.",
    "A traffic accident on the highway near Ramadi killed five people on Sunday.",
])
def test_events_denials_threats_opinions_and_accidents_are_not_events(res, text):
    assert code(res, text) == []


def test_events_every_value_keeps_its_evidence(res):
    events = code(res, "Turkish drones struck a car carrying SDF members near Qamishli on Monday, killing two of them.")
    strike = events[0]
    fields = {ev.field for ev in strike.evidence}
    assert {"event_type", "location", "event_date", "actor1", "actor2", "fatalities"} <= fields
    for ev in strike.evidence:
        assert ev.origin and 0 <= ev.start < ev.end
    assert strike.explanation and strike.coder_version


def test_events_report_without_a_year_gets_no_date(res):
    events = code(res, "On Tuesday, regime forces arrested a doctor in the city of al-Mayadeen.", published=None)
    assert events and events[0].event_date is None and "date-unknown" in events[0].flags


def test_events_a_place_name_is_not_read_as_a_plural_actor(res):
    events = code(res, "Syrian army helicopters dropped barrels containing chlorine on al-Lataminah in northern Hama "
                       "on Tuesday, injuring 21 people.")
    assert events and all("Hamas" not in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2) for e in events)
