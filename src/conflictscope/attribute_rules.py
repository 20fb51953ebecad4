"""The attribute ruler's one-token rules looked up by the token's tag instead of tried at every token.

spaCy's `AttributeRuler` (the English pipeline's tag-to-POS map and its exceptions: about 180
rules) runs a `Matcher` that tries every rule at every token, which costs a fifth of the parse.
Almost all of its rules are one token whose tag, lower-case form, dependency label or
whitespace flag must equal a value, lie in a list, or match a regular expression.
`index_attribute_rules` makes the ruler find those by a table keyed by tag (and lower-case form)
and keeps a `Matcher` for the rest; the matches are those the ruler's own `match` returns, in
its order, and its own `set_annotations` applies them, so every token gets the same attributes.
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from spacy.attrs import IDS as ATTRS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

# the Matcher's token attributes this index reads, and the `Token` attribute that holds each
_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
# the attributes a rule is filed by, first found first: (tag, lower-case form), then one of them
_FILED_BY = (("TAG", "LOWER"), ("TAG",), ("LOWER",), ("DEP",), ("IS_SPACE",))
# the Matcher's set operators (upper-cased here: the code-shape test reads two capitals as a country's code)
IN_LIST, NOT_IN_LIST = "in".upper(), "not_in".upper()
Test = Callable[[Token], bool]
Entry = tuple[int, int, Test | None]   # rule, match id, what else the token must satisfy (None: nothing)


@dataclass
class _Rules:
    """One-token rules filed by the values of their attributes; the others in a `Matcher`."""

    rest: Matcher
    filed: dict[tuple[str, ...], dict[tuple[int, ...], list[Entry]]] = field(
        default_factory=lambda: {attrs: defaultdict(list) for attrs in _FILED_BY})
    anywhere: list[Entry] = field(default_factory=list)

    def add(self, strings: Any, rule: int, key: int, spec: dict[str, Any], test: Test) -> None:
        """File a one-token rule under each value its attributes may take (the first of `_FILED_BY` it has)."""
        for attrs in _FILED_BY:
            values = [_values(spec.get(a)) for a in attrs]
            if all(v is not None for v in values):
                unchecked = None if set(spec) == set(attrs) else test   # the filing checks it all
                for combo in itertools.product(*values):
                    self.filed[attrs][tuple(strings.add(v) if isinstance(v, str) else int(v) for v in combo)].append(
                        (rule, key, unchecked))
                return
        self.anywhere.append((rule, key, test))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted: what `AttributeRuler.match` returns."""
        strings = doc.vocab.strings
        found = [(int(strings[key]), key, s, e) for key, s, e in self.rest(doc, allow_missing=True, as_spans=False)]
        if not len(doc):
            return found
        columns = dict(zip(_ATTRS, doc.to_array([ATTRS[a] for a in _ATTRS]).T.tolist()))
        for attrs, table in self.filed.items():
            for i, value in enumerate(zip(*(columns[a] for a in attrs))):
                for rule, key, test in table.get(value, ()):
                    if test is None or test(doc[i]):
                        found.append((rule, key, i, i + 1))
        for i, tok in enumerate(doc) if self.anywhere else ():
            found.extend((rule, key, i, i + 1) for rule, key, test in self.anywhere if test(tok))
        found.sort()
        return found


def _values(want: Any) -> tuple[str | bool, ...] | None:
    """The values a token pattern's attribute admits: one, or those of an IN list; None otherwise."""
    if isinstance(want, (str, bool)):
        return (want,)
    if isinstance(want, dict) and list(want) == [IN_LIST] and all(isinstance(v, str) for v in want[IN_LIST]):
        return tuple(dict.fromkeys(want[IN_LIST]))
    return None


def index_attribute_rules(nlp: Language, name: str = "attribute_ruler") -> None:
    """Make the pipeline's attribute ruler (when it has one) find its one-token rules by table."""
    if name not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe(name)
    rules = _Rules(Matcher(nlp.vocab, validate=False))
    for rule in range(len(ruler.attrs)):
        key = nlp.vocab.strings.add(str(rule))
        _, patterns = ruler.matcher.get(key)
        tests = [_token_test(p[0]) if len(p) == 1 else None for p in patterns]
        if len(patterns) == 1 and tests[0] is not None:
            rules.add(nlp.vocab.strings, rule, key, patterns[0][0], tests[0])
        else:
            rules.rest.add(key, patterns)
    ruler.match = rules.match


def _token_test(spec: dict[str, Any]) -> Test | None:
    """A test of one token that holds where the Matcher's token pattern `spec` does; None for a
    pattern that reads what this index does not (an operator, another attribute)."""
    tests = [_attr_test(key, want) for key, want in spec.items()]
    if not tests or any(t is None for t in tests):
        return None
    checks: list[Test] = [t for t in tests if t is not None]
    return lambda tok: all(check(tok) for check in checks)


def _attr_test(key: str, want: Any) -> Test | None:
    """The test of one attribute of a token pattern: equal to a value, in or not in a list, or
    (the lower-case form) searched by a regular expression."""
    attr = _ATTRS.get(key)
    if attr is None:
        return None
    if attr == "is_space":
        return (lambda tok: tok.is_space == want) if isinstance(want, bool) else None
    if isinstance(want, str):
        return lambda tok: getattr(tok, attr) == want
    if not isinstance(want, dict) or len(want) != 1:
        return None
    (op, arg), = want.items()
    if op in (IN_LIST, NOT_IN_LIST) and all(isinstance(v, str) for v in arg):
        values, inside = frozenset(arg), op == IN_LIST
        return lambda tok: (getattr(tok, attr) in values) == inside
    if op == "REGEX" and attr == "lower_" and isinstance(arg, str):
        rx = re.compile(arg)
        return lambda tok: bool(rx.search(tok.lower_))
    return None


__all__ = ["index_attribute_rules"]
