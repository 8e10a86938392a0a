"""Make model output and feed text safe to store and to print.

`sanitize(text)` makes a caption of a model's raw output: on top of `text.safe_terminal` it removes HTML, chat-template debris
("<|im_end|>", "[INST]", a leading "assistant" role line), a "Caption:" label and wrapping quotes,
collapses whitespace and cuts to `max_chars` on a word boundary.
"""

from __future__ import annotations

import re
import unicodedata

from model.prompt import END_OF_TURN_TOKENS
from text import safe_terminal, strip_html, with_an

# --- caption cleanup ---------------------------------------------------------------------------

# A model that runs past its end-of-turn token starts a new turn; everything after it is not caption.
_END_OF_TURN = re.compile("|".join(map(re.escape, END_OF_TURN_TOKENS)), re.IGNORECASE)
# A role header with its role name ("<|start_header_id|>assistant<|end_header_id|>", "<|im_start|>user").
_ROLE_HEADER = re.compile(
    r"<\|start_header_id\|>\s*\w*\s*<\|end_header_id\|>|<\|im_start\|>\s*(?:system|user|assistant)?\b"
    r"|<start_of_turn>\s*(?:user|model)?\b",
    re.IGNORECASE,
)
# Where the model's own turn starts, if it echoed the prompt: the caption is after it.
_ASSISTANT_HEADER = re.compile(
    r"<\|start_header_id\|>\s*assistant\s*<\|end_header_id\|>|<\|im_start\|>\s*assistant\b|\[/INST\]"
    r"|<start_of_turn>\s*model\b|<\|assistant\|>",
    re.IGNORECASE,
)
_SPECIAL_TOKEN = re.compile(r"<\|[^|<>\n]{1,40}\|>|\[/?INST\]|<</?SYS>>|<s>|<unk>|<pad>", re.IGNORECASE)
_LEADING_ROLE = re.compile(r"^\s*(?:assistant|system|user|model)\s*(?::|\n)\s*", re.IGNORECASE)
# "Caption:", "@versus caption:", "Caption 2 -", "**Caption:**" at the very start (not "Post-game").
_LABEL = re.compile(
    r"^\s*[*_#]*\s*(?:@?versus\s+)?(?:caption|post|tweet)(?:\s*(?:#\s*)?\d+)?"
    r"\s*[*_]*(?:\s*:|\s+[-–—]\s)\s*[*_]*\s*",
    re.IGNORECASE,
)
_QUOTE_PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“", "`": "`"}
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def _strip_chat_debris(text: str) -> str:
    header = _ASSISTANT_HEADER.search(text)
    if header:
        text = text[header.end() :]
    segments = _END_OF_TURN.split(text)
    # Keep the first turn that has any text: "<|im_end|>caption" (a stray leading token) still works.
    text = next((seg for seg in segments if _SPECIAL_TOKEN.sub("", _ROLE_HEADER.sub("", seg)).strip()), "")
    text = _ROLE_HEADER.sub(" ", text)
    text = _SPECIAL_TOKEN.sub(" ", text)
    return _LEADING_ROLE.sub("", text)


def _strip_wrapping(text: str) -> str:
    """Drop labels and quotes around the whole caption, repeatedly ("Caption: "..."" → ...)."""
    while True:
        before = text
        text = _LABEL.sub("", text).strip()
        if len(text) >= 2 and text[0] in _QUOTE_PAIRS and text[-1] == _QUOTE_PAIRS[text[0]]:
            inner = text[1:-1]
            bare = _APOSTROPHE.sub("", inner)  # "'Don't blink'": the apostrophe is no quote
            # Only a quote pair that wraps everything: '"Wow" he said "wow"' keeps its quotes.
            if text[0] not in bare and _QUOTE_PAIRS[text[0]] not in bare:
                text = inner.strip()
        if text == before:
            return text


def truncate_words(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut after a sentence end if one falls in the last half,
    else at the last space; a single overlong word is cut hard."""
    if len(text) <= max_chars:
        return text
    head = text[: max_chars + 1]
    sentence_ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", head)]
    if sentence_ends and sentence_ends[-1] >= max_chars // 2:
        return head[: sentence_ends[-1]].rstrip()
    space = head.rfind(" ")
    newline = head.rfind("\n")
    cut = max(space, newline)
    if cut <= 0:
        return text[:max_chars]
    return head[:cut].rstrip()


def sanitize(text: str | None, max_chars: int | None = 280) -> str:
    """A model's raw output as a clean, single-caption plain-text string (possibly empty).

    Order matters: escapes first (they can hide inside anything), then chat-template tokens (so a
    token split by markup is not missed), then HTML, labels and quotes, then whitespace and length.
    Plain newlines survive as single line breaks; `max_chars=None` skips the length cut.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = safe_terminal(text).replace("\t", " ")
    text = _strip_chat_debris(text)
    text = strip_html(text)
    text = _strip_chat_debris(text)  # markup may have hidden tokens ("<|im_<b></b>end|>")
    text = safe_terminal(text).replace("\t", " ")  # entities can decode to control characters
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text).strip()
    text = _strip_wrapping(text)
    text = with_an(text)  # the fact-check: the model's "a 8-year deal"
    if max_chars is not None and max_chars > 0:
        text = truncate_words(text, max_chars)
    return text
