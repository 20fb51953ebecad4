"""From a finished candidate to an `Event` record: ACLED's names, figures, flags, evidence and id."""
from __future__ import annotations

import hashlib
import re

from ... import CODER_VERSION
from ... import codebook as cb
from ... import lexicon
from ...codebook import Inter
from ...models import TEXT_NAMED, Event, Evidence, Mention, Place
from .proposals import flags as model_flags
from .state import ORIGIN, Candidate, Context, Deaths, place_key, precision

LEX = lexicon.section("records", "coder")
VICTIM_GROUPS = list(LEX.table("victim_groups").items())
ADDED_FIGURE = LEX.rx("added_figure")


def confidence(c: Candidate) -> float:
    """How sure the coder is of a candidate: named actor, explicit place and date, a precise trigger."""
    score = 0.4
    score += 0.15 if c.actor1 else 0
    score += 0.1 if c.place_explicit else (0.03 if c.place else -0.2)
    score += 0.1 if c.date_explicit else 0
    score += 0.1 if c.trigger.rank < 50 else 0
    score -= 0.15 if c.background else 0
    return round(max(0.05, min(0.95, score)), 2)


def to_event(ctx: Context, c: Candidate) -> Event:
    """The event record of a finished candidate."""
    text = ctx.report.text
    a1, a2 = _actor_names(ctx, c)
    evidence, flags = _evidence_and_flags(ctx, c)
    place = ctx.gazetteer.get(c.place.resolved or "") if c.place is not None else None
    fatalities = 0
    if c.deaths:
        fatalities, used, why, differ = count_deaths(c.deaths)
        for d in used:
            evidence.append(Evidence("fatalities", str(d[0]), d[1], d[2], d[3], d[4]))
        if why:
            c.explanation.append(why)
        if differ:
            flags.append("fatalities-differ")
    date_value = c.date.value if c.date else None
    flags += _place_date_flags(c, place, date_value) + model_flags(c)
    inter1 = ctx.inter(a1[0]) if a1 else None
    inter2 = ctx.inter(a2[0]) if a2 else None
    a1 = acled_names(ctx, a1)
    a2 = acled_names(ctx, a2)
    start = min(s for s, _ in c.sentences)
    end = max(e for _, e in c.sentences)
    ev_text = " … ".join(text[s:e].strip() for s, e in sorted(c.sentences))
    civilian_targeting = "Civilian targeting" if c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS or (
        a2 and ctx.inter(a2[0]) == Inter.CIVILIANS) else ""
    return Event(
        id=_event_id(ctx, c, place, date_value),
        report_id=ctx.report.id,
        source_file=ctx.report.source_file,
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        disorder_type=cb.load().disorder_type(c.event_type),
        event_date=date_value,
        year=int(date_value[:4]) if date_value else None,
        time_precision=c.date.precision if c.date and c.date.value else None,
        actor1=a1[0] if a1 else "",
        assoc_actor_1="; ".join(a1[1:]),
        inter1=inter1,
        actor2=a2[0] if a2 else "",
        assoc_actor_2="; ".join(a2[1:]),
        inter2=inter2,
        interaction=cb.interaction(inter1, inter2),
        civilian_targeting=civilian_targeting,
        **_place_fields(ctx, c, place),
        source="; ".join(s.name for s in ctx.report.sources if s.role in ("publisher", "originating"))
        or (ctx.report.publisher or ""),
        notes=ev_text[:1000],
        fatalities=fatalities,
        background=c.background,
        caption=c.caption,
        confidence=c.confidence,
        evidence_text=ev_text,
        evidence_start=start,
        evidence_end=end,
        evidence=evidence,
        flags=flags,
        explanation=c.explanation,
        coder_version=CODER_VERSION,
    )


def _actor_names(ctx: Context, c: Candidate) -> tuple[list[str], list[str]]:
    """actor1 and actor2 (with associated actors) as registry names or the codebook's generic ones."""
    a1 = [_homed(ctx, c, m) for m in c.actor1] or ([c.actor1_default] if c.actor1_default else [])
    a2 = [_homed(ctx, c, m) for m in c.actor2] or ([c.actor2_default] if c.actor2_default else [])
    if c.event_type == cb.VIOLENCE_AGAINST_CIVILIANS and c.actor2_default and a2 and a2[0] != c.actor2_default \
            and not any(ctx.is_civilian(m) for m in c.actor2):
        a2 = [c.actor2_default]
    if c.event_type != cb.PROTESTS and c.actor2 and ctx.is_civilian(c.actor2[0]):
        # ACLED names civilians on the receiving side "Civilians (country)" (victims of an attack, a mine
        # or a mob), the specific group (women, workers) as associated
        nation = nationality(ctx, c.actor2[0]) or ctx.country_name()
        if not a2[0].startswith(cb.load().generic_prefix("civilians")):
            a2 = [cb.load().generic_actor("civilians", nation)] + a2
        elif nation and a2[0] != cb.load().generic_actor("civilians", nation):
            a2 = [cb.load().generic_actor("civilians", nation)] + a2[1:]
    return a1, a2


