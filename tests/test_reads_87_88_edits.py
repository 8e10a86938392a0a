"""Edits reads 87 and 88 asked for: the name a title only hints at, a preview told as a need, a ban for a drug."""

from __future__ import annotations

import pytest

from generate.angles import angle_hooks
from generate.closers import LAST_RESORT, fits, house_phrasebook
from generate.headlines import headline, voiced_headline
from generate.guards import score_caption
from generate.kinds import kind_of
from generate.stars import star_line


@pytest.mark.parametrize(("snippet", "line"), [
    # read 87: "pasted headline leaves out Drummondale's name"
    ("Scotland wing ruled out of Six Nations with knee injury. Callum Drummondale will miss the rest of the Six Nations "
     "after damaging knee ligaments in training, Scottish Rugby said on Wednesday.",
     "A knee injury rules Scotland's Drummondale out of Six Nations."),
    # read 88: "misses the Aprilia winner" and names no rider; "Ruscelli isn't named"
    ("Ducati leader crashes out at Mugello. Paolo Vignatelli slid off from the lead with three laps left on Sunday, "
     "handing the Italian MotoGP to Aprilia's Jorge Castellví, who won by 4.3 seconds.",
     "Ducati leader Paolo Vignatelli crashes out at Mugello."),
    ("Championship leader eyes first Monaco podium. Ferrari's Mateo Ruscelli arrives for Sunday's Monaco Grand Prix "
     "22 points clear in the Formula One standings.", "Championship leader Mateo Ruscelli eyes first Monaco podium."),
    # read 88: a body suspends the sprinter the title tells of
    ("Jamaican sprinter provisionally suspended after failed test. The Athletics Integrity Unit suspended Davion "
     "Harcourt-Lyle on Thursday after an out-of-competition sample tested positive for a banned anabolic steroid.",
     "Jamaica's Harcourt-Lyle provisionally suspended after failed test."),
    # read 88: "copies the headline without the coach's name"
    ("Maple Leafs hire Finnish coach on four-year deal. The Toronto Maple Leafs appointed Juha Kerkkonen as head coach "
     "on Wednesday, two weeks after firing his predecessor.", "Maple Leafs hire Finnish coach Juha Kerkkonen on 4-year deal."),
    # read 87: "'An EPO costs' is broken"
    ("French cyclist banned for four years for EPO. Mathis Baptistine has been suspended for four years after testing "
     "positive for the blood booster EPO in an out-of-competition test, the UCI said on Friday.",
     "A 4-year EPO ban for France's Baptistine."),
])
def test_reads_87_88_edit_the_fact_line(snippet, line):
    assert headline(snippet) == line


def test_a_side_that_needs_a_two_goal_win_is_a_preview():
    # read 87: "Preview captioned 'pure CINEMA' as if the match happened"
    assert kind_of("Barcelona need two-goal win against Inter to reach quarter-finals. Barcelona trail Inter Milan 2-0 "
                   "from the first leg ahead of Tuesday's return.") == "preview"


@pytest.mark.parametrize(("snippet", "fitting"), [
    # read 88: "'heal up' implies an injury the snippet doesn't report"
    ("Ducati leader crashes out at Mugello. Paolo Vignatelli slid off from the lead with three laps left on Sunday, "
     "handing the Italian MotoGP to Aprilia's Jorge Castellví.", False),
    ("Jonas Vinding crashes on descent at Tour de France. Jonas Vinding went over a wall on the Col de la Loze and was "
     "taken to hospital.", True),
    ("Liverpool midfielder out for six weeks with hamstring tear. Oisin Carrabine will miss around six weeks after "
     "tearing his hamstring in Saturday's 2-0 win over Everton.", True),
])
def test_heal_up_needs_a_hurt_told(snippet, fitting):
    assert fits(snippet, headline(snippet), "heal up 🙏") is fitting


def test_a_scene_of_tears_needs_tears_told():
    # read 88: "'grown men crying in the garage' makes up a scene"
    snippet = ("Williams driver takes maiden win at Silverstone. Ruben Wrexley held off McLaren's Tomas Ekelund by 1.8 "
               "seconds on Sunday to claim his first Formula One victory at the British Grand Prix.")
    assert not fits(snippet, headline(snippet), "grown men crying in the garage 🥹")
    assert fits(snippet.replace("on Sunday", "on Sunday, in tears,"), headline(snippet), "grown men crying in the garage 🥹")


