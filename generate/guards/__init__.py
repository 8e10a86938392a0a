"""The caption quality guards, in one import: what generation jobs, the review UI and eval call.

    from generate.guards import sanitize, score_candidates, choose_best, draft_for

    scored = score_candidates(snippet, raw_outputs)   # sanitized, scored, flagged; input order
    best = choose_best(scored)                        # a Scored: .caption, .scores, .flags
    draft = draft_for(snippet, raw_outputs)           # the best one + every candidate, JSON-ready

Each concern lives in its own module: sanitize.py (markup, chat tokens), facts.py (fact-lock),
meaning.py (contradictions: who won, score order, currency, unit, country; countries.py holds the
country names), fluency.py (made-up words, filler), persona.py (assistant-speak), style.py
(@versus-ness), best_of_n.py (scoring, choosing, postable), lexicon.py (the word lists they
share). Untrusted text is printed with `text.safe_terminal`.
"""

from generate.guards.best_of_n import Scored, choose_best, draft_for, postable, score_candidates, score_caption
from generate.guards.facts import FactCheck, Facts, check_facts, extract_facts
from generate.guards.fluency import made_up_words, repeated_phrase
from generate.guards.meaning import meaning_issues
from generate.guards.persona import REASONS as PERSONA_REASONS
from generate.guards.persona import persona_issues
from generate.guards.sanitize import sanitize
from generate.guards.style import style_features, style_score

__all__ = [
    "PERSONA_REASONS",
    "FactCheck",
    "Facts",
    "Scored",
    "check_facts",
    "choose_best",
    "draft_for",
    "extract_facts",
    "made_up_words",
    "meaning_issues",
    "persona_issues",
    "postable",
    "repeated_phrase",
    "sanitize",
    "score_candidates",
    "score_caption",
    "style_features",
    "style_score",
]
