"""Word lists the caption guards share, written for this project.

They answer one question each: "is this capitalized word just English (or hype), not a name?"
(`COMMON`), "is this caption slang?" (`SLANG`), "is this an organization acronym, not shouting?"
(`ACRONYMS`). All entries are lower case; `is_common` also tries simple inflections so the lists
can stay short. Adding a word here is the right fix when a guard mistakes a hype word for a name.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles, pronouns, prepositions, conjunctions, auxiliaries, determiners, common adverbs.
FUNCTION = _words("""
a an the this that these those there here it its it's itself i me my mine myself you your yours
yourself he him his himself she her hers herself we us our ours they them their theirs themselves
who whom whose what which when where why how whoever whatever whenever wherever however
and but or nor so yet for because since although though while whilst unless until till if then
than as at by from in into onto on off of to up down out over under above below about around
across along among amid amidst against after before behind beyond between during despite except
inside outside near past per plus through throughout toward towards upon via with within without
be is am are was were been being do does did doing done have has had having will would shall should
can could may might must ought need dare isn't aren't wasn't weren't don't doesn't didn't haven't
hasn't hadn't won't wouldn't can't cannot couldn't shouldn't mustn't i'm i've i'd i'll you're you've
you'd you'll he's he'd he'll she's she'd she'll we're we've we'd we'll they're they've they'd they'll
that's there's here's what's who's let's let y'all ya yall
all any both each either every neither no none some such own same other another more most less
least many much few several enough only just even also too very quite rather really still already
again ever never always often sometimes once twice now then soon later today tonight tomorrow
yesterday ago not yes yeah yep nope ok okay oh ah wow well like
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
million billion first second third fourth fifth sixth seventh eighth ninth tenth last next
mr mrs ms dr sir miss st vs v etc
""")

# Everyday nouns, verbs and adjectives, sports vocabulary and news words: capitalized at a
# sentence start, in a title-case headline or in an all-caps caption, they are still not names.
COMMON = FUNCTION | _words("""
about absolute absolutely accept account act action actual add age agent agree agreement ahead aim
air alive allow almost alone already alright amazing angry announce announced answer anyone anything
anywhere appear arm army arrive art ask attack attempt attention average avoid award away awesome
baby back bad bag ball band bank bar base basic battle bear beast beat beautiful beauty become bed
begin believe bell belt bench best better big bill bird birthday bit bite black blame blank blast
blind block blood blow blue board boat body bold bomb bone book boost boot born boss bottom bounce
box boy brain brand brave break breaking breath brick bridge brief bright brilliant bring broad
broke broken brother brown brutal build built bull bullet bunch burn business busy buy buzz buzzer
call calm camp campaign cap capital captain car card care career carry case cash cast catch cause
center centre chain chair challenge champ champion championship champions chance change channel
chaos charge chart chase cheap check cheer chest chief child choice choose church circle city claim
class classic clean clear clock close club coach coast cold collapse college come comeback comfort
coming command comment company complete confirm confirmed contract control cool copy corner cost
count country couple course court cover crazy cream create crew crime crisis cross crowd crown
cruise crush cry cup cut daily damage dance danger dark date daughter day dead deal dear death debut
decide decision deep defeat defence defense defend deliver demand deny derby deserve desire detail
devil die different difficult dinner direct direction dirty disaster dog doing dollar door double
doubt dozen draft drama draw dream dress drink drive drop drought dry duo during duty eagle early earn
earth easy eat edge effort elite else emotion empire end enemy energy engine enjoy enter entire
entry epic equal era escape even evening event everybody everyone everything everywhere evil exact
example excellent exit expect experience explain explode extend extra eye face fact fail fair fall
family famous fan fans fantastic far fast father fear feat feature feel fellow fever field fierce
fight figure fill film final finally finals find fine finish fire firm fit fix flag flash flight
floor fly focus follow food foot football force forever forget form former forward free fresh
friend friday front full fun fund future gain game gap gas gate gear general generation giant gift
girl give glad glass glory go goal god gold golden gone good grab grand great green ground group
grow guard guess guest gun guy hair half hall hand handle hang happen happy hard hate head health
hear heart heat heavy hell hello help hero heroes hey hi hide high hill hire history hit hold hole
holiday home honest honor honour hope horse hot hour house huge human hunt hurt ice idea ill image
impact important impossible inch incredible injury insane instead interest international iron
island issue item job join joke journey joy judge jump junior keep key kick kid kill kind king
kiss knee knock know known lady land large late latest laugh launch law lay lead leader league
leap learn leave left leg legacy legend legendary less lesson letter level lie life lift light
limit line link lion list listen little live load local lock long look lord lose loss lost lot
loud love low luck lucky lunch mad magic main major make man manager manner map mark market master
match mate matter maximum mean meet member memory message middle might mile mind minute miracle
miss mission mistake mix mode modern moment money monster month mood moon morning mother mountain
mouth move movie moving murder music name nation national natural near nearly neck need nerve new
news nice night nobody noise normal north nose note nothing notice number odd offer office official
okay old open opening order original others outside owner pace page pain pair panic paper parade
park part party pass passion path pay peace peak people perfect period person pick picture piece
pitch place plan planet plant play player please point police pool poor pop post power practice
premier prepare present president press pressure pretty price pride prime prince prison private
prize pro problem process promise proof proper protect proud prove public pull punch pure push put
quality queen question quick quiet race rage rain raise range rank rare rate reach read ready real
reason record red reign release remain remember repeat report respect rest result return reveal
revenge rich ride right ring rise risk rival river road rock role roll room rookie root rose round
route royal rule run rush sad safe sale save say scene scenes school score screen sea season seat
secret see seem sell send sense series serious serve set settle shake shape share sharp shine ship
shock shoot shop short shot show shut sick side sign signal silence silver simple since single
sister sit size skill sky sleep slow small smart smile smoke snow soft soldier solid son song
soon sorry sort soul sound south space speak special speed spell spend spirit sport sports spot
spring squad stage stand star start state statement station stay steal step stick stop storm story
straight strange street streak strength strike strong student study stuff style success sudden
summer sun super support sure surprise sweet swing system table take talent talk tall team tear
tears tell term test thank thanks thing think threat throw ticket tie tight time tiny title together
top total touch tough tour town track trade train transfer trap travel treat tree trial trip trophy
trouble true trust truth try turn type ugly uncle unit united university unknown upset use usual
value victory view village visit voice vote wait wake walk wall want war warm warning watch water
wave way weak wear weather week weekend weight welcome west white whole wide wife wild win wind
window wing winner winter wire wise wish woman wonder word work world worry worth wrong yard year
young youth zone
afc cf fc
assist assists attacker backcourt bat batter bid boxing brace captaincy cheers clean-sheet clinch
clinched clincher comeback contender cricket cycling defender derby draft dunk equaliser equalizer
extension fixture forwards frontcourt goalkeeper goalie golf grand-slam guard halftime hat-trick
header hockey homer hoops inning innings keeper kickoff lineup loan loanee marathon midfield
midfielder minutes net nets overtime penalty pitch playoff playoffs podium pole postseason
quarterback quarter race racing rebound rebounds relegation rugby runner-up semifinal semi-final
shootout shortstop signing slam sprint stadium striker stoppage strikeout sub substitute
tennis tiebreak tiebreaker touchdown tournament transfer treble triple-double double-double
underdog undefeated unbeaten upset veteran volley walk-off wicket wingback winger wins
game-winner buzzer-beater goal-scoring
afternoon dramatic historic late stunning stunned stun sensational superb remarkable record-breaking
shocking thrilling crucial vital massive major minor dominant decisive
""")

# Caption slang and hype words: rare in news prose, common in @versus captions. style.py counts
# them; they are also COMMON (a hype word in caps is not a name).
SLANG = _words("""
goat goated goats cooking cooked cookin cook chef cinema aura rizz sheesh sheeesh lfg lesgo letsgo
yessir yessirr bussin insane unreal crazy wild nuts nasty filthy disgusting ridiculous clutch
dagger daggers icy ice-cold cold-blooded dawg bro bruh fam vibes vibe menace demon demons baller
ballin hooper hoopin bucket buckets splash swish posterized dub dubs ratio fraud frauds washed
built-different levels unmatched unstoppable untouchable generational iconic disrespectful
diabolical outrageous absurd certified szn receipts nocap fr frfr ngl lowkey highkey deadass
periodt slay slaps slapped sauce drip drippy heater kitchen hype hyped electric electrifying
madness scenes omg wow woww wowww nah nahh ayo ayy yikes oof boom bang kaboom woah whoa
masterclass clinic savage villain arc s-tier humbled dialed dialled robbery robbed heist choke
choked bottled bottle jaw-dropping mind-blowing ruthless lethal merchant merchants gg ez clapped
cooks showtime locked cooler
beastmode legendary rn tbh smh lol lmao imo ate eats feast incoming loading unlocked scary chaos
domination royalty stunned shook shaken bombshell nuclear shattered cruel
""")

# Hype phrases: counted by style.py as slang hits.
SLANG_PHRASES = (
    "he's him", "she's him", "built different", "let's go", "lets go", "no way", "ice in his veins",
    "ice in her veins", "on another level", "different breed", "can't stop", "won't stop",
    "on notice", "what a", "big game", "no words", "say less", "in his bag", "in her bag", "said hello",
    "it's over", "game over", "came to play", "main character", "ain't no way", "not human", "too easy",
    "locked in", "no cap", "for real", "every single time", "told y'all", "cold-blooded",
)


COMMON = COMMON | SLANG | _words("hims bottle animal electric ain't gon gonna wanna gotta unretire unretires unretired")

# Pad phrases the embedded model fills captions with, meaning nothing ("the Packers are the only
# team left", "the team is on the clock"); no seed reference uses one. fluency.py flags them.
FILLER_PHRASES = ("the only team left", "the only one left", "is on the clock", "are on the clock")

# Organizations and competition codes: shouting them is not hype, and they are not invented names
# worth flagging when short.
ACRONYMS = _words("""
nba nfl mlb nhl mls wnba ncaa ufc wwe nfc afc epl ucl uel uecl fifa uefa psg usa uk us eu mvp
f1 ot ft ht td ko tko qb wr rb te ppg rpg apg ipl odi t20 atp wta pga lpga lfc mufc mcfc cfc
era rbi ops whip acl mcl ai
""")

MONTHS = _words("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""")
WEEKDAYS = _words("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""")

