"""The house's angle hooks (generate/angles.py): what the lead says that the headline does not."""

from __future__ import annotations

import pytest

from generate.angles import angle_hooks
from generate.backends.base import Candidate
from generate.headlines import headline, headline_all, voiced_headline


@pytest.mark.parametrize("snippet, hook", [
    ("South Korea's Yoon Ha-rin wins the Women's PGA Championship by two strokes. The 23-year-old closed "
     "with a 66. It is Yoon's first major title.", "FIRST major title 🏆"),
    ("Colorado Avalanche beat the Dallas Stars 3-2 in overtime. Viktor Halldorf scored in the extra period "
     "after Dallas had led 2-0 early in the second.", "from 2-0 DOWN 😤"),
    ("Edmonton Oilers beat the Vegas Golden Knights 5-4 in a shootout. Nolan Pearce scored the deciding "
     "goal after Edmonton came back from 4-1 down in the third period.", "from 4-1 DOWN 😤"),
    ("Brazilian Rafael Sobreira submits Kyle Darnforth to win the UFC middleweight title. Sobreira improves "
     "to 18-2 and has won his last seven fights.", "7 straight 🔥"),
    ("Mexican Ernesto Valdespino loses his WBC title to Kane Ashbridge by split decision. It was the first "
     "defeat in 31 professional fights for the 30-year-old.", "first L in 31 fights 😶"),
    # read 31's "the real story": a first over one side, a champion beaten, a long solo attack
    ("Afghanistan beat Australia by 21 runs in a Champions Trophy group match. It is Afghanistan's first win over "
     "Australia in a one-day international.", "first time EVER 🤯"),
    ("Australian swimmer Keely Marraband wins the 200m freestyle in 1:53.41. The 18-year-old beat Olympic champion "
     "Mollie O'Callaghan by 0.12 seconds.", "beat the Olympic champion 😳"),
    ("Belgian Jasper Vandeskelde wins stage 14 of the Tour de France. The 25-year-old attacked 18 kilometres from "
     "the finish and won by 52 seconds.", "attacked 18 kilometres out 🚀"),
    # read 32's missed angles: a season's superlative, a club's first, the winning putt, titles in a row
    ("Kaito Umezawara knocks out Renan Fagundolli in 38 seconds at UFC Fight Night. It is the fastest finish in "
     "the division this year.", "fastest finish in the division this year 🤯"),
    ("Yankees agree a nine-year, $315M contract with Rafael Estivanor. It is the largest deal of the off-season.",
     "largest deal of the off-season 🤯"),
    ("Thunder forward Jalen Thibodrake is named NBA Defensive Player of the Year. He is the first Thunder player "
     "to win the award.", "FIRST Thunder player to win it 🏆"),
    ("Brayden Solvenhurst wins the Memorial Tournament by one shot. The 29-year-old holed a 14-foot birdie putt on "
     "the 18th to finish on 11 under par.", "14-foot birdie on the 18th 😱"),
    # read 47's missed stars
    ("Brentford beat Aston Villa 3-1 at the Gtech Community Stadium. Polish striker Tomasz Wielgoszewski scored twice "
     "in the second half.", "Wielgoszewski scores twice 🔥"),
    ("Mariners beat the Astros 3-1. Right-hander Kenji Tashiroda struck out 14 over seven innings.",
     "14 strikeouts for Tashiroda 🔥"),
    ("Denmark beat France 32-26 in the handball world championship final. Denmark have now won four world titles "
     "in a row.", "4 straight 🔥"),
    # reads 45-51, briefed on the generic hook: the lead's telling fact for every kind of story
    ("Valencia sack coach Joaquín Ugartemendia after a 4-1 home defeat by Getafe. The club sit 19th in La Liga with "
     "one win in 11 games.", "19th in La Liga 😬"),
    ("British No. 1 Harriet Colquhoun-Reeve crashes out of Wimbledon in the first round. The 11th seed lost 7-6 6-4 "
     "to 19-year-old Ukrainian qualifier Anastasiya Prykhodchenko on Centre Court.", "beaten by a 19-year-old qualifier 😳"),
    ("Athletic Club win the Copa del Rey, beating Osasuna 1-0 in Seville. Midfielder Unai Etxebarrieta headed the only "
     "goal in the 87th minute at La Cartuja.", "87th-minute winner 😱"),
    ("Third Test between England and India ends in a draw at Old Trafford. Rain washed out most of the final day, "
     "leaving the five-match series level at 1-1.", "series level at 1-1 👀"),
    ("Manchester United slump to a fourth straight Premier League defeat, losing 2-0 at Crystal Palace. United have "
     "not scored a league goal in 412 minutes.", "412 minutes without a goal 😬"),
    ("Ethiopian marathoner Yohannes Gebrezgabiher banned for three years by the Athletics Integrity Unit. The "
     "31-year-old tested positive for EPO in an out-of-competition test.", "positive for EPO 🚫"),
    ("Napoli and Juventus draw 1-1 in Naples. Napoli centre-back Ciro Stravolino equalised from a corner with six "
     "minutes left.", "level with 6 minutes left 😱"),
    ("Merseyside derby ends level. Liverpool were held 2-2 by Everton at Anfield after substitute Callum Birtwhistle "
     "scored a stoppage-time equaliser.", "stoppage-time equaliser 😱"),
    ("Tour de France contender Baptiste Ravouzet abandons with a broken collarbone. The 27-year-old Frenchman, fourth "
     "overall, crashed on a descent.", "fourth overall and OUT 💔"),
    ("Rajasthan Royals beat Chennai Super Kings by six wickets in Jaipur. Opener Tanmay Bhalerao made 78 off 49 balls.",
     "78 off 49 for Bhalerao 🔥"),
    ("Magnus Søndergaard-Bruun wins the Japanese Grand Prix for McLaren. The 24-year-old Dane led from pole at Suzuka.",
     "led from pole 🚀"),
    ("Ravens edge Bengals 20-17 on a walk-off field goal. Kicker Keegan Vanlandingham hit from 51 yards as time "
     "expired in Baltimore.", "51 yards as time expired 🥶"),
    ("Packers quarterback Tate Kjelstrup out for the season. The 25-year-old tore his left ACL in the third quarter.",
     "torn ACL 💔"),
    ("Arsenal sign Duarte Albergaria from Benfica for 55 million euros. The 21-year-old becomes the club's "
     "second-most expensive signing.", "the club's second-most expensive signing 💸"),
    ("New York Mets sign left-hander Garrett Wilmering to a five-year, $140 million deal. The 30-year-old went 15-7 "
     "with a 2.84 ERA for the Tampa Bay Rays last season.", "15-7, 2.84 ERA 👀"),
    ("Aleksi Keskivaara scores his 400th NHL goal as the Calgary Flames beat the Seattle Kraken 5-2. He is the fourth "
     "player in franchise history to do so.", "fourth in franchise history 🤯"),
    ("Real Madrid host Barcelona in Sunday's Clásico with the La Liga lead at stake. Barcelona will be without top "
     "scorer Pau Vilaró, who has a thigh injury.", "no Vilaró for Barcelona 😬"),
    ("All Blacks lose 28-25 to Argentina at Eden Park. New Zealand led by 10 at half-time.", "led by 10 at HALF-TIME 😶"),
    ("Spanish goalkeeper Álvaro Iturriozaga retires at 38. He made 412 La Liga appearances for Real Sociedad.",
     "412 La Liga appearances 🫡"),
    ("Wolves appoint Norwegian Sindre Haugvaldstad as head coach on a contract until 2028. The 46-year-old won two "
     "Eliteserien titles with Molde.", "2 Eliteserien titles with Molde 👀"),
    # read 55: the scorer's own late equaliser, a draw's century, the season an injury ends, a milestone in the lead,
    # a losing run in the lead, what a ban was for
    ("Hibernian hold Celtic to 1-1 draw at Easter Road. Fraser Dunbeath's 88th-minute equaliser earned Hibernian a "
     "1-1 draw with Celtic on Sunday.", "88th-minute equaliser 😱"),
    ("Rain forces draw at Old Trafford despite Tarakzai century. Pakistan's Mohsin Tarakzai made 132 before rain "
     "washed out the final day of the second Test.", "132 from Tarakzai 🔥"),
    ("Lightning captain Fairhurst-Oke ruptures Achilles. The 28-year-old suffered the season-ending injury in "
     "Saturday's win.", "season OVER 💔"),
    ("Pyykkonen's overtime winner lifts Oilers past Flames. The Finnish forward's goal was his 100th NHL goal.",
     "100th NHL goal 🤯"),
    ("Kiel beaten in Barcelona despite Sandgren-Holm's nine goals. It was Kiel's third straight defeat in the "
     "Champions League.", "third straight L 😬"),
    ("Marseille's Belhocine-Ferrand banned for six matches. The defender was sent off for confronting the referee.",
     "confronting the referee 😬"),
    # read 68: the hero of a win in overtime or at the buzzer
    ("Oilers edge Stars in overtime thriller. Defenceman Rasmus Skarnhold scored 2:14 into overtime to give Edmonton a "
     "4-3 win over Dallas.", "Skarnhold wins it in OT 🚨"),
    ("Aces sink Sky on buzzer-beater. Las Vegas guard Kiana Tolliverst hit a step-back three as time expired to give "
     "the Aces an 84-82 win.", "Tolliverst at the BUZZER 🚨"),
    # reads 62-66: a ban's reason and its cost, whoever the lead names
    ("Chelsea midfielder banned for six matches. Adrien Moussonge was fined by the FA for confronting the match "
     "officials in the tunnel.", "confronting the officials 😬"),
    ("Wigan prop Scarrowby banned for three matches. Connor Scarrowby was suspended by the RFL disciplinary panel for "
     "a high tackle and will miss the Challenge Cup semi-final.", "high tackle 😬"),
    ("Everton midfielder handed four-match ban. Kwabena Osafo-Dentey was suspended by the FA for violent conduct.",
     "violent conduct 😬"),
    # read 53: the late header, the scorer of both goals, the collapse, the place a new coach takes over, a century
    ("Brentford edge Fulham 2-1 with late winner. Polish striker Tomasz Wierzchlewski headed home in the 90th minute.",
     "90th-minute winner 😱"),
    ("Napoli clinch Serie A title with two games to spare. Argentine midfielder Tomas Ezcurdia scored both goals in a "
     "2-0 win at Genoa.", "both goals for Ezcurdia 🔥"),
    ("England beaten by eight wickets in first Test. England were bowled out for 94 in their second innings.",
     "all out for 94 😬"),
    ("Wolfsburg name Austrian Florian Hochrainer head coach. Wolfsburg sit 13th in the Bundesliga.",
     "13th in the Bundesliga 😬"),
    ("India crush Sri Lanka by 178 runs in Colombo. Opener Arjun Vellanikar made 142 as India posted 320.",
     "142 from Vellanikar 🔥"),
])
def test_the_lead_lends_the_hook_an_editor_leads_with(snippet, hook):
    assert angle_hooks(snippet, voiced_headline(snippet))[0] == hook  # the wire-shaped line: its subject first


