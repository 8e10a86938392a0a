"""The house's hooks by situation (generate/situations.py), told by the story's own words."""

from __future__ import annotations

import pytest

from generate.closers import house_phrasebook
from generate.headlines import headline, hook_part, house_hook
from generate.kinds import TRIUMPH, kind_of
from generate.situations import SITUATIONS, situation_hooks, situation_of, situations_of


@pytest.mark.parametrize("snippet, name", [
    ("Unranked Indiana upset No. 4 Ohio State 20-17 in Bloomington. The Hoosiers scored late.", "upset"),
    ("Third-tier Saarbrücken knock Bayer Leverkusen out of the DFB-Pokal. They won on penalties.", "upset"),
    # a comeback won in overtime is a comeback
    ("Boston Celtics rally from 24 points down to beat the Miami Heat 112-109 in overtime. Tatum had 40.", "comeback"),
    # the late winner is in the lead, not the headline
    ("Real Betis beat Sevilla 2-1 at the Benito Villamarín. Quiroga scored in the 88th minute.", "late"),
    ("PSV Eindhoven beat Heerenveen 7-0 at the Philips Stadion. Six players scored.", "rout"),
    ("Nigerian heavyweight Emeka Adeyemi knocks out Dmitri Volkov in the third round. He is 19-0.", "knockout"),
    ("Kenyan Faith Chepkorir breaks the women's 5,000m world record in Oslo. She ran 13:58.41.", "record"),
    ("Yankees pitcher Caden Holloway throws a no-hitter against the Rays. He walked two.", "perfect"),
    ("Sweden's Jonas Ekholm wins the Scottish Open by three shots. He shot 65 on Sunday.", "title"),
    ("Irish-trained Copper Lantern wins the Cheltenham Gold Cup at 16-1. Her jockey was delighted.", "title"),
    ("Australian swimmer Lachlan Pearce wins 200m freestyle gold at the Worlds. He is 19.", "gold"),
    ("Oklahoma City Thunder sign guard Jalen Mabry to a four-year, $140 million extension. He is 24.", "extension"),
    ("Napoli sign midfielder Eirik Solheim from Bodø/Glimt for €28 million. He is 22.", "move"),
    ("Inter Miami host Columbus Crew on Sunday. A win would clinch a playoff place.", "stakes"),
    ("Celtic and Rangers draw 1-1 at Celtic Park. Both scored in the first half.", "draw"),
    # read 29-30: "job DONE" on a career's count and on a league record
    ("Capitals' Berezutsky scores his 500th NHL goal in a 5-2 win over the Hurricanes. He is 34.", "milestone"),
    ("Aces' Brumfield scores a WNBA-record 54 points in a 101-94 win over the Storm. She hit 9 threes.", "record"),
    # read 31: a comeback told "come from", a 147 told the other way round, a submission, a points rout
    ("Real Madrid come from 2-0 down to beat Sevilla 3-2. Sarandibar scored twice.", "comeback"),
    ("Prothervane makes a 147 maximum in his 6-3 win over Ding Junhui. It was his third.", "perfect leg"),
    # read 72: "untouchable 🔒" on a nine-darter in a night whose final was lost
    ("Dutchman hits nine-darter in Premier League win. Niels Velthuyzen hit a nine-darter in his quarter-final but lost "
     "the final 6-5.", "perfect leg"),
    ("Guardians right-hander throws no-hitter. Tobias Schwendeman struck out 11 in a 4-0 win.", "perfect"),
    ("Dagir Khasbulatrov submits Thiago Perrenvaldo in the second round. He is 17-0.", "submission"),
    ("Bucks beat the Hornets 142-98, their biggest win of the season. Five players scored 15.", "rout"),
    ("Nuggets' Velikhoran posts 31 points and 17 rebounds in a 118-104 win over the Suns. He shot 13 of 19.", "haul"),
    # reads 29-30: an award, a final won, a course record
    ("Aston Villa's Olmedilla-Ruiz wins the PFA Player of the Year award. He scored 24 goals.", "award"),
    ("Poland beat Brazil 3-1 to win the men's Volleyball Nations League final. Kurek scored 21.", "title"),
    ("Kenya's Mercy Jeptanui wins the Boston Marathon in a course record of 2:19:47. She is 27.", "record"),
    # read 32: a series swept, a lower-league side's win, a kick with minutes left, a late draw, a series won,
    # a comeback in tennis
    ("India beat Sri Lanka by nine wickets to complete a 3-0 series win. Vellanikar made 124.", "sweep"),
    ("League Two side Harrogate Town knock Tottenham Hotspur out of the FA Cup. Pennimore scored.", "upset"),
    ("Toulouse beat Leinster 27-24 in the Champions Cup semi-final. Dorveillac kicked a penalty with two minutes "
     "left.", "late"),
    ("Borussia Dortmund and RB Leipzig draw 2-2. Wrobelsdorf equalised in stoppage time.", "late"),
    ("Panthers eliminate Maple Leafs. Sorvanlahti scored twice.", "win"),
    ("Vondrackova comes back from a set and 5-2 down to beat Jessica Pegula 3-6 7-5 6-3. She is 20.", "comeback"),
    # read 35: a career's count, the player's even when the lead has the other side bowled out; odds are no score
    ("West Indies fast bowler Jadeon Cuffington takes his 300th Test wicket on the third day. South Africa were "
     "bowled out for 211.", "milestone"),
    ("Spurs' Elderkamp becomes the 51st player in NBA history to reach 20,000 career points. He had 24.", "career"),
    ("Steelers' Gorseberry records his 100th career sack in a 24-13 win over the Bengals. He is 31.", "milestone"),
    ("Feyenoord's Motoyamazaki becomes the fastest player to reach 50 Eredivisie goals. He is 24.", "record"),
    ("Kazakhstan's Zhanbyrbayeva will become world No. 1 for the first time on Monday. She is 25.", "summit"),
    ("Fluminense knock Olimpia out of the Libertadores 3-2 on aggregate after a 1-1 draw. Cano scored.", "through"),
    ("Preview: Saltmarsh Regent is the 9-4 favourite for Sunday's Prix de l'Arc de Triomphe. He has won five of six "
     "starts.", "preview"),
    # read 67: "CROWNED 👑" on a title defended; no hook on a first podium, a drought ended, a yellow jersey seized
    ("Welsh featherweight retains title on points. Rhys Abernant defended his WBO featherweight belt with a unanimous "
     "decision.", "retained"),
    ("Rookie claims first podium in Baku. Haas driver Oskar Lindbjorne finished third at the Azerbaijan Grand Prix.",
     "podium"),
    ("Veteran Scot ends title drought in Llandudno. Alasdair Wyndecott beat Declan Feeharrow 9-7 to claim his first "
     "ranking title in 11 years.", "drought"),
    ("Belgian seizes Tour de France yellow jersey. Pieter Ruelberghe won stage four and took the overall lead.",
     "jersey"),
    # read 70: no hook on a match point saved, nor on a title "cruised to"
    ("Spaniard saves match point to reach Miami final. Alejandro Vilacorza saved a match point in the tie-break.",
     "match point"),
    ("Australian cruises to Players title by three shots. Brodie Kinnerbrook shot a final-round 67.", "title"),
])
def test_a_story_is_in_the_situation_its_words_tell(snippet, name):
    assert situation_of(snippet).name == name


