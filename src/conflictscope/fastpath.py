"""The fast path: parse only the sentences that can carry an event or a mention the coder reads.

The cheap stages (places, actors, dates) read the whole text. The report is then cut into rough
sentences (spaCy's rule sentencizer over the tokens; a line break ends a sentence, as in the full
pipeline) and a pre-filter keeps a sentence when one of the coder's sentence-level rules could
find something in it:

- a trigger of the event lexicon matches its text (an event, or the aftermath of one);
- a place mention starts in it (the place in force, the scene of the event told before it);
- a date phrase starts in it (the date in force: which sentence holds it is the parser's call);
- a figure of dead (the fatality reader) is told in it (deaths attached to a neighbouring event);
- an actor is named in it beside a presence or claim cue (presence statements, claims);
- a learned model, when one is in use, reads an event in it (the model scores every sentence
  first, so the filter never hides a sentence from it).

A line (the pipeline's line-break rule starts a sentence there, and the parser keeps it) is
parsed when it holds a kept sentence. Runs of such lines go through the whole spaCy pipeline
(tagger, parser, lemmatizer) with a few tokens of their neighbours on each side, cut off after,
so their parse is that of the whole text; the other lines are tokenized only and get a flat
structure (every token of a rough sentence attached to its first), enough for the coder to step
over them. The pieces are joined into one `Doc` with the report's text and character offsets, so
evidence spans are those of the full analysis. Where most of a report is kept
(`SentenceFilter.whole_share`), as in most news articles, the whole text is parsed.
`benchmarks/fast_path.py` measures that no event is lost against the full analysis.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from . import codebook
from .extract.events.lexicon import Lexicon, Trigger
from .extract.events.proposals import SentenceModel
from .extract.fatalities import FatalityReader
from .lexicon import section
from .models import Mention
from .parsing import CHUNK_CHARS, parse_text
from .resolve.dates import DateMention

FLAT_ROOT, FLAT_DEP = "ROOT", "unparsed"   # the labels of a sentence left unparsed (no parser label)
CONTEXT = 8   # tokens of context on each side of a parsed run: twice the tok2vec layer's reach (depth 4, window 1)


@dataclass(frozen=True)
class SentenceFilter:
    """The pre-filter: which rough sentences of a report can carry an event or a mention that matters."""

    triggers: tuple[Trigger, ...]
    actor_cues: tuple[re.Pattern[str], ...]   # sentence rules that read an actor without a trigger
    fatalities: FatalityReader
    sentencizer: Sentencizer = field(default_factory=Sentencizer)
    whole_share: float = 0.6   # from this share of the tokens kept, the whole text is parsed (cutting costs more)

    @classmethod
    def build(cls, lexicon: Lexicon, fatalities: FatalityReader) -> "SentenceFilter":
        """The filter for a lexicon (its trigger patterns, its presence cue) and the fatality reader."""
        claim = section("discourse", "coder").rx("claim")
        return cls(lexicon.triggers, (lexicon.cues["presence"], claim), fatalities)

    def keeps(self, text: str, lines: Sequence[Sequence[tuple[int, int]]], places: Sequence[Mention],
              actors: Sequence[Mention], dates: Sequence[DateMention] = (),
              model: SentenceModel | None = None) -> list[bool]:
        """For each line of `text` (the spans of its rough sentences), whether one of its sentences
        can carry an event or a mention the coder reads, or `model` (the learned model in use, which
        reads every sentence first) reads an event in one: the line is parsed."""
        place_starts = sorted([m.start for m in places] + [d.start for d in dates])
        actor_starts = sorted(m.start for m in actors)
        flagged = iter(_flagged(model, [text[s:e] for line in lines for s, e in line]))
        kept = []
        for line in lines:
            by_model = [next(flagged) for _ in line]
            kept.append(any(by_model) or any(self._has_cue(text[s:e], _any_in(place_starts, s, e),
                                                           _any_in(actor_starts, s, e)) for s, e in line))
        return kept

    def _has_cue(self, sentence: str, has_place: bool, has_actor: bool) -> bool:
        if has_place:
            return True
        if has_actor and any(cue.search(sentence) for cue in self.actor_cues):
            return True
        lowered = sentence.lower()
        return any(t.may_match(sentence, lowered) and t.pattern.search(sentence) for t in self.triggers) \
            or bool(self.fatalities.read(sentence))


def _flagged(model: SentenceModel | None, sentences: list[str]) -> list[bool]:
    """Whether the model reads an event (of a codebook type, at its threshold) in each sentence."""
    if model is None or not sentences:
        return [False] * len(sentences)
    book = codebook.load()
    return [book.type_of(label) is not None and p >= model.threshold for label, p, _ in model.readings(sentences)]


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of offsets has one in [lo, hi)."""
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def parse_fast(nlp: Language, prefilter: SentenceFilter, text: str, places: Sequence[Mention],
               actors: Sequence[Mention], dates: Sequence[DateMention] = (), model: SentenceModel | None = None,
               check: Callable[[], None] = lambda: None) -> Doc:
    """The report's `Doc` with only the lines that hold a sentence the pre-filter keeps parsed."""
    tokens = nlp.make_doc(text)
    lines = line_starts(tokens)
    sizes = [0 if b - a == 1 and tokens[a].is_space else b - a   # a blank line weighs nothing
             for a, b in zip(lines, lines[1:] + [len(tokens)])]
    # lines with a place or a date are kept whatever else they hold: often enough to parse it all
    marked = sorted([m.start for m in places] + [d.start for d in dates])
    line_chars = [(tokens[a].idx, tokens[b].idx if b < len(tokens) else len(text))
                  for a, b in zip(lines, lines[1:] + [len(tokens)])]
    if _share([_any_in(marked, s, e) for s, e in line_chars], sizes) >= prefilter.whole_share:
        return _parse_whole(nlp, text, tokens, check)
    starts = sentence_starts(prefilter.sentencizer, tokens, lines)
    bounds = starts + [len(tokens)]
    spans: list[list[tuple[int, int]]] = [[] for _ in lines]
    for a, b in zip(bounds, bounds[1:]):
        end = tokens[b].idx if b < len(tokens) else len(text)
        spans[bisect.bisect_right(lines, a) - 1].append((tokens[a].idx, end))
    keep = prefilter.keeps(text, spans, places, actors, dates, model)
    if _share(keep, sizes) >= prefilter.whole_share:
        return _parse_whole(nlp, text, tokens, check)
    return parse_selected(nlp, tokens, starts, lines, keep, check)


