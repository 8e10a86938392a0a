"""Best-of-n: score every candidate caption for a snippet and keep the best one.

Each candidate is sanitized, then scored (all numbers in [0, 1] unless said otherwise):

    style      style.style_score: @versus-ness
    fact_keep  facts.check_facts keep_rate: share of the snippet's key facts the caption kept
    invented   count of numbers and names in the caption that the snippet does not have
    persona    count of assistant-speak reason codes (persona.persona_issues)
    length     style.length_factor of the caption before truncation
    copy       longest run of snippet words the caption repeats verbatim, as a share of the snippet
    repeat     share of the caption's word pairs that are repeats ("high-tech, high-tech, ...")
    meaning    count of contradictions of the snippet (meaning.meaning_issues: who won, score order,
               transfer direction, currency, unit, country)
    made_up    count of words that are no English, no slang and not from the snippet (fluency.py)
    fluency    the model's own mean token log-probability of the caption (a sampled candidate of
               the transformers backend; None elsewhere), read as a factor in [0, 1] from
               FLUENCY_RANGE: garbled candidates score low under the model that wrote them
    total      the ranking key, −1.0 for an empty caption, else
               0.45·style + 0.40·fact_keep + 0.15·length + 0.30·fluency factor
               − 0.30·min(invented + meaning, 3) − 0.50·min(persona, 2) − 0.30·min(made_up, 2)
               − 0.30 if it copies the snippet − 0.30 if it loops or repeats filler
               − 0.15 if it says a word twice

and flagged: "empty", "too_long", "persona:<code>", "invented_number:<as written>",
"invented_name:<as written>", "missing_fact:<as the snippet wrote it>", the meaning flags
("wrong_result:<verb>", "reversed_score:<score>", "wrong_move:...", "wrong_currency:...",
"wrong_unit:...", "wrong_side:...", "wrong_count:...", "wrong_country:..."), "wrong_mood:<emoji>" (a
celebration on bad news, mood.py), "made_up_word:<as written>", "disfluent" (mean log-probability below
FLUENCY_FLOOR), "hesitant" (below HESITANT_BELOW: the model was unsure of its own words, which an editor
mostly rejects), "injection"
(it obeys or repeats an instruction to an AI model that the snippet carried: injection.py),
"copies_snippet" (a run of 6+ words covering 80%+ of the snippet: the base model's favourite way to
keep every fact), "pastes:<words>" (a run of PASTE_WORDS+ of the snippet's words in a row: its sentence
pasted, which a strict editor sends back for a rewrite), "repetitive" (12+ words, over 40% of word pairs
repeated: a small model stuck in a loop; a short "LET'S GO LET'S GO" is style, not a loop), "filler:<phrase>"
(fluency.repeated_phrase: "the only team left ... the only team left") and "repeats:<word>"
(fluency.repeated_words: a content word or emoji said twice).

A candidate *passes* without a blocking flag: not empty, no assistant-speak, no repeated injected
text, no invented or contradicted fact, no made-up word, no loop or filler. `choose_best` keeps the
highest total among postable candidates, else among passing ones; when none passes it keeps the
highest total overall, flags and all, so the editor sees why. A copy of the snippet passes
(useless, but not wrong) and loses on its total. A caption is *postable* (`postable`, what
`versus eval` counts) when it passes, keeps every key fact (one that states a sentence of the snippet
word for word, its headline, chose what else to say: no missing_fact), neither copies nor pastes the snippet,
says no word twice, is not hesitant and has a style score of at least STYLE_FLOOR: what an editor could post as is.
Scores and flags are plain JSON values: `Scored.as_dict()` is what the draft stores.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field

from text import split_sentences, words

from generate.guards.facts import check_facts
from generate.guards.fluency import made_up_words, repeated_phrase, repeated_words
from generate.guards.injection import injection_flags
from generate.guards.meaning import CODES as MEANING_CODES
from generate.guards.meaning import meaning_issues
from generate.guards.mood import mood_issues
from generate.guards.persona import persona_issues
from generate.guards.sanitize import sanitize, truncate_words
from generate.guards.style import length_factor, style_score
from generate.recast import recast
from generate.voice import in_voice

MAX_CHARS = 280
BLOCKING_PREFIXES = ("empty", "persona:", "invented_number:", "invented_name:", "injection", "made_up_word:",
                     "repetitive", "filler:", "disfluent", "wrong_mood:", *(f"{code}:" for code in MEANING_CODES))
# The model's mean token log-probability of a candidate, as a fluency factor (RANGE) and a floor below
# which it is babble; calibrated on v1's sampled candidates (bench/README.md).
FLUENCY_RANGE = (-2.5, -0.5)
FLUENCY_FLOOR = -2.2
# Above the floor but unsure, over the hook and fact line the shipped adapter writes (house sign-offs): the
# line that agrees best with a blind editor over reads 1-12, and better than -0.9 on reads 13-15 (bench/README.md).
HESITANT_BELOW = -0.6
# Not wrong, but not what an editor posts as is: a key fact dropped ("the opponent, the record"),
# the snippet pasted back, a word or emoji said twice, a hesitant model. What they changed against a
# blind editor's verdicts (data/eval/judged.jsonl) is in bench/README.md.
NOT_POSTABLE_PREFIXES = ("missing_fact:", "copies_snippet", "pastes:", "repeats:", "hesitant")
STYLE_FLOOR = 0.3  # every seed caption scores 0.35 or more, no seed snippet more than 0.16
COPY_SHARE, COPY_WORDS = 0.8, 6  # a verbatim run this large is the snippet, not a caption
# The seed set's captions repeat at most 8 of their snippet's words in a row in all but 4 of 868 (most 2-4).
# Under the brief that names the pasted body (reads 32-43), postable with this flag passed 106 of the 126
# captions a blind editor posted and 56 of the 441 edited (bench/README.md).
PASTE_WORDS = 9
QUOTED_WORDS = 6  # a sentence of the snippet this long, said word for word, is its news stated
REPEAT_SHARE, REPEAT_WORDS = 0.4, 12  # this many repeated word pairs in a caption this long is a loop


@dataclass
class Scored:
    caption: str  # sanitized, at most MAX_CHARS
    scores: dict[str, float | int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No blocking flag: not empty, no assistant-speak, no invented or contradicted fact, no
        made-up word, no loop or filler."""
        return not any(flag.startswith(BLOCKING_PREFIXES) for flag in self.flags)

    def as_dict(self) -> dict:
        return {"caption": self.caption, "scores": dict(self.scores), "flags": list(self.flags)}


