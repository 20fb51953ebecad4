"""The actor registry: size, integrity, ambiguity rules, user files and errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictscope.errors import ReferenceDataError
from conflictscope import theatre
from conflictscope.resolve.actors import ActorRegistry, find_actor_mentions, inter_for, resolve_actor

GENERIC_COUNTRIES = ("Syria", "Iraq", "Lebanon", "Israel", "Turkey", "Iran")
GENERIC_ROLES = ("Civilians", "Protesters", "Rioters", "Prisoners", "Refugees/IDPs", "Labour Group", "Women")
REQUIRED = (
    "Military Forces of Syria (2000-2024)", "Military Forces of Syria (2024-)", "Police Forces of Syria (2000-2024)",
    "Police Forces of Syria (2024-)", "Military Forces of Iraq (2018-)", "Police Forces of Iraq (2018-)",
    "Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)", "Military Forces of Israel (2022-)",
    "Military Forces of the United States (2021-)", "Military Forces of the United States (2017-2021)",
    "Military Forces of Iran (1989-)", "Militia (Pro-Iran)", "Militia (Pro-Government)", "Unidentified Armed Group (Syria)",
    "Unidentified Armed Group (Iraq)", "Unidentified Military Forces", "Unidentified Tribal Militia (Syria)",
    "Unidentified Clan Militia (Syria)", "Global Coalition Against Daesh", "QSD: Syrian Democratic Forces",
    "QDW: National Defense Forces", "HTS: Hayat Tahrir al Sham", "JWS: Syrian National Army", "PKK: Kurdistan Workers Party",
    "YBS: Sinjar Resistance Units", "Islamic State (Syria)", "Islamic State (Iraq)", "Hezbollah", "Kataib Hezbollah",
    "Popular Mobilization Forces", "47th Regiment", "Al Akidat Tribal Militia (Syria)", "Men of Dignity",
    "Central Committee of Daraa", "8th Brigade", "Islamic Resistance in Iraq", "Liwa al-Tafuf", "Harakat al-Abdal",
)


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def test_registry_has_at_least_250_named_actors(registry: ActorRegistry) -> None:
    named = [a for a in registry if a.kind == "named"]
    print(f"\nactor registry: {len(named)} named actors, {len(registry)} entries in all")
    assert len(named) >= 250


def test_registry_has_required_actors_and_generics(registry: ActorRegistry) -> None:
    missing = [n for n in REQUIRED if registry.get(n) is None]
    missing += [f"{r} ({c})" for r in GENERIC_ROLES for c in GENERIC_COUNTRIES if registry.get(f"{r} ({c})") is None]
    assert missing == []


def test_registry_references_and_inter_codes_are_valid(registry: ActorRegistry) -> None:
    for actor in registry:
        assert 1 <= actor.inter <= 8, actor.name
        if actor.parent:
            assert registry.get(actor.parent) is not None, (actor.name, actor.parent)
        for aff in actor.affiliations:
            assert registry.get(aff.actor) is not None, (actor.name, aff.actor)
            assert aff.relation in {"parent", "patron", "ally", "member_of"}


def test_registry_state_forces_have_periods(registry: ActorRegistry) -> None:
    """State forces carry ACLED's regime period wherever the registry or the theatre records one."""
    periods = {c.name for c in theatre.load().countries.values() if c.periods}
    for actor in registry:
        if actor.name.startswith(("Military Forces of", "Police Forces of")):
            assert actor.inter == 1
            if actor.period or actor.country in periods:
                assert actor.period and actor.name.endswith(f"({actor.period})"), actor.name


def test_registry_every_country_has_state_forces_and_generic_actors(registry: ActorRegistry) -> None:
    """A user who follows any country gets its forces, protesters, civilians and unknown gunmen named."""
    for c in theatre.load().countries.values():
        names = {a.name for a in registry if a.country == c.name}
        assert any(n.startswith(f"Military Forces of {c.in_phrase}") for n in names), c.name
        assert any(n.startswith(f"Police Forces of {c.in_phrase}") for n in names), c.name
        for generic in ("Protesters", "Rioters", "Civilians", "Unidentified Armed Group"):
            assert f"{generic} ({c.name})" in names, (c.name, generic)


