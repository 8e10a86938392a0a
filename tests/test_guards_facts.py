"""Fact-lock: extract_facts() and check_facts()."""

import pytest

from generate.guards import check_facts, extract_facts

CLASICO = (
    "Kylian Mbappé scored twice as Real Madrid beat Barcelona 3-1 at the Bernabéu on Sunday. "
    "The forward joined in a $45 million move in 2024 and now has 21 goals this season."
)


def numbers(text):
    return [n.value for n in extract_facts(text).numbers]


def names(text):
    return [n.text for n in extract_facts(text).names]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Arsenal won 3-1.", ["3-1"]),
        ("Lakers beat the Celtics 112–108 in overtime.", ["112-108"]),
        ("It finished 2 - 2 after extra time.", ["2-2"]),
        ("He joined for $45 million.", ["45000000"]),
        ("A £100m bid, a €30m fee and a $1.2bn takeover.", ["100000000", "30000000", "1200000000"]),
        ("A $45m bid, then a €45m fee.", ["45000000", "45000000"]),  # two amounts, not one
        ("Attendance was 62,000, 45% of them away fans.", ["62000", "45%"]),
        ("Possession: 61 per cent.", ["61%"]),
        ("His 21st goal of the 2023-24 season came in 1999s style.", ["21", "2023-24", "1999"]),
        ("A 5.41 ERA over 3 seasons.", ["5.41", "3"]),
        ("The San Francisco 49ers signed an F1 fan.", []),
    ],
)
def test_extract_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (CLASICO, ["Kylian Mbappé", "Real Madrid", "Barcelona", "Bernabéu"]),
        (
            "Martin Ødegaard and Shaquille O'Neal watched Virgil van Dijk.",
            ["Martin Ødegaard", "Shaquille O'Neal", "Virgil van Dijk"],
        ),
        ("Paris Saint-Germain sold Ousmane Dembélé in March.", ["Paris Saint-Germain", "Ousmane Dembélé"]),
        ("Stunning scenes as Arsenal won on Tuesday.", ["Arsenal"]),  # sentence-start word, weekday
        ("The Lakers won. After the game LeBron James spoke.", ["Lakers", "LeBron James"]),
        # Title Case headline: capitals say nothing, so only uncommon words are names.
        ("Mbappé Scores Twice As Real Madrid Beat Barcelona.", ["Mbappé", "Madrid", "Barcelona"]),
        (
            "Kieran Osei beat world No. 1 Lorenzo Basile at Indian Wells.",
            ["Kieran Osei", "Lorenzo Basile", "Indian Wells"],
        ),
    ],
)
def test_extract_names(text, expected):
    assert names(text) == expected


def test_number_kinds():
    text = "20-17 in 2023-24, a 4-4-2, the 4x100m at 7:30pm, $5m, €1.2bn, 45m, 30%, 21st, 3x and 7."
    kinds = [n.kind for n in extract_facts(text).numbers]
    assert kinds == ["score", "season", "sequence", "sequence", "sequence", "money", "money", "number",
                     "percent", "ordinal", "number", "number"]


def test_shouted_sequences_parse_like_lower_case_ones():
    # Captions are often in caps: "4X100M" once crashed the fact checker.
    assert [n.value for n in extract_facts("THE 4X100M RELAY, A 3X CHAMP").numbers] == \
        [n.value for n in extract_facts("the 4x100m relay, a 3x champ").numbers]
    assert check_facts("Jamaica won the 4x100m relay.", "JAMAICA 4X100 KINGS 🔥").invented_numbers == []


def test_a_surname_later_does_not_make_a_second_name():
    assert names("Kylian Mbappé scored. Mbappé now has 21.") == ["Kylian Mbappé"]
    assert names("Mbappé scored. Kylian Mbappé now has 21.") == ["Kylian Mbappé"]


