"""Places anywhere: the world's towns, the units that qualify a name, provinces alone, and the traps
a world gazetteer brings (people's surnames, English words, namesakes abroad). Cases in our words."""
from __future__ import annotations

import json

import pytest

from conflictscope.resolve.places import Gazetteer, find_place_mentions


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _found(text: str, gazetteer: Gazetteer) -> dict[str, dict]:
    return {m.text: json.loads(m.detail) for m in find_place_mentions(text, gazetteer)}


@pytest.mark.parametrize("text, surface, country, admin1", [
    ("Farm workers marched in Celaya, Guanajuato, demanding unpaid wages.", "Celaya", "MX", "Guanajuato"),
    ("Teachers rallied in Rosario (Santa Fe) against the pension reform.", "Rosario", "AR", "Santa Fe"),
    ("A bomb went off near a market in Hyderabad, Sindh, on Tuesday.", "Hyderabad", "PK", "Sindh"),
    ("Gunmen raided a police post in Kismaayo (Kismaayo, Lower Juba).", "Kismaayo", "SO", "Lower Juba"),
])
def test_places_world_town_is_chosen_by_the_units_that_qualify_it(gazetteer, text, surface, country, admin1):
    found = _found(text, gazetteer)
    assert found[surface]["country"] == country
    assert found[surface]["admin1"] == admin1
    assert found[surface]["precision"] == 1


def test_places_qualifiers_are_marked_as_units_of_their_place(gazetteer):
    text = "Teachers rallied in Rosario (Santa Fe) against the pension reform."
    found = {m.text: m for m in find_place_mentions(text, gazetteer)}
    head = found["Rosario"]
    assert json.loads(found["Santa Fe"].detail)["qualifies"] == [head.start, head.end]
    assert "qualifies" not in json.loads(head.detail)


def test_places_a_province_alone_is_coded_at_precision_3(gazetteer):
    found = _found("Heavy fighting was reported across Badghis province.", gazetteer)
    assert found["Badghis"]["kind"] == "governorate" and found["Badghis"]["precision"] == 3


def test_places_a_namesake_outside_the_named_province_is_not_taken(gazetteer):
    # the village is in no gazetteer and the district's namesake lies in another province:
    # the province the text names speaks for the event
    found = _found("Militants stormed the village of Zarghunqala in Muqur district, Badghis.", gazetteer)
    assert "Muqur" not in found or found["Muqur"]["admin1"] == "Badghis"
    assert found["Badghis"]["country"] == "AF"


@pytest.mark.parametrize("text, not_a_place", [
    ("The commander, Mazloum Abdi, said the talks would go on.", "Abdi"),
    ("The spokesman, Farhad Shami, denied the claim.", "Shami"),
    ("Militia leaders met in Damascus on Monday.", "Militia"),
    ("The village was shelled overnight.", "The village"),
    ("An IED struck a patrol near Taji.", "An IED"),
    ("Protesters threw Molotov cocktails at the police in Basra.", "Molotov"),
])
def test_places_words_and_surnames_are_no_world_towns(gazetteer, text, not_a_place):
    assert not_a_place not in _found(text, gazetteer)


def test_places_a_hyphenated_name_is_not_its_first_part(gazetteer):
    found = _found("Fighters attacked troops near Bar-Sanguun village (Kismaayo, Lower Juba).", gazetteer)
    assert "Bar" not in found
    assert found["Kismaayo"]["country"] == "SO"


def test_places_without_any_sign_of_a_country_the_focus_countries_are_preferred(gazetteer):
    # two village names and no country: the shipped data follows Syria and Iraq, so their villages
    # win over a town abroad that has one of the names among its alternate names
    found = _found("Strikes hit Subha and Zir.", gazetteer)
    assert found["Subha"]["country"] in gazetteer.villages and found["Zir"]["country"] in gazetteer.villages
    # alone, a loose spelling is not enough for the village, and the far namesake is not taken either
    assert "Subha" not in _found("Strikes hit Subha overnight.", gazetteer)


def test_places_country_words_tip_an_ambiguous_name(gazetteer):
    assert _found("Lebanese soldiers were deployed in Tripoli after the riots.", gazetteer)["Tripoli"]["country"] == "LB"
    assert _found("Fighting resumed south of Tripoli, Libya's capital.", gazetteer)["Tripoli"]["country"] == "LY"


