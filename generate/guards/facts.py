"""Fact-lock: the numbers and names a caption must keep from its snippet, and the ones it made up.

`extract_facts(snippet)` finds numbers (scores "3-1", money "$45 million"/"£100m", percentages,
seasons "2023-24", ordinals "21st", plain numbers) and proper names (capitalized word runs, with
accents, hyphens and apostrophes: Kylian Mbappé, Martin Ødegaard, Shaquille O'Neal).

`check_facts(snippet, caption)` compares a caption against them. It is deliberately tolerant of
style and strict about facts:
- a number matches however it is written: "3-1" = "3–1" = "3 - 1" = "1-3"; "$45m" = "$45 million"
  = "45M" = "45"; "45%" = "45 per cent"; "21st" = "21"; a score's parts ("3" of "3-1") and a season's
  years are not invented either, and neither are numbers spelled out in the snippet ("twice" → 2);
- but an amount that states its magnitude or currency must state the snippet's: "$45 billion",
  "$45k", "$45" and "€45m" are invented for "$45 million" (a snippet naming no currency takes any);
- a name is kept by any distinctive word of it (a surname: "Mbappé"; a team's own word: "Lakers"
  for Los Angeles Lakers), by its initials ("PSG", "LA"), or by a nickname-like prefix ("Barça");
- a capitalized caption word is an invented name only if it is not in the snippet and not common
  English or hype (lexicon.py); words in caps are shouting, not names (HIM, GOAT, BOMBSHELL), unless
  the whole caption is in caps, when they are checked like the rest; hashtags, @handles and emoji
  are never names;
- slang numbers ("24/7", "1 of 1", "keep it 100", "100%") are never invented numbers.
- number words are numbers too: "seventh" (or "SEVENTH", "twenty-two") is invented for a snippet's
  "ninth" or "9th"; one/two/first/second and idioms ("high five", "top three") state nothing.
Key facts are every number plus the first two names (the story's subject, usually its opponent);
`keep_rate` is the share of them the caption kept.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation

from generate import countries
from generate.guards import lexicon
from text import DASHES, fold, normalize

KEY_NAMES = 2  # the subject of the story and, usually, its opponent

# --- text normalization ------------------------------------------------------------------------

# --- numbers -----------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT_WORDS = {"thousand": 10**3, "grand": 10**3, "million": 10**6, "millions": 10**6, "mil": 10**6,
               "mill": 10**6, "milli": 10**6, "milly": 10**6, "mn": 10**6, "billion": 10**9,
               "billions": 10**9, "bn": 10**9}
_MULT_ABBR = {"k": 10**3, "m": 10**6, "mn": 10**6, "mil": 10**6, "b": 10**9, "bn": 10**9}
_NUMBER = re.compile(
    rf"""
    (?<![\w.,])
    (?:
      (?P<season>(?:19|20)\d\d)\s?[-/]\s?(?P<season_end>\d\d(?:\d\d)?)(?![\w])
    | (?P<chain>\d+(?:\s?[-:]\s?\d+|[x×]\d+)+)(?:\s?[ap]\.?m\b\.?|m\b)?(?![\w])  # 3-1, 7:30pm, 4x100m
    | (?:(?P<cur>(?:US|A|C|NZ|HK)?\$|£|€|¥|₹)\s?)?(?P<num>{_NUM})
      (?:\s?(?P<pct>%|percent\b|per\s?cent\b|pct\b)
        |(?P<ord>st|nd|rd|th)\b
        |(?P<abbr>k|m|b|bn|mn|mil)\b
        |(?:km|kg|cm|mm|mph|kph|ft|yds?)\b  # a unit: "4km" is the 4 of "4 km out" (read 87)
        |\s(?P<mult>{"|".join(_MULT_WORDS)})\b
        |'?s\b  # plurals and decades: "par-5s", "the 1990s"
        |[x×]\b  # "3x champion"
      )?(?![\w])
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Numbers that are slang, not facts, in a caption.
_SLANG_NUMBERS = re.compile(
    r"\b24/7\b|\b1\s?(?:of|/)\s?1\b|\bkeep(?:s|ing|in'?)?\s+it\s+100\b|\bkept\s+it\s+100\b"
    r"|(?<![\w.])1[01]0\s?%",
    re.IGNORECASE,
)
# Number words a caption states as facts: "seventh" for the snippet's "ninth" is a wrong number.
# Not one/two/first/second, "twice", "double", "single" or "dozen": hype uses them loosely
# ("one of one", "two words", "first ever", "double trouble").
_STATED_WORDS = frozenset(w for w, v in lexicon.NUMBER_WORDS.items()
                          if v >= 3 and w not in {"dozen", "hundred", "treble"})
# Idioms with number words that state nothing: "high five", "five-star", "top three", "seventh heaven".
_NUMBER_IDIOMS = re.compile(r"\bhigh[\s-]five|\bfive[\s-]star|\btop (?:three|five|ten)\b|\bseventh heaven\b",
                            re.IGNORECASE)
_HAT_TRICK = re.compile(r"\bhat[\s-]?trick", re.IGNORECASE)
# A span joined to its count ("a 31-game loss", "an 8-year deal"): the snippet must count that, not only say the
# number (the fact-check of 1,560 drafts: "a 31-game loss" for 31 points in one game). Not points, goals or runs: a bare
# number is often one of them ("22 down" is "a 22-point hole").
_COUNTED = "game|match|year|season|fight|race|day|week|month|start|round|lap|hole|minute"
_COUNT_OF = re.compile(rf"\b(\d[\d,]*)-({_COUNTED})s?\b(?!-old)", re.IGNORECASE)  # an age is no count
_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                          re.IGNORECASE)


