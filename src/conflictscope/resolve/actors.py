"""Actor registry and actor mention finding (stage ``resolve.actors.v1``).

The registry is data: JSON files in ``conflictscope/data/actors/`` (format in that folder's
README.md), read once by :meth:`ActorRegistry.load`, which also builds the alias index. Mentions
are found by scanning the report's normalised tokens (casefolded, diacritics stripped, apostrophes
and hyphens unified, Arabic articles and "the" dropped, plurals and possessives folded) against the
index, longest match first. An alias shared by several actors (``"Islamic State"``, ``"police"``,
``"civilians"``) is settled by the report's country and date: each such actor carries a country
and a validity period, so "regime forces" is "Military Forces of Syria (2000-2024)" before
8 December 2024 and "(2024-)" after it.

Public API::

    registry = ActorRegistry.load(extra_files=())
    find_actor_mentions(text, registry, country=None, date=None) -> list[Mention]
    resolve_actor(name, registry, country=None, date=None) -> Actor | None
    find_affiliation_claims(text, mentions, registry) -> list[tuple[str, Affiliation]]
    inter_for(actor, country) -> int
"""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictscope.errors import ReferenceDataError
from conflictscope.models import Actor, Affiliation, Mention

ORIGIN = "resolve.actors.v1"
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
CONTEXT_FILE = "context.json"

KINDS = ("named", "descriptive", "generic", "source")
RELATIONS = ("parent", "patron", "ally", "member_of")
_ENTRY_KEYS = {
    "name", "inter", "country", "description", "aliases", "parent", "affiliations", "period",
    "kind", "since", "until", "default", "short", "leaders", "replace",
}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# A token: a dotted acronym ("U.S."), or a run of letters/digits (Arabic marks included) with
# inner apostrophes ("Kata'ib", "Hezbollah's") and an optional trailing one ("militias'").
_APOS = "'’ʼ`´‘"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
_TOKEN_RE = re.compile(
    rf"\b(?:[A-Za-z]\.)+[A-Za-z]\b\.?"
    rf"|(?:[^\W_]|[{_MARKS}])+(?:[{_APOS}](?:[^\W_]|[{_MARKS}])+)*[{_APOS}]?"
)
# What may stand between two tokens of one mention: spaces, hyphens, slashes, brackets, colons.
_JOIN_RE = re.compile(r"[\s\-‐‑–/():]*")
_ALT_RE = re.compile(r"\{([^{}]*)\}")
# Articles dropped from the token stream may also stand between two tokens of one mention.
_RECENT_CHARS = 300
_NAME_PART_RE = re.compile(r"\s+(?:al|el|a[dnrstz]|ash|adh)[-‐‑]\w", re.I)
_ARTICLE_GAP_RE = re.compile(r"(?i)\b(?:the|al|el|a[dnrstz]|ash|adh|ul|ud)\b")


# --- normalisation ------------------------------------------------------------------------------

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