def copied_share(snippet: str, caption: str) -> tuple[float, int]:
    """The longest run of snippet words the caption repeats verbatim: (share of the snippet, words)."""
    source = [w.casefold() for w in words(snippet or "")]
    target = [w.casefold() for w in words(caption)]
    if not source or not target:
        return 0.0, 0
    match = difflib.SequenceMatcher(None, source, target, autojunk=False).find_longest_match(
        0, len(source), 0, len(target)
    )
    return round(match.size / len(source), 3), match.size


def states_a_sentence(snippet: str, caption: str) -> bool:
    """The caption says one of the snippet's sentences (QUOTED_WORDS words or more) word for word, or as the
    house says a headline (generate/voice.py): its headline, where the house wrote the fact line."""
    said = " ".join(w.casefold() for w in words(caption))
    return any(stated in said for stated in _stated_forms(snippet))


@functools.lru_cache(maxsize=256)  # asked of every candidate of a snippet: voice each sentence once
def _stated_forms(snippet: str) -> tuple[str, ...]:
    """The snippet's sentences of QUOTED_WORDS words or more, as written and as the house voices and recasts
    them, in folded words joined by spaces."""
    voiced = {sentence: in_voice(sentence) for sentence in split_sentences(snippet or "")}
    forms = {form for sentence, said in voiced.items() for form in (sentence, said, recast(said))}
    told = ([w.casefold() for w in words(form)] for form in forms)
    return tuple(" ".join(said) for said in told if len(said) >= QUOTED_WORDS)


def repeated_share(caption: str) -> float:
    """Share of the caption's adjacent word pairs that already occurred earlier in it."""
    folded = [w.casefold() for w in words(caption)]
    pairs = list(zip(folded, folded[1:]))
    return round(1 - len(set(pairs)) / len(pairs), 3) if pairs else 0.0


