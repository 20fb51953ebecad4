"""The ingest stage against the reference reports in ../shared (seeds and devset)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conflictscope.ingest import read_paths
from conflictscope.models import Report

WEB_PAGES = ["002_326578f41702adf3.txt", "004_d6830effbbd6e08f.txt",
             "009.txt", "019.txt", "036.txt", "041.txt", "045.txt"]
CHROME_DATE_PAGES = ["004_d6830effbbd6e08f.txt", "009.txt", "019.txt", "036.txt", "041.txt", "045.txt"]


@pytest.fixture(scope="module")
def reports(seeds_dir: Path, devset_dir: Path) -> dict[str, Report]:
    out = {}
    for result in read_paths([seeds_dir, devset_dir]):
        assert isinstance(result, Report), result
        out[result.source_file] = result
    return out


@pytest.fixture(scope="module")
def gold(seeds_gold: Path, devset_gold: Path) -> dict[str, dict]:
    docs = {}
    for path in (seeds_gold, devset_gold):
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            docs[doc["doc"]] = doc
    return docs


def _raw(name: str, seeds_dir: Path, devset_dir: Path) -> str:
    path = seeds_dir / name if (seeds_dir / name).exists() else devset_dir / name
    return path.read_text(encoding="utf-8")


def test_reference_every_gold_document_is_read(reports, gold):
    assert set(gold) == set(reports)


def test_reference_published_matches_gold(reports, gold):
    wrong = {name: (reports[name].published, doc["published"])
             for name, doc in gold.items() if reports[name].published != doc["published"]}
    assert wrong == {}


def test_reference_published_comes_with_trusted_origin(reports):
    for report in reports.values():
        if report.published:
            assert report.published_origin in {"json", "date-line", "byline", "dateline", "meta"}
            assert any(h.trusted and h.value == report.published for h in report.date_hints)


def test_reference_seed_000_date_line(reports):
    report = reports["000_f8a9f28d2b922614.txt"]
    assert (report.published, report.published_origin) == ("2021-03-17", "date-line")
    hint = next(h for h in report.date_hints if h.origin == "date-line")
    assert report.text[hint.start:hint.end] == "date 2021-03-17"


def test_reference_seed_004_header_date_is_only_an_untrusted_hint(reports):
    report = reports["004_d6830effbbd6e08f.txt"]
    assert report.published is None
    hint = next(h for h in report.date_hints if h.value == "2024-12-24")
    assert (hint.origin, hint.trusted) == ("chrome", False)
    assert "24 December 2024" in hint.text and "24 December 2024" not in report.text


@pytest.mark.parametrize("name", CHROME_DATE_PAGES)
def test_reference_chrome_dates_are_untrusted_and_dropped(reports, name):
    report = reports[name]
    chrome = [h for h in report.date_hints if h.origin == "chrome"]
    assert chrome and not any(h.trusted for h in chrome)
    assert all(h.start is None and h.text not in report.text for h in chrome)
    assert all(h.value != report.published for h in chrome)


def test_reference_published_line_beats_header_date(reports):
    report = reports["045.txt"]
    assert (report.published, report.published_origin) == ("2025-06-03", "byline")
    hint = next(h for h in report.date_hints if h.trusted and h.value == "2025-06-03")
    assert report.text[hint.start:hint.end].startswith("Published 3 June 2025")


def test_reference_wire_dateline_gets_year_only_from_a_trusted_date(reports):
    dated = reports["001.txt"]
    assert any(h.origin == "dateline" and h.value == "2022-08-18" for h in dated.date_hints)
    for undated in ("012.txt", "024.txt"):  # datelines without a year and no publication date
        assert reports[undated].published is None
        assert not any(h.origin == "dateline" for h in reports[undated].date_hints)


_CHROME_LINE = re.compile(
    r"^(?:related|read also|share|tags:|skip to content|\(c\)|©|copyright|home\s*[|/>]|menu\b"
    r"|leave a|your email address|check also|dark mode|logo$|breaking:|\d+ comments|comments \()",
    re.I,
)


@pytest.mark.parametrize("name", WEB_PAGES)
def test_reference_web_chrome_is_removed(reports, name):
    text = reports[name].text
    bad = [line for line in text.split("\n") if _CHROME_LINE.match(line.strip())]
    assert bad == []
    assert "°C" not in text and "Leave a Reply" not in text and "All rights reserved" not in text
    assert not any(line.lstrip().startswith((">", "- ")) for line in text.split("\n"))


@pytest.mark.parametrize("name", WEB_PAGES)
def test_reference_web_page_first_body_paragraph_survives(reports, name, seeds_dir, devset_dir):
    raw = _raw(name, seeds_dir, devset_dir)
    first = next(p.strip() for p in raw.split("\n") if len(p.split()) >= 25)
    assert first in reports[name].text


def test_reference_no_long_line_is_ever_dropped(reports, seeds_dir, devset_dir):
    for name, report in reports.items():
        if name.endswith(".json"):
            continue
        raw = _raw(name, seeds_dir, devset_dir)
        missing = [line for line in raw.split("\n") if len(line.split()) >= 20 and line.strip() not in report.text]
        assert missing == [], name


def test_reference_captions_are_blocks_of_their_own(reports):
    for name in ("009.txt", "019.txt", "036.txt", "045.txt"):
        report = reports[name]
        captions = [report.text[b.start:b.end] for b in report.blocks if b.kind == "caption"]
        assert len(captions) == 1 and captions[0].startswith("[")
    seed = reports["003_e3f393157d67226e.txt"]
    captions = [seed.text[b.start:b.end] for b in seed.blocks if b.kind == "caption"]
    assert any(c.startswith("A screenshot of a video") for c in captions)
    assert any(c.endswith("[Syrian Observatory for Human Rights]") for c in captions)
    arabic = reports["004_d6830effbbd6e08f.txt"]
    assert any(arabic.text[b.start:b.end].startswith("معبر") and b.kind == "caption" for b in arabic.blocks)


def test_reference_titles_are_the_headlines(reports):
    assert reports["009.txt"].title.startswith("Sweida protesters return")
    assert reports["001.txt"].title == "Islamic State ambush kills Syrian soldiers on desert highway"
    assert reports["011.txt"].title.startswith("Three days of fighting")
    for report in reports.values():
        title_blocks = [b for b in report.blocks if b.kind == "title"]
        assert len(title_blocks) <= 1
        if title_blocks:
            assert report.title in report.text[title_blocks[0].start:title_blocks[0].end]


def test_reference_publishers_from_text_and_json(reports, gold):
    for name in ("001.txt", "002.txt", "003.txt", "011.txt", "009.txt", "045.txt", "004.json", "034.txt"):
        assert reports[name].publisher == gold[name]["source"], name
        assert reports[name].sources[0].role == "publisher"


def test_reference_languages(reports):
    assert reports["008.txt"].language == "ar"
    assert {r.language for n, r in reports.items() if n != "008.txt"} == {"en"}


def test_reference_blocks_are_ordered_and_within_text(reports):
    for report in reports.values():
        end = 0
        for block in report.blocks:
            assert end <= block.start < block.end <= len(report.text)
            end = block.end
        assert "\n\n\n" not in report.text


def test_reference_ids_are_stable(seeds_dir, reports):
    again = {r.source_file: r.id for r in read_paths([seeds_dir]) if isinstance(r, Report)}
    assert all(reports[name].id == rid for name, rid in again.items())
    assert len({r.id for r in reports.values()}) == len(reports)