def test_a_provisional_suspension_is_no_guilt():
    # read 88: "'no place for it' presumes guilt on what is only a provisional suspension"
    snippet = ("Jamaican sprinter provisionally suspended after failed test. The Athletics Integrity Unit suspended Davion "
               "Harcourt-Lyle on Thursday after an out-of-competition sample tested positive for a banned anabolic steroid.")
    assert not fits(snippet, headline(snippet), "no place for it 🚫")


@pytest.mark.parametrize(("snippet", "fitting"), [
    # read 88: "'who you got??' suggests a head-to-head that isn't there"
    ("Championship leader eyes first Monaco podium. Ferrari's Mateo Ruscelli arrives for Sunday's Monaco Grand Prix "
     "22 points clear in the Formula One standings.", False),
    ("Kiely and Takeda shove at weigh-in. Owen Kiely and Ryo Takeda had to be separated after Kiely shoved Takeda at "
     "the Tokyo weigh-in.", True),
    ("Burnley travel to Ipswich Town on Saturday in a Premier League relegation six-pointer. Ipswich sit 18th, one point "
     "ahead of 19th-placed Burnley.", True),
])
def test_a_pick_needs_two_who_meet(snippet, fitting):
    assert fits(snippet, headline(snippet) or "", "who you got?? 🍿") is fitting


def test_a_side_the_title_names_by_its_short_name_is_not_added_again():
    # read 88: "Redundant: it says 'sweep' and '3-0' and names G2 twice"
    assert headline("Vitality sweep G2 to win LEC title. Team Vitality beat G2 Esports 3-0 in the League of Legends "
                    "EMEA Championship final in Madrid on Sunday.") == "Vitality sweep G2 to win LEC title, 3-0."


def test_a_preview_names_the_one_its_title_calls_by_role():
    # read 88: "never names Crosthwell"
    assert headline("Teenager meets defending champion in Wimbledon final. Czech 19-year-old Klara Novosadova faces "
                    "Britain's Imogen Crosthwell on Centre Court on Saturday, seeking a first Grand Slam title.") == \
        "Teenager Klara Novosadova meets defending champion Imogen Crosthwell in the Wimbledon final."


@pytest.mark.parametrize(("snippet", "hook"), [
    # read 87: "'job DONE' and 'MONSTER' feel templated for a maiden win"
    ("Ferrari driver takes maiden win at Monza. Luca Marchetto won the Italian Grand Prix for Ferrari on Sunday, "
     "finishing 3.4 seconds ahead of a McLaren after starting from pole.", "3.4 seconds clear 🚀"),
    # a margin under a second is no clear win
    ("Rhett Cashwellen takes his first NASCAR Cup Series win at Talladega. The 24-year-old made a last-lap pass on the "
     "backstretch and finished 0.047 seconds ahead.", None),
])
def test_a_race_won_by_seconds_opens_with_the_margin(snippet, hook):
    hooks = angle_hooks(snippet, voiced_headline(snippet))
    assert hook in hooks if hook else not any("clear" in found for found in hooks)


def test_a_stoppage_time_equaliser_names_its_scorer():
    # read 87: "leaves out the stoppage-time equaliser that is the drama"
    snippet = ("Real Madrid held to 1-1 draw at Getafe. Argentine midfielder Tomas Navarrete equalised in stoppage time at "
               "the Coliseum on Sunday after Real Madrid had led through a first-half penalty.")
    assert star_line(snippet, headline(snippet)) == "Navarrete equalises in stoppage time"


def test_an_unbeaten_record_kept_opens_the_caption():
    # read 87: "misses the unbeaten 21-0 hook"
    snippet = ("Mwangura stops Vashchenko in sixth to claim WBO heavyweight title. Britain's Daniel Mwangura knocked out "
               "Ukrainian champion Oleksandr Vashchenko in the sixth round at Wembley Stadium on Saturday to win the WBO "
               "belt and stay unbeaten at 21-0.")
    assert "21-0 and counting 😤" in angle_hooks(snippet, voiced_headline(snippet))