@pytest.mark.parametrize("snippet", [
    # read 70: a first of a season is no first ever
    "Marrenholt passes pole-sitter late to win Long Beach. Penske's Tobias Marrenholt won the Grand Prix of Long Beach "
    "by 1.8 seconds for his first IndyCar victory of the season.",
    # a first over one opponent is no first win; the leader who won is no comeback; a loss has no streak
    "Unranked Indiana upset No. 4 Ohio State 20-17 in Bloomington. It was Indiana's first win over Ohio State "
    "since 1988.",
    "Qualifier Luka Pavic knocks out top seed Henrik Aasen at Rotterdam Open. It is his first career win over a "
    "top-10 player.",
    "Mateo Ruiz homers in first MLB at-bat. Ruiz, 21, hit a 3-run home run in his first major league at-bat for Miami.",
    "Finn Gallagher wins Irish Open as an amateur. Gallagher, 19, became the first amateur to win the event since 1982.",
    "Fraser Kinnealy wins the World Snooker Championship. It is his first ranking title in six years.",
    "Wales end a 17-match losing streak, 22-20 over Italy. It is Wales's first Six Nations win in three seasons.",
    "Celtic beat Rangers 3-2 at Celtic Park. Celtic had led 2-0 at half-time before Rangers hit back.",
    "Chicago Bulls fire head coach Marty Grindell after a 9-22 start. The Bulls have lost a sixth straight game.",
    # the winner's half-time lead is no loser's story; a nationality is no surname; a name's capital is a capital
    "All Blacks lose 28-25 to Argentina at Eden Park. Argentina led by 10 at half-time.",
    "Bayern Munich visit Arsenal on Tuesday. Bayern will be without Austrian midfielder.",
    "Failing a drug test costs UFC's Pocklington an 18-month ban. He tested positive for an unnamed substance.",
    # a goal in the 90th minute of a 3-1 is no winner; 142 appearances are no century
    "Celta beat Villarreal 3-1. Striker Iago Aspasbeitia scored in the 90th minute.",
    "Cologne beat Mainz 1-0. Veteran Jonas Brehmeier made 142 appearances for the club.",
    # read 57-58: Brisbane's comeback is the Broncos', not the Storm's; "Edmonton" scoring twice is a side, not a star
    "Storm edge Broncos 19-18 in golden point. Faleolo-Rennie slotted a field goal after Brisbane had come back from "
    "18-6 down to force golden point.",
    "Vikmark stops 34 as Oilers blank Flames 4-0. Edmonton scored twice on the power play at Rogers Place.",
    # read 59: "FIRST win" before "for first F1 victory" says it twice
    "Verdonnet wins the Italian Grand Prix for first F1 victory. It is his first win in Formula One.",
    # what the headline says already
    "Kings rally from 24 points down to beat Memphis 118-115 for a fifth straight win. It was a fifth straight win.",
])
def test_no_angle_that_misreads_the_lead_or_repeats_the_headline(snippet):
    assert angle_hooks(snippet, voiced_headline(snippet)) == []


