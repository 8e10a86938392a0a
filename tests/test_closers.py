"""House sign-offs (generate/closers.py) and the story kinds they are kept by (generate/kinds.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from generate.backends.base import Candidate
from generate.closers import (LAST_RESORT, SAME_SIGN_OFF, Phrasebook, fits, generic, house_closers, house_phrasebook,
                              sign_off_all, sign_off_of)
from text import split_sign_off
from generate.kinds import folded, kind_of
from model.dataset import load_seed


@pytest.mark.parametrize("caption, head, closer", [
    ("3-11 and it's over 🚪 Panthers pull the plug on Hallvard. the hot seat got HOT 😳",
     "3-11 and it's over 🚪 Panthers pull the plug on Hallvard.", "the hot seat got HOT 😳"),
    ("6th straight 😬 Mets fall to St. Louis again. cover your eyes 🙈",  # "St." ends no sentence
     "6th straight 😬 Mets fall to St. Louis again.", "cover your eyes 🙈"),
    ("formation lap... into the barrier 😭 Lafont's race is over! worst day EVER 💀",  # "..." is a pause
     "formation lap... into the barrier 😭 Lafont's race is over!", "worst day EVER 💀"),
    ("27.4 a night 🤯 Pellegrino gets paid", "27.4 a night 🤯 Pellegrino gets paid", ""),
    ("40 😤 LeBron drops 40 in a Lakers W. KING 👑",  # "W." is a win, not an initial
     "40 😤 LeBron drops 40 in a Lakers W.", "KING 👑"),
])
def test_a_caption_splits_after_its_fact_line(caption, head, closer):
    assert split_sign_off(caption) == (head, closer)


@pytest.mark.parametrize("closer, kept", [
    ("heal up 🙏", True), ("bracket BUSTED 🏀", True), ("she's HER 👑", True),
    ("Tennessee royalty 🧡", False),  # a name: only its own story's
    ("like it's 1973 again", False), ("", False),
    ("this one goes on and on for far too many words 😭", False),
])
def test_only_sign_offs_that_name_nothing_join_the_phrasebook(closer, kept):
    assert generic(closer) is kept


@pytest.mark.parametrize("snippet, kind", [
    ("Mets lose 6th straight as Cardinals win 5-2.", "loss"),  # the headline's first telling word
    ("Dario Vettorelli scores twice as Atalanta beat Torino 2-1.", "triumph"),
    ("Empoli relegated from Serie A despite 2-1 win over Cagliari", "loss"),
    ("Arsenal forward Idris Mbeki returns from 11-month injury layoff with winner", "triumph"),
    ("Aarav Kulkarni ruled out of Champions Trophy with back stress fracture", "hurt"),
    ("Hertha Berlin sack coach Jürgen Obermaier after five straight defeats", "firing"),
    ("Rohan Pathirage hits 9th Test century as Sri Lanka beat Bangladesh.", "triumph"),  # not a "ban"
    ("Dmitri Kassanov stops Ray Culhane in 3rd round to retain WBA heavyweight title.", "triumph"),
    ("Mariners sign shortstop Eli Brandvold to eight-year, $240m deal", "move"),
    ("Real Betis held 1-1 by Osasuna.", "draw"),
    ("Feyenoord host PSV in Eredivisie title decider.", "preview"),
    ("Eliska Novotná retires from swimming at 29.", "retirement"),
    ("Sofie Brandvold banned 2 years for a diuretic.", "ban"),
    ("McLaren's Oskar Vinterberg given five-place grid penalty for Monaco Grand Prix.", "ban"),  # not "triumph"
    ("Everton hit with 10-point deduction for breaching spending rules.", "ban"),
    ("Newcastle striker Emeka Obiorah faces three months out with ankle ligament damage.", "hurt"),  # not "preview"
    ("Defending champion Lars-Erik Wennberg misses cut at US Open.", "loss"),
    ("Rustam Aliyev-Kaya knocked out Derek Coleman in 38 seconds.", "triumph"),  # the subject won
    ("Imran Khattak takes 9 for 41. His spell bowled Sri Lanka out for 163.", "triumph"),  # a total, not a layoff
    ("Kings guard Tavon Reese out for 6 weeks with sprained ankle.", "hurt"),
])
def test_a_story_kind_is_read_from_its_headline(snippet, kind):
    assert kind_of(snippet) == kind


def test_story_kinds_agree_with_the_seed_sets_hand_written_kinds():
    rows = load_seed()
    agree = sum(kind_of(row["snippet"]) == folded(row["kind"]) for row in rows)
    assert agree / len(rows) >= 0.92  # 0.93 when written (bench/README.md)


ROWS = [
    {"snippet": "Tomás Quinteiro ruled out for six weeks with hamstring tear.", "kind": "injury",
     "sport": "football", "caption": "six weeks out 💔 Quinteiro's hamstring goes. heal up, king 🙏"},
    {"snippet": "Lena Hartsfield ruled out for the season with a knee injury.", "kind": "injury",
     "sport": "football", "caption": "season over 💔 Hartsfield's knee gives way. heal up, queen 🙏"},
    {"snippet": "Roma sack coach Stefano Arcuri after five straight defeats.", "kind": "firing",
     "sport": "football", "caption": "five straight L's 🚪 Roma move on from Arcuri. ruthless 😳"},
    {"snippet": "Atalanta beat Torino 2-1 with a late winner.", "kind": "result", "sport": "football",
     "caption": "late, LATE 😤 Atalanta edge Torino 2-1. Bergamo is ROCKING 🔥"},
]
# Every word in three stories (the index keeps it), every emoji in two sports' (no team's), most of it football.
ROWS = [row | {"sport": sport} for sport in ("football", "football", "nba") for row in ROWS]


def test_a_candidate_gets_the_sign_off_of_a_story_of_its_kind_and_keeps_its_log_probability():
    book = Phrasebook.from_rows(ROWS)
    draft = Candidate.scored("six weeks 💔 Okafor is out with a hamstring tear. the ACL is ROLLING 🔥", -0.7)
    [signed] = book.sign_off("Chuka Okafor ruled out for six weeks with a hamstring tear, his second.", [draft])
    assert signed == "six weeks 💔 Okafor is out with a hamstring tear. heal up, king 🙏"
    assert signed.mean_logprob == -0.7
    [fired] = book.sign_off("Lazio sack coach Marco Rossi after five straight defeats.",
                            ["5 straight 🚪 Lazio let Rossi go. the future is NOW 🔥"])
    assert fired == "5 straight 🚪 Lazio let Rossi go. ruthless 😳"  # never "heal up" on a firing


def test_a_sign_off_fits_the_storys_gender_and_says_nothing_twice():
    book = Phrasebook.from_rows(ROWS)
    [her] = book.sign_off("Amara Diallo ruled out for six weeks with a hamstring tear, her second injury.",
                          ["six weeks 💔 Diallo is out. get well 🙏"])
    assert her.endswith("heal up, queen 🙏")
    [repeat] = book.sign_off("Chuka Okafor ruled out for six weeks with a hamstring tear.",
                             ["six weeks 💔 heal up, king: Okafor is out. get well"])
    assert repeat == "six weeks 💔 heal up, king: Okafor is out. get well"  # every fitting one repeats


def _title_book(story: str, closers: tuple[str, ...]) -> Phrasebook:
    """A phrasebook of three title stories told as `story` ("... the {event} title ..."), in two sports,
    each signed off with every one of `closers`."""
    return Phrasebook.from_rows(
        {"snippet": story.format(event=event), "kind": "result", "sport": sport,
         "caption": f"champion 🏆 Silva wins in Lisbon. {closer}"}
        for event in ("Open", "Masters", "Classic") for sport in ("tennis", "tennis", "golf") for closer in closers)


@pytest.mark.parametrize("story, closer, said, unsaid", [
    ("Sam Ortiz wins the {event} title in Lisbon.", "she's HER 🔥",  # a name alone says no gender
     "Mia Reyes wins the Open title in Lisbon, her first.", "Mia Reyes wins the Open title in Lisbon."),
    ("Ana Silva wins the {event} title in Lisbon.", "the kid is HIM 🔥",
     "Leo Reyes, 19, wins the Open title, his first.", "Leo Reyes, 31, wins the Open title, his first."),
    ("Leo Ortiz stuns the No 1 seed to win the {event} title in Lisbon.", "nobody saw this coming 👀",
     "Unseeded Leo Reyes stuns the No 1 seed to win the Open title.",
     "Unbeaten favourite Leo Reyes wins the Open title."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "UNREAL ☘️",
     "Ireland's Leo Reyes wins the Open title.", "India's Leo Reyes wins the Open title."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "new champ 🏆",
     "Leo Reyes wins the Open title in Lisbon.", "Leo Reyes submits Dmitri Volkov in the first round in Lisbon."),
    # greatness and closeness, which an editor calls overblown for a third straight win or a 2-0
    ("Leo Ortiz wins the {event} title in Lisbon.", "DYNASTY 👑",
     "Leo Reyes wins a record fifth Open title.", "Leo Reyes wins a third straight Open title."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "generational 🐐",
     "Leo Reyes caps a perfect year with the Open title.", "Leo Reyes, unbeaten all year, wins the Open title."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "NERVES OF STEEL 😤",
     "Leo Reyes edges the Open title in a final-set tiebreak.", "Leo Reyes wins the Open title 6-1 6-0."),
    # a keeper's praise needs someone who kept ("nothing gets past 🧱" on a late winner)
    ("Leo Ortiz wins the {event} title in Lisbon.", "nothing gets past 🧱",
     "Lisbon win the Open title as keeper Leo Reyes makes nine saves.",
     "Lisbon win the Open title as Leo Reyes scores in the 88th minute."),
    # a margin in seconds is a race won clear; seconds left is a finish ("pure CHAOS" on a solo stage win)
    ("Leo Ortiz wins the {event} title in Lisbon.", "that's pure CHAOS 😭",
     "Leo Reyes wins the Open title with 14 seconds left.", "Leo Reyes wins the Open title by 24 seconds."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "CLUTCH 😤",
     "Leo Reyes wins the Open title with a last-second putt.", "Leo Reyes wins the Open title by three shots."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "the wait is OVER 🙌",
     "Leo Reyes wins the Open title, his first in nine years.", "Leo Reyes wins the Open title in Lisbon."),
    # a claim only some stories bear out: a rivalry, a cup, a career's end, a hat-trick
    ("Leo Ortiz wins the {event} title in Lisbon.", "rivalry SZN 😤",
     "Lisbon win the Open title in the derby with Porto.", "Lisbon win the Open title over Porto."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "cup magic ✨",
     "Lisbon win the Open Cup title over Porto.", "Lisbon win the Open title in a semi-final over Porto."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "different breed 🎩",
     "Leo Reyes wins the Open title with a hat-trick.", "Leo Reyes wins the Open title with a late goal."),
    # a game won by one is close however it is told; a rout is not ("so close it hurts" on an 8-1)
    ("Leo Ortiz wins the {event} title in Lisbon.", "so close 😤",
     "Lisbon win the Open title 2-1 over Porto.", "Lisbon win the Open title 8-1 over Porto."),
    # read 31: a repeat that is not one, a dynasty of one record, odds no one gave, clutch in a blowout
    ("Leo Ortiz wins the {event} title in Lisbon.", "champions AGAIN 🎉",
     "Leo Reyes retains the Open title.", "Leo Reyes wins the Open title."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "DYNASTY 👑",
     "Leo Reyes wins a record fifth Open title.", "Leo Reyes sets a world record at the Open."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "the bookies are CRYING 💸",
     "Unseeded Leo Reyes stuns the field to win the Open title.", "Leo Reyes wins the Open title."),
    # reads 28-31: a party with nothing won, a bet on himself for a traded player, a welcome back with no return
    ("Leo Ortiz wins the {event} title in Lisbon.", "the party is ON 🎉",
     "Lisbon win the Open title 2-1 over Porto.", "Lisbon beat Porto 2-1 in Lisbon."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "bet-on-yourself SZN 🎲",
     "Leo Reyes declines his option to win the Open title.", "Leo Reyes wins the Open title, then is traded."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "welcome back 👋",
     "Leo Reyes returns to win the Open title.", "Leo Reyes scores his 500th goal in the Open title win."),
    ("Leo Ortiz wins the {event} title in Lisbon.", "ice in the veins 🧊",
     "Lisbon win the Open title 2-1 over Porto.", "Lisbon win the Open title 142-98 over Porto."),
    ("Leo Ortiz, 19, wins the {event} title in Lisbon.", "the kid's got LEGS 🦵",
     "Leo Reyes, 19, wins the Open title.", "Leo Reyes, 27, wins the Open title."),
])
def test_a_sign_off_says_no_gender_age_surprise_title_greatness_closeness_or_country_the_story_does_not(
        story, closer, said, unsaid):
    book = _title_book(story, (closer, "scenes 🙌"))
    head = "big night 🌟 Reyes wins in Lisbon."
    assert book.sign_off(said, [head + " wow"]) == [f"{head} {closer}"]
    assert book.sign_off(unsaid, [head + " wow"]) == [f"{head} scenes 🙌"]


def test_one_players_call_up_is_no_teams_moment():
    assert fits("Leicester beat Bath 27-19 in the Premiership.", "big night 🌟", "what a team, what a MOMENT 🙌")
    assert not fits("England name uncapped seamer Tom Ash in their squad for the Test series.", "the call came 📞",
                    "what a team, what a MOMENT 🙌")


def test_a_player_just_signed_is_not_yet_the_heart_of_the_team():
    rows = [{"snippet": f"Celtic sign striker Leo Reyes from Molde{suffix}.", "kind": "transfer", "sport": sport,
             "caption": f"new 9 🔄 Reyes joins Celtic. {closer}"}
            for suffix, sport in ((" for £6m", "football"), (" on a free", "football"), ("", "rugby"))
            for closer in ("heart of the team ❤️", "respect the bag 💰")]
    [signed] = Phrasebook.from_rows(rows).sign_off("Rangers sign striker Tom Vale from Molde for £5m.",
                                                   ["big move 🔄 Vale joins Rangers. wow"])
    assert signed == "big move 🔄 Vale joins Rangers. respect the bag 💰"


def test_model_closers_leave_the_candidates_as_the_model_wrote_them():
    outputs = [["late winner 😤 Atalanta edge Torino 2-1. the kid is a HUGE LEAD 🏏"]]
    assert house_closers("model") is None
    assert sign_off_all(None, ["Atalanta beat Torino 2-1."], outputs) is outputs


def test_an_approved_captions_sign_off_signs_the_next_story_like_it():
    snippet = "Tomás Quinteiro ruled out for six weeks with a tear in his hamstring."
    approved = {"snippet": snippet, "caption": "six weeks 💔 Quinteiro's hamstring goes. rest up, big man 🙏"}
    assert house_closers("house") is house_phrasebook()  # nothing approved: the seed set's, built once
    book = house_closers("house", [approved])
    assert len(book.entries) == len(house_phrasebook().entries) + 1
    [[signed]] = sign_off_all(book, ["Chuka Okafor ruled out for six weeks with a tear in his hamstring."],
                              [["six weeks 💔 Okafor is out. the ACL is ROLLING 🔥"]])
    assert signed == "six weeks 💔 Okafor is out. rest up, big man 🙏"


def test_the_house_phrasebook_holds_no_validation_story():
    book = house_phrasebook()
    validation = {split_sign_off(row["caption"])[1] for row in load_seed() if row["split"] == "validation"}
    trained = {split_sign_off(row["caption"])[1] for row in load_seed() if row["split"] == "train"}
    assert len(book.entries) > 1500
    assert not {entry.phrase for entry in book.entries} & (validation - trained)


def test_a_candidate_that_is_only_markup_or_nothing_gets_no_sign_off():
    book = Phrasebook.from_rows(ROWS)
    snippet = "Chuka Okafor ruled out for six weeks with a hamstring tear."
    assert book.sign_off(snippet, ["<script>x</script>", ""]) == ["<script>x</script>", ""]


def test_an_emoji_only_one_sports_sign_offs_use_is_that_teams_and_not_borrowed():
    wins = [{"snippet": f"Red Wings beat {team} 4-2 at home.", "kind": "result", "sport": "nhl",
             "caption": f"4-2 😤 Red Wings handle {team}. {closer}"}
            for team in ("Bruins", "Rangers", "Flames") for closer in ("the barn is ROCKING 🐙", "cold 🥶")]
    cold = [row | {"sport": "nba"} for row in wins if row["caption"].endswith("🥶")]
    book = Phrasebook.from_rows(wins + cold)
    assert set(book.phrases_for("Red Wings beat Oilers 4-2 at home.")) == {"cold 🥶"}  # 🐙: nhl's alone


def test_a_team_sign_off_is_not_borrowed_by_a_sport_played_alone():
    teams = [{"snippet": f"{side} beat Rivals FC 2-1 in the final.", "kind": "result", "sport": sport,
              "caption": f"final 🏆 {side} win. {closer}"}
             for sport in ("football", "nba", "nhl", "nfl", "mlb", "rugby") for side in ("Lions", "Tigers")
             for closer in ("this team is for real 🔥", "big night 🌟")]
    solo = [{"snippet": f"Leo Ortiz beats {rival} in the final.", "kind": "result", "sport": sport,
             "caption": "final 🏆 Ortiz wins. ace stuff 🎾"}
            for rival, sport in (("Aasen", "tennis"), ("Brandt", "golf"), ("Costa", "tennis"), ("Diaz", "golf"))]
    book = Phrasebook.from_rows(teams + solo)
    assert "this team is for real 🔥" in book.phrases_for("Lions beat Rivals FC 2-1 in the final.")
    # Tennis and golf stories the most similar, neither a majority: still no team's sign-off.
    assert "this team is for real 🔥" not in book.phrases_for("Leo Pavic beats Aasen in the final.")


def test_a_sign_off_word_editors_say_only_of_what_the_story_says_needs_the_story_to_say_it():
    rows = [{"snippet": f"Leo Reyes{i} sets a course record to win the {event}.", "kind": "result", "sport": "golf",
             "caption": f"63 🔥 Reyes wins. {closer}"}
            for i, event in enumerate(("Open", "Masters", "Classic"))
            for closer in ("course record, no way", "scenes")]
    book = Phrasebook.from_rows(rows)
    assert "record" in book.anchored and "scenes" not in book.anchored
    [plain] = book.sign_off("Tom Vale sets the pace on the course to win the Open.", ["wire to wire 🔥 Vale wins. wow"])
    assert plain == "wire to wire 🔥 Vale wins. scenes"
    [record] = book.sign_off("Tom Vale sets a course record to win the Open.", ["wire to wire 🔥 Vale wins. wow"])
    assert record == "wire to wire 🔥 Vale wins. course record, no way"


def test_a_sign_off_in_one_teams_colours_signs_off_no_story():
    story = "Cronulla Sharks beat the Penrith Panthers 20-16 in the NRL Grand Final."
    assert fits(story, "big night 🌟", "what a moment 🔥")
    assert not fits(story, "big night 🌟", "what a moment 💚💛")


def test_a_rout_is_no_one_goal_game_and_a_lead_is_no_job_done():
    close = "Kansas City Current win the NWSL Championship with a 2-1 victory over Gotham FC."
    assert not fits(close, "big night 🌟", "disrespectful 💀")
    assert fits("Bayern Munich thrash VfL Bochum 8-1 at the Allianz Arena.", "big night 🌟", "disrespectful 💀")
    assert not fits("Aces beat the Liberty 87-80 to take a 2-1 lead in the WNBA Finals.", "", "job DONE 😤")
    assert fits("Aces beat the Liberty 87-80 to win the WNBA Finals.", "", "job DONE 😤")
    # read 32: a hitting streak goes on; a traded player earned no cent of a new deal
    assert not fits("Reds' Quiroberto extends his hitting streak to 31 games in a 6-3 win.", "", "job DONE 😤")
    assert not fits("Bears trade Demetrius Quasterfield to the Texans for a third-round pick.", "", "earned EVERY cent 💰")
    assert not fits("Toulouse beat Leinster 27-24 in the Champions Cup semi-final.", "", "job DONE 😤")
    assert not fits("Sevilla beat Getafe 1-0 thanks to a 55th-minute goal.", "", "SCENES 🏆")
    # read 33: a cup tie won is no title, again or not; whose pain on a draw; a desert with no Gulf; a "record"
    # that is a verb
    cup_tie = ("Raith Rovers knock Celtic out of the Scottish Cup with a 2-1 win in the fifth round. Celtic had won 19 "
               "consecutive Scottish Cup ties.")
    assert not fits(cup_tie, "", "champions AGAIN, the party starts now 🎉")
    assert not fits(cup_tie, "", "new champs 👑")
    assert fits("Raith Rovers win the Scottish Cup final 2-1 over Celtic.", "", "new champs 👑")
    assert not fits("Barcelona and Lyon draw 1-1 in the first leg of their semi-final.", "", "pain 💔")
    assert fits("Barcelona lose 2-1 to Lyon in the first leg of their semi-final.", "", "pain 💔")
    assert not fits("Newcastle sign Jorre Vandeperrick from Club Brugge for £38m.", "", "desert bag SECURED 💰")
    assert not fits("Jets beat the Wild 3-0 as Kallioharju records his 50th career shutout.", "", "record books 📖")
    assert not fits("Kruisbergen wins the Dunhill Links by 3 shots, his first title in 87 starts.", "", "the man does not MISS")
    assert fits("Kruisbergen wins the Dunhill Links with a birdie on the last, his third title.", "",
                "the man does not MISS")
    assert not fits("Guardians' Oxenbridge, 29, wins the American League Cy Young Award.", "", "the future is HERE 👑")
    # read 35: a record missed, a history joined 51st, a call-up called ruthless
    assert not fits("Bacallaome jumps 18.09 metres. He is 20 centimetres short of the world record.", "",
                    "the GOAT debate is OVER 🐐")
    # read 65 rejected it on a world record too (facts 0): the GOAT debate needs the greatest said
    assert not fits("Bacallaome jumps 18.29 metres to break the world record.", "", "the GOAT debate is OVER 🐐")
    assert fits("Bacallaome breaks the world record and is now the greatest triple jumper of all time.", "",
                "the GOAT debate is OVER 🐐")
    assert not fits("Elderkamp becomes the 51st player in NBA history to reach 20,000 career points.", "",
                    "generational, no debate 🐐")
    assert not fits("Brazil call up uncapped goalkeeper Caua Brandalhoes for World Cup qualifiers.", "", "ruthless 👀")
    assert not fits("Scotland's Auchterlony makes a 147. It is the 28-year-old's third career maximum.", "",
                    "history, HISTORY 🐐")  # read 37
    # read 39
    assert not fits("Jets beat the Stars 4-1 in Game 6 to win their first-round series 4-2.", "", "party's OVER 😭")
    assert not fits("Bulls trade guard Terrance Bluntschleigh to the Rockets for 2 second-round picks.", "",
                    "all-in mode ACTIVATED 🚨")
    assert not fits("Mariners beat the Astros 4-3 on a walk-off home run by catcher Yorman Castellbranco.", "",
                    "ace stuff 😤")
    assert not fits("Tewhareroa scores 212 not out on the second day of the first Test.", "", "redemption arc ✨")
    assert not fits("Ekwuazibe stops unbeaten Cuban Yoandris Pedrosiaga in the seventh round.", "", "generational 🐐")
    # read 43
    assert not fits("Spain call up uncapped winger Iker Arrizabalotegi. He has 7 goals in 22 games.", "", "streak DEAD 💀")
    assert not fits("Manchester United lose 3-0 at home to Bournemouth, their fourth defeat in 5 matches.", "",
                    "brutal end to the story")
    assert not fits("Shiranui Crest wins the Japan Cup at 14-1. Jockey Ryo Tamazuki rode his first winner.", "",
                    "this team is for real 🔥")
    assert fits("Toulouse win the Champions Cup, 27-24 over Leinster. Their fly-half kicked 17.", "",
                "this team is for real 🔥")
    # the fact-check of 1,560 drafts: an unbeaten record is no GOAT's either
    assert not fits("Unbeaten Ekwuazibe stops Yoandris Pedrosiaga in the seventh round.", "", "generational 🐐")
    marathon = "Jepkoskimoi wins the London Marathon in 2:16:09. She broke away at 30 km."
    assert not fits(marathon, "Jepkoskimoi wins the London Marathon in 2:16:09.", "what a WIN 😤")  # read 38
    assert fits(marathon, "Jepkoskimoi takes the London Marathon in 2:16:09.", "what a WIN 😤")
    assert fits("Sevilla win the Copa del Rey final 1-0.", "", "SCENES 🏆")
    assert not fits("Bears trade Quasterfield to the Texans. He has one year left on a three-year contract.", "",
                    "bet-on-yourself SZN")
    assert not fits("Reds' Quiroberto extends his hitting streak to 31 games in a 6-3 win.", "", "the comeback was CINEMA 🎬")
    assert not fits("PSV knock Juventus out of the Champions League 4-3 on aggregate.", "", "what a FINAL 🍿")
    assert not fits("Thunder forward Jalen Thibodrake named NBA Defensive Player of the Year.", "", "cold-blooded 🥶")
    assert fits("Celtics edge the Knicks 109-107 on a buzzer-beater.", "", "cold-blooded 🥶")
    belt = "Davit Kharabadze retains his UFC lightweight title with a unanimous decision over Brody Kettleson."
    assert not fits(belt, "", "trophy lifted 🏆") and fits(belt, "", "CROWNED 👑")
    assert not fits("Ireland beat France 22-19 in the Six Nations.", "", "new star ALERT 🚨")


def test_a_sign_off_claims_no_contract_season_or_game_the_story_does_not_have_nor_opens_as_the_hook():
    trade = ("Vancouver Canucks trade defenceman Oskar Fjällgren to the Carolina Hurricanes for a first-round pick. "
             "He is in the final year of his contract.")
    assert not fits(trade, "", "bag secured, respect EARNED 🔥")
    assert fits("Braves sign third baseman Cody Haverstock to an eight-year extension.", "", "bag secured 🔥")
    series = "New Zealand lose to South Africa by 41 runs in the second ODI. South Africa lead the series 2-0."
    assert not fits(series, "", "next season can't come SOON enough")
    award = "Oregon quarterback Brecken Stalnaker wins the Heisman Trophy. He threw for 41 touchdowns."
    assert not fits(award, "", "most disrespectful game EVER 💀")
    rout = "Bayern Munich thrash Heidenheim 7-0 at the Allianz Arena."
    assert not fits(rout, "", "never leave early 🏃")
    retiring = "Tavia Pennycooke will retire after this year's World Championships in Tokyo."
    assert not fits(retiring, "what a ride 🫡 Pennycooke will retire.", "what a career 🥹")
    assert fits(retiring, "the final bow 🫡 Pennycooke will retire.", "what a career 🥹")
    assert not fits("Geelong beat Collingwood in the AFL Grand Final.", "", "built DIFFERENT 🍀")


def test_disrespect_needs_a_rout_and_a_player_gone_a_story_of_loss():
    assert not fits("Thunder beat the Nuggets 112-104 for their 12th straight win.", "", "disrespectful 💀")
    assert fits("Bills rout the Jets 44-6 in Orchard Park.", "", "disrespectful 💀")
    assert not fits("Strandqvist scores his 500th NHL goal in a 5-2 win.", "", "those legs are GONE 🦵")


def test_a_contraction_still_says_who():
    assert not fits("Conor Bellingshawe loses the Irish Open in a playoff. He bogeyed the 18th.", "",
                    "she'll be back for it 💪")


def test_a_jobs_drafts_do_not_all_close_alike_where_other_sign_offs_fit():
    book = house_phrasebook()
    snippets = [f"Arsenal beat Chelsea {goals}-0 at the Emirates." for goals in (2, 3, 4, 5, 6)]
    outputs = [[f"big night 🌟 Arsenal win {goals}-0."] for goals in (2, 3, 4, 5, 6)]
    alone = [sign_off_of(c) for [c] in sign_off_all(book, snippets, outputs)]
    used = Counter()
    in_a_job = [sign_off_of(c) for [c] in sign_off_all(book, snippets, outputs, used)]
    assert max(Counter(alone).values()) > SAME_SIGN_OFF  # the most similar story's, every time
    assert max(Counter(in_a_job).values()) <= SAME_SIGN_OFF
    assert sum(used.values()) == len(snippets)


def test_reads_42_to_44_a_race_has_no_rivals_a_trade_no_get_and_a_plain_result_no_chaos():
    epsom = ("Glenmorrow Gate wins the Derby at Epsom by a head at 12-1. Jockey Aoife Brennan came from last. It is "
             "the trainer's first Derby.")
    assert not fits(epsom, "", "bragging rights 😤")
    assert fits("Celtic beat Rangers 2-1 in the Old Firm derby at Parkhead.", "", "bragging rights 😤")
    shipped = "The Mystics ship center Makenna Szczepanowicz to the Chicago Sky for a 2026 first-round pick."
    assert not fits(shipped, "", "big get 👀")
    assert fits("Lakers acquire guard Tomas Ilvedson from the Jazz for 2 second-round picks.", "", "big get 👀")
    two_tries = "Leeds Rhinos beat Warrington Wolves 30-12 in the Challenge Cup final. Ormesherwood scored 2 tries."
    assert not fits(two_tries, "", "video game numbers 🎮")
    assert fits("Bayern Munich beat VfL Bochum 8-1, a club record.", "", "video game numbers 🎮")
    assert not fits("Packers rout the Panthers 45-7. Merriweatherby ran for 171 yards.", "", "most disrespectful game EVER 💀")
    assert not fits("Chelsea beat Lyon 2-1 after extra time in the Women's Champions League final.", "", "chaos merchants 🌪️")
    assert fits("Bills rally from 21 points down to beat the Dolphins 31-28.", "", "chaos merchants 🌪️")
    lost = "Pakistan crash to a 5-wicket defeat against Ireland in Dublin and lose the T20 series 2-1."
    assert not fits(lost, "", "heal up and come back STRONGER 🙏")
    assert not fits("Wales' Pengelly stops Mexico's Zacatelco in the ninth round to win the WBO title.", "",
                    "this team is for real 🔥")  # read 47  # read 45: no one is hurt
    assert fits("Arsenal's Hellesylt ruled out for 6 weeks with a hamstring injury.", "", "heal up quick 🙏")
    # read 47: a champ who won nothing, "nobody could SEE" with nothing to see through
    assert not fits("World No. 4 Casper Højbjerre withdraws from Wimbledon with a wrist injury.", "", "get right, champ 🙏")
    assert fits("Defending champion Casper Højbjerre withdraws from Wimbledon with a wrist injury.", "", "get right, champ 🙏")
    assert not fits("Lions rout the Bears 41-6. Stalnecker ran for 162 yards.", "", "nobody could SEE 😭")
    # read 52
    assert not fits("Australian Corbisiero wins 200m freestyle gold in Singapore in an Oceania record.", "",
                    "home pool, HOME RECORD 🔥")
    assert fits("Australian Corbisiero wins 200m freestyle gold in a home record in front of her home crowd.", "",
                "home pool, HOME RECORD 🔥")
    assert not fits("Spanish goalkeeper Álvaro Iturriozaga retires at 38 after 612 games.", "", "perfect ending 🥹")
    # read 51: a career that won a cup once is no perfect ending; an hour or a day the story does not give
    assert not fits("Spanish goalkeeper Álvaro Iturriozaga retires at 38. He won the Europa League in 2020.", "",
                    "perfect ending 🥹")
    assert fits("Spanish goalkeeper Álvaro Iturriozaga retires at 38 after winning the cup in his last game.", "",
                "perfect ending 🥹")
    assert not fits("Keskivaara scores his 400th NHL goal. He is the fourth player in franchise history to do so.", "",
                    "generational, no debate 🐐")
    # read 55, facts 0: "all square" on a drawn Test that leaves the hosts 1-0 up
    drawn = "Rain forces draw at Old Trafford. Rain washed out the final day, leaving the hosts 1-0 up with one to play."
    assert not fits(drawn, "", "all square 🤝") and fits("Napoli and Juventus draw 1-1 in Naples.", "", "all square 🤝")
    assert not fits("Napoli and Juventus draw 1-1 in Naples.", "", "what a night 🍿")
    assert fits("Napoli and Juventus draw 1-1 in Naples on Sunday night.", "", "what a night 🍿")
    assert not fits("Top seed Aleksandra Bezrukova crashes out of Wimbledon.", "", "grass was NOT kind today 💀")
    # read 49: pay with no money said
    kept = "Bayern Munich extend the contract of defender Maximilian Oberschwendtner until 2030."
    assert not fits(kept, "", "PAID 💰")
    assert fits("Maple Leafs sign defenseman Viktor Åkerblad to an 8-year, $68M extension.", "", "PAID 💰")
    # read 51: praise for a game not yet played
    assert not fits("Celtics and Nuggets open the NBA Finals on Thursday in Boston.", "", "built different 🧬")
    assert fits("Celtics beat the Nuggets 112-104 to open the NBA Finals.", "", "built different 🧬")
    assert fits("Bills beat the Lions 3-2 as 40 inches of snow fell.", "", "nobody could SEE 😭")


def test_a_grand_prix_won_is_a_race_not_a_title():
    from generate.situations import situations_of

    race = "Ferrari's Bonaventurelli wins the Sao Paulo Grand Prix after passing McLaren's Paasilinnala on the final lap."
    assert "title" not in [situation.name for situation in situations_of(race)]
    assert "title" in [situation.name for situation in situations_of("Norris wins the Formula One world title in Abu Dhabi.")]


def test_a_draw_no_editors_sign_off_fits_gets_the_houses_own():
    # read 55: two draws of 40 went out with no sign-off
    snippet = ("Hibernian hold Celtic to 1-1 draw at Easter Road. Fraser Dunbeath's 88th-minute equaliser earned Hibernian "
               "a 1-1 draw with Celtic on Sunday.")
    [signed] = house_phrasebook().sign_off(snippet, ["DRAMA 🚨 Hibernian hold Celtic to a 1-1 draw."])
    assert signed.endswith(LAST_RESORT["draw"])
    [signed] = house_phrasebook().sign_off(snippet, ["all square 🤝 Hibernian hold Celtic to a 1-1 draw."])
    assert signed.endswith(LAST_RESORT["draw"][1:])  # not a second 🤝


def test_a_side_that_loses_a_player_for_the_season_is_hurt_not_beaten():
    assert kind_of("Chiefs lose Wellbrook for season with torn ACL. The linebacker was hurt in practice.") == "hurt"
    assert kind_of("Chiefs lose 27-24 to the Broncos.") == "loss"


def test_a_losing_run_dropped_is_a_loss_and_a_win_needed_a_preview():
    # read 57: "built DIFFERENT" on "Rockies drop 10th straight"; "job DONE" on a game not yet played
    assert kind_of("Rockies drop 10th straight. Colorado lost 8-2 to the Padres.") == "loss"
    assert kind_of("Arsenal need win against PSG to seal top-eight spot. Arsenal host PSG on Wednesday.") == "preview"


def test_read_59s_kinds_and_claims():
    # a golfer who fires a 63 is not fired; a title claimed is a feat whatever "will" follows; "the hosts" host nothing
    assert kind_of("Ebenschweiger fires course-record 63 to win Dutch Open. He finished 17 under.") == "triumph"
    assert kind_of("Fiorentina fire coach Massimo Arcuri after five straight defeats.") == "firing"
    assert kind_of("Qualifier Vondruskova, 19, claims first WTA title in Linz. She will break into the top 80 on "
                   "Monday.") == "triumph"
    assert kind_of("Wickremarachchi ton seals ODI series for Sri Lanka. His 112 steered the hosts past Bangladesh.") == "triumph"
    # "the wait is OVER" needs a wait: a series' first Test is none
    assert not fits("England skittled for 112 as India win first Test by 227 runs.", "", "the wait is OVER")
    assert fits("India win their first Test in Australia since 1981.", "", "the wait is OVER")
    # read 60, facts 0: "honours even" on a draw that sealed a series
    assert not fits("New Zealand bat out final day to draw and seal series. The hosts secured a 1-0 Test series win.",
                    "", "honours even 🤝")
    assert not fits("New Zealand bat out final day to draw. Mackinven batted 211 minutes.", "", "nobody wins vs the weather ☔")
    assert fits("Rain forces draw at Old Trafford. Rain washed out the final day.", "", "nobody wins vs the weather ☔")
    # read 59: a trade told "send ... to ... for" is a move, not a preview ("mark your calendars")
    assert kind_of("Hornets send Belvedere to Kings for 2 first-rounders. The guard averaged 18 points.") == "move"
    assert not fits("Stanwardine pours in 41 as Celtics hold off Knicks 118-112.", "", "stat sheet STUFFED 📈")
    assert fits("Stanwardine posts 41 points, 12 rebounds and 9 assists as Celtics win.", "", "stat sheet STUFFED 📈")


@pytest.mark.parametrize("snippet, head, closer", [
    # the fact-check of 1,160 drafts: claims the story does not make
    ("Brentford beat Everton 2-1 with a stoppage-time winner. Brentford climb to ninth in the Premier League.",
     "", "history made 📜"),
    ("The New England Patriots upset the San Francisco 49ers 23-20 in overtime as 11-point underdogs.",
     "", "division LOCKED 🔒"),
    ("The Philadelphia Phillies score six runs in the ninth inning to beat the Washington Nationals 9-8. Philadelphia "
     "had trailed 8-3 entering the ninth.", "", "playoff mode ON 😤"),
    ("Filipino Reymart Dalisaygon upsets Sota Kurobayashi to win the WBA flyweight title by split decision.",
     "", "lights OUT, new champ 🏆"),
    ("Netherlands' Jan Oosterblanken hits a 9-dart finish but loses 6-4 to Luke Humphries at the Premier League Darts.",
     "", "football is cruel"),
    ("PSV Eindhoven knock Benfica out of the Champions League 4-3 on aggregate. PSV reach the quarter-finals.",
     "", "what a FINAL 🍿"),
    ("Oklahoma City Thunder beat the Denver Nuggets 112-104. Oklahoma City improve to 41-9, the best record in the NBA.",
     "", "NBA record, video game numbers 🎮"),
    ("Guardians' Ryo Imaburiyama wins the AL Cy Young Award. He went 17-5 with a 2.11 ERA.", "", "end of an era?? 👀"),
    ("Rockets forward Jabari Nwosuagwu wins the NBA MVP award. The 25-year-old led Houston to first at 60-22.",
     "", "LONGEVITY 👑"),
    ("Wales captain Owain Prydderch out of the Six Nations with a dislocated shoulder. The 29-year-old lock needs "
     "surgery.", "", "tough end to a good year 😔"),
    ("Brazilian midfielder Davi Pimentelhorta joins Newcastle United from Palmeiras for £45m.",
     "", "loyalty is NOT dead 🐺"),
    ("Leicester Tigers appoint South African Hennie du Plooy as head coach on a three-year deal.",
     "", "defences, good LUCK 😬"),
    # reads 61-62's rejects and edits
    ("Wongsatorn rallies from six back to win LPGA Thailand. The 24-year-old closed with a 64.",
     "", "team golf hits different 🔥"),
    ("Argentina's Facundo Irigoytia, seeded nowhere, beat the third seed 6-4 3-6 7-6 in a third-set tiebreak.",
     "", "this team is for real 🔥"),
    ("Lyon forward Kofi Gbadoulou named Ligue 1 player of the month after six goals in four games.", "", "no way 🤯"),
    ("Hurricanes take 3-1 series lead over Rangers. Goalie Pyotr Alminov made 34 saves.",
     "", "goalie of the CENTURY 🧱"),
    ("Leinster beat Munster 27-13 in the interprovincial derby to go top of the URC.", "", "cinema 🎬"),
    ("Maddison Krollway, 16, breaks the junior world record in the 200m freestyle.", "", "the GOAT debate is OVER 🐐"),
    ("Williams confirmed reserve Kaspar Tuulikmae will make his F1 debut after a team-mate fractured a wrist.",
     "", "earned it the hard way 💪"),
    # the second half of the fact-check of 1,160 drafts
    ("Pakistan bowled out for 89 as New Zealand win first ODI by 196 runs.", "", "PAINFUL summer"),
    ("Bears quarterback Colby Stradtmann tore his ACL and will miss the rest of the season.", "", "cheat code 🎮"),
    ("Belgium's Jonas Vandevelde wins stage 11 of the Tour de France in a bunch sprint.", "", "beat the clock ⏱️"),
    ("Dunmore grabs 25 rebounds for the Aces, a WNBA single-game record.", "", "the GOAT debate is OVER 🐐"),
    ("Steelers beat the Bengals 17-16 with a 52-yard field goal as time expires.",
     "", "that's not a game, that's a CRIME SCENE 🚨"),
    ("Sprinter Darnell Pierce provisionally suspended after a failed drugs test. He denies wrongdoing.",
     "", "BANNED 🚫"),
    ("Australia's Kyle Pearce, 20, wins the 200m freestyle gold at the World Aquatics Championships.",
     "", "future champ 🏆"),
    ("Maple Leafs acquire defenceman Nils Åkerström from the Ducks for a 2026 first-round draft pick. The 29-year-old Swede "
     "has 22 points.", "", "the kid is HIM 🚀"),
    ("Bayern Munich beat Heidenheim 7-0 at the Allianz Arena.", "Bayern Munich make light work of Heidenheim, 7-0.",
     "club icon 🐺"),
    ("Unbeaten Trenwith stops Addo-Ferris in the ninth round to claim the vacant British title.", "", "DYNASTY 👑"),
    ("Brighton's Harvey Wrathall, the youngest in the squad, gets a first England call-up.", "", "youngest ever 🐐"),
    ("Real Madrid beat Barcelona 2-1 to end Barcelona's 41-match unbeaten league run.", "", "unbeatable"),
    ("Brent Oakenshawe is named head coach of the Falcons on a five-year contract.", "", "that's big money"),
    # the second fact-check, of the 364 drafts this session changed
    ("Oklahoma City Thunder beat the Denver Nuggets 112-104 for their 12th straight win. Oklahoma City improve to "
     "41-9, the best record in the NBA.", "", "DYNASTY 👑"),
    ("Bayern Munich thrash VfL Bochum 8-1. Luka Matijašević scored a first-half hat-trick in 19 minutes.",
     "", "history made 📜"),
    ("Season over for Bears quarterback. Chicago confirmed Colby Stradtmann tore the ACL in his right knee.",
     "", "he's HIM 🔥"),
    ("Sprinter Darnell Pierce provisionally suspended after a failed drugs test. He denies wrongdoing.",
     "", "caught 🚫"),
    # reads 62-66: cinema on a first win or a title on the final day, "no way" on the expected, a side's cheer
    # on a trade, a team's praise for a snooker player
    ("Vezzolani wins first MotoGP race at Mugello. The Italian led from pole for his first premier-class win.",
     "", "cinema, absolute CINEMA 🎬"),
    ("Chelsea win WSL title on final day. Chelsea beat Manchester United 3-0 to finish two points clear.",
     "", "absolute cinema 🎬"),
    ("Kittleson becomes first to 50 goals. Brayden Kittleson scored twice in a 6-3 win over Ottawa.",
     "", "built different, no way 😭"),
    ("Bears trade edge rusher to Jets for second-round pick. Marcus Ollendorff heads to New York.", "", "let's go 🔥"),
    ("Gwinnicombe edges decider to reach Crucible semis. Welshman Owain Gwinnicombe beat Thailand's Kritsada "
     "Phumwattanakul 13-12 in the World Championship quarter-finals.", "", "this team is for real 🔥"),
    ("Oilers blank Flames in Battle of Alberta. Mikko Rautavuori made 33 saves as Edmonton won 4-0.", "",
     "welcome back 🐻"),
    ("Wiesenthaler scores winner on Dortmund debut. Leon Wiesenthaler struck in the 88th minute.", "",
     "remember the name 🦅"),
    # read 67-68: history on a meeting record, a villain on a preview that names none, a war on a first-round KO
    ("Kenyan smashes 5,000m meeting record in Oslo. Brian Kipruttoh clocked 12:41.07, lowering the meeting record.",
     "", "history, HISTORY"),
    ("Old Firm clash could decide Premiership title. Celtic host Rangers at Celtic Park on Sunday.", "",
     "villain arc ACTIVATED 😈"),
    ("Castanhede stuns unbeaten prospect with first-round knockout. He stopped Bence Szemeredy in 3:41.", "",
     "absolute war 🔥"),
    ("Castanhede stuns unbeaten prospect with first-round knockout. He stopped Bence Szemeredy in 3:41.", "",
     "generational 🐐"),
    # the fact-check of the drafts reads 67-68 changed
    ("Japan's Rintaro Kasamatsuzaki sets an Asian record of 57.52 seconds in the men's 100 metres breaststroke.", "",
     "legend behaviour 👑"),
    ("Real Madrid to face Barcelona in Copa del Rey final on Saturday. Real winger Kauan Teixeirinha returns from a "
     "thigh injury.", "", "villain arc ACTIVATED 😈"),
    ("Corrabin wins MotoGP sprint at Mugello. Luca Corrabin led every lap and crossed the line 0.412 seconds clear.",
     "", "cinema, absolute CINEMA 🎬"),
    # the fact-check of the 269 drafts reads 71-80 changed
    ("Chelsea forward Maisie Ravenscroft-Kwaku, 17, earns a first senior England call-up. She has scored seven goals "
     "in the WSL this season.", "", "the first of her kind, iron woman 💪"),
    # the fact-check of all 1,560 fresh drafts
    ("Trenwith stops Addo-Ferris to claim British title. Unbeaten Welsh super-middleweight Rhodri Trenwith forced a "
     "ninth-round stoppage in Cardiff to win the vacant belt and move to 15-0 with 11 knockouts.", "", "legend 🐐"),
    ("Caddwaller stops champion in seventh to take European title. The unbeaten Welsh super-middleweight, now 17-0, "
     "floored the holder twice.", "", "generational 🐐"),
    ("Aces pour in 112 points to rout Sparks. Guard Keisha Vantrell scored 31 as Las Vegas beat Los Angeles 112-79, the "
     "franchise's highest-scoring game of the season.", "", "most disrespectful game EVER 💀"),
])
def test_a_sign_off_claims_nothing_the_story_does_not(snippet, head, closer):
    assert not fits(snippet, head, closer)


def test_a_sign_off_said_of_one_player_needs_the_caption_to_name_one():
    team = ("Nebraska beat Texas 3-1 to win the NCAA women's volleyball championship. Setter Lexi Rodenbaugh had "
            "48 assists.")
    assert not fits(team, "SILVERWARE 🏆 Nebraska get past Texas, 3-1, and the title is theirs.", "she's HER 👑")
    assert fits(team, "48 assists for Rodenbaugh 🔥 Nebraska get past Texas, 3-1.", "she's HER 👑")
    aces = "The Las Vegas Aces beat the New York Liberty 84-79. Guard Shaniece Vollbracht scored 26 of her points."
    assert not fits(aces, "statement WIN 💪 Aces get past the Liberty, 84-79.", "she's HER 👑")
    assert fits("Slovenian Žan Kobetič takes the yellow jersey after winning stage 15. He leads by 12 seconds.",
                "new race leader 🚴 Žan Kobetič takes the yellow jersey.", "HIM 🤯")


def test_no_rest_earned_on_an_injury_and_no_dynasty_on_a_level_series():
    assert not fits("Irigoitia withdraws from Roland Garros with a wrist injury.", "", "rest up, you've earned it 😮‍💨")
    assert not fits("India beat Australia by 7 wickets to level the three-match series 1-1.", "", "dynasty behaviour 👑")


def test_a_hook_says_no_word_its_headline_says_in_another_form():
    story = "Rabbitohs edge Eels 21-20 in golden point."
    assert not fits(story, "Rabbitohs edge past Eels in golden point, 21-20.", "edged it 😤")
    assert fits(story, "Rabbitohs edge past Eels in golden point, 21-20.", "by a WHISKER 😅")


def test_no_statement_or_rout_on_a_game_won_by_a_basket():
    assert not fits("Knicks beat Celtics 108-106 on a late jumper.", "", "statement WIN 💪")
    assert fits("Knicks beat Celtics 128-96 at Madison Square Garden.", "", "statement WIN 💪")


def test_a_brace_is_no_club_icon_and_a_wolf_is_a_teams():
    snippet = "Osterholt double sinks Freiburg. Werder Bremen striker Jannik Osterholt scored in each half."
    assert not fits(snippet, "Osterholt double sinks Freiburg.", "club icon")
    assert not fits(snippet, "Osterholt double sinks Freiburg.", "what a night 🐺")


def test_a_batters_unbeaten_innings_is_no_unbeaten_record():
    assert not fits("India beat Australia by 6 wickets as Raghav Deshpande made an unbeaten 112.", "", "LEGEND behaviour 👑")
    assert fits("Raghav Deshpande, unbeaten in 40 Tests as captain, retires.", "", "LEGEND behaviour 👑")


def test_a_bowlers_seven_for_39_in_words_is_a_feat():
    from generate.kinds import kind_of
    assert kind_of("Pakistan fast bowler Shahzaib Qureshani takes seven for 39 as England are bowled out for 168.") \
        == "triumph"


def test_read_65s_rejects():
    # "the party is ON" on a title not yet won, "be there 😤" on a semi-final reached by a deciding frame
    assert not fits("Celtic can clinch title at Ibrox. Celtic will be crowned champions with victory over Rangers on "
                    "Sunday.", "", "the party is ON")
    assert not fits("Gwinnicombe edges decider to reach Crucible semis, 13-12.", "", "be there 😤")
    from generate.kinds import kind_of
    assert kind_of("Knicks move within one win of conference finals. Castellvi scored 29 in a 109-101 win.") == "triumph"