# Lower-case particles inside names: Virgil van Dijk, Tour de France, Dani dos Santos.
NAME_CONNECTORS = _words("de da di do dos das del della der den van von le la du bin ben al el y")

# Parts of team names too generic to count as "keeping" the team: "United" alone is not
# Manchester United, but "Lakers" is Los Angeles Lakers.
GENERIC_NAME_PARTS = _words("""
fc cf afc sc ac as cd ud sd club city united real athletic atletico sporting county rovers town
wanderers the los las new san saint st
""")

_INFLECTIONS = ("'s", "s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "y")
_LONG_SUFFIXES = re.compile(
    r"(?:ing|ings|ed|ly|able|ible|ness|tion|tions|less|ful|ous|ive|est|ment|ments|ity)$"
)


def collapse_elongation(word: str) -> list[str]:
    """'GOOOO' → ['go', 'goo']: hype stretches letters; try one and two of each run."""
    if not re.search(r"(.)\1\1", word):
        return [word]
    return [re.sub(r"(.)\1{2,}", r"\1", word), re.sub(r"(.)\1{2,}", r"\1\1", word)]


def is_common(word: str, *, suffixes: bool = False) -> bool:
    """True when a lower-case word (or a simple inflection of one) is in COMMON.

    With `suffixes`, words with a typical English adjective/verb/noun ending (-ing, -able, -ness, ...)
    count as common too: right for hype words at a sentence start, too loose for mid-sentence names.
    """
    for form in collapse_elongation(word):
        if form in COMMON or form in ACRONYMS:
            return True
        for ending in _INFLECTIONS:
            if form.endswith(ending) and len(form) - len(ending) >= 2 and form[: -len(ending)] in COMMON:
                return True
        if form.endswith("ies") and form[:-3] + "y" in COMMON:
            return True
        if suffixes and len(form) >= 6 and _LONG_SUFFIXES.search(form):
            return True
        if "-" in form and all(part and is_common(part, suffixes=suffixes) for part in form.split("-")):
            return True
    return False


# Number words and their values: cardinals, ordinals and the words that mean a count ("brace", "hat-trick").
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "thrice": 3, "brace": 2, "double": 2,
    "treble": 3, "hat-trick": 3, "hattrick": 3, "dozen": 12, "single": 1, "once": 1,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
