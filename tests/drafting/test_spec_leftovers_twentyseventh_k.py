"""The leftovers of the twenty-seventh reading of issue 76, part k (docs/drafting.md, "Leftovers of the
twenty-seventh reading, part k"): annexes D and E, rows 4 to 13. One term 暂挂 for a held order (row 4); annex D's
「要求」 column defined and listing the cases whose steps call an operation (row 5); the play-session request time
not called the test clock (row 6); the keyed members `markers.*`, `bones.*` and `curl.*` given (rows 7, 13); a row
for the `input` and `other` stream types (row 8); EMG and voice declared biometric (row 9); a direction's
components dimensionless (row 10); the indenter's linear stage (row 11); t90 as t90 (row 12). Each test reads the
rendered annexes, both languages, and failed on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest

ANNEXES = {"zh": ("## 附录 D", "## 附录 E", "## 参考文献"), "en": ("## Annex D", "## Annex E", "## Bibliography")}


def _annex(markdown: str, lang: str, letter: str) -> str:
    d, e, end = ANNEXES[lang]
    return markdown[markdown.index(d):markdown.index(e)] if letter == "D" else markdown[markdown.index(e):
                                                                                       markdown.index(end)]


def _rows(text: str, member: str) -> list[str]:
    """Every table row of ``text`` whose first cell is ``member`` (the member as code)."""
    return [line for line in text.splitlines() if line.startswith(f"| `{member}` |")]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split(" | ")]


@pytest.fixture(params=["zh", "en"])
def lang_markdown(request, zh_markdown, en_markdown) -> tuple[str, str]:
    return request.param, zh_markdown if request.param == "zh" else en_markdown


def test_a_held_order_is_zan_gua_in_the_settle_row(zh_markdown):
    """Row 4: 「被暂扣的订单」 was the only 暂扣 of the draft; its term is 暂挂 (AS-TRADE-009/010)."""
    row = _rows(_annex(zh_markdown, "zh", "D"), "POST /orders/{order_id}/settle")
    assert row and "被暂挂的订单予以拒绝（409）" in row[0]
    assert "暂扣" not in zh_markdown


#: operation -> requirements whose hand-written case steps call it (the reading's row 5 list)
CALLERS = {"GET /identifiers": ["IR-RES-001"], "GET /1.0/resolve": ["IR-RES-002"],
           "GET /1.0/identifiers/{did}": ["ID-RES-002", "ID-RES-003", "ID-RES-004", "ID-REG-001", "ID-REG-004",
                                          "ID-PORT-002", "ID-PRIV-002"],
           "GET /assets": ["IF-UDP-001", "IF-UDP-003", "IF-UDP-009"], "GET /assets/{asset_id}": ["IF-MOD-001", "IF-MOD-002"],
           "GET /assets/{asset_id}/history": ["IF-UDP-001"], "GET /assets/{asset_id}/state": ["IF-UDP-005"],
           "POST /assets": ["AS-REG-002", "IF-CODE-005", "IF-MOD-002"], "POST /assets/{asset_id}/transfer": ["AS-REG-002"],
           "POST /credentials/issue": ["ID-VCAPI-003"], "POST /1.0/deactivate": ["ID-PORT-004", "ID-PORT-005"],
           "POST /1.0/import": ["ID-PORT-003"]}


def test_the_requirements_column_lists_the_cases_calling_the_operation(lang_markdown):
    """Row 5: the column listed the requirements whose statement, rules or notes name the operation only, and was
    not defined: IR-RES-001's step 1 sends `GET /identifiers`, which listed IR-SYN-001 alone."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "D")
    for operation, ids in CALLERS.items():
        row = _rows(annex, operation)
        assert row, operation
        listed = _cells(row[0])[3].replace("\u2011", "-")
        assert all(i in re.split(r"、|, ", listed) for i in ids), (operation, listed)
    general = annex[:annex.index("### D.2")]
    assert ("各表“要求”一栏列出以上述方式指明该操作的要求，以及其测试用例的测试步骤调用该操作的要求" in general if lang == "zh"
            else "The column \"Requirements\" of each table lists the requirements naming the operation so and those "
                 "whose test case's procedure calls it" in general)


def test_the_play_session_time_is_not_the_test_clock(lang_markdown):
    """Row 6: D.6 called the session request's `{"at": …}` 测试时钟, 3.19's term for the time `POST /test/clock`
    sets; it is the request time."""
    lang, markdown = lang_markdown
    row = _rows(_annex(markdown, lang, "D"), "minors.playtime.request_time")
    assert len(row) == 1
    said = _cells(row[0])[4]
    if lang == "zh":
        assert "测试时钟" not in said and "请求时刻" in said and "仅用于测试部署" in said
    else:
        assert "test clock" not in said and "request time" in said and "test deployments only" in said.lower()


@pytest.mark.parametrize("member, closed", [("markers.*", True), ("markers.*.compound", False),
                                            ("markers.*.retention_time_s", False)])
def test_the_scent_markers_members_are_given(lang_markdown, member, closed):
    """Row 7: `markers` is a closed object per scent with `compound` and `retention_time_s`; table E.6 gave none."""
    lang, markdown = lang_markdown
    row = _rows(_annex(markdown, lang, "E"), member)
    assert len(row) == 1, member
    cells = _cells(row[0])
    assert cells[4] != "—"
    if closed:
        assert cells[2] == "—" and ("封闭" if lang == "zh" else "closed") in cells[3]
    if member.endswith("retention_time_s"):
        assert ("以 s 计" if lang == "zh" else "in seconds (s)") in cells[4]


