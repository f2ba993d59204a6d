"""The seventy-second reading's findings the lead fixed (issue 76): 四（二） said only the identity and glTF corpora are
committed and every other corpus kept outside the project, while 200 of the 3D Tiles comparison's 604 tilesets are
committed in tests/corpora/scenes and 五 lists that folder among those 四's comparisons use (d1)."""

from __future__ import annotations

import json
import re

import yaml

from tests.paths import ROOT


def _lead(note_md: str) -> str:
    return note_md.split("（二）与公开工具在公开语料上的一致性", 1)[1].split("\n", 1)[0]


def test_d1_the_3d_tiles_comparison_says_what_part_of_its_tilesets_is_committed(note_md, note_md_en):
    committed = sum(len(json.loads(path.read_text(encoding="utf-8"))["tilesets"])
                    for path in (ROOT / "tests" / "corpora" / "scenes").glob("*/expected.json"))
    assert committed == 200
    lead = _lead(note_md)
    assert "OGC 3D Tiles（部分）的语料随开源项目提交" in lead and "`tests/corpora/scenes`" in lead
    assert "（其中 200 个随开源项目提交）" in note_md
    english = note_md_en.split("(2) Agreement with the field's own tools on public corpora", 1)[1].split("\n", 1)[0]
    assert "OGC 3D Tiles (in part)" in english and "`tests/corpora/scenes`" in english
    assert "(200 of them committed with the project)" in note_md_en


def test_d1_every_corpus_folder_a_comparison_section_names_is_named_in_the_lead(note_md):
    """The class: a tests/corpora folder named anywhere in the section a validation entry reads its figures from (not
    only its opening lines) is named in 四（二）'s list of committed corpora."""
    named = set(re.findall(r"`(tests/corpora/[\w.-]+)`", _lead(note_md)))
    data = yaml.safe_load((ROOT / "suites" / "explanatory.yaml").read_text(encoding="utf-8"))
    missing = []
    for entry in data["validation"]:
        section = (ROOT / entry["file"]).read_text(encoding="utf-8").split(entry["section"], 1)[1]
        end = re.search(r"\n#{1,3} ", section)
        for folder in set(re.findall(r"tests/corpora/[\w.-]+", section[:end.start()] if end else section)):
            if folder not in named:
                missing.append((entry["key"], folder))
    assert missing == []
