"""The XML formats the areas' checks read that no JSON Schema states (the areas' ``conformance_xml_formats``;
forty-second reading a7: the robot cases read URDF, defined only by a web page in the bibliography): each read from the
very file the area's reader takes its element and attribute names from, so that annex E's clause and the checker cannot
drift. Their tables are :mod:`.xmltables`'s (this module is the writer's, which it may not import back)."""

from __future__ import annotations

from typing import Any

import yaml

from .. import _areas


def xml_formats() -> list[tuple[str, dict[str, Any]]]:
    """Each XML format by id, as its file reads, in the order their clauses stand."""
    files = _areas.xml_formats()
    return [(name, yaml.safe_load(files[name].read_text("utf-8"))) for name in sorted(files)]
