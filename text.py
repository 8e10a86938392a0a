"""Text handling every layer shares, with no business logic: HTML → plain text, terminal-safe
text, Unicode cleanup, folding for comparison, words and sentences.

Feed text and model output are untrusted: `clean_text` and `strip_html` make them plain, and
`safe_terminal` removes what a terminal would execute rather than show. Print outside text with it.
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_INPUT_CHARS = 20_000  # a full article in content:encoded; the lead sentences come first

# --- HTML → text --------------------------------------------------------------------------------------------

# Elements whose text is never news: code, styling, embeds, photo captions.
_DROP_ELEMENTS = re.compile(
    r"<(script|style|noscript|iframe|object|embed|svg|figcaption|template|button|form|select)\b.*?</\1\s*>",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>", re.S)
# Links that only share or track: their text ("Share on Facebook", "Tweet") is junk.
_SHARE_LINK = re.compile(
    r"<a\b[^>]*\bhref\s*=\s*[\"']?[^\"'>]*(?:twitter\.com/(?:intent|share)|x\.com/intent|facebook\.com/shar"
    r"|linkedin\.com/share|pinterest\.[a-z.]+/pin/create|reddit\.com/submit|wa\.me/|whatsapp:|mailto:"
    r"|telegram\.me/share|t\.me/share|feeds\.feedburner\.com/~[a-z]+/|/share\?|[?&]share=)"
    r"[^>]*>.*?</a\s*>",
    re.I | re.S,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|aside|nav"
    r"|hr|pre|dd|dt|dl|figure|main|center)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<![^>]*>|<\?[^>]*>")
_LOOKS_LIKE_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--")
_HARD_WRAP = re.compile(r"(?<![\r\n])[ \t]*\r?\n[ \t]*(?![\r\n])")


def strip_html(fragment: str) -> str:
    """Plain text of an HTML (or plain) fragment: tags gone, entities decoded, one line per block."""
    if not fragment:
        return ""
    text = fragment[:MAX_INPUT_CHARS]
    if _is_markup(text):
        text = _strip_markup(text)
    elif "\n" in text or "\r" in text:
        # Plain text: a lone line break is a hard wrap inside a paragraph, a blank line ends one.
        text = _HARD_WRAP.sub(" ", text)
    # Feeds and models both produce escaped markup (&lt;p&gt;, even &amp;lt;p&amp;gt;): its tags show
    # only after a decode, so decode twice at most, stripping what each decode reveals.
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
        if _is_markup(text):
            text = _strip_markup(text)
    return text


def _is_markup(text: str) -> bool:
    return "<" in text and _LOOKS_LIKE_TAG.search(text) is not None


def _strip_markup(text: str) -> str:
    # In markup raw line breaks are only spaces; the block tags say where lines end.
    return _strip_tags(text.replace("\r", " ").replace("\n", " "))


def _strip_tags(text: str) -> str:
    if "<" not in text:
        return text
    text = _COMMENT.sub(" ", text)
    text = _DROP_ELEMENTS.sub(" ", text)
    text = _SHARE_LINK.sub(" ", text)
    text = _BLOCK_TAG.sub("\n", text)
    return _TAG.sub("", text)



# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P|X|^|_ ... ST), and two-byte escapes (ESC + one char). The 8-bit C1 forms (\x9b CSI,
# \x9d OSC, ...) are covered too, since some terminals still honour them.
_ANSI = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?             # CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)     # OSC, to BEL or ST (or end of text)
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]?                             # other escapes (ESC 7, ESC ( B, ...)
    """,
    re.VERBOSE | re.DOTALL,
)
# Bidi embedding/override/isolate marks can make a terminal show text in a different order
# than it is stored ("Trojan Source"); zero-width joiners stay, emoji sequences need them.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _strip_controls(text: str, keep: str) -> str:
    return "".join(
        ch for ch in text if ch in keep or not (unicodedata.category(ch) == "Cc" or ch in _BIDI)
    )


