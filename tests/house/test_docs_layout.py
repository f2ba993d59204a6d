"""The docs' maps of the source name every part of it (issue 77): docs/development.md's layout
block names each folder and module of src/conformance (and areas/_shared), and
docs/architecture.md's table of layers names each package and module, so a new package cannot
be left off either map."""

from __future__ import annotations

import re
from pathlib import Path

from tests.paths import ROOT

SRC = ROOT / "src" / "conformance"


def _parts() -> tuple[list[str], list[str]]:
    """The folders (``name/``) and Python modules (``name.py``) directly under src/conformance,
    and areas/_shared/; caches and the package's own __init__.py left out."""
    folders = sorted(f"{p.name}/" for p in SRC.iterdir() if p.is_dir() and p.name != "__pycache__")
    modules = sorted(p.name for p in SRC.glob("*.py") if p.name != "__init__.py")
    return [*folders, "areas/_shared/"], modules


def _layout_block(text: str) -> str:
    section = text.split("\n## Layout\n", 1)[1]
    return section.split("```\n", 1)[1].split("```", 1)[0]


def _unnamed_in_layout(block: str) -> list[str]:
    folders, modules = _parts()
    return [name for name in [*folders, *modules] if not re.search(rf"(?<![\w/]){re.escape(name)}", block)]


def _unnamed_in_table(text: str) -> list[str]:
    named = set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE))
    packages = [p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()]
    modules = [p.stem for p in SRC.glob("*.py") if p.name != "__init__.py"]
    return sorted({*packages, *modules, "areas/_shared"} - named)


def test_the_development_layout_names_every_folder_and_module() -> None:
    block = _layout_block((ROOT / "docs" / "development.md").read_text(encoding="utf-8"))
    assert _unnamed_in_layout(block) == [], "docs/development.md's Layout leaves these out"


def test_the_architecture_table_names_every_package_and_module() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert _unnamed_in_table(text) == [], "docs/architecture.md's table of layers leaves these out"


def test_a_part_left_off_either_map_is_caught(tmp_path: Path) -> None:
    block = _layout_block((ROOT / "docs" / "development.md").read_text(encoding="utf-8"))
    assert "area.py" in _unnamed_in_layout(block.replace("area.py", "the area module"))
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "_record" in _unnamed_in_table(text.replace("| `_record` |", "| records |"))
