"""Caption evaluation: the held-out run and its metrics, the promotion gate, the report."""
