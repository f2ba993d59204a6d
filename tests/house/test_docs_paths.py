"""Every file or folder of this repository the docs name exists: a reader who follows
`tests/_run/test_engine.py` or `src/conformance/reference/y.py` from the README, CONTRIBUTING.md, docs/ or a vendored
folder's SOURCES.md finds it. (bench/README.md is a dated log of measurements: the paths there
are those of the day.)"""

from __future__ import annotations

import re
from pathlib import Path

from tests.paths import ROOT

#: a path in backticks that starts at one of the repository's top folders
NAMED = re.compile(r"`((?:src|tests|suites|bench|scripts|docs|examples|profiles|schemas)/[^`\s]+)`")

#: paths the docs name in another project's repository (its name is beside each), not in this one
ELSEWHERE = {
    "tests/data/": "the COCO keypoint corpus's repository (docs/data.md)",
    "tests/ifcfiles/public": "ThatOpen/engine_web-ifc (docs/scenes.md)",
    "tests/test_geometry_generic.py": "val3dity (docs/scenes.md)",
    "tests/test_geometry_specific.py": "val3dity (docs/scenes.md)",
    "tests/test_valid.py": "val3dity (docs/scenes.md)",
    "schemas/src/main/resources-original/ogc/gml/3.2.1/": "highsource/ogc-schemas (citygml_xsd/SOURCES.md)",
}


def documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md")),
            *sorted((ROOT / "src").rglob("*.md"))]


def missing(text: str) -> list[str]:
    """The repository paths ``text`` names that do not exist; a placeholder (``<area>``, a
    glob, a range such as ``aigc-005..007``) names no one file and is left out."""
    found = []
    for match in NAMED.finditer(text):
        path = match.group(1).split("::")[0].rstrip(".,;:)")
        if any(mark in path for mark in ("<", "*", "{", "$", "..", "…")) or path in ELSEWHERE:
            continue
        if not (ROOT / path).exists():
            found.append(path)
    return found


def test_every_path_the_docs_name_exists():
    stale = {str(doc.relative_to(ROOT)): paths for doc in documents()
             if (paths := missing(doc.read_text(encoding="utf-8")))}
    assert stale == {}, "a path moved or was renamed: name it as it is now"


def test_a_moved_path_is_found_and_placeholders_are_not():
    text = ("the VC API (`src/conformance/reference/identity_vcapi.py`), checked by "
            "`tests/areas/scenes/test_city_models.py`; each `suites/<area>/procedures.yaml`, `tests/test_valid.py`")
    assert missing(text) == ["src/conformance/reference/identity_vcapi.py"]
