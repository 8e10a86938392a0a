"""What reads 71-80 (fresh40aj to fresh40an, judged blind) rejected or edited, each fixed where it belongs."""

from __future__ import annotations

from generate.angles import angle_hooks
from generate.closers import fits
from generate.headlines import headline, voiced_headline, with_headline
from generate.kinds import TRIUMPH, kind_of
from generate.situations import situation_of
from generate.voice import in_voice

CURLING = ("Scots edge Canada for world curling gold. Skip Fraser Dunachie drew to the button with his final stone as "
           "Scotland beat Canada 7-6 in the men's world curling championship final in Ottawa on Sunday.")
SEAMER = ("Kiwi seamer takes seven as Sri Lanka skittled for 142. Seamer Harlan Pruitsey claimed 7-38 as New Zealand "
          "bowled out Sri Lanka for 142 on the second day of the first Test at the Basin Reserve.")
MILESTONE = ("Canadiens veteran reaches 1,000 points. Montreal Canadiens centre Mathieu Lavergnac recorded his 1,000th "
             "career point with an assist in a 4-3 overtime win over the Ottawa Senators on Tuesday.")


def test_a_win_by_a_stone_drawn_to_the_button_is_no_draw():
    """Read 72, facts 0: "honours even 🤝" on Scotland's 7-6 final win."""
    assert kind_of(CURLING) == TRIUMPH
    assert situation_of(CURLING).name != "draw"


def test_a_bowlers_seven_is_his_win_not_the_skittled_sides_loss():
    """Read 71 rejected "not their day 😶" on a career-best 7-38; the bowler is named."""
    assert kind_of(SEAMER) == TRIUMPH
    assert headline(SEAMER) == "New Zealand's Pruitsey takes 7 as Sri Lanka skittled for 142."


def test_a_comeback_a_solo_win_and_a_ton_get_a_hook():
    """Read 71 rejected three drafts that went out with no hook."""
    assert situation_of("Chiefs erase 17-point deficit to stun Bills. Backup quarterback Dalton Mirefield threw two "
                        "touchdown passes as Kansas City beat Buffalo 27-24.").name == "comeback"
    assert situation_of("Belgian solos to Flanders victory. Jens Moerdijck held on to win the Tour of Flanders by 26 "
                        "seconds.").name == "win"
    assert situation_of("Opener's 52-ball ton powers Mumbai past Chennai. Opener Vikrant Sondhiwal hit a 52-ball "
                        "century as Mumbai won.").name == "haul"


def test_an_attack_told_by_the_distance_left_is_the_angle():
    snippet = ("Belgian solos to Flanders victory. Jens Moerdijck attacked on the Oude Kwaremont with 18 kilometres left "
               "and held on to win the Tour of Flanders by 26 seconds.")
    assert angle_hooks(snippet, voiced_headline(snippet)) == ["attacked 18 kilometres out 🚀"]


def test_an_angle_says_no_number_or_first_the_headline_says():
    """Read 71: "1,000th career point 🤯" before "reaches 1,000 points"; read 72: "FIRST victory 🙌" before "maiden Tour
    title". A name's number ("Indianapolis 500") is no count."""
    assert angle_hooks(MILESTONE, voiced_headline(MILESTONE)) == []
    maiden = ("Saarnback holds nerve for maiden Tour title. Swede Nils Saarnback won the Dutch Open by one shot, his "
              "first victory on the DP World Tour at the 112th attempt.")
    assert not any("FIRST" in hook for hook in angle_hooks(maiden, voiced_headline(maiden)))
    indy = ("New Zealander Finn Carrodus wins the Indianapolis 500 by 0.061 seconds. It is his first Indy 500 win at his "
            "sixth attempt.")
    assert angle_hooks(indy, voiced_headline(indy)) == ["FIRST Indy 500 win 🙌"]


def test_a_hook_that_says_the_headlines_verb_again_is_not_joined():
    """Read 72: "SUBMITTED 😤 Mourandes submits champion"."""
    snippet = ("Mourandes submits champion to claim UFC belt. Brazilian Caio Mourandes won the lightweight title with a "
               "second-round rear-naked choke.")
    assert with_headline(snippet, "SUBMITTED 😤 x. nice") is None
    assert with_headline(snippet, "NEW champ 👑 x. nice") is not None


def test_a_possessive_subject_keeps_its_role_not_a_second_possessive():
    """Read 72: "Brentford's Venderlyn's stoppage-time strike"."""
    assert in_voice("Brentford striker Kai Venderlyn's stoppage-time strike downs Fulham.") == \
        "Brentford striker Venderlyn's stoppage-time strike downs Fulham."


