"""Feed item → factual snippet: one to three sentences of plain text, the title counting as one.

Pure and deterministic: the same title and summary always give the same snippet. Feed text is
untrusted and ugly (HTML, entities, tracking pixels, share links, "Read more", bylines, copyright
footers, control and bidi characters); all of that goes, and the facts a caption needs stay:
names, scores (3-1), numbers, money ($45m, £100m) and dates.

`prepare` does the expensive part (HTML stripping, cleaning) once; `compose` builds the snippet from
its output, so the poller can store the cleaned text and build the snippet without stripping twice.
"""

from __future__ import annotations

import re
from typing import Iterator

from ingest.injection import InjectionScreen
from text import TERMINAL, clean_text, one_line, split_sentences, strip_html, words

MAX_SENTENCES = 3  # the title counts as one
MIN_TRUNCATED_ROOM = 40  # below this, a sentence that does not fit is left out instead of cut

# --- boilerplate -------------------------------------------------------------------------------------


def _capitalized(phrase: str) -> str:
    """A pattern for `phrase` starting with a capital (so prose like "fans read more" is left alone)."""
    return phrase[0].upper() + "(?i:" + phrase[1:] + ")"


# Calls to action ("Click here to buy."): the sentence each starts goes, the news after it stays.
_TAIL_PHRASES = (
    r"read more\b", r"read the (?:full|rest|whole|complete)\b", r"read full\b", r"continue reading\b",
    r"keep reading\b", r"click here\b", r"tap here\b", r"full story\b", r"view (?:the )?full\b",
    r"view (?:this )?(?:article|story|post|gallery) on\b", r"the post\b.{0,300}?\bappeared first on\b",
    r"this (?:article|story|post) (?:originally )?appeared (?:first )?on\b", r"sign up (?:for|to)\b",
    r"subscribe (?:to|now|for)\b", r"follow us on\b", r"share this\b", r"share on\b",
    r"more on this story\b", r"related(?: stories| articles| coverage)?:", r"also read:",
    r"recommended:", r"watch(?: the)? (?:video|highlights)\b", r"listen to (?:the|this)\b",
)
_TAIL = re.compile(
    # The lookahead on first letters lets the engine skip most positions without trying every phrase.
    "(?=[" + "".join(sorted({p[0].upper() for p in _TAIL_PHRASES})) + "])"
    + "(?:" + "|".join(_capitalized(p) for p in _TAIL_PHRASES) + ")",
)
# Whole lines that carry nothing: labels, share buttons, photo credits.
_JUNK_LINE = re.compile(
    r"^(?:advertisement|ad|sponsored|share|tweet|email|print|comments?|more|next|previous|photos?|video|"
    r"(?:photo|image|picture|pic|credit|source)s?:.*|.*\bgetty images\b.*|\d+ comments?)\W*$",
    re.I,
)
# "By Jane Doe", "By Jane Doe | Staff Writer", "By JANE DOE, Associated Press" at the top of the text.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|der|al|el|di|le|la|dos|du)){0,3}"
_ROLE = (
    r"(?:[A-Z][\w'’-]*\s+){0,4}(?:[Ww]riter|[Rr]eporter|[Cc]orrespondent|[Ee]ditor|[Cc]olumnist|[Cc]ontributor"
    r"|[Jj]ournalist|[Aa]nalyst|[Ss]taff|Associated Press|Reuters|AFP|AP|PA(?: Media)?|ESPN|BBC Sport)"
)
_BYLINE = re.compile(
    rf"^By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
    rf"(?:\s*$|\s*[|,/]\s*{_ROLE}\b\.?\s*(?:[|:–—-]\s*)?|\s+{_ROLE}\b\.?\s*(?:[|:–—-]\s*)?|\s*[|:–—-]\s+)",
)
_BYLINE_LINE = re.compile(
    rf"^(?i:by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[|,/–—-]\s*(?:[\w.'’&-]+\s*){{1,6}})?$"
)
# "LONDON (Reuters) - " and "(AP) —": the agency credit before the news.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'’/-]{0,40}\s*)?\((?:AP|Reuters|AFP|PA|UPI|dpa|ANI|IANS|CNN|Xinhua|Bloomberg|"
    r"Sportsnet|CP|The Canadian Press)\)\s*[-–—:]+\s*"
)
# Only the notices themselves: news about a copyright case or a broadcast ban is kept.
_COPYRIGHT = re.compile(
    r"©|^\(c\)\s*(?:19|20)\d\d|^copyright\s*(?:\(c\)\s*)?(?:19|20)\d\d|\ball rights reserved\W*$|"
    r"^(?:this|the|all) (?:material|article|content|story|report|copy)\b.{0,40}\bmay not be (?:re)?"
    r"(?:published|reproduced|broadcast|rewritten|redistributed|copied)",
    re.I,
)
_CREDIT = re.compile(
    r"\s*\((?:(?i:photos?|images?|pictures?|pic|credit|file photo|video)\b[^()]{0,120}|"
    r"[^()]{0,80}/(?:Getty Images|AFP|AP|Reuters|PA|Shutterstock|USA TODAY Sports|Imagn Images|Action Images)"
    r"[^()]{0,40})\)"
)


