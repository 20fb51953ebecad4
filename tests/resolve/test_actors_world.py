"""Every country's generic actors, named by ACLED's conventions from the theatre data. Cases in our words."""
from __future__ import annotations

import pytest

from conflictscope.resolve.actors import find_actor_mentions


@pytest.fixture(scope="module")
def registry(resources):
    return resources.registry


@pytest.mark.parametrize("text, country, surface, actor", [
    ("Soldiers fired on a crowd outside the stadium.", "Kenya", "Soldiers", "Military Forces of Kenya"),
    ("Police officers detained two journalists.", "Honduras", "Police officers", "Police Forces of Honduras"),
    ("Kenyan troops patrolled the border.", "Somalia", "Kenyan troops", "Military Forces of Kenya"),
    ("Protesters blocked the highway.", "Peru", "Protesters", "Protesters (Peru)"),
    ("Rioters set a bus on fire.", "Chile", "Rioters", "Rioters (Chile)"),
    ("Unknown gunmen shot a trader.", "Nigeria", "Unknown gunmen", "Unidentified Armed Group (Nigeria)"),
    ("Two civilians were hurt.", "Myanmar", "civilians", "Civilians (Myanmar)"),
    ("Gendarmes cleared the square.", "Mali", "Gendarmes", "Police Forces of Mali"),
])
def test_actors_generic_names_follow_the_report_country(registry, text, country, surface, actor):
    found = {m.text: m.resolved for m in find_actor_mentions(text, registry, country=country, date="2020-05-05")}
    assert found.get(surface, "").startswith(actor), found


def test_actors_a_country_with_an_article_keeps_it_in_its_forces(registry):
    found = {m.text: m.resolved for m in find_actor_mentions("Police agents raided a house.", registry,
                                                                  country="Philippines", date="2020-05-05")}
    assert found["Police agents"].startswith("Police Forces of the Philippines")


def test_actors_a_registry_country_keeps_its_own_periods(registry):
    found = {m.text: m.resolved for m in find_actor_mentions("Soldiers shelled the village.", registry,
                                                                  country="Syria", date="2020-05-05")}
    assert found["Soldiers"] == "Military Forces of Syria (2000-2024)"


def test_actors_a_city_names_the_reports_country_before_a_small_namesake_abroad(resources):
    """'The Meda market, Addis Ababa': 'Meda' is also a small Italian town; the capital city says where
    the report is, so its people and police are Ethiopia's."""
    from conflictscope.models import Report
    from conflictscope.pipeline import code_report
    text = "On 2 May 2020, police officers fought with street vendors at the Meda market, Addis Ababa."
    coded = code_report(Report(id="r", text=text, source_file="r.txt", published="2020-05-01"), resources, timeout=0)
    assert coded.events and all("Ethiopia" in e.actor2 for e in coded.events), [(e.actor1, e.actor2) for e in coded.events]


@pytest.mark.parametrize("text, country, surface", [
    ("Prison guards fired tear gas at the inmates.", "Peru", "Prison guards"),
    ("Jail guards beat two detainees.", "Sierra Leone", "Jail guards"),
])
def test_actors_prison_guards_are_a_unit_of_the_police(registry, text, country, surface):
    """Prison guards are the police's unit of that name, written after the force as ACLED.md asks."""
    found = {m.text: m.resolved for m in find_actor_mentions(text, registry, country=country, date="2020-05-05")}
    assert found.get(surface, "").startswith(f"Police Forces of {country}") and found[surface].endswith("Prison Guards"), found