def safe_terminal(text: str | None) -> str:
    """`text` with escape sequences, control characters and bidi marks removed: safe to print.

    Newlines and tabs stay; a carriage return (which could overwrite a line on screen) becomes a
    newline. Everything printable, emoji and accents included, is kept as is.
    """
    if not text:
        return ""
    text = _ANSI.sub("", str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _strip_controls(text, keep="\n\t")



# --- Unicode cleanup --------------------------------------------------------------------------------------

# C0/C1 controls (not newline), soft hyphen, zero-width and bidi controls, BOM, replacement char,
# lone surrogates (from bad numeric entities; SQLite cannot store them).
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffd\ud800-\udfff]"
)
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # runs of blanks, and single tabs or odd spaces
_NEWLINES = re.compile(r"\s*\n\s*")


def clean_text(text: str) -> str:
    """Printable, normalized Unicode: controls and invisible characters removed, spaces collapsed,
    blank lines squeezed. Newlines are kept (they separate blocks)."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    return text.strip()


def one_line(text: str) -> str:
    return text.replace("\n", " ").strip()



def error_line(error: BaseException, limit: int = 500) -> str:
    """An exception as one line for the user: its first line, blanks collapsed, or its type."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    return " ".join(lines[0].split())[:limit] if lines else type(error).__name__


# --- folding and words ----------------------------------------------------------------------------

# One character for one, so positions in the translated text match the original.
DASHES = str.maketrans({dash: "-" for dash in "–—−‒‐‑"} | {"’": "'", "‘": "'"})
# Letters NFKD does not decompose: "ODEGAARD" must match "Ødegaard".
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
                          "œ": "oe", "ı": "i", "ħ": "h"})


def normalize(text: str) -> str:
    """NFC, with dashes and curly apostrophes made plain, one character for one."""
    return unicodedata.normalize("NFC", text or "").translate(DASHES)