def score_caption(snippet: str, raw: str, max_chars: int = MAX_CHARS) -> Scored:
    """One candidate, sanitized, scored and flagged (see the module docstring)."""
    full = sanitize(raw, max_chars=None)
    caption = truncate_words(full, max_chars)
    if not caption:
        scores = {"style": 0.0, "fact_keep": 0.0, "invented": 0, "persona": 0, "length": 0.0,
                  "copy": 0.0, "repeat": 0.0, "meaning": 0, "made_up": 0, "fluency": None, "total": -1.0}
        return Scored("", scores, ["empty"])

    flags = [f"persona:{code}" for code in persona_issues(caption)] + injection_flags(snippet, caption)
    check = check_facts(snippet, caption)
    flags += [f"invented_number:{n}" for n in check.invented_numbers]
    flags += [f"invented_name:{n}" for n in check.invented_names]
    if not states_a_sentence(snippet, caption):  # one that states the news as written chose what else to say
        flags += [f"missing_fact:{fact}" for fact in check.missing_numbers + check.missing_names]
    contradictions = meaning_issues(snippet, caption) + mood_issues(snippet, caption)
    flags += contradictions
    made_up = made_up_words(snippet, caption)
    flags += [f"made_up_word:{word}" for word in made_up]
    if len(full) > max_chars:
        flags.append("too_long")
    copied, copied_words = copied_share(snippet, caption)
    copies = copied >= COPY_SHARE and copied_words >= COPY_WORDS
    if copies:
        flags.append("copies_snippet")
    elif copied_words >= PASTE_WORDS:
        flags.append(f"pastes:{copied_words}")
    repeat = repeated_share(caption)
    loops = repeat > REPEAT_SHARE and len(words(caption)) >= REPEAT_WORDS
    if loops:
        flags.append("repetitive")
    filler = repeated_phrase(snippet, caption)
    if filler:
        flags.append(f"filler:{filler}")
    repeats = repeated_words(snippet, caption)
    flags += [f"repeats:{word}" for word in repeats]

    fluency = getattr(raw, "mean_logprob", None)
    if fluency is not None and fluency < FLUENCY_FLOOR:
        flags.append("disfluent")
    elif fluency is not None and fluency < HESITANT_BELOW:
        flags.append("hesitant")
    low, high = FLUENCY_RANGE
    fluent = 0.5 if fluency is None else min(1.0, max(0.0, (fluency - low) / (high - low)))

    style = style_score(caption)
    length = round(length_factor(len(full)), 3)
    invented = len(check.invented_numbers) + len(check.invented_names)
    persona = sum(flag.startswith("persona:") for flag in flags)
    # A clean, dull caption must beat a loud one with an invented fact: penalties outweigh style.
    total = (0.45 * style + 0.40 * check.keep_rate + 0.15 * length + 0.30 * fluent
             - 0.30 * min(invented + len(contradictions), 3) - 0.50 * min(persona, 2)
             - 0.30 * min(len(made_up), 2) - 0.30 * copies - 0.30 * (loops or bool(filler))
             - 0.15 * bool(repeats))
    scores = {
        "style": style,
        "fact_keep": check.keep_rate,
        "invented": invented,
        "persona": persona,
        "length": length,
        "copy": copied,
        "repeat": repeat,
        "meaning": len(contradictions),
        "made_up": len(made_up),
        "fluency": fluency,
        "total": round(total, 3),
    }
    return Scored(caption, scores, flags)


def postable(scored: Scored) -> bool:
    """What an editor could post as is: passes, keeps every key fact, copies nothing, says no word
    twice, loud enough (see the docstring)."""
    return (scored.passed and scored.scores["style"] >= STYLE_FLOOR
            and not any(flag.startswith(NOT_POSTABLE_PREFIXES) for flag in scored.flags))


def score_candidates(snippet: str, candidates: list[str], max_chars: int = MAX_CHARS) -> list[Scored]:
    """Every candidate scored, in the order given."""
    return [score_caption(snippet, raw, max_chars) for raw in candidates]


def choose_best(scored: list[Scored]) -> Scored:
    """The postable candidate with the highest total, else the passing one with the highest total
    (first wins ties); if none passes, the highest total overall with its flags. Raises ValueError
    for an empty list."""
    if not scored:
        raise ValueError("choose_best needs at least one candidate")
    pool = ([s for s in scored if postable(s)] or [s for s in scored if s.passed]
            or [s for s in scored if s.caption] or scored)
    return max(pool, key=lambda s: s.scores["total"])


def draft_for(snippet: str, candidates: list[str]) -> dict:
    """Score every candidate and keep the best; all of them are stored for the reviewer."""
    scored = score_candidates(snippet, candidates)
    best = choose_best(scored)
    return {
        "caption": best.caption,
        "scores": best.scores,
        "flags": best.flags,
        "candidates": [s.as_dict() for s in scored],
    }
