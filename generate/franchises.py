"""North American franchises, city and nickname: a social account calls them by nickname alone.

"Toronto Blue Jays lose 11-2 to the Boston Red Sox" reads as wire copy; "Blue Jays lose 11-2 to the Red
Sox" as the account. Only these leagues' teams go so: a nickname elsewhere is not a team's name by itself
(read 29: "Warriors" for Wigan, "Indians" for Mumbai), so the voice shortens only a full name listed here,
and not one whose nickname reads as a word before a verb ("Sun sign").
"""

from __future__ import annotations

import re

# city: its franchises' nicknames, "|"-separated (NFL, NBA, WNBA, MLB, NHL)
_BY_CITY = {
    "Arizona": "Cardinals|Diamondbacks|Coyotes", "Atlanta": "Falcons|Hawks|Braves",
    "Baltimore": "Ravens|Orioles", "Boston": "Celtics|Red Sox|Bruins", "Brooklyn": "Nets",
    "Buffalo": "Bills|Sabres", "Calgary": "Flames", "Carolina": "Panthers|Hurricanes", "Charlotte": "Hornets",
    "Chicago": "Bears|Bulls|Cubs|White Sox|Blackhawks", "Cincinnati": "Bengals|Reds",
    "Cleveland": "Browns|Cavaliers|Guardians", "Colorado": "Rockies|Avalanche",
    "Dallas": "Cowboys|Mavericks|Stars", "Denver": "Broncos|Nuggets",
    "Detroit": "Lions|Pistons|Tigers|Red Wings", "Edmonton": "Oilers", "Florida": "Panthers",
    "Golden State": "Warriors|Valkyries", "Green Bay": "Packers", "Houston": "Texans|Rockets|Astros",
    "Indiana": "Pacers|Fever", "Indianapolis": "Colts", "Jacksonville": "Jaguars",
    "Kansas City": "Chiefs|Royals", "Las Vegas": "Raiders|Aces|Golden Knights", "Vegas": "Golden Knights",
    "Los Angeles": "Rams|Chargers|Lakers|Clippers|Sparks|Dodgers|Angels|Kings", "LA": "Lakers|Clippers|Sparks",
    "Memphis": "Grizzlies", "Miami": "Dolphins|Heat|Marlins", "Milwaukee": "Bucks|Brewers",
    "Minnesota": "Vikings|Timberwolves|Lynx|Twins|Wild", "Montreal": "Canadiens", "Nashville": "Predators",
    "New England": "Patriots", "New Jersey": "Devils", "New Orleans": "Saints|Pelicans",
    "New York": "Giants|Jets|Knicks|Liberty|Yankees|Mets|Rangers|Islanders", "Oakland": "Athletics",
    "Oklahoma City": "Thunder", "Orlando": "Magic", "Ottawa": "Senators",
    "Philadelphia": "Eagles|76ers|Phillies|Flyers", "Phoenix": "Suns|Mercury", "Pittsburgh": "Steelers|Pirates|Penguins",
    "Portland": "Trail Blazers", "Sacramento": "Kings", "San Antonio": "Spurs", "San Diego": "Padres",
    "San Francisco": "49ers|Giants", "San Jose": "Sharks", "Seattle": "Seahawks|Storm|Mariners|Kraken",
    "St. Louis": "Cardinals|Blues", "St Louis": "Cardinals|Blues", "Tampa Bay": "Buccaneers|Rays|Lightning",
    "Tennessee": "Titans", "Texas": "Rangers", "Toronto": "Raptors|Blue Jays|Maple Leafs",
    "Utah": "Jazz|Mammoth", "Vancouver": "Canucks", "Washington": "Commanders|Wizards|Mystics|Nationals|Capitals",
    "Winnipeg": "Jets",
}
_FULL_NAME = re.compile("|".join(sorted((rf"\b{re.escape(city)} (?={re.escape(nickname)}\b)"
                                         for city, nicknames in _BY_CITY.items() for nickname in nicknames.split("|")),
                                        key=len, reverse=True)))


_NICKNAMES = frozenset(nickname for nicknames in _BY_CITY.values() for nickname in nicknames.split("|"))
_OPENING_THE = re.compile(r"^The (?=(?:%s)\b)" % "|".join(sorted(map(re.escape, _NICKNAMES), key=len, reverse=True)))


def is_nickname(name: str) -> bool:
    """A franchise's nickname ("Predators"), which the account says with "the" after a verb."""
    return name in _NICKNAMES


def by_nickname(line: str) -> str:
    """The line with each listed franchise called by its nickname ("the Boston Red Sox" → "the Red Sox"), and
    without the "The" a headline opens with ("The New York Yankees agree" → "Yankees agree")."""
    return _OPENING_THE.sub("", _FULL_NAME.sub("", line))


def nicknames_of(city: str) -> list[str]:
    """The nicknames of a city's listed franchises ("Boston" → Celtics, Red Sox, Bruins)."""
    return _BY_CITY[city].split("|") if city in _BY_CITY else []