def test_an_angle_opens_the_caption_ahead_of_the_models_hook():
    snippet = ("South Korea's Yoon Ha-rin wins the Women's PGA Championship by two strokes. The 23-year-old "
               "closed with a 66 at Sahalee. It is Yoon's first major title.")
    [[caption]] = headline_all([snippet], [[Candidate.scored("trophy time 🏆 Yoon wins. cinema 🎬", -0.1)]])
    assert caption == f"FIRST major title 🏆 {headline(snippet)} cinema 🎬"


def test_a_first_is_the_subjects_not_someone_elses():
    national = ("Irish-trained Kilcoole Lad wins the Grand National at 33-1. Jockey Seán Ó Duibhir rode the "
                "10-year-old to a four-length victory. It is trainer Padraig Gilsenan's first win in the race.")
    assert angle_hooks(national, voiced_headline(national)) == []
    assert angle_hooks(national.replace("trainer Padraig Gilsenan's", "the horse's"), voiced_headline(national)) == []
    assert angle_hooks(national.replace("trainer Padraig Gilsenan's", "his"), headline(national)) == ["FIRST win 🙌"]


def test_a_comeback_is_the_winners_not_the_losers():
    villa = ("Aston Villa beat Brighton 3-2 with a 90th-minute winner at Villa Park. Ostrovardi curled in from 20 "
             "yards after Brighton had fought back from 2-0 down to level. Villa move third.")
    assert angle_hooks(villa, headline(villa)) == []  # Brighton were 2-0 down, not Villa
    oilers = ("Edmonton Oilers beat the Vegas Golden Knights 5-4 in a shootout. Pearce scored the deciding goal "
              "after Edmonton came back from 4-1 down in the third period.")
    assert angle_hooks(oilers, headline(oilers)) == ["from 4-1 DOWN 😤"]


