"""Issue 15.7: every setting has a valid range, checked when config.toml is read; a value outside it is
a one-line error naming the key, before any command touches the data."""

from __future__ import annotations

import dataclasses

import pytest

import config
from draftqueue import Draft, add_drafts
from store import Store
from conftest import invoke_cli


def test_every_setting_has_a_range_and_every_default_is_in_it():
    settings = config.Settings()
    for section in dataclasses.fields(settings):
        for key, value in dataclasses.asdict(getattr(settings, section.name)).items():
            assert config.check_setting(section.name, key, value) is None, f"{section.name}.{key}"


@pytest.mark.parametrize("section, line, message", [
    ("review", "stale_hours = -1", "review.stale_hours must be at least 0, got -1.0"),
    ("ingest", "snippet_max_chars = 0", "ingest.snippet_max_chars must be at least 40 and at most 4000, got 0"),
    ("ingest", "duplicate_similarity = -1", "ingest.duplicate_similarity must be greater than 0 and at most 1, got -1.0"),
    ("ingest", "interval_minutes = nan", "ingest.interval_minutes must be a finite number, got nan"),
    ("ingest", "max_bytes = 0", "ingest.max_bytes must be at least 1, got 0"),
    ("generation", "lease_minutes = -1", "generation.lease_minutes must be greater than 0, got -1.0"),
    ("generation", "n = 0", "generation.n must be at least 1 and at most 16, got 0"),
    ("generation", "top_p = 0", "generation.top_p must be greater than 0 and at most 1, got 0.0"),
    ("generation", "max_new_tokens = 0", "generation.max_new_tokens must be at least 1 and at most 512, got 0"),
    ("generation", "backend = 'gpt'", "generation.backend must be one of auto, transformers, vllm, openai, got 'gpt'"),
    ("generation", "openai_base_urls = ['localhost:8000']",
     "generation.openai_base_urls must be a list of http:// or https:// URLs, got ['localhost:8000']"),
    ("model", "dtype = 'fp8'", "model.dtype must be one of auto, float32, bfloat16, float16, int8, got 'fp8'"),
    ("train", "max_steps = 0", "train.max_steps must be -1 (train for epochs) or at least 1, got 0"),
    ("train", "dropout = 1", "train.dropout must be at least 0 and less than 1, got 1.0"),
    ("daemon", "retrain_cron = 'every night'",
     "daemon.retrain_cron must be a crontab line such as \"0 4 * * *\", or empty, got 'every night'"),
])
def test_a_value_out_of_range_is_a_one_line_error_naming_the_key(home, section, line, message):
    path = home / config.CONFIG_FILE
    path.write_text(f"[{section}]\n{line}\n")
    assert invoke_cli(home, "config", code=1).output == f"Error: {path}: {message}\n"


def test_a_negative_stale_hours_expires_nothing(home):
    with Store(home / config.DB_FILE) as store:
        add_drafts(store, [Draft("Arsenal beat Chelsea 3-1.", "GUNNERS 3-1")])
    (home / config.CONFIG_FILE).write_text("[review]\nstale_hours = -1\n")
    invoke_cli(home, "review", "--list", code=1)
    with Store(home / config.DB_FILE) as store:
        assert [d["status"] for d in store.drafts()] == ["pending"]


def test_in_range_values_are_taken(home):
    (home / config.CONFIG_FILE).write_text("[review]\nstale_hours = 0\n[daemon]\nretrain_cron = '0 4 * * *'\n")
    out = invoke_cli(home, "config").output
    assert "stale_hours = 0.0" in out and "retrain_cron = \"0 4 * * *\"" in out
