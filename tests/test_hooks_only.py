"""Hooks only: when the house writes the fact line and the sign-off, the model is asked for the hook and
decoding stops after it (generate/backends/ending.py, generate/house.py), with the shipped adapter."""

from __future__ import annotations

import pytest

from generate.backends.base import ModelSpec, SamplingParams
from generate.backends.ending import ending, hook_length
from generate.headlines import headline, hook_of
from generate.house import HOOK_TOKENS, House
from model.registry import SHIPPED_ADAPTER
from text import hook_end

STORIES = [
    "Portland Thorns beat Orlando Pride 3-1 at Providence Park. Nigerian forward Chidinma Ugwuanyi, 21, scored "
    "a hat-trick in the second half.",
    "Chicago Bears quarterback Devin Ashford out for season with torn ACL. The 27-year-old was hurt in the "
    "third quarter of Sunday's loss to Green Bay.",
    "Sevilla beat Roma 2-1 in the Europa League final in Budapest. Youssef El-Amrani scored the winner in the "
    "88th minute to give the Spanish club their eighth title.",
]


@pytest.fixture(scope="module")
def shipped(embedded_base):
    from generate.backends.transformers import TransformersBackend

    backend = TransformersBackend(ModelSpec("shipped", embedded_base, adapter=SHIPPED_ADAPTER), dtype="float32")
    yield backend
    backend.close()


@pytest.mark.parametrize("text, end", [
    ("21 YEARS OLD 😳 Portland Thorns beat", 14),
    ("by a NECK 😮‍💨 Desert Sovereign", 13),  # a joined emoji is one
    ("STOP IT 🙌🏾🔥 he did", 11),  # a skin tone and the emoji right after belong to it
    ("no emoji at all", None),
])
def test_the_hook_ends_after_its_first_emoji_and_what_belongs_to_it(text, end):
    assert hook_end(text) == end


def test_a_row_ends_after_its_hook_and_its_mean_is_the_hooks_own(shipped):
    tokenizer, stops = shipped.tokenizer, set(shipped.stop_ids)
    hook = tokenizer("21 YEARS OLD 😳", add_special_tokens=False)["input_ids"]
    ids = tokenizer("21 YEARS OLD 😳 Portland Thorns beat Orlando", add_special_tokens=False)["input_ids"]
    assert ids[: len(hook)] == hook
    logprobs = [-0.5] * len(hook) + [-3.0] * (len(ids) - len(hook))
    assert hook_length(ids[: len(hook)], tokenizer.decode) is None  # a skin tone could still follow
    assert ending(ids, logprobs, stops, tokenizer.decode, True) == (hook, -0.5)
    assert ending(ids, logprobs, stops, tokenizer.decode, False)[0] == ids
    # an end of turn right after the emoji ends it too, and counts in the mean
    stop = shipped.stop_ids[0]
    assert ending(hook + [stop], [-0.5] * len(hook) + [-1.5], stops, tokenizer.decode, True) == (
        hook, pytest.approx((-0.5 * len(hook) - 1.5) / (len(hook) + 1)))


def _teacher_forced(backend, snippet: str, text: str) -> float:
    import torch

    from model.prompt import render_prompt

    prompt = backend.tokenizer(render_prompt(backend.tokenizer, snippet), add_special_tokens=False)["input_ids"]
    ids = backend.tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.inference_mode():
        logits = backend.model(input_ids=torch.tensor([prompt + ids])).logits[0, len(prompt) - 1: -1]
    return float(torch.log_softmax(logits.float(), -1).gather(1, torch.tensor(ids)[:, None]).mean())


def test_decoding_until_the_hook_gives_the_whole_captions_hook_with_its_own_log_probability(shipped):
    greedy = SamplingParams(temperature=0.0, n=1, max_new_tokens=40)
    whole = [c[0] for c in shipped.generate(STORIES, greedy)]
    hooks = [c[0] for c in shipped.generate(STORIES, SamplingParams(temperature=0.0, n=1, until_hook=True))]
    assert [hook_of(h) for h in hooks] == [hook_of(w) for w in whole]
    assert all(hook_of(h) == h for h in hooks)
    for story, hook in zip(STORIES, hooks):
        assert hook.mean_logprob == pytest.approx(_teacher_forced(shipped, story, hook), abs=0.02)
    # the GPU's decode path cuts its rows the same way
    static = shipped._generate_static(shipped._token_ids(STORIES[:1]), SamplingParams(temperature=0.0, n=1,
                                                                                      until_hook=True), 1, 0)
    assert static == hooks[:1] and static[0].mean_logprob == pytest.approx(hooks[0].mean_logprob, abs=2e-3)


class Recording:
    """Answers every snippet with one text and records what it was asked: a test of the house, not of a model."""

    name, spec, model_version = "recording", None, "recording"

    def __init__(self, text: str):
        self.text, self.asked = text, []

    def generate(self, snippets, params, progress=None):
        self.asked.append((list(snippets), params))
        if progress:
            progress(len(snippets))
        return [[self.text] * params.n for _ in snippets]

    def close(self) -> None:
        pass


def test_the_house_asks_for_hooks_only_of_stories_with_a_headline_and_keeps_their_order():
    from generate.closers import Phrasebook
    from model.dataset import load_seed

    no_headline = "Arsenal beat Chelsea 2-0."  # its headline would be all of it: the model writes the caption
    snippets = [STORIES[0], no_headline, STORIES[1]]
    backend = Recording("STATEMENT MADE 🔥")
    counts = []
    params = SamplingParams(n=2, max_new_tokens=60)
    house = House(Phrasebook.from_rows(load_seed()), headlines=True)
    drafted = house.draft(backend, snippets, params, counts.append)
    [(hooked, hook_params), (whole, whole_params)] = backend.asked
    assert hooked == [STORIES[0], STORIES[1]] and whole == [no_headline]
    assert hook_params.until_hook and hook_params.max_new_tokens == HOOK_TOKENS
    assert not whole_params.until_hook and whole_params.max_new_tokens == 60
    assert counts == [2, 3]
    assert [len(c) for c in drafted] == [2, 2, 2]
    assert drafted[0][0].startswith(f"STATEMENT MADE 🔥 {headline(STORIES[0])}")
    # with the model's own sign-offs it writes whole captions for every story
    backend = Recording("STATEMENT MADE 🔥")
    House(None, headlines=True).draft(backend, snippets, params)
    assert [p.until_hook for _, p in backend.asked] == [False]
