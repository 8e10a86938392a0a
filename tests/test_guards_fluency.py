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
    ],
)
def test_real_english_slang_and_snippet_words_are_not_made_up(caption):
    assert made_up_words(SNIPPET, caption) == []


@pytest.mark.parametrize(
    "caption, phrase",
    [
        ("the only team left in the West, the only team left 🔥", "only team left"),
        ("the GOAT is the GOAT 🐐 Spurs 120-101", "the GOAT is the GOAT"),
        ("Spurs beat Denver and Spurs beat Denver again 🔥", "spurs beat denver"),
    ],
)
def test_repeated_filler_is_found(caption, phrase):
    assert repeated_phrase(caption) == phrase


@pytest.mark.parametrize(
    "caption",
    ["LET'S GO LET'S GO LET'S GO 🔥", "Spurs 120-101 Nuggets. block after block after block 🚫",
     "9 blocks. NINE. Spurs 120-101 🔥"],
)
def test_chants_are_not_filler(caption):
    assert repeated_phrase(caption) is None


def test_a_made_up_word_or_filler_is_never_chosen_while_a_fluent_caption_passes():
    babble = "WEMBANYAMA UNLESSLY BOLD ENCOUNTER 🔥🔥 Spurs 120-101!! HIM 🐐"
    filler = "Spurs 120-101 🔥 the only team left, the only team left, Wembanyama 9 blocks!!"
    plain = "Spurs 120-101 Nuggets. Wembanyama with 9 blocks."
    scored = score_candidates(SNIPPET, [babble, filler, plain])
    assert "made_up_word:UNLESSLY" in scored[0].flags and not scored[0].passed
    assert "filler:only team left" in scored[1].flags and not scored[1].passed
    assert scored[0].scores["style"] > scored[2].scores["style"] and scored[2].passed
    assert choose_best(scored) is scored[2]
