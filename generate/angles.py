"""The house's angle hooks: the story's telling fact from its lead, in the lead's own words.

A situation hook frames a story ("trophy lifted 🏆"); read 25's editors asked for what the lead says that
the headline does not: "lead with her first major", "first Monument", "the comeback from 2-0 down", "his
first loss in 31". The model's hooks from the lead misread it (reads 19 and 22: bare numbers read as a
score), so the house takes a few shapes an editor leads with and copies their words out of the snippet:
a first title, a comeback's deficit, a streak, a record of the season, a perfect record kept, a champion
beaten, a long solo attack. A hook
says nothing the snippet does not; headlines.house_hook runs it through the sign-off fit and the guards.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generate.guards.lexicon import FUNCTION
from generate.kinds import TRIUMPH, kind_of
from generate.situations import situation_of
from text import NUMBER, split_sentences, words


_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-Ž]"  # a capital of a name, "Šebestyén" too (Latin Extended-A: a few lower-case pass)


def _rule(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Angle:
    kind: str  # kinds.kind_of's kinds of story it is told of, space-separated
    told_by: re.Pattern  # read over the lead
    hook: str  # formatted with the match's groups, and {emoji}: the emoji of a first's noun (_FIRSTS)
    also: re.Pattern | None = None  # what the whole snippet must say too ("winner" for a late goal)
    anyones: bool = False  # the story's, whoever the lead names near it (what a deal is worth): not only a winner's


_FIRSTS = {"title": "🏆", "major": "🏆", "trophy": "🏆", "crown": "🏆", "monument": "🏆", "grand slam": "🏆",
           "pole": "🚀", "win": "🙌", "victory": "🙌", "medal": "🥇", "gold": "🥇", "century": "💯",
           "hat-trick": "🎩", "podium": "🍾"}
_FIRST_NOUN = "|".join(sorted(map(re.escape, _FIRSTS), key=len, reverse=True))
# A first that is only the first for a while: "since 1988", "in six years", "in three seasons"
# nor a first of a season (read 70: "FIRST IndyCar victory" for "his first IndyCar victory of the season")
_NOT_SINCE = (r"(?![^.]*\b(?:since|in \w+ (?:years|seasons|decades|months|games|matches|attempts)"
              r"|(?:of the|this) (?:season|year|campaign|tour))\b)")

# The lead's star, by surname, where the story is a plain result (reads 32-38: "misses Okwuosaghe's four
# goals", "leaves out Vellanikar's 124", "McDavid's two goals"): a more telling situation opens before it.
# a surname with its particle: read 46's "2 tries for Duinnín" for Cathal Ó Duinnín
_SURNAME = r"((?-i:(?:(?:Ó|Ní|Nic|Mac|de|De|van|Van|von|Von|da|Da|di|Di|del|Del|dos|Dos|ter|Ter|van der|van de) )?[A-Z][\w'’-]+))"
_STAR = rf"(?-i:[A-Z][\w'’.-]+) {_SURNAME}"  # a first name before it: read 58's "Edmonton scored twice" is a side
_COUNTS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_YEARS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _deal_worth(amount: str) -> str:
    """An amount a deal or a fee is worth: "worth $42 million", "for a reported 45 million euros", "signed a
    four-year, $96 million contract extension"; not the contract a traded player carries ("in the second year of
    a four-year, $88 million contract")."""
    whole = r"(?!-| (?:per|a|an|each) (?:season|year)| guaranteed| in guaranteed)"
    carried = "".join(rf"(?<!of a {years}-year, )" for years in (*_YEARS, *map(str, range(1, 15))))
    return (rf"\b(?:worth|for|reported|fee of) {amount}{whole}"
            rf"|(?:(?<=\ba )|(?<=\ban )|(?<=-year, )){carried}{amount} "
            r"(?:rookie max |contract )?(?:contract|deal|extension|fee|move|transfer)\b")


