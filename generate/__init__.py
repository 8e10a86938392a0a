"""Snippets in, scored draft captions out: generation backends, quality guards, best-of-n, queue jobs."""
