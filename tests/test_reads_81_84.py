"""What reads 81-84 (fresh40ao and fresh40ap, judged blind) rejected or edited, each fixed where it belongs."""

from __future__ import annotations

import pytest

from generate.closers import fits
from generate.headlines import headline_all, voiced_headline, with_headline
from generate.kinds import kind_of
from generate.recast import recast
from generate.situations import situation_of
from generate.stars import star_line


def test_a_loss_takes_no_star_who_may_be_the_winners():
    """Read 81, facts 1: "No more Challenge Cup for Wigan as Zubrecki scores 2 tries" made Hull KR's winger Wigan's."""
    exit_ = ("Wigan crash out of Challenge Cup. Wigan Warriors were beaten 22-18 by Hull KR in the semi-final at Elland "
             "Road on Saturday, with Rovers winger Tom Zubrecki scoring two tries.")
    assert star_line(exit_, "") is None


def test_the_name_goes_after_the_last_word_of_the_role():
    """Read 81: "Lightweight Matej Kastelic contender pulls out"; "Breakaway's Torvaldsen" took a rider for a team."""
    assert voiced_headline("Lightweight contender pulls out of UFC Paris main event. Slovenian Matej Kastelic has "
                           "withdrawn from his fight with a broken hand.") == (
        "Lightweight contender Matej Kastelic pulls out of UFC Paris main event.")
    assert voiced_headline("Heavyweight unification set for Riyadh. Unbeaten Briton Daniel Granthorpe meets WBA and "
                           "IBF champion Emeka Okafori on Saturday.") == (
        "Heavyweight unification set for Riyadh, Granthorpe vs Okafori.")  # the two who meet, not a role's name
    assert not voiced_headline("Breakaway rider claims Tour de France mountain stage. Dane Mikkel Torvaldsen attacked "
                               "on the final climb to win stage 14.").startswith("Breakaway's")


@pytest.mark.parametrize("snippet, line", [
    # read 81 edited each for "no name": a side's nickname taken for a person ("Red Sox") named the title someone
    ("Red Sox sign veteran closer. The Boston Red Sox have signed right-hander Travis Kolbrenner to a two-year, $22 "
     "million contract.", "Red Sox sign veteran closer Travis Kolbrenner."),
    ("Maple Leafs re-sign goaltender on eight-year deal. Goalie Mathieu Corriveau has agreed an eight-year contract "
     "worth $68 million with the Toronto Maple Leafs.", "Maple Leafs re-sign goaltender Mathieu Corriveau on 8-year deal."),
    # the deal's object in the title and the lead alike ("deal for", "a fee ... for")
    ("Newcastle agree £48m deal for Brazilian midfielder. Newcastle United have agreed a fee with Benfica for Rafael "
     "Castellvane, 23, who is expected to sign a five-year contract.",
     "Newcastle agree £48m deal for Brazilian midfielder Rafael Castellvane."),
    ("Australian quick out of second Ashes Test. Fast bowler Lachlan Wyndcombe has been ruled out of the second Test "
     "in Adelaide with a side strain.", "Australian quick Lachlan Wyndcombe out of second Ashes Test."),
])
def test_a_title_that_names_no_one_takes_the_lead_s_name(snippet, line):
    assert voiced_headline(snippet) == line


@pytest.mark.parametrize("snippet, closer", [
    ("Liverpool winger named PFA Player of the Year. Senegalese winger Moussa Ndiayeh, who scored 21 league goals, won "
     "the award at the PFA ceremony in Manchester on Tuesday.", "COOKED 💀"),  # read 81: no one was beaten
    ("Bayern reportedly close to deal for Ajax defender Jens Stellbrink. The Dutch centre-back would cost about "
     "€40m.", "WALL 🧱"),  # read 81: a defender not yet signed
    ("Wimbledon women's final set for Saturday. Top seed Marta Wittel will face Czech qualifier Alena Brodska on "
     "Centre Court.", "GET IN 🍿"),  # read 81: a cheer for a final yet to be played
    ("Saracens land Crusaders fly-half for next season. New Zealander Isaia Vakalua will join Saracens on a "
     "three-year deal.", "be there 😤"),  # read 81: a signing read as a fixture
    # the fact-check of 1,560 drafts: a rout's sign-off on a final of split sets
    ("Lenka Hrabalová wins her first Grand Slam title, beating Ilse Vandermaelen 6-4 3-6 7-5 in the US Open final.",
     "that's not tennis, that's a crime scene 💀"),
    ("Heavyweight unification set for Riyadh. Unbeaten Briton Daniel Granthorpe meets WBA and IBF champion Emeka "
     "Okafori on Saturday night.", "RUN IT BACK 🥊"),  # read 82: a first meeting
    ("England rugby captain Joe Cavendale announces retirement. The flanker won 94 caps.", "LEGEND 🐉"),  # read 82
])
def test_a_sign_off_claims_nothing_the_story_does_not(snippet, closer):
    assert not fits(snippet, "", closer)


