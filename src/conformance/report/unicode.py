"""Text every view can write: a lone surrogate (a file name that is not UTF-8, say) cannot be
encoded as UTF-8, so it becomes U+FFFD and the view is still written."""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: object) -> object:
    """``value`` (a string, or dicts and lists of them) with every lone surrogate replaced."""
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {valid_text(k): valid_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [valid_text(v) for v in value]
    return value