@pytest.mark.parametrize("snippet", [
    # "knock out" in a cup is no knockout punch
    "Arsenal knock out Chelsea in the FA Cup fourth round at the Emirates. Saka scored twice.",
    # a pole vault is no pole position; a win in a cup's opener is no trophy
    "Sweden's Armand Lind wins the pole vault at the Diamond League meeting in Oslo. He cleared 6.10m.",
    "Japan win their World Cup opener against Chile in Doha. Mitoma scored twice.",
    # a tennis match's sets are no rout (read 31: "NO MERCY" on a 7-5 6-2)
    "Zofia Kwiatrzewska beats Karolina Muchova 7-5 6-2 in Prague. She is 17.",
    # nor a cricket total's runs and wickets; a semi-final or a final stage is no trophy
    "Pakistan beat England after declaring on 584-6 in Multan. Qasimi hit 231.",
    "Arsenal win the semi-final 3-1 at the Emirates. Saka scored twice.",
    "Pogacar wins the final stage into Paris. He beat Philipsen by a wheel.",
])
def test_words_that_look_like_a_situation_are_told_as_a_plain_win(snippet):
    assert situation_of(snippet).name == "win"


def test_a_name_is_not_a_draw():
    assert kind_of("American Drew Kessler wins the Memorial Tournament by three shots. He shot 66.") == "triumph"
    assert kind_of("Napoli and Inter drew 1-1 at the Maradona. Both goals came late.") == "draw"