def test_input_and_other_streams_have_their_row(lang_markdown):
    """Row 8: the stream-type enumeration has 45 values and table E.7 listed 43; `input` and `other` frames carry
    `stream` and `t` only."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "E")
    sep = "、" if lang == "zh" else ", "
    assert f"| `input`{sep}`other` | — | — |" in annex


def test_biometric_names_what_td_bio_001_requires(lang_markdown):
    """Row 9: the description's closed list left out EMG and voice, which TD-BIO-001 requires declared biometric."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "E")
    rows = [r for m in ("device.offers[].personal_data.biometric", "streams[].personal_data.biometric",
                        "personal_data.biometric", "offers[].personal_data.biometric") for r in _rows(annex, m)]
    assert len(rows) == 2  # 表 E.1's `device` and `streams[]` refer to 表 E.4 and E.2 (thirty-first reading, b11)
    for row in rows:
        said = _cells(row)[4]
        if lang == "zh":
            assert "脑电、肌电、语音（声纹）" in said and "`emg`" in said and "`voice`" in said, said
        else:
            assert "EEG, EMG, voice" in said and "`emg`" in said and "`voice`" in said, said


def test_direction_components_are_dimensionless(lang_markdown):
    """Row 10: the 18 component rows of the unit direction vectors said 「*x* 坐标，以 m 计」 under a parent saying
    the direction is a unit vector of dimension one."""
    lang, markdown = lang_markdown
    rows = [line for line in _annex(markdown, lang, "E").splitlines()
            if re.match(r"\| `[^`]*direction\.[xyz]` \|", line)]
    assert len(rows) == 9  # 表 E.1's `device` and `streams[]` refer to 表 E.4 and E.2 (thirty-first reading, b11)
    for row in rows:
        said = _cells(row)[4]
        if lang == "zh":
            assert said.startswith("单位向量的 *") and "分量（量纲一）" in said and "以 m 计" not in said, row
        else:
            assert said.startswith("The unit vector's *") and "(dimensionless)" in said and "metre" not in said, row


def test_the_indenter_stage_is_its_linear_stage(lang_markdown):
    """Row 11: `indenter.stage` carried the rotary stage's description (uncertainty in °) under a parent giving
    the positioning stage's uncertainty in mm."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "E")
    rows = _rows(annex, "streams[].indenter.stage") + _rows(annex, "indenter.stage")
    assert len(rows) == 1  # 表 E.1's `device` and `streams[]` refer to 表 E.4 and E.2 (thirty-first reading, b11)
    for row in rows:
        said = _cells(row)[4]
        if lang == "zh":
            assert "直线定位台" in said and "以 mm 计" in said and "°" not in said and "转台" not in said
        else:
            assert "linear positioning stage" in said and "in mm" in said and "°" not in said and "rotary" not in said


def test_t90_is_the_time_to_ninety_per_cent_of_the_final_indication(lang_markdown):
    """Row 12: `response_t90_s` was described as the 10 % to 90 % rise time; t90 runs from the step change to 90 %
    of the final indication (IEC 60079-29-1's time of response), the value TD-OLF-003's apparatus line limits."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "E")
    rows = (_rows(annex, "streams[].gas_sensor.instrument.response_t90_s")
            + _rows(annex, "gas_sensor.instrument.response_t90_s"))
    assert len(rows) == 1  # 表 E.1's `device` and `streams[]` refer to 表 E.4 and E.2 (thirty-first reading, b11)
    for row in rows:
        said = _cells(row)[4]
        if lang == "zh":
            assert "浓度阶跃变化起" in said and "最终（稳定）示值的 90%" in said and "10%" not in said
        else:
            assert "step change" in said and "90 % of its final" in said and "10 %" not in said
    assert not re.search(r"10 ?% (?:to|至) 90 ?% (?:response|响应)", annex)


def test_bones_and_curl_members_are_given(lang_markdown):
    """Row 13: `bones` (a pose per VRM bone) and `curl` (a resistance per finger) are keyed objects whose members
    table E.3 did not give."""
    lang, markdown = lang_markdown
    annex = _annex(markdown, lang, "E")
    for member in ("bones.*", "bones.*.orientation", "bones.*.orientation.w", "bones.*.position",
                   "bones.*.position.z", "curl.*"):
        assert len(_rows(annex, member)) == 1, member
    curl = _cells(_rows(annex, "curl.*")[0])
    assert curl[1] == "`number`" and all(f"`{f}`" in curl[4] for f in ("thumb", "index", "middle", "ring", "little"))
    assert ("取值 0 至 1" if lang == "zh" else "between 0 and 1") in curl[4]
    position = _cells(_rows(annex, "bones.*.position.x")[0])[4]
    assert ("以 m 计" if lang == "zh" else "in metres (m)") in position
    general = annex[:annex.index("### E.2")]
    assert ("`a.*` 为对象 `a` 中名称由实例自定的任一成员" if lang == "zh"
            else "`a.*` any member of object `a` whose name the instance chooses") in general