def _counts_it(snippet: str, count: str, unit: str) -> bool:
    """The snippet says the count of that unit: "31 games", "an eight-year deal", "a 31-game"."""
    digits = _NUMBER_WORD.sub(lambda m: str(lexicon.NUMBER_WORDS[m[1].casefold()]), snippet)
    return re.search(rf"\b{re.escape(count)}(?:[- ](?:\S+ )?){unit}", digits, re.IGNORECASE) is not None


# Markers in the canonical forms of amounts: a bare number ("200"), which keeps any amount with
# those digits, and an amount whose currency a snippet leaves open ("200 million euros").
_BARE = "~"
_ANY_CURRENCY = "¤"


@dataclass(frozen=True)
class Number:
    text: str  # as written in the text
    kind: str  # score | season | sequence (4-4-2, 4x100m, 7:30pm) | money | percent | ordinal | number
    value: str  # canonical: "3-1", "45000000", "45%", "2023-24", "21"
    same: frozenset[str]  # canonical forms a caption keeps it by (reversed score, bare "45" of "$45m")
    parts: frozenset[str] = frozenset()  # pieces a caption may use alone ("3" and "1" of "3-1")
    # What it states as a caption number, when that is narrower than `same`: "$45 billion" does not
    # state a bare "45" that would match any 45-something of the snippet.
    claims: frozenset[str] | None = None

    @property
    def stated(self) -> frozenset[str]:
        return self.same if self.claims is None else self.claims


def _canonical(value: Decimal) -> str:
    value = value.normalize()
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _parse_number(match: re.Match) -> Number | None:
    text = match.group(0).strip()
    if match.group("season"):
        start, end = match.group("season"), match.group("season_end")
        end_year = start[:2] + end[-2:]
        return Number(text, "season", f"{start}-{end[-2:]}", frozenset({f"{start}-{end[-2:]}"}),
                      frozenset({start, end_year, str(int(end[-2:]))}))
    if match.group("chain"):
        parts = [str(int(p)) for p in re.split(r"\s?[-:]\s?|[xX×]", match.group("chain"))]
        value = "-".join(parts)
        is_score = len(parts) == 2 and not re.search(r"[x×]|[ap]\.?m\.?$|\dm$", text, re.IGNORECASE)
        if is_score:
            reversed_score = f"{parts[1]}-{parts[0]}"  # "lost 1-3" states the same result as "won 3-1"
            return Number(text, "score", value, frozenset({value, reversed_score}), frozenset(parts))
        return Number(text, "sequence", value, frozenset({value}), frozenset(parts))
    amount = _decimal(match.group("num"))
    if amount is None:
        return None
    plain = _canonical(amount)
    if match.group("pct"):
        return Number(text, "percent", plain + "%", frozenset({plain + "%", plain}))
    abbr = (match.group("abbr") or "").lower()
    factor = _MULT_ABBR.get(abbr) or _MULT_WORDS.get((match.group("mult") or "").lower(), 1)
    currency = (match.group("cur") or "")[-1:]  # "US$" and "A$" are written "$" in captions
    if factor == 1 and not currency:
        kind = "ordinal" if match.group("ord") else "number"
        return Number(text, kind, plain, frozenset({plain}), claims=frozenset({plain, _BARE + plain}))
    value = _canonical(amount * factor)
    # A snippet amount is kept by its bare digits ("200" for "$200 million": captions abbreviate),
    # its value in its currency, or its value in any currency when it names none.
    same = {_BARE + plain, value, currency + value if currency else _ANY_CURRENCY + value}
    # A caption amount states its value, and its currency if it names one.
    claims = {currency + value, _ANY_CURRENCY + value} if currency else {value}
    if abbr == "m" and not currency:
        claims.add(plain)  # "400m" may be metres: it keeps "the 400 metres", never "$400 billion"
    return Number(text, "money" if currency else "number", value, frozenset(same), claims=frozenset(claims))