ANGLES = (
    # "It is Yoon's first major title" → "FIRST major title 🏆"
    # Not "first win over Ohio State since 1988", "first major league at-bat", "first amateur to win since 1982",
    # "his first ranking title in six years".
    Angle(TRIUMPH, _rule(rf"\b(?:first|maiden) ((?:(?!first\b|to\b|the\b)[\w'-]+ ){{0,3}}?(?:{_FIRST_NOUN}))"
                         r"(?=[.,;]|$| (?:in|at|of|for|and|on|with|this|after)\b)" + _NOT_SINCE),
          "FIRST {0} {emoji}"),
    # "It is Afghanistan's first win over Australia in a one-day international", after "Afghanistan beat
    # Australia": the headline names the side, the hook says it never happened before
    Angle(TRIUMPH, _rule(r"\bfirst (?:\S+ ){0,2}?(?:win|victory) (?:over|against) (?-i:[A-Z])" + _NOT_SINCE),
          "first time EVER 🤯"),
    Angle(TRIUMPH, _rule(r"\bfor the first time in (?:their|its|his|her|the club's) history\b"), "first time EVER 🤯"),
    # "after Dallas had led 2-0", "had trailed 2-0 at half-time", "came back from 4-1 down"
    Angle(TRIUMPH, _rule(r"\b(?:trail(?:ed|ing)|overturn(?:ed|ing) an?|had led) (\d{1,2}-\d{1,2})\b"
                         r"|\bfrom (\d{1,2}-\d{1,2}) down\b"), "from {0} DOWN 😤"),
    Angle(TRIUMPH, _rule(r"\bfrom (\d{1,2}) (?:points|goals|runs) down\b"), "down {0} and WON 😤"),
    # "won his last seven fights", "a fifth straight game"
    Angle(TRIUMPH, _rule(r"\bwon (?:his|her|their|its) last (\w+) (?:\w+ )?(?:fights|games|matches|races)\b"
                         r"|\bwon (\w+) (?:\w+ )?titles in a row\b|\bwon (\w+) (?:straight|consecutive|successive) titles\b"
                         r"|\b(?:a|an|their|his|her) (\w+) straight (?:\w+ )?"
                         r"(?:games?|wins?|matches|titles?|victor\w+)\b"),
          "{0} straight 🔥"),
    # "It is the fastest finish in the division this year", "the largest deal of the off-season"
    Angle(f"{TRIUMPH} move", _rule(r"\b(?:the )?((?:biggest|largest|fastest|quickest|longest|most expensive) "
                                   r"(?:\S+ ){1,2}?(?:in|of) (?:\S+ ){0,3}?(?:this|the) (?:season|year|off-season|day))\b"),
          "{0} 🤯"),
    # "He is the first Thunder player to win the award" (read 32)
    Angle(TRIUMPH, _rule(r"\bthe first ((?:\S+ ){1,2}?(?:player|woman|man|driver|rider|team|club|side|nation|athlete|coach|"
                         r"jockey|golfer|boxer)) to win (?:the|this|it)\b(?! \w+ since)(?![^.]*\bsince\b)"),
          "FIRST {0} to win it 🏆"),
    # "holed a 14-foot birdie putt on the 18th" (read 32: the putt that won it)
    Angle(TRIUMPH, _rule(r"\b(\d{1,2}-foot) (birdie|eagle|par) putt on the (18th|72nd|final hole|last)\b"),
          "{0} {1} on the {2} 😱"),
    # read 87: "misses the unbeaten 21-0 hook" ("... to stay unbeaten at 21-0")
    Angle(TRIUMPH, _rule(r"\bimprov(?:e|es|ed|ing) to (\d{1,2})-0\b|\b(?:stay|stays|stayed|staying|remain|remains|remained|remaining)"
                         r" unbeaten at (\d{1,2})-0\b"), "{0}-0 and counting 😤", anyones=True),  # a loser is beaten
    # "The 18-year-old beat Olympic champion Mollie O'Callaghan" (read 31: "the real story")
    Angle(TRIUMPH, _rule(r"\b(?:beat|beating|edged|edging|stunned|upset|dethroned) (?:the )?"
                         r"((?:(?:reigning|defending|Olympic|world|former|two-time|three-time) ){1,2}champion)\b"),
          "beat the {0} 😳"),
    # "attacked 18 kilometres from the finish" (read 31: "the 18 km solo attack is the angle")
    # read 72: "attacked on the Oude Kwaremont with 18 kilometres left"
    Angle(TRIUMPH, _rule(r"\battack(?:ed|s|ing)? (\w+) ?(kilometres|km|miles) from the (?:finish|line|summit|top)\b"
                         r"|\battack(?:ed|s|ing)? (?:on (?:the )?(?:(?-i:[A-Z])[\w'’-]* ?){1,3} )?with (\w+) ?(kilometres|km|miles) "
                         r"(?:to go|left|remaining)\b"),
          "attacked {0} {1} out 🚀"),
    # "It was the first defeat in 31 professional fights" → "first L in 31 fights 😶"
    Angle("loss", _rule(r"\bfirst (?:defeat|loss) in (\d+) (?:\w+ )?(fights|games|matches|races|starts)\b"),
          "first L in {0} {1} 😶"),
    # Reads 45-51 under the brief that names a generic hook: the lead's telling fact, by kind of story.
    # the play that decided it: "a stoppage-time equaliser", "headed the only goal in the 87th minute"
    Angle(f"{TRIUMPH} draw", _rule(r"\b(\d{2,3}(?:st|nd|rd|th)-minute|stoppage-time|injury-time|last-minute|last-gasp) "
                                   r"(winner|winning goal|winning try|equali[sz]er|drop goal)\b"), "{0} {1} 😱"),
    Angle(TRIUMPH, _rule(r"\b(?:the only goal|the winner|the winning (?:goal|try)) in the (\d{2,3}(?:st|nd|rd|th)) minute\b"),
          "{0}-minute winner 😱"),
    # "headed home in the 90th minute" after "edge Fulham 2-1 with late winner": a late goal is the winner only
    # where the story says it is
    Angle(TRIUMPH, _rule(r"\b(?:headed|nodded|scored|struck|fired|curled|slotted)(?: home| in)?(?: the winner)? in the "
                         r"((?:8[5-9]|9\d|1[0-2]\d)(?:st|nd|rd|th)) minute\b"), "{0}-minute winner 😱", _rule(r"\bwinner\b")),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} scored both goals\b"), "both goals for {0} 🔥"),
    # a round-numbered milestone in the lead: "his 100th NHL goal"
    Angle(TRIUMPH, _rule(r"\b(?:his|her) ((?:\d{1,2},)?\d{0,2}[05]0th (?:(?-i:[A-Z]{2,4}) |career |league |international "
                         r"|Test )?(?:goal|point|try|wicket|win|century|home run|touchdown|save))\b"), "{0} 🤯"),
    Angle("draw", _rule(r"\bequali[sz]ed\b[^.]*? with (\w+) minutes? (?:left|remaining|to go)\b"), "level with {0} minutes left 😱"),
    Angle(TRIUMPH, _rule(r"\bfrom (\d{2}) yards as time expired\b"), "{0} yards as time expired 🥶"),
    # read 68: "the OT hero isn't named", "the buzzer-beater hero isn't named"
    Angle(TRIUMPH, _rule(rf"\b{_STAR} (?:scored|struck|netted|fired home) (?:[\d:]+ )?(?:into|in) (?:overtime|extra time|OT)\b"),
          "{0} wins it in OT 🚨"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} (?:hit|made|drained|sank|buried) (?:an? )?(?:[\w-]+ ){{0,3}}?(?:three|jumper|shot|layup|"
                         r"basket|three-pointer|floater|free throws?) (?:as time expired|at the buzzer)\b"), "{0} at the BUZZER 🚨"),
    Angle(f"{TRIUMPH} draw", _rule(r"\bseries level at (\d-\d)\b"), "series level at {0} 👀"),
    # read 62: "Hurricanes take 3-1 series lead over Rangers" went out with no hook
    Angle(TRIUMPH, _rule(r"\bone (?:win|victory) (?:away )?from (?:the |a )?((?:(?-i:[A-Z])[\w-]* ){0,3}(?:final|finals|"
                         r"semi-finals?|title|championship|Stanley Cup|World Series|Super Bowl))\b"), "one win from the {0} 👀"),
    # a race won from the front
    Angle(TRIUMPH, _rule(r"\bled from pole\b"), "led from pole 🚀"),
    Angle(TRIUMPH, _rule(r"\bfinish(?:ed|ing) (\d+(?:\.\d+)?) seconds clear\b"), "{0} seconds clear 🚀"),
    Angle(TRIUMPH, _rule(r"\b(?:his|her|their) (second|third|fourth|fifth|sixth|seventh|eighth) (win|victory|title) of the season\b"),
          "{0} {1} of the season 🔥"),
    # read 87: "finishing 3.4 seconds ahead of a McLaren" went out with "job DONE"; a margin under a second is no
    # clear win
    Angle(TRIUMPH, _rule(r"\bfinish(?:ed|ing) ([1-9]\d*(?:\.\d+)?) seconds ahead\b|\bwon by ([1-9]\d*(?:\.\d+)?) seconds\b"),
          "{0} seconds clear 🚀"),
    # a milestone's company: "the 29th player in MLB history", "the fourth player in franchise history"
    Angle(TRIUMPH, _rule(r"\bthe (\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth) (?:player|man|woman) in "
                         r"((?:[\w-]+ )?history)\b"), "{0} in {1} 🤯"),
    # a loss's context: the table, the run, the drought, the lead thrown away, the unknown who won
    Angle("loss firing move", _rule(r"\b(?:sit|sits|are|lie|lies|remain|remains|dropped to|slipped to|fell to|down to|now) "
                               r"(\d{1,2}(?:st|nd|rd|th)) in ((?:the )?(?-i:[A-Z][\w-]*(?: (?:[A-Z][\w-]*|de|\d(?!\d*(?:st|nd|rd|th)\b)\d*)){0,2}))"),
          "{0} in {1} 😬"),
    Angle("loss firing", _rule(r"\b(one|two|three|\d) wins? in (?:their last |the last )?(\d+|\w+) (?:league )?(?:games|matches)\b"),
          "{0} win in {1} 😬"),
    Angle("loss firing", _rule(r"\bnot scored (?:a )?(?:league )?goal in (\d+) minutes\b"), "{0} minutes without a goal 😬"),
    Angle("loss firing", _rule(r"\b(\w+) points? from safety\b"), "{0} points from safety 😬"),
    Angle("loss", _rule(r"\bled by (\d+) at half-time\b"), "led by {0} at HALF-TIME 😶"),
    Angle("loss", _rule(r"\b(?:bowled out|all out) for (\d+)\b"), "all out for {0} 😬"),
    # read 55: "eight losses in nine", "a third straight loss"
    Angle("loss", _rule(r"\b(\w+) (?:losses|defeats) in (?:their last |the last )?(\w+)\b"), "{0} Ls in {1} 😬"),
    Angle("loss", _rule(r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) straight (?:defeat|loss)\b"),
          "{0} straight L 😬"),
    Angle("loss", _rule(r"\blost (?:[\d-]+ ){0,3}to (?:an? )?(\d+-year-old|\d+(?:st|nd|rd|th)-ranked|unseeded|teenage) "
                        r"(?:(?-i:[A-Z])\w+ )?(qualifier|wildcard|wild card|lucky loser)\b"), "beaten by a {0} {1} 😳"),
    Angle("loss", _rule(r"\b(\d+(?:st|nd|rd|th)-ranked) (qualifier|wildcard|lucky loser)\b"), "beaten by a {0} {1} 😳"),
    # an injury's cost: the tear, the standing lost (not "misses both legs ...": read 53 found it subjectless)
    Angle("hurt", _rule(r"\b(last year's (?:semi-finalist|finalist|runner-up|champion)|the defending champion)\b"), "{0} 💔"),
    Angle("hurt", _rule(r"\btore (?:his|her) (?:left |right )?(ACL|Achilles|hamstring|meniscus)\b"), "torn {0} 💔"),
    Angle("hurt", _rule(r"\bseason-ending\b|\bends (?:his|her|their) season\b|\bout for the (?:rest of the )?season\b"),
          "season OVER 💔"),
    # what the side loses: "31 wickets in eight Tests"
    Angle("hurt move retirement", _rule(r"(?<![\d.,])\b(\d+) (wickets|goals|tries|touchdowns|points|sacks) in (\w+) "
                                        r"((?-i:Tests)|games|matches|starts|appearances)\b"), "{0} {1} in {2} {3} 👀"),
    Angle("hurt", _rule(r"\b((?:second|third|fourth|fifth|sixth) overall)\b"), "{0} and OUT 💔"),  # "was fourth ...": no subject
    Angle("hurt", _rule(r"\b((?:AL|NL|league|[A-Z]{2,4})-leading \d+ [a-z]+)\b"), "{0} 💔"),
    # a ban's cause and its cost
    Angle("ban", _rule(r"\btested positive for (?:the )?(?:banned )?((?-i:[A-Z]{2,})|(?:a )?(?:banned |prohibited )?[a-z-]+ (?:steroid|stimulant|diuretic))\b"),
          "positive for {0} 🚫"),
    Angle("ban", _rule(r"\bfor (confronting|shoving|pushing|headbutting|spitting at|abusing|insulting|elbowing|striking) "
                       r"(?:the |an? )?(?:match )?(referee|officials?|opponent|linesman|fans?)\b"), "{0} the {1} 😬"),
    # reads 62-66: "the violent-conduct reason is missing", "leaves out that he misses the Challenge Cup semi-final"
    # read 83: "after admitting violent conduct" went out with "rough news 😬"
    Angle("ban", _rule(r"\b(?:for|after admitting|guilty of|guilty to) (?:an? )?(violent conduct|(?:high|dangerous|late|tip|spear"
                       r"|reckless|helmet-to-helmet) (?:tackle|challenge|hit)"
                       r"|dissent|simulation|headbutt|elbow|shoulder charge|dangerous throw|foul play|biting)\b"),
          "{0} 😬"),
    Angle("ban", _rule(r"\bwill miss (?:the |next week's |(?:Satur|Sun|Fri)day's )?((?-i:(?:[A-Z][\w-]* ){0,3})(?:semi-final|final"
                       r"|derby|quarter-final|decider|Grand Final|(?-i:Test))(?: against (?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)?))?)\b"),
          "misses the {0} 😬"),
    Angle("ban", _rule(r"\bstripped of (?:his|her|their) ([^,.;]+? (?:win|title|medal|gold))\b"), "stripped of the {0} 🚫"),
    # what a move buys: last season's numbers, the fee's rank, the coach's titles
    Angle("move", _rule(r"\b(?:scored|netted|hit) (\d+) (goals|tries|touchdowns|home runs) (last season|this season|in all competitions)\b"),
          "{0} {1} {2} 👀"),
    Angle("move", _rule(r"\bwent (\d+-\d+) with an? (\d\.\d\d) ERA\b"), "{0}, {1} ERA 👀"),
    # read 86: "leaves out the $132m figure that is the real angle": the whole deal's or fee's, not a season's, a
    # guarantee's, a cap hit's, an add-on's or a ceiling's ("rising to €55 million", "around 35 million euros")
    Angle("move", _rule(_deal_worth(r"([$€£])(\d+(?:\.\d+)?) ?(?:m|million)\b")), "{0}{1}M 💰", anyones=True),
    Angle("move", _rule(_deal_worth(r"(\d+(?:\.\d+)?) million (?-i:(pounds))\b")), "£{0}M 💰", anyones=True),
    Angle("move", _rule(_deal_worth(r"(\d+(?:\.\d+)?) million (?-i:(euros))\b")), "€{0}M 💰", anyones=True),
    Angle("move", _rule(r"\bfinished (second|third) in (?:the )?((?:AL |NL |American League |National League )?"
                        r"(?:Cy Young|MVP|Ballon d'Or)) voting\b"), "{0} in the {1} voting 👀"),
    Angle("move", _rule(r"\bthe club's ((?:second-|third-)?most expensive|record) signing\b"), "the club's {0} signing 💸"),
    Angle("move", _rule(r"\bwon (two|three|four|five|\d) ((?-i:(?:[A-Z][\w-]* ){1,2})titles) with ((?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)?))"),
          "{0} {1} with {2} 👀"),
    # a career in one number
    Angle("retirement", _rule(r"\b(?:made|earned|took|scored|played in) (\d[\d,]*) ((?-i:(?:[A-Z][\w-]* ){0,2})"
                              r"(?:appearances|caps|wickets|titles|goals|tries|medals|majors|games))\b"
                              r"|\bwon (\d[\d,]*) ((?-i:(?:[A-Z][\w-]* ){0,2})(?:titles|medals|majors|caps))\b"), "{0} {1} 🫡"),
    Angle("retirement", _rule(r"\bwon (\d[\d,]*) (?:games|matches)\b"), "{0} wins 🫡"),  # "won 389 games": not "389 games"
    # what is at stake: the gap, the star who is missing
    Angle("preview", _rule(r"\b((?-i:[A-Z][\w-]+)) (?:sit|sits|are|is|lie|lies) (\w+ points?) clear\b"), "{0} {1} clear 👀"),
    # "Barcelona will be without top scorer Pau Vilaró, who ...": the surname is the last word before the clause
    Angle("preview", _rule(rf"\b((?-i:[A-Z][\w-]+(?: [A-Z][\w-]+)?)) will be without (?:[\w'’-]+ ){{0,4}}?((?-i:{_CAPITAL})[\w'’-]+)"
                           r"(?=,| who\b| because\b| through\b| after\b|\.|$)"), "no {1} for {0} 😬"),
)
STARS = (
    Angle(TRIUMPH, _rule(rf"\b{_STAR} scored a hat-trick\b"), "hat-trick for {0} 🎩"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} (?:scored|kicked|threw for|ran for) (\d+|{'|'.join(_COUNTS)}) (?:\S+ ){{0,2}}?"
                         r"(goals|tries|points|touchdowns|yards)\b"), "{1} {2} for {0} 🔥"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} (?:scored|made|hit) an unbeaten (\d+)\b"), "unbeaten {1} for {0} 🔥"),
    # read 47: "leave out Wielgoszewski's brace", "ignores Hollinrake's 12 strikeouts"
    Angle(TRIUMPH, _rule(rf"\b{_STAR} scored twice\b"), "{0} scores twice 🔥"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} struck out (\d+|{'|'.join(_COUNTS)})\b"), "{1} strikeouts for {0} 🔥"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} (?:made|stopped|turned aside) (\d{{2}}) (?:saves|shots)\b"), "{1} saves for {0} 🧱"),
    Angle(f"{TRIUMPH} draw", _rule(rf"\b(?:a brace from|two goals from) (?:[\w'’-]+ ){{0,3}}?{_SURNAME}\b"), "brace for {0} 🔥"),
    Angle(f"{TRIUMPH} draw", _rule(rf"\b{_SURNAME}(?:'s|’s) brace\b"), "brace for {0} 🔥"),
    Angle(TRIUMPH, _rule(rf"\b{_STAR} scored an? \d+-minute hat-trick\b"), "hat-trick for {0} 🎩"),
    Angle(f"{TRIUMPH} draw", _rule(rf"\b{_STAR} (?:made|hit|scored|struck) (\d{{2,3}}) off (\d+) balls\b"),
          "{1} off {2} for {0} 🔥"),
    Angle(f"{TRIUMPH} draw", _rule(rf"\b{_STAR} (?:took|claimed|returned) (\d-\d{{1,3}})\b"), "{1} for {0} 🔥"),
    Angle("draw", _rule(rf"\b{_STAR} (?:scored|made|hit) an unbeaten (\d+)\b"), "unbeaten {1} for {0} 🔥"),
    # a century in a cricket story: "Opener Arjun Vellanikar made 142" (not 142 appearances)
    Angle(f"{TRIUMPH} draw", _rule(rf"\b{_STAR} (?:made|hit|scored) (1\d\d|2\d\d)\b(?! (?:\w+ )?(?:appearances|caps|games|matches|"
                                   r"starts|points|yards|goals|tackles))"), "{1} from {0} 🔥", _rule(r"\bwickets?\b|\bruns\b|\bTest\b")),
)
# read 59: "FIRST win 🙌" before "... for first F1 victory" says it twice; read 62: "FIRST tour-level trophy" before
# "A first ATP title"
_ALIKE = {"victory": "win", "trophy": "title", "crown": "title"}
PLAIN = frozenset(["win", "rout", "narrow", "top", "draw"])  # situations whose hooks say nothing the story's star does not
_NO_WINNER = frozenset(["ban", "hurt"])  # stories with no side that won: whoever the lead names, the angle is theirs
_FIRST_TOLD = re.compile(rf"\b(?:first|maiden) (?:\S+ ){{0,3}}?(?:{_FIRST_NOUN})", re.IGNORECASE)
_LED = re.compile(r"(\w+) had led \S+$")
_TOLD_COMEBACK = re.compile(r"\b(?:from|rall\w+|c[oa]me back)\b[^.]*\bdown\b|\bfrom behind\b", re.IGNORECASE)


