"""The caption quality guards, in one import: what generation jobs, the review UI and eval call.

    from generate.guards import sanitize, safe_terminal, score_candidates, choose_best

    scored = score_candidates(snippet, raw_outputs)   # sanitized, scored, flagged; input order
    best = choose_best(scored)                        # a Scored: .caption, .scores, .flags
    draft_candidates = [s.as_dict() for s in scored]  # JSON-ready {"caption", "scores", "flags"}
    print(safe_terminal(feed_or_model_text))          # never print untrusted text without it

Each concern lives in its own module: sanitize.py (escapes, markup, chat tokens), facts.py
(fact-lock), persona.py (assistant-speak), style.py (@versus-ness), best_of_n.py (scoring and
choosing), lexicon.py (the word lists they share).
"""

from generate.best_of_n import Scored, choose_best, score_candidates, score_caption
from generate.facts import FactCheck, Facts, check_facts, extract_facts
from generate.persona import REASONS as PERSONA_REASONS
from generate.persona import persona_issues
from generate.sanitize import safe_terminal, sanitize
from generate.style import style_features, style_score

__all__ = [
    "PERSONA_REASONS",
    "FactCheck",
    "Facts",
    "Scored",
    "check_facts",
    "choose_best",
    "extract_facts",
    "persona_issues",
    "safe_terminal",
    "sanitize",
    "score_candidates",
    "score_caption",
    "style_features",
    "style_score",
]