def test_a_signing_landed_is_a_move_and_a_rout_still_fits_a_rout():
    assert kind_of("Saracens land Crusaders fly-half for next season. Isaia Vakalua will join on a 3-year deal.") == "move"
    assert fits("Sinner beats Alcaraz 6-1 6-2 6-0 in the final.", "", "that's not tennis, that's a crime scene 💀")


def test_a_hook_that_tells_the_stars_feat_without_the_star_gives_way():
    """Read 81: "90th-minute winner 😱 Villa fight back to sink Spurs, 2-1." never named the scorer."""
    snippet = ("Villa fight back to sink Spurs at Villa Park. Striker Ollie Pennicard headed a 90th-minute winner as Aston "
               "Villa came from a goal down to beat Tottenham Hotspur 2-1 in the Premier League on Sunday.")
    [[caption]] = headline_all([snippet], [["what a game 🔥 x. scenes 😭"]])
    assert caption == ("what a game 🔥 Villa fight back to sink Spurs, 2-1, as Pennicard heads a 90th-minute winner. "
                       "scenes 😭")
    assert with_headline(snippet, "Pennicard at the death 😱 x. scenes") is not None  # a hook that names the star


def test_a_signing_completed_is_no_deal_nearly_done():
    """Read 83, facts 0: "nearly there 👀" on a signing completed, for the fee the lead says was agreed first."""
    done = ("Real Madrid complete €90m signing of Lyon winger. French winger Yanis Ambroseau has signed a six-year "
            "contract with Real Madrid after the Spanish club agreed a 90 million euro fee with Lyon.")
    assert situation_of(done).name == "move"
    assert situation_of("Newcastle agree £48m deal for Brazilian midfielder. Newcastle have agreed a fee with Benfica "
                        "for Rafael Castellvane.").name == "agreed"


def test_points_shared_are_a_draw_and_no_one_got_cooked():
    """Read 83 rejected "Juventus and Milan share points. COOKED 💀"."""
    draw = ("Juventus and Milan share points in Turin. Milan striker Davide Feliciano cancelled out an early Juventus goal "
            "with a 70th-minute header as the Serie A match ended 1-1.")
    assert kind_of(draw) == "draw"
    assert not fits(draw, "", "COOKED 💀")


def test_a_title_goes_to_the_franchise_and_after_a_finish_told_with_its_article():
    """Read 84: "The Stanley Cup goes to Avalanche", "In velodrome sprint, Paris-Roubaix goes to Verbruggeman"."""
    assert recast("Avalanche win Stanley Cup in Game 6.") == "The Stanley Cup goes to the Avalanche in Game 6."
    assert recast("Verbruggeman wins Paris-Roubaix in velodrome sprint.") == (
        "In a velodrome sprint, Paris-Roubaix goes to Verbruggeman.")
    assert recast("Chelsea win WSL title on final day.") == "On the final day, the WSL title goes to Chelsea."


def test_a_last_ball_win_is_no_trophy_and_its_last_ball_is_told_once():
    """Read 83, facts 0: "trophy lifted 🏆 Mumbai Indians win off final ball at Wankhede as Parvatkar hits a 6 off the
    last ball." on a league game."""
    snippet = ("Mumbai Indians win off final ball at Wankhede. All-rounder Kunal Parvatkar hit a six off the last ball as "
               "Mumbai chased 189 to beat Chennai Super Kings by four wickets in the IPL on Sunday.")
    assert not fits(snippet, "", "trophy lifted 🏆")
    assert star_line(snippet, "Mumbai Indians win off final ball at Wankhede.") is None


def test_an_auction_buy_is_a_move_and_names_who_was_bought():
    """Read 84 rejected "it's ON 🍿 Punjab Kings splash out on England all-rounder. be there 😤"."""
    snippet = ("Punjab Kings splash out on England all-rounder. Punjab Kings paid 21 crore rupees for Will Faulconer at the "
               "IPL auction on Tuesday.")
    assert kind_of(snippet) == "move"
    assert voiced_headline(snippet) == "Punjab Kings splash out on England all-rounder Will Faulconer."


def test_an_ace_on_a_hole_is_a_shot_not_a_player():
    """Read 84: "Ace Mei Kuroyama on 17th sets up LPGA victory." took a hole-in-one for a star player."""
    snippet = ("Ace on 17th sets up LPGA victory. Japan's Mei Kuroyama holed her tee shot at the par-3 17th on her way to a "
               "two-shot win at the ShopRite LPGA Classic.")
    assert voiced_headline(snippet) == "Ace on 17th sets up LPGA victory."
