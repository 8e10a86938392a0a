"""What a story is: a win, a loss, an injury, a move, ... read from its headline.

A sign-off must suit the story ("heal up 🙏" on an injury, never on a firing), so the house closers
(generate/closers.py) are kept by the kind of story they were written for. The seed set's 25 kinds are
folded into the nine that change what a sign-off may say (KINDS); a new snippet gets its kind from its
headline's first telling word ("Mets lose as Cardinals win": a loss), else the rest of the snippet's. On
the seed set's 2,135 snippets it agrees with the hand-written kinds as bench/README.md says.
"""

from __future__ import annotations

import functools
import re

from generate.guards.meaning import result_of
from text import split_sentences

# The seed set's kinds (data/DATA.md), folded; every other kind is good news for the subject: "triumph".
KINDS = {
    "injury": "hurt", "withdrawal": "hurt", "crash": "hurt",
    "firing": "firing", "retirement": "retirement", "suspension": "ban",
    "contract": "move", "transfer": "move", "trade": "move", "draft": "move",
    "loss": "loss", "elimination": "loss", "relegation": "loss",
    "draw": "draw", "preview": "preview", "callout": "preview", "weigh-in": "preview",
}
TRIUMPH = "triumph"
# A record set, broken or equalled: a feat here, the "record" situation's hook there (situations.py)
RECORD_SET = r"\b(?:sets?|breaks?|equals?|smash\w*|shatter\w*) (?:\S+ ){0,5}record\b"