def extract_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, deduplicated by canonical value (and currency)."""
    seen: set[tuple[str, frozenset[str]]] = set()
    numbers = []
    original = unicodedata.normalize("NFC", text or "")
    for match in _NUMBER.finditer(original.translate(DASHES)):  # same length: positions line up
        number = _parse_number(match)
        if not number:
            continue
        number = replace(number, text=original[match.start() : match.end()].strip())
        key = (number.value, number.stated)  # "$45m" and "€45m" are two amounts
        if key not in seen:
            seen.add(key)
            numbers.append(number)
    return numbers


def _spelled_numbers(words: list[str]) -> set[str]:
    """Values of number words ("twice" → "2", "twenty-one" → "21", "hat-trick" → "3")."""
    values = set()
    for word in words:
        if word in lexicon.NUMBER_WORDS:
            values.add(str(lexicon.NUMBER_WORDS[word]))
        parts = word.split("-")
        values.update(str(lexicon.NUMBER_WORDS[p]) for p in parts if p in lexicon.NUMBER_WORDS)  # "fifth-tier"
        if len(parts) == 2 and all(p in lexicon.NUMBER_WORDS for p in parts):
            tens, unit = lexicon.NUMBER_WORDS[parts[0]], lexicon.NUMBER_WORDS[parts[1]]
            values.update({str(tens), str(unit)})
            if tens >= 20 and tens % 10 == 0 and unit < 10:
                values.add(str(tens + unit))
        elif len(parts) == 2 and parts[1] == "peat" and parts[0] in lexicon.NUMBER_WORDS:
            values.add(str(lexicon.NUMBER_WORDS[parts[0]]))
    return values


def _stated_number_words(text: str) -> list[tuple[str, str]]:
    """(word as written, value) for the number words a caption states ("SEVENTH", "twenty-one")."""
    stated = []
    for token in _tokens(text):
        parts = token.folded.split("-")
        if token.folded in _STATED_WORDS:
            stated.append((token.text, str(lexicon.NUMBER_WORDS[token.folded])))
        elif len(parts) == 2 and parts[0] in _STATED_WORDS and parts[1] in lexicon.NUMBER_WORDS:
            stated.append((token.text, str(lexicon.NUMBER_WORDS[parts[0]] + lexicon.NUMBER_WORDS[parts[1]])))
    return stated


# --- words and names ---------------------------------------------------------------------------

_WORD = re.compile(r"(?<!\d)[#@]?[^\W\d_][\w'\-]*")  # not the "m" of "45m" or the "rd" of "3rd"
_SENTENCE_BREAK = re.compile(r"[.!?…:;\n\"“”«»|]|[^\w\s,'’\-()&/+]")  # punctuation, emoji, symbols
_GAP_NUMBER = re.compile(r"[$£€¥₹]?\d+(?:[.,:]\d+)*%?")  # "$2.5m" between words is no sentence end
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr vs no ft mt gen sen rep".split())


@dataclass(frozen=True)
class _Token:
    text: str  # as written, trailing apostrophes/hyphens trimmed
    folded: str
    sentence_start: bool
    gap_is_space: bool  # only whitespace since the previous token: it may continue a name

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)

    @property
    def tag(self) -> bool:
        return self.text[:1] in "#@"


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        raw = match.group(0).rstrip("'-")
        gap = text[previous_end : match.start()]
        bare_gap = _GAP_NUMBER.sub("", gap)
        starts = not tokens or bool(_SENTENCE_BREAK.search(bare_gap))
        if starts and tokens and bare_gap.strip() == "." and tokens[-1].folded in _ABBREVIATIONS:
            starts = False  # "St. Louis", "No. 1 Lorenzo Basile"
        if starts and tokens and bare_gap.strip() == "." and len(tokens[-1].text) == 1:
            starts = False  # initials: "D. J. Moore"
        continues = bool(tokens) and gap.isspace() and "\n" not in gap
        tokens.append(_Token(raw, fold(raw), starts, continues))
        previous_end = match.start() + len(raw)
    return tokens


def _word_variants(folded: str) -> set[str]:
    """A folded word and its hyphen parts, its elongation collapses and its singular."""
    variants = {folded, *folded.split("-")}
    for form in list(variants):
        variants.update(lexicon.collapse_elongation(form))
    for form in list(variants):
        if len(form) > 3 and form.endswith("s"):
            variants.add(form[:-1])
    variants.discard("")
    return variants


@dataclass(frozen=True)
class Name:
    text: str  # as written: "Kylian Mbappé"
    tokens: tuple[str, ...]  # folded, hyphenated words split: ("paris", "saint", "germain")

    @property
    def distinctive(self) -> tuple[str, ...]:
        """The words that identify it on their own: a surname, "lakers" of Los Angeles Lakers."""
        own = tuple(
            t for t in self.tokens if t not in lexicon.GENERIC_NAME_PARTS and t not in lexicon.NAME_CONNECTORS
        )
        return own or self.tokens

    @property
    def initials(self) -> set[str]:
        """Initials of every run of two or more words: "psg", "la", "lal" for the two teams."""
        letters = [t[0] for t in self.tokens if t not in lexicon.NAME_CONNECTORS]
        return {"".join(letters[i:j]) for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}


def _is_headline(sentence: list[_Token]) -> bool:
    """Title Case ("Mbappé Scores Twice As Real Madrid Win"): capitals mark nothing there."""
    lower = [
        t for t in sentence
        if not t.capitalized and len(t.text) >= 4 and t.folded not in lexicon.NAME_CONNECTORS
    ]
    capital_common = [t for t in sentence[1:] if t.capitalized and lexicon.is_common(t.folded)]
    return not lower and len(capital_common) >= 2


def _name_runs(tokens: list[_Token]) -> list[list[_Token]]:
    """Runs of capitalized words, joined by name particles ("Virgil van Dijk"), never across punctuation."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []  # lower-case particles waiting for a capitalized word
    for token in tokens:
        continues = bool(current) and token.gap_is_space and not token.sentence_start
        if token.tag or not continues:
            if current:
                runs.append(current)
            current, pending = [], []
        if token.tag:
            continue
        if token.capitalized:
            current.extend(pending)
            current.append(token)
            pending = []
        elif current and token.folded in lexicon.NAME_CONNECTORS:
            pending.append(token)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def _not_a_name_word(token: _Token) -> bool:
    return token.folded in lexicon.MONTHS or token.folded in lexicon.WEEKDAYS or token.text == "I"