def _share(keep: list[bool], sizes: list[int]) -> float:
    """The share of the tokens in the lines kept."""
    total = sum(sizes)
    return sum(n for n, kept in zip(sizes, keep) if kept) / total if total else 1.0


def _parse_whole(nlp: Language, text: str, tokens: Doc, check: Callable[[], None]) -> Doc:
    """The full parse (`parse_text`), from the tokens already made when the text is one piece."""
    return nlp(tokens) if len(text) <= CHUNK_CHARS else parse_text(nlp, text, check)


def line_starts(doc: Doc) -> list[int]:
    """The token indices where the lines of a tokenized text start: after a token holding a line
    break, and at a whitespace token holding one (the pipeline's line-break rule, which the parser keeps)."""
    lines = [0] if len(doc) else []
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text or (doc[i].is_space and "\n" in doc[i].text):
            lines.append(i)
    return lines


def sentence_starts(sentencizer: Sentencizer, doc: Doc, lines: list[int]) -> list[int]:
    """The token indices where rough sentences start: every line start and the sentencizer's guesses."""
    if not len(doc):
        return []
    guesses = sentencizer.predict([doc])[0]
    return sorted(set(lines) | {i for i in range(1, len(doc)) if guesses[i]})


def pieces(doc: Doc, lines: list[int], keep: list[bool], size: int = CHUNK_CHARS) -> Iterator[tuple[int, int, bool]]:
    """Token ranges of runs of lines parsed or skipped alike (a parsed run no longer than about
    `size` characters, as the full parse's pieces), each with whether it is parsed."""
    bounds = lines + [len(doc)]
    begin = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or keep[i] != keep[begin] or (
                keep[begin] and doc[bounds[i] - 1].idx - doc[bounds[begin]].idx > size):
            yield bounds[begin], bounds[i], keep[begin]
            begin = i


