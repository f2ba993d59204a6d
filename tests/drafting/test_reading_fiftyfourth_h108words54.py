"""The fifty-fourth reading, part h108-words54 (docs/drafting.md, "Fifty-fourth reading, part h108-words54"): one
name for one thing, and a cross-reference to the place that does what it says. TD-OLF-006 called its scent analysis
record by another name (a6); IF-CODE-010 cited annex D for a 「骚扰标记」 annex D never names (b5); ID-VC-006 sent an
undecodable SD-JWT issuer JWT to ID-VC-003, which reads no SD-JWT (b2); TD-ACC-004 wrote 耳内传声器 and others 麦克风
for the 传声器 of the acoustics terms (c6); annex D and E.20 wrote RFC places as 「RFC N 的第 M 章」 or 「RFC N 的 M.N」
(b4); AS-TRADE-003 wrote `{id}` for annex D's `{order_id}` (bx4). Each test fails on the draft as it was before
(4c5b53e6)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")  # the draft's non-breaking hyphens in identifiers


def test_a6_the_scent_analysis_record_has_one_name(zh_markdown):
    """TD-OLF-006's verdict lines call E.7's file as its precondition and IXIT line do: 气味分析记录."""
    case = _case(zh_markdown, "TD-OLF-006")
    assert "气相色谱分析记录" not in case
    assert "不确定：没有气味分析记录" in case


def test_b5_the_harassment_case_names_annex_ds_marker(zh_markdown):
    """IF-CODE-010 cites annex D's marker by annex D's name (违规测试内容, category `harassment`)."""
    assert "骚扰标记" not in zh_markdown
    case = _case(zh_markdown, "IF-CODE-010")
    assert "附录 D 所定违规测试内容标记（类别 `harassment`）" in case


def test_b2_an_undecodable_sd_jwt_goes_to_the_case_reading_it(zh_markdown, en_markdown):
    """ID-VC-006's not-applicable line sends an SD-JWT whose issuer JWT does not decode to the cases that decode
    SD-JWTs (ID-VC-004 for a file, ID-VC-007 for an envelope), not to ID-VC-003, which reads `proof` sets only."""
    line = _plain(_line(_case(zh_markdown, "ID-VC-006"), "判定准则"))
    assert "由 ID-VC-003 判定" not in line
    assert "由 ID-VC-004（SD-JWT 文件）或 ID-VC-007（封装的 SD-JWT）判定" in line
    assert "ID-VC-003 judges it" not in _plain(en_markdown)


_MICROPHONES = ("耳内传声器", "耳道传声器", "麦克风")


def test_c6_one_name_for_each_microphone(zh_markdown):
    """The class of c6: the draft writes 传声器 (the acoustics term) for every microphone, and 入耳式传声器 for the
    in-ear measuring one, never 耳内传声器, 耳道传声器 or the colloquial 麦克风."""
    assert [word for word in _MICROPHONES if word in zh_markdown] == []
    assert "头和躯干模拟器或入耳式传声器" in _case(zh_markdown, "TD-ACC-004")
    assert "设备的传声器" in zh_markdown


_RFC_PLACE = re.compile(r"RFC \d+ ?(?:的 ?第|的 ?\d|第 ?[\d.]+ ?[章条款])")


def test_b4_every_rfc_place_is_a_section(zh_markdown, note_md):
    """The class of b4 (widening h107-contract's b1 test): every place in an RFC reads 「RFC N 第 M 节」 in both the
    draft and its explanatory note: no 「RFC N 的第 M 章」, 「RFC N 的 M.N」 or 「RFC N 第 M 章」; and E.20's
    multibase row names the RFC at each of its sections, not a bare 「第 4 章」."""
    for text in (zh_markdown, note_md):
        assert _RFC_PLACE.findall(text) == []
    for place in ("RFC 9110 第 5.5 节", "RFC 4648 第 5 节", "RFC 7518 第 3.4 节", "RFC 8032 第 5.1.5 节",
                  "RFC 4648 第 6 节", "RFC 7748 第 5 节"):
        assert place in zh_markdown, place
    assert "（第 4 章 `base64`）" not in zh_markdown


def test_bx4_the_order_read_is_named_as_annex_d_names_it(zh_markdown):
    """AS-TRADE-003 writes annex D's path template, `GET /orders/{order_id}`, and no case writes `{id}`."""
    assert "/orders/{id}" not in zh_markdown
    assert "GET /orders/{order_id}" in _case(zh_markdown, "AS-TRADE-003")


def _clause(markdown: str, number: str, profile: str) -> str:
    start = markdown.index(f"\n### {number}.")
    start = markdown.index(f"（`{profile}`）\n", start)
    return markdown[start:markdown.index("\n### ", start)]


def test_a1_a_profiles_counts_and_features_are_what_the_draft_holds(zh_markdown, catalog):
    """The class of a1, over every profile: chapter 15's count of draft and candidate requirements is the number of
    the profile's ICS rows of status i (annex C's), a profile of those only counts its ICS rows, and annex A names a feature only when its ICS has a row of it:
    a deprecated requirement (AS-MINOR-002, `playtime-limits`'s only one) is in no table, so in no count or name."""
    chapter = re.search(r"^## (\d+) 符合性$", zh_markdown, re.M)
    assert chapter
    for profile in catalog.profiles:
        ics = _clause(zh_markdown, "A", profile)
        statuses = re.findall(r"^\| \d+ \| [^|]+ \| ([^|]+) \| ", ics, re.M)
        clause = _clause(zh_markdown, chapter[1], profile)
        if (all_informative := re.search(r"其所选 (\d+) 项要求的测试结果仅供参考", clause)):
            assert int(all_informative[1]) == len(statuses) == statuses.count("i"), profile
        else:
            counted = re.search(r"该配置另选有 (\d+) 项草案或候选要求", clause)
            assert (int(counted[1]) if counted else 0) == statuses.count("i"), profile
        named = set(re.findall(r"特性“[^”]+”（`([^`]+)`）", ics.split("\n\n", 2)[1]))
        listed = set(re.findall(r"^\| \d+ \| (\S+) ", _plain(ics), re.M))
        features = catalog.profiles[profile].features
        assert named == {n for n, f in features.items() if listed & set(f.requirements)}, profile
    minors = _clause(zh_markdown, "A", "asset-minors")
    assert "playtime-limits" not in minors


def test_bx1_the_history_case_counts_the_moves_the_check_counts(zh_markdown):
    """AS-HIST-002's steps name every event `hashchain.MOVES` judges: a transfer is a `transfer` or `settlement`
    event (a refund undoes a settlement), and holding starts at whichever of the four events gave the asset."""
    from conformance.areas.assets.hashchain import MOVES

    assert MOVES == {"transfer", "settlement", "refund"}
    case = _case(zh_markdown, "AS-HIST-002")
    steps = _line(case, "测试步骤")
    assert "每个 `transfer` 或 `settlement` 事件（`refund` 撤销结算，不计为转让）" in steps
    assert "`issue`、`transfer`、`settlement` 或 `refund` 事件时间之差" in steps
    assert "每个 `transfer` 事件" not in steps


def test_bx2_the_report_case_asks_only_what_it_reads(zh_markdown):
    """IF-REPORT-001's R4 asks for the outcome's decision and time, which its steps read; the rule an outcome cites
    is IF-CODE-001's R4 (annex D's `outcome.rule` is optional)."""
    case = _case(zh_markdown, "IF-REPORT-001")
    assert "所依规则" not in case
    assert "处理结果（决定与时间）" in case


def test_bx3_the_user_count_bound_is_article_7s_and_only_where_it_decides(zh_markdown, note_md, catalog):
    """IF-RISK-004 observes no user count, so its case names no `large_user_base_users` and 三（三） no basis for it
    under IF-RISK-004; the input holds above the bound, as Article 7 counts (超过 100 万), not at it."""
    from conformance.areas.interfaces.risk_method import LARGE_USER_BASE, Method

    case = _case(zh_markdown, "IF-RISK-004")
    assert "large_user_base_users" not in case and "1 000 000" not in case
    assert not re.search(r"^\| IF[-‑]RISK[-‑]004 \| 1 000 000 \|", note_md, re.M)
    assert "自 1 000 000 名注册用户" not in note_md
    p = catalog.profiles["interfaces-risk-grade"].parameters
    method = Method.of(p["risk_inputs"].default, p["risk_fields"].default, p["risk_grade_levels"].default,
                       p["large_user_base_users"].default)
    bound = p["large_user_base_users"].default
    field = next(iter(p["risk_fields"].default))
    assert LARGE_USER_BASE not in method.assign(field, {"registered_users": bound})[1]
    assert LARGE_USER_BASE in method.assign(field, {"registered_users": bound + 1})[1]


def test_a5_the_data_product_is_defined_and_named_once(zh_markdown):
    """Clause 8's object, one of the four the scope names, is a term of clause 3 beside 数字资产, and so is its
    annotated kind, which the text names 标注数据产品 only (标注数据集 was a third name; DP-QUAL-001 draws its line)."""
    terms = zh_markdown[zh_markdown.index("## 3 "):zh_markdown.index("\n## 4 ")]
    assert "数据产品  data product" in terms and "标注数据产品  annotated data product" in terms
    assert "标注数据集" not in zh_markdown
    assert "交易的数据产品与标注数据产品" in zh_markdown


def test_a4_the_stream_term_names_only_a_terminals_stream(zh_markdown, catalog):
    """数据流 is 3.x's terminal stream in a capture file only: the SensorThings twin feed (its profile, features and
    cases), a Datastream's MQTT topic and a kind of data product have their own names."""
    twin = [rid for rid in catalog.requirements if rid.startswith("SC-FEED-")]
    assert twin
    for rid in twin:
        assert "数据流" not in _case(zh_markdown, rid), rid
    assert not re.search(r"数字孪生[^。|]{0,6}数据流|数据流主题|（表格、数据流", zh_markdown)
    assert "以 OGC SensorThings API 1.1 服务提供的数字孪生实时数据（`scene-twin-feed`）" in zh_markdown
