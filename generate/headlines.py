"""Headline fact lines: a caption's fact line taken from the news it is written from.

A @versus caption is a hook, a fact line and a sign-off ("8th Europa League title 🏆 Sevilla edge Roma 2-1
in Budapest. this competition is THEIRS 👑"). The embedded model's hook is fair, but its fact line is where
it garbles the news ("Halmosi takes the maiden pole", "Iturbide-Salas heads to Colorado" for a move to
Baltimore): the blind reads' rejections name it more than anything else once the sign-off is the house's.
A snippet's first sentence is its headline (ingest.condense puts the title first), already a fact line in
the present tense; so the model's hook (up to its first emoji) is kept and joined to the headline, and the
house sign-off follows (closers.py). A candidate whose hook cannot be cut, says a number the headline
says too (in digits or words), nothing the headline does not or bare numbers, calls a result before the
game, or makes a grown player's age the hook ("31 YEARS OLD 😭" on a title fight: the editor's "pointless";
a teenager's is the story), says what no house sign-off may (closers.fits: "23 and OLD"), is another kind
of story's house hook ("DONE DEAL ✍️" on a match), says a word twice or a stat of someone it does not name
("4 times in the first 52 minutes" for the forward's goals) is left out, and so is one the model was unsure
of when it wrote only the hook (HOOK_FLOOR, or HOUSE_HOOK_BAR where the house has a hook for the story). An
angle the lead tells (angles.py: "FIRST major title 🏆") opens the story ahead of any hook of the model's. The
headline is said in the account's voice (voice.py). When no candidate can be joined,
the story gets a house hook (an editor's mood hook for an injury or a ban, else its situation's: situations.py),
or the headline alone where it has none (the model's fact lines garbled what its hooks did not), and only a
snippet without a headline keeps the model's own.
"""

from __future__ import annotations

import functools
import itertools
import re

from generate import countries, franchises
from generate.angles import angle_hooks
from generate.backends.base import Candidate
from generate.closers import SUBJECT_WORDS, YOUNG_BELOW, Phrasebook, ages, fits, full_names
from generate.guards.best_of_n import COPY_SHARE, score_caption
from generate.guards.facts import extract_facts
from generate.guards.lexicon import FUNCTION, NUMBER_WORDS
from generate.kinds import TRIUMPH, kind_of
from generate.recast import recast
from generate.situations import misplaced, situation_hooks
from generate.stars import star_line
from generate.voice import in_voice
from ingest.injection import InjectionScreen
from text import NUMBER, fold, hook_end, split_sentences, split_sign_off, words

MAX_HEADLINE_WORDS = 24  # longer is a headline run into its lead, or no headline at all ...
LONGEST_HEADLINE_WORDS = 30  # ... unless it ends as a sentence and no lead starts in it
MIN_HEADLINE_WORDS = 3  # the voice leaves a title at least this long
MAX_HOOK_WORDS = 8
MAX_STARRED_WORDS = 26  # a headline and its star in one sentence
_PRONOUN_STARTS = frozenset(["the", "he", "she", "his", "her", "it", "they", "their"])
STAT_DUMP = 3  # numbers in a hook that says nothing else ("38, 31, 14 💨"); one ("1:53.68 😳") is a time
# A model's hook below this mean log-probability (its own tokens') is not joined: blind reads 17-21 rejected
# 41% of hooks below it and 14% of those above (bench/README.md).
HOOK_FLOOR = -0.6
# Where the house has a hook for the story (house_hook), the model's must be surer: reads 17-24 posted 35% and
# rejected 20% of the model's hooks between -0.6 and -0.4, 58% and 5% of those above (bench/README.md).
HOUSE_HOOK_BAR = -0.4
HOUSE_HOOKS_TRIED = 12  # the guards read each one tried: a few milliseconds
# Stories whose hook can be a mood alone ("gutting news 💔" before an injury); any other hook says a fact.
MOOD_KINDS = frozenset(["hurt", "ban"])
# A hook that calls a result: never before the game is played ("2.5-point WINNER 💯 Chiefs host Bills ...").
RESULT_WORDS = frozenset(["win", "wins", "won", "winner", "winners", "beat", "beats", "victory", "champion",
                          "champions", "champ", "w"])
_LABEL = re.compile(r"^[^:.!?]{1,30}:\s+(?=\w)")  # "MotoGP: ", "UFC 310: ", "Transfer news: "
_RUN_ON = re.compile(r"(?<=[a-z0-9]) (?=The [a-z0-9])")  # "... $96m extension The 26-year-old Pro Bowler ..."
_ENDS_WITH_SCORE = re.compile(r", \d+-\d+\.$")
# not the score's own ", 2-1, with a late winner." (the second fact-check: the scorer went missing after it)
_TRAILING_CLAUSE = re.compile(r", (?!\d)(?!(?<=\d, )(?:with|to|thanks to) )[a-z][^,]*\.$")  # ", and the WCC title is theirs.", ", their biggest win ..."
_COUNTED = re.compile(r"\d(?:[\d.,:-]*\d)? ([^\W\d_][\w'’-]*)")  # "500,000 DOLPHINS": what a number counts
_COUNTED_PHRASE = re.compile(r"(\d(?:[\d.,:-]*\d)?) ((?:[^\W\d_][\w'’-]* ?){1,3})")
_AGE_WORDS = frozenset(["years", "year", "yrs", "old"])  # "22 YEARS OLD" for "the 22-year-old"


@functools.lru_cache(maxsize=1024)  # asked for each story by the house's draft and again by headline_all
def headline(snippet: str) -> str | None:
    """The snippet's headline as a fact line in the account's voice (voice.py) and sentence shape (recast.py),
    ending with a full stop; None when it has none."""
    line = voiced_headline(snippet)
    return recast(line) if line else None


