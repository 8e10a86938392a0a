"""The headline in the account's voice (generate/voice.py): tighter, never a fact less or a fact wrong."""

from __future__ import annotations

import pytest

from generate.guards import check_facts, meaning_issues
from generate.voice import in_voice


@pytest.mark.parametrize("line, voiced", [
    ("Milwaukee Brewers right-hander Colby Vanderhoek throws a no-hitter against the St. Louis Cardinals.",
     "Brewers' Vanderhoek throws a no-hitter against the Cardinals."),
    ("Scotland flanker Ruaridh Galbraith banned for four weeks for a high tackle.",
     "Scotland's Galbraith banned for 4 weeks for a high tackle."),
    ("Canadian Noah Brisebois beats Norway's Sindre Aasheim 6-4, 7-5 to win the Paris Masters.",
     "Brisebois beats Norway's Aasheim 6-4, 7-5 to win the Paris Masters."),
    ("Dutchman Sem Verbruggen wins the PDC World Darts Championship at Alexandra Palace.",
     "Verbruggen wins the PDC World Darts Championship."),
    ("All Blacks lock Tane Whakarongo retires from international rugby.",
     "All Blacks' Whakarongo retires from international rugby."),  # read 49: not "Blacks' Whakarongo"
    # read 47: an event named for its links is no team ("the Links"); retiring from Test rugby ends no career
    ("Scotland's Fraser Kinnimonth wins the Dunhill Links by three shots at St Andrews.",
     "Scotland's Kinnimonth wins the Dunhill Links by 3 shots at St Andrews."),
    ("Wales' Huw Prosser-Llewellyn retires from international rugby after 118 caps.",
     "Wales' Huw Prosser-Llewellyn retires from international rugby after 118 caps."),
    ("New Jersey Devils sign centre Mikael Aspelund to an eight-year, $84 million contract extension.",
     "Devils sign centre Mikael Aspelund to an 8-year, $84M contract extension."),
    # read 31's pasted bodies: a franchise's city, a stadium mid-sentence, a closing city, "is banned",
    # a demonym with a role, money spelt out, an age after the name
    ("Toronto Blue Jays lose 11-2 to the Boston Red Sox at Fenway Park, their eighth straight defeat.",
     "Blue Jays lose 11-2 to the Red Sox, their eighth straight defeat."),
    ("Leinster beat Munster 29-13 at the Aviva Stadium in the United Rugby Championship.",
     "Leinster beat Munster 29-13 in the United Rugby Championship."),
    ("Afghanistan beat Australia by 21 runs in a Champions Trophy group match in Lahore.",
     "Afghanistan beat Australia by 21 runs in a Champions Trophy group match."),
    ("Spanish midfielder Iker Zubelardia is banned for six matches for pushing a referee.",
     "Spain's Zubelardia banned for 6 matches for pushing a referee."),
    ("Golden State Warriors agree a four-year, 148 million-dollar contract extension with Marcus Delavanty.",
     "Warriors agree a 4-year, $148M contract extension with Marcus Delavanty."),
    ("Jamaican sprinter Orlando Brackenthwaite, 20, wins the men's 100 metres in 9.86 seconds.",
     "Jamaica's Brackenthwaite, 20, wins the men's 100 metres in 9.86 seconds."),
    ("The New York Yankees agree a nine-year, $315 million contract with shortstop Rafael Estivanor.",
     "Yankees agree a 9-year, $315M contract with shortstop Rafael Estivanor."),
    # a count in digits, a name after a side's by surname (read 32)
    ("Lazio's Nicolo Barbagianni is banned for four matches for elbowing Roma's Lorenzo Pellegrini.",
     "Lazio's Barbagianni banned for 4 matches for elbowing Roma's Pellegrini."),
    ("Marseille appoint Duarte Faramelho on a two-year contract as one of three new coaches.",
     "Marseille appoint Duarte Faramelho on a 2-year contract as one of 3 new coaches."),
    ("St Helens sign Tongan prop Sione Vakalahifo from the Canterbury-Bankstown Bulldogs.",  # "Helens": no one's
     "St Helens land Tongan prop Sione Vakalahifo from the Bulldogs."),
    ("Bayern Munich sign Felix Grundtmoser from Red Bull Salzburg for 38 million euros.",
     "Bayern Munich land Felix Grundtmoser from Red Bull Salzburg for €38M."),
    # the wire's verbs the account's way (the seed set's "show Blanchard the door")
    ("Fiorentina sack coach Massimo Trapanelli a day after a 4-0 home defeat by Bologna.",
     "Fiorentina show coach Massimo Trapanelli the door a day after a 4-0 home defeat by Bologna."),
    ("Mainz sack Kleinhuebscher.", "Mainz show Kleinhuebscher the door."),  # read 39: "Mainz show Kleinhuebscher."
    ("Berrizabal retires at 34 after a first-round defeat at the Argentina Open.",
     "Berrizabal calls it a career at 34 after a first-round defeat at the Argentina Open."),
    ("Brizuela retires injured in Rome first round.", "Brizuela retires injured in Rome first round."),  # a match given up
    ("Hornets trade forward Kessler Ambrowitz to the Heat for guard Tavion Rutherbeck.",
     "Hornets ship forward Kessler Ambrowitz to the Heat for guard Tavion Rutherbeck."),
    ("Welsh snooker player Gethin Maddrell makes a 147 in the first round.", "Wales' Maddrell makes a 147 in the first round."),
    ("West Indies fast bowler Jadeon Cuffington takes his 300th Test wicket.",
     "West Indies' Cuffington takes his 300th Test wicket."),  # read 35: "Indies' Cuffington"
    ("UFC flyweight Kaito Umezawara knocks out Brazil's Renan Fagundolli in 38 seconds.",
     "UFC's Umezawara knocks out Brazil's Fagundolli in 38 seconds."),
    ("Scottish cyclist Ewan Tullochrane is ruled out of the Giro d'Italia with a broken collarbone.",
     "Scotland's Tullochrane out of the Giro d'Italia with a broken collarbone."),
    ("Aston Villa beat Tottenham Hotspur 2-1 with a stoppage-time winner at Villa Park.",
     "Aston Villa beat Tottenham Hotspur 2-1 with a stoppage-time winner."),
    ("Czech Barbora Koutná wins the Miami Open with a 6-3, 2-6, 6-4 victory over American Jordyn Hargrave.",
     "Koutná wins the Miami Open, 6-3, 2-6, 6-4 over American Jordyn Hargrave."),
])
def test_a_headline_is_said_as_an_editor_would(line, voiced):
    assert in_voice(line) == voiced


