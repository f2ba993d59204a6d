"""The README is what a newcomer reads in five minutes (issue 61): short, its demo's expected
exit code stated, its first-product manifests the very files of examples/ it names, and no
figure that rots (a count of tests belongs, dated, in bench/README.md)."""

from __future__ import annotations

import re

import yaml

from tests.paths import ROOT

README = ROOT / "README.md"


def test_the_readme_is_short() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 200, "move the detail to docs/"


def test_the_readme_states_the_demos_exit_code() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Set up and run the demo", 1)[1].split("\n## ", 1)[0]
    assert "conformance demo" in section and "exit code 0" in section


def test_the_first_product_manifests_are_the_example_files() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Test your first product", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    named = re.findall(r"`(examples/first-[a-z]+\.yaml)`", section)
    assert len(blocks) == len(named) == 2
    for path, block in zip(named, blocks, strict=True):
        assert yaml.safe_load((ROOT / path).read_text(encoding="utf-8")) == block, path


def test_the_readme_states_no_count_of_tests() -> None:
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"\b\d[\d  ,]*\s+tests\b", text), "a count of tests rots: date it in bench/README.md"
