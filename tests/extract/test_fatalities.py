"""Deaths by the ACLED rules: numbers governed by a death word, injuries never."""
import pytest

from conflictscope.extract.events import Lexicon
from conflictscope.extract.fatalities import FatalityReader

READER = FatalityReader(Lexicon.load().number_words)

CASES = [
    ("Militants ambushed a convoy on Wednesday, killing at least seven soldiers.", [7]),
    ("State media said seven soldiers were killed and 10 wounded.", [7]),
    ("A war monitor put the death toll at 11.", [11]),
    ("nine Syrian soldiers were killed and 20 wounded as a result of the bomb", [9]),
    ("ISIS drew forces into a days-long fight near Sukhnah, killing at least a dozen.", [12]),
    ("at least six militiamen were killed, among them Iraqis", [6]),
    ("A civilian was shot dead last night in the town of Dhiban.", [1]),
    ("One demonstrator was killed and three others were injured.", [1]),
    ("EMHR has documented the deaths of 15 people during three days of fighting.", [15]),
    ("unidentified gunmen shot and killed the mukhtar of Tafas near his home", [1]),
    ("the strike killed dozens of fighters", [12]),
    ("The bombing resulted in the killing of 7 Iranian military advisors, including 3 senior commanders.", [7]),
    ("Two members of Kataib Hezbollah were killed on Wednesday when a drone struck their vehicle.", [2]),
    # one death told without a figure: the victim died, stabbed to death, lynched a man; 'one death'
    ("Gunmen shot a bus driver in the market. The driver died on the way to hospital.", [1]),
    ("A man armed with a knife stabbed a radio presenter to death.", [1]),
    ("Villagers lynched a man suspected of stealing goats.", [1]),
    ("Rival factions exchanged fire near the port, resulting in one death.", [1]),
    ("Gunmen stabbed two traders to death at the market.", [2]),
    # party cadres and police ranks are people counted among the dead
    ("Two rebel cadres and a police constable were killed in the encounter.", [3]),
    # the subject of a clause 'in which' others died is not the dead
    ("Troops had a firefight with rebels near the ridge in which three rebels were killed.", [3]),
    # one person by office or trade, killed or assassinated, counts one
    ("A provincial judge was shot dead by gunmen outside his home.", [1]),
    ("Gunmen assassinated a local engineer near the market.", [1]),
    ("The rebel district head of finance was killed in a raid.", [1]),
    # shot or beaten "to death", active or passive: the people counted before it or between
    ("Police shot two robbery suspects to death in a favela.", [2]),
    ("Three youths were shot to death outside a bar.", [3]),
    ("A shop owner was shot to death on Friday.", [1]),
    ("Two villagers were beaten to death by a mob.", [2]),
    # deaths told without a figure are 'several' (ACLED.md: plural deaths with no number)
    ("Rebels attacked army posts near the dam, incurring fatalities.", [3]),
    ("A roadside bomb hit a patrol, killing and wounding an unknown number of soldiers.", [3]),
    ("The air raid killed an unspecified number of fighters near the river.", [3]),
    # one person attacked (or abducted, ambushed ...) and killed, in the passive
    ("A shopkeeper was attacked and killed over a land dispute in the village.", [1]),
    # the death an act resulted in (not a death named as a cause: see the table of no deaths)
    ("The two clans exchanged fire, resulting in the death of a young man hit by a stray bullet.", [1]),
    ("The raid on the camp caused the deaths of three herders.", [3]),
    # an attacker, named by what he did, is a person too
    ("The assailant died in the exchange of fire.", [1]),
    ("A gunman was shot dead by the guards.", [1]),
    # a parent and a child killed, told with articles rather than 'his'
    ("A soldier fired on a family at a checkpoint, killing the mother and a daughter.", [2]),
    ("An undetermined number of herders were killed in the raid.", [3]),
    # one person by a digit, a long clause before the verb, "shot and killed", "fatally shot"
    ("1 girl was killed and 4 villagers were hurt when a shell hit the school.", [1]),
    ("A retired teacher who had run the village school for twenty years was shot dead by two men on a motorbike.", [1]),
    ("A vendor was shot and killed at the bus terminal.", [1]),
    ("Unknown men fatally shot the head of the local council outside his shop.", [1]),
    # the dead counted with no people word, and a person with a relative or a guard
    ("The attackers were repelled; three were killed on each side.", [3]),
    ("A tribal chief and his driver were shot dead on the road to the market.", [2]),
    # tortured to death, active or passive
    ("Soldiers detained and tortured a farmer to death near the camp.", [1]),
    ("Two prisoners were tortured to death in the police station.", [2]),
    # bodies found are the dead of the event that left them
    ("The body of a young man was found with stab wounds near the market.", [1]),
    ("Residents found two bodies with gunshot wounds in a ditch.", [2]),
    ("The bodies of four men were dumped on the highway.", [4]),
    ("A body was discovered in a burned car.", [1]),
    # a figure that names the wounded does not hide the dead told after it
    ("5 people were wounded and 1 person died in hospital.", [1]),
]
NONE = [
    "Two children were injured.",
    "Fighting broke out after the death of a tribal elder.",
    "the 47th Regiment moved 200 fighters to Abu Kamal",
    "The Fatemiyoun moved around 200 fighters from positions near Palmyra.",
    "Security forces dismantled 35 explosive devices.",
    "Dozens of angry relatives gathered outside the hospital.",
    "Four policemen were injured.",
    "The clash left no fatalities.",
    # bodies of people, not of the dead
    "Two governing bodies met to discuss the budget.",
    "The electoral body of the province announced the results.",
    # someone else's death: a person after "of" is no subject of the killing
    "Relatives of a farmer who was killed last week blocked the road.",
    "Kata'ib al-Imam Ali claims to have some 500 fighters in Syria.",
]