@pytest.mark.parametrize("text, surface, country", [
    # a big city's hyphenated district is placed at the city, the rest of the name is no other place
    ("Police clashed with soldiers in Kinshasa-Ngaliema on Monday.", "Kinshasa", "CD"),
    # a numbered settlement is placed at its namesake
    ("Observers recorded explosions near Zolote-3 overnight.", "Zolote", "UA"),
    # a particle continues a name and never ends one
    ("Hundreds rallied in Port-au-Prince against fuel prices.", "Port-au-Prince", "HT"),
    # 'city' after a name says what it is
    ("Traders protested at Jammu city over the new tax.", "Jammu city", "IN"),
    # a unit named after its town does not speak against the town
    ("A soldier was shot at a checkpoint in Rafah (Rafah, North Sinai), Egypt.", "Rafah", "EG"),
    # the kind of unit is no part of its name
    ("Gunmen killed a shepherd in Al Mayadin, Deir ez-Zor province.", "Al Mayadin", "SY"),
    # a city's own name beats its namesake's alternate name, qualified by a unit of its name
    ("Shopkeepers closed the market in Islamabad city (Islamabad, FCT) after a raid in Jammu.", "Islamabad", "PK"),
    # a particle written as a word of the name ends it
    ("Nurses protested in La Paz, Baja California Sur, over unpaid wages.", "Baja California Sur", "MX"),
    # a district named after the town, its name cut short, says nothing against the town
    ("Traders protested outside the grain market in Mirpur Khas city (Mirpur khas, Sindh).", "Mirpur Khas", "PK"),
    # a Persian ezafe particle continues a name: the whole name, not its first word
    ("Shopkeepers closed their stores in Mazar-e Sharif on Sunday.", "Mazar-e Sharif", "AF"),
    # a name written as a small town's own is that town before it is another spelling of a large city
    ("Elders met at the bazaar in Wana town on Sunday.", "Wana town", "PK"),
])
def test_places_compound_and_qualified_names(gazetteer, text, surface, country):
    found = _found(text, gazetteer)
    assert surface in found, found.keys()
    assert found[surface]["country"] == country


def test_places_hyphenated_name_of_a_small_place_is_not_its_first_part(gazetteer):
    # "Bar-Sanguun" is a name of its own, not the town Bar with something after it
    found = _found("Fighting was reported in Bar-Sanguun on Friday.", gazetteer)
    assert "Bar" not in found


@pytest.mark.parametrize("text, surface, admin1", [
    # a province written as its ISO 3166-2 code chooses the namesake inside it
    ("Two families fought with sticks in Pratapgarh (UP) over a boundary wall.", "Pratapgarh", "Uttar Pradesh"),
    ("Nurses protested outside the district hospital in Kurnool (Kurnool, AP).", "Kurnool", "Andhra Pradesh"),
])
def test_places_world_a_division_code_qualifies_the_town(gazetteer, text, surface, admin1):
    mentions = find_place_mentions(text, gazetteer)
    head = next(m for m in mentions if m.text == surface)   # the first: the town, not its district
    assert json.loads(head.detail)["admin1"] == admin1
    code = mentions[-1]
    assert text[code.start:code.end] in ("UP", "AP") and json.loads(code.detail)["name"] == admin1


def test_places_world_a_news_agency_is_no_division_code(gazetteer):
    found = _found("BEIRUT (AP) - Hundreds of protesters gathered outside the central bank in Beirut.", gazetteer)
    assert found["Beirut"]["country"] == "LB" and "AP" not in found
    assert all(d["country"] == "LB" for d in found.values())


def test_places_world_a_loose_guess_at_a_village_does_not_beat_an_exact_town(gazetteer):
    found = _found("Textile workers clashed with police in Kathua over unpaid wages.", gazetteer)
    assert found["Kathua"]["country"] == "IN"


def test_places_world_a_variant_spelling_abroad_needs_its_country_named(gazetteer):
    # the village is unknown; its province says Somalia: no Syrian village of a similar name stands in
    found = _found("Militants ambushed soldiers in the vicinity of Abdala Dheere village (Afmadow, Lower Juba).", gazetteer)
    assert {d["country"] for d in found.values()} == {"SO"}


def test_places_world_a_city_named_in_its_own_language_qualifies_its_borough(gazetteer):
    # the gazetteer calls the city 'Mexico City'; the text calls it in Spanish: still the unit of the borough
    mentions = find_place_mentions("Armed men shot a taxi driver in Coyoacan, Ciudad de Mexico, on Friday.", gazetteer)
    head, unit = mentions[0], mentions[-1]
    assert head.text == "Coyoacan" and json.loads(unit.detail).get("qualifies") == [head.start, head.end]


@pytest.mark.parametrize("text, surface, kind", [
    # a kind of first-order unit after a name makes it the province, not a town (or a longer name)
    ("Hundreds of traders rallied in Kano State against the closure of markets.", "Kano", "governorate"),
    ("Soldiers and insurgents clashed near Buthidaung Township, Rakhine State, on Sunday.", "Rakhine", "governorate"),
    # without it, the city of the name
    ("Hundreds of traders rallied in Kano against the closure of markets.", "Kano", "city"),
])
def test_places_world_a_unit_word_after_a_name_says_what_it_is(gazetteer, text, surface, kind):
    found = _found(text, gazetteer)
    assert found[surface]["kind"] == kind