def test_a_number_glued_to_its_unit_is_the_snippets():
    # read 87: "job DONE" on a stage won by an attack "4km from the summit": the guards read "attacked 4 km out" as
    # an invented 4
    snippet = ("Valdeolmos wins Tour de France stage to Alpe d'Huez. Spain's Iker Valdeolmos attacked 4km from the "
               "summit to win stage 17 by 38 seconds on Wednesday.")
    assert score_caption(snippet, f"attacked 4 km out 🚀 {headline(snippet)}").passed
    assert not score_caption(snippet, f"attacked 5 km out 🚀 {headline(snippet)}").passed


def test_the_world_championships_take_their_article():
    # read 87: "Missing 'the' before 'world championships'"
    assert headline("Sallowell wins 200m freestyle gold at world championships. Australian Mia Sallowell touched in "
                    "1:53.80 to win the women's 200m freestyle in Budapest on Tuesday.") == \
        "The 200m freestyle gold goes to Sallowell at the world championships."


def test_a_trade_no_editors_sign_off_fits_gets_the_houses_own():
    # the fact-check of 73 changed drafts: once "bag secured" no longer fitted a trade, it went out with no sign-off
    snippet = ("Cleveland Browns trade wide receiver Tremaine Falkenburg to the Kansas City Chiefs for a 2026 second-round "
               "pick. The 29-year-old caught 88 passes for 1,214 yards and nine touchdowns last season.")
    [signed] = house_phrasebook().sign_off(snippet, ["DONE DEAL ✍️ Wide receiver Tremaine Falkenburg is off to the Chiefs."])
    assert signed.endswith(LAST_RESORT["move"])


def test_a_shootout_names_the_keeper_who_won_it():
    # the fact-check of 73: "... on penalties as Belkhodja equalises in the 79th minute" for the saves that won it
    snippet = ("Fourth-tier side Bergerac Périgord knock Paris Saint-Germain out of the Coupe de France on penalties. The "
               "tie finished 1-1 after striker Yanis Belkhodja equalised in the 79th minute, and goalkeeper Quentin "
               "Rouvillard saved two spot-kicks.")
    assert star_line(snippet, headline(snippet)) == "Rouvillard saves 2 spot-kicks"


def test_nobody_can_stop_one_who_has_done_it_once():
    # the fact-check of 73: "built a MONSTER, nobody can stop him 👹" on a rookie's shock first pole
    snippet = ("Williams rookie grabs shock pole at Monza. Jasper Vandeloo lapped in 1:19.842 on Saturday to take the first "
               "pole of his career.")
    assert not fits(snippet, headline(snippet), "built a MONSTER, nobody can stop him 👹")
    assert fits(snippet.replace("the first pole of his career", "his fifth straight pole"), headline(snippet),
                "built a MONSTER, nobody can stop him 👹")


@pytest.mark.parametrize(("snippet", "line"), [
    # read 89: "the pasted 'preview:' headline label reads like a wire copy"; "leaves out that it's the Champions
    # League final"
    ("UFC 310 preview: title fight set for Las Vegas on Saturday. Lightweight champion Rafael Mendonca defends his belt "
     "against Dagestan's Ilyas Kurbanov, who is unbeaten in 26 professional fights.",
     "UFC 310: title fight set for Las Vegas on Saturday, Mendonca vs Kurbanov."),
    ("Champions League final preview: PSG face Liverpool in Munich. Paris Saint-Germain and Liverpool meet at the "
     "Allianz Arena on Saturday.", "Champions League final: PSG face Liverpool."),
    # read 89: "'goalless ... 0-0' is redundant"
    ("Juventus and Inter share spoils in goalless Derby d'Italia. Juventus and Inter Milan drew 0-0 in Turin on Sunday.",
     "Juventus and Inter share spoils in goalless Derby d'Italia."),
    # read 89: "'Ashworth's scores' is a grammar error"
    ("Australia opener scores record 264 against Pakistan in Perth. Callum Ashworth's innings on Friday was the highest "
     "by an Australian at Perth Stadium.", "Australia's Ashworth scores record 264 against Pakistan."),
    # read 89: "'Former' is wrongly capitalised mid-sentence"
    ("Former US Open champion withdraws from Roland Garros with wrist injury. Argentina's Nicolas Pereyra pulled out of "
     "the French Open on Friday.", "A wrist injury forces former US Open champion Nicolas Pereyra out of Roland Garros."),
    # read 89: "the comma in 'Bochum, 6-0 as' is clumsy"
    ("Bayern rout Bochum 6-0 as Kessler hits hat-trick. Lukas Kessler scored three times before half-time on Friday.",
     "Bayern cruise past Bochum, 6-0, as Kessler hits hat-trick."),
])
def test_read_89_edits_the_fact_line(snippet, line):
    assert headline(snippet) == line


