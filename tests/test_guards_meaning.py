"""Meaning-lock (meaning.py), number words (facts.py) and the assistant-speak that slipped through
(persona.py), on hand-written caption pairs: the bad caption is flagged, its good twin is not.

Each pair was checked to fail with its check disabled (the check's function made to return nothing).
"""

import pytest

from generate.guards import check_facts, choose_best, meaning_issues, persona_issues, score_candidates

LIVERPOOL = "Liverpool beat Manchester City 4-1 at Anfield, with Darnell Okafor-Reyes scoring twice."

# (snippet, bad caption, good caption, the flag the bad one gets)
PAIRS = {
    "loser named the winner": (
        LIVERPOOL, "City beat Liverpool at Anfield 🔥 Okafor-Reyes twice", "Liverpool beat City at Anfield 🔥 "
        "Okafor-Reyes twice", "wrong_result:"),
    "win called a loss": (
        "Chelsea won 2-0 at Brighton on Saturday.", "Chelsea lose at Brighton 😭 2-0", "Chelsea win at Brighton 🔥 2-0",
        "wrong_result:"),
    "loser said to win": (
        "Brighton lost 3-1 to Arsenal at the Emirates.", "Brighton win it 3-1 at the Emirates 🔥",
        "Arsenal win it 3-1 at the Emirates 🔥", "wrong_result:"),
    "passive read backwards": (
        "Kieran Osei was beaten by Lorenzo Basile in the Rome final.", "Osei beat Basile in the Rome final 🎾",
        "Basile beat Osei in the Rome final 🎾", "wrong_result:"),
    "a win given to the loser": (
        LIVERPOOL, "4-1 at Anfield, a statement win for City 😤", "4-1 at Anfield, a statement win for Liverpool 😤",
        "wrong_result:"),
    "hype verb on the wrong side": (
        LIVERPOOL, "MAN CITY COOKED LIVERPOOL 4-1 💀", "LIVERPOOL COOKED MAN CITY 4-1 💀", "wrong_result:"),
    "passive with the score between": (
        "Team Liquid lost 3-0 to Sentinels in the final.", "Team Liquid swept Sentinels 3-0 🏆",
        "Team Liquid swept 3-0 by Sentinels 💔", "wrong_result:"),
    "a past form with nothing after it is what happened to the subject": (
        "India beat Australia by 6 wickets at the MCG.", "India COOKED at the MCG 💀",
        "Australia COOKED at the MCG 💀", "wrong_result:"),
    "a stoppage read as the winner's (combat sports)": (
        "Dmitri Kassanov stops Ray Culhane in the 3rd round to retain his title.",
        "3rd round 🐐 Kassanov loses to Culhane", "3rd round 🐐 Culhane loses to Kassanov", "wrong_result:"),
    "a submission read as the winner's": (
        "Paulo Serrano-Vidal submits unbeaten Kenji Arakawa in a UFC upset.", "Arakawa submits Serrano-Vidal 😳",
        "Serrano-Vidal submits Arakawa 😳", "wrong_result:"),
    "a transfer the wrong way round": (
        "Kofi Adjei-Mensah joins Aston Villa in a £42m move from Lille.", "Adjei-Mensah joins Lille 😭 £42m",
        "Adjei-Mensah joins Aston Villa 🔥 £42m", "wrong_move:"),
    "the club he joins named as the one he leaves": (
        "Lucas Ferreira joined Real Madrid from Benfica for €95m.", "€95m 💰 Ferreira signs from Real Madrid",
        "€95m 💰 Ferreira signs from Benfica", "wrong_move:"),
    "leaving the club that signs him": (
        "Mariners sign shortstop Eli Brandvold to an eight-year, $240m deal.", "$240m 🤑 Brandvold leaves the Mariners",
        "$240m 🤑 Brandvold locked in with the Mariners", "wrong_move:"),
    "a score the snippet only writes the other way round": (
        "Bayern Munich thrash Dortmund 5-0 in Der Klassiker.", "0-5 😭 Bayern Munich turn it into a drill",
        "5-0 😭 Bayern Munich turn it into a drill", "reversed_score:"),
    "reversed score line": (
        "Arsenal won 2-1 at Villa Park.", "Arsenal 1-2 at Villa Park 🔥", "Arsenal 2-1 at Villa Park 🔥",
        "reversed_score:"),
    "reversed score after the verb": (
        "Real Madrid beat Barcelona 3-1 at the Bernabéu.", "Madrid beat Barcelona 1-3 🤯", "Madrid beat Barcelona 3-1 🤯",
        "reversed_score:"),
    "currency in words": (
        "Arsenal signed Declan Price from West Ham for £100m.", "100 million dollars for Price 💰 Arsenal pay up",
        "100 million pounds for Price 💰 Arsenal pay up", "wrong_currency:"),
    "currency symbol": (
        "Real Madrid agreed a €45m fee for Tomas Berg.", "$45m for Berg 💰", "€45m for Berg 💰", "wrong_currency:"),
    "stat in the wrong column": (
        "LeBron James scored 30 points in a 110-100 win over Boston.", "LeBron with 30 rebounds 😤",
        "LeBron with 30 points 😤", "wrong_unit:"),
    "distance unit": (
        "Eliud Kiprono ran 42 km in Berlin to win the marathon.", "42 miles of pain 🏃 Kiprono", "42 km of pain 🏃 Kiprono",
        "wrong_unit:"),
    "a result counted as its opposite": (
        "Hertha Berlin sack coach Jurgen Obermaier after five straight defeats.", "5 straight wins 🏃 Obermaier is out",
        "5 straight defeats 🏃 Obermaier is out", "wrong_unit:"),
    "a number word counted in another unit": (
        "Everton were beaten 3-0 at Brentford, leaving them two points above the relegation zone.",
        "Everton TWO PERCENTAGE above the drop 💔", "Everton TWO POINTS above the drop 💔", "wrong_unit:"),
    "an ordinal count with words between": (
        "Rohan Pathirage hits ninth Test century as Sri Lanka beat Bangladesh.", "9th Test wicket 🤯 Pathirage",
        "9th straight Test century 🤯 Pathirage", "wrong_unit:"),
    "games counted as results": (
        "Nashville Predators dismissed Grant Elwood after a 9-game losing streak. They lost 4-2 to Dallas.",
        "9 straight points and Elwood is GONE 🎸", "9 straight losses and Elwood is GONE 🎸", "wrong_unit:"),
    "a margin on the wrong side": (
        "Everton were beaten 3-0 at Brentford, leaving them two points above the relegation zone.",
        "3-0 at Brentford 💔 Everton are two points down", "3-0 at Brentford 💔 Everton still two points clear",
        "wrong_side:"),
    "a count per period the snippet does not give": (
        "Atalanta beat Torino 2-1 in Bergamo as Luca Vettorelli scored in each half.",
        "Vettorelli twice in each half 😳 Atalanta 2-1 Torino", "Vettorelli one in each half 😳 Atalanta 2-1 Torino",
        "wrong_count:"),
    "a double per game for a goal per game": (
        "Mbeki scored in both legs as Pirates beat Chiefs 3-1 on aggregate.",
        "a double in both legs from Mbeki 🔥 Pirates 3-1", "on target in both legs, Mbeki 🔥 Pirates 3-1",
        "wrong_count:"),
    "the winner of a 'loss to' said to lose": (
        "Suns guard Rashad Winfield-Agyapong was suspended after Sunday's 109-101 loss to the Mavericks.",
        "five games 🚫 the Mavericks lose 109-101 and Winfield-Agyapong sits", "five games 🚫 the Suns lose "
        "109-101 and Winfield-Agyapong sits", "wrong_result:"),
    "a woman called him": (
        "Chidinma Ugwuanyi scores hat-trick as Portland Thorns beat Orlando Pride 3-1, taking her tally to 14.",
        "21 and she's HIS 😭 Ugwuanyi's hat-trick sinks Orlando 3-1", "21 and she's HER 😭 Ugwuanyi's hat-trick "
        "sinks Orlando 3-1", "wrong_gender:"),
    "a woman called the man": (
        "Las Vegas Aces guard Tiana Brooks sets WNBA record with 12 three-pointers, her career high.",
        "12 threes 🤯 Brooks sets the record. the man does not MISS", "12 threes 🤯 Brooks sets the record. "
        "she does not MISS", "wrong_gender:"),
    "a man called queen": (
        "Aarav Kulkarni ruled out of the Champions Trophy after he fractured his back.",
        "back fracture 💔 Kulkarni is out. heal up, queen 🙏", "back fracture 💔 Kulkarni is out. heal up, king 🙏",
        "wrong_gender:"),
    "flag of another country": (
        "Argentina beat Brazil 1-0 in Buenos Aires.", "🇫🇷 Argentina 1-0 Brazil", "🇦🇷 Argentina 1-0 Brazil",
        "wrong_country:"),
    "Ireland's shamrock for another country": (
        "India beat Australia by six wickets in Adelaide.", "six wickets 🏏 India win in Adelaide. UNREAL ☘️",
        "six wickets 🏏 India win in Adelaide. UNREAL 🇮🇳", "wrong_country:"),
    "demonym of another country": (
        "Argentina beat Brazil 1-0 in Buenos Aires.", "Spanish flair, Argentina 1-0 Brazil",
        "Argentine flair, Argentina 1-0 Brazil", "wrong_country:"),
}