def angle_hooks(snippet: str, line: str) -> list[str]:
    """Hooks telling what the story's lead says that its headline (`line`) does not, best first."""
    sentences = split_sentences(snippet or "")
    lead = " ".join(sentences[1:])
    kind, said = kind_of(snippet), {_ALIKE.get(word, word) for word in _words(line)}
    hooks = []
    situation = situation_of(snippet)
    stars = STARS if situation is None or situation.name in PLAIN else ()
    for angle in (*ANGLES, *stars):
        match = angle.told_by.search(lead)
        if kind not in angle.kind.split() or not match:
            continue
        if kind not in _NO_WINNER and not angle.anyones and not _for_the_winner(match, line, "DOWN" in angle.hook, sentences[0] if sentences else ""):
            continue
        if "first" in angle.hook.casefold() and not _the_subjects(match, line):  # read 55: "Dunbeath's 88th-minute" is his
            continue
        if angle.also and not angle.also.search(snippet):
            continue
        groups = [_COUNTS.get(group.casefold(), group) for group in match.groups() if group]
        hook = angle.hook.format(*groups, emoji=_FIRSTS[_first_noun(groups[0])] if "{emoji}" in angle.hook else "")
        if angle in stars and groups[0].casefold() in said:  # read 64: "Kittleson scores twice 🔥 Kittleson becomes ..."
            unnamed = re.sub(rf" (?:for|from) {re.escape(groups[0])}\b|^{re.escape(groups[0])} ", "", hook)
            hook = unnamed if re.search(r"[^\W\d]", unnamed) else hook  # "132 🔥" says whose no more
        if "DOWN" in hook and _TOLD_COMEBACK.search(line):
            continue  # read 64: "from 2-0 DOWN 😤 Marseille come from 2 down ..."
        # "first" is news unless the headline says it too ("for first F1 victory", "maiden title"; read 72: "FIRST
        # victory 🙌" before "holds nerve for maiden Tour title")
        if "first" in hook.casefold() and _FIRST_TOLD.search(line):
            continue
        if set(NUMBER.findall(hook)) & _counts(line):
            continue  # read 72: "1,000th career point 🤯" before "... reaches 1,000 points"
        filler = {"down", "straight", "and"}
        if not {_ALIKE.get(word, word) for word in _words(hook)} - said - filler:
            continue  # the headline says it already
        hooks.append(hook)
    return hooks


