"""Cross-report fusion on hand-built events: the pair rule, clusters independent of order, figures
across sources, copies and independent origins, reviewers' merges and splits."""
from __future__ import annotations

import itertools
import random

from conflictscope.fuse import fuse
from conflictscope.fuse.copies import find_copies
from conflictscope.fuse.link import pair
from conflictscope.models import Event, Report, Source

HAJIN = ("place:hajin", 34.6869, 40.8392)
ASHARAH = ("place:asharah", 34.8211, 40.6267)   # about 20 km from Hajin


def ev(eid: str, report: str, *, type_: str = "Explosions/Remote violence", sub: str = "Air/drone strike",
       day: str = "2024-03-11", place=HAJIN, actor1: str = "Unidentified Military Forces", deaths: int = 0,
       text: str = "A drone struck a car near Hajin, killing the driver.", flags=()) -> Event:
    pid, lat, lon = place
    return Event(id=eid, report_id=report, source_file=f"{report}.txt", event_type=type_, sub_event_type=sub,
                 disorder_type="Political violence", event_date=day, time_precision=1, actor1=actor1,
                 location=pid, latitude=lat, longitude=lon, geo_precision=1, place_id=pid, fatalities=deaths,
                 evidence_text=text, flags=list(flags))


def rep(rid: str, published: str, publisher: str = "", cites: tuple[str, ...] = (), text: str = "") -> Report:
    sources = [Source(name, "originating") for name in cites]
    return Report(id=rid, text=text or f"A report {rid} about something else entirely, number {rid}.",
                  source_file=f"{rid}.txt", publisher=publisher, published=published, sources=sources)


def test_two_reports_of_one_strike_are_one_incident():
    link = pair(ev("a", "r1", deaths=1), ev("b", "r2", text="Drone hits vehicle outside Hajin; one dead.", deaths=1))
    assert link is not None and "dates agree" in link.reasons and "same place" in link.reasons


def test_near_misses_stay_apart():
    base = ev("a", "r1")
    assert pair(base, ev("b", "r2", day="2024-03-12")) is None                  # the next night
    assert pair(base, ev("b", "r2", place=ASHARAH)) is None                      # another village, same night
    assert pair(base, ev("b", "r2", type_="Battles", sub="Armed clash")) is None  # a clash, not a strike
    assert pair(base, ev("b", "r1")) is None                                     # one report, two events


def test_two_places_named_apart_within_a_district_need_one_perpetrator_or_alike_accounts():
    hajin_area = ev("a", "r1", actor1="Military Forces of Turkey (2016-)")
    near = dict(place=("place:shafah", 34.70, 40.95))   # about 10 km away
    generic = ev("b", "r2", actor1="Unidentified Military Forces", text="Shelling hit farms at Al-Shafah.", **near)
    hajin_area.geo_precision = 2
    assert pair(hajin_area, generic) is None
    same = ev("c", "r3", actor1="Military Forces of Turkey (2016-) Turkish Air Force", text="Jets hit Al-Shafah.", **near)
    link = pair(hajin_area, same)   # arms of one state are one perpetrator
    assert link is not None and link.contradictions == ("place: place:hajin / place:shafah",)


def test_either_side_of_a_clash_may_be_named_first():
    a = ev("a", "r1", type_="Battles", sub="Armed clash", actor1="HTS: Hayat Tahrir al Sham",
           text="HTS fighters attacked army positions.")
    b = ev("b", "r2", type_="Battles", sub="Armed clash", actor1="Military Forces of Syria (2000-2024)",
           text="The army repelled an attack by militants.")
    b.actor2 = "HTS: Hayat Tahrir al Sham"
    assert pair(a, b) is not None


def test_an_inherited_date_may_be_a_day_off():
    assert pair(ev("a", "r1"), ev("b", "r2", day="2024-03-12", flags=["date-inherited"])) is not None


def test_different_perpetrators_split_unless_the_accounts_are_alike():
    a = ev("a", "r1", actor1="Military Forces of Turkey (2016-)", text="Turkish drone kills driver near Hajin.")
    b = ev("b", "r2", actor1="Military Forces of Russia (2000-)", text="Russian jets bomb farm by Hajin.")
    assert pair(a, b) is None
    c = ev("c", "r3", actor1="Military Forces of Russia (2000-)", text="Turkish drone kills driver near Hajin.")
    link = pair(a, c)
    assert link is not None and link.contradictions


