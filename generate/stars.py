"""The lead's star: who did it, and what they did, told after the headline.

Read 70's editors edited most drafts for one thing the headline leaves out: the player who decided the game
and their numbers ("leaves out Pettinshaw's 6-41", "Ostermoor's hat-trick", "the keeper's two saves",
"Ballygarrett and the 79th minute"). The lead says it in the wire's past tense ("Fast bowler Lachlan Pettinshaw
took 6-41 as Pakistan were bowled out"); the account says it by surname in the present ("Pettinshaw takes
6-41"), joined to the headline by headlines.starred. Only a result's feat with a count or a minute in it is told
(a number the guards can hold the caption to), of a player the lead names in full, with the verbs below; the
clause ends where the lead moves on (", as", "to give"), and a feat too long to follow a headline is not told.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from generate.closers import full_names
from generate.kinds import TRIUMPH, kind_of
from generate.voice import in_voice
from text import NUMBER, fold, split_sentences, words

# The wire's feat verbs, with their present tense: past and -ing forms are built from the base (a few
# irregular ones listed whole).
_REGULAR = ("score", "net", "convert", "kick", "save", "cross", "card", "clock", "record", "post", "notch", "bag",
            "grab", "claim", "collect", "smash", "blast", "curl", "slot", "land", "drain", "head", "fire",
            "rush", "pitch", "homer", "tally", "block", "boot", "produce", "stop", "equalise", "equalize")
_IRREGULAR = {"took": "takes", "taking": "takes", "threw": "throws", "throwing": "throws", "hit": "hits",
              "hitting": "hits", "struck": "strikes", "striking": "strikes", "shot": "shoots", "shooting": "shoots",
              "ran": "runs", "running": "runs", "sank": "sinks", "sinking": "sinks", "made": "makes",
              "making": "makes", "caught": "catches", "catching": "catches"}


def _forms() -> dict[str, str]:
    """Each past and -ing form of a feat verb, with its present: "scored" and "scoring" → "scores"."""
    forms = dict(_IRREGULAR)
    for base in _REGULAR:
        if base.endswith("y"):  # "tallied"
            present, past, ing = base[:-1] + "ies", base[:-1] + "ied", base + "ing"
        else:
            stem = base + base[-1] if re.search(r"[^aeiou][aeiou][bdgnpt]$", base) else base.removesuffix("e")
            present, past, ing = base + ("es" if base.endswith(("s", "sh", "ch")) else "s"), stem + "ed", stem + "ing"
        forms[past] = forms[ing] = present
    return forms


_PRESENT = _forms()
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.-]+)"
_PARTICLE = r"(?:(?:Ó|Ní|Mac|de|De|van|Van|von|Von|da|Da|di|Di|del|Del|dos|Dos|ter|Ter|van der|van de|le|Le|Te) )"
# A first name and a surname (its particle kept), then a feat verb: "Lachlan Pettinshaw took", "Felix Ostermoor
# scoring"; not a possessive ("Tvedeskog's 47-yard field goal" names no verb).
_FEAT = re.compile(rf"\b({_NAME}) ({_PARTICLE}?{_NAME}) ({'|'.join(sorted(_PRESENT, key=len, reverse=True))})"
                   r" (?!to\b|for\b|out\b|into\b|off\b|up\b|down\b|back\b|on\b|from\b|with\b|the ball\b)")
# Where the feat's clause ends: the lead moving on to the result, the time, the place.
_CLAUSE_END = re.compile(r", | in front of | as | before | after | while | when | but "
                         r"| and (?:the|his|her|their|a|an) "
                         r"| to (?:give|take|send|seal|help|earn|lead|secure|put|clinch|set|win|finish|beat|hand|complete"
                         r"|become|move|keep|reach|lift|force|level)\b"
                         r"| on (?:\w+day|Sunday|Saturday)\b| at (?:the )?[A-Z]"
                         r"| in (?:a|an|the) (?:\d+-\d+|[\w-]+ (?:win|victory|defeat|loss|draw))\b"
                         r"| for (?:the )?[A-Z]| against | over | in [A-Z]|[.;]$")
# a count, or the one that decided it (read 86: "Benhaddou scored the only goal" went unnamed)
_COUNTED = re.compile(r"\d|\b(?:twice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hat-trick"
                      r"|the only goal|the winner|the winning (?:goal|try|run|basket|field goal)"
                      r"|(?:in|deep into) (?:stoppage|injury|added) time)\b", re.IGNORECASE)  # read 87: a late equaliser
# not a loss: the lead's star is most often the winner's ("No more Challenge Cup for Wigan as Zubrecki scores 2
# tries" made Hull KR's winger Wigan's: read 81)
_RESULTS = frozenset([TRIUMPH, "draw"])
MAX_FEAT_WORDS = 9  # the feat after the verb: "a 78th-minute penalty", "three touchdown passes"
# A play a headline tells ("Late penalty sends ...", "... on a last-gasp field goal")
_PLAYS = frozenset("penalty winner equaliser equalizer goal hat-trick brace double century ton buzzer-beater".split())
# The game's last moment, however it is told: "off the final ball", "at the final horn", a buzzer-beater
_LAST_MOMENT = re.compile(r"\b(?:final|last)[- ](?:ball|horn|whistle|second|seconds|play|kick|gasp)\b|\bbuzzer", re.IGNORECASE)
# A feat of another day than the result's (the fact-check: "Rain forces draw as Thwaitesbury makes 88 on day 4")
_ANOTHER_DAY = re.compile(r"\bon day\b|\b(?:first|second|opening) (?:day|innings|leg)\b|\b(?:this|last) season\b")
_SHOOTOUT = frozenset(["penalties", "shootout", "spot-kicks"])
_SHOOTOUT_FEAT = re.compile(r"\b(?:saves|stops) (?:\w+ ){0,2}(?:spot-kicks|penalties)\b")  # as a feat reads: "saves 2 spot-kicks"
_NOT_A_FIRST = frozenset("""the a an with as after and but while when before this that his her their its new former
    world olympic defending head""".split())
# A second feat's verbs that would open a first one wrongly ("won the Harry Sunderland Trophy", "set up another")
# "added" opens no feat: "as Dunnaway adds 19" (the fact-check: to what?)
_SECOND_VERBS = {"won": "wins", "set": "sets", "had": "has", "provided": "provides", "added": "adds"}
_AUXILIARIES = frozenset("was were is are has have had will would".split())
_NEW_SUBJECT = re.compile(r"(?:[\w-]+ ){0,3}[A-Z]")  # "opener Habibullah", "Connor McDavid"
_AND = re.compile(r" and (\w+)\b")


def _named(surname: str, said: set[str]) -> bool:
    """The caption names the surname already, each of its words ("Welde-Tensae")."""
    return all(fold(word) in said for word in words(surname.split()[-1]))


def _one_tense(feat: str) -> str:
    """The feat's second verb in the present too ("scores 22 points and grabs 11 rebounds"); cut where "and"
    goes on to someone else or to another tense ("... and opener Habibullah Storikhel made 88", "and was sacked
    5 times"); "wet and windy" is no second feat."""
    second = _AND.search(feat)
    if not second:
        return feat
    verb = second.group(1)
    if verb in _PRESENT or verb in _SECOND_VERBS:
        return f"{feat[:second.start(1)]}{_PRESENT.get(verb) or _SECOND_VERBS[verb]}{feat[second.end(1):]}"
    if verb in _AUXILIARIES or _NEW_SUBJECT.match(feat, second.start(1)):
        return feat[:second.start()]
    return feat


def _told_already(feat: str, said: str) -> bool:
    """A number or a play the caption (`said`, in the account's voice) tells already: "reaches 2,000 career
    strikeouts"; "Late penalty sends Leinster past Toulouse" before "kicks a 79th-minute penalty"."""
    if set(NUMBER.findall(feat)) & set(NUMBER.findall(said)):
        return True
    if _LAST_MOMENT.search(feat) and _LAST_MOMENT.search(said):
        return True  # read 83: "win off final ball ... as Parvatkar hits a 6 off the last ball"
    plays = {fold(word) for word in words(said)} & _PLAYS
    if "hat-trick" in plays and re.search(r"\b3\b", feat):
        return True  # read 76: "Drag-flicker's hat-trick ... as Sandhawal converts 3 penalty corners"
    return bool(plays & {fold(word) for word in words(feat)})


@functools.lru_cache(maxsize=4096)  # asked of each hook a story may open with (headlines._hides_the_star), then again
def star_line(snippet: str, caption_so_far: str) -> str | None:
    """The lead's star and their feat as a clause in the account's voice ("Pettinshaw takes 6-41"); None where
    the story is no result, the lead tells no feat, or the caption names the star or says the number already."""
    if kind_of(snippet) not in _RESULTS:
        return None  # a preview's "threw 38 touchdown passes in the regular season" is no feat of the day
    said = {fold(word) for word in words(caption_so_far)}
    feats = _feats(snippet, caption_so_far, said)  # lazily: most stories want only the first
    if said & _SHOOTOUT:  # the fact-check: "... on penalties as Belkhodja equalises": the saves won it
        feats = iter(sorted(feats, key=lambda feat: not _SHOOTOUT_FEAT.search(feat)))
    return next(feats, None)


def _feats(snippet: str, caption_so_far: str, said: set[str]) -> Iterator[str]:
    """Each feat of the lead's that the caption does not tell yet, as star_line says it, in the lead's order."""
    voiced = None  # the caption in the account's voice, said once and only where a feat is found
    for sentence in split_sentences(snippet)[1:]:
        for feat in _FEAT.finditer(sentence):
            first, surname, verb = feat.groups()
            if first.casefold() in _NOT_A_FIRST or not full_names(f"{first} {surname}") or _named(surname, said):
                continue
            rest = sentence[feat.end():]
            end = _CLAUSE_END.search(rest)
            what = _one_tense((rest[:end.start()] if end else rest).strip().rstrip("."))
            if not what or len(words(what)) > MAX_FEAT_WORDS or not _COUNTED.search(what):
                continue
            if _ANOTHER_DAY.search(what):
                continue
            voiced = voiced or in_voice(caption_so_far)
            if _told_already(in_voice(what), voiced):  # "six for 31" after "6-for"
                continue
            yield in_voice(f"{surname} {_PRESENT[verb]} {what}.")[:-1]