@pytest.mark.parametrize("text, surface, country", [
    # GeoNames writes 'Vardak' and 'Muhafazat al Hudaydah'; reporting writes the ISO 3166-2 names
    ("A district chief was shot dead in Wardak province on Monday.", "Wardak", "AF"),
    ("Shelling was reported across Al Hudaydah governorate overnight.", "Al Hudaydah", "YE"),
    # 'Sha`biyat al Jabal al Gharbi': the division's name without the word for its kind
    ("Clashes were reported in Al Jabal al Gharbi on Sunday.", "Al Jabal al Gharbi", "LY"),
])
def test_places_world_a_province_under_its_usual_names(gazetteer, text, surface, country):
    found = _found(text, gazetteer)
    assert found[surface]["country"] == country
    assert found[surface]["precision"] == 3


def test_places_world_division_names_without_affixes_and_iso_names():
    from conflictscope.resolve.places import world
    alts = world._division_alternates([("YE", "Muhafazat al Hudaydah"), ("YE", "Al Jawf"), ("LY", "Al Jufrah"),
                                       ("LY", "Sha`biyat al Jafarah")],
                                      [("YE", "Al Ḩudaydah"), ("LY", "Al Jafārah"), ("LY", "Al Jufrah")])
    assert "al hudaydah" in alts[("YE", "Muhafazat al Hudaydah")]
    assert "Al Ḩudaydah" in alts[("YE", "Muhafazat al Hudaydah")]
    # 'Al Jafarah' is its own division, not another spelling of the look-alike 'Al Jufrah'
    assert "Al Jafārah" in alts[("LY", "Sha`biyat al Jafarah")]
    assert "Al Jafārah" not in alts.get(("LY", "Al Jufrah"), set())
    assert ("YE", "Al Jawf") not in alts


def test_places_world_the_first_part_of_a_longer_name_is_not_a_place(gazetteer):
    # 'San Luis' and 'Pampa' exist; 'San Luis de Canete' and 'Pampa de la Isla' are other, longer names
    found = _found("On 2 May 2020, in San Luis de Canete, Lima, neighbours blocked the road to the cemetery.", gazetteer)
    assert "San Luis" not in found and "Lima" in found
    found = _found("Nurses of the Pampa de la Isla hospital in Santa Cruz de la Sierra protested.", gazetteer)
    assert "Pampa" not in found and found["Santa Cruz de la Sierra"]["country"] == "BO"



@pytest.mark.parametrize("text, surface, country, precision", [
    # a city's other name after "in" is the city, with no country named
    ("Nurses rallied in Vinnytsia over unpaid overtime.", "Vinnytsia", "UA", 1),
    # a town whose name is also an English word, after "in", is the town when it is large
    ("Bandits robbed a bus station in Timbuktu on Friday.", "Timbuktu", "ML", 1),
    # a district centre named with its province elsewhere in the sentence
    ("Police arrested two men in Qadis district centre, Badghis.", "Qadis", "AF", 1),
    # the province a qualifier names, under another form of its name
    ("Militants burned a tanker in Puli Hisar district, Baghlan.", "Puli Hisar", "AF", 1),
    # a unit named after the town says nothing about which namesake it is
    ("Traders closed their shops in Kaya (Kaya, Sanmatenga).", "Kaya", "BF", 1),
])
def test_places_world_names_readers_know_without_a_country(gazetteer, text, surface, country, precision):
    found = _found(text, gazetteer)
    assert surface in found, found.keys()
    assert found[surface]["country"] == country
    assert found[surface]["precision"] == precision


def test_places_world_a_name_told_twice_does_not_name_its_own_province(gazetteer):
    # "Tripoli" is a Libyan province too; saying the town's name twice must not count as naming it
    text = "Buses left Beirut at dawn for Tripoli. In Tripoli the passengers held a sit-in."
    found = find_place_mentions(text, gazetteer)
    assert {json.loads(m.detail)["country"] for m in found if m.text == "Tripoli"} == {"LB"}


def test_places_world_an_institutions_initials_are_no_town(gazetteer):
    found = _found("Inmates began a hunger strike in the MACA prison of Abidjan city.", gazetteer)
    assert "MACA" not in found and found["Abidjan"]["country"] == "CI"


def test_places_world_the_first_word_of_an_unknown_district_is_no_village_elsewhere(gazetteer):
    # "Sidi Bernoussi" is no gazetteer name; its first word spelt like a Syrian village is no place
    found = _found("Dockers walked out in Sidi Bernoussi in Casablanca.", gazetteer)
    assert "Sidi" not in found and found["Casablanca"]["country"] == "MA"


@pytest.mark.parametrize("text, surface, country, name", [
    # GeoNames writes some provinces with their kind first ("Muhafazat al Hudaydah"): the kind is no part of the name
    ("Artillery fire hit houses in Hays district (Al Hudaydah) on Sunday.", "Hays", "YE", "Ḩays"),
    # the town's own name before another name of a namesake city (one of Amman's many spellings is "Man")
    ("Party members walked out of a meeting in Man town (Tonkpi, Montagnes).", "Man town", "CI", "Man"),
    # a building's name is no town that a province qualifies: Sofia is the capital, not a province abroad
    ("Relatives held a vigil at the steps of the Court of Justice in Sofia, demanding a harsh sentence.",
     "Sofia", "BG", "Sofia"),
    # a mission deployed in one country says where a report is, as the country's name would
    ("The OSCE SMM recorded ten explosions near Svitlodarsk overnight.", "Svitlodarsk", "UA", "Svetlodarsk"),
])
def test_places_world_names_and_signs_of_the_country(gazetteer, text, surface, country, name):
    found = _found(text, gazetteer)
    assert found[surface]["country"] == country
    assert found[surface]["name"] == name


