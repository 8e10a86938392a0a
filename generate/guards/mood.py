"""Hype that matches the news: no celebration on bad news for the story's subject.

The editor's rejections name it: 🔥 on an injury, 👑 on a loss, 🔥 on a firing. A snippet is bad news
when its subject lost (meaning.result_of) or its words say injury, a firing, a ban or relegation;
on bad news a caption may be sombre or savage about the result, never celebratory.
"""

from __future__ import annotations

import re

from generate.guards.facts import extract_facts
from generate.guards.meaning import result_of

# What celebrates. 😤 (grit), 💔 😭 😬 🙏 and 💀 (a savage "cooked") are fine on bad news.
CELEBRATION = ("🔥", "🐐", "👑", "🚀", "🎉", "🥳", "🏆", "🤑", "🍾", "🥇")
_BAD_NEWS = re.compile(
    r"\b(?:injur\w*|ruled out|out for|torn|tears?|ruptur\w*|surgery|fractur\w*|concuss\w*|sidelined"
    r"|sacked|fired|fires|dismissed|parted ways|relegat\w*|suspen\w*|banned|ban\b|lose|loses|lost|losing"
    r"|defeat(?:ed)?|beaten|eliminated|crash(?:ed|es)?|withdr[ae]w\w*|slump\w*)\b",
    re.IGNORECASE,
)


def bad_news(snippet: str) -> bool:
    """Whether the story is bad news for its subject: they lost, or were hurt, fired, banned, relegated."""
    names = extract_facts(snippet).names
    result = result_of(snippet)
    leads = bool(names) and (snippet or "").startswith(names[0].text)  # the subject, not a later name
    if leads and 0 in result.losers:
        return True
    if leads and 0 in result.winners:
        return False  # "Arsenal beat Leeds": the subject's day, whatever happened to Leeds
    return bool(_BAD_NEWS.search(snippet or ""))


def mood_issues(snippet: str, caption: str) -> list[str]:
    """wrong_mood:<emoji> for each celebration the caption puts on bad news."""
    if not caption or not bad_news(snippet):
        return []
    return [f"wrong_mood:{emoji}" for emoji in CELEBRATION if emoji in caption]