def _strip_marks(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _norm_token(raw: str) -> str:
    """Normalise one token (the registry's spelling map is applied afterwards)."""
    t = _strip_marks(raw).casefold().replace("\u0640", "")
    for a in _APOS:
        if t.endswith(a + "s") and len(t) > 3:
            t = t[:-2]
        t = t.replace(a, "")
    t = t.replace(".", "")
    if t and "\u0600" <= t[0] <= "\u06ff":
        t = t.replace("ة", "ه").replace("ى", "ي")
        if t.startswith("لل") and len(t) > 4:      # li- + al- ("للفرقة")
            t = t[2:]
        elif t[:1] in "وبفك" and t[1:3] == "ال" and len(t) > 4:   # wa-/bi-/fa-/ka- + al-
            t = t[1:]
        if t.startswith("ال") and len(t) > 3:
            t = t[2:]
        return t
    if len(t) >= 4 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        t = t[:-1]
    return t


def _fold(norm: str) -> str:
    """A consonant skeleton for transliteration variants (Hizbullah/Hezbollah, Fatimiyoun)."""
    if len(norm) < 5 or not norm.isascii() or not norm.isalpha():
        return norm
    out = [norm[0]]
    for c in norm[1:].replace("q", "k"):
        if c in "aeiouy" or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    fold: str


def _is_upper_token(raw: str) -> bool:
    """True for an acronym as written: "IRGC", "PMUs", "U.S.", "YBŞ"."""
    core = raw.replace(".", "")
    for a in _APOS:
        core = core.split(a)[0]
    if core.endswith("s") and core[:-1].isupper():
        core = core[:-1]
    return len(core) >= 2 and core.isalpha() and core.isupper()


# --- registry -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    """One alias of one actor in the index."""

    actor: str
    alias: str
    mask: tuple[bool, ...]   # token must be written in capitals (acronyms)
    cls: str                 # "alias" | "acronym" | "descriptive" | "anaphor"
    key: tuple[str, ...] = ()   # the normalised tokens


@dataclass
class _Meta:
    since: str | None = None
    until: str | None = None
    default: bool = False
    short: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    file: str = ""


@dataclass
class ActorRegistry:
    """The actors of the registry with an alias index; build it with :meth:`load`."""

    rules: _Rules
    actors: dict[str, Actor] = field(default_factory=dict)
    meta: dict[str, _Meta] = field(default_factory=dict)
    _exact: dict[tuple[str, ...], list[_Entry]] = field(default_factory=dict, repr=False)
    _folded: dict[tuple[str, ...], list[_Entry]] = field(default_factory=dict, repr=False)
    _firsts: set[str] = field(default_factory=set, repr=False)
    _max_len: int = 1
    _cue_re: re.Pattern[str] | None = field(default=None, repr=False)
    _metonym_re: re.Pattern[str] | None = field(default=None, repr=False)

    # -- construction --

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> ActorRegistry:
        """Read the shipped actor files, then `extra_files` (which add or override by name).

        Raises:
            ReferenceDataError: a file is unreadable or an entry is malformed; the message names
                the file and the entry.
        """
        rules = _read_rules(DATA_DIR / CONTEXT_FILE)
        reg = cls(rules=rules)
        shipped = sorted(p for p in DATA_DIR.glob("*.json") if p.name != CONTEXT_FILE)
        for path in shipped:
            reg._read_file(path, override=False)
        for extra in extra_files:
            reg._read_file(Path(extra), override=True)
        reg._check_references()
        reg._build_index()
        return reg

    def _read_file(self, path: Path, *, override: bool) -> None:
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
        if templates is not None:
            entries.extend(_expand_templates(path, templates, defaults))
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

    def _parse_entry(self, path: Path, where: str, e: Any) -> tuple[Actor, _Meta]:
        def bad(problem: str) -> ReferenceDataError:
            name = e.get("name") if isinstance(e, dict) else None
            label = f"{where} ({name!r})" if name else where
            return ReferenceDataError(f"{path}: {label}: {problem}. Fix the entry (format: data/actors/README.md).")

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
        try:
            aliases = _expand_aliases(e.get("aliases", []), self.rules.macros)
        except KeyError as exc:
            raise bad(f"unknown alias macro {exc}") from exc
        leaders = tuple(e.get("leaders", []))
        aliases += _leader_aliases(leaders)
        seen: set[str] = {name}
        uniq = tuple(a for a in aliases if not (a in seen or seen.add(a)))  # type: ignore[func-returns-value]
        actor = Actor(
            name=name, inter=inter, country=e.get("country"), description=e.get("description", ""),
            aliases=uniq, parent=e.get("parent"), affiliations=tuple(affs), period=e.get("period"), kind=kind,
        )
        meta = _Meta(since=e.get("since"), until=e.get("until"), default=bool(e.get("default", False)),
                     short=tuple(e.get("short", [])), leaders=leaders, file=str(path))
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
        )
        return replace(old, **changes), merged_meta

    def _check_references(self) -> None:
        for actor in self.actors.values():
            for aff in actor.affiliations:
                if aff.actor not in self.actors:
                    raise ReferenceDataError(
                        f"{self.meta[actor.name].file}: {actor.name!r} refers to unknown actor {aff.actor!r} "
                        f"({aff.relation}). Add that actor or correct the name."
                    )

    def _build_index(self) -> None:
        for actor in self.actors.values():
            descriptive = actor.kind in ("descriptive", "generic")
            for alias in (actor.name, *actor.aliases):
                self._add(actor.name, alias, "descriptive" if descriptive else "alias")
            for short in self.meta[actor.name].short:
                self._add(actor.name, short, "anaphor")
        cues = sorted({c for cs in self.rules.country_cues.values() for c in cs}, key=len, reverse=True)
        self._cue_re = re.compile(r"\b(" + "|".join(map(re.escape, cues)) + r")\b") if cues else None
        if self.rules.metonyms:
            names = "|".join(map(re.escape, sorted(self.rules.metonyms, key=len, reverse=True)))
            verbs = "|".join(map(re.escape, self.rules.metonym_verbs))
            self._metonym_re = re.compile(
                rf"(?<![\w.])({names})(?:'s|’s)?(?=\s+(?:has\s+|had\s+|have\s+|reportedly\s+|also\s+|then\s+)?(?:{verbs})\b)"
            )

    def _add(self, name: str, alias: str, cls: str) -> None:
        toks = self.tokenize(alias)
        if not toks:
            return
        mask = tuple(_is_upper_token(t.raw) for t in toks)
        if cls == "alias" and any(mask) and len(toks) == 1:
            cls = "acronym"
        entry = _Entry(name, alias, mask, cls, tuple(t.norm for t in toks))
        indexes = [(self._exact, entry.key)]
        if cls in ("alias", "acronym"):
            # Spelling-variant matching is for transliterated names, not English descriptions.
            indexes.append((self._folded, tuple(t.fold for t in toks)))
        for index, key in indexes:
            bucket = index.setdefault(key, [])
            if not any(b.actor == name and b.mask == mask and b.cls == cls for b in bucket):
                bucket.append(entry)
        self._firsts.add(toks[0].norm)
        self._firsts.add(toks[0].fold)
        self._max_len = max(self._max_len, len(toks))

    # -- tokens --

    def tokenize(self, text: str) -> list[_Tok]:
        """Normalised tokens of `text` with their offsets; articles are dropped."""
        out: list[_Tok] = []
        spelling = self.rules.spelling
        for m in _TOKEN_RE.finditer(text):
            raw = m.group()
            norm = _norm_token(raw)
            if norm in self.rules.articles:
                continue
            if norm in self.rules.hyphen_articles and text[m.end():m.end() + 1] in "-‐‑":
                continue
            norm = spelling.get(norm, norm)
            if " " in norm:   # a spelling that splits one token in two ("counterterrorism")
                for part in norm.split():
                    out.append(_Tok(m.start(), m.end(), raw, part, _fold(part)))
                continue
            out.append(_Tok(m.start(), m.end(), raw, norm, _fold(norm)))
        return out

    # -- queries --

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name, or None."""
        return self.actors.get(name)

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

    def ambiguous_aliases(self) -> dict[tuple[str, ...], list[str]]:
        """Normalised aliases that name more than one actor, with those actors."""
        out = {}
        for key, entries in self._exact.items():
            names = sorted({e.actor for e in entries if e.cls != "anaphor"})
            if len(names) > 1:
                out[key] = names
        return out

    def choose(self, names: Sequence[str], country: str | None, date: str | None) -> str | None:
        """Settle an alias shared by several actors by country, then date, then the default flag."""
        cands = list(dict.fromkeys(names))
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
    out = []
    for leader in leaders:
        for title in ("", "Sheikh ", "Sheik "):
            for noun in ("fighters", "forces", "gunmen", "men", "militiamen"):
                out.append(f"{noun} loyal to {title}{leader}")
                out.append(f"{noun} of {title}{leader}")
    return tuple(out)


def _expand_templates(path: Path, templates: Any, defaults: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(templates, dict) or not isinstance(templates.get("countries"), list) or not isinstance(templates.get("actors"), list):
        raise ReferenceDataError(f"{path}: \"templates\" needs \"countries\" and \"actors\" lists (see data/actors/README.md).")
    out = []
    for i, tpl in enumerate(templates["actors"]):
        if not isinstance(tpl, dict):
            raise ReferenceDataError(f"{path}: template #{i + 1} must be a JSON object.")
        for country in templates["countries"]:
            entry = json.loads(json.dumps(tpl).replace("{country}", country))
            out.append((f"template #{i + 1} for {country}", {**defaults, "country": country, **entry}))
    return out


# --- mention finding ----------------------------------------------------------------------------

def find_actor_mentions(
    text: str, registry: ActorRegistry, *, country: str | None = None, date: str | None = None,
    include_sources: bool = False,
) -> list[Mention]:
    """Actor mentions in `text`, non-overlapping, longest match first, in text order.

    Args:
        country: the report's country, used for aliases shared across countries ("police",
            "civilians", "Islamic State"); inferred from the text when None.
        date: ISO date of the events (or publication), used to pick regime periods.
        include_sources: also return media outlets and monitors (kind "source").
    """
    country = country or registry.infer_country(text) or registry.rules.default_country
    toks = registry.tokenize(text)
    n = len(toks)
    joinable = [bool(_JOIN_RE.fullmatch(_ARTICLE_GAP_RE.sub("", text[toks[i].end:toks[i + 1].start]))) for i in range(n - 1)]
    mentions: list[Mention] = []
    seen: dict[str, int] = {}
    i = 0
    while i < n:
        found = None
        if toks[i].norm in registry._firsts or toks[i].fold in registry._firsts:
            limit = 1
            while limit < registry._max_len and i + limit < n and joinable[i + limit - 1]:
                limit += 1
            for length in range(limit, 0, -1):
                found = _match_at(registry, text, toks, i, length, country, date, seen)
                if found:
                    break
        if found:
            name, entry, fuzzy, length = found
            start, end = toks[i].start, toks[i + length - 1].end
            end = _trim_possessive(text, start, end)
            actor = registry.actors[name]
            if actor.kind != "source" or include_sources:
                origin = f"{ORIGIN}:{'fuzzy' if fuzzy else entry.cls}"
                mentions.append(Mention(kind="actor", text=text[start:end], start=start, end=end, resolved=name,
                                        origin=origin, score=0.8 if fuzzy or entry.cls == "anaphor" else 1.0,
                                        detail=f"alias={entry.alias}"))
            seen[name] = start
            i += length
        else:
            i += 1
    mentions = _add_metonyms(text, registry, mentions, date)
    return _merge_unit_of_parent(text, registry, mentions)


def _trim_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            return end - len(suffix)
    return end


def _match_at(
    registry: ActorRegistry, text: str, toks: list[_Tok], i: int, length: int, country: str | None, date: str | None,
    seen: dict[str, int],
) -> tuple[str, _Entry, bool, int] | None:
    window = toks[i:i + length]
    for index, key, fuzzy in (
        (registry._exact, tuple(t.norm for t in window), False),
        (registry._folded, tuple(t.fold for t in window), True),
    ):
        entries = index.get(key)
        if not entries:
            continue
        ok = [e for e in entries if _case_ok(e, toks, i, length)]
        if length == 1 and _NAME_PART_RE.match(text, window[0].end):
            # "Badr al-Din", "Hamza al-Ali": one word before an Arabic article is part of a name.
            ok = [e for e in ok if e.cls == "acronym"]
        if fuzzy:
            ok = [e for e in ok if _fuzzy_ok(e, window)]
        anaphors = [e for e in ok if e.cls == "anaphor"]
        ok = [e for e in ok if e.cls != "anaphor"]
        if ok:
            names = {e.actor for e in ok}
            # A shared alias ("troops" after "Israeli troops") follows the candidate named just before.
            recent = [n for n in names if n in seen and window[0].start - seen[n] <= _RECENT_CHARS]
            if len(names) > 1 and recent:
                name: str | None = max(recent, key=lambda n: seen[n])
            else:
                name = registry.choose([e.actor for e in ok], country, date)
            if name:
                return name, next(e for e in ok if e.actor == name), fuzzy, length
        if anaphors and not fuzzy:
            # A short form ("the committee") stands for an actor named earlier in the text.
            definite = window[0].raw[:1].isupper() or re.search(r"(?i)\bthe\s+$", text[max(0, window[0].start - 8):window[0].start])
            earlier = [e for e in anaphors if e.actor in seen]
            if earlier and definite:
                best = max(earlier, key=lambda e: seen[e.actor])
                return best.actor, best, False, length
    return None


def _fuzzy_ok(entry: _Entry, window: list[_Tok]) -> bool:
    """A skeleton match counts when a long name differs or one token of several matches exactly."""
    if len(window) == 1:
        return len(window[0].norm) >= 7
    return any(t.norm == k for t, k in zip(window, entry.key))


def _case_ok(entry: _Entry, toks: list[_Tok], i: int, length: int) -> bool:
    for k, must_upper in enumerate(entry.mask):
        if not must_upper:
            continue
        raw = toks[i + k].raw
        if not _is_upper_token(raw):
            return False
        if len(raw.replace(".", "")) <= 2:
            # "IS", "US" in an all-capitals headline are words, not acronyms.
            before = toks[i + k - 1].raw if i + k > 0 else ""
            after = toks[i + k + 1].raw if i + k + 1 < len(toks) else ""
            if before and after and _is_upper_token(before) and _is_upper_token(after) and len(before) > 2 and len(after) > 2:
                return False
    return True


def _add_metonyms(text: str, registry: ActorRegistry, mentions: list[Mention], date: str | None) -> list[Mention]:
    """"Israel struck ...": a state's name as the subject of an attack verb names its forces."""
    if registry._metonym_re is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for m in registry._metonym_re.finditer(text):
        s, e = m.span(1)
        if any(a < e and s < b for a, b in taken):
            continue
        name = _period_variant(registry, registry.rules.metonyms[m.group(1)], date)
        extra.append(Mention(kind="actor", text=m.group(1), start=s, end=e, resolved=name,
                             origin=f"{ORIGIN}:metonym", score=0.7, detail=f"alias={m.group(1)}"))
    return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions


