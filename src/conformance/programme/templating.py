"""The programme's page templates (the site, the interoperability grid, the certificate page),
each compiled once a process: a fresh Jinja environment per build compiled every template again,
most of what an unchanged site's rebuild cost (issue 77 item 7, bench/README.md). Jinja still
checks each template file's modification time, so an edited template is compiled again."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2


@functools.cache
def templates(*, trim: bool = False) -> jinja2.Environment:
    """The environment over this package's templates; ``trim``: blocks trimmed (the site's pages)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True,
                              trim_blocks=trim, lstrip_blocks=trim)
