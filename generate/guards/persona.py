"""Persona guard: is this caption the @versus voice, or the base model's helpful assistant?

The seed project's failure was an instruct model that apologized, refused or fact-checked the news
("Actually, this never happened...") instead of hyping it. `persona_issues(caption)` returns one
reason code per kind of slip found, in a fixed order, empty for a clean caption:

- ``ai_identity``  "As an AI language model", "I'm just an AI"
- ``apology``      "I'm sorry", "I apologize", "my apologies"
- ``refusal``      "I can't help with", "I cannot create", "I'm unable to"
- ``fact_check``   "Actually, ...", "Correction:", "this is not true", "there is no record",
                   "fictional", "fabricated", "a hypothetical scenario", "I couldn't verify",
                   "I should point out", "this match hasn't happened yet", "I have no way to
                   confirm this", "I don't think that's right",
                   "as far as I know", "I'm not aware of", "I don't have information about",
                   "as of my knowledge cutoff", "misinformation", "please fact-check"
- ``hedging``      "it's important to note", "it's worth noting", "please note"
- ``assistant``    "Sure!", "Certainly!", "I'd be happy to", "Here is a caption", "I hope this helps",
                   "let me know if"
- ``meta``         talk about the caption or the task itself: "this caption captures", "in the
                   @versus style", "the news provided", "Note:"

Hype that merely looks similar stays clean: "I can't believe it", "sorry not sorry", "he actually
did it", "of course it was him", "FACT CHECK: ✅ he is HIM" (a shouted label), "hypothetical GOAT
debate".
"""

from __future__ import annotations

import re