def test_fused_event_takes_the_earliest_claim_and_the_most_conservative_toll():
    events = [ev("a", "r1", deaths=3), ev("b", "r2", deaths=5, text="Five killed as drone hits car in Hajin.")]
    reports = [rep("r1", "2024-03-12", "Wire"), rep("r2", "2024-03-11", "Monitor")]
    [one] = fuse(events, reports).events
    assert one.id == "b" and one.source_files == ["r2.txt", "r1.txt"]
    assert (one.fatalities, one.fatalities_low, one.fatalities_high) == (3, 3, 5)
    assert one.corroboration == 2 and "fatalities-differ-across-sources" in one.flags


def test_the_fused_figure_keeps_the_evidence_of_the_report_it_comes_from():
    from conflictscope.models import Evidence

    a, b = ev("a", "r1", deaths=5), ev("b", "r2", deaths=3, text="Three killed as drone hits car in Hajin.")
    a.evidence = [Evidence("fatalities", "5", "killing five", 10, 22, "extract.fatalities.v1:verb-object")]
    b.evidence = [Evidence("fatalities", "3", "Three killed", 0, 12, "extract.fatalities.v1:subject")]
    [one] = fuse([a, b], [rep("r1", "2024-03-11"), rep("r2", "2024-03-12")]).events
    assert one.id == "a" and one.fatalities == 3
    [deaths] = [e for e in one.evidence if e.field == "fatalities"]
    assert (deaths.text, deaths.start) == ("Three killed", 0) and deaths.origin.startswith("fuse.v1:from r2.txt:")


def test_a_later_report_of_a_rising_toll_updates_the_figure():
    events = [ev("a", "r1", deaths=2),
              ev("b", "r2", deaths=6, text="The death toll from the drone strike near Hajin rose to six.")]
    reports = [rep("r1", "2024-03-11"), rep("r2", "2024-03-13")]
    [one] = fuse(events, reports).events
    assert one.fatalities == 6 and any("rising toll" in line for line in one.explanation)


def test_claims_keep_each_reports_own_values_under_the_incident_id():
    events = [ev("a", "r1", deaths=3), ev("b", "r2", deaths=5)]
    fusion = fuse(events, [rep("r1", "2024-03-11"), rep("r2", "2024-03-12")])
    assert [(c.id, c.source_file, c.fatalities) for c in fusion.claims] == [("a", "r1.txt", 3), ("a", "r2.txt", 5)]


def test_the_same_events_in_any_order_make_the_same_incidents():
    events = [ev("a", "r1"), ev("b", "r2"), ev("c", "r3", place=ASHARAH), ev("d", "r4", place=ASHARAH),
              ev("e", "r5", day="2024-03-12"), ev("f", "r6", type_="Battles", sub="Armed clash")]
    reports = [rep(f"r{i}", f"2024-03-1{i}") for i in range(1, 7)]
    seen = set()
    for order in itertools.islice(itertools.permutations(range(6)), 0, 720, 97):
        shuffled = [events[i] for i in order]
        fusion = fuse(shuffled, random.Random(len(seen)).sample(reports, len(reports)))
        seen.add(tuple(sorted((e.id, tuple(e.fused_from)) for e in fusion.events)))
    assert seen == {(("a", ("a", "b")), ("c", ("c", "d")), ("e", ("e",)), ("f", ("f",)))}


def test_a_chain_of_links_does_not_join_what_cannot_be_one_incident():
    # b is one day from a and c (inherited dates) but a and c are two days apart: complete linkage
    a, c = ev("a", "r1", day="2024-03-10"), ev("c", "r3", day="2024-03-12")
    b = ev("b", "r2", day="2024-03-11", flags=["date-inherited"])
    fused = fuse([a, b, c], [rep("r1", "2024-03-10"), rep("r2", "2024-03-11"), rep("r3", "2024-03-12")]).events
    assert sorted(len(e.fused_from) for e in fused) == [1, 2]


def test_reviewers_merge_and_split_come_first():
    events = [ev("a", "r1"), ev("b", "r2"), ev("c", "r3", place=ASHARAH)]
    reports = [rep("r1", "2024-03-11"), rep("r2", "2024-03-11"), rep("r3", "2024-03-11")]
    split = fuse(events, reports, alone=["b"]).events
    assert sorted(tuple(e.fused_from) for e in split) == [("a",), ("b",), ("c",)]
    merged = fuse(events, reports, merged_into={"c": "a"}, alone=["b"]).events
    assert sorted(tuple(e.fused_from) for e in merged) == [("a", "c"), ("b",)]