def test_a_feed_of_one_situation_does_not_open_alike_and_a_story_always_opens_the_same():
    stories = [f"Club {i} sign striker Player {i} from Rival {i} for a reported fee. The forward, {20 + i}, has "
               "agreed a four-year contract and will wear the number 9 shirt." for i in range(12)]
    firsts = {situation_hooks(story, headline(story))[0] for story in stories}
    assert len(firsts) > 1
    assert situation_hooks(stories[0], headline(stories[0])) == situation_hooks(stories[0], headline(stories[0]))


def test_every_hook_ends_in_an_emoji_so_it_joins_as_a_models_hook_does():
    assert all(hook_part(f"{hook} Club sign Player.") == hook for situation in SITUATIONS for hook in situation.hooks)


def test_a_house_hook_makes_no_claim_the_story_does_not():
    book = house_phrasebook(hook_part)
    # a late goal in a 3-1 is no drama: the game was never close (read 49: "down to the WIRE" too)
    snippet = "Real Betis beat Sevilla 3-1 at the Benito Villamarín. Quiroga scored in the 88th minute."
    assert all(house_hook(book, snippet, headline(snippet)) != hook
               for hook in ("LATE DRAMA 😱", "DRAMA 🚨", "down to the WIRE 😱"))
    # a loss gets a loss's hook, never a celebration
    loss = "Arsenal lose 3-0 to Fulham at Craven Cottage. It is their third defeat in a row."
    assert house_hook(book, loss, headline(loss)) in situation_of(loss).hooks
    assert situation_of(loss).name == "loss"


def test_an_exit_is_a_loss_and_a_trip_to_a_six_pointer_a_preview():
    # "crash out of" a cup is no injury ("get well soon" on Juventus' exit), a rider's crash still is
    assert kind_of("Juventus crash out of the Champions League after a 3-0 defeat at Porto.") == "loss"
    assert kind_of("Ducati rider Leo Ruiz crashes out at Mugello and breaks his collarbone.") == "hurt"
    # "relegation" in a game still to come ("tough night 😶" before the kick-off)
    burnley = "Burnley travel to Ipswich Town on Saturday in a Premier League relegation six-pointer."
    assert kind_of(burnley) == "preview"
    assert situation_of(burnley).name == "stakes"


def test_a_driver_retiring_from_a_race_is_out_of_it_not_done_with_the_sport():
    race = ("Aston Martin driver Henrik Sølvberg retires from the lead of the Singapore Grand Prix with a "
            "hydraulics failure.")
    assert kind_of(race) == "loss"
    assert kind_of("Ferrari's Leo Ruiz retires with an engine problem at Monza.") == "loss"
    assert kind_of("Henrik Sølvberg retires from Formula 1 at 38.") == "retirement"


def test_a_headline_that_says_beat_is_a_win_whatever_the_lead_says():
    # "move two points clear" in the lead made this a transfer, and the model's "DONE DEAL" its hook
    rugby = "South Africa beat New Zealand 24-18 at Ellis Park. The Springboks move two points clear at the top."
    assert kind_of(rugby) == "triumph"