_I_AM = r"\bi(?:'m| am)"
# One list of alternatives per reason code, tried case-insensitively; curly apostrophes are
# straightened first. Each alternative is an assistant habit, worded so that hype does not match.
_PATTERNS: dict[str, list[str]] = {
    "ai_identity": [
        r"\bas an? (?:ai|artificial intelligence|language model|llm|assistant|chatbot)\b",
        r"\b(?:ai|large) language model\b",
        _I_AM + r" (?:just |only )?an? (?:ai|language model|assistant|chatbot)\b",
        r"\bi'?m not able to browse\b",
    ],
    "apology": [
        _I_AM + r" (?:so |very |really )?sorry\b(?! not sorry)",
        r"\bi (?:do )?apologi[sz]e\b",
        r"\bmy apologies\b",
        r"\bsorry,? but i\b",
        r"\bsorry for (?:any|the) confusion\b",
    ],
    "refusal": [
        r"\bi (?:can(?:'t|not| not)|won't|will not|must decline to|am not going to)\s+"
        r"(?:help|assist|provide|write|create|generate|comply|fulfill|fulfil|produce|verify|confirm|make"
        r"|continue|complete|engage|promote|support|do that|do this|spread|share|accept)\b",
        _I_AM + r" (?:unable|not able|not comfortable)\b",
        r"\bi'?m afraid i\b",
        r"\bi must decline\b",
    ],
    "fact_check": [
        r"(?:^|[.!?]\s+)actually,",
        r"\bin reality\b",
        r"\b(?:this|that|it) (?:is|was) not (?:true|accurate|correct|real)\b",
        r"\b(?:this|that|it) (?:did ?n[o']t|never) (?:actually )?happen",
        r"\bthere (?:is|was|'s) no (?:record|evidence|report)\b",
        r"\bno (?:record|evidence) (?:of|that)\b",
        r"\bfictional\b|\bfictitious\b|\bfabricated\b",
        # "Hypothetical" alone is hype too ("hypothetical GOAT debate"): only a hypothetical story is not.
        r"\bhypothetical (?:scenario|situation|news|story|event|match|game|transfer|result|outcome)s?\b",
        r"\b(?:is|was|are|were|seems|appears to be|sounds) (?:purely |entirely |completely |just )?"
        r"hypothetical\b(?!\s+\w)",
        r"\bmade[- ]up (?:news|story|event|scenario)\b",
        r"\bi (?:could ?n[o']t|can ?n[o']t|was unable to|am unable to) (?:verify|confirm|find)\b",
        r"\bknowledge cut-?off\b|\bas of my (?:last|latest) (?:update|training)\b|\bmy training data\b",
        r"\bas far as i (?:know|am aware|'m aware|can tell)\b|\bto (?:the best of )?my knowledge\b",
        _I_AM + r" (?:not aware|unaware) of\b",
        r"\bi (?:don't|do not|dont) have (?:any )?(?:information|details|data|records?|knowledge)\b",
        r"\bi have no (?:information|details|data|record|knowledge)\b",
        r"\bi have no way (?:of|to) (?:know|confirm|verify|check|tell)",
        r"\bi (?:should|must|need to|have to|want to) (?:point out|mention|clarify|note)\b",
        r"\b(?:has|have|had)(?: not|n't|nt) (?:actually )?(?:happened|taken place|been played|occurred)\b",
        r"\b(?:is|are) yet to (?:happen|take place|be played)\b",
        # Not "I don't think that's real 😭" or "...possible": awe, not doubt.
        r"\bi (?:don't|do not|dont) think (?:that's|that is|this is|it's|it is|that|this) (?:right|true|correct"
        r"|accurate|the case|what happened)\b",
        r"\bmisinformation\b|\bdisinformation\b",
        r"\bnot (?:a )?real (?:news|event|match|game|transfer)\b",
        r"\b(?:inaccurate|false) (?:information|claim|news|report)\b",
        r"\bplease (?:verify|fact[- ]check)\b|\b(?:i|i've|i have|we|after) fact[- ]check(?:ed|ing)\b",
        # Sentence-case labels only: shouted ones are hype ("FACT CHECK: ✅ he is HIM").
        r"(?-i:\b(?:Correction|Fact[- ][Cc]heck)\s*:)",
    ],
    "hedging": [
        r"\bit(?:'s| is) (?:important|worth|crucial) (?:to note|noting|to mention|to remember)\b",
        r"\bit(?:'s| is) worth noting\b|\bplease note\b|\bkeep in mind that\b|\bnote that\b",
    ],
    "assistant": [
        r"^\W*(?:sure|certainly|of course|absolutely|okay|ok)\s*[!,.:]\s*(?:here|i|i'd|i'll|let|this)\b",
        r"^\W*(?:sure|certainly)\s*[!.]",
        r"\bi'?d be (?:happy|glad|delighted) to\b|\bi would be (?:happy|glad) to\b|\bhappy to help\b",
        r"\bhere(?:'s| is| are) (?:a|an|the|your|my|some)\b[^.!?\n]{0,40}"
        r"\b(?:caption|post|tweet|version|options?)\b",
        r"\bhope (?:this|that|it) helps\b|\blet me know if\b|\bfeel free to\b|\bi hope you (?:like|enjoy)\b",
        r"\bwould you like me to\b",
    ],
    "meta": [
        r"\b(?:this|the|my|that|above|following) caption\b",
        r"\bcaptions? (?:that )?(?:captures?|highlights?|conveys?|uses?)\b",
        r"\bin the (?:signature )?@?versus style\b|\b@?versus[- ]style\b",
        r"\bthe news (?:provided|snippet|you (?:gave|provided|shared))\b|\bnews snippet\b",
        r"^\W*note\s*:|\(note\s*:|\bword count\b|\bcharacter count\b",
        r"\bhigh-energy(?:,)? (?:and )?stylized\b",
    ],
}
_COMPILED = [
    (code, re.compile("|".join(alternatives), re.IGNORECASE | re.MULTILINE))
    for code, alternatives in _PATTERNS.items()
]
REASONS = tuple(_PATTERNS)


def persona_issues(caption: str | None) -> list[str]:
    """Reason codes (see module docstring) for assistant-speak in `caption`; [] when it is clean."""
    if not caption:
        return []
    text = caption.replace("’", "'").replace("‘", "'")
    return [code for code, pattern in _COMPILED if pattern.search(text)]
