"""The date, number and name parsers, fed generated input: a safe answer or nothing, never a crash.

For each parser at least 10,000 inputs (arbitrary text mixed with near-valid phrases: impossible
dates, far years, 40-digit figures, numbers with separators, names in Arabic script, with marks,
apostrophes, hyphens and long runs of capitals), with the count printed. Each input must give:
- no exception and no more than a second of work;
- dates that are real calendar dates in 1900-2100, none after the publication date where the
  phrase counts back from it, or no date;
- death figures that are whole numbers from 0 to `MAX_FATALITIES`, and the figure the text states
  or none;
- spans inside the input whose text is what the parser says it matched;
- the same answer when asked twice (name keys, mentions).
Run in two processes per parser; the resources are loaded once, before the processes fork.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from conflictscope.dates import match_date_segment, parse_date, parse_month_day
from conflictscope.extract.events.lexicon import Lexicon
from conflictscope.extract.fatalities import MAX_FATALITIES, FatalityReader
from conflictscope.ingest.clean import analyse
from conflictscope.ingest.metadata import extract_text_metadata
from conflictscope.resolve.actors import names as actor_names
from conflictscope.resolve.actors.mentions import find_actor_mentions
from conflictscope.resolve.actors.registry import ActorRegistry
from conflictscope.resolve.dates import find_dates
from conflictscope.resolve.places import names as place_names
from conflictscope.resolve.places.gazetteer import Gazetteer
from conflictscope.resolve.places.mentions import find_place_mentions

EXAMPLES = 10_000          # per parser, in total
WORKERS = 2
BATCH = 10                 # inputs per hypothesis example
SECONDS_PER_INPUT = 1      # far above any honest input: a hang, not a slow machine
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Phrases that count back from the publication date to a day: never after it.
COUNTS_BACK = {"weekday", "yesterday", "today", "day_month", "month_day"}

# --- generated inputs -----------------------------------------------------------------------------

MONTHS = ["January", "February", "Feb.", "March", "march", "May", "may", "June", "Sept", "Sept.", "December",
          "Dec", "DECEMBER"]
DATE_WORDS = MONTHS + [
    "Monday", "Tuesday", "tuesday", "Sunday", "on", "of", "the", "last", "this", "next", "early", "mid-", "mid",
    "end", "late", "beginning", "in", "ago", "days", "weeks", "yesterday", "Yesterday", "today", "last night",
    "last week", "this month", "last month", "earlier this month", "BC", "AD", "th", "st", ",", ".", "-", "/",
    "Published:", "Updated", "Date:", "at", "10:41 AM", "GMT+3", "UTC", "—", "|"]
NUMBERS = ["0", "00", "1", "02", "12", "13", "29", "30", "31", "32", "99", "1899", "1900", "1979", "1980",
           "2021", "2024", "2049", "2050", "2100", "2101", "9999", "99999", "0000"]


def phrase(words: list[str], numbers: st.SearchStrategy[str], max_size: int = 8) -> st.SearchStrategy[str]:
    """Words and numbers in any order, joined by spaces or nothing."""
    token = st.sampled_from(words) | numbers
    return st.lists(st.tuples(token, st.sampled_from([" ", " ", "", ", ", "\n"])), max_size=max_size).map(
        lambda parts: "".join(w + sep for w, sep in parts).strip())


def _iso(parts: tuple[int, int, int]) -> str:
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"


iso_like = st.tuples(st.integers(0, 10_000) | st.integers(1975, 2055), st.integers(0, 13), st.integers(0, 32)).map(_iso)
date_numbers = (st.sampled_from(NUMBERS) | st.integers(0, 10**6).map(str) | iso_like
                | st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 3000)).map(
                    lambda t: f"{t[0]}/{t[1]}/{t[2]}"))
date_text = st.text(max_size=60) | phrase(DATE_WORDS, date_numbers) | phrase(DATE_WORDS, date_numbers).map(
    lambda s: f"Gunmen attacked a village {s} , police said.")
published = st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31)).map(dt.date.isoformat)

HEADER_LINES = ["Date: ", "Published: ", "Updated ", "PALMYRA, Syria, ", "DEIR EZ-ZOR, ", "(Levant Wire) -",
                " (AFP) — ", "Thursday, ", "By Staff Writer", "Gunmen killed three civilians.", "\n", "\n\n"]
header_text = st.text(max_size=80) | phrase(HEADER_LINES + MONTHS, date_numbers, 12)

DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _written(args: tuple[int, int]) -> str:
    """A number as reports write it: plain, with separators, in Arabic-Indic digits, as a range."""
    n, style = args
    return [str(n), f"{n:,}", f"{n:,}".replace(",", "."), f"{n:,}".replace(",", " "), str(n).translate(DIGITS),
            f"{n}-{n + 5}", f"{n} to {n + 5}", f"0{n}"][style]


big = st.integers(0, 10**40) | st.integers(0, 20_000) | st.integers(0, 12)
written_number = st.tuples(big, st.integers(0, 7)).map(_written)
NUMBER_WORDS = [
    "killed", "were killed", "was killed", "dead", "died", "people", "civilians", "soldiers", "and", "at least",
    "more than", "the death toll rose to", "toll of", "a", "an", "one", "two", "ten", "twenty", "dozens", "dozen",
    "scores", "hundreds", "thousands", "several", "tens", "wounded", "injured", "killing", "family of",
    "beaten to death", "stabbed", "to death", "left", "fighters", "km", "years", ".", ",", "-", "million"]
number_text = st.text(max_size=60) | phrase(NUMBER_WORDS, written_number, 10)

NAME_WORDS = [
    "Hezbollah", "Hizbullah's", "al-Nusra", "Kata'ib", "Kataʼib", "Ḥayʾat", "Taḥrīr", "al-Shām", "Deir ez-Zor",
    "Deir-ez-Zor", "Abu Kamal", "Albu Kamal", "al-", "el-", "ash-", "Islamic State", "IS", "ISIS", "U.S.", "IRGC",
    "PMUs", "YBŞ", "SDF", "militias'", "Army", "army", "police", "civilians", "the", "Syrian", "forces",
    "حزب الله", "دير الزور", "للفرقة", "والجيش", "ـ", "\u0651", "\u0301", "\u200d", "\u200f", "\u202e",
    "ı", "ß", "Æ", "’", "'", "`", "-", "‐", ".", ",", "A" * 40, "AL-" * 10, "QQQQQQQQQQQQ", "Sokhneh", "Sukhnah",
    "Bagouz", "Shiheil", "Mayadeen", "Raqqa", "Aleppo", "village", "near", "in", "of", "and"]
name_text = (st.text(max_size=40) | st.text(st.characters(categories=["L", "M", "Pd", "Po"]), max_size=30)
             | phrase(NAME_WORDS, st.sampled_from(["1", "313", "47th", "2024"]), 10))

# --- the checks -----------------------------------------------------------------------------------


@cache
def resources() -> tuple[ActorRegistry, Gazetteer, FatalityReader]:
    """The registry, gazetteer and fatality reader, built once per process."""
    return ActorRegistry.load(), Gazetteer.load(), FatalityReader(Lexicon.load().number_words)


def assert_real_date(value: str, where: str) -> dt.date:
    day = dt.date.fromisoformat(value)    # raises on "2021-02-31"
    assert day.isoformat() == value, where
    assert FIRST_YEAR <= day.year <= LAST_YEAR, where
    return day


def assert_span(text: str, start: int, end: int, said: str) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == said, (text[start:end], said)


def check_date_core(text: str) -> None:
    value = parse_date(text)
    if value is not None:
        assert_real_date(value, text)
    found = match_date_segment(text)
    if found is not None:
        assert_real_date(found.value, text)
        assert 0 <= found.start <= found.end <= len(text)
    month_day = parse_month_day(text)
    if month_day is not None:
        dt.date(2000, *month_day)


def check_find_dates(args: tuple[str, str | None]) -> None:
    text, pub = args
    mentions = find_dates(text, pub)
    assert mentions == find_dates(text, pub)
    for m in mentions:
        assert_span(text, m.start, m.end, m.text)
        if m.value is None:
            continue
        day = assert_real_date(m.value, m.text)
        if pub is not None and m.kind in COUNTS_BACK:   # on or before publication, within a year
            assert 0 <= (dt.date.fromisoformat(pub) - day).days < 366, (m, pub)


def check_header_dates(args: tuple[str, int | None]) -> None:
    text, year = args
    layout = analyse(text)
    for hint in extract_text_metadata(layout, trusted_year=year).date_hints:
        assert_real_date(hint.value, hint.text)


def check_fatalities(text: str) -> None:
    found = resources()[2].read(text)
    taken = -1
    for f in found:
        assert isinstance(f.count, int) and 0 <= f.count <= MAX_FATALITIES, f
        assert_span(text, f.start, f.end, f.text)
        assert f.start >= taken, found
        taken = f.end


def check_stated_figure(n: int) -> None:
    """A figure stated once is read as itself or not at all ("1,500" is never 1 or 500).

    Plain figures up to four digits and comma-separated ones up to the cap must be read.
    """
    comma = f"{n:,}"
    for written in {str(n), comma, comma.replace(",", "."), comma.replace(",", " ")}:
        for text in (f"Gunmen killed {written} civilians.", f"{written} people were killed.",
                     f"The death toll rose to {written}."):
            counts = [f.count for f in resources()[2].read(text)]
            assert counts in ([], [n]), (text, counts)
            must_read = written == comma and n <= MAX_FATALITIES
            assert counts or not must_read, (text, counts)


def check_actor_names(text: str) -> None:
    registry = resources()[0]
    tokens = registry.tokenize(text)
    assert tokens == registry.tokenize(text)
    for tok in tokens:
        assert_span(text, tok.start, tok.end, tok.raw)
        assert actor_names.norm_token(tok.raw) == actor_names.norm_token(tok.raw)
        assert actor_names.fold(tok.norm) == tok.fold
    mentions = find_actor_mentions(text, registry, include_sources=True)
    assert mentions == find_actor_mentions(text, registry, include_sources=True)
    for m in mentions:
        assert_span(text, m.start, m.end, m.text)


def check_place_names(text: str) -> None:
    keys = place_names.name_keys(text)
    assert keys == place_names.name_keys(text) and all(isinstance(k, str) and k for k in keys)
    for key in keys:
        p = place_names.phonetic(key)
        assert p == place_names.phonetic(key)
        assert place_names.skeleton(p) == place_names.skeleton(p)
        assert place_names.vowel_class(p) == place_names.vowel_class(p)
    assert place_names.fold(text) == place_names.fold(text)
    mentions = find_place_mentions(text, resources()[1])
    assert mentions == find_place_mentions(text, resources()[1])
    for m in mentions:
        assert_span(text, m.start, m.end, m.text)


PARSERS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "date core (parse_date, match_date_segment, parse_month_day)": (date_text, check_date_core),
    "date phrases (find_dates)": (st.tuples(date_text, published), check_find_dates),
    "header dates (extract_text_metadata)": (
        st.tuples(header_text, st.none() | st.integers(1900, 2100)), check_header_dates),
    "fatalities (FatalityReader.read)": (number_text, check_fatalities),
    "stated figures (FatalityReader.read)": (big, check_stated_figure),
    "actor names (tokenize, find_actor_mentions)": (name_text, check_actor_names),
    "place names (name_keys, find_place_mentions)": (name_text, check_place_names),
}


def _timed_out(_signum: int, _frame: Any) -> None:
    raise TimeoutError(f"a parser ran for more than {SECONDS_PER_INPUT} s on one input")


def fuzz(name: str, seed_value: int, inputs: int) -> int:
    """Run at least `inputs` generated inputs through one parser (in a worker process); how many ran."""
    signal.signal(signal.SIGALRM, _timed_out)
    strategy, check = PARSERS[name]
    ran = [0]

    @seed(seed_value)
    @settings(max_examples=-(-inputs // BATCH), deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(st.lists(strategy, min_size=BATCH, max_size=BATCH))
    def run(batch: list[Any]) -> None:
        for value in batch:
            ran[0] += 1
            signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_INPUT)
            try:
                check(value)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

    run()
    return ran[0]


@pytest.mark.slow   # 10,000 generated inputs per parser, about 2 minutes on two cores in all
@pytest.mark.parametrize("name", list(PARSERS))
def test_parser_fuzz_safe_answer_or_none(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    resources()     # before the fork, so that each worker starts with them
    share = -(-EXAMPLES // WORKERS)
    with ProcessPoolExecutor(WORKERS) as pool:
        ran = sum(pool.map(fuzz, [name] * WORKERS, range(1, WORKERS + 1), [share] * WORKERS))
    with capsys.disabled():
        print(f"\n{name}: {ran:,} generated inputs, each a safe answer or none ({os.cpu_count()} cores)")
    assert ran >= EXAMPLES