def _is_copyright(sentence: str) -> bool:
    lower = sentence.lower()
    if "©" in sentence or "copyright" in lower or "(c)" in lower or "reserved" in lower or "may not be" in lower:
        return bool(_COPYRIGHT.search(sentence))
    return False


def _drop_calls_to_action(line: str) -> str:
    """`line` without the sentences that start with a call to action; what follows them stays."""
    match = _TAIL.search(line)
    while match:
        # The phrase's sentence runs to the first real sentence end (not "Dec." or "U.S.") after it.
        after = split_sentences(line[match.end():])[1:]
        kept = line[: match.start()].rstrip()
        line = " ".join([kept, *after]) if kept else " ".join(after)
        match = _TAIL.search(line, len(kept))
    return line


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_ELLIPSIS_MARK = re.compile(r"\s*\[\s*(?:…|\.{3})\s*\]")
_ELLIPSIS_AFTER_STOP = re.compile(r"(?<=[.!?])\s*\[\s*(?:…|\.{3})\s*\]")


def _remove_boilerplate(text: str) -> Iterator[str]:
    """The text's lines with calls to action, bylines, credits, copyright notices and URLs removed."""
    for line in text.split("\n"):
        # The substring checks skip regexes that cannot match: this runs for every line of every item.
        if "://" in line or "www." in line:
            line = _URL.sub("", line)
        line = _drop_calls_to_action(line)
        if "[" in line:  # "[…]": more text follows; after a full stop it says nothing
            line = _ELLIPSIS_MARK.sub("…", _ELLIPSIS_AFTER_STOP.sub("", line))
        if "(" in line:
            line = _CREDIT.sub("", line)
        line = line.strip(" |-–—•·")
        if not line or (len(line) <= 100 and (_JUNK_LINE.match(line) or _BYLINE_LINE.match(line))):
            continue
        if line.startswith(("By", "BY")):
            line = _BYLINE.sub("", line, count=1)
        if "(" in line:
            line = _DATELINE.sub("", line, count=1)
        line = line.strip()
        if line:
            yield line


# --- the snippet -------------------------------------------------------------------------------------


def prepare(title: str | None, summary: str | None) -> tuple[str, str]:
    """(title, summary) as clean plain text: the title on one line, the summary's blocks on lines."""
    clean_title = one_line(clean_text(strip_html(title or "")))
    clean_summary = clean_text(strip_html(summary or ""))
    return clean_title, clean_summary


def compose(title: str, summary: str, max_chars: int = 320, injected: list[str] | None = None) -> str:
    """The snippet from `prepare`'s output: at most three sentences counting the title (title + up to
    two new ones), at most `max_chars`, cut only at a sentence or word boundary. Sentences addressed
    to an AI model (prompt injection) are left out and appended to `injected` when given."""
    screen = InjectionScreen(injected)
    title = _URL.sub("", _drop_calls_to_action(title)).strip(" |-–—•·")
    if screen.catches(title):
        title = ""
    sentences = _summary_sentences(summary, title, screen)
    parts: list[str] = []
    length = 0
    if title:
        head = _terminated(title)
        if len(head) > max_chars:
            return _cut(head, max_chars)
        parts.append(head)
        length = len(head)
    for sentence in sentences:
        if len(parts) >= MAX_SENTENCES:
            break
        room = max_chars - length - (1 if parts else 0)
        if len(sentence) <= room:
            parts.append(sentence)
            length += len(sentence) + (1 if len(parts) > 1 else 0)
            continue
        if len(parts) == bool(title) and room >= min(MIN_TRUNCATED_ROOM, max_chars):
            parts.append(_cut(sentence, room))  # the one sentence of content, cut at a word
        break
    return " ".join(parts)


def condense(
    title: str | None, summary: str | None, max_chars: int = 320, injected: list[str] | None = None
) -> str:
    """A factual snippet from a feed item's (possibly HTML) title and summary. Empty when neither
    holds any text. Injected instructions left out are appended to `injected` when given."""
    return compose(*prepare(title, summary), max_chars=max_chars, injected=injected)


def _summary_sentences(summary: str, title: str, screen: InjectionScreen) -> Iterator[str]:
    """The summary's sentences worth keeping, in order; lazily, as the snippet needs only a few.
    Injected instructions, and the orders right after one, are left to `screen`."""
    title_words = _words(title)
    kept = 0
    for line in _remove_boilerplate(summary):
        line_sentences = split_sentences(line)
        for i, sentence in enumerate(line_sentences):
            if screen.catches(sentence) or _is_copyright(sentence):
                continue
            words = _words(sentence)
            if not words or (title_words and words <= title_words):  # repeats the headline
                continue
            truncated = sentence.endswith(("...", "…")) and i == len(line_sentences) - 1
            if truncated:
                if kept:  # the feed cut this sentence off; the complete ones are enough
                    continue
                sentence = sentence.rstrip(".… ") + "…"
            elif sentence[-1] not in TERMINAL and not sentence.endswith(("\"", "”", "'", "’", ")")):
                if len(words) < 4:  # a label or heading, not a statement
                    continue
                sentence += "."
            kept += 1
            yield sentence


def _words(text: str) -> set[str]:
    return set(words(text.lower()))


def _terminated(sentence: str) -> str:
    core = sentence.rstrip("\"'”’)")
    return sentence if core and core[-1] in TERMINAL else sentence + "."


def _cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` chars at a word boundary, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"