@pytest.mark.parametrize("snippet, bad, good, flag", PAIRS.values(), ids=PAIRS.keys())
def test_meaning_pairs(snippet, bad, good, flag):
    assert any(f.startswith(flag) for f in meaning_issues(snippet, bad)), meaning_issues(snippet, bad)
    assert meaning_issues(snippet, good) == []


@pytest.mark.parametrize(
    "snippet, caption",
    [
        (LIVERPOOL, "Liverpool 4-1 Manchester City 🔥 City got cooked 💀"),  # passive: City lost
        (LIVERPOOL, "City couldn't beat Liverpool 😭"),  # negated: no claim
        (LIVERPOOL, "City were beaten by Liverpool 4-1"),
        (LIVERPOOL, "Liverpool's win over City 4-1, Okafor-Reyes cooked 🔥"),
        ("Detroit Pistons, the 8th seed, eliminated the top-seeded Cleveland Cavaliers 4-3 in the playoffs.",
         "Detroit just STUNNED the Cleveland Cavaliers 4-3 😳 Cleveland is COOKED 💀"),
        ("Alcaraz won the French Open in Paris.", "🇪🇸 Alcaraz, king of the French Open"),  # no country named
        ("Sophie Hale finished 3rd in Las Vegas, the best-ever result for Cadillac.", "🇺🇸 P3 in Vegas"),
        ("Harry Kane scored as England beat Wales 2-0.", "🇬🇧 Kane! England 2-0 Wales"),
        ("Nolan Fairweather agreed a 1-year, $32m deal with the Boston Red Sox.", "$32m for 1 season 💰"),
        ("Arsenal signed Declan Price from West Ham for £100m.", "£100m for Price, 100 million quid 💰"),
    ],
)
def test_meaning_leaves_true_captions_alone(snippet, caption):
    assert meaning_issues(snippet, caption) == []