@pytest.mark.parametrize("sentence,counts", CASES)
def test_fatalities_read_deaths(sentence, counts):
    assert [f.count for f in READER.read(sentence)] == counts


@pytest.mark.parametrize("sentence", NONE)
def test_fatalities_ignore_injuries_units_and_other_counts(sentence):
    assert READER.read(sentence) == []


def test_fatalities_span_points_at_words():
    s = "The attack left 15 dead."
    f = READER.read(s)[0]
    assert s[f.start:f.end] == f.text and "15" in f.text


@pytest.mark.parametrize(("number_words", "counts"), [({"seven": 7}, [7]), ({"Seven": 7}, [7]), ({"two": 2}, [])])
def test_fatalities_number_words_come_from_the_reader(number_words, counts):
    reader = FatalityReader(number_words)
    assert [f.count for f in reader.read("Seven soldiers were killed near the town.")] == counts


@pytest.mark.parametrize("sentence,counts", [
    ("Gunmen killed 1,500 civilians.", [1500]),
    ("The death toll rose to 12,000.", [12000]),
    ("The death toll rose to 1,000,000.", []),            # above MAX_FATALITIES: not read
    ("Gunmen killed 12345678901234567890 civilians.", []),
    ("Gunmen killed 1.500 civilians.", []),               # never the "1" of a longer figure
    ("Gunmen killed 1 500 civilians.", []),
    ("1.000 people were killed.", []),
    ("1 500 people were killed.", []),
    ("Gunmen killed 3 500-strong units.", []),
    ("9999 people and 9999 soldiers were killed.", [19998]),
])
def test_fatalities_figures_are_read_whole_and_capped(sentence, counts):
    assert [f.count for f in READER.read(sentence)] == counts


