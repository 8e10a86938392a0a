"""The headline recast (generate/recast.py): the facts kept, the wire's sentence shape gone."""

import pytest

from generate.guards.best_of_n import copied_share
from generate.headlines import headline
from generate.recast import recast, with_articles
from generate.voice import in_voice


@pytest.mark.parametrize("line, recast_line", [
    ("Italy beat Scotland 22-19 in the Six Nations.", "Italy get by Scotland in the Six Nations, 22-19."),
    ("Eagles beat the Cowboys 41-10.", "Eagles cruise past the Cowboys, 41-10."),
    ("Thunder beat the Blazers 118-104 for their 13th straight win.",
     "Thunder take down the Blazers, 118-104 for their 13th straight win."),
    ("Barcelona beat Chelsea 2-0 to reach the Women's Champions League final.",
     "Barcelona take down Chelsea, 2-0, and they're into the Women's Champions League final."),
    ("India beat Australia by 6 wickets to win the second Test.",
     "India get home against Australia with 6 wickets to spare, and the second Test is theirs."),
    ("South Africa beat Australia by 6 wickets in Perth to take the 3-Test series 2-0.",
     "South Africa get home against Australia with 6 wickets to spare in Perth, and the 3-Test series is theirs 2-0."),
    ("Avalanche beat the Stars 3-2 in overtime to level their playoff series 2-2.",
     "Avalanche get by the Stars, 3-2 in overtime, and the playoff series is level at 2-2."),
    ("Sri Lanka beat Bangladesh by 54 runs in first ODI.", "A 54-run win for Sri Lanka over Bangladesh in the first ODI."),
    ("Verbruggen wins the PDC World Darts Championship, 7-4 over England's Pilbeam.",
     "The PDC World Darts Championship goes to Verbruggen, 7-4 over England's Pilbeam."),
    ("Free-agent shortstop Dante Arrechedera signs a 6-year, $156M contract with the Red Sox.",
     "The Red Sox land free-agent shortstop Dante Arrechedera on a 6-year, $156M contract."),
    ("Unbeaten British heavyweight Marcus Fothergale stopped in the ninth round by Cuban veteran Yordanis Quintanar.",
     "A ninth-round stoppage for Cuban veteran Yordanis Quintanar over unbeaten British heavyweight Marcus Fothergale."),
    ("Defending champion Martin Doyle beaten 10-6 in World Championship first round.",
     "No more World Championship for defending champion Martin Doyle, beaten 10-6 in the first round."),
    ("Uncapped Bournemouth striker Reece Tolhurst, 20, called up by England for World Cup qualifiers against Serbia.",
     "A first England call-up for uncapped Bournemouth striker Reece Tolhurst, 20, for World Cup qualifiers against Serbia."),
    ("South Carolina extend their winning streak to 34 games, 81-59 over Tennessee.",
     "Make it 34 in a row for South Carolina, 81-59 over Tennessee."),
    ("Bulldogs come back from 20-4 down to beat the Roosters 28-24.", "From 20-4 down, Bulldogs rally to beat the Roosters, 28-24."),
    ("Grizzlies beat the Kings 152-109, the largest margin of victory in franchise history.",
     "Grizzlies brush aside the Kings, 152-109, the largest margin of victory in franchise history."),
    ("Manchester United slump to a 3-0 defeat at Everton, their fourth loss in 5 league games.",
     "A 3-0 defeat for Manchester United at Everton, their fourth loss in 5 league games."),
    ("Norway's Haugvik wins the Hahnenkamm downhill in Kitzbühel.", "The Hahnenkamm downhill goes to Norway's Haugvik in Kitzbühel."),
    ("Kofi Adjei-Mensah joins Aston Villa in £42m move from Lille.", "Aston Villa land Kofi Adjei-Mensah from Lille for £42m."),
    ("Bengals rally from 17 down to stun Steelers.", "Down 17, the Bengals rally to stun the Steelers."),
    ("Two-time All-Star Ashby-Lamar calls it a career after 15 seasons.",
     "Two-time All-Star Ashby-Lamar hangs it up after 15 seasons."),
    ("Broncos sign Tonga prop Fakatoumafi on 3-year deal.", "Tonga prop Fakatoumafi heads to the Broncos on a 3-year deal."),
    # read 57's headline-ese
    ("Harlequins' Tresillian banned for 4 weeks.", "A 4-week ban for Harlequins' Tresillian."),
    ("Bayern sign Danish midfielder Brøndsted-Lyhne for €48m.", "Danish midfielder Brøndsted-Lyhne heads to Bayern for €48m."),
    ("Hawks deal Pettibrook to Jazz for 2 firsts.", "Pettibrook is off to the Jazz, and the Hawks get 2 firsts in return."),
    ("Hornets send Belvedere to Kings for 2 first-rounders.",
     "Belvedere is off to the Kings, and the Hornets get 2 first-rounders in return."),
    ("Bruins' Kjellqvist suspended 5 games for boarding.", "Boarding costs Bruins' Kjellqvist a 5-game ban."),
    ("Fnatic knocked out of LEC playoffs.", "No more LEC playoffs for Fnatic."),
    ("Casajoana wins Catalan GP from 11th on grid.", "The Catalan GP goes to Casajoana from 11th on the grid."),
    ("Chiefs rally from 17 down, beat Bills 27-24 in overtime.",
     "Down 17, the Chiefs rally to beat the Bills in overtime, 27-24."),
    ("Suns' Bramlage out 4-6 weeks.", "4-6 weeks out for Suns' Bramlage."),
    ("Irigoitia withdraws from Roland Garros.", "No Roland Garros for Irigoitia."),
    ("Villa defender Hazeldene ruptures ACL, out for season.", "Season over for Villa defender Hazeldene, with a ruptured ACL."),
    ("Teenager Vrchlická claims first WTA title.", "A first WTA title for teenager Vrchlická."),
    ("Glasgow go top of URC with 21-16 win over Munster.", "A 21-16 win over Munster takes Glasgow top of the URC."),
    ("Lions lock up Arinze-Pruett with $112m extension.", "Arinze-Pruett commits to the Lions with a $112m extension."),
    ("Van Oosterzee calls time on darts career.", "Van Oosterzee walks away from darts."),
    ("Panthers beat Storm 22-18 to win NRL grand final.", "Panthers get the better of Storm, 22-18, and the NRL grand final is theirs."),
    ("Tevita Lolohea signs 3-year contract extension with Leinster.",
     "Tevita Lolohea commits to Leinster with a 3-year contract extension."),
    # read 53's headline-ese
    ("England beaten by 8 wickets in first Test.", "An 8-wicket defeat for England in the first Test."),
    ("Real Madrid to face Barcelona in Copa del Rey final on Saturday.",
     "It's Real Madrid vs Barcelona in the Copa del Rey final on Saturday."),
    ("Napoli clinch Serie A title with 2 games to spare.", "With 2 games to spare, the Serie A title goes to Napoli."),
    ("Okonjo-Hale stops Carbajosa to win vacant WBO cruiserweight title.",
     "The vacant WBO cruiserweight title goes to Okonjo-Hale, who stops Carbajosa."),
    ("Bills rally from 17 down to stun Dolphins 27-24.", "Down 17, the Bills rally to stun the Dolphins, 27-24."),
    ("Rain-hit third Test between Australia and India ends in a draw.",
     "Australia and India can't be separated in the rain-hit third Test."),
    ("Vitality beat FaZe 3-1 to win IEM Katowice.", "Vitality get past FaZe, 3-1, and IEM Katowice is theirs."),
    ("Lakers slump to fifth straight loss, 112-98 at Celtics.", "A fifth straight loss for the Lakers, 112-98 at Celtics."),
    ("Wolfsburg name Austrian Florian Hochrainer head coach.", "Austrian Florian Hochrainer is the new head coach of Wolfsburg."),
    ("Brentford edge Fulham 2-1 with late winner.", "Brentford edge past Fulham, 2-1, thanks to a late winner."),
    ("Mariners sign ace Tennerholm to 7-year, $210M extension.",
     "Ace Tennerholm commits to the Mariners with a 7-year, $210M extension."),
    ("Leinster beat Toulouse 31-27 to reach Champions Cup final.",
     "Leinster get past Toulouse, 31-27, and they're into the Champions Cup final."),
    ("Arsenal crash out of FA Cup at Bournemouth.", "No more FA Cup for Arsenal, out at Bournemouth."),
    ("Pakistan paceman Shahzaib Kundiwal retires from Test cricket at 36.",
     "Pakistan paceman Shahzaib Kundiwal calls time on Test cricket at 36."),
    ("Napoli beat Lazio 2-1 with a 94th-minute winner from Slovak midfielder Matúš Hrabovský.",
     "Hrabovský's 94th-minute winner settles it for Napoli, 2-1 over Lazio."),
    ("Pencarreg beats China's Xu Jinpeng 10-7 to win the UK Championship.",
     "Pencarreg sees off China's Xu Jinpeng, 10-7, to win the UK Championship."),
    ("Japan's Kurobeyashiki wins the Evian Championship by 4 shots at 13 under par.",
     "The Evian Championship goes to Japan's Kurobeyashiki, by 4 shots at 13 under par."),
    ("Hrdlovska wins the Indian Wells Open, beating American Jordyn Pellerwick 6-4 2-6 7-5 in the final.",
     "The Indian Wells Open goes to Hrdlovska, 6-4 2-6 7-5 over American Jordyn Pellerwick in the final."),
    ("AC Milan land Nigerian striker Chinedu Okwuosaeke from Lille for €52M.",
     "Nigerian striker Chinedu Okwuosaeke heads to AC Milan from Lille for €52M."),
    ("Predators sign Swedish defenseman Viggo Brannstromsvik to an 8-year, $68M contract extension.",
     "Swedish defenseman Viggo Brannstromsvik commits to the Predators with an 8-year, $68M contract extension."),
    ("Manchester United Women appoint Norwegian Ingrid Solbakkenvik as head coach on a 3-year contract.",
     "Norwegian Ingrid Solbakkenvik is the new head coach of Manchester United Women, on a 3-year contract."),
    ("Audi land Brazilian Formula 2 champion Rafael Quintanilhares on a 2-year contract from next season.",
     "Brazilian Formula 2 champion Rafael Quintanilhares heads to Audi on a 2-year contract from next season."),
    ("Giants ship running back Jamarion Quillfeather to the Seahawks for a 2026 fourth-round pick.",
     "Running back Jamarion Quillfeather is off to the Seahawks, and the Giants get a 2026 fourth-round pick in return."),
    ("Dutch speed skater Femke Oudewaterinkel breaks the women's 1,500 metres world record in 1:49.62 at the World Cup.",
     "A new women's 1,500 metres world record for Dutch speed skater Femke Oudewaterinkel: 1:49.62 at the World Cup."),
    ("Storm's Brightwaterly will miss 6 to 8 weeks with a broken left hand.",
     "A broken left hand keeps Storm's Brightwaterly out for 6 to 8 weeks."),
    ("Tyrese Okonkwo-Hale to miss rest of season with torn ACL.", "A torn ACL keeps Tyrese Okonkwo-Hale out for the rest of the season."),
    ("Harlequins' Tresillian banned for 4 weeks for a dangerous clear-out against Bath.",
     "A dangerous clear-out against Bath costs Harlequins' Tresillian a 4-week ban."),
    ("Guardians reliever Dariel Montalvanez suspended for 80 games without pay after testing positive for a banned substance.",
     "Testing positive for a banned substance costs Guardians reliever Dariel Montalvanez an 80-game ban without pay."),
    ("New Zealander Kauri Paerataringa wins the UFC welterweight title with a fourth-round TKO.",
     "With a fourth-round TKO, the UFC welterweight title goes to New Zealander Kauri Paerataringa."),
    ("Jets beat the Stars 4-1 in Game 6 to win their first-round series 4-2.",
     "Jets brush aside the Stars, 4-1 in Game 6, and the first-round series is theirs 4-2."),
    ("Lynx rout the Connecticut Sun 84-62 to sweep their WNBA semifinal series 3-0.",
     "Lynx make light work of the Connecticut Sun, 84-62, and that's a 3-0 sweep of the WNBA semifinal series."),
    ("Blue Jays lose 11-2 to the Red Sox, their eighth straight defeat.",
     "Blue Jays fall to the Red Sox, 11-2, their eighth straight defeat."),
    ("Manchester United lose 3-0 at home to Bournemouth, their fourth defeat in 5 Premier League matches.",
     "Manchester United fall to Bournemouth at home, 3-0, their fourth defeat in 5 Premier League matches."),
    ("Atlético Madrid knocked out of Champions League by Inter.",
     "Atlético Madrid out of Champions League at the hands of Inter."),
    ("Saracens and Toulouse draw 20-20 in Champions Cup pool match.",
     "Saracens and Toulouse can't be separated in the Champions Cup pool match, 20-20."),
    ("Kaelen Strothers-Amadi records 40-point triple-double as Hawks beat Bulls 131-122.",
     "Hawks beat Bulls 131-122 as Kaelen Strothers-Amadi records 40-point triple-double."),
    ("Belgium's Jasper Van Olmen wins Tour de France stage 11 from breakaway.",
     "Tour de France stage 11 goes to Belgium's Jasper Van Olmen from a breakaway."),
    ("Titans hire Jerrod Quantrelle as head coach on a 5-year contract.",
     "Jerrod Quantrelle is the new head coach of the Titans, on a 5-year contract."),
    ("Unbeaten Nigerian-born Briton Olumide Fashakin knocks out Ukrainian Artem Zhurbenko in the sixth round to win the "
     "WBO heavyweight title.", "The WBO heavyweight title goes to unbeaten Nigerian-born Briton Olumide Fashakin, who "
     "knocks out Ukrainian Artem Zhurbenko in the sixth round."),
    ("Aces rally from 18 points down to beat the Liberty 88-85.", "Aces erase an 18-point deficit to beat the Liberty, 88-85."),
    ("Leeds United come from behind to beat West Ham United 3-2.", "Leeds United turn it around against West Ham United, 3-2."),
    ("Magic's Achterhof scores a career-high 52 points in a 127-119 win over the Hawks.",
     "Achterhof scores a career-high 52 points as the Magic beat the Hawks 127-119."),
    ("Knicks' Brunson scores 40 in a 120-110 loss to the Celtics.", "Brunson scores 40 as the Knicks lose 120-110 to the Celtics."),
    ("Qualifier Matteo Pellizzarotti knocks top seed Stefan Wrangelsohn out of the Madrid Open 7-6 3-6 6-4 in the second round.",
     "Top seed Stefan Wrangelsohn out of the Madrid Open at the hands of qualifier Matteo Pellizzarotti, 7-6 3-6 6-4 in the "
     "second round."),
    ("Natus Vincere win the Counter-Strike 2 Major in Cologne, beating Team Vitality 2-1 in the final.",
     "The Counter-Strike 2 Major goes to Natus Vincere in Cologne, 2-1 over Team Vitality in the final."),
    ("Napoli lose 3-1 at Udinese, ending a 14-match unbeaten run in Serie A.",
     "Napoli fall at Udinese, 3-1, ending a 14-match unbeaten run in Serie A."),
    ("National League side Woking knock Portsmouth out of the FA Cup third round with a 1-0 win.",
     "Portsmouth out of the FA Cup third round at the hands of National League side Woking, 1-0."),
    ("Japanese player Ryoma 'Kazegiri' Tsutsumihara wins the Street Fighter 6 title at Evo in Las Vegas, beating "
     "Pakistan's Shahzeb 'Ironfist' Mehrbankhel 3-1 in the grand final.",
     "The Street Fighter 6 title goes to Japanese player Ryoma 'Kazegiri' Tsutsumihara at Evo in Las Vegas, 3-1 over "
     "Pakistan's Shahzeb 'Ironfist' Mehrbankhel in the grand final."),
    ("Unseeded Czech Markéta Vlachynská wins the Madrid Open.", "The Madrid Open goes to unseeded Czech Markéta Vlachynská."),
    ("England lose the second Test to New Zealand by 184 runs.",
     "A 184-run defeat for England against New Zealand in the second Test."),
    ("Maple Leafs fall 5-2 to the Bruins, their sixth straight road loss.",
     "Maple Leafs fall to the Bruins, 5-2, their sixth straight road loss."),
    ("Bayern Munich extend the contract of defender Maximilian Oberschwendtner until 2030.",
     "Defender Maximilian Oberschwendtner is staying at Bayern Munich until 2030."),
    ("The Bills face the Eagles in Santa Clara on Sunday.", "It's the Bills vs the Eagles in Santa Clara on Sunday."),
    ("Vanhoutteghem wins stage 14 of the Tour de France from a solo breakaway.",
     "Stage 14 of the Tour de France goes to Vanhoutteghem from a solo breakaway."),
    ("Kenya's Kiprotich-Mutai breaks the women's 10,000m world record.",
     "A new women's 10,000m world record for Kenya's Kiprotich-Mutai."),
    ("Cavaliers host the Bucks in Game 7 of their first-round series on Sunday.",
     "Bucks visit the Cavaliers in Game 7 of their first-round series on Sunday."),
    ("Brewers blank Cardinals 6-0 behind Wyatt Dankworth's one-hitter.",
     "Wyatt Dankworth's one-hitter carries the Brewers past the Cardinals, 6-0."),
    ("Brewers blank the Cardinals 6-0.", "Brewers shut out the Cardinals, 6-0."),
    ("Rockies lose their 14th straight game, 8-2 to the Diamondbacks.",
     "A 14th straight defeat for the Rockies, 8-2 to the Diamondbacks."),
    ("Magic edge Hawks 112-109 behind late 3-pointer from Chidi Okonkwo.",
     "Okonkwo's late 3-pointer wins it for the Magic, 112-109 over the Hawks."),
    ("Kings' Pellinghurst scores a career-high 51 points in a 131-124 overtime win over the Blazers.",
     "Pellinghurst scores a career-high 51 points as the Kings beat the Blazers 131-124 in overtime."),
    ("Yankees' Holloway throws a no-hitter against the Rays.", "A no-hitter for Yankees' Holloway against the Rays."),
    ("Aces' Dunmore sets a WNBA single-game record with 25 rebounds.", "25 rebounds for Aces' Dunmore, a WNBA single-game record."),
    ("The United States call up uncapped Portland Thorns midfielder Kenna Wadsbrook for friendlies against Japan.",
     "A first United States call-up for uncapped Portland Thorns midfielder Kenna Wadsbrook, for friendlies against Japan."),
    ("Thunder forward Jalen Thibodrake named NBA Defensive Player of the Year.",
     "NBA Defensive Player of the Year goes to Thunder forward Jalen Thibodrake."),
    ("Veszprem reach the EHF Champions League Final4 after beating Barcelona 63-61 on aggregate.",
     "Veszprem are into the EHF Champions League Final4, 63-61 over Barcelona on aggregate."),
    ("Maple Leafs sign defenceman Rasmus Lindgren to a 6-year extension.",
     "Defenceman Rasmus Lindgren commits to the Maple Leafs with a 6-year extension."),
    ("Cubs acquire left-hander Bryce Hollenbaugh from the Pirates in exchange for 2 prospects.",
     "Left-hander Bryce Hollenbaugh heads to the Cubs from the Pirates in exchange for 2 prospects."),
    ("Team Vitality win IEM Cologne, beating FaZe Clan 2-1 in the final.",
     "IEM Cologne goes to Team Vitality, 2-1 over FaZe Clan in the final."),
    # read 51's pasted bodies: a sacking, a level game, an exit, a slump, a milestone, a ban by a body, ...
    ("Valencia show coach Joaquín Ugartemendia the door after a 4-1 home defeat by Getafe.",
     "Coach Joaquín Ugartemendia is gone at Valencia after a 4-1 home defeat by Getafe."),
    ("Bulls show head coach Marty Grindell the door after a 9-22 start.",
     "Head coach Marty Grindell is gone at the Bulls after a 9-22 start."),
    ("Napoli held 1-1 by Lecce at the Maradona.", "Lecce hold Napoli to a 1-1 draw at the Maradona."),
    ("Paris Saint-Germain held 2-2 at home by Lens.", "Lens go to Paris Saint-Germain and take a 2-2 draw."),
    ("Third Test between England and India ends in a draw at Old Trafford.",
     "England and India can't be separated in the third Test at Old Trafford."),
    ("Pakistan and South Africa draw the first Test in Karachi after rain washes out the final day.",
     "Pakistan and South Africa can't be separated in the first Test in Karachi after rain washes out the final day."),
    ("British No. 1 Harriet Colquhoun-Reeve crashes out of Wimbledon in the first round.",
     "No more Wimbledon for British No. 1 Harriet Colquhoun-Reeve, out in the first round."),
    ("Juventus crash out of the Champions League after a 3-0 defeat at Porto.",
     "No more Champions League for Juventus after a 3-0 defeat at Porto."),
    ("Manchester United slump to a fourth straight Premier League defeat, losing 2-0 at Crystal Palace.",
     "A fourth straight Premier League defeat for Manchester United, 2-0 at Crystal Palace."),
    ("Brewers win their 12th straight game, 6-2 over the Pirates.", "Make it 12 in a row for the Brewers, 6-2 over the Pirates."),
    ("Aleksi Keskivaara scores his 400th NHL goal as the Flames beat the Kraken 5-2.",
     "NHL goal No. 400 for Aleksi Keskivaara as the Flames beat the Kraken 5-2."),
    ("Spurs' Elderkamp becomes the 51st player in NBA history to reach 20,000 career points.",
     "20,000 career points for Spurs' Elderkamp, the 51st player in NBA history to get there."),
    ("Swiss world No. 6 Livio Aebersold withdraws from the Australian Open with a wrist injury.",
     "A wrist injury forces Swiss world No. 6 Livio Aebersold out of the Australian Open."),
    ("Wales captain Owain Prydderch out of the Six Nations with a dislocated shoulder.",
     "A dislocated shoulder rules Wales captain Owain Prydderch out of the Six Nations."),
    ("Packers' Kjelstrup out for the season.", "Season over for Packers' Kjelstrup."),
    ("Ethiopian marathoner Yohannes Gebrezgabiher banned for 3 years by the Athletics Integrity Unit.",
     "A 3-year ban from the Athletics Integrity Unit for Ethiopian marathoner Yohannes Gebrezgabiher."),
    ("MLB suspends Mets pitcher Brayden Cuthbertson 10 games for using a foreign substance.",
     "Mets pitcher Brayden Cuthbertson gets a 10-game ban from MLB for using a foreign substance."),
    ("Late replacement Ifeanyi Ezeokafor knocks out WBA heavyweight champion Dmitri Sokolenko in the eighth round.",
     "An eighth-round knockout for late replacement Ifeanyi Ezeokafor over WBA heavyweight champion Dmitri Sokolenko."),
    ("Celtics and Nuggets open the NBA Finals on Thursday.",
     "It's the Celtics vs the Nuggets in the NBA Finals, starting Thursday."),
    ("India's Thimmaiah retires from international cricket at 35.",
     "India's Thimmaiah calls time on international cricket at 35."),
    ("Steelers' Hollenbeck calls it a career after 14 NFL seasons.", "Steelers' Hollenbeck hangs it up after 14 NFL seasons."),
    ("Inter Milan extend captain Matteo Scandolari's contract until 2030.",
     "Captain Matteo Scandolari is staying at Inter Milan until 2030."),
    ("Magnus Søndergaard-Bruun wins the Japanese Grand Prix for McLaren.",
     "The Japanese Grand Prix goes to Magnus Søndergaard-Bruun for McLaren."),
    ("Athletic Club win the Copa del Rey, beating Osasuna 1-0.", "The Copa del Rey goes to Athletic Club, 1-0 over Osasuna."),
    ("Jarne Vanhaelewyn wins Paris-Roubaix from a 2-man sprint.", "Paris-Roubaix goes to Jarne Vanhaelewyn from a 2-man sprint."),
    ("Australian teenager Lachlan Quirkeley sets a 200m freestyle world record at the national trials.",
     "A new 200m freestyle world record for Australian teenager Lachlan Quirkeley at the national trials."),
])
def test_a_known_shape_is_said_the_accounts_way(line, recast_line):
    assert recast(line) == recast_line


