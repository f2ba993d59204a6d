"""What a supplied file that is there but does not parse gives a file case (thirty-sixth reading, row c3).

The file adapter records such a file as a finding of the product (``adapters/file.py::documents``), so each case
reading it fails, and its inconclusive line keeps only a file that cannot be obtained (the thirty-fifth reading's
a2 on AS-META-001/-003). A case whose own reader leaves an unparsable file unjudged (SC-BIM's IFC reader, the data
products' descriptions) says so in procedures.yaml (``unparsed_unjudged``) and keeps 「无法读取」 in that line."""

from __future__ import annotations

from typing import Any


def unparsed(fails: str, files: str, lang: str, override: dict[str, Any] | None) -> tuple[str, str]:
    """The fail line naming an unparsable file where it is a finding, and the inconclusive line's word for a
    file that cannot be read."""
    if not files or (override or {}).get("unparsed_unjudged"):
        return fails, "无法读取" if lang == "zh" else "unreadable"
    if lang == "zh":
        fails = fails.replace("记录指明", f"或所提供的{files}中有文件无法按其格式解析，记录指明", 1)
        return fails, "无法取得（访问被拒）"
    fails = fails.replace("; the record names", f", or a file of the {files} supplied cannot be parsed in its "
                          "format; the record names", 1)
    return fails, "cannot be obtained (access refused)"
