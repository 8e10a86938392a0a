"""Edits reads 82 and 84 asked for and the code did not yet make: a result's score, a name the title only hints at."""

from __future__ import annotations

import pytest

from generate.angles import angle_hooks
from generate.closers import fits, house_phrasebook
from generate.headlines import headline
from generate.kinds import kind_of
from generate.situations import situation_of
from text import is_emoji


@pytest.mark.parametrize(("snippet", "line"), [
    # read 84: "omits 48-7"
    ("Wales suffer heavy home defeat to France. Wales were beaten 48-7 by France in the Six Nations at the Principality "
     "Stadium on Saturday.", "Wales suffer heavy home defeat to France, 48-7."),
    # read 82: "the score and Suns are missing"
    ("Warriors win on buzzer-beater at Chase Center. Guard Kevin Falconbridge hit a step-back three at the final horn "
     "to give the Golden State Warriors a 118-115 win over the Phoenix Suns on Friday.",
     "Warriors win on buzzer-beater, 118-115 over the Suns."),
    # read 84: "carries no score or detail"
    ("Galaxy crash out of MLS playoffs. LA Galaxy were beaten 3-1 by Seattle Sounders in the Western Conference "
     "semi-final at Lumen Field on Saturday.", "No more MLS playoffs for Galaxy after a 3-1 defeat to Seattle Sounders."),
    ("Egypt lose to Morocco late. Egypt lost 2-1 to Morocco after conceding in the 89th minute in Rabat.",
     "Egypt lose to Morocco late, 2-1."),
    # the score goes after the name the title takes from its lead
    ("Dutchman wins first world darts title. Michiel van der Stroom beat England's Gary Pelmersby 7-4 in the final of "
     "the PDC World Darts Championship.",
     "Dutchman Michiel van der Stroom wins first world darts title, 7-4 over England's Pelmersby."),
])
def test_a_result_takes_its_score_and_the_other_side(snippet, line):
    assert headline(snippet) == line


@pytest.mark.parametrize(("snippet", "line"), [
    # an injury "suffered" in a loss is no defeat of the title's
    ("Ilan Bergstrom suffers broken wrist, out 8 weeks. New Orleans Pelicans center Ilan Bergstrom fractured his right "
     "wrist in a 101-95 loss to Memphis and will miss 8 weeks.", "Ilan Bergstrom suffers broken wrist, out 8 weeks."),
    # a title that beats a side names it already, by whatever name
    ("Villa fight back to sink Spurs. Ollie Pennicard headed a 90th-minute winner as Aston Villa beat Tottenham "
     "Hotspur 2-1 at Villa Park on Sunday.", "Villa fight back to sink Spurs, 2-1."),
    # an award is not the title's win
    ("Okafor wins MVP award. Okafor beat Jones 3-1 in the vote on Sunday.", "MVP award goes to Okafor."),
])
def test_a_score_goes_only_where_the_title_tells_that_result(snippet, line):
    assert headline(snippet) == line


@pytest.mark.parametrize(("snippet", "line"), [
    # read 84: "Never names Stavrinos, and 'Greek star' headline-ese should be the player's name"
    ("Greek star pulls out of US Open with wrist injury. World number eight Nikos Stavrinos has withdrawn from the US "
     "Open with a wrist problem.", "Greek star Nikos Stavrinos pulls out of the US Open with wrist injury."),
    # read 84: "Pasted headline that doesn't name Montclair" ("Formula One" is no one's name)
    ("Williams sign Formula 2 champion for next season. Frenchman Lucas Montclair, 20, has agreed a multi-year deal and "
     "will make his Formula One debut with Williams next year.",
     "Williams sign Formula 2 champion Lucas Montclair for next season."),
    # read 84: "It names the loser but never the winner, Haskerby, which is the actual story"
    ("Underdog submits former champion at UFC Las Vegas. Welterweight Cody Haskerby forced ex-champion Marcus Bellmonte "
     "to tap to a rear-naked choke in the second round.",
     "Underdog Cody Haskerby submits former champion at UFC Las Vegas."),
    # a star's role after it is still the role the name follows
    ("Chiefs lock up star pass rusher with four-year extension. The Kansas City Chiefs signed defensive end Marquise "
     "Oldenfield to a four-year, $112 million contract extension on Monday.",
     "Star pass rusher Marquise Oldenfield commits to the Chiefs with a 4-year extension."),
])
def test_a_title_that_hints_at_its_person_names_them(snippet, line):
    assert headline(snippet) == line