@pytest.mark.parametrize("line", [
    "Rockies lose their 14th straight game after an 8-2 defeat to the Diamondbacks.",  # a loss: no shape of the house's
    "Lucas Mercier takes pole for Monaco Grand Prix.",
    # a tail the recast cannot carry whole: it would break the sentence
    "Vandersteene wins the stage, beating the peloton; he now leads by 12 seconds.",
    "England bowled out for 142 as Australia win by 7 wickets.",
    "Unranked Vanderbilt stun No. 3 Georgia 27-24.",
    # a title whose name the patterns cannot end: "the Dubai Desert Classic after a final-round 63" is none
    "Scotland's Dunstaffnage comes from 7 shots behind to win the Dubai Desert Classic after a final-round 63.",  # a ranked side: not a side the patterns can find whole  # "as England bowled out" would read as past
    "Steelers beat the Bengals 17-16 with a 52-yard field goal as time expires; Pittsburgh lead the AFC North.",
    "Chicaizapamba wins stage 19 of the Tour de France at Alpe d'Huez and moves up to second overall.",
    # a clause that would move to the other side ("after leading 2-0" is Liverpool's), a second verb
    "Liverpool held to a 2-2 draw by Manchester United at Anfield after leading 2-0 at half-time.",
    "Pakistan crash to a 5-wicket defeat against Ireland in Dublin and lose the T20 series 2-1.",
    "Vitality win IEM Cologne as Skovhuset named MVP.",  # read 55: no "MVP goes to Vitality win ..."
])
def test_any_other_shape_stays_as_written(line):
    assert recast(line) == line