@pytest.mark.parametrize("text, count", [
    ("Residents said 20-25 people were killed in the raid.", 20),
    ("Between 4 and 6 herders were killed when gunmen raided the camp.", 4),
    ("Officials said 7 to 9 fighters were killed in the clashes.", 7),
])
def test_fatalities_a_range_gives_its_lowest_figure(text, count):
    found = READER.read(text)
    assert [f.count for f in found] == [count]
    assert str(count) in found[0].text.replace("-", " ").split()[:2]   # the evidence shows the whole range


@pytest.mark.parametrize("text, count", [
    ("Three villagers were killed when the mortar round landed.", 3),
    ("Police said two suspected bandits were shot dead at the roadblock.", 2),
    ("Five prisoners died in the fire that followed the riot.", 5),
])
def test_fatalities_the_people_real_reports_count(text, count):
    assert [f.count for f in READER.read(text)] == [count]


@pytest.mark.parametrize("text", [
    "Gunmen assassinated a tribal sheikh near his home.",
    "A local notable was shot dead by unknown gunmen.",
])
def test_fatalities_sheikhs_and_notables_are_people_killed(text):
    """Tribal sheikhs and local notables, frequent victims of assassinations, are one person killed."""
    assert [f.count for f in READER.read(text)] == [1]


def test_fatalities_a_person_and_a_relative_killed_in_the_active_are_two():
    """'Gunmen killed a lawyer and his son': two deaths, as in the passive ('a councillor and his wife were
    shot dead')."""
    assert [f.count for f in READER.read("Gunmen killed a lawyer and his son in front of their house.")] == [2]
    assert [f.count for f in READER.read("A drone struck his car, killing him and his driver.")] == [2]


def test_fatalities_one_attacker_killed_in_reply_adds_to_the_defenders_dead(resources):
    """'Killing three soldiers ... killed one attacker': the figure names its side in the singular too
    ("attacker", "assailant", "gunman"), so the two sides' dead add up instead of the lower figure
    being read as a differing total."""
    from conflictscope.ingest import read_text
    from conflictscope.pipeline import code_report

    assert [f.text for f in READER.read("The troops fired back and killed one attacker.")] == ["killed one attacker"]
    report = read_text("On 9 June 2021, gunmen attacked an army post near Tikrit, killing three soldiers. The "
                       "troops responded and killed one attacker.", name="case.txt", published="2021-06-10")
    events = code_report(report, resources).events
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 4)]


def test_fatalities_a_possessive_before_one_person_killed_counts_one():
    """'Killing its rider', 'killing his driver': one person, named by role after a possessive, as after
    'the'."""
    assert [f.count for f in READER.read("A drone targeted a motorcycle, killing its rider.")] == [1]
    assert [f.count for f in READER.read("Gunmen ambushed the car, killing his driver.")] == [1]


def test_fatalities_a_day_of_the_month_is_no_count():
    """'BASRA, Mar 14 - Protesters ... a day after a trader was shot dead': the figure after a month's
    name is the dateline's day, not fourteen dead; the one death told is read."""
    found = READER.read("BASRA, Mar 14 - Angry protesters burned tyres in the city on Sunday, a day after "
                        "a trader was shot dead by gunmen.")
    assert [f.count for f in found] == [1], found


def test_fatalities_a_person_and_a_number_of_kin_add_up():
    """'A woman and her two children were killed': the person and the figure, three deaths (not the
    'A' read as one person)."""
    assert [f.count for f in READER.read("A woman and her two children were killed when a shell hit their "
                                         "house.")] == [3]
    assert [f.count for f in READER.read("A farmer and his three sons were shot dead.")] == [4]


def test_fatalities_a_person_and_kin_as_object_are_read_before_the_person_alone():
    """'attacked the village, killing a farmer and his son': two deaths; the person alone ('killing a
    farmer', one) is the shorter reading of the same words."""
    assert [f.count for f in READER.read("Militants attacked the village, killing a farmer and his son.")] == [2]


def test_fatalities_a_person_found_killed_is_one_death():
    """'a woman was found killed inside her tent': one death, as 'found dead' is."""
    assert [f.count for f in READER.read("On 2 June 2021, a woman was found killed inside her tent in the camp.")] == [1]