@pytest.mark.parametrize(("snippet", "line"), [
    # read 82: "No player names"; read 84: "no fighters are named"
    ("Wimbledon women's final set for Saturday. Czech fourth seed Tereza Linnekar faces unseeded American Paige "
     "Sallowby on Centre Court.", "Wimbledon women's final set for Saturday, Linnekar vs Sallowby."),
    ("Wembley set for all-British lightweight title fight. Reece Tavistane defends his IBF lightweight title against "
     "Liverpool's Jamie Gethings at Wembley Stadium on Saturday.",
     "Wembley set for all-British lightweight title fight, Tavistane vs Gethings."),
    # two players of the sides that meet are not who meets
    ("Oklahoma City Thunder host Celtics in NBA Finals Game 1 Thursday. The Oklahoma City Thunder face the Boston "
     "Celtics in Game 1 on Thursday, with Jaylen Marsh up against Marcus Vell.",
     "Celtics visit Thunder in NBA Finals Game 1 Thursday."),
])
def test_a_preview_names_the_two_who_meet(snippet, line):
    assert headline(snippet) == line


def test_no_excuses_needs_something_that_took_the_excuses_away():
    """Read 84: "'no excuses left' hints at a backstory that isn't there" on a title fight's preview."""
    fight = ("Wembley set for all-British lightweight title fight. Reece Tavistane defends his IBF lightweight title "
             "against Liverpool's Jamie Gethings at Wembley Stadium on Saturday.")
    weigh_in = ("Orlov and Mensah make trilogy weight. Dmitri Orlov weighed 146.5 pounds and Kofi Mensah 147 for their "
                "trilogy fight in Accra.")
    assert not fits(fight, "BIG ONE 🍿 Wembley set for all-British lightweight title fight.", "no excuses left 😤")
    assert fits(weigh_in, "146.5 vs 147 ⚖️ Orlov and Mensah make trilogy weight.", "no excuses left 😤")


@pytest.mark.parametrize("closer", ["scenes 🐶", "unreal 🏔️", "never write them off 🦁"])
def test_an_animal_or_a_mountain_is_one_sides_emoji(closer):
    """Read 84: "the 🐶 emoji makes no sense for Green Bay"; 🏔️ on the Capitals."""
    packers = ("Packers rally from 17 down to stun Vikings. Cornerback Darius Presswick returned an interception 64 "
               "yards for a touchdown as the Green Bay Packers beat the Minnesota Vikings 31-28 at Lambeau Field.")
    assert not fits(packers, "never count them out 😤 Packers rally from 17 down to stun Vikings, 31-28.", closer)


@pytest.mark.parametrize(("snippet", "name"), [
    # read 84: "there is no hook; it starts straight on the headline"
    ("Yankees right-hander strikes out 15 Orioles. Japanese starter Haruto Nakashiro fanned a career-high 15 over "
     "eight scoreless innings.", "haul"),
    ("Ace on 17th sets up LPGA victory. Japan's Mei Kuroyama holed her tee shot at the par-3 17th on her way to a "
     "two-shot win.", "win"),
    # read 82: "no hook and no emoji"
    ("Breakaway rider claims Tour de France mountain stage. Dane Mikkel Torvaldsen attacked on the final climb to win "
     "stage 14.", "win"),
])
def test_a_feat_or_a_win_in_other_words_has_a_hook(snippet, name):
    assert situation_of(snippet).name == name


@pytest.mark.parametrize(("snippet", "line"), [
    # read 84: "the scoreless 3-0 win is missing"; read 82: "it misses the late winner and the 5-4 score"
    ("Yankees right-hander strikes out 15 Orioles. Japanese starter Haruto Nakashiro fanned a career-high 15 over eight "
     "scoreless innings as the New York Yankees beat the Baltimore Orioles 3-0 at Yankee Stadium on Wednesday.",
     "Yankees' Nakashiro strikes out 15 Orioles in a 3-0 win."),
    ("Oilers winger nets hat-trick in Battle of Alberta. Anton Sarkovic scored three times, including the winner with "
     "1:42 left in the third period, as the Edmonton Oilers edged the Calgary Flames 5-4 on Saturday.",
     "Oilers' Sarkovic nets hat-trick in Battle of Alberta, a 5-4 win over the Flames."),
    ("Ireland retain Six Nations title. Ireland retained the Six Nations title as Ireland beat Scotland 27-17 in Dublin.",
     "Ireland retain Six Nations title in a 27-17 win over Scotland."),
    # a title that beats a side names it: the score alone
    ("Drag-flicker's hat-trick lifts India past Germany. Harjeet Sandhawal scored three times as India beat Germany 4-2.",
     "Drag-flicker Harjeet Sandhawal's hat-trick lifts India past Germany, 4-2."),
])
def test_a_feat_takes_the_win_it_came_in(snippet, line):
    assert headline(snippet) == line


