"""The nineteenth reading of issue 76 (docs/drafting.md, "Nineteenth reading"): a setting without a default says so,
not Python's `None`. Each test fails on the draft as it was before the fix it names; the scans also on a planted
defect."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}


def _field(markdown: str, label: str) -> dict[str, str]:
    return {rid: _row(case, label) for rid, case in _cases(markdown).items()}


def _python_none(text: str) -> list[str]:
    """Every place a text prints Python's None as a value."""
    return re.findall(r".{0,30}`None`.{0,10}", text)


def test_the_scan_finds_a_planted_python_none():
    assert _python_none("已按 IXIT（附录 A）提供：配置项 `known_did`（默认 `None`）。")
    assert not _python_none("配置项 `known_did`（无默认值）")


def test_a_setting_without_a_default_says_so(zh_markdown, en_markdown):
    """Finding 1: 「配置项 `known_did`（默认 `None`）」 in 9 前置条件 and `None` in annex A's 7 IXIT rows."""
    for markdown in (zh_markdown, en_markdown):
        assert _python_none(markdown) == []
    zh = _field(zh_markdown, _CONDITIONS["zh"])
    assert "配置项 `known_did`（无默认值）" in zh["ID-RES-001"]
    assert "配置项 `known_did`（无默认值）、配置项 `unknown_did`（默认 `did:web:unknown.invalid`）" in zh["ID-RES-002"]
    en = _field(en_markdown, _CONDITIONS["en"])
    assert "setting `known_did` (no default)" in en["ID-RES-001"]
    assert re.search(r"^\| 配置项 `known_did` \| [^|]* \| — \|", zh_markdown, re.M)


def _verdict(criteria: str, label: str) -> str:
    return next((c for c in criteria.split("<br>") if c.startswith(label)), "")


_NA = {"zh": "不适用：", "en": "Not applicable: "}
_INC = {"zh": "不确定：", "en": "Inconclusive: "}


def _no_case_forms(line: str, lang: str) -> bool:
    """A 不适用 line saying "no such case" otherwise than 「无（……）」 / "none (…)"."""
    if lang == "zh":
        return bool(re.match(r"不适用：无(?:[。，；]|$)", line)) or "无此情形" in line
    return bool(re.match(r"Not applicable: (?:none(?:[.;,]|$)|does not arise|never)", line))


def test_the_scan_finds_a_planted_no_case_line():
    assert _no_case_forms("不适用：无此情形，每个采集文件均检查。", "zh")
    assert _no_case_forms("不适用：无。", "zh")
    assert not _no_case_forms("不适用：无此类标注。", "zh")  # a condition: no such annotation
    assert _no_case_forms("Not applicable: does not arise; every capture is checked.", "en")
    assert _no_case_forms("Not applicable: none.", "en")
    assert not _no_case_forms("Not applicable: none of the captures supplied holds a face stream.", "en")
    assert not _no_case_forms("不适用：无（每个采集文件均检查）。", "zh")