def test_promotion_hopes_dented_are_a_defeat_and_a_forced_game_7_no_job_done():
    # read 89, rejects: "new chapter ✍️" on a defeat that dented promotion hopes; "job DONE" on a win forcing Game 7
    assert kind_of("Wrexham's promotion hopes dented by home defeat to Barnsley. Wrexham slipped to a 2-1 loss at the "
                   "Racecourse Ground on Tuesday night.") == "loss"
    snippet = ("Oilers beat Panthers 5-2 to force Game 7. Edmonton scored three times in the third period on Thursday to "
               "even the Stanley Cup Final at 3-3.")
    assert not fits(snippet, headline(snippet), "job DONE 😤")


def test_a_grid_penalty_for_an_engine_is_no_bad_look_and_a_suspended_player_is_named():
    # read 89: "'bad look all around' wrongly implies wrongdoing over a routine engine penalty"
    snippet = ("Williams driver handed grid penalty after engine change. Williams' Tobias Hartmann will start Sunday's "
               "Belgian Grand Prix from the back of the grid after exceeding his allocation of power unit components.")
    assert not fits(snippet, headline(snippet), "bad look all around")
    # read 89: "unnamed headline copy"
    assert headline("Lyon midfielder handed six-match ban for referee confrontation. The French league's disciplinary "
                    "committee suspended Lyon's Mathis Delorme on Thursday after he pushed the referee.") == \
        "Lyon's Delorme handed 6-match ban for referee confrontation."


def test_a_side_named_by_its_nickname_is_not_added_again_by_its_city():
    # read 89: "'Red Sox... over Boston' is redundant"
    assert headline("Yankees ace strikes out 15 in one-hit shutout of Red Sox. Right-hander Mateo Villanueva allowed "
                    "only a sixth-inning single on Saturday as the New York Yankees beat Boston 4-0 at Yankee Stadium.") \
        == "Yankees ace Mateo Villanueva strikes out 15 in one-hit shutout of Red Sox, a 4-0 win."


def test_the_grid_takes_its_article():
    # read 90: "'from 11th on grid' is missing 'the'"
    assert headline("McLaren's Reuter wins Canadian Grand Prix from 11th on grid. Jonas Reuter claimed his first Formula "
                    "One victory on Sunday, passing Red Bull's Sebastián Ortega on the final lap in Montreal.") == \
        "The Canadian Grand Prix goes to McLaren's Reuter from 11th on the grid."


def test_a_grid_penalty_no_editors_sign_off_fits_gets_the_houses_own():
    # the second fact-check: once "bad look all around" no longer fitted it, a grid penalty went out with no sign-off
    snippet = ("Haas driver Hiroki Sanematsu handed grid penalty for Belgian Grand Prix. The Japanese driver will start "
               "from the back of the grid at Spa after the team fitted a fifth power unit, exceeding the season "
               "allocation of four.")
    [signed] = house_phrasebook().sign_off(snippet, [f"not ideal 😬 {headline(snippet)}"])
    assert signed.endswith(LAST_RESORT["ban"][1:])


def test_the_score_s_own_clause_still_takes_the_star():
    # the second fact-check: ", 2-1, with a stoppage-time winner" read as a trailing clause and lost the scorer
    from generate.headlines import starred
    snippet = ("Arsenal beat Manchester United 2-1 with stoppage-time winner in Women's Super League. Dutch striker Femke "
               "Oudewater headed in a corner in the 93rd minute at the Emirates.")
    line = headline(snippet)
    assert "Oudewater" in starred(snippet, None, line), line
