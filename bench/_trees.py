"""One module of another source tree, loaded beside this tree's, for benches that measure a change side
by side (``--before TREE``: a ``git archive`` of the base commit)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def module_of(tree: Path, dotted: str, alias: str) -> ModuleType:
    """The module ``dotted`` (``conformance._io.parsing``) of ``tree``'s ``src/``, loaded as ``alias`` in its
    package (so its relative imports are this tree's package: only the module itself is the other tree's)."""
    package, _, _name = dotted.rpartition(".")
    path = tree / "src" / Path(*dotted.split(".")).with_suffix(".py")
    spec = importlib.util.spec_from_file_location(f"{package}.{alias}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
