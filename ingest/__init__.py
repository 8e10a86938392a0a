"""Feeds in, factual snippets out: fetch, parse, dedupe, condense."""
