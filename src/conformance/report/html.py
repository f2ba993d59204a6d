"""HTML view: one self-contained file (inline CSS, no external assets), everything escaped."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import jinja2
import orjson

from ..evidence import by_input, input_of
from ..model import Report
from .labels import labels


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("conformance", "templates"),
        autoescape=True,  # all target-supplied text is escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pretty"] = lambda value: orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    env.filters["by_input"] = by_input
    env.filters["anchor"] = anchor
    env.filters["failing_inputs"] = failing_inputs
    return env


#: The summary line that links a requirement to the evidence of each input it fails on.
FAILING_INPUTS = {"en": "Failing inputs", "zh": "未通过的输入"}


def anchor(requirement: str, input_name: str) -> str:
    """A stable fragment ID for one input's evidence under one requirement (any file name,
    however long or odd, gives a short ID that is valid in HTML)."""
    digest = hashlib.sha256(f"{requirement}\0{input_name}".encode()).hexdigest()[:12]
    return f"ev-{requirement}-{digest}"


def failing_inputs(evidence: list[dict[str, Any]]) -> list[str]:
    """The inputs that hold a finding, in the order the evidence shows them."""
    seen: dict[str, None] = {}
    for item in evidence:
        if item.get("kind") == "finding" and input_of(item):
            seen.setdefault(input_of(item))
    return list(seen)


def render_html(report: Report, lang: str = "en") -> bytes:
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, lang=lang, t=labels(lang),
                           failing_label=FAILING_INPUTS.get(lang, FAILING_INPUTS["en"])).encode("utf-8")