@pytest.mark.parametrize("snippet, kind, name", [
    ("Greta Vollmerhausen of Germany will retire after the WTA Finals. The 33-year-old won three majors.",
     "retirement", "retirement"),  # not a preview's "will"
    ("American Wyatt Brummett squanders a five-shot final-round lead at the Players Championship. He shot 77.",
     "loss", "loss"),
    ("New Zealand opener Fergus Tarrington scores 214 against Sri Lanka at the Basin Reserve. He batted nine hours.",
     "triumph", "haul"),
    ("Indiana Pacers guard Dorian Mabery scores a franchise-record 62 points in a 141-133 win. He made 11 threes.",
     "triumph", "record"),
    ("Argentine qualifier Tomás Echeverrigaray knocks out third seed Lukas Brenneisen at the US Open. He is 22.",
     "triumph", "upset"),
    ("Unbeaten Marcus Fothergale stopped in the ninth round by Yordanis Quintanar. He had been 19-0.", "loss", "loss"),
    ("Uncapped Josh Penwarden called up to the England squad. He replaces Ollie Stansfield, who is injured.",
     "triumph", "call-up"),
])
def test_a_story_told_in_other_words_is_still_in_its_situation(snippet, kind, name):
    assert kind_of(snippet) == kind
    assert situation_of(snippet).name == name


def test_a_call_up_gets_a_hook_though_its_headline_says_call_up():
    snippet = ("Brighton midfielder Alfie Stonebridge handed a first England call-up for the World Cup qualifiers. The "
               "20-year-old has started 14 Premier League games this season and scored three goals.")
    assert house_hook(house_phrasebook(hook_part), snippet, headline(snippet)) in situation_of(snippet).hooks


@pytest.mark.parametrize("snippet, kind", [
    ("Buffalo Bills rout the New York Jets 44-6 in Orchard Park. The Jets fired their coach last week.", "triumph"),
    ("Žan Kobetič takes the yellow jersey after winning stage 15 of the Tour de France. He finished 44 seconds "
     "ahead of Rasmus Kjærsgaard.", "triumph"),  # "seconds ahead of" is a margin, not a preview
    ("Paris Saint-Germain thrash Montpellier 6-0 at the Parc des Princes. Their new signing scored twice.", "triumph"),
    ("American Brock Tillinghast collapses on the final day of the Open Championship. He shot 79.", "loss"),
])
def test_a_rout_and_a_jersey_taken_are_wins_a_collapse_a_loss(snippet, kind):
    assert kind_of(snippet) == kind
    assert situation_of(snippet).name in ("rout", "jersey", "loss")


def test_a_match_won_at_a_championship_is_no_title():
    snippet = "Ronan Prothervane makes a 147 in his 6-3 win over Ding Junhui at the UK Championship. He plays on."
    assert situation_of(snippet).name != "title"


def test_a_bowlers_haul_and_a_tie_won_on_aggregate_are_wins():
    assert kind_of("Pakistan fast bowler Shahzaib Qureshani takes 7 for 39 as England are bowled out for 168. It is "
                   "his best.") == "triumph"
    assert kind_of("Real Sociedad reach the Europa League quarter-finals after beating Porto 3-2 on aggregate. The "
                   "second leg was drawn 1-1.") == "triumph"


def test_a_losing_streak_ended_a_tie_won_despite_a_defeat_and_a_career_sack_are_wins():
    # read 37: "rough one" on all three, "the axe falls" on the sack
    assert kind_of("Wales end a 17-match Test losing streak, 22-20 over Italy. It was close.") == "triumph"
    assert kind_of("PSV Eindhoven knock Benfica out of the Champions League 4-3 on aggregate despite a 2-1 defeat. "
                   "They go through.") == "triumph"
    assert kind_of("Steelers linebacker Tremaine Gorseberry records his 100th career sack in a 24-13 win over the "
                   "Bengals. He is 31.") == "triumph"
    assert kind_of("Steelers sack head coach Mike Dorrance after a 2-9 start. He had been there six years.") == "firing"


def test_an_award_given_is_a_feat_not_a_preview():
    assert kind_of("Nebraska outside hitter Kenley Ostrowhaven is named AVCA national player of the year. She "
                   "averaged 4.6 kills per set for the 31-2 Huskers.") == "triumph"  # read 43: "circle this one"


