"""The house's hooks by situation: what a caption can open with when none of the model's hooks may.

Blind reads 23-24 edited most captions for one reason: "no hook; headline pasted". The model's hooks
clear headlines.HOOK_FLOOR for about one story in three, and the seed set's mood hooks ("brutal 💔")
serve only injuries and bans. Editors open the others with the story's situation, not a new fact: an
upset ("UPSET ALERT 🚨"), a late winner ("LATE DRAMA 😱"), a rout, a done deal, a sacking. Each
situation is told by words of the story; the first that matches, most telling first, lends its hooks.
They say nothing the story does not (the words that call it an upset are in it), so a hook is a frame,
never a claim; headlines.house_hook still runs each through the sign-off fit and the guards.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

from generate.kinds import RECORD_SET, TRIUMPH, kind_of
from text import split_sentences

GOAL_SPORT_MAX = 15  # a score with both sides at most this is goals or runs of a low-scoring game, not points
ROUT_MARGIN = 4
POINTS_ROUT_MARGIN = 25  # an NBA 142-98, an NFL 44-6, a rugby 52-7
POINTS_GAME_MAX = 80


def _rule(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Situation:
    name: str
    kinds: frozenset[str]  # kinds.kind_of's kinds it can be told in
    told_by: re.Pattern  # read over the headline, or the whole snippet when `in_lead`
    hooks: tuple[str, ...]
    in_lead: bool = False
    also: re.Pattern | None = None  # what the whole snippet must say too ("round" for a knockout)
    unless: re.Pattern | None = None  # what the whole snippet must not say ("has signed" for a deal nearly done)


def _situation(name: str, kinds: str, pattern: str, hooks: tuple[str, ...], in_lead: bool = False,
               also: str | None = None, unless: str | None = None) -> Situation:
    return Situation(name, frozenset(kinds.split()), _rule(pattern), hooks, in_lead, also and _rule(also),
                     unless and _rule(unless))


WIN, ANY = TRIUMPH, r"."
# A horse race's words: its "Derby" is no rivalry (read 42), here and in the sign-offs' fits (closers.py).
HORSE_RACING = frozenset(["jockey", "trainer", "racecourse", "furlong", "furlongs", "gelding", "filly", "colt", "mare"])
# Most telling first: a comeback won in overtime is a comeback.
SITUATIONS = (
    _situation("record", WIN, RECORD_SET +
               r"|\bsets? (?:a |the )?franchise mark\b"  # read 80: "sets franchise mark with 14 threes" had no hook
               r"|\bworld record\b|\brecord-breaking\b|\b[\w.]+-record\b(?! low)"
               r"|\b(?:course|national|meet|championship|olympic|games|european|american|british|area) record\b"
               r"|\bfastest (?:player|man|woman|driver|rider|team) to\b",
               ("HISTORY 🚨", "history made 📈", "record books, rewritten 📖")),
    # read 72: "untouchable 🔒" on a nine-darter in a night whose final he lost: a perfect leg, not a perfect night
    _situation("perfect leg", WIN, r"\bnine-dart(?:er| finish)\b|\bmaximum 147\b|\b147 maximum\b|\b(?:makes?|made) a 147\b"
               r"|\bmaximum break\b",
               ("PERFECTION 🎯",)),
    _situation("perfect", WIN, r"\bno-hitter\b|\bperfect game\b|\bone-hitter\b|\bshutout\b|\bblanks?\b|\bshuts? out\b",
               ("untouchable 🔒",)),
    # not "rally from 17 down to stun the Dolphins": a comeback (read 53: "UPSET ALERT" with no underdog)
    _situation("upset", f"{WIN} loss", r"(?<!\bto )\bstun(?:s|ned)?\b|\bupset\w*|\bshock\b|\bunranked\b|\boutsider\b"
               r"|\bunderdogs?\b|\bgiant-kill\w*|\bminnows\b|\b(?:third|fourth|fifth)-tier\b|\b(?:lower|non)-league\b"
               r"|\bqualifier\b|\bwild ?card\b|\blucky loser\b|\bleague (?:one|two)(?: side)?\b|\bdivisions? below\b"
               r"|\bbeats? (?:\S+ ){0,3}(?:number|no\.?) (?:one|1)\b",
               ("UPSET ALERT 🚨", "nobody saw this coming 😳", "SHOCK result 😱")),
    _situation("comeback", WIN, r"\brall(?:y|ies|ied) (?:from|back)\b|\bcomeback\b|\bfrom behind\b"
               r"|\bf(?:ight|ought)s? back\b|\b\d+ (?:points|goals|runs) down\b"
               r"|\bc(?:o|a)mes? (?:back )?from \S+ (?:\S+ ){0,3}down\b"
               # read 72: "Chiefs erase 17-point deficit to stun Bills" went out with no hook
               r"|\b(?:erase[sd]?|overturn(?:s|ed)?|overc[oa]mes?) (?:an? |their )?[\w-]+ deficit\b",
               ("COMEBACK 😤", "never count them out 😤", "down and NOT out 😤")),
    _situation("rout", WIN, r"\bthrash\w*|\brout(?:s|ed)?\b|\bbl(?:ow|ows|ew) out\b|\bhammer\w*|\bdemolish\w*|\bcrush\w*|\bdismantl\w*"
               r"|\bhumiliat\w*|\bromp\w*", ("NO MERCY 😭", "ruthless 😤", "statement made 😤")),
    _situation("late", f"{WIN} draw", r"\bovertime\b|\bshootout\b|\blast-(?:second|gasp|minute)\b|\bstoppage[- ]time\b"
               r"|\bwith (?:\w+ )?(?:minutes?|seconds?) (?:left|remaining|to go)\b|\bas time expired\b|\bwalks? off\b"
               r"|\blast-ball\b"
               r"|\binjury[- ]time\b|\bbuzzer\b|\bwalk-off\b|\bextra[- ]time\b|\bgolden goal\b"
               r"|\b(?:8[5-9]|9\d)th[- ]minute\b"
               r"|\blate (?:penalty|winner|goal|try|equali[sz]er|drop goal|field goal)\b",  # read 76: "Late penalty keeps"
               ("LATE DRAMA 😱", "down to the WIRE 😱", "DRAMA 🚨"),
               in_lead=True),
    _situation("knockout", WIN, r"\bknocks? out\b(?! of)|\bKOs?\b|\bTKO\b|\bstops\b",
               ("LIGHTS OUT 💤", "goodnight 😴", "lights OUT 💥"),
               also=r"\bUFC\b|\bMMA\b|\bbox\w*|\bbout\b|\bfight\w*|\b\w+weight\b|\bpunch\w*|\bWB[AOC]\b|\bIBF\b"),
    _situation("submission", WIN, r"\bsubmi(?:ts|tted|ssion)\b|\btaps? out\b", ("tapped OUT 😤", "SUBMITTED 😤")),
    _situation("pole", WIN, r"\bpole\b(?! vault)", ("nobody quicker 🚀", "quickest of them all 🚀")),
    _situation("gold", WIN, r"\bgold\b(?! cup)", ("GOLDEN 🥇", "top of the podium 🥇")),
    # read 67: "CROWNED 👑" on a title defended: no new champion
    _situation("retained", WIN, r"\b(?:retain(?:s|ed)?|defend(?:s|ed)?|kept|keeps?) (?:\S+ ){0,4}(?:title|crown|belt|trophy"
               r"|championship)\b|\bsuccessful(?:ly)? defen[cs]e\b|\bdefended (?:his|her|their) (?:\S+ ){0,3}belt\b",
               ("STILL champ 👑", "still the ONE 🏆", "nobody's taking it 🏆")),
    _situation("title", WIN, r"(?<!\d )(?<!\ba )(?<!\bhis )(?<!\bher )(?<!\btheir )"
               r"\b(?:wins?|won|claims?|lifts?|seals?|clinch(?:es)?|(?:cruise|storm|romp|coast)(?:s|ed)? to) (?:\S+ ){0,6}"
               r"(?:title|championship|cup|trophy|crown|major|open|masters|belt|(?<![-\w])final)\b"
               r"(?! (?:opener|qualifier|qualifying|tie|match|game|group|clash|semi|quarter|round|fixture|debut"
               r"|stage|time|set|frame|leg|day|lap|race|hole|over|minute|seconds?|test|ball|horn|whistle|whistles))"
               r"|\bcrowned\b", ("SILVERWARE 🏆", "trophy lifted 🏆", "CROWNED 👑")),
    # read 30: "statement WIN 💪" on a player of the year, before the title an award "wins"
    _situation("summit", WIN, r"\bworld no\.? ?1\b|\btop of the (?:world )?rankings\b", ("TOP of the WORLD 🌍",
                                                                                        "nobody higher 🌍")),
    _situation("award", WIN, r"\b(?:player|coach|manager|rookie|goalkeeper|keeper|sportsperson|athlete|footballer"
               r"|cricketer|defender|driver|rider) of the (?:year|season|month|tournament)\b|\baward\b|\bMVP\b"
               r"|\bballon d'or\b|\bheisman\b|\bcy young\b|\bmost (?:improved|valuable)\b|\bsixth man\b"
               r"|\b(?:defensive|offensive) player\b|\bcomeback player\b", ("well DESERVED 👏", "recognition EARNED 🏅")),
    # read 29-30: "statement WIN 💪", "HUGE game 😤" on a stage race's leader
    # read 66: "Dane seizes yellow jersey on Hautacam." went out with no hook (no "the")
    # read 67: "seizes Tour de France yellow jersey" went out with no hook
    _situation("jersey", WIN, r"\b(?:takes?|took|claims?|seizes?|moves? into|keeps?|retains?) (?:the )?(?:(?:(?-i:[A-Z])[\w'-]*|de|del|di) ){0,4}"
               r"(?:yellow|pink|red|green|polka-dot|white|leader's|maglia rosa) jersey\b|\b(?:takes?|took) the overall lead\b",
               ("new race leader 🚴", "leading the race now 😤")),
    # read 67: "Rookie claims first podium", "Veteran Scot ends title drought" went out with no hook
    _situation("drought", WIN, r"\b(?:ends?|ended|snaps?|snapped|breaks?) (?:an? |his |her |their )?(?:[\w-]+ ){0,3}drought\b"
               r"|\bfirst (?:[\w-]+ ){0,3}(?:title|win|victory|trophy) (?:in|for) (?:\d+|two|three|four|five|six|seven|eight|nine"
               r"|ten) (?:years|seasons|decades)\b", ("the wait is OVER 🙌", "FINALLY 🥹")),
    # read 70: "Spaniard saves match point to reach Miami final" went out with no hook
    _situation("match point", WIN, r"\bsav(?:es|ed|ing) (?:an? |one |two |three |four |\d )?(?:championship |match )points?\b",
               ("from the BRINK 😤", "never out of it 😤")),
    _situation("podium", WIN, r"\bpodium\b", ("champagne time 🍾", "BIG day 🍾")),
    _situation("sweep", WIN, r"\b(?:complete|completes|completed|seal|seals|sealed|clinch|clinches|clinched) (?:a |an |the )?"
               r"(?:\d-0 )?(?:series (?:win|sweep)|sweep|whitewash)\b|\bsweep\b|\bwhitewash\b",
               ("CLEAN SWEEP 🧹", "no survivors 🧹")),
    # read 42: "bragging rights 😤" on the Derby at Epsom: a race, no rivalry
    _situation("derby", WIN, r"\bderby\b|\bold firm\b|\bcl[aá]sico\b", ("bragging rights 😤", "derby day 😤"),
               also=rf"^(?!.*\b(?:{'|'.join(sorted(HORSE_RACING))})\b)"),
    _situation("call-up", WIN, r"\buncapped\b|\bcall-up\b|\bcalled up\b"
               r"|\bname\w* (?:\S+ ){0,4}in (?:their|the) squad\b",
               ("the phone rang 📞", "EARNED it 📞")),  # no "call": the headline's "call-up" says it
    # "scores his 500th NHL goal", "a 100th Test": a career's count, not a game's (read 29-30: "job DONE" on it)
    _situation("milestone", WIN, r"\b(?:his|her|their|its|a|the) (?:[1-9]\d*00|[1-9]\d*50)th (?:\S+ ){0,2}?"
               r"(?:goals?|points?|wins?|victor\w+|hits?|home runs?|wickets?|tries|caps?|appearances?|games?|tests?"
               r"|starts?|titles?|touchdowns?|sacks?|strikeouts?|assists?|saves?)\b",
               ("MILESTONE 🚨", "one for the books 📖", "what a number 🤯")),
    # read 66: "Dodgers left-hander reaches 3,000 strikeouts." went out with no hook
    _situation("career", WIN, r"\breach(?:es)? [\d,]+ (?:career\b|(?:\S+ )?(?:strikeouts|points|goals|wins|hits|wickets|runs"
               r"|yards|assists|saves|appearances|caps|home runs|touchdowns)\b)"
               r"|\b[\d,]+-(?:point|goal|run|yard|wicket|hit|strikeout|win) (?:milestone|club)\b|\bbecomes? the \d+(?:st|nd|rd|th) (?:\S+ ){0,3}to\b",
               ("MILESTONE 🚨", "one for the books 📖")),
    # read 76: "Kiwi quick takes six as England collapse" went out with no hook
    _situation("haul", WIN, r"\b(?:century|hundred|ton|double-century|hat-trick|five-wicket|career-high|triple-double)\b"
               r"|\btakes? (?:[5-9]|10|five|six|seven|eight|nine|ten)\b(?= as\b| for\b)"
               r"|\bthrows? (?:[3-9]|three|four|five|six|seven) (?:touchdowns?|TDs?|touchdown passes)\b"  # read 80
               r"|\b(?:scores?|hits?|makes?|posts?|drops?|pours? in|racks? up|cards?|shoots?|fires?) (?:an? )?\d{2,3}\b(?!-)"
               r"|\bstrikes? out (?:1\d|20)\b",  # read 84: "Yankees right-hander strikes out 15 Orioles" had no hook
               ("put up NUMBERS 📈", "numbers DON'T lie 📈", "stat sheet STUFFED 📈")),
    # read 39: "what a WIN" on a tie won on aggregate after a 1-1 draw
    _situation("through", WIN, r"\bon aggregate\b|\bover (?:the )?two legs\b", ("THROUGH 😤", "next round BOOKED 🎟️")),
    # reads 30-32: "what a WIN", "job DONE" called generic where the story has a table or a margin to lead with
    _situation("top", WIN, r"\bgo(?:es)? top\b|\bmoves? (?:back )?(?:up )?to the top\b|\bstays? top\b"
               r"|\btop of the (?:table|league|standings|conference|division)\b", ("view from the TOP 👑",
                                                                                  "top of the pile 👑"), in_lead=True),
    _situation("narrow", WIN, r"\bby (?:one|a) (?:shot|stroke|point|run|goal|wicket|length|second)\b"
               r"|\bby a (?:head|nose|neck|short head)\b", ("by a WHISKER 😅", "edged it 😤")),
    # read 63: "Osterholt double sinks Freiburg." went out with no hook
    _situation("win", WIN, r"\bbeat(?:s|en)?\b|\bwins?\b|\bafter winning\b|\bdefeat(?:s|ed)?\b|\bedge[sd]?\b"
               r"|\bsinks?\b|\bdowns?\b|\bcompletes? (?:\S+ ){0,2}?(?:double|treble|sweep)\b|\btopples?\b|\bshut(?:s)? out\b|\boutlasts?\b|\bdispatch(?:es)?\b|\bovercomes?\b"
               r"|\bsee off\b|\beliminat(?:e|es|ed)\b(?! from)"
               r"|\bsolos? to\b|\bpowers? (?:\S+ ){1,3}?past\b|\bholds? off\b|\bholds? (?:his |her |their )?nerve\b"  # read 72: "Belgian solos to Flanders victory"
               r"|\bknocks? (?:\S+ ){0,3}out\b"
               # read 84: "Ace on 17th sets up LPGA victory", read 82: "... claims Tour de France mountain stage"
               r"|\b(?:seals?|sets? up|secures?|clinch(?:es)?) (?:\S+ ){0,3}victory\b|\bclaims? (?:\S+ ){0,4}stage\b",
               ("what a WIN 😤", "job DONE 😤", "statement WIN 💪")),
    _situation("extension", "move", r"\bextension\b|\bextend\w*|\bre-sign\w*|\bnew (?:\S+ ){0,2}contract\b",
               ("PAID 💰", "locked in 🔒", "staying PUT 🔒")),
    # read 61: "DONE DEAL ✍️" on a reserve handed his debut
    # read 76: "big chance 👀" on a goal scored on debut read as a chance missed
    _situation("debut", "move", r"\bdebut\b", ("DEBUT time 👀",)),
    _situation("debut win", WIN, r"\bdebut\b", ("dream start 🔥", "what a START 🔥")),
    # the fact-check: "it's OFFICIAL ✍️" on a fee agreed, the medical still to come
    _situation("agreed", "move", r"\bagree\w* (?:an? )?(?:\S+ ){0,3}?fee\b|\b(?:will |to )?undergo (?:a |his |her )?medical\b"
               r"|\bset to (?:sign|join)\b|\bclose (?:in )?on\b|\bin (?:advanced )?talks\b|\bbid accepted\b"
               # read 76, facts 0: "nearly there 👀" on a signing done, its pay "reportedly" the best
               r"|\breportedly (?:agreed|close|set|in talks|nearing|poised|on the verge)\b"
               # read 85: "it's OFFICIAL ✍️" on a trade told by unnamed people, not announced
               r"|\baccording to (?:\S+ ){0,3}(?:sources|people|reports)\b|\bpeople (?:familiar|with knowledge)\b"
               r"|\bsources (?:said|say|told)\b"
               r"|\baccept\w* (?:an? )?(?:\S+ ){0,2}?(?:bid|offer)\b|\bpending (?:a )?medical\b",
               ("almost DONE 👀", "nearly there 👀"), in_lead=True,
               # read 83, facts 0: "nearly there 👀" on "Real Madrid complete €90m signing ... has signed a six-year
               # contract after the Spanish club agreed a 90 million euro fee": a deal done, whatever fee came first
               unless=r"\bcomplet(?:e|es|ed)\b|\b(?:has|have) (?:officially )?signed\b"
                      r"|\bofficially (?:joins|joined|signs|signed)\b"),
    # the fact-check of 1,560 drafts: "DONE DEAL ✍️" on a takeover agreed, not completed
    _situation("takeover", "move", r"\btakeovers?\b|\bagree\w* (?:a |the )?(?:\S+ )?sale\b|\bconsortium\b",
               ("new owners 👀", "new owners incoming 👀"), in_lead=True),
    _situation("move", "move", ANY, ("DONE DEAL ✍️", "it's OFFICIAL ✍️", "new chapter ✍️")),
    _situation("hurt", "hurt", ANY, ("brutal 💔", "gutting news 💔", "awful news 💔")),
    _situation("firing", "firing", ANY, ("the axe falls 🪓", "out the door 🚪", "the end of the road 🚪")),
    _situation("retirement", "retirement", ANY, ("end of an era 🥹", "the final bow 🫡", "what a ride 🫡")),
    # reads 45-53: "not ideal" and "rough news" make light of a doping ban
    _situation("doping", "ban", r"\bdoping\b|\btested positive\b|\bpositive (?:\S+ ){0,2}test\b|\bfailed (?:a |an )?(?:\S+ )?"
               r"(?:drugs?|doping) test\b|\bEPO\b|\bsteroids?\b|\bperformance-enhancing\b|\banti-doping\b",
               ("caught 🚫", "no place for it 🚫", "BANNED 🚫"), in_lead=True),
    _situation("ban", "ban", ANY, ("rough news 😬", "costly 😬", "not ideal 😬")),
    _situation("draw", "draw", ANY, ("all square 🤝", "honours even 🤝", "nothing to split them 🤝")),
    _situation("stakes", "preview", r"\btitle\b|\bplayoff\b|\bfinal\b|\bfirst place\b|\bpromotion\b"
               r"|\brelegation\b|\bat stake\b|\bclinch\b|\bdecider\b",
               ("BIG ONE 🍿", "everything on the line 😤", "HUGE game 😤"), in_lead=True),
    _situation("preview", "preview", ANY, ("circle this one 🗓️", "mark your calendars 🗓️", "it's ON 🍿")),
    _situation("loss", "loss", ANY, ("rough one 😶", "not their day 😶", "tough night 😶")),
)


@functools.lru_cache(maxsize=4096)  # read by the fits, hooks and angles for each candidate
def situations_of(snippet: str) -> tuple[Situation, ...]:
    """Every situation this story is in, most telling first; none when none is told (a win the headline
    does not call one)."""
    kind = kind_of(snippet)
    sentences = split_sentences(snippet or "")
    line = sentences[0] if sentences else ""
    return tuple(situation for situation in SITUATIONS
                 if kind in situation.kinds and not (situation.also and not situation.also.search(snippet))
                 and not (situation.name == "late" and _settled_early(line))
                 and not (situation.unless and situation.unless.search(snippet))
                 and (situation.told_by.search(snippet if situation.in_lead else line)
                      or situation.name == "rout" and won_big(line)
                      or situation.name == "narrow" and _won_by_one(line)))


def _settled_early(line: str) -> bool:
    """A low-scoring win by two or more ("Torino beat Lazio 3-1"): a late goal made it no drama (read 49: "down to
    the WIRE" on a stoppage-time third)."""
    score = _score(line)
    return bool(score) and score[0] < 15 and score[0] - score[1] >= 2


def situation_of(snippet: str) -> Situation | None:
    """The most telling situation this story is in; None when none is told."""
    found = situations_of(snippet)
    return found[0] if found else None


def situation_hooks(snippet: str, line: str) -> list[str]:
    """The hooks of the story's situations, most telling first, each's turned by the headline so that a
    feed's stories in one situation do not all open alike; a later situation's serve where every hook of
    an earlier one repeats the headline ("view from the TOP" before "... to go top")."""
    turn = zlib.crc32(line.encode())
    return [hook for situation in situations_of(snippet)
            for hook in situation.hooks[turn % len(situation.hooks):] + situation.hooks[:turn % len(situation.hooks)]]


def misplaced(snippet: str, hook: str) -> bool:
    """A house hook of another kind of story: the model's "DONE DEAL ✍️" on a match result."""
    kinds = [situation.kinds for situation in SITUATIONS if hook.casefold() in _HOOKS[situation.name]]
    return bool(kinds) and not any(kind_of(snippet) in k for k in kinds)


_HOOKS = {situation.name: {hook.casefold() for hook in situation.hooks} for situation in SITUATIONS}


# A price, not a score: "at odds of 26-1" (read 34: "NO MERCY" on a Melbourne Cup winner), "the 9-4 favourite"
_ODDS = re.compile(r"\b(?:odds of|at) \d+-\d+\b|\b\d+-\d+ (?:favou?rite|outsider|shot|chance|on)\b", re.IGNORECASE)


def _score(line: str) -> tuple[int, int] | None:
    """The line's one score, higher first; None for none, or for a tennis match's sets ("7-5 6-2")."""
    scores = re.findall(r"\b(\d{1,3})-(\d{1,3})\b", _ODDS.sub(" ", line))
    return tuple(sorted(map(int, scores[0]), reverse=True)) if len(scores) == 1 else None


def _won_by_one(line: str) -> bool:
    """A score won by one ("2-1", "109-108")."""
    score = _score(line)
    return bool(score) and score[0] - score[1] == 1


def won_big(line: str) -> bool:
    """A football or hockey score won by ROUT_MARGIN or more ("7-0"), a points game by POINTS_ROUT_MARGIN
    ("142-98"); not a tennis match's sets ("7-5 6-2")."""
    score = _score(line)
    if not score:
        return False
    high, low = score
    # points of a football or rugby game (up to 80) or a basketball one (both 60 or more), not a cricket
    # total's runs and wickets ("584-6", "182-7")
    return (high <= GOAL_SPORT_MAX and high - low >= ROUT_MARGIN
            or (high <= POINTS_GAME_MAX or low >= 60) and high - low >= POINTS_ROUT_MARGIN)
