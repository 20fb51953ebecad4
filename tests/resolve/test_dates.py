"""Date phrases resolve against the publication date with ACLED's time_precision."""
import pytest

from conflictscope.resolve.dates import find_dates

CASES = [
    # (sentence, published, phrase, value, precision)
    ("On Tuesday, forces raided homes.", "2021-03-17", "On Tuesday", "2021-03-16", 1),
    ("The campaign began yesterday.", "2021-03-17", "yesterday", "2021-03-16", 1),
    ("A civilian was shot dead last night.", "2023-02-14", "last night", "2023-02-13", 1),
    ("The fighting erupted on Wednesday in the town.", "2024-04-05", "on Wednesday", "2024-04-03", 1),
    ("On Friday protesters gathered.", "2024-04-05", "On Friday", "2024-04-05", 1),
    ("The office opened last week.", "2025-05-21", "last week", "2025-05-15", 2),
    ("The IRGC opened an office last week.", "2020-09-02", "last week", "2020-08-27", 2),
    ("Militiamen seized farmland earlier this month.", "2021-06-23", "earlier this month", "2021-06-15", 3),
    ("Last month, ISIS drew forces into a fight.", "2019-05-07", "Last month", "2019-04-15", 3),
    ("In October, the militia set up a base.", "2019-12-10", "In October", "2019-10-15", 3),
    ("In March, a similar attack killed four soldiers.", "2022-08-18", "In March", "2022-03-15", 3),
    ("The doctor was arrested on June 11 in the city.", "2021-06-20", "June 11", "2021-06-11", 1),
    ("On 3 March 2021, a grenade was thrown.", None, "3 March 2021", "2021-03-03", 1),
    ("the bombing of the embassy in April 2024", None, "April 2024", "2024-04-15", 3),
    ("since October 7, 2023", None, "October 7, 2023", "2023-10-07", 1),
    ("at the end of March 2022 fighters moved", None, "the end of March 2022", "2022-03-31", 3),
    ("The agreement, signed on 9 June in the guesthouse", "2024-06-12", "9 June", "2024-06-09", 1),
    ("A January 5 attack", "2025-01-08", "January 5", "2025-01-05", 1),
    ("in December, before publication in March", "2020-03-01", "in December", "2019-12-15", 3),
    ("Clashes broke out in early March.", "2022-08-18", "early March.", "2022-03-01", 3),
    ("Late June, the militia withdrew.", "2022-08-18", "Late June", "2022-06-30", 3),
    ("at the beginning of May 2021 fighters moved", None, "the beginning of May 2021", "2021-05-01", 3),
    ("in mid-April 2023 the group", None, "mid-April 2023", "2023-04-15", 3),
    ("The raid took place last Friday.", "2024-04-05", "last Friday", "2024-03-29", 1),
    ("Fighting resumed late on Sunday night.", "2024-04-05", "late on Sunday night", "2024-03-31", 1),
]


@pytest.mark.parametrize("sentence,published,phrase,value,precision", CASES)
def test_dates_resolve_against_publication(sentence, published, phrase, value, precision):
    found = {d.text.lower(): d for d in find_dates(sentence, published)}
    assert phrase.lower() in found, [d.text for d in find_dates(sentence, published)]
    d = found[phrase.lower()]
    assert (d.value, d.precision) == (value, precision), d.reasoning
    assert sentence[d.start:d.end] == d.text


@pytest.mark.parametrize("sentence", [
    "On Tuesday, forces raided homes.", "The doctor was arrested on June 11.", "Last month the group withdrew.",
    "It happened yesterday.", "In March, fighters arrived.",
])
def test_dates_without_publication_date_stay_unknown(sentence):
    dates = find_dates(sentence, None)
    assert dates and all(d.value is None for d in dates)


@pytest.mark.parametrize("sentence", [
    "members of the 47th Regiment were arrested", "the 313 Brigade headed by Wasim", "Brigade 13 fighters",
    "the 7th Division", "the 55-km deconfliction zone", "some 500 fighters in Syria", "Resolution 2254",
    # places and bodies named after a date
    "shells fell on the 7 July neighbourhood", "a march along 26 September Street", "traffic on the 14 July Bridge",
    "a sit-in at the 22 May Stadium", "residents of October 6 City",
])
def test_dates_unit_names_and_counts_are_not_dates(sentence):
    assert find_dates(sentence, "2021-03-17") == []


@pytest.mark.parametrize("sentence,published", [
    ("The raid of 2021-02-31 left the village empty.", "2021-03-17"),   # no such day
    ("The raid of 1980-02-30 was remembered.", None),
    ("Fighters returned on Feb 29.", "2023-03-01"),                     # no Feb 29 in 2023 or 2022
    ("Fighters returned on 29 February.", "2021-03-10"),                # 2020-02-29 is over a year back
])
def test_dates_impossible_days_stay_empty(sentence, published):
    dates = find_dates(sentence, published)
    assert dates and all(d.value is None for d in dates), dates


def test_dates_feb_29_of_the_leap_year_before_publication():
    (d,) = find_dates("Fighters returned on 29 February.", "2021-01-10")
    assert d.value == "2020-02-29"