def parse_selected(nlp: Language, doc: Doc, starts: list[int], lines: list[int], keep: list[bool],
                   check: Callable[[], None] = lambda: None) -> Doc:
    """One `Doc` of the report: runs of kept lines parsed by the whole pipeline, the other lines
    given a flat structure with a sentence per rough sentence; `check` runs after each parsed part."""
    runs = _close_gaps(list(pieces(doc, lines, keep)))
    parsed = _parse_runs(nlp, doc, [(a, b) for a, b, kept in runs if kept], check)
    out = [next(parsed) if kept else _flat(doc[a:b].as_doc(), [s - a for s in starts if a <= s < b])
           for a, b, kept in runs]
    if not out:
        return doc
    return Doc.from_docs(out, ensure_whitespace=False, exclude=["tensor"])


def _close_gaps(runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """The runs with skipped stretches shorter than the context of the parsed runs around them
    parsed too (their context would overlap; parsing a line costs nothing in accuracy)."""
    out: list[tuple[int, int, bool]] = []
    for i, (a, b, kept) in enumerate(runs):
        inner = 0 < i < len(runs) - 1
        if not kept and inner and b - a < 2 * CONTEXT:
            kept = True
        if out and out[-1][2] and kept:
            out[-1] = (out[-1][0], b, True)
        else:
            out.append((a, b, kept))
    return out


def _parse_runs(nlp: Language, doc: Doc, runs: list[tuple[int, int]], check: Callable[[], None]) -> Iterator[Doc]:
    """The runs parsed, in order. Each is parsed with `CONTEXT` tokens of its neighbours on both
    sides, cut off after: the token vectors of its edges see what they see in the full parse, and
    the line breaks around it keep the parser's boundaries, so its parse is that of the full analysis.
    The padded runs go through the pipeline joined, up to `CHUNK_CHARS` at a time, since each call
    of the pipeline costs far more than its share of the words."""
    padded = [(max(0, a - CONTEXT), min(len(doc), b + CONTEXT)) for a, b in runs]
    groups: list[list[int]] = []
    size = 0
    for i, (pa, pb) in enumerate(padded):
        chars = doc[pb - 1].idx + len(doc[pb - 1].text_with_ws) - doc[pa].idx
        if not groups or size + chars > CHUNK_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += chars
    joined = (Doc.from_docs([doc[padded[i][0]:padded[i][1]].as_doc() for i in group], ensure_whitespace=False)
              for group in groups)
    for group, parsed in zip(groups, nlp.pipe(joined, batch_size=4)):
        check()
        at = 0
        for i in group:
            (a, b), (pa, pb) = runs[i], padded[i]
            yield parsed[at + a - pa:at + b - pa].as_doc()
            at += pb - pa


def _flat(doc: Doc, starts: list[int]) -> Doc:
    """A tokenized piece with each sentence's tokens attached to its first: sentence boundaries
    that survive joining with parsed pieces, and no parse anyone could take for the parser's."""
    root, dep = doc.vocab.strings.add(FLAT_ROOT), doc.vocab.strings.add(FLAT_DEP)
    offsets = np.zeros(len(doc), dtype="int64")
    labels = np.full(len(doc), dep, dtype="uint64")
    bounds = sorted(set(starts) | {0}) + [len(doc)]
    for first, end in zip(bounds, bounds[1:]):
        offsets[first:end] = first - np.arange(first, end)
        labels[first] = root
    doc.from_array([HEAD, DEP], np.stack([offsets.view("uint64"), labels], axis=1))
    return doc


__all__ = ["SentenceFilter", "parse_fast", "line_starts", "sentence_starts", "parse_selected", "pieces"]
