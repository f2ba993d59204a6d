"""The XML formats the areas' checks read that no JSON Schema states (the areas' ``conformance_xml_formats``;
forty-second reading a7: the robot cases read URDF, defined only by a web page in the bibliography): each read from the
very file the area's reader takes its element and attribute names from, so that annex E's clause and the checker cannot
drift. Their tables are :mod:`.xmltables`'s (this module is the writer's, which it may not import back)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .. import _areas


def xml_formats() -> list[tuple[str, dict[str, Any]]]:
    """Each XML format by id, as its file reads, in the order their clauses stand."""
    files = _areas.xml_formats()
    return [(name, _parsed(files[name], _signature(files[name]))) for name in sorted(files)]


def _signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, signature: tuple[int, int]) -> dict[str, Any]:
    """The file parsed once while it is unchanged (``signature``): every test case's format line asks for the formats,
    and parsing URDF's description took about 18 ms, some 7 s of CPU over a draft's cases."""
    parsed: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return parsed