@functools.lru_cache(maxsize=1024)
def voiced_headline(snippet: str) -> str | None:
    """The headline in the account's voice, in the wire's sentence shape: its subject first, which the angles
    read as the story's (angles.py). A sentence aimed at a model ("Ignore previous instructions ...", kept in a
    snippet from a file) is never one."""
    screen = InjectionScreen()
    sentences = [sentence for sentence in split_sentences(snippet) if not screen.catches(sentence)]
    if not sentences:
        return None
    if len(sentences) > 1 and _restated(_unlabelled(sentences[0].strip()), sentences[1]):
        # "Panthers eliminate Maple Leafs. The Florida Panthers eliminate the Toronto Maple Leafs with a 3-1
        # win in Game 6 ...": a feed's title told again in full (read 32: the title alone has no score); the
        # title stays the headline where the full one is most of the snippet
        full = _first_line(sentences[1], snippet.replace(sentences[0], "", 1))
        if full:
            return full
    if len(sentences) > 1 and _thin(_unlabelled(sentences[0].strip())):
        told = _told_now(sentences[1])
        full = told and _first_line(told, snippet.replace(sentences[0], "", 1))
        if full:
            return full
    lead = " ".join(sentences[1:])
    title, kind = _named(sentences[0], lead), kind_of(snippet)
    return _first_line(_scored(_faced(title, lead) if kind == "preview" else title, lead, kind), snippet)


def _scored(title: str, lead: str, kind: str) -> str:
    """A losing run or a win told with no score, with the game's from the lead's first sentence: "Rockies drop 11th
    straight." and "Colorado fell 7-2 to the San Diego Padres" (reads 58, 62 and 66 edited it for "drops the 7-2 and
    the Padres"); "Osterholt double sinks Freiburg." and "... as Bremen won 2-0". A defeat or a plain win takes the
    other side too where the title does not name it (reads 82 and 84: "Wales suffer heavy home defeat to France"
    with no 48-7, "Warriors win on buzzer-beater" with no score and no Suns). Never a tennis set's score."""
    told = split_sentences(lead)[0] if lead else ""
    run, lost = _RUN_TITLE.match(title), _LOST_TO.search(told)
    score, (side,) = _score_and_sides(lost) if lost else (None, (None,))
    if run and lost:
        return f"{run[1]}, {score} to {side}."  # "the" where the side is a franchise: recast.with_articles
    if _SCORE.search(title) or not title.endswith("."):
        return title
    won = _WON_BY.search(told)
    sets = won and _SETS.match(won.string, won.end())  # "won 6-4 3-6 7-6": a set's score is not the match's
    if won and not sets and (_WIN_TITLE.search(title) or _PLAIN_WIN.search(title)):
        score, beaten = _score_and_sides(won)
        plain = not _WIN_TITLE.search(title)  # "sink Spurs" names them already, by another name
        return f"{title[:-1]}, {score}{_against(title, 'over', beaten[0] if beaten else None, told) if plain else ''}."
    team_won = kind == TRIUMPH and "," not in title and not _SPARE.search(title) and _TEAM_WON.search(told)
    if team_won and not _LOSS_TITLE.search(title) and not _EXIT_TITLE.search(title):
        return _with_the_win(title, team_won, told)
    if lost and _EXIT_TITLE.search(title):  # read 70: "no opponent (Braga), no score"
        return f"{title[:-1]} after a {score} defeat to {side}."
    if lost and _LOSS_TITLE.search(title):
        return f"{title[:-1]}, {score}{_against(title, 'to', side, told)}."
    drawn = _DRAWN.search(told)  # read 68: "share points" with no score; read 89: not after "goalless"
    if drawn and _DRAW_TITLE.search(title) and not re.search(r"\b(?:goalless|scoreless)\b", title, re.IGNORECASE):
        return f"{title[:-1]}, {drawn[1] or drawn[2]}."
    return title


def _with_the_win(title: str, won: re.Match, told: str) -> str:
    """A feat told with no score, with the win it came in: "Yankees right-hander strikes out 15 Orioles in a 3-0
    win." (read 84 edited it for "the scoreless 3-0 win is missing"). Only where the title is the winner's: it
    names the winner, or neither side (a nickname: "Mets"); not a loser's feat ("... in vain")."""
    score, (winner, beaten) = _score_and_sides(won)
    if not re.search(rf"\b{re.escape(winner.split()[-1])}\b", title) \
            and re.search(rf"\b{re.escape(beaten.split()[-1])}\b", title):
        return title
    if _WIN_TITLE.search(title) or re.search(r"\bpast\b", title):
        return f"{title[:-1]}, {score}."  # "hat-trick sinks Getafe, 6-0", "lifts Oilers past the Flames, 4-3"
    if re.search(r"\bas\b", title):
        return title  # not "... the hero as PSG crash out in a 4-2 win"
    if re.search(r"\b(?:win|victory|wins)\b", title):
        return f"{title[:-1]}, {score}{_against(title, 'over', beaten, told)}."  # "career-high 48 in win, 131-124 over ...
    join = ", a" if re.search(r" (?:in|on|at) [^,]+\.$", title) else " in a"  # not "in Battle of Alberta in a 5-4 win"
    return f"{title[:-1]}{join} {score} win{_against(title, 'over', beaten, told)}."


def _score_and_sides(match: re.Match) -> tuple[str, list[str]]:
    """The score a result's pattern found, and the sides it names, in order."""
    said = [group for group in match.groups() if group]
    score = next(group for group in said if _SCORE.fullmatch(group))
    return score, [group for group in said if group != score]


_ORG_WORDS = frozenset(["Esports", "Gaming", "FC", "AFC", "CF", "SC"])  # "G2 Esports" is G2


def _against(title: str, word: str, side: str | None, told: str) -> str:
    """" over the Phoenix Suns" after a score, where the title does not name the other side already; "the" where
    the lead says it."""
    named = [word for word in side.split() if word not in _ORG_WORDS] if side else []
    if not named or re.search(rf"\b{re.escape(named[-1])}\b", title):
        return ""  # read 88: "Vitality sweep G2 to win LEC title, 3-0 over G2 Esports"
    if any(re.search(rf"\b{re.escape(nickname)}\b", title) for nickname in franchises.nicknames_of(side)):
        return ""  # read 89: "... shutout of Red Sox, a 4-0 win over Boston"
    return f" {word} {'the ' if f'the {side}' in told else ''}{side}"