def test_a_retirement_is_a_legends_not_the_goats():
    """Read 71 rejected "winner's mentality, FOREVER 🐐" on a wicketkeeper's retirement."""
    snippet = ("England wicketkeeper quits Test cricket. England wicketkeeper-batter Tom Ashlington announced his "
               "retirement from Test cricket at the age of 34, ending a career of 71 Tests.")
    assert not fits(snippet, "", "winner's mentality, FOREVER 🐐")
    assert fits(snippet, "", "LEGEND 🫡")


# Reads 73-74 (fresh40ak)

def test_a_round_takes_its_article_and_a_hold_off_its_hook():
    assert headline("Welsh heavyweight wins European title in first round. Rhys Penmarrow knocked out Marco Ferlazzino "
                    "in the first round in Cardiff.") == "In the first round, the European title goes to Wales' Penmarrow."
    assert situation_of("IndyCar rookie holds off veteran at Road America. Andretti Global rookie Sawyer Kellenbrook "
                        "won by 0.8 seconds.").name == "win"
    assert situation_of("League One Wigan knock Palace out of FA Cup. Striker Ellis Hartgrove scored the only goal in "
                        "a 1-0 win.").name == "upset"


def test_no_wall_for_a_defender_named_manager():
    snippet = ("Former Norway defender named Rangers manager. Rangers appointed former Norway international Henrik "
               "Solvangsrud as manager on a three-year contract.")
    assert not fits(snippet, "", "WALL 🧱")


# Reads 75-76 (fresh40al)

def test_a_signing_done_is_no_deal_nearly_there():
    """Read 76, facts 0: "nearly there 👀" on a signing done, its pay "reportedly" the best in the league."""
    snippet = ("Springbok lock joins Toulouse on three-year deal. Toulouse signed South Africa lock Ruan Blaauwkrans from "
               "the Stormers on Wednesday, with the 27-year-old reportedly becoming the best-paid forward in the Top 14.")
    assert situation_of(snippet).name == "move"


def test_read_76s_hookless_drafts_get_a_hook():
    from generate.headlines import house_hook
    for snippet in (
        "Swede holds nerve for first major title. Ludvig Asperholm closed with a 67 to win the US PGA Championship.",
        "Late penalty keeps Ireland unbeaten. Fly-half Conor Rathmullan kicked a 78th-minute penalty as Ireland beat "
        "Wales 23-21.",
        "Hawks veteran passes 20,000-point milestone. Atlanta guard Desmond Fairweld reached 20,000 career points in a "
        "118-110 win over Miami.",
        "Kiwi quick takes six as England collapse. Seamer Blair Mottrington claimed 6-41 as New Zealand bowled England "
        "out for 187.",
        "Sixteen-year-old scores on Barcelona debut. Winger Pau Casterlenc scored 11 minutes into his La Liga debut as "
        "Barcelona beat Getafe 3-0.",
    ):
        assert house_hook(None, snippet, headline(snippet)) is not None, snippet


def test_a_house_hook_that_says_the_headlines_verb_again_gives_way():
    """Read 76: "SUBMITTED 😤 Brazilian submits former champion"; "at UFC Rio" is no one the title names."""
    from generate.headlines import house_hook
    snippet = ("Brazilian submits former champion in Rio. Lightweight Thiago Marcondelli submitted former champion Dustin "
               "Harwicke with a rear-naked choke in the second round at UFC Rio on Saturday.")
    line = headline(snippet)
    assert line.startswith("Marcondelli submits former champion")
    assert house_hook(None, snippet, line) == "tapped OUT 😤"


def test_lock_up_is_no_lock_and_a_hat_trick_is_three():
    """Read 76: "Chiefs' Oblander up pass rusher" (the verb "lock up" read as a rugby lock); "Drag-flicker's hat-trick
    ... as Sandhawal converts 3 penalty corners"."""
    from generate.stars import star_line
    assert headline("Chiefs lock up pass rusher with four-year extension. The Kansas City Chiefs signed defensive end "
                    "Marquise Oblander to a four-year, $112 million contract extension on Monday.") == \
        "Pass rusher Marquise Oblander commits to the Chiefs with a 4-year extension."
    hockey = ("Drag-flicker's hat-trick lifts India past Germany. Harjeet Sandhawal converted three penalty corners as "
              "India beat Germany 4-2 in Bhubaneswar.")
    assert star_line(hockey, headline(hockey)) is None