@pytest.mark.parametrize("text, surface, name, precision", [
    ("Farmers rallied in Sangrur district (Punjab) over fuel prices.", "Sangrur", "Sangrūr", 2),
    ("A taxi driver was shot in Chilpancingo de los Bravo, Guerrero, on Monday.",
     "Chilpancingo de los Bravo", "Chilpancingo", 1),
])
def test_places_world_a_district_is_coded_at_its_seat(gazetteer, text, surface, name, precision):
    """ACLED codes a district at its capital: the town of its name, not the district's middle."""
    found = _found(text, gazetteer)
    assert found[surface]["name"] == name
    assert found[surface]["kind"] in ("city", "town")
    assert found[surface]["precision"] == precision


def test_places_world_a_province_named_by_its_capital_vouches_for_its_town(gazetteer):
    """'Al Hudaydah' names the province as well as its capital: a small town of it is taken."""
    text = "Gunmen fired at houses in the city of Hays in western Yemen (Hays, Al Hudaydah)."
    found = _found(text, gazetteer)
    assert found["Hays"]["country"] == "YE"


def test_places_world_a_name_the_gazetteer_lacks_before_a_unit_in_brackets(gazetteer):
    """'in Ceel Waaq Dheer town (Middle Shabelle)': the unit in brackets places the unknown town, though
    written in another spelling than GeoNames'."""
    found = _found("Militants executed a shopkeeper in Ceel Waaq Dheer town (Middle Shabelle) on Sunday.", gazetteer)
    assert found["Middle Shabelle"]["country"] == "SO"
    assert found["Middle Shabelle"]["within"] == "Ceel Waaq Dheer"


@pytest.mark.parametrize("text, gone, kept", [
    # the first word of a district's name is no village abroad
    ("Rioters threw firebombs at a bank in the Ras al Nabea district of Beirut.", "Ras", "Beirut"),
])
def test_places_world_a_word_of_an_unknown_name_is_no_namesake_far_away(gazetteer, text, gone, kept):
    found = _found(text, gazetteer)
    assert gone not in found and found[kept]["country"] == "LB"


def test_places_world_a_word_of_an_unknown_name_in_its_unit_stays(gazetteer):
    found = _found("Soldiers clashed with a gang in Macuto Bay, Vargas state, on Sunday.", gazetteer)
    assert found["Macuto"]["country"] == "VE"


def test_places_world_a_great_city_is_known_by_its_other_names(gazetteer):
    """'Odessa' is Odesa (a million people) before the town of Texas whose own name it is."""
    assert _found("Veterans marched in Odessa on Saturday.", gazetteer)["Odessa"]["country"] == "UA"


def test_places_world_a_province_qualifies_a_village_the_gazetteer_lacks(gazetteer):
    """'Dhi Kharab (Taizz)': no place of that name anywhere; Taizz is the province, not its city."""
    found = _found("Shells fell on Dhi Kharab (At Taiziyah, Taizz) on Sunday.", gazetteer)
    assert found["Taizz"]["kind"] == "governorate" and found["Taizz"]["country"] == "YE"


def test_places_world_a_unit_known_only_by_another_spelling_does_not_veto_an_exact_name(gazetteer):
    """'Sunderbani (Rajouri district)': 'Rajouri' only resembles a town of another state; the exact
    Sunderbani stands."""
    found = _found("Indian and Pakistani troops exchanged fire near Sunderbani (Rajouri district, J&K).", gazetteer)
    assert found["Sunderbani"]["country"] == "IN"


def test_places_world_a_unit_of_the_reports_country_vetoes_a_namesake_abroad(gazetteer):
    """'Gurbuz (Sekhamir Kalay) district, Khost': the Afghan district, not a Turkish village Gürbüz."""
    found = _found("A bomb planted by the Taliban wounded policemen in Gurbuz (Sekhamir Kalay) district, Khost, on "
                   "Friday.", gazetteer)
    assert "Taliban" not in found   # (a Turkish village's other name)
    assert "Gurbuz" not in found or found["Gurbuz"]["country"] == "AF"
    assert found["Khost"]["country"] == "AF"


@pytest.mark.parametrize("text, surface, country", [
    ("Police arrested a journalist in Sanaa on Monday.", "Sanaa", "YE"),        # not a Syrian village Sanaa
    ("Dozens of bakers protested in Sousse on Monday.", "Sousse", "TN"),        # not Syria's Sosa by another name
])
def test_places_world_a_city_bearing_the_name_beats_a_focus_village(gazetteer, text, surface, country):
    """Nothing says where: the focus countries' villages are preferred, but not over a city of
    100,000 or more whose own name is written, when the village is small or only bears it as another name."""
    assert _found(text, gazetteer)[surface]["country"] == country