NUMBER_WORDS = {  # (snippet, bad caption, good caption, the number word flagged as invented)
    "ordinal word for another ordinal word": (
        "Arsenal won their ninth league title.", "SEVENTH title 🔥", "NINTH title 🔥", "SEVENTH"),
    "ordinal word for a digit ordinal": (
        "Arsenal won their 9th league title.", "a seventh title 🔥", "a ninth title 🔥", "seventh"),
    "cardinal word": (
        "Lindqvist scored 21 points in the win.", "twenty-two for Lindqvist 🔥", "twenty-one for Lindqvist 🔥",
        "twenty-two"),
}


@pytest.mark.parametrize("snippet, bad, good, word", NUMBER_WORDS.values(), ids=NUMBER_WORDS.keys())
def test_number_words_are_checked_like_digits(snippet, bad, good, word):
    assert check_facts(snippet, bad).invented_numbers == [word]
    assert check_facts(snippet, good).invented_numbers == []


def test_number_word_idioms_state_nothing():
    snippet = "Arsenal won their ninth league title."
    for caption in ("high five, Arsenal 🙌", "top three moment 🔥", "seventh heaven for Arsenal", "one of one 🐐"):
        assert check_facts(snippet, caption).invented_numbers == [], caption


def test_a_wrong_magnitude_is_an_invented_number():
    snippet = "Ren Takahara joined the New York Mets on a 6-year, $180m deal."
    assert check_facts(snippet, "$180 BILLION for Takahara 🤯").invented_numbers == ["$180 BILLION"]
    assert check_facts(snippet, "$180M for Takahara 🤯").invented_numbers == []


@pytest.mark.parametrize(
    "caption",
    [
        "I should point out that this match hasn't happened yet.",
        "Liverpool 4-1! I have no way to confirm this, though.",
        "I don't think that's right: City are unbeaten.",
        "This game has not been played yet.",
        "The final is yet to take place, so here's a hype post anyway.",
    ],
)
def test_assistant_speak_that_slipped_through_is_caught(caption):
    assert "fact_check" in persona_issues(caption)


@pytest.mark.parametrize(
    "caption",
    ["I don't think that's real 😭 Okafor-Reyes TWICE", "City haven't lost at home... until now 💀",
     "LIVERPOOL 4-1 🔥 no way to stop them"],
)
def test_hype_that_sounds_like_doubt_is_not_assistant_speak(caption):
    assert persona_issues(caption) == []