def test_a_world_number_one_to_be_is_a_feat_not_a_preview():
    assert kind_of("Kazakhstan's Aigerim Zhanbyrbayeva will become world No. 1 for the first time on Monday after "
                   "reaching the Qatar Open final. She is 25.") == "triumph"


def test_a_drivers_confirmed_line_up_is_a_move_not_a_preview():
    assert kind_of("Mercedes confirm Andrea Kimi Antonelli will be partnered by George Russell again next season. "
                   "The pair finished fourth.") == "move"


def test_a_win_by_one_is_narrow_and_a_later_situation_opens_where_an_earlier_ones_hooks_repeat_the_headline():
    assert situation_of("Sevilla beat Getafe 1-0. Bennaghrib scored.").name == "narrow"
    assert situation_of("Solvenhurst wins the Memorial Tournament by one shot. He holed a putt.").name == "narrow"
    top = ("Arsenal beat Manchester United 3-1 to go top of the Women's Super League. Dutch forward Femke Oosterbroek "
           "scored twice in the first half at the Emirates.")
    hooks = situation_hooks(top, headline(top))
    assert hooks[:2] == [hook for hook in hooks if hook in situation_of(top).hooks]  # the table's first
    assert house_hook(None, top, headline(top)) not in situation_of(top).hooks  # both say "top": a win's opens
    assert house_hook(None, top, headline(top)) is not None


def test_a_price_is_no_score():
    # read 34: "NO MERCY" on a 26-1 winner
    assert "rout" not in [s.name for s in situations_of("Irish-trained Cloudmere Abbey wins the Melbourne Cup at "
                                                        "Flemington at odds of 26-1. It paid well.")]
    assert "rout" in [s.name for s in situations_of("Arsenal beat Wolves 6-1 at the Emirates. Saka scored twice.")]


def test_a_crash_to_defeat_is_a_loss_not_an_accident():
    # read 45: "heal up and come back STRONGER" on a T20 series lost
    assert kind_of("Pakistan crash to a 5-wicket defeat against Ireland in Dublin and lose the T20 series 2-1.") == "loss"
    assert kind_of("Colombia's Cárdenas abandons the Giro d'Italia after a crash on stage 12.") == "hurt"


def test_read_49_a_level_score_line_an_offside_goal_and_a_late_cushion():
    assert kind_of("Atletico Madrid 1-1 Sevilla. Barrionuevo put Atletico ahead at the Metropolitano.") == "draw"
    assert kind_of("Arsenal edge PSG 1-0 in the Champions League semi-final first leg at the Emirates. Ezenwafor "
                   "headed in the only goal after PSG had an equaliser ruled out for offside.") == TRIUMPH
    cushion = ("Torino beat Lazio 3-1 in Serie A. Striker Matteo Brancaleoni scored twice before Dario Zuccaro added a "
               "stoppage-time third.")
    assert "late" not in [situation.name for situation in situations_of(cushion)]
    decider = "Torino beat Lazio 2-1 in Serie A. Dario Zuccaro scored a stoppage-time winner."
    assert "late" in [situation.name for situation in situations_of(decider)]


def test_a_doping_ban_is_no_light_matter_and_a_comeback_to_stun_no_upset():
    # reads 45-53: "not ideal 😬" on a four-year doping ban; "UPSET ALERT" on a rally nobody called an upset
    doping = "Jamaican sprinter Malabre handed 4-year doping ban. He tested positive for a banned steroid in May."
    assert situation_of(doping).name == "doping"
    assert situation_of("Celtic striker Auchterlonie handed 3-match ban for violent conduct.").name == "ban"
    assert situation_of("Bills rally from 17 down to stun Dolphins 27-24.").name == "comeback"
    assert situation_of("Georgia stun Wales 19-16 in Cardiff.").name == "upset"


