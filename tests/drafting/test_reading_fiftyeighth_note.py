"""The fifty-eighth reading (issue 76), part h114-note: 二（二）'s exceptions to 「不由被测对象的提供者填写」 name every
normative requirement whose limit comes from a declaration, each kind with why it loosens no limit (d6); 七 says the
3D Tiles disagreement's cause is not yet known, as 四（二） does (d7); 一（二） dates the project's stages as its
version history records them (d8) (docs/drafting.md, "#### Fifty-eighth reading, part h114-note")."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from conformance.drafting.writer import normative
from tests.paths import ROOT

#: a statement or rule holding a measured value to something the device declares (a share is no bound)
_BOUND = re.compile(r"(?:超过|不晚于|不长于|不短于|不低于|达到)[^。；，%]{0,25}?声明的?")


def _paragraph(markdown: str, start: str) -> str:
    return next(line for line in markdown.splitlines() if start in line)


def test_d6_every_declared_limit_is_among_the_principles_exceptions(catalog, note_md, note_md_en):
    """The class: each normative requirement whose statement or a rule bounds a value by a declaration is named in
    二（二）'s exceptions, in both languages, and each kind says why the declaration loosens no limit."""
    declared = [r.id for r in catalog.requirements.values() if normative(r)
                and any(_BOUND.search(t) for t in [r.statement.zh, *(rule.zh for rule in r.rules)])]
    assert {"TD-PERF-001", "TD-DISP-009", "TD-GAZE-005", "TD-MPLAT-001", "TD-FORCE-004"} <= set(declared)
    zh = _paragraph(note_md, "不由被测对象的提供者填写")
    en = _paragraph(note_md_en, "except the requirements whose limit")
    assert [i for i in declared if i not in zh] == [] and [i for i in declared if i not in en] == []
    assert "判定的是该声明是否属实" in zh and "本文件不规定其上限" in zh and "不能放宽该余量" in zh
    # TD-GAZE-005 is named with the kind that says what the document fixes (the margin), not with the lower-of kind
    assert re.search(r"余量为限值的要求（TD-GAZE-005）", zh)


def test_d7_the_comparison_conclusion_says_the_tileset_cause_is_unknown(note_md, note_md_en):
    zh = _paragraph(note_md, "本文件为自主制定")
    assert "逐项说明原因" not in zh
    assert "其原因尚未查明" in zh and "3D Tiles" in zh
    en = _paragraph(note_md_en, "This document is drafted independently")
    assert "each disagreement" not in en and "not yet known" in en


def _stages() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / "suites" / "explanatory.yaml").read_text(encoding="utf-8"))
    return list(data["stages"])


def test_d8_the_work_process_lists_the_dated_stages(note_md, note_md_en):
    stages = _stages()
    assert len(stages) >= 5
    zh = _paragraph(note_md, "本项目工作的各阶段")
    en = _paragraph(note_md_en, "The stages of this project's work")
    for stage in stages:
        assert f"{stage['date']}，{stage['zh']}" in zh
        assert str(stage["date"]) in en
    dates = [str(s["date"]) for s in stages]
    assert dates == sorted(dates)
    # the drafting group's placeholder for the outside stages stays, after the project's
    assert note_md.index("本项目工作的各阶段") < note_md.index("（起草组填写：起草阶段")


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="no git history")
def test_d8_each_stage_date_is_its_commits_date():
    for stage in _stages():
        made = subprocess.run(["git", "log", "-1", "--format=%ad", "--date=short", str(stage["commit"])], cwd=ROOT,
                              capture_output=True, text=True)
        if made.returncode:
            pytest.skip("a shallow checkout without the stage's commit")
        assert made.stdout.strip() == str(stage["date"]), stage