_OWNER = re.compile(r"([\w'’-]+?)(?:'s|’s) $")


def _counts(line: str) -> set[str]:
    """The numbers a line says, but not a name's ("Indianapolis 500", "Formula 1")."""
    return {found.group(0) for found in NUMBER.finditer(line)
            if not re.search(r"[A-Z]\w* $", line[:found.start()])}


def _the_subjects(match: re.Match, line: str) -> bool:
    """"X's first win" is the story's when X is in the headline ("trainer Gilsenan's first win in the race"
    is not the horse's); "his", "her", "their" or no owner are the subject's."""
    owner = _OWNER.search(match.string[:match.start()])
    return not owner or owner.group(1).casefold() in _words(line)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in words(text)}


def _first_noun(phrase: str) -> str:
    return re.search(rf"\b(?:{_FIRST_NOUN})\b", phrase.casefold()).group(0)


def _for_the_winner(match: re.Match, line: str, comeback: bool = False, wire: str = "") -> bool:
    """"X had led 2-0" is a comeback only when X is not the headline's subject (the winner, in a win); "X had
    fought back from 2-0 down" or "X trailed 2-0" only when X is (read 31: Villa "from 2-0 DOWN" for Brighton's).
    The subject is the line's opening name, each of its words naming it ("United have not scored ..."). A
    comeback names its side or none: read 57's "Brisbane had come back from 18-6 down" is not the Storm's, though
    the headline calls Brisbane the Broncos."""
    subject = {word.casefold() for said in (line, wire)  # the wire's too: "Edmonton Oilers", voiced "Oilers"
               for word in itertools.takewhile(lambda word: word[:1].isupper(), words(said))}
    led = _LED.search(match.string[:match.end()])
    if led:
        return led.group(1).casefold() not in subject
    clause = re.split(r"[.,;]| after | before | as ", match.string[:match.start()])[-1]
    named = [word for word in words(clause) if word[:1].isupper() and word.casefold() not in FUNCTION
             and (comeback or word.casefold() in _words(line))]
    return not named or named[-1].casefold() in subject