def test_a_case_without_a_not_applicable_case_says_so_one_way(zh_markdown, en_markdown):
    """Finding 2: 27 lines read 「不适用：无此情形，……」 and 4 a bare 「不适用：无。」 beside the 「无（……）」 of 60 others."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        lines = {rid: _verdict(text, _NA[lang]) for rid, text in _field(markdown, _CRITERIA[lang]).items()}
        assert len(lines) == 310
        odd = sorted(rid for rid, line in lines.items() if _no_case_forms(line, lang))
        assert odd == [], (lang, odd[:8])
    zh = _field(zh_markdown, _CRITERIA["zh"])
    assert re.search(r"不适用：无（声明(?:本测试配置|所列任一测试配置)的被测对象均适用本要求）。", zh["TD-CAP-001"])
    assert "不适用：无（声明本测试配置的平台对均适用本要求）。" in zh["IF-IOP-001"]
    assert "不适用：无（声明本测试配置的被测对象均适用本要求）。" in zh["IF-COMM-001"]
    # IF-TLS-001 2.1 has an inconclusive case (no trust anchors given: twenty-second reading, row 54); the line
    # states that condition alone (the twenty-first reading's row 3: no method in an inconclusive line)
    assert "而 IXIT 未给出信任锚文件 `ca_bundle`，致使 R6 与 R7 无法" in zh["IF-TLS-001"]  # one state of several since IF-TLS-001 2.3


def test_each_not_applicable_line_names_the_feature_its_case_requires(zh_markdown, en_markdown):
    """Finding 4: 11 cases whose 前置条件 require an ICS feature gave a 不适用 line without it (TD-DISP-005
    「不适用：采集文件不含亮度数据流。」); IF-CODE-008 named its feature by its code."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        conditions = _field(markdown, _CONDITIONS[lang])
        criteria = _field(markdown, _CRITERIA[lang])
        required = re.compile(r"ICS 声明支持特性“(.+?)”。" if lang == "zh" else r'The ICS declares the feature "(.+?)"\.')
        missing = []
        for rid, text in conditions.items():
            # the feature by its name, or beside another condition as 「ICS 未声明该特性」 (ID-CAT-001, left)
            if required.search(text) and "ICS" not in _verdict(criteria[rid], _NA[lang]):
                missing.append(rid)
        assert missing == [], (lang, missing)
        joined = sorted(rid for rid, text in criteria.items() if re.search(r"，或无（|, or none \(", text))
        assert joined == [], (lang, joined)  # 「无（声明本特性的……）」 is the feature's line, not a second condition
    zh = _field(zh_markdown, _CRITERIA["zh"])
    assert "不适用：ICS 未声明支持特性“平台将多个身份关联为同一用户”" in zh["IF-CODE-008"]
    # the twenty-fourth reading (row 26): a capture without the luminance stream the case reads is inconclusive
    assert re.search(r"不适用：ICS 未声明支持特性“[^”]+”（`[a-z0-9-]+`）。", zh["TD-DISP-005"])
    assert "`linked-identities` 特性" not in zh["IF-CODE-008"]


