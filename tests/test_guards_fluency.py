"""Fluency guard (fluency.py): made-up words and repeated filler, and what best-of-n does with them."""

import pytest

from generate.guards import choose_best, made_up_words, repeated_phrase, score_candidates

SNIPPET = "Wembanyama blocked 9 shots as the San Antonio Spurs beat the Denver Nuggets 120-101."


@pytest.mark.parametrize(
    "caption, made_up",
    [
        ("UNLESSLY BOLD ENCOUNTER 🔥 Spurs 120-101", ["UNLESSLY"]),  # "unless" + "ly" is no word
        ("ORTEMIS 💀", ["ORTEMIS"]),
        ("Spurs are unstoppabling the Nuggets, dominaton 🔥", ["unstoppabling", "dominaton"]),
        ("the Spurs are LEGENDERY 🐐 LEGENDERY", ["LEGENDERY"]),  # reported once
        ("Nuggets LOUNDS and BLAYS 💀", ["LOUNDS", "BLAYS"]),  # in wordfreq's tail, or a rare stem's "-s"
        ("19 and ranked 211st 😳 the 3th seed falls, 12nd time", ["211st", "3th", "12nd"]),  # ordinals misspelt
    ],
)
def test_made_up_words_are_found_as_written(caption, made_up):
    assert made_up_words(SNIPPET, caption) == made_up


@pytest.mark.parametrize(
    "caption",
    [
        "WEMBANYAMA 9 BLOCKS 🚫 Spurs 120-101",  # a name from the snippet, shouted
        "Wemby said NOT IN MY HOUSE 🚫 goated, cookin', y'all sleeping fr",  # slang
        "GOOOOOO SPURS 🔥 sheeeesh",  # stretched letters
        "#PorVida @spurs 120-101 W",  # hashtags, handles, numbers, single letters
        "the Nuggets got posterized and bamboozled, unretire the jerseys",  # inflections of real words
        "Spurs don't miss. Denver's done. it's over 💀",
        "Wemby outpoints Jokic, unguardable ballhawk 🚫",  # sports coinages from English parts
    ],
)
def test_real_english_slang_and_snippet_words_are_not_made_up(caption):
    assert made_up_words(SNIPPET, caption) == []


@pytest.mark.parametrize(
    "caption, phrase",
    [
        ("the only team left in the West, the only team left 🔥", "the only team left"),
        ("Spurs 120-101 🔥 the Nuggets are on the clock", "are on the clock"),  # a pad phrase, even once
        ("the GOAT is the GOAT 🐐 Spurs 120-101", "the GOAT is the GOAT"),
        ("Spurs 120-101. the Spurs are the best. the Spurs are the best 💀", "are the best"),
        ("9 blocks in a 120-101 win 🔥 9 blocks in a night, HIM", "9 blocks in"),
    ],
)
def test_repeated_filler_is_found(caption, phrase):
    assert repeated_phrase(SNIPPET, caption) == phrase


@pytest.mark.parametrize(
    "caption",
    ["LET'S GO LET'S GO LET'S GO 🔥", "Spurs 120-101 Nuggets. block after block after block 🚫",
     "9 blocks. NINE. Spurs 120-101 🔥",
     "San Antonio Spurs 120-101 🔥 Wembanyama 9 blocks and the San Antonio Spurs are rolling"],  # a name twice
)
def test_chants_and_names_are_not_filler(caption):
    assert repeated_phrase(SNIPPET, caption) is None


def test_a_made_up_word_or_filler_is_never_chosen_while_a_fluent_caption_passes():
    babble = "WEMBANYAMA UNLESSLY BOLD ENCOUNTER 🔥🔥 Spurs 120-101!! HIM 🐐"
    filler = "Spurs 120-101 🔥 the Nuggets are the only team left, Wembanyama 9 blocks!!"
    plain = "Spurs 120-101 Nuggets. Wembanyama with 9 blocks."
    scored = score_candidates(SNIPPET, [babble, filler, plain])
    assert "made_up_word:UNLESSLY" in scored[0].flags and not scored[0].passed
    assert "filler:the only team left" in scored[1].flags and not scored[1].passed
    assert scored[0].scores["style"] > scored[2].scores["style"] and scored[2].passed
    assert choose_best(scored) is scored[2]


