"""Seventy-fifth reading, a1 and d1 (K8): the 编制说明's row for the background noise of acoustic measurements gave
TD-AUD-004's and TD-AUD-007's exception (the quietest signal the declared distance model does not silence) and named
table 9 of 5.9 as holding it, while table 9 still asked for noise 30 dB below the quietest signal of all, one a
correct renderer leaves silent. The class: each row of the environment table that names table 9 gives the value
table 9 gives, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

SPEC = Path(__file__).resolve().parents[2] / "suites" / "specification.yaml"


def _rows_naming_table_9() -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(area, table 9's texts by language, the row's value by language) of each row whose condition names table 9."""
    environment = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["environment"]
    rows = []
    for area, entry in environment.items():
        if not isinstance(entry, dict):
            continue
        table = {lang: " ".join(cell[lang] for key, cell in entry.items()
                                if key != "basis" and isinstance(cell, dict) and isinstance(cell.get(lang), str))
                 for lang in ("zh", "en")}
        rows += [(area, table, row["value"]) for row in entry.get("basis", ()) if "表 9" in row["condition"]["zh"]]
    return rows


def _held(value: str, table: str) -> bool:
    # the calibration row's 「其所判定容差」 reads the same as the value's 「所判定容差」
    squeeze = re.compile(r"\s+")
    return squeeze.sub(" ", value) in squeeze.sub(" ", table).replace("其所判定", "所判定")


def test_every_row_naming_table_9_gives_the_value_table_9_gives():
    rows = _rows_naming_table_9()
    assert len(rows) >= 7
    assert [(area, value["zh"]) for area, table, value in rows if not _held(value["zh"], table["zh"])] == []


def test_table_9_holds_the_distance_models_exception_in_both_languages(zh_markdown, en_markdown):
    clause = zh_markdown[zh_markdown.index("## 5 测试环境"):zh_markdown.index("## 6 ")]
    assert "声学测量时耳处背景噪声比最弱测试信号（TD‑AUD‑004 与 TD‑AUD‑007 为所声明距离模型增益不为 0 者中最弱的）的电平低至少 30 dB" \
        in clause.replace("-", "‑")
    assert "比最弱测试信号的电平低至少 30 dB" not in clause
    english = en_markdown[en_markdown.index("## 5 "):en_markdown.index("## 6 ")]
    assert "the quietest the declared distance model does not silence" in english
