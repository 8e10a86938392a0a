"""What a fact-check of all 1,560 fresh drafts found wrong, each fixed where it belongs."""

from __future__ import annotations

import pytest

from generate.closers import fits
from generate.guards.facts import check_facts
from generate.guards.meaning import result_of
from generate.headlines import voiced_headline
from generate.kinds import TRIUMPH, kind_of
from generate.recast import recast
from generate.situations import situation_of
from generate.voice import in_voice

ELIMINATED = ("T1 eliminated from League of Legends World Championship in quarter-finals. The South Korean side lost "
              "3-1 to China's Bilibili Gaming at the Accor Arena in Paris.")


def test_a_side_eliminated_from_a_tournament_lost():
    """"this team is for real 🔥" on T1's quarter-final exit: "eliminated from" was read as T1 eliminating."""
    assert result_of(ELIMINATED).winners == frozenset()
    assert kind_of(ELIMINATED) == "loss"
    assert not fits(ELIMINATED, "", "this team is for real 🔥")


def test_a_record_set_is_a_feat_whatever_its_lead_says_is_to_come():
    """"mark your calendars 🗓️ ... who you got??" on a world record already set."""
    record = ("Australian Isla Fenwick sets 200m freestyle world record at national trials. Fenwick touched in 1:52.18 "
              "in Brisbane. The 19-year-old will swim four events at this summer's world championships.")
    assert kind_of(record) == TRIUMPH


def test_a_test_career_ended_keeps_its_career():
    """"Australia's Henskell walks away from test." dropped the word that made it parse."""
    assert "walks away from test." not in recast("Australian opener Bradley Henskell calls time on test career.")
    assert recast("Wales lock Owain Prydderch calls time on rugby career.").endswith("walks away from rugby.")


def test_a_takeover_agreed_is_no_done_deal():
    """"DONE DEAL ✍️" on a club's sale agreed, the takeover still to complete."""
    sale = ("Bristol City agree sale to US consortium. Championship side Bristol City have agreed a takeover by an "
            "American investment group, in a deal understood to be worth around £120m.")
    assert situation_of(sale).name == "takeover"
    assert "DONE DEAL ✍️" not in situation_of(sale).hooks


def test_a_player_of_three_names_goes_by_the_one_the_lead_calls_them():
    """"Colombia's Mora" for Sebastián Cárdenas Mora, whom the lead calls Cárdenas: Mora is a second surname."""
    snippet = ("Colombian climber Sebastián Cárdenas Mora abandons Giro d'Italia after crash. Cárdenas, who was sixth "
               "overall, fractured his left collarbone on a descent 40 kilometres from the end of stage 7.")
    assert voiced_headline(snippet) == "Colombia's Cárdenas abandons Giro d'Italia after crash."