def _period_variant(registry: ActorRegistry, name: str, date: str | None) -> str:
    """The same force in the period valid on `date` ("(2021-)" -> "(2017-2021)" before 2021-01-20)."""
    if not date or registry.valid_on(name, date):
        return name
    base = name.rsplit(" (", 1)[0]
    for other in registry.actors:
        if other.startswith(base + " (") and registry.valid_on(other, date):
            return other
    return name


def _merge_unit_of_parent(text: str, registry: ActorRegistry, mentions: list[Mention]) -> list[Mention]:
    """"47th local militia of the Iranian Revolutionary Guard": one mention of the unit."""
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if (re.fullmatch(r"(?:'s|’s)?\s+of\s+(?:the\s+)?", gap, re.I) and prev.resolved and m.resolved
                    and m.resolved in registry.ancestors(prev.resolved)):
                out[-1] = replace(prev, text=text[prev.start:m.end], end=m.end, detail=f"{prev.detail}|part_of={m.resolved}")
                continue
        out.append(m)
    return out


# --- single names -------------------------------------------------------------------------------

def resolve_actor(name: str, registry: ActorRegistry, *, country: str | None = None, date: str | None = None) -> Actor | None:
    """The actor a single mention string names ("Hizbullah", "unknown gunmen", "Israel"), or None."""
    s = " ".join(name.split()).strip(" \"'“”‘’.,;:")
    if not s:
        return None
    if s in registry.actors:
        return registry.actors[s]
    country = country or registry.rules.default_country
    toks = registry.tokenize(s)
    if toks:
        whole = registry._exact.get(tuple(t.norm for t in toks)) or registry._folded.get(tuple(t.fold for t in toks)) or []
        ok = [e for e in whole if _case_ok(e, toks, 0, len(toks))]
        if ok:
            chosen = registry.choose([e.actor for e in ok], country, date)
            if chosen:
                return registry.actors[chosen]
    if s in registry.rules.metonyms:
        return registry.actors.get(_period_variant(registry, registry.rules.metonyms[s], date))
    mentions = [m for m in find_actor_mentions(s, registry, country=country, date=date, include_sources=True) if m.resolved]
    if mentions:
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        return registry.actors[best.resolved]  # type: ignore[index]
    return _fuzzy(s, registry, country, date)