def test_places_world_no_place_inside_a_group_name_nor_a_guess_at_a_hyphenated_names_tail(resources):
    """'Boko Haram' names no town Haram of Norway; 'Mayo-Sava' is a division the gazetteer lacks, not
    a town Sava of Italy (a city keeps its name after a hyphen)."""
    from conflictscope.models import Report
    from conflictscope.pipeline import code_report
    text = "On 3 May 2020, Boko Haram fighters raided a hamlet near Kolofata (Mayo-Sava, Extreme-Nord)."
    coded = code_report(Report(id="r", text=text, source_file="r.txt", published="2020-05-05"), resources, timeout=0)
    places = {m.text: m.resolved for m in coded.mentions if m.kind == "place"}
    assert "Haram" not in places and "Sava" not in places, places


@pytest.mark.parametrize("text, foreign", [
    # a district cue does not make a village of Greece the scene of a fight the text sets in Uruzgan
    ("On 8 May 2020, Taliban fighters attacked police posts in Chora district, killing 3 policemen, "
     "the Uruzgan police chief said from Tarinkot.", "Chora"),
    # one town of the country and its people's name are evidence enough against the village abroad
    ("Taliban fighters raided a police post in Chora district on Sunday night; Afghan officials in "
     "Tarinkot said three attackers died.", "Chora"),
    # a Venezuelan town of 100,000 is no world city: 'Ejido' opens a Mexican locality's name
    ("On 6 May 2020, in Comalcalco, Tabasco, the body of a farmer was found in Ejido La Palma with gunshot wounds.",
     "Ejido"),
])
def test_places_world_a_namesake_in_a_country_nothing_names_yields_to_the_reports_country(resources, text, foreign):
    """When the rest of the report places it firmly in one country, a town abroad that nothing in the
    text names is not taken for the scene because of a cue word or a town's size; only a world city
    (a million people) still is. The event falls to the report's own places."""
    from conflictscope.models import Report
    from conflictscope.pipeline import code_report
    coded = code_report(Report(id="r", text=text, source_file="r.txt", published="2020-05-09"), resources, timeout=0)
    places = {m.text for m in coded.mentions if m.kind == "place" and m.resolved}
    assert foreign not in places, places
    assert coded.events and all(e.country in ("Afghanistan", "Mexico") for e in coded.events)


def test_places_world_the_last_word_of_a_name_no_gazetteer_holds_is_no_town_abroad(gazetteer):
    """'The Jan Meda sports field': 'Meda' closes a name the gazetteer lacks ('Jan' is no place), not a town
    of Italy; the city named after it stays."""
    found = _found("Police dispersed hawkers at the Jan Meda sports field in Addis Ababa on Friday.", gazetteer)
    assert "Meda" not in found and found["Addis Ababa"]["country"] == "ET", found


def test_places_world_a_province_after_a_comma_vetoes_a_namesake_outside_it(gazetteer):
    """'San Carlos, Negros Occidental': a name that is only ever a province's, after a comma, qualifies
    the town before it even where the gazetteer lacks that town; no San Carlos of another country is
    chosen, and the event is coded at the province with geo_precision 2."""
    found = _found("Gunmen killed a village councillor in San Carlos, Negros Occidental, on Sunday.", gazetteer)
    assert "San Carlos" not in found, found
    unit = found["Negros Occidental"]
    assert unit["country"] == "PH" and unit["within"] == "San Carlos" and unit["precision"] == 2, unit


def test_places_world_a_short_line_dense_with_names_is_no_headline(gazetteer):
    """A one-line report with many names ('Houthi forces shelled Hays (Al Hudaydah)') is a sentence, not a headline
    in title case: a town named like an English word keeps its place when its province qualifies it."""
    found = _found("On 5 May 2020, Houthi forces shelled Hays (Al Hudaydah).", gazetteer)
    assert found.get("Hays", {}).get("country") == "YE", found


@pytest.mark.parametrize("text, code, province", [
    # common abbreviations of provinces that are not ISO codes, at the end of a bracket after a place
    ("Indian shelling hit a village near Kotli (AJK) on Tuesday.", "AJK", "Azad Kashmir"),
    ("Police were attacked at a checkpoint in Lakki Marwat (KPK) overnight.", "KPK", "Khyber Pakhtunkhwa"),
])
def test_places_world_a_common_abbreviation_of_a_province_qualifies_the_place(gazetteer, text, code, province):
    found = _found(text, gazetteer)
    assert found.get(code, {}).get("name") == province, found