@pytest.mark.parametrize("snippet, closer", [
    ("Dutch thrower Niels Oosterwijk wins Premier League Darts final 11-8 against Callum McArdle. "
     "Oosterwijk averaged 104.2 at the O2 in London to claim the £275,000 first prize.",
     "history made 📜"),  # F2-33
    ("Dutchman hits nine-darter in Premier League win. Rik Velthuyzen of the Netherlands threw a nine-dart "
     "finish on his way to a 6-3 win over Englishman Gary Pembleton in the Premier League Darts in Glasgow "
     "on Thursday, the first nine-darter of his career, before losing the night's final 6-5 to Welshman "
     "Owain Glanmorfa.",
     "history made 📜"),  # F36-21
    ("Ajax sixteen-year-old scores on debut in rout of Heerenveen. Forward Daan Oudenhoeve, 16, scored 10 "
     "minutes after coming off the bench as Ajax thrashed Heerenveen 5-0 at the Johan Cruyff Arena on "
     "Sunday, becoming the club's youngest Eredivisie scorer.",
     "legend behaviour 👑"),  # F37-36
    ("Teenager stuns top seed in Madrid. Czech qualifier Alena Kostrbova, 17, beat top seed Marta "
     "Wittelsbrand 6-4 3-6 7-5 in the second round of the Madrid Open on Thursday, the biggest win of her "
     "career.",
     "QUEEN of the sport 👑"),  # F39-08
    ("Villa midfielder's stoppage-time strike stuns Arsenal. Midfielder Callum Drevenhart fired in a "
     "94th-minute winner as Aston Villa beat Arsenal 2-1 at Villa Park on Sunday, ending the visitors' "
     "nine-match unbeaten run in the Premier League.",
     "unbeatable"),  # F38-01
    ("Jamaica's Shanice Blackwood-Ferris wins the women's 400m hurdles at the World Championships in a "
     "personal best of 52.04. The 24-year-old held off American Kiara Dunsmore on the home straight in "
     "Tokyo to win by 0.11 seconds. It is her first global title after finishing fourth at last year's "
     "Olympics.",
     "home queen 👑"),  # F11-16
    ("Irish-trained Copper Lantern wins the Cheltenham Gold Cup at 16-1. Jockey Darragh Keane brought the "
     "eight-year-old home four lengths clear of favourite Northern Vale on Friday, giving trainer Siobhán "
     "Costello her first Gold Cup. The favourite had led until the second-last fence.",
     "home queen 👑"),  # F5-40
    ("Mexican boxer Raul Escanderoz knocks out Jermaine Whitlock-Obi in the seventh round to win the WBC "
     "super-featherweight title in Las Vegas. The 26-year-old dropped his opponent twice at T-Mobile "
     "Arena. He improves to 24-0 with 18 knockouts.",
     "redemption 🥹"),  # F13-14
    ("Welshman stops champion in eighth to take world title. Welsh challenger Rhys Cadwgarth stopped "
     "Mexican champion Arturo Valdecillo in the eighth round to win the WBO super-featherweight title in "
     "Cardiff on Saturday, remaining unbeaten in 19 professional fights.",
     "DYNASTY 👑"),  # F36-19
    ("Columbus Crew win MLS Cup with a 2-1 victory over the LA Galaxy at Lower.com Field. Colombian "
     "forward Sebastián Arbeláez-Quiroz scored the winner in the 77th minute. It is the third MLS Cup "
     "title in Columbus's history.",
     "dynasty stuff 👑"),  # F12-34
    ("Real Madrid land Portuguese winger for reported 90 million euros. Real Madrid have signed Benfica "
     "winger Tiago Azevinhal on a six-year contract for a reported fee of 90 million euros, the Spanish "
     "champions announced on Thursday.",
     "big appointment 🇪🇸"),  # F40-27
    ("Cadwgarth stops champion in eighth to take world title. The win in the eighth round sets a Welsh record.",
     "DYNASTY 👑"),  # an eighth round is no eighth title
    ("Italy's Gianluca Sormani wins the Australian Open men's title with a 6-3, 7-6, 6-4 victory over "
     "Germany's Konrad Wessendorf. The world number one did not face a break point in the final at Rod "
     "Laver Arena. Wessendorf, 21, was playing in his first Grand Slam final.",
     "the kid is cooking 🔥"),  # F12-40
    ("McLaren driver Oscar Piastri wins the Japanese Grand Prix at Suzuka ahead of Ferrari's Charles "
     "Leclerc. Reserve driver Mattias Quennerholt, 20, finished 11th on his debut for Williams, missing a "
     "point by 1.4 seconds. Piastri led 51 of the 53 laps.",
     "not bad for the reserve 😤"),  # F13-08
    ("Mercedes confirm 18-year-old Italian Andrea Kimi Antonelli will be partnered by George Russell again "
     "next season. Team principal Toto Wolff also announced reserve driver Lukas Fernbauwitz, 19, will "
     "drive in four Friday practice sessions. Russell is fourth in the drivers' standings.",
     "the dream move for the kid 😳"),  # F13-37
])
def test_a_sign_off_claims_nothing_the_story_does_not(snippet, closer):
    assert not fits(snippet, "", closer)


def test_the_claims_still_fit_where_the_story_bears_them_out():
    assert fits("Leo Reyes wins a record fifth Open title.", "", "DYNASTY 👑")
    assert fits("Kipchoge becomes the first man to run a marathon in under two hours.", "", "history made 📜")
    assert fits("Brazil's Joao Fonseca wins the Rio Open. Fonseca, 18, beat the top seed.", "", "the kid is cooking 🔥")
    assert fits("Kenya's Faith Chepkoech breaks the women's 5,000m world record in Oslo.", "", "QUEEN of the sport 👑")
    assert fits("Lyon appoint Hennie du Plooy as head coach on a three-year deal.", "", "big appointment 👀")