def _fuzzy(s: str, registry: ActorRegistry, country: str | None, date: str | None) -> Actor | None:
    from rapidfuzz import fuzz, process

    query = " ".join(t.norm for t in registry.tokenize(s))
    if len(query) < 6:
        return None
    keys = {" ".join(k): k for k in registry._exact if sum(map(len, k)) >= 6}
    hit = process.extractOne(query, list(keys), scorer=fuzz.ratio, score_cutoff=90)
    if not hit:
        return None
    entries = [e for e in registry._exact[keys[hit[0]]] if e.cls != "anaphor" and not any(e.mask)]
    chosen = registry.choose([e.actor for e in entries], country, date)
    return registry.actors[chosen] if chosen else None


# --- affiliations stated in the text ------------------------------------------------------------

_PATRON_VERBS = {"backed", "supported", "funded", "sponsored", "run", "operated", "controlled", "led", "commanded", "trained", "financed", "owned"}
_ALLY_VERBS = {"affiliated", "aligned", "linked", "allied", "loyal", "close", "associated", "connected"}
_MEMBER_PHRASES = {"part of", "a part of", "an arm of", "a branch of", "a unit of", "a wing of", "a faction of", "a member of", "subordinate to", "belonging to", "a brigade of"}
_STOP_WORDS = {"in", "at", "on", "near", "of", "was", "were", "is", "are", "has", "had", "have", "and", "or", "which",
               "that", "the", "a", "an", "to", "for", "with", "by", "from", "said", "will", "would", "also"}