@pytest.mark.parametrize("text, district", [
    # a district named first in brackets is no word opening a sentence (four namesakes or not)
    ("Two herders were wounded by a landmine at Wadi Hulayl (Qaatabah, Ad Dali) on Sunday.", "Qaatabah"),
    # a small district far from its province's capital stands for the place it qualifies, also where
    # that place's name was taken for a namesake abroad and rejected
    ("Houthi fighters shelled army posts in the Jabal Hamra area (Mahliyah, Marib) overnight.", "Mahliyah"),
    ("Gunmen robbed a trader near the hamlet of Inazrouf (Gourma-Rharous, Tombouctou).", "Gourma-Rharous"),
])
def test_places_world_the_district_of_a_village_the_gazetteer_lacks_is_its_place(gazetteer, text, district):
    found = _found(text, gazetteer)
    assert district in found, found
    assert found[district]["precision"] == 2


@pytest.mark.parametrize("text, town", [
    ("Residents blocked a road in Apodaca, Nuevo Leon, to demand water.", "Ciudad Apodaca"),
    ("Gunmen shot a shopkeeper in Caborca, Sonora.", "Heroica Caborca"),
])
def test_places_world_a_municipality_is_coded_at_the_town_whose_name_ends_with_its_own(gazetteer, text, town):
    first = find_place_mentions(text, gazetteer)[0]
    assert gazetteer.place(first.resolved).name == town
    assert json.loads(first.detail)["precision"] == 1


def test_places_world_the_last_name_in_brackets_is_a_unit_before_a_town_abroad(gazetteer):
    """'(Diguel, Soum)': the slot of a province or district; Soum is the province of Burkina Faso there,
    not the town of Senegal that outranks it by size, and it stands for the village it follows."""
    found = _found("Gunmen burned a school and the mayor's house in Koutougou (Diguel, Soum) overnight.", gazetteer)
    assert found["Soum"]["country"] == "BF", found["Soum"]


@pytest.mark.parametrize("text, surface", [
    ("Traders closed their shops in Central Beirut on Monday.", "Beirut"),
    ("A grenade went off near a market in North Nicosia.", "Nicosia"),
])
def test_places_world_a_city_after_a_direction_word_is_no_surname(gazetteer, text, surface):
    """'Central Beirut': a capitalised direction before a city is part of the city, not a given name."""
    assert surface in _found(text, gazetteer)


def test_places_world_a_town_named_with_the_wrong_province_of_its_country_is_still_the_town(gazetteer):
    """'in Puerto Natales (Los Lagos)': Puerto Natales lies in Magallanes, not Los Lagos, and no other Chilean
    town bears its name, so the report slipped on the province and the town is the place, not the province's
    capital. A district named with the wrong province is not taken for a town elsewhere."""
    found = _found("Nurses held a vigil in Puerto Natales (Los Lagos) over unpaid overtime.", gazetteer)
    assert found["Puerto Natales"]["precision"] == 1, found
    found = _found("An air strike hit a compound in Baharak district, Takhar.", gazetteer)
    assert "Baharak" not in found or found["Baharak"]["precision"] != 1, found


def test_places_world_a_respelt_town_outside_the_named_province_is_no_scene(gazetteer):
    """'Choro village (Kamjong district, Manipur)': Churu is another spelling of that name, but it lies in
    Rajasthan, far from Manipur and from every place named as written; the village is one the gazetteer
    lacks, and the guess is dropped."""
    found = _found("Militants set off a bomb near Choro village, between two hamlets of Kamjong district, "
                   "Manipur.", gazetteer)
    assert "Choro" not in found, found


def test_places_world_a_lower_case_a_joins_one_name(gazetteer):
    """'Gracias a Dios' is one department's name, not the town of Gracias followed by two words."""
    found = _found("Soldiers destroyed a landing strip in Brus Laguna, Gracias a Dios, on Thursday.", gazetteer)
    assert "Gracias" not in found and found["Brus Laguna"]["precision"] == 1, found


def test_places_world_a_name_placed_in_a_town_abroad_is_part_of_that_town(gazetteer):
    """'the jail of Ras al Ain in Fes': the Syrian town of that name is no scene; the name is a part of Fes
    the gazetteer lacks, and Fes is the place."""
    found = _found("Inmates refused their meals at the jail of Ras al Ain in Fes on Tuesday.", gazetteer)
    assert "Ras al Ain" not in found and "Fes" in found, found


@pytest.mark.parametrize("text, word", [
    ("Gunmen fired at an ambulance near Arish, North Sinai, on Monday.", "North"),
    ("Soldiers from South Sudan looted shops across the border in Faradje.", "South"),
])
def test_places_world_a_direction_word_before_a_name_is_no_province(gazetteer, text, word):
    """'North Sinai', 'South Sudan': a lone direction word that begins a longer name is no province called
    'North' or 'South' somewhere else (New Caledonia, Cameroon)."""
    assert word not in _found(text, gazetteer)


@pytest.mark.parametrize("town, country", [("Ramallah", "PS"), ("Farah", "AF")])
def test_places_world_a_town_spelt_as_its_own_beats_a_respelt_town_of_the_focus_countries(gazetteer, town, country):
    """'in Ramallah' with no country named: the Palestinian city of some 40,000, spelt as its own name, comes
    before a Syrian village of which 'Ramallah' is only another spelling; the focus countries' weight is for
    their villages' many spellings, not for outweighing a town's own name."""
    found = _found(f"Farmers blocked the road in {town} over water cuts.", gazetteer)
    assert found[town]["country"] == country, found