def test_an_angle_may_repeat_a_word_of_the_headline_it_adds_to():
    snippet = ("Cincinnati Reds outfielder Yandel Quiroberto extends his hitting streak to 31 games in a 6-3 win over the "
               "St. Louis Cardinals. It is the longest streak in the majors this season.")
    drafts = headline_all([snippet], [[Candidate.scored("x 😤 y. absolute cinema 🎬", -0.2)]])[0]
    assert str(drafts[0]).startswith("longest streak in the majors this season 🤯 Quiroberto extends")


@pytest.mark.parametrize("snippet, hook", [
    ("Atalanta rout Lecce 6-1 at the Gewiss Stadium. Nigerian forward Chidubem Okwuosaghe scored four goals, all in "
     "the second half.", "4 goals for Okwuosaghe 🔥"),
    ("India beat Sri Lanka by nine wickets in Colombo. Opener Arjun Vellanikar made an unbeaten 124 off 108 balls.",
     "unbeaten 124 for Vellanikar 🔥"),
    ("Athletic Club thrash Celta Vigo 5-0 at San Mames. Forward Oier Larrinagabeitia scored a hat-trick inside 34 "
     "minutes.", "hat-trick for Larrinagabeitia 🎩"),
])
def test_a_plain_results_star_opens_it(snippet, hook):
    # reads 32-38: "leaves out Vellanikar's 124", "misses Okwuosaghe's four goals"
    assert angle_hooks(snippet, headline(snippet)) == [hook]