_COMPOUND_RE = re.compile(r"[-‐‑](" + "|".join(sorted(_PATRON_VERBS | _ALLY_VERBS)) + r")\b", re.I)
_PHRASE_RE = re.compile(
    r"(?:,?\s+(?:which|who|that)\s+(?:is|are|was|were)\s+(?:reportedly\s+|also\s+|said\s+to\s+be\s+)?|\s+|,\s+)"
    r"(affiliated with|aligned with|backed by|loyal to|linked to|allied with|allied to|close to|supported by|funded by|"
    r"run by|controlled by|led by|commanded by|trained by|associated with|part of|a part of|an arm of|a branch of|a unit of|"
    r"a wing of|a faction of|a member of|subordinate to|belonging to)\s+(?:the\s+)?$", re.I)
_PHRASE_CUE_RE = re.compile(
    r"(?:,?\s+(?:which|who|that)\s+(?:is|are|was|were)\s+(?:reportedly\s+|also\s+)?|\s+|,\s+)"
    r"(affiliated with|aligned with|backed by|loyal to|linked to|allied with|close to|supported by|funded by|run by|controlled by)"
    r"\s+(?:the\s+)?([A-Za-z.]+)\b", re.I)
_APPOSITIVE_RE = re.compile(r",\s+(?:an?|the)\s+([^,.;()]{0,80})")
_COUNTRY_COMPOUND_RE = re.compile(r"\b([A-Za-z.]+)[-‐‑](" + "|".join(sorted(_PATRON_VERBS | _ALLY_VERBS)) + r")\b")