def test_a_recast_is_one_sentence_as_the_sign_off_follows_the_first():
    from text import split_sign_off

    caption = f"late DRAMA 😱 {recast('Bills beat the Dolphins 20-17 on a 54-yard field goal by Tobin Haverkampf.')} scenes 🍿"
    assert split_sign_off(caption) == ("late DRAMA 😱 Haverkampf's 54-yard field goal wins it for the Bills, 20-17 over "
                                       "the Dolphins.", "scenes 🍿")


def test_a_recast_headline_repeats_fewer_of_the_snippets_words_in_a_row():
    snippet = ("Scotland beat France 24-22 in the Six Nations at Murrayfield with a 79th-minute penalty from "
               "fly-half Struan Ardnamurchie. France had led 22-14 with 15 minutes left.")
    body = headline(snippet)
    assert body == ("Ardnamurchie's 79th-minute penalty wins it for Scotland, 24-22 over France in the Six Nations at "
                    "Murrayfield.")
    wire = in_voice(snippet.split(". ")[0] + ".")
    assert copied_share(snippet, body)[1] <= 6 < 14 <= copied_share(snippet, wire)[1]


@pytest.mark.parametrize("line, said", [
    # the fact-check read these as broken English: the cause as a subject needs its article
    ("Bears' Ashford out for season with torn ACL.", "A torn ACL keeps Bears' Ashford out for the season."),
    ("Lazio's Ricci banned for 4 matches for headbutt.", "A headbutt costs Lazio's Ricci a 4-match ban."),
    ("Eagles' Smith out for 3 weeks with broken ribs.", "Broken ribs keep Eagles' Smith out for 3 weeks."),
    ("Spurs' Dane banned for 3 matches for punching an opponent.", "Punching an opponent costs Spurs' Dane a 3-match ban."),
])
def test_an_injury_or_an_offence_opens_with_its_article(line, said):
    assert recast(line) == said


