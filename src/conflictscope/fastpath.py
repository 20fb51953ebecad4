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

Runs of kept sentences go through the whole spaCy pipeline (tagger, parser, lemmatizer) together,
so the parser sees them in their neighbours' company; the other sentences are tokenized only and
get a flat structure (every token attached to the sentence's first), enough for the coder to step
over them while it carries the date in force. The pieces are joined into one `Doc` with the
report's text and character offsets, so evidence spans are those of the full analysis.
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
from .extract.events.lexicon import Lexicon
from .extract.events.proposals import SentenceModel
from .extract.fatalities import FatalityReader
from .lexicon import section
from .models import Mention
from .parsing import CHUNK_CHARS
from .resolve.dates import DateMention

FLAT_ROOT, FLAT_DEP = "ROOT", "dep"   # the labels of a sentence left unparsed
CONTEXT = 8   # tokens of context on each side of a parsed run: twice the tok2vec layer's reach (depth 4, window 1)


@dataclass(frozen=True)
class SentenceFilter:
    """The pre-filter: which rough sentences of a report can carry an event or a mention that matters."""

    triggers: tuple[re.Pattern[str], ...]
    actor_cues: tuple[re.Pattern[str], ...]   # sentence rules that read an actor without a trigger
    fatalities: FatalityReader
    model: SentenceModel | None = None         # a learned sentence model, or None
    sentencizer: Sentencizer = field(default_factory=Sentencizer)

    @classmethod
    def build(cls, lexicon: Lexicon, fatalities: FatalityReader,
              model: SentenceModel | None = None) -> "SentenceFilter":
        """The filter for a lexicon (its trigger patterns, its presence cue), the fatality reader and a model."""
        claim = section("discourse", "coder").rx("claim")
        return cls(tuple(t.pattern for t in lexicon.triggers), (lexicon.cues["presence"], claim), fatalities, model)

    def keeps(self, text: str, lines: Sequence[Sequence[tuple[int, int]]], places: Sequence[Mention],
              actors: Sequence[Mention], dates: Sequence[DateMention] = ()) -> list[bool]:
        """For each line of `text` (the spans of its rough sentences), whether one of its sentences
        can carry an event or a mention the coder reads: the line is parsed."""
        place_starts = sorted([m.start for m in places] + [d.start for d in dates])
        actor_starts = sorted(m.start for m in actors)
        flagged = iter(self._flagged([text[s:e] for line in lines for s, e in line]))
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
        return any(p.search(sentence) for p in self.triggers) or bool(self.fatalities.read(sentence))

    def _flagged(self, sentences: list[str]) -> list[bool]:
        """Whether the model reads an event (of a codebook type, at its threshold) in each sentence."""
        if self.model is None or not sentences:
            return [False] * len(sentences)
        book = codebook.load()
        threshold = self.model.threshold
        return [book.type_of(label) is not None and p >= threshold for label, p, _ in self.model.readings(sentences)]


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of offsets has one in [lo, hi)."""
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def parse_fast(nlp: Language, prefilter: SentenceFilter, text: str, places: Sequence[Mention],
               actors: Sequence[Mention], dates: Sequence[DateMention] = (),
               check: Callable[[], None] = lambda: None) -> Doc:
    """The report's `Doc` with only the lines that hold a sentence the pre-filter keeps parsed."""
    tokens, starts, lines = rough_sentences(nlp, prefilter.sentencizer, text)
    bounds = starts + [len(tokens)]
    spans: list[list[tuple[int, int]]] = [[] for _ in lines]
    for a, b in zip(bounds, bounds[1:]):
        end = tokens[b].idx if b < len(tokens) else len(text)
        spans[bisect.bisect_right(lines, a) - 1].append((tokens[a].idx, end))
    keep = prefilter.keeps(text, spans, places, actors, dates)
    return parse_selected(nlp, tokens, starts, lines, keep, check)


def rough_sentences(nlp: Language, sentencizer: Sentencizer, text: str) -> tuple[Doc, list[int], list[int]]:
    """The report tokenized, the token indices where its rough sentences start (the sentencizer's
    guesses and every line start) and those where its lines start (the pipeline's line-break rule:
    boundaries the parser keeps)."""
    doc = nlp.make_doc(text)
    if not len(doc):
        return doc, [], []
    guesses = sentencizer.predict([doc])[0]
    starts, lines = [0], [0]
    for i in range(1, len(doc)):
        tok = doc[i]
        if "\n" in doc[i - 1].text or (tok.is_space and "\n" in tok.text):
            lines.append(i)
            starts.append(i)
        elif guesses[i]:
            starts.append(i)
    return doc, starts, lines


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
    given a flat structure with a sentence per rough sentence; `check` runs after each parsed run."""
    runs = list(pieces(doc, lines, keep))
    parsed = _parse_runs(nlp, doc, [(a, b) for a, b, kept in runs if kept], check)
    out = [next(parsed) if kept else _flat(doc[a:b].as_doc(), [s - a for s in starts if a <= s < b])
           for a, b, kept in runs]
    if not out:
        return doc
    return Doc.from_docs(out, ensure_whitespace=False, exclude=["tensor"])


def _parse_runs(nlp: Language, doc: Doc, runs: list[tuple[int, int]], check: Callable[[], None]) -> Iterator[Doc]:
    """The runs parsed, in order. Each is parsed with `CONTEXT` tokens of its neighbours on both
    sides, cut off after: the token vectors of its edges see what they see in the full parse, and
    the line breaks around it keep the parser's boundaries, so its parse is that of the full analysis."""
    padded = [(max(0, a - CONTEXT), min(len(doc), b + CONTEXT)) for a, b in runs]
    for (a, b), (pa, pb), parsed in zip(runs, padded, nlp.pipe((doc[pa:pb].as_doc() for pa, pb in padded),
                                                                 batch_size=8)):
        check()
        yield parsed[a - pa:b - pa].as_doc()


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


__all__ = ["SentenceFilter", "parse_fast", "rough_sentences", "parse_selected", "pieces"]