@pytest.mark.parametrize("snippet", [
    # an injury in a win is no win of the injured's story
    "Chuka Bakare breaks leg. Chuka Bakare broke his leg in Nigeria's 2-1 win over Ghana and faces 6 months out.",
    # a loser's feat: the title names the beaten side, not the winner
    "Orioles slugger hits 2 homers. Jake Tillerman homered twice as the New York Yankees beat the Baltimore Orioles 5-3.",
    # another clause says the loser's story ("as PSG crash out")
    "Dortmund's Wendebrock the hero as PSG crash out. Jonas Wendebrock scored twice as Borussia Dortmund beat Paris St "
    "Germain 4-2.",
])
def test_no_win_goes_where_the_title_is_not_the_winners(snippet):
    assert " win" not in headline(snippet)


@pytest.mark.parametrize(("snippet", "head"), [
    # a 14-point NFL win and a straight-sets final are no crime scene
    ("Ravens rookie throws four touchdowns in first NFL start. Devontae Harkwell threw four touchdown passes as the "
     "Baltimore Ravens beat the Cincinnati Bengals 34-20 on Sunday.",
     "numbers DON'T lie 📈 Ravens rookie Devontae Harkwell throws 4 touchdowns in first NFL start."),
    ("Polish star retains Wimbledon crown in straight sets. Zofia Karwaszek beat Tereza Zbraslavska 6-3 6-4 on Centre "
     "Court on Saturday.", "STILL champ 👑 Polish star Zofia Karwaszek retains Wimbledon crown in straight sets."),
])
def test_a_rout_sign_off_needs_a_rout(snippet, head):
    assert not fits(snippet, head, "that's not a game, that's a CRIME SCENE 🚨")
    assert not fits(snippet, head, "disrespectful 💀")


def test_a_rout_sign_off_fits_a_rout():
    rout = ("Arsenal striker hits hat-trick in rout of Wolves. Nathan Dorrington scored three as Arsenal thrashed "
            "Wolverhampton Wanderers 5-0.")
    assert fits(rout, "NO MERCY 😭 Arsenal striker hits hat-trick in rout of Wolves.", "disrespectful 💀")


def test_a_club_record_fee_is_a_signing():
    assert kind_of("Arsenal break club record for Leverkusen midfielder. Arsenal have signed Bayer Leverkusen "
                   "midfielder Florian Steinbrecker on a five-year deal for a reported 105 million pounds.") == "move"


@pytest.mark.parametrize(("snippet", "hook"), [
    # read 83: "the reason for the ban is missing" ("rough news 😬" for a ban after admitting violent conduct)
    ("Leeds striker handed four-match ban. Leeds United forward Kieran Duncroft has been suspended for four games after "
     "admitting violent conduct following his red card against Burnley.", "violent conduct 😬"),
    ("Cowboys linebacker suspended three games. The NFL has banned Dallas Cowboys linebacker Jaylen Okonjay for three "
     "games without pay for a helmet-to-helmet hit on a defenceless receiver.", "helmet-to-helmet hit 😬"),
])
def test_a_ban_opens_with_what_it_was_for(snippet, hook):
    assert angle_hooks(snippet, headline(snippet))[0] == hook


def test_a_sign_off_with_an_emoji_goes_before_one_without():
    """Reads 60-84 posted a quarter of the drafts whose sign-off had no emoji, a third of the others; readers wrote
    "the sign-off has no emoji" ("the party is ON", "this team is the real DEAL")."""
    snippet = ("Celtics guard sets franchise mark with 14 threes. Jalen Quellerby hit 14 three-pointers, a Boston Celtics "
               "record, and finished with 51 points in a 128-117 win over the Atlanta Hawks at TD Garden on Wednesday.")
    head = "history made 📈 Celtics' Quellerby sets franchise mark with 14 threes."
    assert "built DIFFERENT" in house_phrasebook().phrases_for(snippet)  # the most similar that fits has none
    [caption] = house_phrasebook().sign_off(snippet, [head])
    assert is_emoji(caption[-1])


@pytest.mark.parametrize(("snippet", "head", "closer"), [
    ("Masters goes to Whitlandry by one. Tom Whitlandry birdied the last to win the Masters by one shot.",
     "FIRST major title 🏆 Masters goes to Whitlandry by one.", "built different 🎮"),
    ("Galaxy crash out of MLS playoffs. LA Galaxy were beaten 3-1 by Seattle Sounders.",
     "not their day 😶 Galaxy crash out of MLS playoffs.", "grim ☔"),
    # the fact-check: "this team is for real" on one player's feat
    ("Ravens rookie throws four touchdowns in first NFL start. Devontae Harkwell threw four touchdown passes as the "
     "Baltimore Ravens beat the Cincinnati Bengals 34-20.",
     "numbers DON'T lie 📈 Ravens rookie Devontae Harkwell throws 4 touchdowns in first NFL start.",
     "this team is for real 🔥"),
])
def test_a_sign_offs_emoji_and_team_claim_what_the_story_says(snippet, head, closer):
    assert not fits(snippet, head, closer)