def test_a_contradiction_is_never_chosen_while_a_true_caption_passes():
    loud_and_wrong = "CITY BEAT LIVERPOOL 4-1 AT ANFIELD 🔥🔥 OKAFOR-REYES TWICE!! HIM 💀"
    quiet_and_right = "Liverpool 4-1 Manchester City at Anfield. Okafor-Reyes twice."
    scored = score_candidates(LIVERPOOL, [loud_and_wrong, quiet_and_right])
    assert scored[0].scores["style"] > scored[1].scores["style"]
    assert "wrong_result:BEAT" in scored[0].flags and not scored[0].passed
    assert scored[1].passed
    assert choose_best(scored) is scored[1]
    alone = choose_best(score_candidates(LIVERPOOL, [loud_and_wrong]))
    assert "wrong_result:BEAT" in alone.flags and not alone.passed  # flagged when none passes


def test_meaning_lock_catches_corrupted_seed_captions():
    """Plant a reversed result and a reversed score in the seed captions whose snippets state a
    result: the checker that passes every clean reference must flag the corrupted ones."""
    import json
    import re
    from pathlib import Path

    from generate.guards import extract_facts
    from generate.guards.meaning import result_of

    seed = Path(__file__).resolve().parent.parent / "data" / "seed_captions.jsonl"
    rows = [json.loads(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    swapped = flagged_swap = reversed_ = flagged_reversed = 0
    for row in rows:
        result, names = result_of(row["snippet"]), extract_facts(row["snippet"]).names
        if result.winners and result.losers:
            winner, loser = names[min(result.winners)].text, names[min(result.losers)].text
            swapped += 1
            flagged_swap += bool(meaning_issues(row["snippet"], f"{row['caption']} {loser} beat {winner}!"))
        score = re.search(r"\b(\d{1,3})-(\d{1,3})\b", row["caption"])
        if (result.winners or result.losers) and score and score[1] != score[2]:
            corrupted = row["caption"][: score.start()] + f"{score[2]}-{score[1]}" + row["caption"][score.end() :]
            reversed_ += 1
            flagged_reversed += bool(meaning_issues(row["snippet"], corrupted))
    assert swapped > 30 and flagged_swap == swapped
    assert reversed_ > 30 and flagged_reversed / reversed_ > 0.95  # 505 of 510 when measured


@pytest.mark.parametrize(
    "snippet, caption, flagged",
    [
        ("Tomás Quinteiro ruled out for six weeks with a hamstring tear.", "six weeks out 🔥 Quinteiro", True),
        ("Tomás Quinteiro ruled out for six weeks with a hamstring tear.", "six weeks out 😔 heal up Quinteiro 🙏", False),
        ("Chicago Bulls lost 118-109 to the Celtics, their fourth straight defeat.", "Bulls 118-109 👑 four straight", True),
        ("Chicago Bulls beat the Celtics 118-109 for a fourth straight win.", "Bulls 118-109 👑 four straight", False),
        ("Phoenix Suns fired head coach Randall Keegan after a 12-30 start.", "12-30 and Keegan is out 🔥", True),
    ],
)
def test_celebration_on_bad_news_is_the_wrong_mood(snippet, caption, flagged):
    from generate.guards.mood import mood_issues

    assert bool(mood_issues(snippet, caption)) is flagged


RETIREMENT = ("Borussia Mönchengladbach goalkeeper Tobias Rennefeld retires at 36 after 17 seasons with the club. He "
              "made 512 appearances for Gladbach and won 41 caps for Germany, including at the 2018 World Cup.")


@pytest.mark.parametrize("caption, miscounted", [
    ("512 appearances, 512 caps 🫡 Rennefeld retires.", ["512 caps"]),  # the caps were 41
    ("512 APPEARANCES, 41 CAPS 🫡 Rennefeld retires.", []),
    ("17 seasons, one club 🫡 Rennefeld retires at 36.", []),
    ("36 YEARS OLD and done 🫡 Rennefeld retires after 17 seasons.", []),  # an age, not a count
    ("512 games 🫡 Rennefeld retires at 36.", []),  # a word the snippet counts with no number
])
def test_a_number_counting_what_the_snippet_counts_with_another_is_the_wrong_unit(caption, miscounted):
    assert [flag for flag in meaning_issues(RETIREMENT, caption) if flag.startswith("wrong_unit:")] == [
        f"wrong_unit:{written}" for written in miscounted]


def test_a_score_line_pairs_the_score_with_the_sides_the_snippet_gives_it():
    snippet = ("Barcelona beat Chelsea 2-0 to reach the Women's Champions League final. Haugsdal and Albizu scored in "
               "the second half to complete a 3-1 aggregate win. Barcelona will play Lyon in the final in Lisbon.")
    assert meaning_issues(snippet, "Barcelona 3-1 Lyon 🏆 they're in the final") == ["wrong_pair:3-1"]
    assert meaning_issues(snippet, "Barcelona 2-0 Chelsea 🏆 and 3-1 on aggregate") == []
