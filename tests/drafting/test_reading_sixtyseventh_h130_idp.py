"""The sixty-seventh reading of issue 76, part h130-idp (read67b: b1, b2, b4, b5, b7; doubtful d1, d4).

b1 (K2): IF-IOP-001's 不通过 line called the challenge by a second word, 「质询」, where the draft says 「挑战」 on 36
lines; the evidence message of its check did too. b2 (K5): ID-REG-002's 不确定 line named only a failed provisioning of
the verified user, though the check's set-up is inconclusive too when provisioning the user without real-name
verification gets neither a 4xx nor that user's DID and token. b4 (K5): DP-LABEL-002, DP-PRICE-001 and DP-QUAL-001
leave a description that does not expand as JSON-LD unjudged beside others judged (``dcat.descriptions`` without
``judged``), which their 不确定 lines did not say and DP-DIST-001's does; a procedures key, ``unjudged_beside``, now
joins the clause. b5 (X): IF-SCN-002 failed a direction over the publish answer's SHA-256, IF-SCN-001's rule, which
its statement does not state: the check notes it, naming IF-SCN-001, and step 2 and the fail line say so. b7 (X):
AS-TRADE-011 named no probe currency for a platform declaring only tokens; the check takes the token whose code comes
first in lexicographic order, which step 1 now says. d1: an empty 2xx resolver answer counted as judged (the check's
tests are under tests/areas/identity/); the inconclusive lines of ID-PRIV-001/-002 name it. d4: AS-MINOR-003 gives the
day its minor of 17 turns 18 as a date. Each test fails on the branch's base (a3e84674c)."""

from __future__ import annotations

import ast
from datetime import date

from conformance.areas._shared.trading import price_currency
from conformance.areas.assets import antiaddiction
from conformance.drafting.unparsed import refused
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _plain(text: str) -> str:
    """The rendered text with its non-breaking hyphens (requirement IDs) as ASCII hyphens."""
    return text.replace("\u2011", "-")


# b1 ---------------------------------------------------------------------------------------------------------------

def test_b1_the_challenge_has_one_name_in_the_draft(zh_markdown):
    """Class: 「质询」 stands nowhere in the rendered draft (nor in a Chinese message a report shows); IF-IOP-001's fail
    line says 「挑战」 as its step 4 does."""
    assert "质询" not in zh_markdown
    messages = [p for p in (ROOT / "src/conformance").rglob("messages*.yaml") if "质询" in p.read_text("utf-8")]
    assert not messages, messages
    fail = _verdict_lines(_cases(zh_markdown)["IF-IOP-001"], "zh")["不通过"]
    assert "以原密钥签名的挑战应答未获认证（挑战或访问令牌未以 JSON 响应体给出）" in fail


# b2 ---------------------------------------------------------------------------------------------------------------

def test_b2_id_reg_002_names_the_unverified_user_not_provisioned(zh_markdown, en_markdown):
    """The 不确定 line names each set-up the check leaves inconclusive: the first registration, the verified user's
    provisioning, and the unverified user's answered neither 4xx nor with an identity (``unverified_identity``
    raising inside ``precondition``)."""
    zh = _plain(_verdict_lines(_cases(zh_markdown)["ID-REG-002"], "zh")["不确定"])
    assert "第 3 步的首次注册未成功" in zh and "未能开通经实名验证的用户" in zh
    assert ("或开通未经实名验证的用户的请求既未以 `4xx` 拒绝、也未给出该用户的 DID 与令牌（如以 `5xx` 应答，"
            "或响应体无法解析、缺少 `did` 或 `token`），致使规则 R4") in zh
    en = _plain(_verdict_lines(_cases(en_markdown)["ID-REG-002"], "en")["Inconclusive"])
    assert ("or the request provisioning the user without real-name verification is neither refused with `4xx` nor "
            "answered with that user's DID and token (a `5xx`, for example, or a body that does not parse or lacks "
            "`did` or `token`), so R4 cannot be judged") in en


# b4 ---------------------------------------------------------------------------------------------------------------

_BESIDE_ZH = "或没有其他不符合项，而有描述无法作为 JSON-LD 读取（未作判定，由 DP-DESC-001 判定）"
_BESIDE_EN = "nothing else fails and a description cannot be read as JSON-LD (not judged; DP-DESC-001 judges it)"


