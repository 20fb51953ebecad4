"""The fast path: the pre-filter keeps every sentence a coder rule reads, and coding is unchanged."""
from __future__ import annotations

import dataclasses

import pytest

from conflictscope.extract.events.lexicon import Lexicon
from conflictscope.extract.fatalities import FatalityReader
from conflictscope.fastpath import FLAT_DEP, SentenceFilter
from conflictscope.models import Mention, Report
from conflictscope.pipeline import code_report
from conflictscope.resolve.dates import DateMention


@pytest.fixture(scope="module")
def prefilter() -> SentenceFilter:
    lexicon = Lexicon.load()
    return SentenceFilter.build(lexicon, FatalityReader(lexicon.number_words))


def _keeps(prefilter: SentenceFilter, sentence: str, mark: str = "", kind: str = "", model=None) -> bool:
    """Whether the filter keeps `sentence`, with a mention of `kind` over the words `mark`."""
    start = sentence.find(mark) if mark else -1
    mention = [Mention(kind, mark, start, start + len(mark))] if mark else []
    dates = [DateMention(mark, start, start + len(mark), "absolute", "2024-03-06", 1, "")] if kind == "date" else []
    return prefilter.keeps(sentence, [[(0, len(sentence))]], mention if kind == "place" else [],
                           mention if kind == "actor" else [], dates, model)[0]


CUES = [   # (sentence, marked words, kind of mention, kept)
    ("The weather stayed mild and the market was busy all week.", "", "", False),
    ("Gunmen attacked a checkpoint after dark.", "", "", True),                          # a trigger
    ("The convoy reached Thiban in the evening.", "Thiban", "place", True),             # a place
    ("Tribal fighters are still present in the area.", "Tribal fighters", "actor", True),   # an actor, presence
    ("Tribal fighters held a meeting with the elders.", "Tribal fighters", "actor", False),  # an actor, nothing to read
    ("Three people were killed, the hospital said.", "", "", True),                     # a figure of dead
    ("The meeting on 6 March ended without a statement.", "6 March", "date", True),     # the date in force
]


@pytest.mark.parametrize("sentence, mark, kind, kept", CUES)
def test_fastpath_prefilter_keeps_sentences_with_a_cue(prefilter, sentence, mark, kind, kept):
    assert _keeps(prefilter, sentence, mark, kind) is kept


class FlagsEverything:
    """A stand-in learned model that reads an armed clash in every sentence."""

    threshold, name, classes = 0.5, "stub", ["Armed clash"]

    def readings(self, texts):
        return [("Armed clash", 0.9, 0.9) for _ in texts]


def test_fastpath_prefilter_keeps_what_the_model_flags(prefilter):
    quiet = "The weather stayed mild and the market was busy all week."
    assert not _keeps(prefilter, quiet)
    assert _keeps(prefilter, quiet, model=FlagsEverything())


REPORT = ("Market day news\n"
          "The weather stayed mild this week and the shops kept their usual hours.\n\n"
          "On 6 March 2024, gunmen attacked a checkpoint near Thiban, killing two soldiers. "
          "The attackers fled towards the desert.\n\n"
          "Traders said the price of bread had gone up again.\n\n"
          "On 7 March 2024, dozens of protesters gathered in Al-Asharah to demand electricity.\n")


def _cutting(resources):
    """The resources with a pre-filter that cuts every report, however much of it is kept."""
    return dataclasses.replace(resources, prefilter=dataclasses.replace(resources.prefilter, whole_share=2.0))


def test_fastpath_codes_a_report_as_the_full_parse_does(resources):
    report = Report(id="r", text=REPORT, source_file="r.txt", published="2024-03-08")
    fast = code_report(report, _cutting(resources), 0)
    full = code_report(report, dataclasses.replace(resources, prefilter=None), 0)
    assert fast.events and [e.to_dict() for e in fast.events] == [e.to_dict() for e in full.events]
    assert [(ev.field, ev.start, ev.end) for e in fast.events for ev in e.evidence] == \
        [(ev.field, ev.start, ev.end) for e in full.events for ev in e.evidence]


def test_fastpath_leaves_lines_without_a_cue_unparsed_and_keeps_offsets(resources):
    from conflictscope.fastpath import parse_fast

    weather = REPORT.index("The weather")
    doc = parse_fast(resources.nlp, _cutting(resources).prefilter, REPORT, [], [], [])
    assert doc.text == REPORT
    assert [t.idx for t in doc] == [t.idx for t in resources.nlp.make_doc(REPORT)]
    skipped = next(s for s in doc.sents if s.start_char == weather)
    assert all(t.dep_ == FLAT_DEP for t in skipped[1:])
    parsed = next(s for s in doc.sents if "gunmen" in s.text)
    assert parsed.root.dep_ == "ROOT" and parsed.root.pos_ == "VERB"


def test_fastpath_parses_a_report_whole_when_most_of_it_is_kept(resources):
    from conflictscope.fastpath import parse_fast

    text = "Gunmen attacked a checkpoint.\nRebels shelled the town.\nIt was quiet.\n"
    doc = parse_fast(resources.nlp, resources.prefilter, text, [], [], [])
    assert not any(t.dep_ == FLAT_DEP for t in doc)
    assert [t.dep_ for t in doc] == [t.dep_ for t in resources.nlp(text)]