def test_faithful_caption_keeps_everything_and_invents_nothing():
    caption = "MBAPPÉ IS HIM 🔥 Real Madrid smoke Barcelona 3–1 at the Bernabéu, $45M man, 21 goals, 2024"
    check = check_facts(CLASICO, caption)
    assert check.invented_numbers == [] and check.invented_names == []
    assert check.missing_numbers == [] and check.missing_names == []
    assert check.kept_names == ["Kylian Mbappé", "Real Madrid"]
    assert check.keep_rate == 1.0


@pytest.mark.parametrize(
    "caption",
    [
        "3-1", "3–1", "3 - 1", "1-3",  # score written any way, either order
    ],
)
def test_score_matches_however_it_is_written(caption):
    check = check_facts("Arsenal beat Chelsea 3-1.", f"Arsenal {caption} Chelsea")
    assert check.kept_numbers == ["3-1"] and check.invented_numbers == []


@pytest.mark.parametrize("caption_money", ["$45m", "$45 million", "45M", "45 million", "$45M", "45"])
def test_money_matches_however_it_is_written(caption_money):
    check = check_facts("Arsenal paid $45 million for Rice.", f"Arsenal drop {caption_money} on Rice 💰")
    assert check.kept_numbers == ["$45 million"] and check.invented_numbers == []


@pytest.mark.parametrize("caption_money", ["$200 BILLION", "$200k", "200 billion", "€200m", "£200 million", "$200"])
def test_money_of_another_magnitude_or_currency_is_invented(caption_money):
    # The bare digits match ("200" keeps "$200 million"), but a caption that states a magnitude or
    # a currency states a different amount when those differ.
    check = check_facts("Real Madrid paid $200 million for him.", f"Real Madrid drop {caption_money} 💰")
    assert check.invented_numbers == [caption_money]
    assert check.missing_numbers == ["$200 million"]


@pytest.mark.parametrize("caption_money", ["200", "200M", "$200m", "200 million", "$200,000,000"])
def test_money_abbreviated_in_the_caption_is_kept(caption_money):
    check = check_facts("Real Madrid paid $200 million for him.", f"Real Madrid drop {caption_money} 💰")
    assert check.kept_numbers == ["$200 million"] and check.invented_numbers == []


@pytest.mark.parametrize(
    "snippet, caption",
    [
        ("A 200 million euro deal for Vinícius.", "€200M for Vinícius 💰"),  # the snippet names no currency
        ("Fraser-Pryce won the 100 metres.", "Fraser-Pryce, 100m queen 👑"),  # "m" is metres here
        ("Jamaica won the 4x100m relay.", "Jamaica 4x100 kings, the 100m was theirs"),
    ],
)
def test_money_looking_numbers_that_state_the_same_fact(snippet, caption):
    assert check_facts(snippet, caption).invented_numbers == []


def test_the_metres_reading_of_m_does_not_hide_a_wrong_magnitude():
    check = check_facts("Real Madrid paid $200 billion for him.", "Real Madrid drop 200m 💰")
    assert check.invented_numbers == ["200m"]


def test_score_parts_and_spelled_numbers_are_not_invented():
    snippet = "Liverpool beat City 4-1 with Salah scoring twice in the 2023-24 season."
    check = check_facts(snippet, "Liverpool put 4 past City, Salah with 2, best of 2024")
    assert check.invented_numbers == []
    assert check.missing_numbers == ["4-1", "2023-24"]  # parts alone do not keep the fact


def test_invented_numbers_are_flagged_as_written():
    check = check_facts("Arsenal beat Chelsea 3-1.", "Arsenal 4–1 Chelsea, 7 straight wins and a $90m squad")
    assert check.invented_numbers == ["4–1", "7", "$90m"]
    assert check.missing_numbers == ["3-1"]


def test_slang_numbers_are_not_invented():
    check = check_facts("Arsenal beat Chelsea 3-1.", "3-1 and Arsenal are 1 of 1, 24/7, keep it 100, 100% HIM")
    assert check.invented_numbers == []