def _unjudged_descriptions() -> set[str]:
    """The requirements whose check reads the data products' descriptions through ``dcat.descriptions`` without
    ``judged=True`` (a description that does not expand is then left unjudged, naming DP-DESC-001): read from the
    suites' code, directly or through a function of the same module."""
    found: set[str] = set()
    for path in (ROOT / "suites").rglob("test_*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        functions = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        for function in functions.values():
            marks = [d.args[0].value for d in function.decorator_list if isinstance(d, ast.Call)
                     and isinstance(d.func, ast.Attribute) and d.func.attr == "requirement"
                     and d.args and isinstance(d.args[0], ast.Constant)]
            if marks and _reads(function, functions, frozenset()):
                found.update(marks)
    return found


def _reads(node: ast.AST, functions: dict[str, ast.FunctionDef], seen: frozenset[str]) -> bool:
    """``node`` calls ``descriptions`` without ``judged=True``, itself or through a function of ``functions``."""
    for call in (c for c in ast.walk(node) if isinstance(c, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else \
            call.func.id if isinstance(call.func, ast.Name) else ""
        if name == "descriptions" and not any(
                k.arg == "judged" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in call.keywords):
            return True
        if name in functions and name not in seen and _reads(functions[name], functions, seen | {name}):
            return True
    return False


def test_b4_every_case_leaving_a_description_unjudged_says_so(zh_markdown, en_markdown):
    """Class: each case whose check leaves a description that cannot be expanded unjudged beside others judged
    says so on its 不确定 line, in DP-DIST-001's words."""
    cases = _unjudged_descriptions()
    assert {"DP-DIST-001", "DP-LABEL-002", "DP-PRICE-001", "DP-QUAL-001"} <= cases
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in sorted(cases):
        assert _BESIDE_ZH in _plain(_verdict_lines(zh_cases[rid], "zh")["不确定"]), rid
        assert _BESIDE_EN in _plain(_verdict_lines(en_cases[rid], "en")["Inconclusive"]), rid


def test_b4_the_key_joins_its_clause_once():
    """``unjudged_beside`` joins 「没有其他不符合项，而有……」 to the inconclusive line, before the refused file's
    clause, and leaves a line already saying it alone."""
    override = {"unjudged_beside": {"zh": "描述无法读取（未作判定）",
                                    "en": "a description cannot be read (not judged)"},
                "refused_unjudged": True}
    zh = refused(["不确定：描述缺失。"], "zh", override)[0]
    assert zh.startswith("不确定：描述缺失；或没有其他不符合项，而有描述无法读取（未作判定）；"
                         "或没有其他不符合项，而有所提供的文件")
    assert refused([zh], "zh", override) == [zh]
    en = refused(["Inconclusive: no description."], "en", override)[0]
    assert en.startswith("Inconclusive: no description; or nothing else fails and a description cannot be read (not "
                         "judged); or nothing else fails and a file supplied")


# b5 ---------------------------------------------------------------------------------------------------------------

def test_b5_if_scn_002_leaves_the_publish_hash_to_if_scn_001(zh_markdown, en_markdown):
    """Step 2 says the publish answer's `sha256` is IF-SCN-001's to judge, and the fail line names what the check
    fails of a publish (not 201 with a valid body), and no SHA-256."""
    zh_case, en_case = _cases(zh_markdown)["IF-SCN-002"], _cases(en_markdown)["IF-SCN-002"]
    assert "（发布响应中的 `sha256` 是否与所发布字节的 SHA-256 相同由 IF-SCN-001 判定，本用例只作记录）" in \
        _plain(_row(zh_case, "测试步骤"))
    assert "(whether the publish answer's `sha256` is the SHA-256 of the bytes published is IF-SCN-001's to judge; " \
        "this case records it only)" in _plain(_row(en_case, "Test procedure"))
    zh, en = _verdict_lines(zh_case, "zh")["不通过"], _verdict_lines(en_case, "en")["Fail"]
    assert "或任一方向上发布未以 201 及有效响应体应答（第 2 步）" in zh and "SHA-256" not in zh
    assert "or in a direction a publish is not answered 201 with a valid body (step 2)" in en and "SHA-256" not in en


# b7 ---------------------------------------------------------------------------------------------------------------

def test_b7_as_trade_011_names_the_token_the_check_prices_in(zh_markdown, en_markdown):
    """Step 1 names the probe currency of a platform listing only tokens, and the check takes that one: the code
    first in lexicographic order, digits before letters (not the first listed)."""
    zh = _row(_cases(zh_markdown)["AS-TRADE-011"], "测试步骤")
    assert "未列出 ISO 4217:2015 币种时，为 `trading.tokens` 所列代币中代码按字典序（数字排在字母之前）排在最前者" in zh
    en = _row(_cases(en_markdown)["AS-TRADE-011"], "Test procedure")
    assert "where it lists none, the token of `trading.tokens` whose code comes first in lexicographic order " \
        "(digits before letters)" in en
    tokens = {"tokens": [{"code": "ZED"}, {"code": "AAB"}, {"code": "A1B"}]}
    assert price_currency(tokens) == "A1B"
    assert price_currency({"currencies": ["usd", "JPY", "CNY"], **tokens}) == "JPY"


# d1 ---------------------------------------------------------------------------------------------------------------

def test_d1_the_privacy_cases_name_an_empty_resolver_answer(zh_markdown, en_markdown):
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("ID-PRIV-001", "ID-PRIV-002"):
        assert "应答而响应体为空或不是 JSON" in _verdict_lines(zh_cases[rid], "zh")["不确定"], rid
        assert "has an empty body or one that is not JSON" in _verdict_lines(en_cases[rid], "en")["Inconclusive"], rid


# d4 ---------------------------------------------------------------------------------------------------------------

def test_d4_as_minor_003_gives_the_day_of_coming_of_age_as_a_date(zh_markdown, en_markdown, note):
    """Step 1, the 三（三） rows of AS-MINOR-003 and -004 and the check's birth date agree on 8 January 2026."""
    born = antiaddiction.MINORS["16-17"]
    assert date(born.year + 18, born.month, born.day) == date(2026, 1, 8)
    zh = _row(_cases(zh_markdown)["AS-MINOR-003"], "测试步骤")
    assert "7、10、14 与 17 周岁（最后一名于 2026 年 1 月 8 日满 18 周岁）" in zh and "之后次日" not in zh
    assert "(the last turning 18 on 8 January 2026)" in _row(_cases(en_markdown)["AS-MINOR-003"], "Test procedure")
    rows = limit_rows(note)
    assert "最后一名于该周之后的 1 月 8 日满 18 周岁" in rows["AS-MINOR-003"][1]
    assert "该周次日" not in rows["AS-MINOR-003"][1]
    assert "17 周岁者自 1 月 8 日起满 18 周岁" in rows["AS-MINOR-004"][1]