def _relation(word: str) -> str:
    w = word.casefold().split()[0] if word.strip() else ""
    if word.casefold() in _MEMBER_PHRASES:
        return "member_of"
    return "patron" if w in _PATRON_VERBS else "ally"


def find_affiliation_claims(text: str, mentions: Sequence[Mention], registry: ActorRegistry) -> list[tuple[str, Affiliation]]:
    """Affiliations the text states: "IRGC-affiliated 47th Regiment", "X, which is affiliated with Y".

    Returns (actor, Affiliation) pairs with ``source="text"`` and the claim's span. For a facility
    run by an actor ("Hezbollah-run recruitment centre") the first element is the facility phrase
    as written, since it is not an actor.
    """
    ms = sorted((m for m in mentions if m.kind == "actor" and m.resolved), key=lambda m: m.start)
    claims: list[tuple[str, Affiliation]] = []

    def add(subject: str, patron: str, relation: str, start: int, end: int) -> None:
        if subject == patron:
            return
        aff = Affiliation(actor=patron, relation=relation, source="text", text=text[start:end], start=start, end=end)
        if not any(c[0] == subject and c[1].actor == patron and c[1].start == start for c in claims):
            claims.append((subject, aff))

    for k, m in enumerate(ms):
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        # "IRGC-affiliated 47th Regiment", "Hezbollah-run recruitment centre"
        comp = _COMPOUND_RE.match(text, m.end)
        if comp:
            rel = _relation(comp.group(1))
            between = text[comp.end():nxt.start] if nxt else ""
            if nxt and len(between) <= 40 and re.fullmatch(r"[\s\w'’-]*", between):
                add(nxt.resolved, m.resolved, rel, m.start, nxt.end)  # type: ignore[arg-type]
            else:
                words = []
                for w in re.finditer(r"\s+([a-z][\w'’-]*)", text[comp.end():comp.end() + 60]):
                    if w.start() != (words[-1].end() if words else 0) or w.group(1) in _STOP_WORDS or w.group(1).endswith("ed") or len(words) == 3:
                        break
                    words.append(w)
                if words:
                    phrase = " ".join(w.group(1) for w in words)
                    add(phrase, m.resolved, rel, m.start, comp.end() + words[-1].end())  # type: ignore[arg-type]
        if m.detail and "part_of=" in m.detail:
            add(m.resolved, m.detail.split("part_of=")[1].split("|")[0], "parent", m.start, m.end)  # type: ignore[arg-type]
        # "X, which is affiliated with the Lebanese Hezbollah", "X loyal to Y"
        if nxt:
            phrase = _PHRASE_RE.fullmatch(text, m.end, nxt.start)
            if phrase:
                add(m.resolved, nxt.resolved, _relation(phrase.group(1)), m.start, nxt.end)  # type: ignore[arg-type]
                continue
        # "The 8th Brigade, which is backed by Russia": a country's name as the patron.
        cue_phrase = _PHRASE_CUE_RE.match(text, m.end)
        if cue_phrase and cue_phrase.group(2).casefold() in registry.rules.patron_cues and not (nxt and nxt.start < cue_phrase.end()):
            patron = registry.rules.patron_cues[cue_phrase.group(2).casefold()]
            add(m.resolved, patron, _relation(cue_phrase.group(1)), m.start, cue_phrase.end())  # type: ignore[arg-type]
            continue
        # "Kataib Hizbullah, an Iran-backed Iraqi militia"
        app = _APPOSITIVE_RE.match(text, m.end)
        if app:
            inner = app.group(1)
            cue = _COUNTRY_COMPOUND_RE.search(inner)
            if cue and cue.group(1).casefold() in registry.rules.patron_cues:
                patron = registry.rules.patron_cues[cue.group(1).casefold()]
                add(m.resolved, patron, _relation(cue.group(2)), m.start, app.end())  # type: ignore[arg-type]
            elif nxt and app.start(1) <= nxt.start < app.end():
                words = text[app.start(1):nxt.start]
                rel = re.search(r"(affiliated with|aligned with|backed by|loyal to|linked to|allied with|part of|an arm of|a branch of|a unit of|a wing of|a faction of|a member of)\s+(?:the\s+)?$", words, re.I)
                if rel or _COMPOUND_RE.match(text, nxt.end):
                    add(m.resolved, nxt.resolved, _relation(rel.group(1)) if rel else "ally", m.start, nxt.end)  # type: ignore[arg-type]
    # "Iran-backed Kataib Hezbollah": a country's name as the patron of the next actor.
    for cue in _COUNTRY_COMPOUND_RE.finditer(text):
        word = cue.group(1).casefold()
        if word not in registry.rules.patron_cues:
            continue
        if any(mm.start <= cue.start() < mm.end for mm in ms):
            continue
        nxt = next((mm for mm in ms if mm.start >= cue.end()), None)
        if nxt and nxt.start - cue.end() <= 30 and re.fullmatch(r"[\s\w'’-]*", text[cue.end():nxt.start]):
            add(nxt.resolved, registry.rules.patron_cues[word], _relation(cue.group(2)), cue.start(), nxt.end)  # type: ignore[arg-type]
    return claims