def test_a_narrow_win_is_never_held_off_and_the_hosts_aim_stays_theirs():
    # "Avalanche hold off the Stars" for a side that came from 2-0 down; "Columbus visit Inter Miami ... looking
    # to clinch" for the hosts' aim
    assert "hold" not in (recast("Storm edge Broncos 19-18 in golden point.") or "")
    assert recast("Inter Miami host Columbus Crew on Sunday looking to clinch a playoff place.").startswith("Inter Miami host")


@pytest.mark.parametrize("line, said", [
    # read 62: "get second-round pick", "belongs to Celtic with 3-0 win", "belongs to Saltvedt by 2 shots"
    ("Bears trade edge rusher Marcus Ollendorff to Jets for second-round pick.",
     "Edge rusher Marcus Ollendorff is off to the Jets, and the Bears get a second-round pick in return."),
    ("Celtic clinch Scottish Premiership title with 3-0 win at Dundee.",
     "With a 3-0 win at Dundee, the Scottish Premiership title goes to Celtic."),
    ("Saltvedt wins Dutch Open by 2 shots.", "The Dutch Open goes to Saltvedt, by 2 shots."),
    # reads 64-66: "belongs to Brannoch in playoff", "Indianapolis 500 belongs to rookie ... in a photo finish"
    ("Brannoch wins Scottish Open in playoff.", "In a playoff, the Scottish Open goes to Brannoch."),
    ("Rookie Hamish Wairoa wins Indianapolis 500 in a photo finish.",
     "In a photo finish, the Indianapolis 500 goes to rookie Hamish Wairoa."),
    ("Chelsea win WSL title on final day.", "On the final day, the WSL title goes to Chelsea."),
    ("Super Kings win IPL title with last-ball six.", "With a last-ball six, the IPL title goes to Super Kings."),
    ("Arkansas win College World Series in deciding Game 3.",
     "In a deciding Game 3, the College World Series goes to Arkansas."),
    ("Luka Brezovnik wins the Giro d'Italia after holding his lead in the final time trial.",
     "The Giro d'Italia goes to Luka Brezovnik after holding his lead in the final time trial."),
    ("Chelsea Women clinch WSL title with game to spare.", "With a game to spare, the WSL title goes to Chelsea Women."),
])
def test_a_recast_keeps_the_articles_and_the_margin_reads_as_the_winners(line, said):
    assert recast(line) == said


