"""Capture bytes edited for the terminal tests: a reference capture's header changed, and a run's two captures
written side by side (a passing one and one whose declared stream the case cannot judge)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson


def with_header(capture: bytes, edit: Callable[[dict[str, Any]], object]) -> bytes:
    """An uncompressed capture (its header line, then its frames) with its header changed in place by ``edit``."""
    header, rest = capture.split(b"\n", 1)
    parsed = orjson.loads(header)
    edit(parsed)
    return orjson.dumps(parsed) + b"\n" + rest


def side_by_side(folder: Path, good: bytes, other: bytes, name: str = "unnamed.ndjson") -> list[Path]:
    """``good`` and ``other`` written into ``folder`` as the captures of one run, ``good`` first."""
    paths = [folder / "good.ndjson", folder / name]
    for path, data in zip(paths, (good, other), strict=True):
        path.write_bytes(data)
    return paths


def without_offer(sample: Path, kind: str, folder: Path, name: str = "unoffered.ndjson") -> Path:
    """The gzipped reference capture ``sample`` written into ``folder`` with its device descriptor offering no ``kind``
    stream (a stream whose offer is unknown: the case cannot know its declared limits)."""
    def drop(header: dict[str, Any]) -> None:
        header["device"]["offers"] = [o for o in header["device"]["offers"] if o["type"] != kind]
    path = folder / name
    path.write_bytes(with_header(gzip.decompress(sample.read_bytes()), drop))
    return path
