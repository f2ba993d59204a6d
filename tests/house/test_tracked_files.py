"""The repository tracks no symbolic link. A worktree's link to a virtual environment once slipped in through
``git add -A`` (``.venv/`` in .gitignore matches a folder, not a link); a clone then checks out a link to another
machine's path, and checking it out over a real ``.venv`` folder removes that folder."""

from __future__ import annotations

import subprocess

from tests.paths import ROOT


def symbolic_links(ls_files_stage: str) -> list[str]:
    """The paths ``git ls-files --stage`` lists with mode 120000 (a symbolic link)."""
    return [line.split("\t", 1)[1] for line in ls_files_stage.splitlines() if line.startswith("120000 ")]


def test_no_tracked_file_is_a_symbolic_link():
    listing = subprocess.run(["git", "ls-files", "--stage"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert symbolic_links(listing.stdout) == []


def test_the_scan_sees_a_link_and_only_a_link():
    listing = ("100644 0123456789abcdef0123456789abcdef01234567 0\tREADME.md\n"
               "120000 89abcdef0123456789abcdef0123456789abcdef 0\t.venv\n")
    assert symbolic_links(listing) == [".venv"]


def test_a_link_named_like_the_virtual_environment_is_ignored(tmp_path):
    """The repository's .gitignore, in an empty repository holding a ``.venv`` link: git ignores the link."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes((ROOT / ".gitignore").read_bytes())
    (tmp_path / ".venv").symlink_to(tmp_path / "elsewhere")
    ignored = subprocess.run(["git", "check-ignore", "-q", ".venv"], cwd=tmp_path)
    assert ignored.returncode == 0