@pytest.mark.parametrize(
    "snippet, caption, looped",
    [
        ("Everton lost 3-0 to Brentford.", "Everton slump to 3-0 to 3-0 at the Gtech 😬", "3-0"),
        ("Oyelaran won a split decision, 115-113 on two cards.", "115-113 🤑 Oyelaran 115-113. 115-113 again", "115-113"),
        ("Brandt won 6-0 6-0 6-0 at Wimbledon.", "6-0, 6-0, 6-0 🤯 Brandt was perfect", None),  # set scores
        ("Celtics and Bucks, both 22-8, meet on Christmas.", "22-8 vs 22-8 on Christmas 🎄", None),  # two records
    ],
)
def test_a_score_said_more_often_than_the_snippet_says_it_is_a_loop(snippet, caption, looped):
    from generate.guards.fluency import looped_score

    assert looped_score(snippet, caption) == looped


@pytest.mark.parametrize(
    "caption, repeated",
    [
        ("the head team is sold 😭 the head team stays at Enstone", ["head", "team"]),
        ("Spurs 120-101 💀 Wembanyama is HIM 💀", ["💀"]),
        ("blocks on blocks 🧱 Wembanyama had BLOCKS all night", ["blocks"]),  # case folded
        ("wild, wild night 🎢🎢 Spurs 120-101", []),  # back to back: emphasis
        ("San Antonio Spurs 120-101 🔥 the Spurs were rolling", []),  # the snippet's names
        ("the Spurs win and win again 🔥 Nuggets 120-101", []),  # three letters: too common to mean a loop
        ("Spurs 120-101 🔥🏀 Wembanyama with 9 blocks", []),
        ("Spurs 120-101 ⭐ Wembanyama the ⭐ of the night", ["⭐"]),  # an emoji as style.py counts them
        ("Spurs 120-101 ❤️❤️ Wembanyama", []),  # a run, its variation selectors between
        ("Wembanyama swats 9 🔥 Spurs 120-101, 9 blocks", ["9"]),  # a number said more than the snippet does
        ("9 FOR 9 at the rim 🔥 Spurs 120-101", []),  # emphasis
    ],
)
def test_repeated_words_finds_content_words_and_emoji_said_twice(caption, repeated):
    from generate.guards.fluency import repeated_words

    assert repeated_words(SNIPPET, caption) == repeated


def test_a_dropped_key_fact_or_a_word_said_twice_costs_postable_and_the_pick():
    from generate.guards import postable

    full = "Spurs 120-101 over the Denver Nuggets 🏀 Wembanyama with 9 blocks, a clinic"
    dropped = "Spurs 120-101 over the Denver Nuggets 🔥 9 shots swatted. the block party is LOUD 🐐"  # who did it?
    loud = "SPURS 120-101 🔥🔥 Wembanyama BLOCKED 9 SHOTS vs the Denver Nuggets!! HIM 🐐 the Spurs are HIM 🔥"
    scored = score_candidates(SNIPPET, [dropped, loud, full])
    assert [s.passed for s in scored] == [True, True, True]
    assert "missing_fact:Wembanyama" in scored[0].flags and "repeats:🔥" in scored[1].flags
    assert [postable(s) for s in scored] == [False, False, True]
    assert scored[1].scores["total"] > scored[2].scores["total"]  # louder, but not what an editor posts
    assert choose_best(scored) is scored[2]


def test_a_unit_said_after_each_of_its_numbers_is_no_repeat():
    # seed references the proxy turned down (reads 55-64): "51 YEARS OLD ... after 14 years"
    from generate.guards.fluency import repeated_words
    snippet = "Fairclough, 51, wins the Australian Grand Prix 14 years after his last race."
    assert repeated_words(snippet, "51 YEARS OLD 😭 Fairclough comes back after 14 years and WINS it.") == []
    assert repeated_words(snippet, "the years 😭 Fairclough comes back after the years.") == ["years"]
