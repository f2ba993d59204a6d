"""HTML view: one self-contained file (inline CSS, no external assets), everything escaped."""

from __future__ import annotations

from functools import cache

import jinja2
import orjson

from ..evidence import by_input
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
    return env


def render_html(report: Report, lang: str = "en") -> bytes:
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, lang=lang, t=labels(lang)).encode("utf-8")