def test_fatalities_one_person_killed_before_another_act_of_the_killers():
    """'killed a money changer and stole his money': one death; 'and' followed by another act of the
    killers is no second victim (but 'a man and his son', 'a man and two women' still are more)."""
    assert [f.count for f in READER.read("Gunmen killed a money changer and stole his money.")] == [1]
    assert [f.count for f in READER.read("Gunmen killed a shopkeeper and fled.")] == [1]


def test_fatalities_the_execution_of_a_number_counts_them():
    """'a video showing the execution of two men': an execution told as a noun counts its victims."""
    assert [f.count for f in READER.read("The group released a video showing the execution of two men in the desert.")] == [2]


def test_fatalities_a_crowd_is_not_counted_by_the_death_that_moved_it():
    """'Hundreds of youths threw stones after a man died in custody': the crowd's size is no death toll;
    the clause of time brings its own subject (the one man who died)."""
    reader = FatalityReader(Lexicon.load().number_words)
    counts = [f.count for f in reader.read("Hundreds of youths threw stones at police after a man died in custody.")]
    assert 100 not in counts and 12 not in counts, counts


def test_fatalities_a_person_of_two_words_and_a_relative_are_two_deaths():
    """'A rice farmer and his brother were killed': two deaths, not the one a plain passive reading takes."""
    reader = FatalityReader(Lexicon.load().number_words)
    assert [f.count for f in reader.read("A rice farmer and his brother were killed in the clash.")] == [2]


def test_fatalities_animals_killed_are_no_deaths():
    """'killed 12 goats', 'killed 30 head of cattle': livestock are no fatalities; people killed beside them are."""
    assert READER.read("Raiders burned the huts and killed 12 goats before fleeing.") == []
    assert [f.count for f in READER.read("Raiders killed 4 herders and 30 cattle.")] == [4]


def test_fatalities_two_single_people_joined_by_and_add_up():
    """'One gunman and one constable died', 'a nurse and another three men were killed': each side of
    the 'and' is counted; one person on each side is two deaths, not the first alone."""
    assert [f.count for f in READER.read("During the exchange one gunman and one constable died.")] == [2]
    assert [f.count for f in READER.read("A nurse of the clinic and another three men were killed.")] == [4]
    assert [f.count for f in READER.read("A trader and a driver were shot dead at the market.")] == [2]


def test_fatalities_the_second_party_told_hurt_is_no_death():
    """'killed a farmer and a herder was injured': the herder is hurt, so one death."""
    assert [f.count for f in READER.read("The raiders killed a farmer and a herder was injured.")] == [1]


def test_fatalities_others_told_after_the_first_dead_add_to_them():
    """'Two guards died at once while the other three victims died later': the event counts five;
    the second figure tells other dead, not a differing report of the same ones."""
    from conflictscope.extract.events.records import count_deaths

    figures = READER.read("Two guards died at once while the other three victims died later in a clinic.")
    assert [f.count for f in figures] == [2, 3]
    assert figures[1].text.lower().startswith("the other")
    deaths = [(f.count, f.text, f.start, f.end, f.rule) for f in figures]
    total, used, why, differ = count_deaths(deaths)
    assert total == 5 and len(used) == 2 and not differ and "added" in why
    # two reports of the same dead still give the lowest
    assert count_deaths([(4, "four people were killed", 0, 1, "r"), (6, "six people were killed", 2, 3, "r")])[0] == 4


def test_fatalities_dead_told_with_also_are_others():
    """'Also, two guards were shot dead': 'also' opening the figure tells more dead, added to the rest."""
    from conflictscope.extract.events.records import count_deaths

    figures = READER.read("Three traders were killed at the market. Also, two guards were shot dead near the bridge.")
    assert [f.count for f in figures] == [3, 2]
    assert count_deaths([(f.count, f.text, f.start, f.end, f.rule) for f in figures])[0] == 5