def _homed(ctx: Context, c: Candidate, m: Mention) -> str:
    """The actor a mention names, in the country where the event took place when its name is shared by
    the groups of several countries ("ISIS cells ambushed a bus in the Al-Mayadeen desert", in a
    report that began in Iraq: the Islamic State of Syria)."""
    name = m.resolved or ""
    actor = ctx.registry.get(name)
    place = ctx.gazetteer.get(c.place.resolved or "") if c.place is not None else None
    if actor is None or actor.country is None or place is None:
        return name
    where = ctx.theatre.name(place.country_iso, place.country)
    if not where or actor.country == where:
        return name
    names = ctx.registry.named_by(m.text)
    home = ctx.registry.choose(names, where, c.date.value if c.date else None) if name in names else None
    chosen = ctx.registry.get(home) if home and home != name else None
    if chosen is not None and chosen.country == where:
        c.explanation.append(f"'{m.text}' -> {home}: the group of {where}, where the event took place")
        return home
    return name


def _evidence_and_flags(ctx: Context, c: Candidate) -> tuple[list[Evidence], list[str]]:
    """The candidate's evidence plus that of its sub-type and actors; flags for parties the text only implies."""
    text = ctx.report.text
    evidence = list(c.evidence)
    refined = c.sub_event_type != c.trigger.sub_event_type
    if c.proposal is not None and not refined:   # the model's reading of the whole sentence
        first = next(e for e in c.evidence if e.field == "event_type")
        evidence.append(Evidence("sub_event_type", c.sub_event_type, first.text, first.start, first.end, first.origin))
    else:
        evidence.append(Evidence("sub_event_type", c.sub_event_type, text[c.trig_start:c.trig_end], c.trig_start,
                                 c.trig_end, f"{ORIGIN}:{'refined' if refined else 'trigger'}:{c.trigger.name}"))
    flags: list[str] = []
    for role, ms, default in (("actor1", c.actor1, c.actor1_default), ("actor2", c.actor2, c.actor2_default)):
        if ms:
            evidence.append(Evidence(role, ms[0].resolved or "", ms[0].text, ms[0].start, ms[0].end,
                                     ms[0].origin or "resolve.actors"))
            if (ms[0].origin or "").endswith(TEXT_NAMED):
                flags.append(f"{role}-unregistered")   # named as written: a reviewer adds it to an actor file
        elif default and role == "actor1" and c.unnamed_attacker is not None:
            # "shot by a man": the armed person the text describes, named by the codebook
            m = c.unnamed_attacker
            evidence.append(Evidence(role, default, m.text, m.start, m.end, f"{ORIGIN}:armed-individual"))
            flags.append(f"{role}-unnamed")
        elif default:
            # the codebook's name for a party the text implies but does not name ("were killed when ...",
            # "in security operations"), with the words that imply it where a rule recorded them
            start, end, rule = c.implied.get(role, (c.trig_start, c.trig_end, "default-actor"))
            evidence.append(Evidence(role, default, text[start:end], start, end, f"{ORIGIN}:{rule}"))
            flags.append(f"{role}-unnamed")
    return evidence, flags


def _place_date_flags(c: Candidate, place: Place | None, date_value: str | None) -> list[str]:
    flags = []
    if date_value is None:
        flags.append("date-unknown")
    if place is None:
        flags.append("place-unresolved")
    if not c.date_explicit and date_value:
        flags.append("date-inherited")
    if not c.place_explicit and place is not None:
        flags.append("place-inherited")
    if c.caption:
        flags.append("caption")
    return flags


