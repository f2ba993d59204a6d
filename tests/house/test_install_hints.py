"""Every hint that names an optional extra installs it the way docs/install.md does: the
package is not on PyPI yet, so `pip install 'metaverse-conformance[x]'` would fail (issue 73)."""

from __future__ import annotations

from pathlib import Path

from conformance.errors import install_hint

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "src" / "conformance"


def test_no_hint_installs_the_package_by_its_name_from_an_index():
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted(SOURCES.rglob("*")) if path.suffix in (".py", ".yaml", ".html", ".j2")
             and "_vendor" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "metaverse-conformance[" in line]
    assert not found, "hints that install from PyPI (use conformance.errors.install_hint):\n" + "\n".join(found)
    docs = [f"{path.relative_to(ROOT)}" for path in sorted((ROOT / "docs").glob("*.md"))
            if "metaverse-conformance[" in path.read_text(encoding="utf-8")]
    assert not docs


def test_the_hint_is_the_command_install_md_gives():
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert 'pip install ".[reference]"' in install and "not\non PyPI" in install
    assert install_hint("drafting") == "pip install '.[drafting]' in a clone of the repository (docs/install.md)"