def test_places_world_a_chain_of_unknown_names_is_placed_at_the_unit_that_ends_it(gazetteer):
    """'in Barangay Tumantangis, Indanan, Sulu': two names the gazetteer lacks, then the province; the event is coded
    at the province with precision 2 (a place inside it), where it was left without a place."""
    found = _found("Soldiers traded fire with gunmen in Barangay Tumantangis, Indanan, Sulu.", gazetteer)
    assert found.get("Sulu", {}).get("precision") == 2, found


def test_places_world_villages_named_between_brackets_are_unknown_places_of_their_units(gazetteer):
    """'between the villages of Tiguila (Bandiagara, Mopti) and ...': 'between' and a plural 'villages of' introduce a
    village the gazetteer lacks, which the bracket places in Bandiagara (precision 2), not at the town itself."""
    found = _found("Gunmen stopped a bus between the villages of Tiguila (Bandiagara, Mopti) and Sogou (Bankass, Mopti).",
                   gazetteer)
    assert found["Bandiagara"]["precision"] == 2, found


def test_places_world_a_division_geonames_names_by_part_of_its_name_is_known_by_the_whole(gazetteer):
    """GeoNames calls Jammu and Kashmir 'Kashmir': the ISO name, whose words hold the GeoNames name, is another
    name of it, and 'J&K' after a town qualifies it, so a respelt town of another state is no longer taken."""
    assert [gazetteer.place(i).id for i, q in gazetteer.match("Jammu and Kashmir") if q >= 0.97][:1] == ["admin1:IN:kashmir"]
    found = _found("Troops traded fire across the LoC in Sunderbani sector (Rajouri district, J&K).", gazetteer)
    assert found["Sunderbani"]["precision"] == 1 and "Rajouri" not in found, found


def test_places_world_a_facility_named_after_a_far_town_is_no_scene(gazetteer):
    """'held them in the Santa Anita prison' in a story in Chiapas: the prison's name, after 'the', is no town of
    Jalisco 1,000 km away from every other place of the report."""
    found = _found("Armed men stopped a truck in Simojovel, Chiapas. The four occupants were locked up in the Santa Anita "
                   "prison overnight.", gazetteer)
    assert "Santa Anita" not in found and "Simojovel" in found, found


def test_places_world_a_country_named_like_one_of_its_provinces_qualifies_as_that_province(gazetteer):
    """'in Tenancingo, Mexico': Mexico is also the State of Mexico, where one Tenancingo lies; that one is chosen
    over the namesake in Tlaxcala, as a named province would choose it."""
    found = _found("More than twenty traders demonstrated in Tenancingo, Mexico, to be allowed to reopen.", gazetteer)
    assert found["Tenancingo"]["admin1"] == "Mexico", found


def test_places_world_a_place_its_city_and_the_citys_province_are_a_chain_not_a_list(gazetteer):
    """'in Bocachica, Cartagena, Bolivar': the province contains the city, so the three names are a place, its
    city and the city's province, not a list; the city qualifies the first name, which is no Boca Chica of
    the Dominican Republic, and the event is coded in Cartagena with precision 2."""
    found = _found("Residents protested in Bocachica, Cartagena, Bolivar, over the aid handouts.", gazetteer)
    assert "Bocachica" not in found and found["Cartagena"]["precision"] == 2, found


def test_places_world_a_small_place_in_a_province_named_after_the_list_is_kept(gazetteer):
    """'at the entrance of Tafi del Valle and Mollar (Tucuman)': the province in brackets after the list is
    Tafi del Valle's too; the village, spelt as written and lying in it, is kept although no cue precedes it."""
    found = _found("Neighbours blocked the road at the entrance of Tafi del Valle and Mollar (Tucuman) on Friday.", gazetteer)
    assert found.get("Tafi del Valle", {}).get("precision") == 1, found


def test_places_world_two_towns_joined_by_a_hyphen_before_highway_are_a_route(gazetteer):
    """'the Tripoli-Beirut highway': a road between two towns, so Beirut is a place of the report (not a district
    of Tripoli), and with it the report's Tripoli is the Lebanese one, not Libya's capital."""
    found = _found("Youths set tyres alight and cut the Tripoli-Beirut highway near the bridge on Monday.", gazetteer)
    assert found["Beirut"]["country"] == "LB" and found["Tripoli"]["country"] == "LB", found


def test_places_world_a_square_named_like_a_far_town_is_no_scene(gazetteer):
    """'gathered at the al Nour square in Hasbaya': a square's name, after 'the', is no namesake town in another
    country far from every other place of the report."""
    found = _found("Teachers gathered at the al Alam square in Hasbaya over unpaid wages.", gazetteer)
    assert "al Alam" not in found and "Hasbaya" in found, found