def _place_fields(ctx: Context, c: Candidate, place: Place | None) -> dict[str, object]:
    """The event's location fields: place, admin units, country and geo_precision."""
    geo_precision = None
    if place is not None and c.place is not None:
        geo_precision = precision(c.place)
        if not c.place_explicit and geo_precision == 1:
            geo_precision = 2
    iso2 = place.country_iso if place else (ctx.country_iso or "")
    return dict(
        iso=ctx.theatre.numeric(iso2),
        region=ctx.theatre.region(iso2),
        country=ctx.theatre.name(iso2, place.country if place else ""),
        admin1=(place.admin1 or "") if place else "",
        admin2=(place.admin2 or "") if place else "",
        admin3=(place.admin3 or "") if place else "",
        location=place.name if place else "",
        latitude=round(place.lat, 4) if place else None,
        longitude=round(place.lon, 4) if place else None,
        geo_precision=geo_precision,
        place_id=place.id if place else None,
    )


def _event_id(ctx: Context, c: Candidate, place: Place | None, date_value: str | None) -> str:
    """One event per type, day and place; strategic developments of different kinds stay apart."""
    kind = c.sub_event_type if c.event_type == cb.DEVELOPMENTS else ""
    within = (place_key(c.place)[1] or "") if c.place is not None else ""   # two unknown villages of one district
    key = "|".join([ctx.report.id, c.event_type, kind, place.id if place else "", within, date_value or "",
                    "" if place or date_value else str(c.trig_start)])
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _victim_group(text: str) -> str:
    """Which group a death figure counts: a total ("people", "toll") or the victims it names."""
    words = text.lower()
    found = [(m.start(), m.group(1)) for _, pat in VICTIM_GROUPS[1:] for m in re.finditer(rf"\b({pat})\b", words)]
    if found:
        noun = max(found)[1]
        return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    return "*"


def count_deaths(deaths: list[Deaths]) -> tuple[int, list[Deaths], str, bool]:
    """ACLED's figure from several statements: the lowest of differing totals; the sides' tolls added up.

    Figures for the same group (two totals, or two soldiers' tolls) are differing reports: the lowest
    counts. Figures for different sides ("four members of the cell", "a fighter from the committee")
    add up; a total ("five people were killed") caps that sum. Figures told as others than those
    before ("the other two victims died") are added to it. Returns the figure, the statements it
    rests on, how it was reached ("" when one figure says it all) and whether figures differed.
    """
    added = [d for d in deaths if ADDED_FIGURE.search(d[1])]
    if added and len(added) < len(deaths):
        chosen, used, why, differ = count_deaths([d for d in deaths if d not in added])
        total = chosen + sum(d[0] for d in added)
        told = ", ".join(f"{d[0]} ('{d[1]}')" for d in added)
        return total, used + added, (why + "; " if why else "") + f"others told as added ({told}): {total}", differ
    groups: dict[str, list[Deaths]] = {}
    for d in deaths:
        groups.setdefault(_victim_group(d[1]), []).append(d)
    lowest = {k: min(v, key=lambda d: d[0]) for k, v in groups.items()}
    sides = [d for k, d in lowest.items() if k != "*"]
    side_sum = sum(d[0] for d in sides)
    if "*" in lowest and (not sides or lowest["*"][0] <= side_sum):
        chosen, used = lowest["*"][0], [lowest["*"]]
    else:
        chosen, used = side_sum, sides
    differing = any(len({d[0] for d in v}) > 1 for v in groups.values()) or len(groups) > 1
    why = ""
    if differing:
        why = ("death figures " + ", ".join(f"{d[0]} ('{d[1]}')" for d in deaths)
               + f": lowest per group, sides added up, total capped: {chosen}")
    return chosen, used, why, differing


def acled_names(ctx: Context, names: list[str]) -> list[str]:
    """ACLED's way with units: a state unit is written after its force ("Military Forces of X
    (2000-2024) 4th Division"); a militia's parent force is its associated actor."""
    if not names:
        return names
    actor = ctx.registry.get(names[0])
    parent = ctx.registry.get(actor.parent) if actor is not None and actor.parent else None
    if actor is None or parent is None:
        return names
    if actor.inter == Inter.STATE and parent.inter == Inter.STATE:
        first = actor.name if actor.name.startswith(parent.name) else f"{parent.name} {actor.name}"
        return [first] + names[1:]
    if parent.name not in names:
        return names + [parent.name]
    return names


def nationality(ctx: Context, m: Mention) -> str | None:
    """'An Iraqi woman': victims are counted by their nationality."""
    words = re.findall(r"[A-Za-z]+", ctx.report.text[max(0, m.start - 20):m.end].lower())
    return next((n for w in words if (n := ctx.theatre.nationality(w))), None)