def test_fatalities_bodies_found_without_a_figure_are_several():
    """'Bodies were dumped by the road', 'soldiers recovered human remains': plural dead without a
    figure count as 'several' (3); bodies of dead already told ('their bodies') and bodies that are
    no dead ('advisory bodies were found to be') are not counted."""
    assert [f.count for f in READER.read("Bodies were dumped by the road near the quarry.")] == [3]
    assert [f.count for f in READER.read("Soldiers recovered human remains in a field.")] == [3]
    assert [f.count for f in READER.read("Four guards were shot dead; their bodies were found at dawn.")] == [4]
    assert READER.read("Two advisory bodies were found to be at fault.") == []


def test_fatalities_a_list_of_figures_adds_up():
    """'four guards, two drivers and one trader were killed': every figure of the list counts;
    a list of the wounded is no death toll."""
    assert [f.count for f in READER.read("Four guards, two drivers and one trader were killed at the depot.")] == [7]
    assert [f.count for f in READER.read("The shelling killed two soldiers, three farmers, and a child.")] == [6]
    assert READER.read("Four guards, two drivers and one trader were wounded at the depot.") == []


def test_fatalities_as_well_as_and_an_aside_join_two_figures():
    """'three villagers (one of them a teacher) as well as two guards were killed': five."""
    assert [f.count for f in READER.read("Three villagers (one of them a teacher) as well as two guards were killed.")] == [5]


def test_fatalities_other_or_more_dead_and_dead_also_killed_are_added():
    """'Two other guards were killed', 'six militants were also killed': more dead, not a second
    report of those before."""
    from conflictscope.extract.events.records import count_deaths

    for text, total in (("Three guards were killed at the gate. Two other guards were killed at the tower.", 5),
                        ("Three guards were killed at the gate. Six guards were also killed inside.", 9)):
        figures = READER.read(text)
        assert count_deaths([(f.count, f.text, f.start, f.end, f.rule) for f in figures])[0] == total, text


def test_fatalities_also_not_about_the_death_adds_nothing():
    """'three clerks who were also nurses were found dead' and then 'the victims died': one toll
    of three; 'were also' names what the dead were, not more dead."""
    from conflictscope.extract.events.records import count_deaths

    figures = READER.read("Three women who were also nurses were killed at home. The three victims died of their wounds.")
    assert count_deaths([(f.count, f.text, f.start, f.end, f.rule) for f in figures])[0] == 3


def test_fatalities_common_ways_to_tell_one_or_a_few_deaths():
    """Ways reporters tell deaths that no rule read: 'was martyred', 'lost his life', 'claimed the
    life of', an age before the person, a bare figure or a pronoun for subject."""
    cases = {"A paramedic was martyred in the shelling.": [1],
             "Three fighters were martyred near the dam.": [3],
             "A guard lost his life in the blast.": [1],
             "The explosion claimed the life of a baker.": [1],
             "Raiders shot dead a 40-year-old herder.": [1],
             "Police said one was killed at the roadblock.": [1],
             "A farmer was shot near his field. He died on the way to hospital.": [1]}
    for text, counts in cases.items():
        assert [f.count for f in READER.read(text)] == counts, text


def test_fatalities_the_cheap_tests_of_the_list_rules_change_no_reading():
    """The pair and series rules run only where a figure follows 'and' or a comma; without those
    tests every reading is the same."""
    texts = ["Four guards, two drivers and one trader were killed at the depot.",
             "Three villagers (one of them a teacher) as well as two guards were killed.",
             "One gunman and one constable died.", "A trader and a driver were shot dead.",
             "Seven soldiers were killed, and 12 wounded.", "The clash left 3 dead, police said."]
    gated = FatalityReader(Lexicon.load().number_words)
    ungated = FatalityReader(Lexicon.load().number_words)
    ungated.gates = {}
    for text in texts:
        assert gated.read(text) == ungated.read(text), text