def test_the_fact_checks_name_insertions_are_not_made():
    """The fact-check of 269 changed drafts: "to retain WBA heavyweight Dmitri Kassanov title" (the title names him
    already) and "in the Champions Trophy opener Habib Safi" (a match, not a batter)."""
    boxing = ("Dmitri Kassanov stops Ray Culhane in third round to retain WBA heavyweight title. The Russian-born "
              "champion dropped Culhane twice; WBA heavyweight Dmitri Kassanov is now 31-0.")
    assert "Kassanov title" not in headline(boxing)
    cricket = ("Afghanistan stun South Africa in Champions Trophy opener. Leg-spinner Rashid Zadran took 5-28 after "
               "opener Habib Safi made 71 in Karachi.")
    assert "Safi" not in headline(cricket)


def test_no_long_summer_for_one_loss():
    snippet = ("Celtics' nine-game winning streak ends in loss to Magic. Boston lost 104-99 in Orlando on Friday despite "
               "27 points from guard Jalen Devereaux.")
    assert not fits(snippet, "", "the summer is gonna be LONG")
    assert fits("Celtics eliminated by Magic. Orlando won the series 4-2.", "", "the summer is gonna be LONG")


# Reads 77-78 (fresh40am)

def test_a_team_before_its_players_role_is_no_name_for_the_title():
    """Read 78, facts 0: "the Indianapolis 500 goes to rookie Team Penske", "Quick-Step solos to Tour de France stage
    win" (the team put where the rider's name goes)."""
    indy = ("Rookie wins Indianapolis 500 in photo finish. Team Penske driver Colby Tandrew edged Chip Ganassi Racing's "
            "Emilio Casarvedo by 0.021 seconds to win the Indianapolis 500 on Sunday.")
    assert "Tandrew" in headline(indy) and "Team Penske" not in headline(indy)
    tour = ("Belgian solos to Tour de France stage win. Soudal Quick-Step rider Jelle Verschaerde attacked 28km from the "
            "line to win the 14th stage in Pau on Saturday.")
    assert headline(tour) == "Verschaerde solos to Tour de France stage win."


def test_a_venue_after_the_is_no_second_name():
    """Read 77: "England collapse as Kiwi seamer takes 7" left the bowler unnamed ("at the Basin Reserve" read as a
    second person)."""
    snippet = ("Kiwi seamer takes seven as England collapse. New Zealand fast bowler Hamish Tarrowby took 7-38 as England "
               "were bowled out for 152 on the second day at the Basin Reserve in Wellington on Friday.")
    assert "Tarrowby" in headline(snippet)


def test_a_hero_whose_opponent_crashes_out_is_a_win_not_an_injury():
    """Read 78 rejected "brutal timing 💔 ... heal up 🙏" on a keeper's shootout win."""
    snippet = ("Dortmund keeper the hero as PSG crash out. Goalkeeper Lukas Wendebrock saved two penalties as Borussia "
               "Dortmund beat Paris St Germain 4-2 in a shootout.")
    assert kind_of(snippet) == TRIUMPH


# Reads 79-80 (fresh40an)

def test_a_500_goal_club_joined_is_a_milestone_not_a_move():
    """Read 80 rejected "DONE DEAL ✍️ ... joins 500-goal club ... big get 👀"."""
    snippet = ("Oilers veteran joins 500-goal club in Battle of Alberta win. Edmonton winger Mattias Brenstrom scored his "
               "500th NHL goal in a 4-2 win over Calgary on Saturday.")
    assert kind_of(snippet) == TRIUMPH
    assert situation_of(snippet).name != "move"


def test_a_high_tackle_is_no_role_and_a_halfback_is():
    """Read 79 rejected "banned for 4 games over high tackle Jayden Molloway"."""
    assert headline("Penrith halfback banned for four games over high tackle. Penrith halfback Jayden Molloway was "
                    "banned by the NRL judiciary on Tuesday.") == \
        "Penrith halfback Jayden Molloway banned for 4 games over high tackle."


def test_read_80s_hookless_drafts_get_a_hook_and_a_bowlers_haul_stays_his():
    from generate.headlines import house_hook
    for snippet in (
        "Ravens rookie throws four touchdowns in first NFL start. Baltimore quarterback Devontae Harkwell threw four "
        "touchdown passes in a 31-17 win over Cleveland.",
        "Maximum break lights up Crucible as Scot advances. Scotland's Euan Dalgleish made a 147 in a 10-4 win.",
        "Celtics guard sets franchise mark with 14 threes. Jalen Quellerby hit 14 three-pointers, a Boston Celtics "
        "record, and finished with 51 points in a 128-117 win over the Atlanta Hawks.",
    ):
        assert house_hook(None, snippet, headline(snippet)) is not None, snippet
    assert headline("Kiwi seamer takes seven as England collapse. New Zealand fast bowler Hamish Tarrowby took 7-38 "
                    "on Friday.").endswith("takes 7 as England collapse.")