def _named(title: str, lead: str) -> str:
    """A title whose subject is told only by role or people ("Everton midfielder handed four-match ban.", "Kenyan
    smashes ...") with the name of the lead's subject after it (read 62 edited each for "never named"). As it is
    where the title names anyone, where its role is no subject ("appoint X as head coach"), where the lead's first
    name is not its subject, or where the title has a second party ("Qualifier stuns third seed") and the lead tells
    its subject beaten. A title that calls someone by people and surname ("Dane Osterbrand") takes the lead's first
    name for the people (read 61 read "Dane" as his)."""
    # not a place ("at UFC Rio", read 76: "Rio" in the title is no one the title names; read 77: "at the Basin
    # Reserve" made the bowler one of two names), nor a country ("Sri Lanka")
    # nor a team before its player's role (read 78, facts 0: "rookie Team Penske" for "Team Penske driver Colby Tandrew")
    names = [(first, surname) for first, surname in full_names(lead)
             if not re.search(rf"\b(?:at|in) (?:the )?{re.escape(first)} {re.escape(surname)}\b", lead)
             and not re.search(rf"\b{re.escape(first)} {re.escape(surname)}(?:['’]s)? (?:{_ROLE.pattern})", lead,
                               re.IGNORECASE)
             and not countries.named(f"{first} {surname}")]
    for first, surname in names:  # read 61: "Dane Osterbrand" for the Dane Mikkel Osterbrand
        said = re.search(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", title)
        if said and countries.is_demonym(said[1]):
            return title.replace(said[0], f"{first} {surname}", 1)
    owned = _DEMONYM_OWNS.match(title)  # read 74: "Dane's closing eagle wins Dutch Open by one"
    if owned and countries.is_demonym(owned[1]) and names and names[0][0] in lead.split()[:ROLE_WORDS + 1]:
        return f"{' '.join(names[0])}{title[len(owned[1]):]}"
    # read 66: "Kenyan smashes ... world record"; a people opening the title is its subject, whatever role comes
    # after (read 70: "Brazilian chokes out champion Thiago Arrudavelo" for the Brazilian who won)
    people = _DEMONYM_FIRST.match(title)
    role = people if people and countries.is_demonym(people[1]) else _ROLE.search(title)
    if not role:
        return title
    begin, end = role.start(), role.end()
    while more := _ROLE.match(title, end + 1):  # "UFC flyweight champion": the name after the last of them
        end = more.end()
    after = title[end + 1:end + 3]  # a name after the role: "striker Álvaro", not "driver F1"
    if after.istitle() and after.isalpha() or re.search(r"\bas (?:\w+ )?$", title[:begin]):
        return title  # not "appoint X as head coach" (the fact-check's second pass), nor "X as head coach"
    if re.search(r"\b(?:in|at|of) (?:the )?(?:[A-Z][\w'’-]* )+$", title[:begin]):
        return title  # the fact-check: "in Champions Trophy opener" is a match, not a batter
    told = _told_by_role(title[begin:end].split()[-1], lead, names)
    # read 72: "Hawks trade All-Star guard ... traded guard Terrence Alvanley ... for forward Devin Oakhallow"; not one
    # the title names already (the fact-check: "to retain WBA heavyweight Dmitri Kassanov title")
    if told and not re.search(rf"\b{re.escape(told.split()[-1])}\b", title):
        return f"{title[:end]} {told}{title[end:]}"
    if not names or any(re.search(rf"\b{re.escape(surname)}\b", title) for _, surname in names):
        return title
    first, surname = names[0]
    # the role is the title's subject and the name the lead's ("Everton midfielder handed ... Midfielder X was");
    # or the lead names one person alone, told by role, people or age, whom the title's role can only be (reads
    # 62-66: "Jets trade Pro Bowl pass rusher to Rams. New York sent defensive end X ...")
    before = lead[:lead.find(f"{first} {surname}")]
    # not "The Athletics Integrity Unit banned Kenyan marathon runner ...": a body, not the title's person
    lead_subject = first in lead.split()[:ROLE_WORDS + 1] and (not before.startswith("The ") or _introduced(before))
    subjects = lead_subject and len(title[:begin].split()) <= ROLE_WORDS
    alone = len(names) == 1 and role.re is _ROLE  # not "Welsh darts player Rhys Pritchard" (a people's word, then a name)
    # read 81: "Newcastle agree £48m deal for Brazilian midfielder. ... agreed a fee with Benfica for Rafael Castellvane"
    both_objects = _object_follows(title[:begin]) and _object_follows(before)
    # read 88: "Jamaican sprinter provisionally suspended ... The Athletics Integrity Unit suspended Davion X"
    sanctioned = re.search(rf"{_SANCTIONED.pattern}|\bhanded\b", title[end:]) \
        and re.search(rf"(?:{_SANCTIONED.pattern}) (?:(?-i:[A-Z])[\w'’-]*['’]s )?$", before)  # read 89: "suspended Lyon's X"
    if not subjects and not (alone and (lead_subject or _introduced(before) or both_objects or sanctioned)):
        return title  # not whoever the lead names first ("... at the Stade Vélodrome")
    if _SECOND_PARTY.search(title[:begin] + title[end:]) and _BEATEN.search(split_sentences(lead)[0]):
        return title  # "Qualifier stuns third seed. Third seed X was beaten by ...": the lead's subject is the seed
    return f"{title[:end]} {first} {surname}{title[end:]}"


def _faced(title: str, lead: str) -> str:
    """A preview's title that names neither of the two who meet, with both ("Wimbledon women's final set for
    Saturday." and "Czech fourth seed Tereza Linnekar faces unseeded American Paige Sallowby": read 82 edited it
    for "no player names")."""
    told = split_sentences(lead)[0] if lead else ""
    names = full_names(told)[:2]
    if len(names) < 2:
        return title
    (first, one), (first_other, other) = names
    between = told[told.find(f"{first} {one}"):told.find(other)]
    if not _MEETS.search(between) or first not in told.split()[:ROLE_WORDS + 2] or not title.endswith("."):
        return title  # not two players of the sides a preview is of ("... with Jaylen Marsh up against Marcus Vell")
    said = [bool(re.search(rf"\b{re.escape(surname)}\b", title)) for _, surname in names]
    if said == [True, False]:  # read 88: "Teenager Klara Novosadova meets defending champion ..." never named her
        role = _MET_BY_ROLE.search(title)
        return f"{title[:role.end()]} {first_other} {other}{title[role.end():]}" if role else title
    return title if any(said) else f"{title[:-1]}, {one} vs {other}."


def _object_follows(text: str) -> bool:
    """What follows is the object of a deal or a bid: "deal for", "move to", "splash out on" (read 84)."""
    return re.search(r"\b(?:for|to|on|signing of|(?:sign|land|appoint|name|acquire|hire)(?:s|d|ed)?)\s+(?:(?-i:[A-Z])[\w'’-]* )*$",
                     text) is not None  # read 85: "Chelsea sign Portuguese winger ... completed the signing of X"


def _told_by_role(role: str, lead: str, names: list[tuple[str, str]]) -> str | None:
    """The name the lead gives right after the title's role ("guard" → "traded guard Terrence Alvanley",
    "wicketkeeper" → "England wicketkeeper-batter Tom Ashlington")."""
    for first, surname in names:
        name = f"{first} {surname}"
        if re.search(rf"\b{re.escape(role)}(?:-[a-z]+)? {re.escape(name)}\b", lead, re.IGNORECASE):
            return name
    return None


def _introduced(before_name: str) -> bool:
    """The lead tells who the name is just before it: "defensive end", "Belgian", "21-year-old"."""
    said = before_name.split()
    return bool(said) and bool(_ROLE.fullmatch(" ".join(said[-2:])) or _ROLE.fullmatch(said[-1])
                               or re.fullmatch(r"\d+-year-old", said[-1])  # read 85: "loaned 19-year-old X"
                               or countries.is_demonym(said[-1]) or said[-1] == "international")


_SIDE_NAMED = r"((?-i:[A-Z])[\w'’-]*(?: (?:St\. )?(?-i:[A-Z])[\w'’-]*){0,2})"
_WIN_TITLE = re.compile(r"\b(?:sinks?|sank|blanks?|shuts? out|topples?|stuns?|beats?|edges?|downs?|routs?|thrash(?:es)?"
                        r"|walks? off|overcomes?|outlasts?|dispatch(?:es)?|see off|sees off|hold off|holds off"
                        r"|(?:win|victory) over|(?:stunned|beaten|upset|edged|downed|toppled) (?:at|by|in))\b")  # read 66
_WON_BY = re.compile(r"\bwon (\d+-\d+)\b(?! (?:series|lead|on aggregate))"
                     rf"|\ban? (\d+-\d+) (?:win|victory)\b(?! in the series)(?: over (?:the )?{_SIDE_NAMED})?"
                     rf"|\bbeat (?:the )?{_SIDE_NAMED} (\d+-\d+)\b(?! (?:on aggregate|in the series))")
# "Warriors win on buzzer-beater": a title's own win, not an award's ("wins MVP") nor one still to come
_PLAIN_WIN = re.compile(r"^[^,]+? (?:win|wins|won) (?!(?:the |a |an )?(?:award|MVP|title race|toss)\b)")
# "as the Edmonton Oilers edged the Calgary Flames 5-4", "in Washington's 4-2 win over the Philadelphia Flyers"
_TEAM_WON = re.compile(rf"\b(?:as|when) (?:the )?{_SIDE_NAMED} (?:beat|edged|defeated|downed|thrashed|routed|crushed|blanked"
                       rf"|held off|saw off|overcame|outlasted) (?:the )?{_SIDE_NAMED} (\d+-\d+)\b(?! on penalties| on aggregate)"
                       rf"|\bin (?:{_SIDE_NAMED}['’]s? )(\d+-\d+) (?:win|victory) over (?:the )?{_SIDE_NAMED}")
_SPARE = re.compile(r"\bto spare\b")  # "With 2 games to spare, the Serie A title goes to Napoli." (recast.py)
_EXIT_TITLE = re.compile(r"\b(?:crash(?:es)? out|knocked out|bows? out) of\b(?!.* (?:after|by|to|at|on) )")
_DRAW_TITLE = re.compile(r"\b(?:share (?:the )?(?:points|spoils)|draw|draws|drew|hold|holds|held|level)\b")
_DRAWN = re.compile(r"\ban? (\d+-\d+) draw\b|\bdrew (\d+-\d+)\b")
_SETS = re.compile(r"(?: ?\(\d+\))?,? \d+-\d+")
_RUN_TITLE = re.compile(r"^(.+ drops? (?:their |a |an )?\w+ straight(?: (?:game|match|defeat|loss))?)\.$")
_LOST_TO = re.compile(rf"\b(?:fell|lost|falling|losing) (\d+-\d+) (?:at home )?to (?:the )?{_SIDE_NAMED}"
                      rf"|\ban? (\d+-\d+) (?:home )?(?:loss|defeat) to (?:the )?{_SIDE_NAMED}"
                      rf"|\b(?:were|was) beaten (\d+-\d+) by (?:the )?{_SIDE_NAMED}")  # read 84: "Wales were beaten 48-7 by"
_LOSS_TITLE = re.compile(r"\b(?:suffer(?:s|ed)? (?:[\w-]+ ){0,3}(?:defeat|loss)|slumps? to|fall to|falls to|fell to|loses? to|lost to|beaten by"
                         r"|(?:defeat|loss) (?:to|at|in)|(?:humbled|thrashed|routed|hammered) by)\b")
_MEETING_VERBS = r"faces|meets|takes on|against|plays|battles|vs\.?|versus"
_MEETS = re.compile(rf"\b(?:{_MEETING_VERBS}|leads)\b")  # read 85: "leads": a title race
# read 88: "meets defending champion": the other one, told by role
_MET_BY_ROLE = re.compile(rf"\b(?:{_MEETING_VERBS}) (?:the )?(?:[\w-]+ )?"
                          r"(?:seed|champion|holder|favourite|favorite|leader)\b(?! (?-i:[A-Z]))")
_SANCTIONED = re.compile(r"\b(?:banned|suspended|fined|charged|sacked|fired|dismissed)")
# Who a title tells of without a name: "Everton midfielder", "edge rusher", "Teenage debutant", "Sixteen-year-old"
ROLE_WORDS = 3  # the words before a title's role ("Everton midfielder"), or a lead's name ("Argentina's Facundo")
_ROLE = re.compile(r"(?<![\w-])(?:midfielder|defender|striker|forward|winger|goalkeeper|keeper|captain|guard|centre|center"
                   r"|pitcher|quarterback|pass rusher|rusher|wide receiver|receiver|(?<!high )(?<!late )(?<!tip )(?<!dangerous )tackle|kicker|wild card"
                   r"|defensive end|linebacker|cornerback|halfback|half-back|five-eighth"
                   r"|tight end|running back|driver|rider"
                   r"|qualifier|debutant|teenager|rookie|bowler|seamer|spinner|batter|opener|prop|flanker"
                   r"|lock(?! (?:up|in|down|out)\b)"
                   r"|scrum-half|fly-half|hooker|full-back|centre-back|fullback|closer|reliever|shortstop|catcher"
                   r"|outfielder|infielder|right-hander|left-hander|goaltender|netminder|defenceman|defenseman|swimmer"
                   r"|sprinter|jockey|boxer|fighter|golfer|cyclist|coach|manager|boss|champion|underdog|star(?! (?:turn|man|power)\b)|[a-z]+-year-old|ace(?! on (?:the )?\d)"
                   r"|skier|runner|skipper|(?-i:Springbok|Wallaby|All Black)|great(?= (?:announces|retires|calls|dies)\b)"  # read 85
                   r"|(?<!left )(?<!right )wing|leader"  # read 87: "Scotland wing ruled out", read 88: "Ducati leader crashes out"
                   r"|veteran(?! (?-i:[A-Z]))|all-rounder|contender|challenger|prospect|paceman|marathoner|drag-flicker|slugger"
                   r"|quick(?= (?:takes?|claims?|grabs?|bags?|out|ruled|doubtful|set|to miss|withdraws?)\b)"  # read 81
                   r"|wicketkeeper|wicket-keeper"
                   r"|world (?:number|No\.?) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
                   # read 82: "Heavyweight unification set": a weight that names a fight, not a fighter
                   r"|(?:super-|light-)?(?:heavy|cruiser|middle|welter|light|feather|bantam|fly|straw)weight"
                   r"(?! (?:unification|title|bout|fight|clash|showdown|belt|rematch|trilogy|division|crown|contest|card|rivals|stars|fighters|foes)\b))(?![\w-])",
                   re.IGNORECASE)
# a people for its subject, before its verb: "Ethiopian breaks ...", not "Danish team Copenhagen Frost win ..."
# read 67: "Argentine handed two-year doping ban", "Veteran Scot ends title drought"
_DEMONYM_FIRST = re.compile(r"(?:(?:Veteran|Teenage|Young|Former|Unseeded|Unbeaten|Rookie) )?((?-i:[A-Z][a-z]+))"
                            r"(?= (?:(?-i:[a-z]+[^s\W]?s)|handed|banned|suspended|named|fined|charged|cleared|stripped|ruled)\b)")
_DEMONYM_OWNS = re.compile(r"((?-i:[A-Z][a-z]+))['’]s ")
_BEATEN = re.compile(r"\b(?:was|were) (?:\S+ )?(?:beaten|stunned|upset|knocked out|edged|defeated|dumped|ousted)\b"
                     r"|\b(?:lost|loses|fell|falls)\b", re.IGNORECASE)
_SECOND_PARTY = re.compile(r"\b(?:seed|champion|favourite|favorite|holder|leader|No\. ?\d+|top-ranked)\b", re.IGNORECASE)
# A lead whose subject is a side ("The Oilers beat ...", plural), its verb in the past or already present.
_SIDE_LEAD = re.compile(r"^(The (?:[A-Z][\w'’.-]* ){1,3})(beat|rallied|won|defeated|drew|lost|edged|thrashed|routed"
                        r"|came|host|face|visit|were held)\b|^((?:[A-Z][\w'’.-]* ){1,3})(were held)\b")  # "were": a side
_PRESENT = {"rallied": "rally", "won": "win", "defeated": "defeat", "drew": "draw", "lost": "lose", "edged": "edge",
            "thrashed": "thrash", "routed": "rout", "came": "come", "were held": "held"}
_CLAUSE = re.compile(r", (?:with|as|after|while) [^,]*$|, [a-z][^,]*$")
_HELD_AFTER = re.compile(r"^([^,]* held \d+-\d+ by [^,]*?) after .*$")  # "... held 2-2 by Everton at Anfield after X scored"


def _thin(title: str) -> bool:
    """A feed title that names no score and barely a side ("Late drama in Edmonton.", "Game 7.", "Season over for
    Bears quarterback."): read 49 rejected each caption that kept it for body."""
    return len(words(title)) <= 6 and not re.search(r"\d", re.sub(r"\bGame \d\b", "", title))


def _told_now(lead: str) -> str | None:
    """The lead's first sentence in the headline's present tense, its closing clause cut ("..., with Finnish winger
    Eetu Vuorijärvi scoring 1:42 into the extra period"); None unless a side ("The Oilers") is its subject."""
    found = _SIDE_LEAD.match(lead.strip())
    if not found:
        return None
    subject, verb = (found[1], found[2]) if found[1] else (found[3], found[4])
    said = f"{subject}{_PRESENT.get(verb, verb)}{lead.strip()[found.end():]}"
    said = _CLAUSE.sub("", said.rstrip("."))
    return _HELD_AFTER.sub(r"\1", said) + "."


def _first_line(sentence: str, snippet: str) -> str | None:
    """The sentence as the headline, if it can be one of `snippet`."""
    first = _unlabelled(sentence.strip())
    if len(words(first)) > MAX_HEADLINE_WORDS:
        # A title run into its lead, cut where the lead starts; else a long headline that ends as a sentence
        # does ("... 10-6 first-round win over Scotland's Euan Balfron at the World Snooker Championship."):
        # without it the model writes the whole caption, and garbles it (read 29: "second round vs Scotland").
        cut = _title_of_run_on(first)
        if cut:
            first = cut if len(words(cut)) <= MAX_HEADLINE_WORDS else None
        elif first[-1] not in ".!?":
            first = None
    if not first or len(words(first)) > LONGEST_HEADLINE_WORDS or not first[0].isupper() and not first[0].isdigit():
        return None
    if len(words(first)) >= COPY_SHARE * len(words(snippet)):  # the snippet is its headline: pasting it is a copy
        return None
    ended = first if first[-1] in ".!?" else first + "."
    voiced = _as_the_lead_calls_them(in_voice(ended), ended, snippet)
    # read 45: "No-hitter in Cleveland." said "No-hitter.": a place the title is about stays
    return voiced if len(words(voiced)) >= MIN_HEADLINE_WORDS else ended


def _as_the_lead_calls_them(voiced: str, line: str, snippet: str) -> str:
    """A player of three names told by the one the lead calls them by: "Cárdenas" of "Sebastián Cárdenas Mora",
    whom the lead calls Cárdenas alone (the fact-check: "Colombia's Mora", a second surname)."""
    lead = " ".join(split_sentences(snippet)[1:])
    for first, surname in full_names(line):
        if (re.search(rf"\b[A-ZÀ-Þ]\w+ {re.escape(first)} {re.escape(surname)}\b", line)
                and re.search(rf"\b{re.escape(surname)}\b", voiced) and not re.search(rf"\b{re.escape(first)}\b", voiced)
                and re.search(rf"\b{re.escape(first)}\b(?! {re.escape(surname)})", lead)
                and not re.search(rf"\b{re.escape(surname)}\b", lead)):
            voiced = re.sub(rf"\b{re.escape(surname)}\b", first, voiced)
    return voiced


def _restated(title: str, sentence: str) -> bool:
    """The sentence says every word of the title, and more."""
    said = {fold(word) for word in words(sentence)}
    return len(words(sentence)) > len(words(title)) and all(fold(word) in said for word in words(title))


def _unlabelled(sentence: str) -> str:
    label = _LABEL.match(sentence)
    rest = sentence[label.end():] if label else sentence
    event = label and re.match(r"(.+?) preview:", label[0], re.IGNORECASE)
    if event:  # read 89: "UFC 310 preview: title fight set ...", "Champions League final preview: PSG face Liverpool"
        return f"{event[1]}: {rest}"  # the event stays, the wire's word for the story goes
    return rest if rest[:1].isupper() or rest[:1].isdigit() else sentence


def _title_of_run_on(sentence: str) -> str | None:
    """The title of a title run into its lead without a stop: cut before a mid-sentence "The", or
    where the story's first word comes back ("... at Fulham Southampton's return ...")."""
    cut = _RUN_ON.search(sentence)
    if cut:
        return sentence[: cut.start()]
    first = words(sentence)[0]
    again = re.compile(rf"(?<=[a-z0-9]) (?={re.escape(first)}\b)").search(sentence, len(first))
    return sentence[: again.start()] if again else None


def hook_of(head: str) -> str | None:
    """A head's hook: up to and including its first emoji (text.hook_end); None when there is no emoji,
    nothing before it, or too much."""
    end = hook_end(head)
    hook = head[:end].strip() if end else ""
    return hook if 0 < len(words(hook)) <= MAX_HOOK_WORDS else None


def with_headline(snippet: str, candidate: str) -> Candidate | None:
    """The candidate's hook joined to the snippet's headline, its sign-off after; None when they cannot be joined, the
    hook says a number the headline does ("18 YEARS OLD 😳 Inter Miami's 18-year-old ..."), nothing it does not,
    numbers and nothing else, a result before the game or a grown player's age."""
    line = headline(snippet)
    return None if line is None else _joined(snippet, line, candidate)


def _joined(snippet: str, line: str, candidate: str) -> Candidate | None:
    head, sign_off = split_sign_off(candidate)
    hook = hook_of(head)
    if hook is None or _numbers(hook) & _numbers(line) or _says_grown_age(snippet, hook) or _says_twice(hook):
        return None
    said = _content(hook)
    if _says_only(hook, line):
        return None
    if not said and len(NUMBER.findall(hook)) >= STAT_DUMP:  # "38, 31, 14 💨": whose, and of what?
        return None
    if len(_SCORE.findall(hook)) >= 2 or _BARE_COUNT.search(hook) or _owner_for_owned(snippet, hook):
        return None
    money = _numbers(" ".join(_MONEY.findall(hook)))
    if any(money & _numbers(sentence) for sentence in split_sentences(snippet) if _HEARSAY.search(sentence)):
        return None  # the fact-check: "$42 million 🤑" for a figure the snippet gives as reported
    if said & RESULT_WORDS and kind_of(snippet) == "preview" or misplaced(snippet, hook):
        return None
    if _someone_elses(snippet, line, hook) or _counts_another_thing(snippet, hook) or _cuts_a_time(snippet, hook):
        return None
    if not fits(snippet, "", hook):  # what a house sign-off may not say, a hook may not either
        return None
    if _hides_the_star(snippet, line, hook):
        return None
    return Candidate.scored(f"{hook} {starred(snippet, hook, line)} {sign_off}".strip(),
                            getattr(candidate, "mean_logprob", None))


# A list of numbers said bare: the fact-check of 1,160 drafts found "21 wins, 113-115, 116-112" (the loser's
# record and two of three scorecards), "10-7, 18-14", "112, 104, 11 balls to spare", "17.8, 5.1, 72 votes"
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
_MONEY = re.compile(r"[$€£]\s?[\d.,]+|\b[\d.,]+ ?(?:m|bn|million|billion)\b", re.IGNORECASE)
_HEARSAY = re.compile(r"\breported(?:ly)?\b|\b(?:believed|understood|said) to be\b|\brumou?red\b|\baccording to\b",
                      re.IGNORECASE)
_BARE_COUNT = re.compile(r"(?<![\d.,:-])\d+(?:\.\d+)?,(?= )")


def _owner_for_owned(snippet: str, hook: str) -> bool:
    """A name the snippet says only as an owner, told in the hook as the one who did it: "3-1 to China 💔" for
    "lost 3-1 to China's Bilibili Gaming"."""
    for name in re.findall(r"(?<!^)\b(?-i:[A-Z][a-z][\w-]*)\b", hook):
        told = re.findall(rf"\b{re.escape(name)}\b('s|’s)?", snippet)
        if told and all(told) and not re.search(rf"\b{re.escape(name)}(?:'s|’s)", hook):
            return True
    return False


def _someone_elses(snippet: str, line: str, hook: str) -> bool:
    """A hook with a number of a lead sentence whose subject is someone the headline does not name, and the
    hook does not name either: "4 times in the first 52 minutes 🤯" for "Austrian forward Valentin Gstöttner
    scored four times in the first 52 minutes" in Bayern's 7-0."""
    names = [name for name in extract_facts(snippet).names if len(name.tokens) >= 2]
    hook_words = {fold(word) for word in words(hook)}
    line_words = {fold(word) for word in words(line)}
    for sentence in split_sentences(snippet)[1:]:
        said = [fold(word) for word in words(sentence)]
        if not _numbers(hook) & _numbers(sentence) or not said or said[0] in _PRONOUN_STARTS:
            continue  # "The 23-year-old edged Ferrari's Luca Bernardini": the headline's man
        subject = set(said[:SUBJECT_WORDS])
        if any(set(name.distinctive) <= subject and not set(name.distinctive) & (line_words | hook_words)
               for name in names):
            return True
    return False


def _counts_another_thing(snippet: str, hook: str) -> bool:
    """A number in the hook counting what the snippet never names: read 31's "500,000 DOLPHINS 🤯" for
    "500,000 dollars" (a real word, so no made-up-word check sees it)."""
    said = {fold(word) for word in words(snippet)}
    for counted in _COUNTED.finditer(hook):
        noun = fold(counted.group(1))
        if noun in FUNCTION or noun in _AGE_WORDS:
            continue
        if not {noun, noun + "s", noun.removesuffix("s"), noun.removesuffix("es")} & said:
            return True
    return any(_counts_a_modifier(snippet, number, phrase) for number, phrase in _COUNTED_PHRASE.findall(hook))


# a time's seconds: "one minute 54.37 seconds", "1:54.37" (not a clock's "4:30" or a fight's "3:41")
_TIME_SECONDS = re.compile(r"\b(?:\w+) minutes? (\d{1,2}(?:\.\d+)?) seconds\b|\d:(\d{2}\.\d+)\b")


def _cuts_a_time(snippet: str, hook: str) -> bool:
    """"54.37 seconds" for "one minute 54.37 seconds" or 1:54.37 (read 55, facts 0): a time's seconds said as the
    whole time."""
    seconds = {part for found in _TIME_SECONDS.finditer(snippet) for part in found.groups() if part}
    return any(re.search(rf"(?<![\d:.]){re.escape(part)}(?![\d])", hook) for part in seconds)


def _counts_a_modifier(snippet: str, number: str, phrase: str) -> bool:
    """"27 World Cups" for "27 World Cup races" (read 54, facts 0): the hook makes a count of the word that, in
    the snippet, only names what is counted."""
    said = _head_words(phrase)
    for counted in re.finditer(rf"(?<![\d.,]){re.escape(number)} ((?:[^\W\d_][\w'’-]* ?){{1,4}})", snippet):
        told = _head_words(counted.group(1))
        last = len(said) - 1
        if (0 <= last < len(told) - 1 and said[:last] == told[:last]
                and said[last] in (told[last] + "s", told[last] + "es")):
            return True
    return False


def _head_words(phrase: str) -> list[str]:
    """The words of a count's noun phrase, up to the first function word: "World Cup races" of "World Cup races over"."""
    return list(itertools.takewhile(lambda word: word not in FUNCTION, (fold(word) for word in words(phrase))))


def _says_twice(hook: str) -> bool:
    """A word said twice in a hook: "187th ranked 187th", "11 in the playoffs, 11 GOALS"."""
    said = [word.casefold() for word in words(hook) if word.casefold() not in FUNCTION]
    return len(said) != len(set(said))


def _numbers(text: str) -> set[str]:
    """The numbers a text says, in digits or words ("9 months", "nine months", "five-place")."""
    spelled = {str(NUMBER_WORDS[part]) for word in words(text) for part in word.casefold().split("-")
               if part in NUMBER_WORDS}
    return set(NUMBER.findall(text)) | spelled


def _says_only(hook: str, line: str) -> bool:
    """A hook whose every word the headline says, as is or near enough: "five-place grid penalty 💔" before "...
    given five-place grid penalty"; "SUBMITTED 😤" before "submits" (read 72, read 76: a house hook)."""
    said = _content(hook)
    return bool(said) and {_stem(word) for word in said} <= {_stem(word) for word in _content(line)}


def _stem(word: str) -> str:
    """A word's stem, roughly: "submitted" and "submits" alike, "wins" and "win"."""
    return word[:5] if len(word) > 5 else word.removesuffix("s")


def _content(text: str) -> set[str]:
    return {word.casefold() for word in words(text) if word.casefold() not in FUNCTION and not word.isdigit()}


def _says_grown_age(snippet: str, hook: str) -> bool:
    grown = {age for age in ages(snippet) if age >= YOUNG_BELOW}
    return any(n.isdigit() and int(n) in grown for n in NUMBER.findall(hook))


def hook_part(caption: str) -> str | None:
    """A caption's hook, as the house's hook phrasebook keeps it (closers.Phrasebook.from_rows)."""
    return hook_of(split_sign_off(caption)[0])


def headline_all(snippets: list[str], outputs: list[list[str]], house_hooks: Phrasebook | None = None,
                 hooks_only: bool = False) -> list[list[str]]:
    """A backend's candidates, per snippet, with the headline for fact line: after the candidate's hook;
    where no hook can be joined (most often for a score the headline says too: "79-74 in OT 🌴 Duke defeat
    North Carolina 79-74 ...") or every joined one fails the guards (a made-up word in the hook: "26.3 a
    WNBA Superstion 🥶"), after a house hook that fits the story, else alone (the candidate's sign-off
    after it); the model's own candidates where the snippet has no headline. `hooks_only`: the candidates
    are hooks whose mean log-probability is the hook's own, and one below HOOK_FLOOR is not joined."""
    joined = []
    for snippet, candidates in zip(snippets, outputs, strict=True):
        line = headline(snippet)  # once per story, not per candidate
        if line is None:
            joined.append(candidates)
            continue
        # an angle may repeat a word of the headline ("longest streak ..." before "extends his hitting streak"):
        # it says what the headline does not (angles.angle_hooks)
        # the angles read the wire-shaped line, whose subject opens it (not "The title goes to ...")
        angles = [hook for hook in angle_hooks(snippet, voiced_headline(snippet))
                  if not _hides_the_star(snippet, line, hook)]
        angle = _first_fitting(snippet, line, angles, head="")
        if angle:  # what the editor would lead with, in the snippet's words: ahead of any hook of the model's
            joined.append(_opened(snippet, angle, line, candidates))
            continue
        # Hooks set their bar by it; whole captions need it only when none of theirs passes.
        house = house_hook(house_hooks, snippet, line) if hooks_only else None
        floor = HOUSE_HOOK_BAR if house else HOOK_FLOOR
        sure = [c for c in candidates if not hooks_only or (getattr(c, "mean_logprob", None) or 0.0) >= floor]
        ours = [c for c in (_joined(snippet, line, candidate) for candidate in sure) if c is not None]
        passing = [c for c in ours if score_caption(snippet, c).passed]
        if not passing:
            if not hooks_only:
                house = house_hook(house_hooks, snippet, line)
            passing = _opened(snippet, house, line, candidates)
        joined.append(passing)
    return joined


def _hides_the_star(snippet: str, line: str, hook: str) -> bool:
    """The hook tells the lead's star's feat without the star, which the headline would otherwise name (read 81:
    "90th-minute winner 😱 Villa fight back to sink Spurs, 2-1." left the scorer unnamed)."""
    star = star_line(snippet, line)
    return bool(star) and not re.search(rf"\b{re.escape(star.split()[0])}\b", hook) \
        and not star_line(snippet, f"{hook} {line}")


def starred(snippet: str, hook: str | None, line: str) -> str:
    """The headline, and after it the lead's star where the hook and headline leave them out (stars.py), in one
    sentence, as the account's second sentence is its sign-off (text.split_sign_off): "Australia sink Pakistan
    by 9 wickets as Pettinshaw takes 6-41."; "Galaxy edge Sounders to reach West final, 1-0, as ..."."""
    star = star_line(snippet, f"{hook or ''} {line}")
    if not star or not line.endswith(".") or " as " in line or _TRAILING_CLAUSE.search(line) \
            or len(words(line)) + len(words(star)) > MAX_STARRED_WORDS:
        return line  # not "..., their sixth straight road loss as Kubizňák scores twice"
    return f"{line[:-1]}{',' if _ENDS_WITH_SCORE.search(line) else ''} as {star}."


def _opened(snippet: str, hook: str | None, line: str, candidates: list[str]) -> list[Candidate]:
    """The house's hook (or none) before the headline, each candidate's sign-off after. No word of the
    model's before the sign-off: no log-probability of its to judge it by."""
    body = starred(snippet, hook, line)
    opening = f"{hook} {body}" if hook else body
    return [Candidate.scored(f"{opening} {split_sign_off(c)[1]}".strip(), None) for c in candidates]


def house_hook(book: Phrasebook | None, snippet: str, line: str) -> str | None:
    """The house's hook for a story none of the model's hooks could open: for an injury or a ban
    (MOOD_KINDS; "so close 💔" would misread a 5-2 loss) an editor's mood hook, the first of the book's
    (closers.Phrasebook.phrases_for: an editor's hook for a story of its kind and sport, no name, no digit),
    else the hooks of the story's situation (situations.py: "UPSET ALERT 🚨"); the first that fits the
    story as a sign-off must (closers.fits) and passes the guards before the headline (no number the
    snippet does not say: "fifth time this year")."""
    moods = book.phrases_for(snippet)[:HOUSE_HOOKS_TRIED] if book and kind_of(snippet) in MOOD_KINDS else []
    fresh = [hook for hook in moods + situation_hooks(snippet, line)
             if not _says_only(hook, line) and not _hides_the_star(snippet, line, hook)]
    return _first_fitting(snippet, line, fresh)


def _first_fitting(snippet: str, line: str, hooks: list[str], head: str | None = None) -> str | None:
    """The first hook that fits the story before `head` (the headline, unless told) and passes the guards."""
    head = line if head is None else head
    return next((hook for hook in hooks
                 if fits(snippet, head, hook) and score_caption(snippet, f"{hook} {line}").passed), None)