ARTICLE = ("A drone struck a pickup truck on the road between Hajin and Al-Shafah late on Monday, killing two "
           "men, local sources said. The strike was the third in the area this week, residents said, and "
           "nobody claimed it. The two men were members of a local tribe, according to a relative.")


def test_a_republished_article_is_a_copy_and_one_origin():
    reports = [rep("r1", "2024-03-12", "Levant Wire", text="LEVANT WIRE\\n" + ARTICLE + "\\nAll rights reserved."),
               rep("r2", "2024-03-13", "Aggregator", text="News from the region | Aggregator\\n" + ARTICLE),
               rep("r3", "2024-03-12", "Deir Monitor", text="Two men died when a drone hit their truck near Hajin.")]
    assert find_copies(reports) == {"r2": "r1"}
    events = [ev("a", "r1", text=ARTICLE[:60]), ev("b", "r2", text=ARTICLE[:60]), ev("c", "r3")]
    fusion = fuse(events, reports)
    [one] = fusion.events
    assert one.corroboration == 2 and [c.copy_of for c in fusion.claims] == ["", "", "r1.txt"]


def test_reports_citing_the_same_monitor_are_one_origin():
    reports = [rep("r1", "2024-03-12", "Levant Wire", cites=("SOHR",)), rep("r2", "2024-03-12", "SOHR"),
               rep("r3", "2024-03-12", "Local Network")]
    [one] = fuse([ev("a", "r1"), ev("b", "r2"), ev("c", "r3")], reports).events
    assert one.corroboration == 2


def test_templated_bulletins_that_differ_in_a_toll_or_a_week_are_no_copies():
    template = ("Deir Monitor\\nSources reported the following to the Deir Monitor. An IED exploded under an army "
                "vehicle near Hajin this morning, killing {n}. The Deir Monitor documents incidents through a network "
                "of correspondents and cross-checks each report with two sources. Figures may change.")
    one, two = template.format(n="one soldier"), template.format(n="two soldiers")
    assert find_copies([rep("r1", "2024-03-11", text=one), rep("r2", "2024-03-12", text=two)]) == {}
    assert find_copies([rep("r1", "2024-03-01", text=one), rep("r2", "2024-03-12", text=one)]) == {}
    assert find_copies([rep("r1", "2024-03-11", text=one),
                        rep("r2", "2024-03-12", text="Posted 12/03/2024 10:30 | " + one)]) == {"r2": "r1"}


def _varied_events(n: int, seed: int) -> list[Event]:
    """Events close together in time and space, some undated, unplaced, coarse or with inherited dates."""
    rng = random.Random(seed)
    texts = ["A drone struck a car near Hajin, killing the driver.", "Drone hits vehicle outside Hajin; one dead.",
             "Shelling hit farms at Al-Shafah.", "Clashes broke out near the bridge at night."]
    actors = ["Unidentified Military Forces", "Military Forces of Turkey (2016-)", "HTS: Hayat Tahrir al Sham",
              "Military Forces of Turkey (2016-) Turkish Air Force", ""]
    places = [(f"place:{k}", 34.6 + rng.random() * 1.5, 40.6 + rng.random() * 3) for k in range(8)]
    found = []
    for i in range(n):
        place = rng.choice(places)
        e = ev(f"e{i:03d}", f"r{rng.randint(0, 9)}", type_=rng.choice(["Battles", "Explosions/Remote violence"]),
               day=rng.choice([None, "2024-03-10", "2024-03-11", "2024-03-12", "2024-03-20", "2024-04-15"]),
               place=rng.choice([place, (None, None, None)]), actor1=rng.choice(actors), text=rng.choice(texts),
               flags=rng.choice([(), ("date-inherited",)]))
        e.time_precision, e.geo_precision = rng.choice([1, 1, 2, 3]), rng.choice([1, 2, 3])
        found.append(e)
    return found


def test_the_candidate_search_misses_no_pair_the_rule_links():
    """Fusion tests only candidate pairs (by type, dates and reach); it must find every pair that
    the pair rule, tried on all pairs, links, with the same score."""
    from conflictscope.fuse.link import cluster

    for seed in range(5):
        events = _varied_events(120, seed)
        everything = {tuple(sorted((a.id, b.id))): link.score for a, b in itertools.combinations(events, 2)
                      if (link := pair(a, b)) is not None}
        _, links = cluster(events)
        assert everything and {k: v.score for k, v in links.items()} == everything