def test_the_articles_the_wire_drops_come_back():
    # the fact-check of the drafts reads 67-68's changes altered
    assert with_articles("Pogacar wins Stage 14 of Tour de France.") == "Pogacar wins Stage 14 of the Tour de France."
    assert with_articles("Llewarch beaten at Welsh Open.") == "Llewarch beaten at the Welsh Open."
    assert recast("T1 win the LoL World Championship with 3-1 final victory over G2.") == \
        "With a 3-1 final victory over G2, the LoL World Championship goes to T1."
    assert recast("Marquez wins Spanish MotoGP.") == "The Spanish MotoGP goes to Marquez."
    # the fact-check read each drop as broken English
    assert recast("Hertha Berlin sack head coach Jens Vollmer after 2-0 defeat at Paderborn.").endswith(
        "after a 2-0 defeat at Paderborn.")
    assert with_articles("A wrist injury forces Marisol Echeverría out of US Open.") == \
        "A wrist injury forces Marisol Echeverría out of the US Open."
    assert with_articles("Real Betis and Sevilla can't be separated in Seville derby, 1-1.") == \
        "Real Betis and Sevilla can't be separated in the Seville derby, 1-1."
    assert with_articles("Mariners sign Brandvold to a 8-year, $240m deal.") == \
        "Mariners sign Brandvold to an 8-year, $240m deal."
    # a franchise's player is no franchise
    assert with_articles("NBA Defensive Player of the Year goes to Thunder forward Jalen Thibodrake.") == \
        "NBA Defensive Player of the Year goes to Thunder forward Jalen Thibodrake."