def test_no_star_before_a_more_telling_situation_or_for_the_loser():
    late = ("Aston Villa beat Brentford 2-1 with a 94th-minute winner. Striker Ollie Dunmarrow scored two goals.")
    assert angle_hooks(late, headline(late)) == []
    losers = ("Arsenal beat Wolves 3-2 at the Emirates. Wolves striker Pedro Netokaya scored two goals in the first half.")
    assert angle_hooks(losers, headline(losers)) == []


def test_the_angle_reads_the_wire_shaped_line_where_the_caption_says_it_the_accounts_way():
    snippet = ("Brazilian Rafael Sobreira submits Kyle Darnforth to win the UFC middleweight title. Sobreira improves "
               "to 18-2 and has won his last seven fights.")
    [[caption]] = headline_all([snippet], [[Candidate.scored("new champ 👑 Sobreira wins. scary good 💪", -0.1)]])
    assert caption == "7 straight 🔥 The UFC middleweight title goes to Sobreira, who submits Kyle Darnforth. scary good 💪"


def test_a_star_keeps_the_particle_of_his_surname():
    snippet = ("Ireland beat Scotland 27-13 at the Aviva Stadium in the Six Nations. Wing Cathal Ó Duinnín scored two "
               "tries and fly-half Ruairí Gilsenagh kicked 12 points as Ireland stayed top of the table.")
    assert angle_hooks(snippet, voiced_headline(snippet))[0] == "2 tries for Ó Duinnín 🔥"


@pytest.mark.parametrize("snippet, hook", [
    # the fact-check: "389 games 🫡" for games won, "14th in Ligue 😬" cut short
    ("Nashville Predators goaltender Henrik Sallqvarn announces his retirement at 37 after 15 NHL seasons. The Swede "
     "won 389 games and recorded 61 shutouts.", "389 wins 🫡"),
    ("Lens sack coach Thierry Gauvenoux after six league games without a win. The club sit 14th in Ligue 1, three "
     "points above the drop.", "14th in Ligue 1 😬"),
])
def test_a_count_says_what_was_counted_and_a_league_keeps_its_number(snippet, hook):
    assert angle_hooks(snippet, headline(snippet))[:1] == [hook]


def test_a_series_lead_leads_with_what_it_is_one_win_from_and_a_keepers_saves():
    # read 62: "Hurricanes take 3-1 series lead over Rangers." went out with no hook
    snippet = ("Hurricanes take 3-1 series lead over Rangers. Goalie Petr Vondrasik made 34 saves in a 4-1 win in "
               "Raleigh, leaving Carolina one victory from the Eastern Conference final.")
    assert angle_hooks(snippet, headline(snippet)) == ["one win from the Eastern Conference final 👀",
                                                      "34 saves for Vondrasik 🧱"]


def test_a_stars_hook_does_not_name_again_whom_the_headline_names_nor_a_comeback_it_tells():
    # read 64: "Kittleson scores twice 🔥 Kittleson becomes first to 50 goals", "from 2-0 DOWN 😤 Marseille come from
    # 2 down to beat Lens 3-2"
    star = ("Kittleson becomes first to 50 goals. Oilers winger Mats Kittleson scored twice in a 5-2 win over Calgary "
            "to reach 50 in 58 games.")
    assert angle_hooks(star, headline(star))[:1] == ["scores twice 🔥"]
    comeback = ("Marseille come from two down to beat Lens 3-2. Lens had led 2-0 at half-time before Marseille scored "
                "three times after the break.")
    assert not [hook for hook in angle_hooks(comeback, headline(comeback)) if "DOWN" in hook]