def _split(run: list[_Token], drop) -> list[list[_Token]]:
    pieces, current = [], []
    for token in run:
        if drop(token):
            if current:
                pieces.append(current)
            current = []
        else:
            current.append(token)
    if current:
        pieces.append(current)
    return pieces


def _snippet_names(tokens: list[_Token]) -> list[Name]:
    sentences: list[list[_Token]] = []
    for token in tokens:
        if token.sentence_start or not sentences:
            sentences.append([])
        sentences[-1].append(token)
    names: list[Name] = []
    for sentence in sentences:
        headline = _is_headline(sentence)
        for run in _name_runs(sentence):
            pieces = _split(run, _not_a_name_word)
            if headline:
                # Every word is capitalized, so only uncommon words can be names.
                pieces = [p for piece in pieces for p in _split(piece, lambda t: lexicon.is_common(t.folded))]
            for piece in pieces:
                piece = _trim_particles(piece)
                if all(t.folded in lexicon.ACRONYMS for t in piece):
                    continue  # "NBA" alone names no one in particular; "PGA Tour" stays
                if piece and piece[0].sentence_start and not headline:
                    piece = _trim_sentence_start(piece)
                if piece:
                    _add_name(names, piece)
    return names


def _trim_particles(piece: list[_Token]) -> list[_Token]:
    while piece and (piece[0].folded in lexicon.NAME_CONNECTORS or piece[0].folded in lexicon.FUNCTION):
        piece = piece[1:]
    while piece and (piece[-1].folded in lexicon.NAME_CONNECTORS or piece[-1].folded in lexicon.FUNCTION):
        piece = piece[:-1]
    return piece