# --- inter codes --------------------------------------------------------------------------------

def inter_for(actor: Actor, country: str | None) -> int:
    """The inter code for an actor in an event in `country`: a state's forces abroad are 8."""
    if actor.inter == 1 and actor.country and country and actor.country != country:
        return 8
    return actor.inter


_ORG_WORDS = (r"Brigades?|Regiment|Division|Battalions?|Corps|Forces|Front|Army|Movement|Militia|Group|Council|"
              r"Committee|Guards?|Units?|Squad|Legion|Organi[sz]ation|Resistance|Party|Battalion|Detachment|Company")
_ORG_PREFIX = r"Liwa|Kata'?[’']?ib|Saraya|Harakat|Jaysh|Jaish|Firqat|Quwat|Ahrar|Fawj|Asa'?ib"
_CAP = r"(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+|\d+(?:st|nd|rd|th)?)"
_ORG_RE = re.compile(
    rf"\b(?:(?:{_ORG_PREFIX})(?:\s+(?:al-|el-|an-|as-|ash-|ad-)?{_CAP})+"
    rf"|{_CAP}(?:\s+(?:of\s+the\s+|of\s+|al-|the\s+|and\s+)?{_CAP}){{0,5}}\s+(?:{_ORG_WORDS})\b(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})?)")


