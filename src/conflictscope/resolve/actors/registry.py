"""The actor registry: reading and checking the actor files, the alias index, lookups and periods.

The registry is data: JSON files in ``conflictscope/data/actors/`` (format in that folder's
README.md), read once by :meth:`ActorRegistry.load`, which also builds the alias index. An alias
shared by several actors is settled by :meth:`ActorRegistry.choose` from the report's country and
date.
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from conflictscope import lexicon
from conflictscope.cache import cached
from conflictscope import theatre as theatre_data
from conflictscope.errors import ReferenceDataError
from conflictscope.models import Actor, Affiliation

from .names import Token, is_mixed_case_token, is_upper_token, tokenize as tokenize_text

ORIGIN = "resolve.actors.v1"
TEXTS_REMEMBERED = 4   # the tokens of this many texts are kept, then forgotten all at once
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "actors"
CONTEXT_FILE = "context.json"

KINDS = ("named", "descriptive", "generic", "source")
RELATIONS = ("parent", "patron", "ally", "member_of")
_ENTRY_KEYS = {
    "name", "inter", "country", "description", "aliases", "parent", "affiliations", "period",
    "kind", "since", "until", "default", "short", "leaders", "replace", "operates_in",
}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ALT_RE = re.compile(r"\{([^{}]*)\}")

LEX = lexicon.section("registry", "actors")
LEADER_ALIASES = LEX.table("leader_aliases")
POSSESSIVE = LEX.rx("possessive")
METONYM_AUXILIARY = LEX.rx("metonym_auxiliary")


@dataclass(frozen=True)
class _Rules:
    """Normalisation and context rules read from context.json."""

    default_country: str
    articles: frozenset[str]
    hyphen_articles: frozenset[str]
    spelling: dict[str, str]
    macros: dict[str, list[str]]
    country_cues: dict[str, list[str]]
    metonyms: dict[str, str]
    metonym_verbs: list[str]
    patron_cues: dict[str, str]


@dataclass(frozen=True)
class AliasEntry:
    """One alias of one actor in the index."""

    actor: str
    alias: str
    mask: tuple[bool, ...]   # token must be written in capitals (acronyms)
    cls: str                 # "alias" | "acronym" | "descriptive" | "anaphor"
    key: tuple[str, ...] = ()   # the normalised tokens
    cased: tuple[str, ...] = ()  # per token: the exact spelling required (mixed-case acronyms), or ""


@dataclass
class _Meta:
    """What an actor entry says beyond the Actor record: validity, defaults, short forms, source file."""

    since: str | None = None
    until: str | None = None
    default: bool = False
    short: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    file: str = ""
    operates_in: tuple[str, ...] = ()   # the only countries where its aliases name it ("the coalition")


@dataclass
class ActorRegistry:
    """The actors of the registry with an alias index; build it with :meth:`load`."""

    rules: _Rules
    actors: dict[str, Actor] = field(default_factory=dict)
    meta: dict[str, _Meta] = field(default_factory=dict)
    _exact: dict[tuple[str, ...], list[AliasEntry]] = field(default_factory=dict, repr=False)
    _folded: dict[tuple[str, ...], list[AliasEntry]] = field(default_factory=dict, repr=False)
    _firsts: set[str] = field(default_factory=set, repr=False)
    _max_len: int = 1
    _cue_re: re.Pattern[str] | None = field(default=None, repr=False)
    _metonym_re: re.Pattern[str] | None = field(default=None, repr=False)
    # the last texts tokenized: two stages read each report's text (the countries of its groups, its actors)
    _tokens: dict[str, list[Token]] = field(default_factory=dict, repr=False, compare=False)
    _prefixes: tuple[set[tuple[str, ...]], set[tuple[str, ...]]] | None = field(default=None, repr=False, compare=False)
    # armed groups the reports name that no file holds, named as written (`named_in_text`): one small record per
    # distinct name, kept while the registry lives (never dropped mid-report), the same whichever report came first
    _text_named: dict[str, Actor] = field(default_factory=dict, repr=False, compare=False)

    # -- construction --

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = (), *, cache: bool = True) -> ActorRegistry:
        """Read the shipped actor files, then `extra_files` (which add or override by name).

        Every country's generic actors make the index large, so the built registry is kept in the
        user cache (`conflictscope.cache`), rebuilt when any actor file or the code changes.

        Raises:
            ReferenceDataError: a file is unreadable or an entry is malformed; the message names
                the file and the entry.
        """
        extras = [Path(p) for p in extra_files]
        for p in extras:
            if not p.is_file():
                raise ReferenceDataError(f"actor file {p} does not exist. Pass the path of a JSON actor file "
                                         f"(format: conflictscope/data/actors/README.md).")
        inputs = (sorted(Path(__file__).parent.glob("*.py")) + sorted(DATA_DIR.glob("*.json"))
                  + [theatre_data.DATA, lexicon.DATA_DIR / "actors.json"] + extras)
        return cached("registry", "1", inputs, lambda: cls._build(extras), enabled=cache)

    @classmethod
    def _build(cls, extra_files: Sequence[Path]) -> ActorRegistry:
        rules = _read_rules(DATA_DIR / CONTEXT_FILE)
        reg = cls(rules=rules)
        shipped = sorted(p for p in DATA_DIR.glob("*.json") if p.name != CONTEXT_FILE)
        templated: list[tuple[Path, str, dict[str, Any]]] = []
        for path in shipped:
            templated += reg._read_file(path, override=False)
        for extra in extra_files:
            templated += reg._read_file(Path(extra), override=True)
        reg._add_templated(templated)
        reg._check_references()
        reg._build_index()
        return reg

    def _read_file(self, path: Path, *, override: bool) -> list[tuple[Path, str, dict[str, Any]]]:
        """Add the entries of one actor file (`override` lets a user file change shipped actors);
        return its template instances, which are added after every file's own entries."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReferenceDataError(
                f"{path}: cannot read actor file ({exc}). Fix the JSON or leave the file out."
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
            raise ReferenceDataError(
                f"{path}: an actor file is a JSON object with an \"actors\" list (see data/actors/README.md)."
            )
        defaults = data.get("defaults", {})
        entries: list[tuple[str, dict[str, Any]]] = [
            (f"actor #{i + 1}", {**defaults, **e} if isinstance(e, dict) else e)
            for i, e in enumerate(data.get("actors", []))
        ]
        templates = data.get("templates")
        instances = [(path, where, e) for where, e in _expand_templates(path, templates, defaults)] \
            if templates is not None else []
        for where, entry in entries:
            actor, meta = self._parse_entry(path, where, entry)
            if actor.name in self.actors:
                if not override:
                    raise ReferenceDataError(
                        f"{path}: {where} ({actor.name!r}) repeats a name already defined in "
                        f"{self.meta[actor.name].file}. Give it another name or merge the entries."
                    )
                actor, meta = self._merge(actor, meta, entry)
            self.actors[actor.name] = actor
            self.meta[actor.name] = meta
        return instances

    def _add_templated(self, instances: list[tuple[Path, str, dict[str, Any]]]) -> None:
        """Template instances, unless an entry of its own already names that actor of that country
        ("Military Forces of Syria (2000-2024)" stands for the template's "Military Forces of Syria"; Iraq's
        "Federal Police", under "Police Forces of Iraq (2018-)", for "Police Forces of Iraq (2018-) Federal Police")."""
        named = {_unperiodised(n) for n in self.actors} | {
            _unperiodised(f"{a.parent} {a.name}") for a in self.actors.values() if a.parent}
        for path, where, entry in instances:
            actor, meta = self._parse_entry(path, where, entry)
            if actor.name in self.actors or _unperiodised(actor.name) in named:
                continue
            self.actors[actor.name] = actor
            self.meta[actor.name] = meta

    def _parse_entry(self, path: Path, where: str, e: Any) -> tuple[Actor, _Meta]:
        """One checked entry of an actor file as an Actor and its meta; the first fault raises."""
        def bad(problem: str) -> ReferenceDataError:
            name = e.get("name") if isinstance(e, dict) else None
            label = f"{where} ({name!r})" if name else where
            return ReferenceDataError(f"{path}: {label}: {problem}. Fix the entry (format: data/actors/README.md).")

        _check_entry(e, bad)
        affs = _parse_affiliations(e, bad)
        try:
            aliases = _expand_aliases(e.get("aliases", []), self.rules.macros)
        except KeyError as exc:
            raise bad(f"unknown alias macro {exc}") from exc
        name = e["name"]
        leaders = tuple(e.get("leaders", []))
        aliases += _leader_aliases(leaders)
        seen: set[str] = {name}
        uniq = tuple(a for a in aliases if not (a in seen or seen.add(a)))  # type: ignore[func-returns-value]
        actor = Actor(
            name=name, inter=e["inter"], country=e.get("country"), description=e.get("description", ""),
            aliases=uniq, parent=e.get("parent"), affiliations=tuple(affs), period=e.get("period"),
            kind=e.get("kind", "named"),
        )
        meta = _Meta(since=e.get("since"), until=e.get("until"), default=bool(e.get("default", False)),
                     short=tuple(e.get("short", [])), leaders=leaders, file=str(path),
                     operates_in=tuple(e.get("operates_in", ())))
        return actor, meta

    def _merge(self, new: Actor, meta: _Meta, entry: dict[str, Any]) -> tuple[Actor, _Meta]:
        """A user entry for an existing name: given fields replace, aliases add (unless "replace")."""
        old, old_meta = self.actors[new.name], self.meta[new.name]
        if entry.get("replace"):
            return new, meta
        changes: dict[str, Any] = {k: getattr(new, k) for k in ("inter", "country", "description", "parent", "period", "kind") if k in entry}
        changes["aliases"] = old.aliases + tuple(a for a in new.aliases if a not in old.aliases)
        if "affiliations" in entry or "parent" in entry:
            changes["affiliations"] = new.affiliations
        merged_meta = _Meta(
            since=meta.since if "since" in entry else old_meta.since,
            until=meta.until if "until" in entry else old_meta.until,
            default=meta.default if "default" in entry else old_meta.default,
            short=old_meta.short + meta.short, leaders=old_meta.leaders + meta.leaders, file=meta.file,
            operates_in=meta.operates_in if "operates_in" in entry else old_meta.operates_in,
        )
        return replace(old, **changes), merged_meta

    def _check_references(self) -> None:
        """Every affiliation names a registry actor."""
        for actor in self.actors.values():
            for aff in actor.affiliations:
                if aff.actor not in self.actors:
                    raise ReferenceDataError(
                        f"{self.meta[actor.name].file}: {actor.name!r} refers to unknown actor {aff.actor!r} "
                        f"({aff.relation}). Add that actor or correct the name."
                    )

    def _build_index(self) -> None:
        """The alias index, the country cue pattern and the metonym pattern."""
        # every country's generic actors share their aliases ("soldiers", "protesters"): tokenise
        # each alias once and keep bucket membership in a set
        self._tokens_of: dict[str, tuple[list[Token], tuple[bool, ...], tuple[str, ...], tuple[str, ...]]] = {}
        self._indexed: set[tuple[int, tuple[str, ...], str, tuple[bool, ...], str]] = set()
        for actor in self.actors.values():
            descriptive = actor.kind in ("descriptive", "generic")
            for alias in (actor.name, *actor.aliases):
                self._add(actor.name, alias, "descriptive" if descriptive else "alias")
            for short in self.meta[actor.name].short:
                self._add(actor.name, short, "anaphor")
        del self._tokens_of, self._indexed
        cues = sorted({c for cs in self.rules.country_cues.values() for c in cs}, key=len, reverse=True)
        self._cue_re = re.compile(r"\b(" + "|".join(map(re.escape, cues)) + r")\b") if cues else None
        if self.rules.metonyms:
            names = "|".join(map(re.escape, sorted(self.rules.metonyms, key=len, reverse=True)))
            verbs = "|".join(map(re.escape, self.rules.metonym_verbs))
            # The names and verbs are registry data, the possessive and auxiliaries lexicon patterns.
            self._metonym_re = re.compile(
                rf"(?<![\w.])({names})(?:{POSSESSIVE.pattern})?(?=\s+(?:{METONYM_AUXILIARY.pattern})?(?:{verbs})\b)"
            )

    def _add(self, name: str, alias: str, cls: str) -> None:
        """Index one alias of actor `name` as `cls`, under its normalised and (for names) folded tokens."""
        cached = self._tokens_of.get(alias)
        if cached is None:
            toks = self.tokenize(alias)
            cached = self._tokens_of[alias] = (toks, tuple(is_upper_token(t.raw) for t in toks),
                                               tuple(t.norm for t in toks), tuple(t.fold for t in toks))
        toks, mask, norms, folds = cached
        if not toks:
            return
        if cls == "alias" and any(mask) and len(toks) == 1:
            cls = "acronym"
        cased = tuple(t.raw if is_mixed_case_token(t.raw) else "" for t in toks)
        entry = AliasEntry(name, alias, mask, cls, norms, cased if any(cased) else ())
        indexes = [(self._exact, entry.key)]
        if cls in ("alias", "acronym"):
            # Spelling-variant matching is for transliterated names, not English descriptions.
            indexes.append((self._folded, folds))
        for which, (index, key) in enumerate(indexes):
            seen = (which, key, name, mask, cls)
            if seen not in self._indexed:
                self._indexed.add(seen)
                index.setdefault(key, []).append(entry)
        self._firsts.add(toks[0].norm)
        self._firsts.add(toks[0].fold)
        self._max_len = max(self._max_len, len(toks))
        self._prefixes = None

    # -- tokens --

    def tokenize(self, text: str) -> list[Token]:
        """Normalised tokens of `text` with their offsets; articles are dropped. The list is shared: read it only."""
        found = self._tokens.get(text)
        if found is None:
            if len(self._tokens) >= TEXTS_REMEMBERED:
                self._tokens.clear()
            found = self._tokens[text] = tokenize_text(text, self.rules.articles, self.rules.hyphen_articles,
                                                       self.rules.spelling)
        return found

    def prefixes(self) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
        """Every start of a key of the exact and of the folded alias index: where no key goes on, a
        scan of the text need not try longer names."""
        if self._prefixes is None:
            self._prefixes = ({k[:n] for k in self._exact for n in range(1, len(k) + 1)},
                              {k[:n] for k in self._folded for n in range(1, len(k) + 1)})
        return self._prefixes

    # -- queries --

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name (or a group a report named, `named_in_text`), or None."""
        return self.actors.get(name) or self._text_named.get(name)

    def named_in_text(self, name: str) -> Actor:
        """An armed group a report names that no actor file holds, named as written, as ACLED names named
        groups: a political militia (inter 3) of no known country until a user adds it to a file. The record
        depends on the name alone, so one worker or several code the same events."""
        found = self._text_named.get(name)
        if found is None:
            found = self._text_named[name] = Actor(
                name=name, inter=3, country=None, kind="named",
                description="An armed group named in a report that no actor file holds; named as written.")
        return found

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, name: object) -> bool:
        return name in self.actors

    def ancestors(self, name: str) -> list[str]:
        """Actors above `name` through parent and member_of links, nearest first."""
        out: list[str] = []
        todo = [name]
        while todo:
            actor = self.actors.get(todo.pop(0))
            if actor is None:
                continue
            for aff in actor.affiliations:
                if aff.relation in ("parent", "member_of") and aff.actor not in out and aff.actor != name:
                    out.append(aff.actor)
                    todo.append(aff.actor)
        return out

    def descendants(self, name: str) -> list[str]:
        """Units whose parent/member_of chain leads to `name`."""
        return sorted(a.name for a in self.actors.values() if a.name != name and name in self.ancestors(a.name))

    def valid_on(self, name: str, date: str | None) -> bool:
        """Whether the actor exists on `date` (ISO; None counts as valid)."""
        if not date:
            return True
        meta = self.meta[name]
        return not ((meta.since and date < meta.since[: len(date)]) or (meta.until and date[: len(meta.until)] > meta.until))

    def named_by(self, text: str) -> list[str]:
        """The actors an alias written as `text` names (one for most; several for a shared one such as
        "ISIS", whose group differs by country)."""
        return sorted({e.actor for e in self._exact.get(tuple(t.norm for t in self.tokenize(text)), [])
                       if e.cls != "anaphor"})

    def ambiguous_aliases(self) -> dict[tuple[str, ...], list[str]]:
        """Normalised aliases that name more than one actor, with those actors."""
        out = {}
        for key, entries in self._exact.items():
            names = sorted({e.actor for e in entries if e.cls != "anaphor"})
            if len(names) > 1:
                out[key] = names
        return out

    def choose(self, names: Sequence[str], country: str | None, date: str | None, *,
               where: str | None = None) -> str | None:
        """Settle an alias shared by several actors by country, then date, then the default flag.
        `where` is the country of the report the alias is read in: an actor that operates only in
        some countries is no candidate in a report about another."""
        cands = [n for n in dict.fromkeys(names)
                 if not (where and self.meta[n].operates_in and where not in self.meta[n].operates_in)]
        if len(cands) <= 1:
            return cands[0] if cands else None
        for want in (country, self.rules.default_country):
            by_country = [n for n in cands if self.actors[n].country == want]
            if by_country:
                cands = by_country
                break
        else:
            stateless = [n for n in cands if self.actors[n].country is None]
            cands = stateless or cands
        if len(cands) > 1 and date:
            cands = [n for n in cands if self.valid_on(n, date)] or cands
        if len(cands) > 1:
            defaults = [n for n in cands if self.meta[n].default]
            cands = defaults if len(defaults) == 1 else cands
        return cands[0] if len(cands) == 1 else None

    def infer_country(self, text: str) -> str | None:
        """The country a report is about, by counting country cue words; None when none occur."""
        if self._cue_re is None:
            return None
        counts: dict[str, int] = {}
        lookup = {c: k for k, cs in self.rules.country_cues.items() for c in cs}
        for m in self._cue_re.finditer(text):
            country = lookup[m.group(1)]
            counts[country] = counts.get(country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None


def _read_rules(path: Path) -> _Rules:
    """The shared rules of the actor files (context.json)."""
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return _Rules(
            default_country=d["default_country"],
            articles=frozenset(d["articles"]),
            hyphen_articles=frozenset(d["hyphen_articles"]),
            spelling=dict(d["spelling"]),
            macros={k: list(v) for k, v in d["macros"].items()},
            country_cues={k: list(v) for k, v in d["country_cues"].items()},
            metonyms=dict(d.get("metonyms", {})),
            metonym_verbs=list(d.get("metonym_verbs", [])),
            patron_cues={k.casefold(): v for k, v in d.get("patron_cues", {}).items()},
        )
    except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ReferenceDataError(f"{path}: malformed actor rules file ({exc!r}). Restore it from the package.") from exc


def _check_entry(e: Any, bad: Callable[[str], ReferenceDataError]) -> None:
    """Raise `bad(problem)` for the first field of entry `e` that breaks the format."""
    if not isinstance(e, dict):
        raise bad("an entry must be a JSON object")
    unknown = set(e) - _ENTRY_KEYS
    if unknown:
        raise bad(f"unknown field(s) {sorted(unknown)}")
    name = e.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad("\"name\" must be a non-empty string")
    inter = e.get("inter")
    if not isinstance(inter, int) or isinstance(inter, bool) or not 1 <= inter <= 8:
        raise bad(f"\"inter\" must be an ACLED inter code 1-8, not {inter!r}")
    kind = e.get("kind", "named")
    if kind not in KINDS:
        raise bad(f"\"kind\" must be one of {KINDS}, not {kind!r}")
    for key in ("aliases", "short", "leaders"):
        val = e.get(key, [])
        if not isinstance(val, list) or not all(isinstance(a, str) and a.strip() for a in val):
            raise bad(f"\"{key}\" must be a list of non-empty strings")
    for key in ("country", "parent", "period", "description"):
        if e.get(key) is not None and not isinstance(e[key], str):
            raise bad(f"\"{key}\" must be a string")
    for key in ("since", "until"):
        if e.get(key) is not None and not (isinstance(e[key], str) and _DATE_RE.match(e[key])):
            raise bad(f"\"{key}\" must be an ISO date like 2024-12-08")


def _parse_affiliations(e: dict[str, Any], bad: Callable[[str], ReferenceDataError]) -> list[Affiliation]:
    """The entry's affiliations, its parent first."""
    affs = []
    for j, a in enumerate(e.get("affiliations", [])):
        if not isinstance(a, dict) or not isinstance(a.get("actor"), str):
            raise bad(f"affiliation #{j + 1} needs an \"actor\" name")
        if a.get("relation", "ally") not in RELATIONS:
            raise bad(f"affiliation #{j + 1}: relation must be one of {RELATIONS}")
        for key in ("since", "until"):
            if a.get(key) is not None and not _DATE_RE.match(str(a[key])):
                raise bad(f"affiliation #{j + 1}: \"{key}\" must be an ISO date")
        affs.append(Affiliation(actor=a["actor"], relation=a.get("relation", "ally"),
                                since=a.get("since"), until=a.get("until")))
    if e.get("parent"):
        affs.insert(0, Affiliation(actor=e["parent"], relation="parent"))
    return affs