def _trim_sentence_start(piece: list[_Token]) -> list[_Token]:
    """At a sentence start a capital says nothing: "Stunning" is not a name, "Arsenal" is."""
    if len(piece) == 1 and lexicon.is_common(piece[0].folded, suffixes=True):
        return []
    return piece


def _add_name(names: list[Name], piece: list[_Token]) -> None:
    text = " ".join(t.text for t in piece)
    tokens = tuple(part for t in piece for part in t.folded.split("-") if part)
    new = Name(text, tokens)
    for i, old in enumerate(names):
        if set(new.tokens) <= set(old.tokens):
            return  # "Mbappé" after "Kylian Mbappé"
        if set(old.tokens) < set(new.tokens):
            names[i] = new  # "Kylian Mbappé" after "Mbappé": same person, fuller name, first place
            return
    names.append(new)


# --- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    numbers: tuple[Number, ...]
    names: tuple[Name, ...]
    words: frozenset[str]  # every word of the text, folded, with variants: what a caption may echo
    spelled: frozenset[str]  # values of spelled-out numbers ("twice" → "2")

    @property
    def key_names(self) -> tuple[Name, ...]:
        return self.names[:KEY_NAMES]


@functools.lru_cache(maxsize=256)  # best-of-n checks every candidate against the same snippet
def extract_facts(snippet: str) -> Facts:
    """The numbers and names in a snippet (see the module docstring for what counts)."""
    text = normalize(snippet)
    tokens = _tokens(text)
    words = {v for t in tokens for v in _word_variants(t.folded.lstrip("#@"))}
    spelled = _spelled_numbers([t.folded for t in tokens])
    if _HAT_TRICK.search(text):
        spelled.add("3")
    numbers = tuple(extract_numbers(snippet))  # as written: "3–1" stays "3–1" in reports
    return Facts(numbers, tuple(_snippet_names(tokens)), frozenset(words), frozenset(spelled))


@dataclass
class FactCheck:
    kept_numbers: list[str] = field(default_factory=list)  # snippet numbers, as the snippet wrote them
    missing_numbers: list[str] = field(default_factory=list)
    kept_names: list[str] = field(default_factory=list)  # key names only
    missing_names: list[str] = field(default_factory=list)
    invented_numbers: list[str] = field(default_factory=list)  # as the caption wrote them
    invented_names: list[str] = field(default_factory=list)
    keep_rate: float = 1.0  # key facts kept / key facts (1.0 when the snippet has none)

    def as_dict(self) -> dict:
        return asdict(self)


def _name_kept(name: Name, caption_words: set[str], caption_caps: set[str]) -> bool:
    if any(t in caption_words for t in name.distinctive):
        return True
    if name.initials & caption_caps:
        return True
    return any(nickname(w, t) for w in caption_words for t in name.distinctive)


def _known_name_word(word: str, facts: Facts, initials: set[str]) -> bool:
    if word in facts.words or word in initials:
        return True
    return any(nickname(word, part) for name in facts.names for part in name.tokens)


def nickname(word: str, part: str) -> bool:
    """A shortening or extension of a name word: "Barça" for Barcelona, "Madridistas" for Madrid.
    Needs a shared start of 4+ letters covering most of the shorter word."""
    shorter = min(len(word), len(part))
    shared = len(os.path.commonprefix([word, part]))
    return shared >= 4 and shared >= 0.75 * shorter