def drop_place_lookalikes(actors: list[Mention], places: list[Mention], registry: ActorRegistry) -> list[Mention]:
    """'northern Hama' is a place, not a plural-stripped 'Hamas': a span the gazetteer resolved keeps
    its actor reading only when the text is exactly one of the actor's names."""
    spans = {(p.start, p.end) for p in places if p.resolved}
    kept = []
    for m in actors:
        if (m.start, m.end) in spans:
            actor = registry.get(m.resolved or "")
            names = {n.casefold() for n in ((actor.name, *actor.aliases) if actor else ())}
            if m.text.casefold() not in names:
                continue
        kept.append(m)
    return kept


def find_unresolved_actor_mentions(text: str, mentions: Sequence[Mention],
                                   others: Sequence[Mention] = ()) -> list[Mention]:
    """Organisation-like names ("Liwa Abu al-Fadl al-Abbas", "the Desert Hawks Brigade") that no actor matched.

    They are listed by `conflictscope actors --unresolved` so a user can add them to a registry file.
    """
    taken = [(m.start, m.end) for m in (*mentions, *others)]
    out: list[Mention] = []
    for m in _ORG_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        name = m.group(0)
        lead = re.match(r"(The|A|An|This|That)\s+", name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        if len(name.split()) < 2:
            continue
        out.append(Mention("actor", name, start, end, None, "resolve.actors.v1:unresolved", 0.0,
                           "organisation-like name that matched no registry actor"))
    return out
