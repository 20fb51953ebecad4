"""The command line as a user runs it: ingest, events, show, export, demo, sources, actors."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictscope.cli import main
from conflictscope.export import ACLED_COLUMNS


def run(*args: str) -> "CliRunner.invoke":
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "seeds.db")
    result = run("ingest", str(seeds_dir), "--db", db, "-q")
    assert result.exit_code == 0, result.output
    assert "reports read: 5 (new 5" in result.output
    return db


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_reingest_adds_nothing(seeds_db, seeds_dir):
    before = run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines()
    again = run("ingest", str(seeds_dir), "--db", seeds_db, "-q")
    assert again.exit_code == 0
    assert "new 0, updated 0, unchanged 5" in again.output and "(new 0)" in again.output
    assert run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines() == before


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_events_formats_share_one_shape(seeds_db):
    rows = [json.loads(line) for line in run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines()]
    as_json = json.loads(run("events", "--db", seeds_db, "--format", "json").output)
    assert rows and [r["event_id_cnty"] for r in rows] == [r["event_id_cnty"] for r in as_json]
    for row in rows:
        assert row["source_file"] and row["evidence"] and row["coder_version"]
        assert row["evidence_start"] < row["evidence_end"]
    table = run("events", "--db", seeds_db).output
    assert "event_type" in table.splitlines()[0] and rows[0]["event_id_cnty"][:19] in table


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_undated_events_are_flagged_never_given_todays_date(seeds_db):
    rows = [json.loads(line) for line in run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines()]
    no_year = [r for r in rows if r["source_file"].startswith("001_")]
    assert no_year and all(r["event_date"] is None and "date-unknown" in r["flags"] for r in no_year)
    dated = [r for r in rows if r["source_file"].startswith("000_") and r["event_date"]]
    assert dated and all(r["event_date"].startswith("2021-03") for r in dated)


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_show_prints_fields_evidence_and_reasoning(seeds_db):
    first = json.loads(run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines()[0])
    out = run("show", first["event_id_cnty"], "--db", seeds_db).output
    assert "evidence" in out and "reasoning" in out and first["event_type"] in out
    assert "[[" in out   # the evidence span is highlighted in the report text
    assert run("show", "ev-doesnotexist", "--db", seeds_db).exit_code == 2


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_export_acled_csv_has_acled_and_provenance_columns(seeds_db, tmp_path):
    out = tmp_path / "events.csv"
    result = run("export", "--db", seeds_db, "--format", "acled-csv", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    for column in ("source_file", "report_id", "evidence", "evidence_start", "evidence_end", "confidence", "coder_version"):
        assert column in header
    assert rows and all(r["event_date"] for r in rows)   # ACLED has no undated events
    assert "undated events left out" in result.output


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_sources_show_trusted_and_missing_publication_dates(seeds_db):
    out = run("sources", "--db", seeds_db).output
    line_000 = next(l for l in out.splitlines() if "000_" in l)
    line_004 = next(l for l in out.splitlines() if "004_" in l)
    assert "2021-03-17" in line_000 and "date-line" in line_000
    assert "no trusted date" in line_004 and "2024-12-24" not in line_004


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_bad_input_is_named_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Published 3 March 2024\n\nUnknown gunmen shot dead a shepherd on Saturday near the town of Hajin, "
        "in the eastern Deir ez-Zor countryside, local sources said.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x89PNG\x00\x00" * 20)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "-q"])
    assert result.exit_code == 1
    for name in ("binary.txt", "empty.txt", "broken.json"):
        assert name in result.output
    rows = [json.loads(l) for l in run("events", "--db", db, "--format", "jsonl").output.splitlines()]
    assert [r["source_file"] for r in rows] == ["good.txt"]
    assert rows[0]["event_type"] == "Violence against civilians" and rows[0]["event_date"] == "2024-03-02"
    problems = run("problems", "--db", db).output
    assert "binary.txt" in problems and "empty.txt" in problems


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_non_english_report_is_stored_and_listed_not_coded(tmp_path):
    report = tmp_path / "ar.txt"
    report.write_text("قتل مدنيان يوم الأحد بانفجار عبوة ناسفة على الطريق بين بلدتي الشحيل والبصيرة في ريف دير الزور.",
                      encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = run("ingest", str(report), "--db", db, "-q")
    assert result.exit_code == 0 and "not coded 1" in result.output
    assert " ar" in run("sources", "--db", db).output
    assert run("events", "--db", db, "--format", "jsonl").output.strip() == ""


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_demo_codes_the_bundled_samples(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo", "--db", "demo.db"])
    assert result.exit_code == 0, result.output
    types = {line.split("  ")[2].strip() for line in result.output.splitlines()[1:] if line.startswith("ev-")}
    assert {"Battles", "Violence against civilians", "Protests", "Strategic developments"} <= types
    assert Path("demo.db").exists()


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_actors_lists_counts_and_unresolved_names(seeds_db):
    listing = run("actors", "--db", seeds_db).output
    assert "Militia (Pro-Iran)" in listing
    shown = run("actors", "show", "IRGC", "--db", seeds_db).output
    assert shown.startswith("Islamic Revolutionary Guard Corps") and "Iranian Revolutionary Guard" in shown
    unresolved = run("actors", "--unresolved", "--db", seeds_db).output
    assert "e.g." in unresolved


@pytest.mark.slow   # ingests reports through the whole coder
def test_cli_events_near_a_place_filters_by_distance(seeds_db):
    near = [json.loads(l) for l in run("events", "--db", seeds_db, "--place", "Albu Kamal", "--near", "30",
                                       "--format", "jsonl").output.splitlines()]
    everything = [json.loads(l) for l in run("events", "--db", seeds_db, "--format", "jsonl").output.splitlines()]
    assert near and len(near) < len(everything)
    assert all(abs(r["latitude"] - 34.45) < 0.3 and abs(r["longitude"] - 40.92) < 0.35 for r in near)
    assert CliRunner().invoke(main, ["events", "--db", seeds_db, "--near", "30"]).exit_code == 2


@pytest.fixture()
def small_db(tmp_path: Path) -> str:
    """A store of three hand-made events: no ingest, so the events options are tested fast."""
    from conflictscope.models import CodedReport, Event, Report
    from conflictscope.store import Store

    def event(event_id: str, event_type: str, actor1: str, lon: float) -> Event:
        return Event(id=event_id, report_id="r", source_file="r.txt", event_type=event_type, sub_event_type="",
                     disorder_type="", event_date=f"2024-01-0{event_id[-1]}", actor1=actor1, latitude=0.0,
                     longitude=lon, location=f"Place {event_id[-1]}")

    db = str(tmp_path / "small.db")
    with Store.open(db) as store:
        store.save_coded(CodedReport(report=Report(id="r", text="t", source_file="r.txt"), events=[
            event("ev-1", "Battles", "Force A", 0.0), event("ev-2", "Battles", "Force B", 0.54),
            event("ev-3", "Protests", "Protesters", 1.98)]))
    return db


@pytest.mark.parametrize(("options", "expected"), [
    ([], ["ev-1", "ev-2", "ev-3"]),
    (["--type", "battles"], ["ev-1", "ev-2"]),
    (["--actor", "force b"], ["ev-2"]),
    (["--place", "place 3"], ["ev-3"]),
    (["--place", "0,0", "--near", "100"], ["ev-1", "ev-2"]),
    (["--place", "0,1.98", "--near", "10", "--type", "Protests"], ["ev-3"]),
    (["--since", "2024-01-02", "--until", "2024-01-02"], ["ev-2"]),
])
def test_cli_events_options_select_events(small_db: str, options: list[str], expected: list[str]) -> None:
    out = run("events", "--db", small_db, "--format", "jsonl", *options).output
    assert [json.loads(line)["event_id_cnty"] for line in out.splitlines()] == expected


def test_cli_events_near_an_unknown_place_fails_before_opening_the_store(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--place", "Qwzxy Nowhere", "--near", "5"])
    assert result.exit_code == 2 and "no place matches 'Qwzxy Nowhere'" in result.output
    assert not db.exists()


def test_cli_show_export_and_listings_on_a_small_store(small_db: str, tmp_path: Path) -> None:
    shown = run("show", "ev-2", "--db", small_db).output
    assert shown.startswith("ev-2  Battles") and "Force B" in shown
    assert json.loads(run("show", "ev-2", "--db", small_db, "--format", "json").output)["event"]["actor1"] == "Force B"
    assert CliRunner().invoke(main, ["show", "ev-9", "--db", small_db]).exit_code == 2
    out = tmp_path / "events.csv"
    result = run("export", "--db", small_db, "--format", "acled-csv", "-o", str(out))
    assert "3 events written" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == ["ev-1", "ev-2", "ev-3"]
    assert "r.txt" in run("sources", "--db", small_db).output
    assert "    1  Place 2" in run("places", "--db", small_db).output.splitlines()


@pytest.mark.slow   # ingests a report through the whole coder
def test_cli_ingest_country_says_where_a_report_that_names_none_is(tmp_path):
    """'Tripoli' alone is Libya's capital; a desk that follows Lebanon says so once for the batch
    (`--country`), and the same note is Lebanon's Tripoli, its protesters Lebanon's."""
    note = tmp_path / "note.txt"
    note.write_text("On 9 May 2021, shop owners protested outside the municipal building in Tripoli against the "
                    "new fees.\n", encoding="utf-8")
    coded = {}
    for label, extra in (("none", []), ("lebanon", ["--country", "Lebanon"])):
        db = str(tmp_path / f"{label}.db")
        assert run("ingest", str(note), "--db", db, "-q", *extra).exit_code == 0
        coded[label] = json.loads(run("events", "--db", db, "--format", "jsonl").output.splitlines()[0])
    assert coded["none"]["country"] == "Libya"
    assert (coded["lebanon"]["country"], coded["lebanon"]["actor1"]) == ("Lebanon", "Protesters (Lebanon)")


def test_cli_ingest_an_unknown_country_is_refused_with_how_to_name_it(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("On 9 May 2021, shop owners protested in Tripoli.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(note), "--db", str(tmp_path / "t.db"), "-q", "--country", "Narnia"])
    assert result.exit_code == 2
    assert "unknown country 'Narnia'" in result.output and "ISO code" in result.output


@pytest.mark.slow   # ingests a report through the whole coder
def test_cli_ingest_country_does_not_move_places_of_one_country(tmp_path):
    """A Syrian report in a batch said to be Lebanon's keeps its Syrian village and its Syrian army."""
    note = tmp_path / "note.txt"
    note.write_text("On 9 May 2021, Syrian regime forces shelled Kafr Nabl in the Idlib countryside.\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run("ingest", str(note), "--db", db, "-q", "--country", "LB").exit_code == 0
    row = json.loads(run("events", "--db", db, "--format", "jsonl").output.splitlines()[0])
    assert row["country"] == "Syria" and row["actor1"].startswith("Military Forces of Syria")