def strip_accents(text: str) -> str:
    """"Mbappé" → "Mbappe": combining marks dropped after NFKD decomposition."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(word: str) -> str:
    """Case-, accent- and possessive-insensitive form of a word: "MBAPPÉ's" → "mbappe"."""
    word = word.translate(DASHES).strip("'-").casefold().translate(_LETTERS)
    word = strip_accents(word)
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'-")



# "a" before a number said with a vowel: 8, 80s, 800s, 8,000, 8.5, 11, 18 ("a 8-year deal", "a 11th title")
_A_BEFORE_AN = re.compile(r"\b([Aa])(?= (?:8[\d,.]*|11|18)(?:[- ]|$)| (?:8\d{0,2}|11|18)(?![\d.,]))")


def with_an(text: str) -> str:
    """"an" where "a" comes before a number said with a vowel: "an 8-year deal", "an 11th title", not "a 180"."""
    return _A_BEFORE_AN.sub(r"\1n", text)


_WORD = re.compile(r"[\w'’]+")
NUMBER = re.compile(r"\d(?:[\d.,:-]*\d)?")  # a number as written: "3-1", "1:53.68", "2,000", "6.1"


def words(text: str) -> list[str]:
    """Word tokens, digits and inner apostrophes included ("don't", "3-1" → "3", "1")."""
    return _WORD.findall(text or "")


_PIECE_END = re.compile(r"[.!?…]+(?=\s|$)|\n+")  # not the "." of "5.41"


def sentence_pieces(text: str) -> list[str]:
    """Text cut at every sentence mark or line break, whatever follows (captions start sentences in
    lower case); `split_sentences` is the careful splitter for prose."""
    return [piece for piece in _PIECE_END.split(text) if piece.strip()]


# --- sentences ---------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£$€¥©])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "v", "no", "nos", "gen", "col", "lt", "sgt", "capt",
    "prof", "rev", "mt", "ft", "approx", "est", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "e.g", "i.e", "fig", "op",
    "ave", "blvd",
}  # not a name's end ("Inc.", "Corp.", "Jr.", "Utd."): before a capital it ends the sentence too ("... by Karmine
# Corp. Fnatic lost ...", read 63: one sentence, so no headline); "Griffey Jr. hit" goes on in lower case
TERMINAL = ".!?…"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def split_sentences(text: str) -> list[str]:
    """Sentences of one block of text; abbreviations (Mr., No. 1, U.S., a.m.) do not end one."""
    pieces = _SENTENCE_BREAK.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and ends_with_abbreviation(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


# Names that end in a letter: "Serie A", "Group B", "Formula E": the letter's full stop ends a sentence.
_LETTERED = frozenset(["serie", "group", "pool", "formula", "division", "section", "class", "category", "grade", "tier",
                       "plan", "league", "liga", "segunda"])


def ends_with_abbreviation(sentence: str) -> bool:
    """Whether the "." that ends `sentence` is an abbreviation's or an initial's ("No.", "J."), not an end."""
    if not sentence.endswith("."):
        return False
    last = sentence.rsplit(None, 1)[-1].lstrip("(\"'“‘")[:-1]
    if not last:
        return False
    if len(last) == 1 and last.isalpha() and last.isupper():  # an initial: "J. Smith"
        before = sentence[:-2].rsplit(None, 1)[-1] if " " in sentence[:-2] else ""
        return before.casefold() not in _LETTERED  # but "... in Serie A." ends one (read 41)
    if _DOTTED.fullmatch(last):  # U.S, a.m
        return True
    return last.lower() in _ABBREVIATIONS


# --- a caption's parts ---------------------------------------------------------------------------

# A sentence end a sign-off follows: marks, then a space ("..." is a pause, not an end).
_CAPTION_SENTENCE_END = re.compile(r"[.!?]+(?=\s)")


def split_sign_off(caption: str) -> tuple[str, str]:
    """(head, sign-off) of a caption: up to its first sentence end (the hook runs into the fact line
    with only an emoji between), and what follows; (caption, "") when there is no end to cut at."""
    ends = [m.end() for m in _CAPTION_SENTENCE_END.finditer(caption) if ".." not in m.group()
            and (not ends_with_abbreviation(caption[: m.end()].rstrip("!?"))
                 or caption[: m.start()].endswith((" W", " L")))]  # a win or a loss, not an initial
    if not ends:
        return caption.strip(), ""
    return caption[: ends[0]].strip(), caption[ends[0]:].strip()


def is_emoji(ch: str) -> bool:
    """A character that is an emoji of its own (a skin tone is part of the one before it)."""
    code = ord(ch)
    return (
        0x1F300 <= code <= 0x1FAFF  # pictographs, emoticons, transport, supplemental symbols
        or 0x1F000 <= code <= 0x1F2FF  # mahjong, cards, enclosed alphanumerics (🆚 🆕)
        or 0x2600 <= code <= 0x27BF  # misc symbols and dingbats (⚽ ⚡ ✅)
        or code in (0x203C, 0x2049, 0x2B50, 0x2B55, 0x2B06, 0x2B07, 0x2B05, 0x27A1)  # ‼ ⁉ ⭐ ⭕ arrows
    ) and not 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers belong to the emoji before them


_JOINERS = "\u200d\ufe0f"  # zero-width joiner, emoji presentation: inside one emoji


def hook_end(caption: str) -> int | None:
    """Where a caption's hook ends: after its first emoji and all that belongs to it (an emoji right
    after it, a skin tone, whatever a zero-width joiner joins: "😮‍💨"); None without an emoji."""
    for start, ch in enumerate(caption):
        if is_emoji(ch):
            end = start + 1
            while end < len(caption) and (is_emoji(caption[end]) or caption[end] in _JOINERS
                                          or 0x1F3FB <= ord(caption[end]) <= 0x1F3FF):
                end += 2 if caption[end] == "\u200d" else 1  # what follows a joiner is part of the emoji (🐈‍⬛)
            return min(end, len(caption))
    return None