def _expand_aliases(aliases: Sequence[str], macros: dict[str, list[str]]) -> tuple[str, ...]:
    """Expand "{a|b}" alternations and "{$MACRO}" references into plain aliases."""
    out: list[str] = []
    for alias in aliases:
        parts = _ALT_RE.split(alias)
        options = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                options.append([part])
            elif part.startswith("$"):
                options.append(macros[part[1:]])
            else:
                options.append(part.split("|"))
        for combo in itertools.product(*options):
            text = " ".join("".join(combo).split())
            if text:
                out.append(text)
    return tuple(out)


def _leader_aliases(leaders: Sequence[str]) -> tuple[str, ...]:
    """Aliases made from leaders' names ("fighters loyal to Sheikh X"), in the lexicon's order."""
    out = []
    for leader in leaders:
        for title in LEADER_ALIASES["titles"]:
            for noun in LEADER_ALIASES["nouns"]:
                for form in LEADER_ALIASES["forms"]:
                    out.append(form.format(noun=noun, title=title, leader=leader))
    return tuple(out)


def _expand_templates(path: Path, templates: Any, defaults: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Entries made from a file's templates, one per template and country (and regime period).

    ``"countries": "*"`` means every country of the theatre; in a template, ``{country}`` is the
    country's name, ``{country_in_phrase}`` the name after "of" ("the United States"), ``{demonym}`` its adjectives (aliases naming it are dropped for a country
    without one), an alias ``{forces:military}`` or ``{forces:police}`` the names the theatre gives
    the country's forces ("SSPDF"), and ``{period}`` the label of a regime period: one entry per period
    of the country, or one without a period where the theatre records none.
    """
    if not isinstance(templates, dict) or not (isinstance(templates.get("countries"), list)
                                                or templates.get("countries") == "*") \
            or not isinstance(templates.get("actors"), list):
        raise ReferenceDataError(f"{path}: \"templates\" needs \"countries\" (a list or \"*\") and an \"actors\" "
                                 f"list (see data/actors/README.md).")
    world = theatre_data.load()
    countries = [c.name for c in world.countries.values()] if templates["countries"] == "*" else templates["countries"]
    out = []
    for i, tpl in enumerate(templates["actors"]):
        if not isinstance(tpl, dict):
            raise ReferenceDataError(f"{path}: template #{i + 1} must be a JSON object.")
        for country in countries:
            c = next((x for x in world.countries.values() if x.name == country), None)
            for entry in _instances(tpl, country, c):
                out.append((f"template #{i + 1} for {country}", {**defaults, "country": country, **entry}))
    return out


def _instances(tpl: dict[str, Any], country: str, c: Any) -> list[dict[str, Any]]:
    """A template filled in for one country: its name, demonyms and regime periods."""
    adjectives = list(c.adjectives) if c else []
    raw = json.dumps(tpl).replace("{country_in_phrase}", c.in_phrase if c else country).replace("{country}", country)
    if "{demonym}" in raw:
        entry = json.loads(raw)
        if adjectives:
            entry["aliases"] = [a.replace("{demonym}", "{" + "|".join(adjectives) + "}") for a in entry.get("aliases", [])]
        else:
            entry["aliases"] = [a for a in entry.get("aliases", []) if "{demonym}" not in a]
        raw = json.dumps(entry)
    if "{forces:" in raw:   # an alias "{forces:military}" stands for the country's own names of that force
        entry = json.loads(raw)
        entry["aliases"] = [name for a in entry.get("aliases", [])
                            for name in (_force_names(a, c) if a.startswith("{forces:") else (a,))]
        raw = json.dumps(entry)
    if "{period}" not in raw:
        return [json.loads(raw)]
    periods = c.periods if c else ()
    if not periods:
        return [json.loads(raw.replace("{period}", "").replace("  ", " "))]
    out = []
    for i, p in enumerate(periods):
        entry = json.loads(raw.replace("{period}", " " + p.label))
        entry.update({"period": p.label.strip("()"), "since": p.since, "default": i == len(periods) - 1})
        if p.until:
            entry["until"] = p.until
        out.append(entry)
    return out


def _force_names(alias: str, c: Any) -> tuple[str, ...]:
    """The country's names of one of its forces, for a template alias "{forces:military}"."""
    return c.force_names(alias[len("{forces:"):-1]) if c is not None else ()


def _unperiodised(name: str) -> str:
    """An actor's name without its regime periods, folded: "Military Forces of Syria (2000-2024)" -> "military
    forces of syria", "Police Forces of Iraq (2018-) Federal Police" -> "police forces of iraq federal police"."""
    return re.sub(r"\s*\(\d{4}-\d{0,4}\)", "", name).casefold()


def inter_for(actor: Actor, country: str | None) -> int:
    """The inter code for an actor in an event in `country`: a state's forces abroad are 8."""
    if actor.inter == 1 and actor.country and country and actor.country != country:
        return 8
    return actor.inter