@pytest.mark.parametrize("line", [
    "South Korea's Yoon Ha-rin wins the Women's PGA Championship by 2 strokes.",  # a country's, kept; family first
    "Tobi Adeyanju stops American Curtis Hollingshed in the ninth round.",  # Curtis is no nickname
    "Turkish team Istanbul Wildcats win Valorant Champions.",  # no nickname in "Champions"
    "Three-time Grand Slam champion Greta Vollmerhausen of Germany will retire after the WTA Finals.",
    "Russian UFC lightweight Ruslan Temirkhanov banned for 18 months after a positive test.",
    "British wildcard Imogen Tallis stuns top seed Zofia Wierzbicka in the first round at Wimbledon.",
    "Wales captain Owain Prydderch out of the Six Nations with a dislocated shoulder.",  # the captain stays one
    "Uncapped Leicester Tigers flanker Josh Penwarden called up to the England squad.",  # uncapped is the news
    "Sbaraglini will retire after the Paris Masters in November.",  # a month is no city
    "Qureshani takes 7 for 39 as England are bowled out for 168.",  # a later clause keeps its verb
    # read 37: no first name after an owner that is no side, nor a people's word
    "England call up uncapped keeper Freya Tuckerwell for Women's Nations League matches against Spain.",
    "Top seed Oleksandra Hrytsenkivna meets Delaney Crobarger in Saturday's Australian Open women's final.",
    "Koerstanje retires at 29 after a career that brought Olympic gold.",  # no "career" said twice
    "Jets sign goaltender Aleksi Vuorenmaa to a 8-year, $76M contract extension.",  # no transfer: no "land"
    "Poland beat Brazil 3-1 in the Nations League final in Japan.",  # nor a country
    "Kenya's Wambui wins the 10,000 metres in Europe.",  # nor a continent
    "England are 10 points clear of France in the Six Nations.",  # "are" before no participle
    "Ireland's Six Nations campaign ends in Paris on Saturday.",  # no first name: "Six" is a word
    "Tokyo's Grand Prix Final returns after one year.",  # nor "Grand", and never "one"
])
def test_what_the_rules_do_not_recognise_stays_as_written(line):
    assert in_voice(line) == line


def test_the_voiced_headline_keeps_the_facts_of_the_one_written():
    snippet = ("Milwaukee Brewers right-hander Colby Vanderhoek throws a no-hitter against the St. Louis Cardinals. "
               "The 27-year-old struck out 12 in a 5-0 win at American Family Field.")
    caption = f"untouchable 🔒 {in_voice(snippet.split('. ')[0] + '.')} movie ending 🎬"
    check = check_facts(snippet, caption)
    assert not check.invented_names and not check.invented_numbers and not meaning_issues(snippet, caption)
    assert not check.missing_names  # it states the headline, as the house says it


def test_a_team_keeps_its_city_unless_the_line_speaks_of_teams_the_american_way():
    assert in_voice("Wigan Warriors beat St Helens 22-10 in the Super League Grand Final.") == (
        "Wigan Warriors beat St Helens 22-10 in the Super League Grand Final.")  # "Warriors" alone is no one's
    assert in_voice("Buffalo Bills rout the New York Jets 44-6.") == "Bills rout the Jets 44-6."


def test_a_british_player_is_britains_which_the_fact_check_accepts():
    snippet = ("British heavyweight Nathaniel Brisgrove announces his retirement at 36 after 31 professional fights. "
               "The former WBO champion won 28 bouts.")
    line = in_voice(snippet.split(". ")[0] + ".")
    assert line == "Britain's Brisgrove calls it a career at 36 after 31 professional fights."
    assert not check_facts(snippet, line).invented_names  # "Great Britain's" was: "Britain" read as invented


def test_a_thai_golfer_is_said_by_name():
    # the fact-check: "Thai's Srisuwan"
    assert "Thai's" not in in_voice("Thai golfer Pornanong Srisuwan equals the LPGA Tour scoring record.")