def test_a_not_applicable_line_does_not_restate_its_verdict(zh_markdown, en_markdown):
    """Finding 12: 「不适用：若无此类标注，本要求不适用。」 (DP-LABEL-003 to -005, DP-PRICE-001), 「……时判定为不适用。」
    (SC-BIM-006, -007, -009); the English opened with a capital after the colon."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for rid, text in _field(markdown, _CRITERIA[lang]).items():
            line = _verdict(text, _NA[lang])
            body = line[len(_NA[lang]):]
            assert not re.search(r"本要求不适用|判定为不适用|is not applicable", body), (rid, line)
            assert not re.match(r"[A-Z][a-z]", body), (rid, line)
    zh = _field(zh_markdown, _CRITERIA["zh"])
    # twenty-fifth reading, row 17: the line names the annotation 「此类」 left without an antecedent
    assert "不适用：所提供的文件中没有以所提供的文本文件为目标的 W3C Web Annotation" in zh["DP-LABEL-005"]
    assert "不适用：ICS 未声明支持特性“建筑模型声明 buildingSMART 模型视图定义，并保持其实体范围、属性集、几何约束与属性值”（`model-view`），或没有文件声明参考视图；声明其他视图的文件不予判定。" in zh["SC-BIM-006"]


def test_the_english_criteria_keep_no_clause_whose_referent_was_left_out(en_markdown, zh_markdown):
    """Finding 5: SC-BIM-006's and -007's English 不确定 read "without it the verdict is inconclusive." (the IFC reader
    it points at, an installation state, was left out), the Chinese 「……IFC 文件缺失或无法读取……」."""
    en = _field(en_markdown, _CRITERIA["en"])
    dangling = sorted(rid for rid, text in en.items() if re.search(r": without it\b", text))
    assert dangling == []
    zh = _field(zh_markdown, _CRITERIA["zh"])
    for rid in ("SC-BIM-006", "SC-BIM-007"):
        assert "IFC files the implementation under test exports are missing or unreadable" in _verdict(en[rid], _INC["en"])
        assert "IFC 文件缺失或无法读取" in _verdict(zh[rid], _INC["zh"])


def test_every_rule_of_rb_urdf_003_is_checked_by_a_step(zh_markdown, en_markdown):
    """Finding 6: R4 (a joint's lower limit not above its upper one) was checked by no step of RB-URDF-003."""
    from tests.drafting.test_spec_sixteenth_reading import _refs

    for markdown, lang, steps_label in ((zh_markdown, "zh", "测试步骤"), (en_markdown, "en", "Test procedure")):
        case = _cases(markdown)["RB-URDF-003"]
        assert _refs(_row(case, steps_label), lang) >= {4}
        assert ("下限均不大于上限" if lang == "zh" else "lower limit above its upper") in _row(
            case, "预期结果" if lang == "zh" else "Expected result")


def _settings(catalog) -> set[str]:
    """The profiles' IXIT settings (a parameter that decides nothing: where the product is, what it is called)."""
    return {name for profile in catalog.profiles.values() for name, spec in profile.parameters.items()
            if spec.direction == "any"}


def test_an_ixit_setting_is_never_called_a_test_parameter(catalog, zh_markdown, en_markdown):
    """Finding 8: ID-REG-002's and AS-TRADE-011's steps called `identity_path` and `account_path` 测试参数 (the
    source's 配置参数, renamed at rendering), and four 前置条件 gave a second IXIT line 「IXIT 给出配置项：……」."""
    settings = _settings(catalog)
    assert {"identity_path", "account_path", "known_did"} <= settings
    called = re.compile(r"(?:测试参数|test parameter|profile parameter) `(\w+)`")
    for markdown in (zh_markdown, en_markdown):
        wrong = sorted({m.group(1) for m in called.finditer(markdown) if m.group(1) in settings})
        assert wrong == []
        assert "IXIT 给出配置项" not in markdown and "The IXIT gives the setting" not in markdown
    zh = _field(zh_markdown, _CONDITIONS["zh"])
    assert zh["IF-SCN-001"].count("`identity_path`") == 1
    assert "；配置项 `did_method`（默认 `web`）。" in zh["IF-IOP-001"]


def test_the_citizen_identity_number_has_the_name_of_its_standard(zh_markdown):
    """Finding 9: ID-PRIV-001 wrote 居民身份号码, GB 11643—1999 (and TD-BIO-004) 公民身份号码."""
    assert "居民身份号码" not in zh_markdown
    assert "公民身份号码（18 位且 GB 11643—1999 校验码与出生日期有效）" in _field(zh_markdown, "测试目的")["ID-PRIV-001"]


def _others(markdown: str, heading: str) -> list[str]:
    """The entries of a reference list after its ISO and IEC documents, in the order listed."""
    part = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
    entries = [line.strip() for line in part.splitlines() if line.strip() and not line.startswith(("下列", "#"))]
    entries = [re.sub(r"^\[\d+\] ", "", e) for e in entries]
    first = next(i for i, e in enumerate(entries) if e.startswith("CityJSON"))
    return entries[first:]


def _natural(entry: str) -> str:
    key = re.sub(r"^Recommendation ", "", entry).casefold()
    return re.sub(r"\d+", lambda m: f"{int(m.group(0)):09d}", key)


def test_the_scan_finds_a_planted_order():
    listed = ["ITU-T G.1010 End-user", "ITU-T G.114 One-way", "W3C WCAG", "glTF 2.0"]
    assert listed != sorted(listed, key=_natural)


def test_other_documents_are_listed_by_name_and_number(zh_markdown):
    """Finding 10: ITU-T G.1010 stood before G.114 and G.711; buildingSMART and glTF after every W3C document;
    「Recommendation ITU-R BT.709-6」 among the R's."""
    others = _others(zh_markdown, "## 2 规范性引用文件")
    assert len(others) > 60
    assert others == sorted(others, key=_natural)
    assert others.index("ITU-T G.114 One-way transmission time (2003-05)") < next(
        i for i, e in enumerate(others) if e.startswith("ITU-T G.1010"))
    assert others.index("glTF 2.0 Specification (2021-10-11)") < next(i for i, e in enumerate(others) if e.startswith("W3C"))


def test_no_criterion_gives_the_harness_manifests_fix(zh_markdown, en_markdown):
    """Finding 11: DP-DIST-001's 不确定 gave 「修正方法（将该文件列入目标的 `paths`）」."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        text = _field(markdown, _CRITERIA[lang])["DP-DIST-001"]
        assert "paths" not in text and "修正方法" not in text and "the fix" not in text
    assert "或有相对下载 URL 未指向所提供的文件" in _field(zh_markdown, _CRITERIA["zh"])["DP-DIST-001"]


def test_an_inconclusive_line_names_the_step_that_needs_the_input(zh_markdown, en_markdown):
    """Finding 14: 「……基础地址无法访问，致使第 2 步起的检查无法完成」 where step 1 already requests the address
    (IF-UDP-001, IR-RES-001, SC-FEED-001 ...)."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        steps = _field(markdown, "测试步骤" if lang == "zh" else "Test procedure")
        criteria = _field(markdown, _CRITERIA[lang])
        wrong = []
        for rid, text in criteria.items():
            if re.search(r"第 2 步起|from step 2 on", text):
                # a first step checking the ICS needs no input: the step after it then acts on the input itself
                # (twenty-fifth reading, row 18: SC-FEED-004's GET follows the ICS check)
                first = steps[rid].split("<br>")[0]
                if not re.match(r"1\. (?:取得|Obtain|Take|Get|Collect|List|核对 ICS|Check the ICS)", first):
                    wrong.append(rid)
        assert wrong == [], (lang, wrong)
    zh = _field(zh_markdown, _CRITERIA["zh"])
    # IF-UDP-001 now names its own set-up states (thirtieth reading, part d, row a17), IF-UDP-008 too (thirty-second
    # reading, part m, row a14); IR-RES-001 keeps the line
    assert "致使第 1 步起的检查无法完成" in zh["IR-RES-001"] and "致使第 2 步起的检查无法完成" in zh["SC-BIM-001"]


def test_the_note_names_the_seed_documents_by_their_whole_titles(note):
    """Finding 15: 编制说明 一（一） named [3] 《上海市培育“元宇宙”新赛道行动方案》 without 「（2022—2025年）」."""
    text = "\n".join(b.text for b in note)
    assert "《上海市培育“元宇宙”新赛道行动方案（2022—2025年）》" in text
    assert "《工业和信息化部元宇宙标准化工作组筹建方案（征求意见稿）》" in text


def test_the_amplitude_is_italic_in_both_languages(en_markdown):
    """Finding 16: RB-TRACK-001's English 不确定 set *A* once italic and once upright ("5 % of A"). Since the
    nineteenth reading's leftovers the fit stands in step 4 alone, the 不确定 line naming the step."""
    steps = _field(en_markdown, "Test procedure")["RB-TRACK-001"]
    text = steps + _field(en_markdown, _CRITERIA["en"])["RB-TRACK-001"]
    assert "at most 5 % of *A*" in steps and not re.search(r"of A\b", text)


def test_a_criterion_names_only_the_inputs_its_case_reads(zh_markdown, en_markdown):
    """Finding 7: RB-URDF-001 to -003 were inconclusive when 「机器人的 URDF 描述、关节状态记录缺失或无法读取」,
    though they read the description alone (`suites/robots/test_robots.py`)."""
    for markdown, lang, recording in ((zh_markdown, "zh", "关节状态记录"), (en_markdown, "en", "joint-state recording")):
        criteria = _field(markdown, _CRITERIA[lang])
        for rid in ("RB-URDF-001", "RB-URDF-002", "RB-URDF-003"):
            assert recording not in criteria[rid], rid
            # the description the case reads: 机器人描述, clause 3's term since part front (forty-first reading)
            assert ("机器人描述" if lang == "zh" else "URDF") in _verdict(criteria[rid], _INC[lang])
        assert recording in _verdict(criteria["RB-JOINT-002"], _INC[lang])
    en = _field(en_markdown, _CRITERIA["en"])["RB-URDF-003"]
    assert "URDF description is missing or cannot be obtained (access refused)" in en and "URDF description supplied holds no" in en