def _rule(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# The rule whose match comes first in the text wins; on a tie, the one listed first.
RULES = (
    # A driver who retires from a race is out of it, not done with the sport ("what a career" on a failure).
    ("loss", _rule(r"\bretir(?:es|ed|ing)? (?:injured|hurt)\b|\bretir(?:es|ed|ing)? from (?:the )?(?:lead|race)\b|\bretire[sd]? (?:\S+ ){0,4}with (?:a |an )?"
                   r"(?:\S+ ){0,2}(?:failure|problem|issue|fault)\b")),
    ("retirement", _rule(r"\bretir\w*|\bcalls? time\b|\bhangs? up\b|\bwill retire\b")),  # not a preview's "will"
    # read 63: "Goff fired three touchdown passes" is no sacking ("the axe falls 🪓" on a 24-0 win)
    ("firing", _rule(r"\b(?:was|were|been|is|are|gets?|got) fired\b|\bfire[sd]? (?:his|her|their|its|the) (?!\d)"
                     r"|\bfire[sd]? (?:\S+ ){0,3}?(?:coach|manager|boss|coordinator|caddie|trainer|agent|GM|director)\b"
                     r"|\bfire[sd]? (?-i:[A-Z])[\w'’-]+"
                     r"(?: (?-i:[A-Z])[\w'’-]+)? (?:after|following|on|with|as)\b|(?<!career )(?<![\d.] )(?<!two )(?<!three )(?<!four )(?<!five )(?<!six )(?<!seven )(?<!eight )\bsack(?:s|ed)?\b|\bdismiss\w*|\bpart(?:s|ed)? (?:ways|company)\b"
                     r"|\brelieved of\b|\bsplit with\b|\breleased by\b|\bremoved as\b")),
    ("ban", _rule(r"\bbann(?:ed|ing)\b|\bbans?\b|\bsuspen\w*|\btested positive\b|\bgrid penalty\b|\bfined\b"
                  r"|\bpoints? deduct\w*")),
    ("loss", _rule(r"\brelegat\w*|\beliminated from\b|\bblown out\b|\bcrushed\b|\bstreak ends\b|\bbowled out\b"
                   r"|\bcrash(?:es|ed)? (?:out of|to (?:a |an )?(?:\S+ ){0,2}(?:defeat|loss))\b|\bcollaps(?:es|ed)\b"
                   r"|\b(?:stopped|knocked out|outpointed|stunned|upset) (?:\S+ ){0,4}by\b"
                   r"|\bsquander\w*|\bblow(?:s|n)? (?:a |an |their |his |her )?(?:\S+ ){0,2}lead\b")),
    # read 33: "takes 7 for 39 as England are bowled out" is the bowler's; "reach the quarter-finals after beating"
    # read 35: a career's count reached is the player's ("takes his 300th Test wicket", not the lead's "bowled out")
    (TRIUMPH, _rule(r"\b(?:his|her|their) \d+(?:st|nd|rd|th) (?:\S+ ){0,2}?(?:goal|point|win|wicket|hit|home run|try"
                    r"|cap|appearance|century|save|touchdown|start|victory|sack|strikeout|assist)s?\b"
                    r"|\breach(?:es)? [\d,]+ career\b"
                    r"|\bjoins? (?:the )?[\d,]+-(?:goal|point|run|wicket|win|hit|yard|strikeout) club\b"  # read 80: no move
                    r"|\bbecomes? the \d+(?:st|nd|rd|th)\b")),
    # read 59: "claims first WTA title" or "seals ODI series" is a feat, whatever "will" the lead says later
    (TRIUMPH, _rule(r"\b(?:claims?|seals?|clinch(?:es)?|lands?) (?:his |her |their |a |an |the )?(?:first |maiden )?"
                    r"(?:\S+ ){0,3}?(?:title|crown|series|win|victory|gold|medal|trophy|major)\b")),
    # fresh40an: "Arsenal break club record for Leverkusen midfielder" is a signing ("scenes down there 🙌" on it)
    ("move", _rule(r"\b(?:breaks?|smash(?:es)?|sets?) (?:\S+ ){0,2}(?:club|transfer) record (?:fee )?(?:for|to sign|on)\b")),
    # the fact-check of 1,560 drafts: "sets world record at national trials" is a feat, whatever its lead "will" do
    (TRIUMPH, _rule(RECORD_SET + r"|\blowers? (?:\S+ ){0,5}record\b")),
    # read 43: an award given is a feat, not a preview ("circle this one 🗓️")
    (TRIUMPH, _rule(r"\bnamed (?:\S+ ){0,6}?(?:player|coach|rookie|manager|athlete|goalkeeper|defender|sportsperson)"
                    r" of the (?:year|season|month|tournament)\b|\bnamed (?:\S+ ){0,4}?MVP\b")),
    # read 41: "will become world No. 1 for the first time on Monday" is a feat, not a preview ("BIG ONE 🍿")
    (TRIUMPH, _rule(r"\b(?:will )?becomes? (?:the )?(?:new )?world no\.? ?1\b|\b(?:will )?(?:go|move)s? (?:back )?to "
                    r"(?:world )?no\.? ?1\b")),
    # read 37: "Wales end a 17-match losing streak", "PSV knock Benfica out ... despite a 2-1 defeat"
    (TRIUMPH, _rule(r"\b(?:end|ends|ended|snap|snaps|snapped) (?:a |an |their |his |her |its )?(?:\S+ ){0,2}?"
                    r"(?:losing|winless) (?:streak|run)\b|\bknock(?:s|ed)? (?:\S+ ){1,3}out of\b")),
    # read 72: "Kiwi seamer takes seven as Sri Lanka skittled for 142" ("not their day 😶" on it)
    (TRIUMPH, _rule(r"\btakes? (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:for \d+\b|(?=as\b))|\btakes? (?:\w+ )?\d+ wickets\b|\bbeating\b"
                    r"|\breach(?:es)? the (?:\S+ ){0,3}(?:final|semi-finals?|quarter-finals?|last \w+|knockout)")),
    (TRIUMPH, _rule(r"\bwins?\b|\bwon\b|\bedges? (?:the |a )?(?:final-frame |deciding )?decider\b|\breturns?\b|\bcomeback\b|\bknock(?:s|ed) out (?!of\b)|\bKOs\b"
                    r"|\bstuns?\b|\bretain\w* (?:\S+ ){0,4}?(?:title|belt|crown)\b|\bbeats?\b|\bcall(?:ed)? up\b|\bcall-up\b"
                    r"|\brout(?:s|ed)?\b|\bthrash(?:es)?\b|\bafter winning\b|\bblanks?\b|\bsinks?\b|\bshuts? out\b"
                    r"|\btakes? the (?:yellow|pink|red|green) jersey\b|\bsubmi(?:ts|tted)\b|\beliminat(?:e|es)\b(?! from)"
                    # read 72: "Scots edge Canada for world curling gold" ("honours even 🤝" on it)
                    r"|\bedges?\b(?! (?:closer|out|rushers?)\b)"  # not "lock up edge rusher" (read 85)
                    # read 78: "Dortmund keeper the hero as PSG crash out" ("brutal timing 💔 ... heal up 🙏" on it)
                    r"|\bthe hero\b")),
    # read 49: "had an equaliser ruled out for offside" is no one hurt
    ("hurt", _rule(r"\binjur\w*|(?<!equaliser )(?<!equalizer )(?<!goal )(?<!try )\bruled out\b(?! for offside)|\btorn\b|\btears?\b|\bfractur\w*|\bsurgery\b|\bconcuss\w*"
                   r"|\bsidelined\b|\b(?:to|will) miss\b|\bout for\b(?! offside)(?! \d+(?! ?(?:weeks?|months?|days?|games?|matches)\b))|\bwithdr[ae]w\w*|\bcrash\w*|\bbroken\b"
                   r"|\bhospital\w*|\bfaces? (?:\w+ ){0,3}(?:weeks|months?) out\b|\bligament\b"
                   r"|\bbr(?:eaks?|oke) (?:his |her |a )?(?:left |right )?(?:leg|arm|wrist|ankle|foot|hand|collarbone|jaw"
                   r"|rib|ribs|finger|thumb|toe|hip|kneecap)\b"
                   # read 55: "Chiefs lose Wellbrook for season with torn ACL" is an injury, not a defeat
                   r"|\blose (?:\S+ ){1,3}?for (?:the )?(?:rest of the )?season\b"
                   # read 63: "Heat forward Mossgrove out four to six weeks" ("built different 🧬" on it)
                   r"|\bout (?:\w+ )?(?:to \w+ )?(?:weeks|months)\b|\bsprain\w*"
                   # the fact-check's second pass: "Season over for Bears quarterback." ("he's HIM 🔥" on it)
                   r"|\bseason over\b|\btore (?:his |her |the )?(?:\S+ ){0,2}?(?:ACL|Achilles|hamstring|ligament|meniscus)\b")),
    ("move", _rule(r"\bsen(?:d|ds|t) (?:\S+ ){1,4}?to (?:the )?(?-i:[A-Z])\S* (?:\S+ ){0,2}?for\b|\bsign(?:s|ed|ing)?\b|\bjoin(?:s|ed)?\b|\bextension\b|\btrade[sd]?\b|\bdeal\b"
                   r"|\bcontract\b|\btransfer\w*|\bloan\w*|\bdraft(?:s|ed)?\b|\bre-sign\w*|\bmoves?\b(?! (?:\w+ )?(?:shots? |strokes? |points? )?(?:clear|ahead|top|up|into|within))"
                   r"|\bacquire\w*|\bswitch\w*|\bpromot\w*\b(?! (?:hopes?|race|push|bid|chase|rivals|charge|place|spot|battle|dream))|\btie[sd]? down\b|\bretain\w*|\bagree\w*|\bsold\b"
                   r"|\bbuys?\b|\bbought\b|\btakeover\b|\bsplash(?:es|ed)? out on\b"  # read 84: an auction buy
                   # read 81: "Saracens land Crusaders fly-half for next season" ("be there 😤" on it)
                   r"|\bland(?:s|ed)? (?:\S+ ){0,3}?(?:fly-half|scrum-half|winger|striker|midfielder|defender|forward"
                   r"|guard|centre|center|quarterback|pitcher|goalkeeper|keeper|playmaker|prop|lock|full-back)\b"
                   # read 53: a coach named is a move ("DONE DEAL"), not a win; a coach of the year is
                   r"|\bappoint(?:s|ed)?\b|\bnames? (?:\S+ ){1,4}?(?:head coach|manager|captain|skipper)\b(?! of the)"
                   # read 31: a line-up confirmed for next season is no preview ("mark your calendars")
                   r"|\b(?:confirm|announce)\w* (?:\S+ ){0,6}?(?:will (?:be partnered|partner|drive|race|stay|remain))\b")),
    # read 49: "Atletico Madrid 1-1 Sevilla." is a score line, level
    ("draw", _rule(r"\bdraws?\b|(?-i:\bdrew\b)(?! to the button)|\bheld (?:to )?\d|\bheld by\b|\bstalemate\b"
                   # read 83: "Juventus and Milan share points" ("COOKED 💀" on it)
                   r"|\bshare (?:the )?(?:points|spoils)\b|\ball square\b"
                   r"|(?-i:[A-Z][\w'’.]*) (\d{1,3})-\1(?= (?-i:[A-Z]))")),
    ("loss", _rule(r"\blos(?:e|es|t|ing)\b|\bfalls?\b|\bfell\b|\bbeaten\b|\bdefeat(?:ed)?\b|\bknocked out\b"
                   r"|\bslump\w*|\bhammered\b|\bthrashed\b|\bexit\w*|\bmiss(?:es|ed)? (?:the )?cut\b"
                   # read 57: "Rockies drop 10th straight" is a loss ("built DIFFERENT" on it)
                   r"|\bdrops? (?:their |its |a )?\w+ straight\b")),
    # read 57: "Arsenal need win ..." is a preview
    ("preview", _rule(r"^preview:|\b(?:can|could|would|bid to|aim to|look to|set to) (?:clinch|seal|win|lift|claim)\b|\bneeds? (?:an? )?(?:[\w-]+-(?:goal|point|run|try) )?(?:win|victory|point|draw)\b|\bfavou?rite for\b|(?<!the )\bhosts?\b|\btravel(?:s|led)? to\b|\bsix-pointer\b|\bfaces?\b"
                      r"|\beyes\b|\bset (?:for|to)\b"
                      r"|\bwill\b|(?<!seconds )(?<!points )(?<!shots )(?<!strokes )(?<!lengths )\bahead of\b"
                      r"|\bcalls? out\b|\bweigh|\bmeet\b|\bvisit\b|\bvs\.?\b|\bclash\b"
                      r"|\bshowdown\b|\bdecider\b"
                      # read 85: a title shot and a side named for a Test went out with no hook
                      r"|\btitle shot\b|\bnames? (?:an? )?(?:unchanged |same )?(?:side|team|XV|XI|line-?up)\b"
                      r"|\btitle (?:race|fight|battle|chase) (?:heads?|goes|moves?|comes?) to\b"  # read 85: "... to Interlagos"
                      # read 51: "Celtics and Nuggets open the NBA Finals on Thursday"
                      r"|\bopens? (?:the|their) (?:\S+ ){0,3}(?:finals?|series|season|campaign|tournament)\b")),
)


@functools.lru_cache(maxsize=4096)  # read by the fits, hooks and angles for each candidate
def kind_of(snippet: str) -> str:
    """One of the folded kinds (KINDS' values or "triumph") for a snippet."""
    sentences = split_sentences(snippet or "")
    for text in (sentences[0] if sentences else "", snippet or ""):
        found = [(match.start(), order, kind) for order, (kind, rule) in enumerate(RULES)
                 if (match := rule.search(text))]
        if found:
            kind = min(found)[2]
            if kind == "loss" and 0 in result_of(snippet).winners:
                return TRIUMPH  # "X knocked out Y": the subject's win
            return kind
    return TRIUMPH


def folded(kind: str) -> str:
    """A seed-set kind folded into the nine that tell sign-offs apart."""
    return KINDS.get(kind, TRIUMPH)
