"""Unit behaviour of the ingest helpers: dates, language, line cleaning."""
from __future__ import annotations

import pytest

from conflictscope.ingest import analyse, detect_language, parse_date
from conflictscope.ingest.clean import chrome_reason
from conflictscope.ingest.metadata import extract_text_metadata


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021-03-17", "2021-03-17"),
        ("2023-11-21T10:00:00Z", "2023-11-21"),
        ("5 April 2024", "2024-04-05"),
        ("Thursday, August 18, 2022 10:41 AM GMT+3", "2022-08-18"),
        ("Published: 23/06/2021", "2021-06-23"),
        ("06/23/2021", "2021-06-23"),
        ("Tue, 21 May 2024 10:00:00 GMT", "2024-05-21"),
        ("14 February 2023 - 08:40", "2023-02-14"),
        ("Sept 3, 2019", "2019-09-03"),
        ("31 February 2024", None),
        ("March 9", None),
        ("soon", None),
        ("", None),
    ],
)
def test_units_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gunmen attacked a checkpoint near Hit on Sunday, killing two policemen, officials said.", "en"),
        ("أفاد مراسل الشبكة بانفجار عبوة ناسفة مساء اليوم بسيارة عسكرية", "ar"),
        ("گزارش‌ها حاکی است که پهپادها به پایگاه حمله کردند و چند نفر کشته شدند", "fa"),
        ("Des hommes armés ont attaqué un poste de contrôle et les forces de sécurité sont arrivées dans la ville", "fr"),
        ("Unbekannte haben einen Kontrollpunkt angegriffen und die Polizei ist mit den Soldaten in die Stadt", "de"),
        ("Strike hits depot near Abu Kamal", "en"),
        ("12345 --- !!!", "und"),
    ],
)
def test_units_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content", "Home | Syria | Sweida | Daraa | Opinion | Video | About us",
        "MENU   Home   Syria   Iraq   Lebanon   Reports", "Home > Syria > Deir ez-Zor",
        "Home / Iraq / Pro-Syrian regime forces sweep border", "Search...", "Dark Mode", "Logo",
        "Share this: Facebook | X | WhatsApp", "Tags: Sweida, Shahba, protests", "Leave a Reply",
        "0 Comments | Leave a comment", "Your email address will not be published.",
        "(c) 2025 Jabal Post. All rights reserved. Privacy | Terms", "Privacy | Terms",
        "Copyright (c) Iraq Frontline. All rights reserved.", "Related: Car bomb kills three in Daraa",
        "Posted in Syria | 4 min read", "#Albukamal #DeirEzzor #Iran",
        "Monday, 6 January 2025 | Baghdad 14°C | USD/IQD 1,310", "Sunday, 9 March 2025   Sweida 12°C",
    ],
)
def test_units_chrome_lines(line):
    assert chrome_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sweida protesters return to al-Karama Square; security forces break up rally in Shahba",
        "Temperatures reached 50°C in Basra on Sunday, causing power cuts across the city, officials said.",
        "Search operations continued in the desert near Rutba on Monday, a military source said.",
        "Euphrates Monitor for Human Rights (EMHR)", "Horan Now | Daraa", "5 April 2024",
        "(c) The SDF will withdraw its fighters from the villages east of the river within thirty days "
        "of the signing of the agreement, according to the text.",
        "Share prices fell in Baghdad after the attack on the oil field.",
    ],
)
def test_units_body_lines_are_not_chrome(line):
    assert chrome_reason(line) == ""


def test_units_related_list_and_check_also_are_dropped():
    layout = analyse(
        "Headline about the clashes in Thiban\n\n"
        "Clashes erupted on Tuesday in the town of Thiban between the SDF and tribal fighters, sources said.\n\n"
        "Related:\n> Car bomb kills three in Daraa\n> Jordanian army clashes with smugglers\n\n"
        "The fighting stopped on Thursday after mediation by tribal elders, the sources added.\n\n"
        "Check Also\n\nAssad Regime Tries To Gain Control Over UN Humanitarian Aid\n\nLeave a Reply\n"
    )
    assert "Car bomb" not in layout.text and "Check Also" not in layout.text and "Assad Regime" not in layout.text
    assert "mediation by tribal elders" in layout.text
    assert layout.title == "Headline about the clashes in Thiban"


def test_units_captions_are_marked_not_removed():
    text = ("Headline about the strike\n\n[Image: Smoke rises over the depot. (Archive photo)]\n\n"
            "A screenshot of a video posted on Telegram shows the burning trucks.\n\n"
            "Fighters at a checkpoint in al-Mayadeen in an undated photo. [Ein al-Furat]\n\n"
            "On 5 March 2021, unidentified gunmen abducted a pharmacist in As-Sanamayn. [size=no report]\n")
    layout = analyse(text)
    kinds = [(b.kind, layout.text[b.start:b.end][:12]) for b in layout.blocks]
    assert kinds == [("title", "Headline abo"), ("caption", "[Image: Smok"), ("caption", "A screenshot"),
                     ("caption", "Fighters at "), ("body", "On 5 March 2")]


def test_units_header_date_after_byline_is_trusted_even_beside_share_buttons():
    layout = analyse("Headline about the attack near Hit\n\nBy Levant Wire staff\nJune 14, 2022\n"
                     "Share this: Facebook | X\n\nGunmen attacked a checkpoint near Hit on Sunday, killing two "
                     "policemen, officials said.")
    assert [(d.match.value, d.chrome) for d in layout.header_dates] == [("2022-06-14", False)]
    assert "June 14, 2022" in layout.text and "Share this" not in layout.text


@pytest.mark.parametrize("text,trusted_year,values", [
    ("Date: 2021-02-31\n\nGunmen attacked a checkpoint near Hit.", None, []),     # no such day
    ("DATE0001-01-01\n\nGunmen attacked a checkpoint near Hit.", None, []),       # before 1900
    ("Date: 2021-03-17\n\nGunmen attacked a checkpoint near Hit.", None, ["2021-03-17"]),
    ("PALMYRA, Syria, Feb 29 (Levant Wire) - Gunmen attacked a checkpoint.", 2023, []),
    ("PALMYRA, Syria, Feb 29 (Levant Wire) - Gunmen attacked a checkpoint.", 2024, ["2024-02-29"]),
])
def test_units_header_dates_are_real_days(text, trusted_year, values):
    meta = extract_text_metadata(analyse(text), trusted_year=trusted_year)
    assert sorted({h.value for h in meta.date_hints}) == values