def test_an_events_name_after_an_owner_is_no_persons():
    """"to win netball's Cup 3-1": "Constellation Cup" was told by its "surname"."""
    line = "Australia beat New Zealand 56-55 in the fourth match to win netball's Constellation Cup 3-1."
    assert in_voice(line) == line
    assert in_voice("Brazil's Renan Fagundolli scores twice.") == "Brazil's Fagundolli scores twice."


def test_a_skier_is_no_team():
    assert not fits("Swiss skier Nils Gwerderbach wins the Hahnenkamm downhill in Kitzbuehel by 0.12 seconds. It is his "
                    "first World Cup victory.", "", "this team is for real 🔥")


@pytest.mark.parametrize("snippet, closer", [
    # the fact-check of the drafts this session changed: what the sign-offs that replaced the refused ones claimed
    ("Ethiopian Abdisa Tolessafeyi wins the Chicago Marathon in 2 hours 4 minutes 17 seconds. The 26-year-old broke "
     "away at 35 kilometres. It is his first major marathon title.", "longevity KING 👑"),  # "at 35 kilometres" is no age
    ("Trenwith stops Addo-Ferris to claim British title. Rhodri Trenwith forced a ninth-round stoppage in Cardiff to "
     "win the vacant belt.", "absolute CINEMA 🎬"),  # a fight's stoppage is no stoppage time
    ("Midfielder Callum Drevenhart fired in a 94th-minute winner as Aston Villa beat Arsenal 2-1, ending the visitors' "
     "nine-match unbeaten run in the Premier League.", "club LEGEND 🫡"),  # an unbeaten run ended is the other side's
    ("Brazil's Rafael Cunha submits Dmitri Volkov in first round at UFC Fight Night in Las Vegas. It was his fifth "
     "consecutive win.", "iron man behaviour 😭"),  # a win streak is no iron man's run of games
    ("Brighton midfielder Alfie Stonebridge handed a first England call-up for the World Cup qualifiers against Serbia "
     "and Latvia.", "history made 📜"),  # one player's first is no history
    ("Bayern Munich thrash Heidenheim 7-0. Valentin Gstöttner scored four times in the first 52 minutes.",
     "history made 📜"),
    ("Brighton teenager Harvey Wrathall receives a first England call-up. He is the youngest player in the squad.",
     "history made 📜"),  # the squad's youngest is no one's history either
])
def test_a_replacement_sign_off_claims_nothing_either(snippet, closer):
    assert not fits(snippet, "", closer)


def test_a_count_joined_to_what_it_counts_must_count_that():
    """"a 31-game loss" for 31 points in one game (a model's fact line the guards passed)."""
    snippet = ("Celtics fall 118-109 to Heat despite 31 from Marcus Delacroix-Boone Boston have now lost four of their last "
               "five games.")
    assert "31-game" in check_facts(snippet, "Celtics fall 118-109 💔 a 31-game loss. back to it").invented_numbers
    assert check_facts("Mariners sign Eli Brandvold to an eight-year, $240m deal.",
                       "Mariners sign Brandvold to an 8-year, $240m deal.").invented_numbers == []
    assert check_facts("Tom scored 31 points in a 100-90 win.", "Tom drops a 31-point game").invented_numbers == []


def test_a_one_letter_word_is_no_surname():
    """"pure finisher 🎯" after "Torino take down Lazio in Serie A, 3-1.": "Serie A" passed for a person the head named."""
    snippet = ("Torino beat Lazio 3-1 in Serie A. Striker Matteo Brancaleoni, 24, scored twice before Dario Zuccaro added a "
               "stoppage-time third.")
    assert not fits(snippet, "job DONE 😤 Torino take down Lazio in Serie A, 3-1.", "pure finisher 🎯")
    assert fits(snippet, "job DONE 😤 Torino take down Lazio in Serie A, 3-1, as Brancaleoni scores twice.",
                "pure finisher 🎯")