def _invented_names(caption_tokens: list[_Token], facts: Facts) -> list[str]:
    """Runs of capitalized caption words that are neither in the snippet nor plain English/hype."""
    initials = {i for name in facts.names for i in name.initials}
    # In a mixed-case caption, caps are shouting (SCARY, BOMBSHELL): no word list is ever complete
    # enough to tell those from a name, so names are looked for in Title Case. Only a caption that
    # is all caps has its caps words checked (against the word lists).
    words = [t for t in caption_tokens if not t.tag and len(t.text) >= 2]
    shouting = bool(words) and sum(t.all_caps for t in words) >= 0.8 * len(words)

    def known(word: str, loose: bool) -> bool:
        return _known_name_word(word, facts, initials) or lexicon.is_common(word, suffixes=loose)

    def unknown(i: int, token: _Token) -> bool:
        if token.tag or not token.capitalized or len(token.folded) <= 1 or (token.all_caps and not shouting):
            return False
        if token.all_caps and len(token.folded) <= 3:
            return False  # HIM, W, GG, OT
        if token.folded in lexicon.MONTHS or token.folded in lexicon.WEEKDAYS:
            return False
        # Word endings (-ing, -ed, -ly...) mark hype at a sentence start ("Stunning."), but not a
        # first name before a surname ("Mohamed Salah").
        following = caption_tokens[i + 1] if i + 1 < len(caption_tokens) else None
        before_name = bool(following and following.capitalized and following.gap_is_space)
        loose = (token.sentence_start and not before_name) or token.all_caps
        if any(known(v, loose) for v in _word_variants(token.folded)):
            return False
        # Hyphenated words whose parts are each fine: "Ice-Cold", "Mbappé-Mania".
        parts = [p for p in token.folded.split("-") if p]
        return not (len(parts) > 1 and all(known(p, True) for p in parts))

    invented: list[str] = []
    run: list[_Token] = []
    for i, token in enumerate([*caption_tokens, None]):  # None closes the last run
        is_unknown = token is not None and unknown(i, token)
        if is_unknown and run and token.gap_is_space and not token.sentence_start:
            run.append(token)  # "Cristiano Ronaldo" is one invented name, not two
            continue
        if run:
            text = " ".join(re.sub(r"'s$", "", t.text) for t in run)
            if text not in invented:
                invented.append(text)
        run = [token] if is_unknown else []
    return invented


def check_facts(snippet: str, caption: str) -> FactCheck:
    """How faithfully `caption` carries the snippet's facts (see the module docstring)."""
    facts = extract_facts(snippet)
    original = unicodedata.normalize("NFC", caption or "")  # numbers are reported as written
    text = normalize(caption)
    tokens = _tokens(text)
    caption_words = {v for t in tokens if not t.tag for v in _word_variants(t.folded)}
    caption_caps = {t.folded for t in tokens if t.all_caps or len(t.text) <= 3}
    caption_numbers = extract_numbers(original)
    caption_values = {v for n in caption_numbers for v in n.stated}
    caption_values |= _spelled_numbers([t.folded for t in tokens])
    if _HAT_TRICK.search(text):
        caption_values.add("3")

    result = FactCheck()
    for number in facts.numbers:
        kept = bool(number.same & caption_values)
        (result.kept_numbers if kept else result.missing_numbers).append(number.text)
    for name in facts.key_names:
        kept = _name_kept(name, caption_words, caption_caps)
        (result.kept_names if kept else result.missing_names).append(name.text)

    known = {v for n in facts.numbers for v in n.same | n.parts} | set(facts.spelled)
    for number in extract_numbers(_SLANG_NUMBERS.sub(" ", original)):
        if not number.stated & known and number.text not in result.invented_numbers:
            result.invented_numbers.append(number.text)
    for counted in _COUNT_OF.finditer(original):
        if not _counts_it(snippet, counted[1], counted[2]) and counted[0] not in result.invented_numbers:
            result.invented_numbers.append(counted[0])
    for word, value in _stated_number_words(_NUMBER_IDIOMS.sub(" ", text)):
        if value not in known and word not in result.invented_numbers:
            result.invented_numbers.append(word)
    # "Spain's Zubelardia" for "Spanish midfielder Iker Zubelardia": the country its people's name says
    told = countries.named(snippet)
    result.invented_names = [name for name in _invented_names(tokens, facts)
                             if not (named := countries.named(name)) or not all(code in told for code in named)
                             or not countries.is_country_name(" ".join(name.casefold().split()))]

    total = len(facts.numbers) + len(facts.key_names)
    kept = len(result.kept_numbers) + len(result.kept_names)
    result.keep_rate = round(kept / total, 3) if total else 1.0
    return result
