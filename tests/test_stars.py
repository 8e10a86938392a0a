"""The lead's star after the headline (generate/stars.py, headlines.starred): read 70's editors asked for the
player who decided the game and their numbers."""

from __future__ import annotations

import pytest

from generate.headlines import headline, starred
from generate.stars import star_line

TEST_WIN = ("Australia sink Pakistan by nine wickets in Perth. Fast bowler Lachlan Pettinshaw took 6-41 as Pakistan "
            "were bowled out for 187 in their second innings, leaving Australia a target of 72.")
PENALTY = ("Galaxy edge Sounders to reach West final. Designated player Rafael Tirabosque converted a 78th-minute "
           "penalty as the LA Galaxy beat the Seattle Sounders 1-0 at Dignity Health Sports Park.")


@pytest.mark.parametrize("snippet, star", [
    (TEST_WIN, "Pettinshaw takes 6-41"),
    (PENALTY, "Tirabosque converts a 78th-minute penalty"),
    # an -ing form after "with", a count in words said in digits
    ("Warriors run riot in 50-6 rout of Rhinos. Wigan scored nine tries in a 50-6 Super League win over Leeds "
     "on Friday night, with winger Jai Quarrenden crossing four times.", "Quarrenden crosses 4 times"),
    # a second feat in the present too; one that moves on to someone else is cut
    ("Tigers beat Rams 78-71. Forward Elijah Quintavelle scored 22 points and grabbed 11 rebounds as the "
     "Tigers won at home.", "Quintavelle scores 22 points and grabs 11 rebounds"),
    # another's feat after the first is cut where its subject starts, however it is introduced
    ("Bayern Munich thrash Bochum 7-0. Striker Jonas Hüppelsberg scored a 14-minute hat-trick and 18-year-old academy "
     "graduate Finn Obermaierhofer added two on his debut.", "Hüppelsberg scores a 14-minute hat-trick"),
    ("Afghanistan stun Australia by 21 runs. Leg-spinner Zarif Mangalzai took 5-29 and opener Habibullah "
     "Storikhel made 88 as Afghanistan defended 274 in Lahore.", "Mangalzai takes 5-29"),
    # the fact-check: a surname's particle stays ("Te Rangiwhai", not "Rangiwhai")
    ("New Zealand thrash England by 184 runs. Seamer Wiremu Te Rangiwhai took 6-38 as New Zealand won in Hamilton.",
     "Te Rangiwhai takes 6-38"),
    ("Oilers edge Stars in overtime thriller. Defenceman Rasmus Skarnhold scored 2:14 into overtime to give "
     "Edmonton a 4-3 win over Dallas at Rogers Place.", "Skarnhold scores 2:14 into overtime"),
])
def test_the_leads_star_and_their_feat(snippet, star):
    assert star_line(snippet, headline(snippet)) == star


@pytest.mark.parametrize("snippet", [
    # a side is no star ("Kansas City scored 17 unanswered points")
    "Chiefs beat Bills in overtime. Rookie kicker Brannock Teale won it after Kansas City scored 17 unanswered "
    "points in the fourth quarter.",
    # a preview's season numbers are no feat of the day
    "Super Bowl LX: Bills face Eagles in Santa Clara. Quarterback Dane Brockhoff threw 38 touchdown passes in "
    "the regular season.",
    # no count or minute in the feat: nothing the caption can be held to
    "Celtic beat Hearts 2-0. Striker Finn Cardrossie scored the opener as Celtic went top.",
    # the number told already: "reaches 2,000 career strikeouts"
    "Mariners ace Devon Kattegrove reaches 2,000 career strikeouts. Seattle left-hander Devon Kattegrove "
    "recorded his 2,000th career strikeout in the fifth inning of a 5-1 win.",
    # the fact-check of 155 starred drafts: a feat of another day than the result's, a play the headline tells,
    # a feat that adds to one the caption never tells
    "Rain forces draw. The fourth Test ended in a draw after the final day was washed out; opener Hamish "
    "Thwaitesbury made 88 on day four.",
    "Late penalty sends Leinster past Toulouse into final. Fly-half Ciaran Ballygarrett kicked a 79th-minute penalty "
    "as Leinster beat Toulouse 24-22.",
    "Aces beat Liberty 87-80. Aces guard Tamsin Dunnaway added 19 as Las Vegas took a 2-1 lead.",
    # a feat too long for a second line
    "Leinster beat Munster 27-13. Fly-half Cian Mulcarrow kicked 12 points from the tee in wet and windy "
    "conditions under the lights on a cold night.",
])
def test_no_star_where_the_lead_tells_none_to_add(snippet):
    assert star_line(snippet, headline(snippet)) is None


def test_a_star_the_hook_names_is_not_told_again():
    assert star_line(TEST_WIN, f"6-41 for Pettinshaw 🔥 {headline(TEST_WIN)}") is None


def test_the_star_joins_the_headline_in_one_sentence():
    """The account's second sentence is its sign-off (text.split_sign_off): the star stays in the first."""
    assert starred(TEST_WIN, "job DONE 😤", headline(TEST_WIN)) == \
        "Australia sink Pakistan by 9 wickets as Pettinshaw takes 6-41."
    assert starred(PENALTY, "", headline(PENALTY)) == \
        "Galaxy edge Sounders to reach West final, 1-0, as Tirabosque converts a 78th-minute penalty."


def test_a_headline_with_its_own_as_is_left_alone():
    snippet = ("England collapse as Kiwi seamer takes seven. New Zealand fast bowler Hamish Trevillian took 7-38 as "
               "England were bowled out for 142.")
    assert starred(snippet, "", headline(snippet)) == headline(snippet)


def test_a_headline_that_ends_in_a_clause_of_its_own_is_left_alone():
    snippet = ("Maple Leafs fall to Bruins for sixth straight road loss. Forward Tomas Kubizniak scored twice as Boston "
               "beat Toronto 5-2.")
    line = "Maple Leafs fall to the Bruins, 5-2, their sixth straight road loss."
    assert starred(snippet, "", line) == line


def test_a_double_barrelled_surname_the_headline_says_is_not_told_again():
    snippet = ("Welde-Tensae breaks meeting record in Rome 5,000m. Ethiopia's Birtukan Welde-Tensae ran 14:12.36 at "
               "the Golden Gala.")
    assert star_line(snippet, headline(snippet)) is None
