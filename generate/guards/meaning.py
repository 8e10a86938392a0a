"""Meaning-lock: a caption that keeps every fact of its snippet can still say the opposite of it.

The fact-lock (facts.py) checks which numbers and names a caption has; this module checks what it
says with them. `meaning_issues(snippet, caption)` returns one flag per contradiction, empty when
none is found:

- ``wrong_result:<words>``  who beat whom: the caption has the snippet's loser win ("City beat
  Liverpool", "Liverpool lose to City", "City win") or its winner lose. Results are read from
  "<name> beat/edged/stunned/... <name>", "<name> lost/fell to <name>", "<name> beaten by <name>",
  "<name> won", "a loss to <name>" and score lines "<name> 4-1 <name>"; a negated or future claim
  ("can't beat", "will beat") claims nothing.
- ``reversed_score:<score>``  the winner given the smaller half of the score ("Liverpool 1-4 City",
  "Liverpool beat City 1-4") or the loser the larger.
- ``wrong_pair:<score>``  a score line with a side the snippet never names in a sentence with that score
  ("Barcelona 3-1 Lyon" for a 3-1 aggregate win over Chelsea, Lyon being the final's opponent).
- ``wrong_move:<words>``  a transfer the wrong way round: the caption has the player join the club
  the snippet has him leave ("joins Lille" for "joins Aston Villa ... from Lille"), come from the
  club he joins, or leave the club that signs him ("leaves Mariners" for "Mariners sign Brandvold").
  Read from "joins/signs for/moves to <name>", "<name> signs", "from <name>" and "leaves <name>".
- ``wrong_currency:<as written>``  a currency the snippet does not use, when it uses one ("$45m" or
  "45 million dollars" for "£45m"). Magnitudes ("$45 billion" for "$45 million") are the fact-lock's.
- ``wrong_unit:<number unit>``  a number the snippet counts in one unit counted in another ("30
  rebounds" for "30 points", "10 miles" for "10 km", "5 straight wins" for "five straight defeats",
  "9 straight WSL wins" for "ninth straight WSL match", "two percentage" for "two points"), or with what
  the snippet counts with another number, whatever it counts ("512 caps" for "512 appearances ... 41 caps").
- ``wrong_side:<as written>``  a margin on the wrong side: a number the snippet has ahead of
  something ("two points above the relegation zone", "three shots clear") that the caption has
  behind ("two points down", "3 shots back"), or the other way round.
- ``wrong_count:<as written>``  a count per period the snippet does not give: "twice in each half" or
  "a double in each half" for "scored in each half" (once each), read from "<count> in/of each|every|both
  <half, game, period, set, ...>" in both texts; silent when the snippet counts nothing per period.
- ``wrong_gender:<word>``  a pronoun or slang word of the other gender ("she's HIS", "the kid is HIM",
  "heal up, queen") when the snippet's pronouns (or women's/men's) are of one gender only.
- ``wrong_country:<as written>``  a country, demonym or flag emoji the snippet does not name when it
  names another country ("🇧🇷" or "Brazilian" for a story about Argentina). A snippet that names no
  country supports any: a city or a team can imply one (🇺🇸 for Las Vegas).

Names are the snippet's (facts.extract_facts) and a caption mentions one by any distinctive word,
initials or nickname, or by a generic word of it in capitals ("City" for Manchester City) when only
one name has that word. Everything here errs towards silence: a contradiction it reports must be one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generate import countries
from generate.guards import lexicon
from generate.guards.facts import Name, extract_facts, nickname
from text import fold, normalize, split_sentences, words

CODES = ("wrong_result", "reversed_score", "wrong_pair", "wrong_move", "wrong_currency", "wrong_unit", "wrong_side",
         "wrong_count", "wrong_gender", "wrong_country")

# --- reading a text as words, scores and breaks -------------------------------------------------

_ITEM = re.compile(
    r"(?P<score>(?<![\w.-])\d{1,3}\s?-\s?\d{1,3}(?![\w-]))"
    r"|(?P<word>[^\W\d_][\w']*)"
    r"|(?P<stop>[.!?;:,\n…|()\"“”]|[^\w\s'\-&/+$£€%])"  # clause marks, emoji and other symbols
)


@dataclass(frozen=True)
class _Item:
    kind: str  # word | score | stop
    text: str
    folded: str = ""
    score: tuple[int, int] | None = None


def _items(text: str) -> list[_Item]:
    items = []
    for match in _ITEM.finditer(normalize(text)):
        if match.group("score"):
            a, b = (int(p) for p in re.split(r"\s?-\s?", match.group("score")))
            items.append(_Item("score", match.group(0), score=(a, b)))
        elif match.group("word"):
            items.append(_Item("word", match.group(0), fold(match.group(0))))
        else:
            items.append(_Item("stop", match.group(0)))
    return items


def _name_index(item: _Item, names: tuple[Name, ...]) -> int | None:
    """Which snippet name a word mentions, if exactly one (see the module docstring)."""
    if item.kind != "word" or len(item.folded) < 2:
        return None
    forms = {item.folded, item.folded[:-1] if item.folded.endswith("s") else item.folded}
    found = {i for i, name in enumerate(names)
             if forms & set(name.distinctive) or any(nickname(item.folded, t) for t in name.distinctive)
             or (item.text.isupper() and item.folded in name.initials)}
    if not found and item.text[:1].isupper():
        found = {i for i, name in enumerate(names) if forms & set(name.tokens)}
    return found.pop() if len(found) == 1 else None


# --- who beat whom ------------------------------------------------------------------------------

# Verbs of a win, with the winner before them (not "down", "tops" or "sinks": "3-0 down", "Curry
# sinks a three" are no results; "stops" and "submits" are how a fight is won).
_BEAT = frozenset("""
beat beats beating defeat defeats defeated defeating edge edges edged edging thrash thrashes thrashed
stun stuns stunned upset upsets rout routs routed downed overcame overcome overcomes crush crushes
crushed hammer hammers hammered sweep sweeps swept eliminate eliminates eliminated dump dumps dumped
humble humbles humbled destroy destroys destroyed dominate dominates dominated cook cooks cooked
bodied bodies smash smashes smashed sank topped outlast outlasts outlasted oust ousts ousted dethrone
dethrones dethroned outscore outscores outscored blank blanks blanked whitewash whitewashed demolish
demolished stomp stomped trounce trounced stop stops stopped submit submits submitted outpoint outpoints
outpointed
""".split())
_LOSE = frozenset("lose loses lost losing fall falls fell".split())
_WIN = frozenset("win wins won".split())
_WIN_NOUNS = frozenset("win victory triumph".split())  # "a win for X", "X's win over Y"
_LOSS_NOUNS = frozenset("loss defeat".split())
_BY = frozenset("by to against".split())
_OVER = frozenset("over against vs v versus past".split())
_BEATEN_AFTER = frozenset("over past on".split())  # "4-1 over City", "put 4-1 on City": City lost
# Auxiliaries that make a win verb passive: "City got cooked", "City were beaten".
_PASSIVE = frozenset("is are was were got get gets been be being".split())
# Words that may stand between a name and its verb: "Liverpool just beat", "Liverpool have beaten".
_BETWEEN = frozenset("""
just finally really officially have has had did somehow again comfortably easily narrowly all also
then still now 've
""".split())
# A claim after these is negated, hypothetical or future: it states no result.
_NOT_A_CLAIM = frozenset("""
not never no can't cannot couldn't didn't don't doesn't won't wouldn't failed fail to would could
might will should can must if nobody unable 'll
""".split())
# What may follow a verb that has nothing done to: "Australia COOKED at home".
_THEN_WHERE = frozenset("at in on from again today tonight there here".split())  # "T1 eliminated from Worlds"
# Words before a name that make the score after it the sentence's, not the name's.
_GOVERNING = _BEAT | _LOSE | _WIN | _WIN_NOUNS | _LOSS_NOUNS | _BY | _OVER | frozenset({"the", "beaten", "for"})


@dataclass(frozen=True)
class _Claim:
    winner: int | None
    loser: int | None
    words: str  # as written, for the flag


def _before(items: list[_Item], verb: int) -> tuple[int, bool]:
    """(where the words before a verb stop being `_BETWEEN` or `_PASSIVE`, whether one was passive)."""
    i, passive = verb - 1, False
    while i >= 0 and items[i].kind == "word" and items[i].folded in _BETWEEN | _PASSIVE:
        passive = passive or items[i].folded in _PASSIVE
        i -= 1
    return i, passive


def _by_follows(items: list[_Item], verb: int) -> bool:
    """ "swept by Sentinels", "swept 3-0 by Sentinels": the verb is passive."""
    i = verb + 1
    while i < len(items) and items[i].kind == "score":
        i += 1
    return i < len(items) and items[i].kind == "word" and items[i].folded == "by"


def _negated(items: list[_Item], verb: int) -> bool:
    i, _ = _before(items, verb)
    return i >= 0 and items[i].kind == "word" and items[i].folded in _NOT_A_CLAIM


def _subject(items: list[_Item], verb: int, names) -> int | None:
    """The name right before a verb, across only `_BETWEEN` words (and a score: "Liverpool 4-1 win")."""
    i, _ = _before(items, verb)
    if i >= 0 and items[i].kind == "score":
        i -= 1
    return _name_index(items[i], names) if i >= 0 else None


def _object(items: list[_Item], start: int, names, skip=frozenset({"the"})) -> int | None:
    """The name at `start`, after any `skip` words."""
    i = start
    while i < len(items) and items[i].kind == "word" and items[i].folded in skip:
        i += 1
    return _name_index(items[i], names) if i < len(items) else None


def _claims(items: list[_Item], names) -> list[_Claim]:
    claims = []
    for i, item in enumerate(items):
        if item.kind != "word" or _negated(items, i):
            continue
        word, after = item.folded, items[i + 1] if i + 1 < len(items) else None
        subject = _subject(items, i, names)
        passive = _before(items, i)[1] or _by_follows(items, i)
        if word in _WIN_NOUNS | _LOSS_NOUNS and after is not None and after.kind == "word" and after.folded == "for":
            obj = _object(items, i + 2, names)  # "a win for Liverpool", "defeat for City"
            claims.append(_Claim(obj, None, item.text) if word in _WIN_NOUNS else _Claim(None, obj, item.text))
        elif word in _BEAT or word in {"beaten"}:
            obj = _object(items, i + 1, names, skip=frozenset({"the", "by", "out", "off"}))
            # "Dortmund COOKED", "Penguins blanked": a past form with nobody after it is what
            # happened to the subject.
            ends_clause = after is None or after.kind != "word" or after.folded in _THEN_WHERE
            if passive or word == "beaten" or (obj is None and word.endswith("ed") and ends_clause):
                claims.append(_Claim(obj, subject, item.text))
            else:
                claims.append(_Claim(subject, obj, item.text))
        elif word in _LOSE:
            obj = _object(items, i + 1, names, skip=frozenset({"the"}) | _BY)
            claims.append(_Claim(obj, subject, item.text))
        elif word in _WIN:
            over = after is not None and after.kind == "word" and after.folded in _OVER  # "won over City"
            obj = _object(items, i + 1, names, skip=frozenset({"the"}) | _OVER) if over else None
            claims.append(_Claim(subject, obj, item.text))
        elif word in _WIN_NOUNS and after is not None and after.kind == "word" and after.folded in _OVER:
            obj = _object(items, i + 2, names)  # "Liverpool's victory over City"
            claims.append(_Claim(subject, obj, item.text))
        elif word in _LOSS_NOUNS and after is not None and after.kind == "word" and after.folded in _BY:
            obj = _object(items, i + 2, names)  # "Sunday's 109-101 loss to the Mavericks", "defeat by City"
            claims.append(_Claim(obj, subject, item.text))
    return [c for c in claims if c.winner is not None or c.loser is not None]


def _score_lines(items: list[_Item], names) -> list[tuple[int, tuple[int, int], str]]:
    """(name, (its score, the other side's), as written) for every "<name> a-b" that is no draw,
    and for the second name of "<name> a-b <name>"."""
    lines = []
    for i, item in enumerate(items):
        if item.kind != "score" or i == 0 or item.score[0] == item.score[1] or _in_set_scores(items, i):
            continue  # a draw, or one set of several: neither says who won
        before = _name_index(items[i - 1], names)
        start = i - 1
        while start > 0 and before is not None and _name_index(items[start - 1], names) == before:
            start -= 1  # "Manchester City 4-1": where the name starts
        # A clause that starts "Liverpool 4-1", or "Liverpool 4-1 City": not "... win over City 4-1".
        leads = start == 0 or items[start - 1].kind == "stop"
        governed = start > 0 and items[start - 1].kind == "word" and items[start - 1].folded in _GOVERNING
        other = _name_index(items[i + 1], names) if i + 1 < len(items) else None
        if before is not None and (leads or (other not in (None, before) and not governed)):
            lines.append((before, item.score, item.text))
            if other not in (None, before):
                lines.append((other, item.score[::-1], item.text))
    return lines


@dataclass(frozen=True)
class Result:
    winners: frozenset[int]
    losers: frozenset[int]


@functools.lru_cache(maxsize=256)  # asked for each candidate, twice (result and score checks)
def result_of(snippet: str) -> Result:
    """Who won and who lost in the snippet, by name index; a name on both sides counts on neither."""
    names = extract_facts(snippet).names
    items = _items(snippet)
    winners, losers = set(), set()
    for claim in _claims(items, names):
        winners |= {claim.winner} - {None}
        losers |= {claim.loser} - {None}
    for name, (mine, theirs), _ in _score_lines(items, names):
        (winners if mine > theirs else losers).add(name)
    return Result(frozenset(winners - losers), frozenset(losers - winners))


def result_issues(snippet: str, caption: str) -> list[str]:
    """wrong_result flags: the caption has the snippet's loser win or its winner lose."""
    result = result_of(snippet)
    names = extract_facts(snippet).names
    flags = [f"wrong_result:{claim.words}" for claim in _claims(_items(caption), names)
             if claim.winner in result.losers or claim.loser in result.winners]
    return list(dict.fromkeys(flags))


def score_issues(snippet: str, caption: str) -> list[str]:
    """reversed_score flags: the snippet's winner given the smaller half of a score, or its loser the
    larger: "Liverpool 1-4 City", "City 4-1 Liverpool", "beat City 1-4", "won 1-4", "1-4 over City"."""
    result = result_of(snippet)
    names = extract_facts(snippet).names
    items = _items(caption)
    flags = [item for name, (mine, theirs), item in _score_lines(items, names)
             if (name in result.winners and mine < theirs) or (name in result.losers and mine > theirs)]
    if result.winners or result.losers:
        # Only a match's single score: in "3-6 6-3 7-5" the winner may well lose a set.
        flags += [item.text for i, item in enumerate(items)
                  if item.kind == "score" and item.score[0] < item.score[1] and not _in_set_scores(items, i)
                  and _winner_first(items, i, names, result)]
    # A score the snippet only ever writes the other way round ("0-5" for its "5-0"), wherever it stands.
    written_there = {item.score for item in _items(snippet) if item.kind == "score"}
    flags += [item.text for item in items if item.kind == "score" and item.score[0] != item.score[1]
              and item.score not in written_there and item.score[::-1] in written_there]
    return [f"reversed_score:{written}" for written in dict.fromkeys(flags)]


def pair_issues(snippet: str, caption: str) -> list[str]:
    """wrong_pair flags: a score line with a side the snippet never names in a sentence with that score
    ("Barcelona 3-1 Lyon" for "a 3-1 aggregate win" over Chelsea, "Barcelona will play Lyon in the final")."""
    names = extract_facts(snippet).names
    sentences = [_items(sentence) for sentence in split_sentences(snippet or "")]

    def said_with(name: int, score: tuple[int, int]) -> bool:
        return any({score, score[::-1]} & {item.score for item in items if item.kind == "score"}
                   and any(_name_index(item, names) == name for item in items) for items in sentences)

    flags = [written for name, score, written in _score_lines(_items(caption), names) if not said_with(name, score)]
    return [f"wrong_pair:{written}" for written in dict.fromkeys(flags)]


def _in_set_scores(items: list[_Item], i: int) -> bool:
    return any(0 <= j < len(items) and items[j].kind == "score" for j in (i - 1, i + 1))


def _winner_first(items: list[_Item], score: int, names, result: Result) -> bool:
    """Whether the score at `score` is the winner's, who must come first: it follows a win verb
    ("beat City 4-1", "won 4-1") or precedes the loser ("4-1 over City", "put 4-1 on City")."""
    for i in range(score - 1, max(score - 6, -1), -1):
        if items[i].kind != "word":
            break
        if items[i].folded in _BEAT | _WIN:
            return not _negated(items, i) and _subject(items, i, names) not in result.losers
    for i in range(score + 1, min(score + 6, len(items))):
        if items[i].kind != "word":
            break
        if items[i].folded in _BEATEN_AFTER:
            return _object(items, i + 1, names) in result.losers
    return False


# --- which way a transfer goes -------------------------------------------------------------------

_JOIN = frozenset("join joins joined joining".split())
# Verbs whose "to"/"for"/"with" names where a player goes: "signs for Chelsea", "moves to Milan".
_TO_AFTER = frozenset("sign signs signed signing move moves moved moving head heads headed heading".split())
_SIGN = frozenset("sign signs signed re-sign re-signs re-signed extend extends extended".split())
_LEAVE = frozenset("leave leaves left leaving exit exits exited quit quits quitting ditch ditches ditched".split())


def _moves(items: list[_Item], names) -> list[tuple[str, int, str]]:
    """("to" | "from" | "leaves", name index, as written) for every "joins X", "signs for X", "moves to X",
    "X sign(s)" (a club signing a player keeps or gets him), "from X" and "leaves X" that names a
    snippet name."""
    moves = []
    for i, item in enumerate(items):
        if item.kind != "word" or _negated(items, i):
            continue
        if item.folded in _JOIN:
            target, way = _object(items, i + 1, names), "to"
        elif (item.folded in _TO_AFTER and i + 1 < len(items) and items[i + 1].kind == "word"
              and items[i + 1].folded in ("to", "for", "with")):
            target, way = _object(items, i + 2, names), "to"
        elif item.folded == "from":
            target, way = _object(items, i + 1, names), "from"
        elif item.folded in _LEAVE:
            target, way = _object(items, i + 1, names), "leaves"
        elif item.folded in _SIGN:
            target, way = _subject(items, i, names), "to"
        else:
            continue
        if target is not None:
            moves.append((way, target, item.text))
    return moves


def move_issues(snippet: str, caption: str) -> list[str]:
    """wrong_move flags: the caption sends the player to the club he leaves, has him come from or leave
    the one he joins or signs with."""
    names = extract_facts(snippet).names
    said = _moves(_items(snippet), names)
    to = {target for way, target, _ in said if way == "to"}
    away = {target for way, target, _ in said if way in ("from", "leaves")}
    if not to or to & away:
        return []
    # "from" the club that signs him is only a contradiction when the snippet says where he came from:
    # "$240m from the Mariners" is the Mariners paying.
    flags = [f"wrong_move:{words} {names[target].text}" for way, target, words in _moves(_items(caption), names)
             if (way == "to" and target in away) or (way == "leaves" and target in to)
             or (way == "from" and away and target in to)]
    return list(dict.fromkeys(flags))


# --- currencies and units -----------------------------------------------------------------------

_CURRENCY_SYMBOLS = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "₹": "rupee"}
_AMOUNT = r"\d[\d,.]*\s?(?:k|m|mn|bn|b|thousand|million|billion)?\s?"
_CURRENCY = re.compile(
    rf"(?P<symbol>[$£€¥₹])\s?{_AMOUNT}"
    rf"|{_AMOUNT}(?P<word>dollars?|bucks|pounds?|quid|euros?|yen|rupees?)\b",
    re.IGNORECASE,
)
_CURRENCY_WORDS = {"dollar": "dollar", "dollars": "dollar", "bucks": "dollar", "pound": "pound",
                   "pounds": "pound", "quid": "pound", "euro": "euro", "euros": "euro", "yen": "yen",
                   "rupee": "rupee", "rupees": "rupee"}


def _currencies(text: str) -> dict[str, str]:
    """{currency: as first written} for every amount with a currency in `text`."""
    found: dict[str, str] = {}
    for match in _CURRENCY.finditer(text or ""):
        symbol, word = match.group("symbol"), match.group("word")
        currency = _CURRENCY_SYMBOLS[symbol] if symbol else _CURRENCY_WORDS[word.lower()]
        found.setdefault(currency, match.group(0).strip())
    return found


def currency_issues(snippet: str, caption: str) -> list[str]:
    named = _currencies(snippet)
    if not named:
        return []
    return [f"wrong_currency:{written}" for currency, written in _currencies(caption).items() if currency not in named]


_UNITS = {  # as written → one spelling; a number counted in two of these is two facts
    **{u: "points" for u in ("points", "point", "pts", "pt")}, **{u: "rebounds" for u in ("rebounds", "rebound", "reb", "rebs")},
    **{u: "assists" for u in ("assists", "assist", "ast")}, **{u: "goals" for u in ("goals", "goal")},
    **{u: "runs" for u in ("runs", "run")}, **{u: "wickets" for u in ("wickets", "wicket", "wkts")},
    **{u: "yards" for u in ("yards", "yard", "yds", "yd")}, **{u: "touchdowns" for u in ("touchdowns", "touchdown", "tds")},
    **{u: "saves" for u in ("saves", "save")}, **{u: "strikeouts" for u in ("strikeouts", "strikeout", "ks")},
    **{u: "aces" for u in ("aces", "ace")}, **{u: "laps" for u in ("laps", "lap")},
    **{u: "games" for u in ("games", "game")}, **{u: "matches" for u in ("matches", "match")},
    **{u: "seconds" for u in ("seconds", "second", "secs", "sec")}, **{u: "minutes" for u in ("minutes", "minute", "mins", "min")},
    **{u: "hours" for u in ("hours", "hour", "hrs")}, **{u: "days" for u in ("days", "day")},
    **{u: "weeks" for u in ("weeks", "week")}, **{u: "months" for u in ("months", "month")},
    **{u: "years" for u in ("years", "year", "yrs", "yr", "seasons", "season")},  # a 1-year deal is 1 season
    **{u: "km" for u in ("km", "kilometres", "kilometers", "kilometre", "kilometer")},
    **{u: "miles" for u in ("miles", "mile")}, **{u: "metres" for u in ("metres", "meters", "metre", "meter")},
}
_COUNTED_AS = {  # results and shares are counted things too: "5 straight wins" for "five straight defeats"
    **_UNITS, **{u: "wins" for u in ("wins", "win", "victories", "victory")},
    **{u: "defeats" for u in ("defeats", "defeat", "losses", "loss")}, **{u: "draws" for u in ("draws", "draw")},
    **{u: "percent" for u in ("percent", "percentage", "%")}, **{u: "tries" for u in ("tries", "try")},
    **{u: "medals" for u in ("medals", "medal")}, **{u: "titles" for u in ("titles", "title")},
    **{u: "centuries" for u in ("centuries", "century")},
}
_COUNT_TOKEN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:st|nd|rd|th)?\b|%|[^\W\d_][\w']*|[^\w\s]")
# Number words that count: not "one"/"first" (pronoun and hype), nor "twice", "double", "brace" (no noun follows).
_COUNT_WORDS = {w: v for w, v in lexicon.NUMBER_WORDS.items() if v >= 2 and "-" not in w
                and w not in {"twice", "thrice", "double", "treble", "brace", "single", "once", "dozen", "hundred"}}
_COUNT_GAP = 4  # words between a number and what it counts: "nine consecutive Women's Super League games"
_NOT_A_MODIFIER = frozenset("""
and or but nor in on at of to for with by as after before from than over against vs versus the his her their
its a an who which that this these those is are was were has have had will would""".split())


def _count_value(token: str) -> str | None:
    """"9", "9th", "nine" and "ninth" → "9"; anything else → None."""
    if token[:1].isdigit():
        return re.sub(r"(?:st|nd|rd|th)$", "", token)
    value = _COUNT_WORDS.get(token.lower())
    return None if value is None else str(value)


def _joined_to_a_number(pair: list[str]) -> bool:
    """A hyphen or colon, then a number: the other half of a score or a time."""
    return len(pair) == 2 and pair[0] in "-:" and pair[1][:1].isdigit()


def _standalone_numbers(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The text's tokens, and (index, value) of each number among them that is not half of a score or a
    time ("2-1", "1:52"): the numbers that can count or measure something."""
    tokens = _COUNT_TOKEN.findall(normalize(text))
    numbers = []
    for i, token in enumerate(tokens):
        number = _count_value(token)
        if number is not None and not _joined_to_a_number(tokens[i + 1 : i + 3]) \
                and not _joined_to_a_number(tokens[max(0, i - 2) : i][::-1]):
            numbers.append((i, number))
    return tokens, numbers


def _counted(text: str) -> dict[str, dict[str, str]]:
    """{number: {what it counts: as written}} for every "<number> [up to _COUNT_GAP modifiers] <unit>"
    in `text` ("5 straight wins", "ninth straight WSL match", "211-run"). A number in a score or a time
    ("2-1", "1:52") counts nothing."""
    tokens, numbers = _standalone_numbers(text)
    found: dict[str, dict[str, str]] = {}
    for i, number in numbers:
        gap = 0
        for word in tokens[i + 1 :]:
            unit = _COUNTED_AS.get(word.lower())
            if unit:
                found.setdefault(number, {}).setdefault(unit, f"{tokens[i]} {word}")
                break
            if word == "-":  # "211-run"
                continue
            if gap == _COUNT_GAP or not word[:1].isalpha() or word.lower() in _NOT_A_MODIFIER or _count_value(word):
                break
            gap += 1
    return found


# Games counted as games, matches, results or weeks are one count ("a 9-game losing streak" is "9 straight
# losses"), except a result for its opposite ("5 straight wins" for "five straight defeats").
_GAMES = frozenset("games matches wins defeats draws weeks titles".split())
_OPPOSED = frozenset(map(frozenset, (("wins", "defeats"), ("wins", "draws"), ("defeats", "draws"))))


def _same_count(a: str, b: str) -> bool:
    return a == b or (a in _GAMES and b in _GAMES and frozenset((a, b)) not in _OPPOSED)


MISATTRIBUTION_WINDOW = 3  # words after a snippet's number that say what it counts ("1,012 receiving yards")
# "N thing", not "N YEARS OLD" (an age), "No. 3 pick" or "UFC 328 ..." (a rank, an event's number)
_NUMBER_THING = re.compile(r"(?<![\w.,:/-])(?<!No\. )(?<!UFC )(\d[\d,]*(?:\.\d+)?) ([a-z]{3,})\b(?! old\b)",
                           re.IGNORECASE)
_STEM = 4  # "caps" and "cap", "goals" and "goal": one thing counted


def _miscounted(snippet: str, caption: str) -> list[str]:
    """"N thing" of the caption where the snippet counts that thing, whatever it is, with another number and
    N never counts it: "512 caps" for "made 512 appearances and won 41 caps"."""
    # A score ("26-23") is one token: it counts nothing ("after missing 3 field goals" is not "23 missing").
    tokens = [fold(word).rstrip(",.") for word in re.findall(r"\d+(?:-\d+)+|[\w,.]+", snippet or "")]

    def counts(i: int) -> set[str]:
        return {token[:_STEM] for token in tokens[i + 1:i + 1 + MISATTRIBUTION_WINDOW]}

    counted: dict[str, set[str]] = {}  # a thing's stem -> the numbers the snippet counts it with
    for i, token in enumerate(tokens):
        if token[:1].isdigit() and "-" not in token:
            for stem in counts(i):
                counted.setdefault(stem, set()).add(token)
    acronyms = set(re.findall(r"\b[A-Z]{2,}\b", snippet or ""))
    wrong = []
    for number, thing in _NUMBER_THING.findall(caption or ""):
        stem = fold(thing)[:_STEM]
        if thing.casefold() in lexicon.FUNCTION or thing[0].isupper() and not thing.isupper() or thing in acronyms:
            continue  # "4 and", "2021 Roland Garros", "20 PGA Tour titles"
        if number in tokens and counted.get(stem, set()) - {number} and number not in counted.get(stem, ()):
            wrong.append(f"{number} {thing}")
    return wrong


def unit_issues(snippet: str, caption: str) -> list[str]:
    in_snippet = _counted(snippet)
    flags = []
    for number, units in _counted(caption).items():
        known = in_snippet.get(number)
        flags += [f"wrong_unit:{written}" for unit, written in units.items()
                  if known and not any(_same_count(unit, k) for k in known)]
    flags += [f"wrong_unit:{written}" for written in _miscounted(snippet, caption)]
    return list(dict.fromkeys(flags))


# --- margins -------------------------------------------------------------------------------------

_SIDES = {**dict.fromkeys("above ahead clear up".split(), "ahead"),
          **dict.fromkeys("below behind adrift down back off".split(), "behind")}
_MARGIN_UNITS = frozenset(_COUNTED_AS) | frozenset("shots shot strokes stroke places place spots spot".split())


def _sides(text: str) -> dict[str, tuple[str, str]]:
    """{number: (ahead | behind, as written)} for every "<number> [unit] <side>" in `text` ("two points
    above", "3 shots back", "2 up"). Scores and times are not margins."""
    tokens, numbers = _standalone_numbers(text)
    found: dict[str, tuple[str, str]] = {}
    for i, number in numbers:
        after = [w.lower() for w in tokens[i + 1 : i + 3]]
        if after and after[0] in _MARGIN_UNITS:
            after = after[1:]
        if after and after[0] in _SIDES:
            found.setdefault(number, (_SIDES[after[0]], " ".join(tokens[i : i + 3])))
    return found


def side_issues(snippet: str, caption: str) -> list[str]:
    in_snippet = _sides(snippet)
    return [f"wrong_side:{written}" for number, (side, written) in _sides(caption).items()
            if number in in_snippet and in_snippet[number][0] != side]


# --- counts per period ---------------------------------------------------------------------------

_PER_PERIOD = re.compile(
    r"(?:\b(?P<count>[\w-]+)\s+)?(?:goals?\s+|times?\s+)?\b(?:in|of)\s+(?:each|every|both)\s+(?:of\s+the\s+)?"
    r"(?:halves|half|games?|periods?|quarters?|sets?|rounds?|legs?|innings|frames?|matches|match)\b",
    re.IGNORECASE)


def _per_period(text: str) -> tuple[int, str] | None:
    """(how many times per period, as written) for the first "<count> in each <period>" in `text`; no
    count word before it ("scored in each half") is once."""
    match = _PER_PERIOD.search(normalize(text))
    if not match:
        return None
    word = (match["count"] or "").lower()
    count = lexicon.NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else 1)  # "twice", "brace" too
    return count, match[0].strip()


def count_issues(snippet: str, caption: str) -> list[str]:
    said, claimed = _per_period(snippet), _per_period(caption)
    if said is None or claimed is None or said[0] == claimed[0]:
        return []
    return [f"wrong_count:{claimed[1]}"]


# --- gender ---------------------------------------------------------------------------------------

# How a snippet says who the story is about: pronouns, and women's or men's sport.
_SHE = frozenset(["she", "her", "hers", "herself", "woman", "women", "women's"])
_HE = frozenset(["he", "him", "his", "himself", "men's"])
# What a caption calls them, slang included ("she's HER", "the kid is HIM", "heal up, queen").
SAID_SHE = _SHE | {"queen", "girl", "sis"}
SAID_HE = _HE | {"king", "bro", "lad", "man"}


def gender_of(snippet: str) -> str | None:
    """"f" or "m" when the snippet's pronouns (or women's/men's) are of one gender only, else None."""
    said = {word.casefold() for word in words(snippet)}
    she, he = bool(said & _SHE), bool(said & _HE)
    return "f" if she and not he else "m" if he and not she else None


def gender_issues(snippet: str, caption: str) -> list[str]:
    """wrong_gender:<word> for each word of the other gender the caption says ("she's HIS" for a woman);
    silent when the snippet says no gender or both."""
    other = {"f": SAID_HE, "m": SAID_SHE}.get(gender_of(snippet) or "", frozenset())
    return list(dict.fromkeys(f"wrong_gender:{word}" for word in words(caption) if word.casefold() in other))


# --- countries ----------------------------------------------------------------------------------


def country_issues(snippet: str, caption: str) -> list[str]:
    named = countries.named(snippet)
    if not named:
        return []
    return [f"wrong_country:{written}" for code, written in countries.named(caption).items()
            if not countries.supported(code, named)]


def meaning_issues(snippet: str, caption: str) -> list[str]:
    """Every contradiction of the snippet the caption states (see the module docstring)."""
    if not caption:
        return []
    return (result_issues(snippet, caption) + score_issues(snippet, caption) + pair_issues(snippet, caption)
            + move_issues(snippet, caption)
            + currency_issues(snippet, caption) + unit_issues(snippet, caption) + side_issues(snippet, caption)
            + count_issues(snippet, caption) + gender_issues(snippet, caption) + country_issues(snippet, caption))