@pytest.mark.parametrize(
    "caption, invented",
    [
        ("Mbappé and Vinícius cooked Barcelona 3-1", ["Vinícius"]),
        ("Cristiano Ronaldo could never. Real Madrid 3-1", ["Cristiano Ronaldo"]),
        ("Real Madrid 3-1. Ronaldo who?", ["Ronaldo"]),
        ("Ancelotti's Real Madrid 3-1", ["Ancelotti"]),
        ("Real Madrid 5-1 Barcelona!! Mohamed Salah watching", ["Mohamed Salah"]),
    ],
)
def test_invented_names_are_flagged(caption, invented):
    assert check_facts(CLASICO, caption).invented_names == invented


@pytest.mark.parametrize(
    "caption",
    [
        "MBAPPE is the GOAT. WOW. he's HIM and Barça got COOKED 3-1 💀",  # caps hype, accents, nickname
        "Stunning. Unreal. Mbappé at the Bernabéu 🔥",  # sentence-start hype words
        "Real Madrid Are Champions At The Bernabéu Again",  # title case
        "#HalaMadrid @realmadrid Mbappé 3-1 🤍",  # hashtags and handles
        "Kylian said hello to Barcelona 👋 Madridistas in dreamland",
        "Ice-Cold Mbappé, Built-Different Madrid",
        "SCARY HOURS. Mbappé ate and left no crumbs at the Bernabéu",
    ],
)
def test_normal_style_is_not_an_invented_name(caption):
    assert check_facts(CLASICO, caption).invented_names == []


def test_all_caps_caption_still_catches_an_invented_name():
    check = check_facts(CLASICO, "MBAPPE 3-1 BARCELONA. RONALDO COULD NEVER. HE'S HIM 😤")
    assert check.invented_names == ["RONALDO"]


@pytest.mark.parametrize(
    "snippet, caption",
    [
        ("Kylian Mbappé scored again.", "Mbappé did it again"),  # surname alone
        ("Los Angeles Lakers beat Boston.", "Lakers by a mile"),  # a team's own word
        ("Paris Saint-Germain beat Lyon.", "PSG cruise"),  # initials
        ("Los Angeles Lakers beat Boston.", "LA did that"),
        ("Barcelona beat Girona.", "Barça did it"),  # nickname
        ("Martin Ødegaard scored.", "ODEGAARD!!"),  # caps without the accent
    ],
)
def test_main_name_kept(snippet, caption):
    check = check_facts(snippet, caption)
    assert check.kept_names[:1] == [extract_facts(snippet).names[0].text]


def test_generic_team_word_does_not_keep_the_team():
    check = check_facts("Manchester United lost to Fulham.", "United fans in shambles")
    assert check.missing_names == ["Manchester United", "Fulham"]


def test_keep_rate_counts_numbers_and_the_first_two_names():
    check = check_facts(CLASICO, "Mbappé 3-1 😤")  # keeps 1 of 2 names and 1 of 4 numbers
    assert check.keep_rate == round(2 / 6, 3)
    assert check.missing_names == ["Real Madrid"]
    assert check.missing_numbers == ["$45 million", "2024", "21"]


def test_snippet_without_facts_keeps_everything():
    check = check_facts("what a night it was.", "WHAT A NIGHT 🔥")
    assert check.keep_rate == 1.0 and check.invented_names == [] and check.invented_numbers == []


def test_fact_check_is_json_ready():
    import json

    assert json.loads(json.dumps(check_facts(CLASICO, "Mbappé 3-1").as_dict()))["kept_numbers"] == ["3-1"]



def test_a_country_its_people_name_is_not_invented_but_another_is():
    # the voice says "Spain's Zubelardia" for "Spanish midfielder Iker Zubelardia"
    snippet = "Spanish midfielder Iker Zubelardia is banned for six matches for pushing a referee."
    assert check_facts(snippet, "costly 😬 Spain's Zubelardia banned for six matches.").invented_names == []
    assert check_facts(snippet, "costly 😬 France's Zubelardia banned for six matches.").invented_names == ["France"]
    assert check_facts("Iker Zubelardia is banned for six matches.",
                       "costly 😬 Spain's Zubelardia banned for six matches.").invented_names == ["Spain"]