@pytest.mark.parametrize("text, surface, admin1", [
    ("Two brothers were shot dead outside a shop in Benito Juarez, Nuevo Leon, on Sunday.", "Benito Juarez", "Nuevo Leon"),
    ("Dock workers walked out in Lazaro Cardenas, Michoacan, over the new shifts.", "Lazaro Cardenas", "Michoacan"),
])
def test_places_world_a_town_is_known_without_the_title_before_its_name(gazetteer, text, surface, admin1):
    """GeoNames writes 'Ciudad Benito Juarez', 'Ciudad Lazaro Cardenas'; reports and the municipality drop the
    title, so 'Benito Juarez, Nuevo Leon' is that town, not one of the other Benito Juarez, none in Nuevo Leon."""
    found = _found(text, gazetteer)
    assert found[surface]["admin1"] == admin1 and found[surface]["precision"] == 1, found


def test_places_world_a_small_town_of_another_province_than_the_one_named_is_no_scene(gazetteer):
    """'a hamlet under Manpur police station in Gaya district (Bihar)': the Manpur spelt so is a small town of
    Madhya Pradesh, far from every place named, in another province than the one the report names."""
    found = _found("A constable fired at villagers in a hamlet under Manpur police station in Gaya district (Bihar).",
                   gazetteer)
    assert "Manpur" not in found and "Gaya" in found, found


def test_places_world_a_name_before_a_metropolis_is_its_district(gazetteer):
    """'in San Cristobal, Bogota': after a comma, a city of a million or more; before it a name that is no city of
    that country (the San Cristobal of the gazetteer lie elsewhere): a district of Bogota, coded at the city, not a
    list of two places with the first read abroad."""
    found = _found("Some forty residents blocked a road in San Cristobal, Bogota, demanding food aid.", gazetteer)
    assert "San Cristobal" not in found and found["Bogota"]["country"] == "CO" and found["Bogota"]["precision"] == 2, found


@pytest.mark.parametrize("text, unit", [
    ("Police beat a trader in Kyabagenzi subcounty (Mubende district) for breaking the curfew.", "Mubende district"),
    ("Gunmen burned a school in Tongo chiefdom, Kenema district, on Friday.", "Kenema"),
])
def test_places_world_an_unknown_subcounty_or_chiefdom_is_placed_at_the_unit_after_it(gazetteer, text, unit):
    """'in Kyabagenzi subcounty (Mubende district)': a sub-county (or chiefdom) the gazetteer lacks, qualified by
    the district after it: the event is placed at the district with precision 2, as for an unknown village."""
    found = _found(text, gazetteer)
    assert list(found) == [unit] and found[unit]["precision"] == 2, found


def test_places_world_a_distance_marker_is_no_town(gazetteer):
    """'in the Kilo 16 area, east of Hodeidah city': a place named by its distance along a road is no town called
    Kilo; the city the text ties it to is the place."""
    found = _found("Fighting went on in the Kilo 16 area, east of Hodeidah city, through the night.", gazetteer)
    assert list(found) == ["Hodeidah"] and found["Hodeidah"]["precision"] == 2, found


@pytest.mark.parametrize("text, surface", [
    # a village of 500-1,000 people, in a report its country's other names vouch for
    ("Artillery fire hit Onyshky in Poltava oblast, Ukraine, on Monday.", "Onyshky"),
    ("Shelling damaged houses in Kruta Balka (Poltava) overnight.", "Kruta Balka"),
])
def test_places_world_a_small_village_is_found_where_the_report_vouches_for_it(gazetteer, text, surface):
    found = _found(text, gazetteer)
    assert found[surface]["country"] == "UA"
    assert found[surface]["precision"] == 1


def test_places_world_a_small_village_abroad_is_no_part_of_a_longer_name(gazetteer):
    # "Kidosh" is a Ukrainian village of some 900 people; here it is the first word of a place the
    # gazetteer lacks, in a Somali report: the unit that qualifies that place is coded, not Ukraine
    found = _found("Clan militias fought near Kidosh Madow village (Bulo Burto, Hiraan).", gazetteer)
    assert "Kidosh" not in found and found["Hiraan"]["country"] == "SO"
    assert not any(d["country"] == "UA" for d in found.values())


def test_places_world_a_ward_number_stands_between_a_town_and_its_units(gazetteer):
    text = "Residents protested at the ration office in Hajipur Ward No. 12 (Vaishali district, Bihar)."
    found = {m.text: m for m in find_place_mentions(text, gazetteer)}
    town = found["Hajipur"]
    assert json.loads(found["Vaishali"].detail)["qualifies"] == [town.start, town.end]


def test_places_world_a_country_word_may_open_a_towns_own_name(gazetteer):
    """'Mali Zvornik' is a Serbian town, not the word 'Mali' then Bosnia's Zvornik across the river."""
    found = _found("Residents banged pots on their balconies in Mali Zvornik, Serbia, on Friday.", gazetteer)
    assert "Mali Zvornik" in found and found["Mali Zvornik"]["country"] == "RS"
    assert "Zvornik" not in found
