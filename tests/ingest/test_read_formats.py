"""Every input format read_paths and read_text accept, and where metadata comes from."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from conflictscope.ingest import read_paths, read_text, report_id
from conflictscope.ingest.identity import content_hash
from conflictscope.models import Problem, Report

BODY = "Gunmen attacked a checkpoint near Hit on Sunday, killing two policemen, officials said."

HTML = """<html><head><title>Rockets hit base | Iraq Frontline</title>
<meta property="article:published_time" content="2023-11-21T10:00:00Z">
<meta property="og:site_name" content="Iraq Frontline"><meta name="author" content="Jane Doe">
</head><body><nav><a href="/">Home</a> | <a>Security</a> | <a>Politics</a></nav>
<article><h1>Rockets hit Ain al-Asad base</h1>
<figure><img src="a.jpg" alt="x"><figcaption>Smoke over Ain al-Asad. (Archive photo)</figcaption></figure>
<p>A security source in Anbar said on Monday evening that rockets fell inside Ain al-Asad air base,
which hosts American advisers, in the west of the province, without causing casualties.</p>
<p>The source said three rockets were launched from an area near the town of al-Baghdadi, north of
the base, and that security forces had cordoned off the area to search for the launch pad.</p>
<img src="b.jpg" alt="Map of Anbar province">
<p>The base has been targeted several times in recent weeks. No party claimed responsibility.</p>
</article><footer>(c) 2025 Iraq Frontline. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Levant Wire</title>
<item><title>Strike hits depot near Abu Kamal</title><link>https://lw.example/1</link>
<pubDate>Tue, 21 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;An air strike hit a weapons depot near Abu Kamal on Monday, local sources
said.&lt;/p&gt;&lt;p&gt;No casualties were reported.&lt;/p&gt;</description></item>
<item><title>Protest in Sweida square</title><link>https://lw.example/2</link>
<description>Hundreds of protesters gathered in Sweida.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Horan Now</title>
<entry><title>Gunmen kill teacher in Daraa</title><link rel="alternate" href="https://hn.example/a"/>
<published>2024-02-11T08:00:00Z</published>
<content type="html">&lt;p&gt;Gunmen shot dead a teacher in Da'el on Friday.&lt;/p&gt;</content></entry>
</feed>"""


def _reports(*paths, **kwargs) -> list[Report]:
    results = list(read_paths(paths, **kwargs))
    assert all(isinstance(r, Report) for r in results), results
    return results


def _blocks(report: Report, kind: str) -> list[str]:
    return [report.text[b.start:b.end] for b in report.blocks if b.kind == kind]


def test_formats_html_uses_trafilatura_metadata_and_keeps_captions(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [report] = _reports(path)
    assert report.raw_format == "html"
    assert (report.published, report.published_origin) == ("2023-11-21", "meta")
    assert report.publisher == "Iraq Frontline" and report.byline == "Jane Doe"
    assert report.title == "Rockets hit Ain al-Asad base"
    assert _blocks(report, "caption") == ["Smoke over Ain al-Asad. (Archive photo)", "Map of Anbar province"]
    assert "Home" not in report.text and "All rights reserved" not in report.text
    assert "without causing casualties." in report.text
    assert "\n\n" in report.text


def test_formats_json_list_items_are_numbered(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "%s", "source": "Anbar Today", "published": "2024-03-01"},'
                    ' {"text": "Protesters gathered in Sweida, witnesses said."}]' % BODY, encoding="utf-8")
    first, second = _reports(path)
    assert (first.source_file, second.source_file) == ("batch.json#1", "batch.json#2")
    assert (first.publisher, first.published, first.published_origin) == ("Anbar Today", "2024-03-01", "json")
    assert first.sources[0].name == "Anbar Today" and second.published is None
    assert first.raw_format == second.raw_format == "json"


def test_formats_rss_items(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _reports(path)
    assert first.source_file == "feed.rss#1" and first.raw_format == "rss"
    assert first.url == "https://lw.example/1" and first.publisher == "Levant Wire"
    assert (first.published, first.published_origin) == ("2024-05-21", "meta")
    assert first.title == "Strike hits depot near Abu Kamal"
    assert _blocks(first, "title") == ["Strike hits depot near Abu Kamal"]
    assert "An air strike hit a weapons depot" in first.text and "<p>" not in first.text
    assert second.title == "Protest in Sweida square" and second.published is None


def test_formats_atom_entries(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = _reports(path)
    assert entry.url == "https://hn.example/a" and entry.publisher == "Horan Now"
    assert entry.published == "2024-02-11" and "Da'el" in entry.text


def test_formats_markdown_is_stripped(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Strike hits depot near Abu Kamal\n\n![Smoke over the depot](x.jpg)\n\n"
                    f"{BODY} See [the statement](https://x.example/s) and **more**.\n", encoding="utf-8")
    [report] = _reports(path)
    assert report.title == "Strike hits depot near Abu Kamal"
    assert _blocks(report, "caption") == ["Smoke over the depot"]
    assert "See the statement and more." in report.text and "](" not in report.text


def test_formats_sidecar_beats_text_and_flags(tmp_path):
    (tmp_path / "r.txt").write_text("Horan Now | Daraa\n11 February 2024\n\n" + BODY, encoding="utf-8")
    (tmp_path / "r.txt.meta.json").write_text(
        '{"url": "https://hn.example/r", "source": "Horan Now Agency", "published": "2024-02-12"}',
        encoding="utf-8")
    [report] = _reports(tmp_path, source="Flag Source", published="2020-01-01")
    assert report.url == "https://hn.example/r" and report.publisher == "Horan Now Agency"
    assert (report.published, report.published_origin) == ("2024-02-12", "sidecar")
    assert {h.origin for h in report.date_hints} == {"sidecar", "byline", "flag"}


def test_formats_flags_apply_only_when_the_file_gives_none(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("EMHR | 5 April 2024\n\n" + BODY, encoding="utf-8")
    a, b = _reports(tmp_path, source="Flag Source", published="2020-01-01")
    assert (a.publisher, a.published, a.published_origin) == ("Flag Source", "2020-01-01", "flag")
    assert (b.publisher, b.published, b.published_origin) == ("EMHR", "2024-04-05", "byline")


def test_formats_folders_are_recursive_sorted_and_skip_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Protesters gathered in Sweida, witnesses said.", encoding="utf-8")
    (tmp_path / "data.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    reports = _reports(tmp_path)
    assert [r.source_file for r in reports] == ["a.txt", "two.txt"]
    assert reports[1].path == str(tmp_path / "b" / "two.txt")


def test_formats_folder_order_is_that_of_the_sorted_relative_paths(tmp_path):
    # a folder sorts where its name does: "a/" before "a b.txt" and "a.txt", "b/c/" after "b/b.txt"
    names = ["a.txt", "a b.txt", "a/z.txt", "a/y/x.txt", "b/b.txt", "b/c/a.txt", "B.txt", "a/.y/w.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    read = [str(Path(r.path).relative_to(tmp_path).as_posix()) for r in _reports(tmp_path)]
    shown = [n for n in names if "/." not in n]
    assert read == sorted(shown, key=lambda n: n.split("/"))


def test_formats_folder_is_listed_as_it_is_read(tmp_path, monkeypatch):
    # a folder of 50,000 reports must not be held as 50,000 paths before the first is coded
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text(BODY, encoding="utf-8")
    listed: list[str] = []
    for name in ("listdir", "scandir"):
        monkeypatch.setattr(os, name, lambda path, list_folder=getattr(os, name):
                            listed.append(Path(path).name) or list_folder(path))
    first = next(read_paths([tmp_path]))
    assert first.source_file == "r.txt" and "two" not in listed


def test_formats_named_file_with_unknown_extension_is_text(tmp_path):
    path = tmp_path / "report.log"
    path.write_text(BODY, encoding="utf-8")
    [report] = _reports(path)
    assert report.text == BODY and report.raw_format == "txt"


def test_formats_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode("utf-8"))))
    [report] = _reports("-")
    assert report.path == "-" and report.text == BODY


def test_formats_stdin_json(monkeypatch):
    data = ('{"text": "%s", "url": "https://x.example/1"}' % BODY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [report] = _reports("-")
    assert report.url == "https://x.example/1" and report.raw_format == "json"


def test_formats_ids_follow_the_address_not_the_text():
    a = read_text(BODY, name="a.txt")
    edited = read_text(BODY.replace("Sunday", "Monday"), name="a.txt")
    copy = read_text("  " + BODY.upper().replace(" ", "  \n") + "\n", name="b.txt")
    c = read_text(BODY, name="c.txt", url="https://x.example/1")
    assert all(isinstance(r, Report) for r in (a, edited, copy, c))
    assert a.id.startswith("r-") and len(a.id) == 18 and a.identity == "file:a.txt"
    assert edited.id == a.id                                  # an edited file stays the same report
    assert copy.id != a.id                                    # a copy under another name is another report
    assert content_hash(copy.text) == content_hash(a.text) != content_hash(edited.text)
    assert c.id == report_id("https://x.example/1", "other text") != a.id and c.identity == "https://x.example/1"


def test_formats_identity_is_the_path_under_the_folder_and_the_record(tmp_path):
    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    (tmp_path / "north" / "day.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "south" / "day.txt").write_text(BODY, encoding="utf-8")
    lines = [{"text": BODY, "id": "wire-7"}, {"text": BODY}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(o) for o in lines), encoding="utf-8")
    reports = [r for r in read_paths([tmp_path]) if isinstance(r, Report)]
    assert [r.identity for r in reports] == [
        "file:feed.jsonl#wire-7", "file:feed.jsonl#2", "file:north/day.txt", "file:south/day.txt"]
    assert len({r.id for r in reports}) == 4
    [alone] = [r for r in read_paths([tmp_path / "north" / "day.txt"]) if isinstance(r, Report)]
    assert alone.identity == "file:day.txt"


def test_formats_read_text_metadata_and_formats():
    report = read_text(BODY, name="mem", title="Checkpoint attack", source="Anbar Today",
                       published="2024-03-01T10:00:00Z")
    assert isinstance(report, Report)
    assert (report.published, report.published_origin) == ("2024-03-01", "meta")
    assert report.title == "Checkpoint attack" and report.publisher == "Anbar Today"
    html = read_text(HTML, name="mem.html", fmt="html")
    assert isinstance(html, Report) and html.raw_format == "html" and html.published == "2023-11-21"
    js = read_text('{"text": "%s"}' % BODY, name="mem.json", fmt="json")
    assert isinstance(js, Report) and js.text == BODY
    assert isinstance(read_text("   ", name="blank"), Problem)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Levant Wire\nPublished: 23/06/2021\n\n" + BODY, "2021-06-23"),
        ("Headline about the attack near Hit\n\nBy Levant Wire staff\nJune 14, 2022\n\n" + BODY, "2022-06-14"),
        ("Home | Syria | Iraq | Video\nMonday, 6 January 2025\n\nHeadline about the attack near Hit\n\n" + BODY, None),
        ("SITE NAME\nThursday, 12 June 2025 | Login\n\nHeadline about the attack\n\nPosted 3 June 2025\n\n" + BODY,
         "2025-06-03"),
        ("Attack near Hit on 5 March 2021 kills two\n\n" + BODY, None),
        ("HIT, Iraq, March 9 (MPA) - " + BODY, None),
        # a wire dateline that gives its year dates the report on its own
        ("Headline about the attack near Hit\n\nHIT, Iraq, March 9, 2021 (MPA) - " + BODY, "2021-03-09"),
    ],
)
def test_formats_header_dates(text, published):
    report = read_text(text, name="mem")
    assert isinstance(report, Report)
    assert report.published == published