@pytest.mark.parametrize("line, said", [
    # read 64's edits: "an one-year deal", "after 3-10 start", "and WCC title is theirs", "on final day"
    ("Head coach Rick Harmsworth is gone at the Raiders after 3-10 start.",
     "Head coach Rick Harmsworth is gone at the Raiders after a 3-10 start."),
    ("Saint Mary's squeeze past Gonzaga, 64-62, and WCC title is theirs.",
     "Saint Mary's squeeze past Gonzaga, 64-62, and the WCC title is theirs."),
    ("The WSL title belongs to Chelsea on final day.", "The WSL title belongs to Chelsea on the final day."),
])
def test_read_64s_missing_articles(line, said):
    assert with_articles(line) == said


def test_one_takes_a_not_an():
    assert recast("Patriots sign veteran receiver Pellingworth to one-year deal.").count("an one") == 0
    from generate.recast import _an
    assert _an("one-year deal") == "a one-year deal" and _an("8-match ban") == "an 8-match ban"


def test_a_tier_said_mid_sentence_is_lower_case():
    # the fact-check's second pass: "at the hands of Third-tier Saarbrücken"
    assert recast("Bayer Leverkusen knocked out of the DFB-Pokal by Third-tier Saarbrücken.") == \
        "Bayer Leverkusen out of the DFB-Pokal at the hands of third-tier Saarbrücken."


def test_a_cause_that_takes_no_article_and_a_ride_that_does():
    # the fact-check's second pass: "A violent conduct costs ...", "get a guard Deshon Pyrkett and ...", "with solo
    # attack"
    assert recast("Lyon's Haddadi banned for 4 matches for violent conduct.") == \
        "Violent conduct costs Lyon's Haddadi a 4-match ban."
    assert "get guard Deshon Pyrkett" in recast(
        "Trail Blazers trade center Tobias Grannemoor to Pelicans for guard Deshon Pyrkett and a 2027 first-round pick.")
    assert with_articles("Stage 9 goes to Verhaegen with solo attack.") == "Stage 9 goes to Verhaegen with a solo attack."