def test_registry_shared_aliases_are_settled_by_country_or_period(registry: ActorRegistry) -> None:
    """Every actor sharing an alias is reachable by some country/date; none are indistinguishable."""
    problems = []
    for key, names in registry.ambiguous_aliases().items():
        signatures = {(registry.get(n).country, registry.meta[n].since, registry.meta[n].until) for n in names}
        if len(signatures) < len(names):
            problems.append((key, names, "same country and period"))
            continue
        countries = {registry.get(n).country for n in names}
        dates = {d for n in names for d in (registry.meta[n].since, registry.meta[n].until) if d} | {None}
        reachable = {registry.choose(names, c, d) for c in countries for d in dates}
        unreachable = set(names) - reachable
        if unreachable:
            problems.append((key, names, f"unreachable {sorted(unreachable)}"))
    assert problems == []


def test_registry_descendants_follow_parent_chains(registry: ActorRegistry) -> None:
    irgc = registry.descendants("Islamic Revolutionary Guard Corps")
    assert {"47th Regiment", "IRGC Quds Force", "Fatemiyoun Division", "Al-Haj Qassem Soleimani Regiment"} <= set(irgc)
    assert "Kataib Hezbollah" in registry.descendants("Popular Mobilization Forces")
    assert "Syrian Hezbollah" in registry.descendants("Hezbollah")
    assert "Ahrar al-Sharqiya" in registry.descendants("JWS: Syrian National Army")
    assert registry.get("47th Regiment").parent == "Islamic Revolutionary Guard Corps"


def test_registry_user_file_extends_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"actors": [
        {"name": "Liwa Test al-Jadid", "inter": 3, "country": "Syria", "aliases": ["Test Brigade"], "parent": "Islamic Revolutionary Guard Corps"},
        {"name": "Hezbollah", "inter": 3, "aliases": ["Hizb Allah al-Lubnani"]},
    ]}), encoding="utf-8")
    reg = ActorRegistry.load([extra])
    assert reg.get("Liwa Test al-Jadid").parent == "Islamic Revolutionary Guard Corps"
    assert "Liwa Test al-Jadid" in reg.descendants("Islamic Revolutionary Guard Corps")
    assert resolve_actor("Test Brigade", reg).name == "Liwa Test al-Jadid"
    hez = reg.get("Hezbollah")
    assert "Hizb Allah al-Lubnani" in hez.aliases and "Hizbullah" in hez.aliases
    assert hez.country == "Lebanon"


@pytest.mark.parametrize("content, expect", [
    ("{not json", "cannot read"),
    (json.dumps({"actors": [{"name": "X Group", "inter": 9}]}), "'X Group'"),
    (json.dumps({"actors": [{"name": "X Group", "inter": 3, "alias": ["typo"]}]}), "unknown field"),
    (json.dumps({"actors": [{"name": "X Group", "inter": 3, "parent": "No Such Actor"}]}), "No Such Actor"),
    (json.dumps({"actors": [{"inter": 3}]}), "actor #1"),
    (json.dumps({"actors": [{"name": "X Group", "inter": 3, "since": "yesterday"}]}), "ISO date"),
    (json.dumps({"actors": [{"name": "X Group", "inter": 3, "aliases": ["{$NOPE} men"]}]}), "macro"),
])
def test_registry_malformed_file_names_file_and_entry(tmp_path: Path, content: str, expect: str) -> None:
    bad = tmp_path / "bad_actors.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        ActorRegistry.load([bad])
    assert "bad_actors.json" in str(err.value)
    assert expect in str(err.value)


def test_inter_for_state_forces_abroad_is_external(registry: ActorRegistry) -> None:
    assert inter_for(registry.get("Military Forces of Russia (2000-)"), "Syria") == 8
    assert inter_for(registry.get("Military Forces of Syria (2000-2024)"), "Syria") == 1
    assert inter_for(registry.get("Hezbollah"), "Syria") == 3


def test_sources_are_not_event_actors(registry: ActorRegistry) -> None:
    text = "The Syrian Observatory for Human Rights said SDF fighters arrested two men."
    assert [m.resolved for m in find_actor_mentions(text, registry)] == ["QSD: Syrian Democratic Forces"]
    with_sources = find_actor_mentions(text, registry, include_sources=True)
    assert with_sources[0].resolved == "Syrian Observatory for Human Rights"
