"""Reading a file's declared instruments as the harness does (``conformance_instruments``): the file opened
once, the reader handed the open file and its name, never the path to open again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


def declared_in(read: Callable[[Any, BinaryIO], Any], path: Path, *, by_path: bool = False) -> Any:
    """What ``read`` finds in the file at ``path``: an area's ``apparatus.instruments`` (handed the file's name),
    or with ``by_path`` the harness's ``conformance._areas.instruments`` (handed the path, which names the format)."""
    with path.open("rb") as data:
        return read(path if by_path else path.name, data)
