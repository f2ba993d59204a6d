"""Judgements of the interfaces area (the HTTP contract, problem details, robustness)."""