def test_a_fee_agreed_is_no_done_deal():
    # the fact-check: "it's OFFICIAL ✍️" on a fee agreed, the medical still to come
    agreed = situation_of("Atalanta agree £38m fee for Brazilian winger Caio Menezes. The 21-year-old will undergo a "
                          "medical in Bergamo on Thursday.")
    assert agreed.name == "agreed" and not {"DONE DEAL ✍️", "it's OFFICIAL ✍️"} & set(agreed.hooks)
    assert situation_of("Arsenal sign Brazilian winger Caio Ventramilho from Palmeiras for £52m.").name == "move"


def test_a_debut_handed_is_no_done_deal():
    debut = situation_of("Williams hand reserve driver F1 debut in Baku. Williams confirmed Kaspar Tuulikmae will race "
                         "at the Azerbaijan Grand Prix.")
    assert debut.name == "debut" and "DONE DEAL ✍️" not in debut.hooks


def test_a_player_who_retires_hurt_lost_and_a_title_retained_is_a_feat():
    from generate.kinds import kind_of
    assert kind_of("Brizuela retires injured in Rome first round. The Argentine quit trailing 6-2 2-0.") == "loss"
    assert kind_of("Uzbek Shokhrukh Nurmatjonov stops Angel Cintronera in the 10th round to retain the IBF "
                   "super-lightweight title.") == "triumph"


@pytest.mark.parametrize("snippet, kind, name", [
    # read 63-64's rejects: a sacking hook on a shutout win ("six sacks"), "built different 🧬" on an injury told as
    # weeks out, a fixture's hooks on a captain named, a signing's on a round of 59, no hook on a win that "sinks"
    ("Lions blank Bears 24-0. Detroit's defence recorded six sacks as the Lions posted their first shutout.",
     "triumph", "perfect"),
    ("Heat forward Mossgrove out four to six weeks. Andre Mossgrove suffered a high ankle sprain.", "hurt", "hurt"),
    ("Pakistan name Zarkhezi as Test captain. Batter Hammad Zarkhezi, 29, will lead Pakistan in the series.",
     "move", "move"),
    ("Aldercott cards 59 on Korn Ferry Tour. Englishman Miles Aldercott made 11 birdies to move into a three-shot lead.",
     "triumph", "haul"),
    ("Osterholt double sinks Freiburg. Werder Bremen striker Jannik Osterholt scored in each half.", "triumph", "win"),
    ("Second seed knocked out of Miami Open by teenage wild card. American Tessa Wrenfield, 19, beat the world No. 2.",
     "loss", "upset"),
])
def test_reads_63_64_stories_are_told_by_their_kind_and_situation(snippet, kind, name):
    assert kind_of(snippet) == kind and situation_of(snippet).name == name


def test_a_blowout_an_improved_player_and_a_rally_that_is_an_event():
    assert situation_of("Thunder blow out Jazz by 41. Oklahoma City won 139-98.").name == "rout"
    assert situation_of("Lynx guard Falkingham named WNBA Most Improved Player.").name == "award"
    from generate.closers import fits
    assert not fits("Harjuvaara wins Rally Finland on home soil, 14.2 seconds clear.", "", "CLUTCH 😤")


@pytest.mark.parametrize("snippet, kind, name", [
    # read 66: six captions went out with no hook
    ("Dane seizes yellow jersey on Hautacam. Anders Kjaerbolling won stage 12 by 38 seconds.", "triumph", "jersey"),
    ("Dodgers left-hander reaches 3,000 strikeouts. Corwin Aldabe got the milestone in the sixth inning.",
     "triumph", "career"),
    ("Celtic can clinch title at Ibrox. Celtic will be crowned champions with victory over Rangers on Sunday.",
     "preview", "stakes"),
    ("Bettinardi completes Mugello double. Ducati's Lorenzo Bettinardi won the sprint and the Grand Prix.",
     "triumph", "win"),
    ("Super Kings seal IPL title with last-ball six. Rohan Kesavamurthy cleared long-on off the final delivery.",
     "triumph", "late"),
    ("Yankees walk off Red Sox in 11th. Benito Quirarte lined a two-out single as New York won 4-3.", "triumph", "late"),
])
def test_read_66s_hookless_stories_have_a_situation(snippet, kind, name):
    assert kind_of(snippet) == kind and situation_of(snippet).name == name
