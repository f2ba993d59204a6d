"""The forty-fifth reading, part h97-limT (docs/drafting.md, "Forty-fifth reading, part h97-limT"): the terminal limits
of the 编制说明's 三（三）. TD-AUD-001's allowed bit depths and orders stood in no row (c1); TD-HAND-004's R2 5% was taken
as given by the notes' 「5 个试次」 (d1), and TD-FACE-005/-007 pointed to that missing reason (c2, c3); TD-FACE-005's
0.25 onset weight had no row (c4); annex E defined a gesture stream on `hand` streams only, while TD-FACE-005 reads
one on a `face` stream (c6). Each test fails on the draft as it was before."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.drafting.explanatory_data import LIMIT
from conformance.drafting.limitbasis import _names, _number
from conformance.drafting.limitnumbers import bare_limits, digits, names_bare
from tests.drafting.blocks import limit_rows as _rows

_ROOT = Path(__file__).resolve().parents[2]
_FLAG = re.compile(r"（附注未写明 ?(.*?) ?的来源，起草组补充。）")


def _tight(text: str) -> str:
    """A text with no space between a number and its unit, 「5 %」 as 「5%」."""
    return re.sub(r"(?<=\d)[ \u2009\u202f]+(?=[^\d\s])", "", text)


def test_a_limit_with_a_unit_is_quoted_in_that_unit_or_flagged(note):
    """d1: each limit of a row written with a unit stands in its basis with that unit, or in the flag naming it for the
    drafting group: TD-HAND-004's 5% was left looking justified by the 5 of 「5 个试次」."""
    unquoted = []
    for req, (limits, basis) in _rows(note).items():
        if "附注未写明该数值的来源" in basis or not basis.startswith("附注"):
            continue
        flagged = _FLAG.search(basis).group(1) if _FLAG.search(basis) else ""
        for limit in limits.split("，"):
            limit = limit.removeprefix("至少 ")
            if not LIMIT.fullmatch(limit) or limit in flagged:
                continue
            # a test parameter's value is the notes' other way of giving it: 「`min_gesture_trials` 20」
            # and a period in seconds its whole days, 「7 天」 for AS-TRADE-004's 604 800 s
            number = re.sub(r"\s", "", re.match(r"-?[\d.][\d. ]*", limit).group(0))
            days = f"{int(number) // 86400} 天" if limit.endswith(" s") and number.isdigit() and int(number) % 86400 == 0 else "-"
            if not re.search(rf"(?<![\d.]){re.escape(_tight(limit))}(?![\d.])", _tight(basis)) and days not in basis and not re.search(
                    rf"[a-z]+_[a-z_]+`?\s?[（(]?(?:规定值 )?{re.escape(number)}(?![\d.])", basis):
                unquoted.append((req, limit))
    assert not unquoted


def in_its_unit(sentence: str, limit: str) -> bool:
    """Whether the limits table takes a notes sentence to give the limit (part h97-limM's `same_unit`, which this part's
    own rule duplicated, decides the unit since the merge)."""
    return _names(digits(sentence), _number(limit), limit)


def test_a_number_in_another_unit_gives_no_limit():
    """d1, at its root: a sentence naming the number in another unit or as a count gives no limit with a unit."""
    assert not in_its_unit("人数、区间与 5 个试次为本文件的设定", "5%")
    assert in_its_unit("均在 *A* 的 5 % 以内为本文件自定", "5%")
    assert in_its_unit("250 毫秒容差为本文件的设定", "250 ms")
    assert not in_its_unit("5 mm 为本文件自定", "5 m")
    assert in_its_unit("人数与 5 个试次", "5 个试次")  # a count is not held to its words


def test_allowed_values_and_ranges_are_limits(note):
    """c1: a statement's allowed values in brackets and its range of orders are limits, TD-AUD-001's row quoting the
    notes' sentence calling them the document's own."""
    assert bare_limits("位深（16、24 或 32），且对 Ambisonics 声明 0 至 7 的阶数", []) == ["0 至 7", "16", "24", "32"]
    assert bare_limits("拒绝其请求（403 或 404）", []) == []  # two alternatives, status codes, are no list of allowed values
    assert names_bare("阶数（0 至 7，最高的 7 阶有 64 个通道）为本目录自定", "0 至 7")
    limits, basis = _rows(note)["TD-AUD-001"]
    assert limits == "0 至 7，16，24，32"
    assert "为本文件自定" in basis and "附注未写明" not in basis


def test_the_chance_bound_has_its_own_reason(note):
    """c2, c3: R2's 5% has a reason in TD-HAND-004's row, and TD-FACE-005 and -007 give it themselves, never 「理由亦同」
    pointing to a row that gave none."""
    rows = _rows(note)
    for req in ("TD-HAND-004", "TD-FACE-005", "TD-FACE-007"):
        limits, basis = rows[req]
        assert "5%" in limits.split("，")
        assert re.search(r"5% [^。]*本文件自定：只作随机猜测的识别器通过 R2 的概率不超过二十分之一", basis), req
        assert "理由亦同" not in basis and "附注未写明" not in basis, req


def test_the_onset_weight_is_a_limit_with_its_basis(note):
    """c4: TD-FACE-005's 0.25, the weight whose crossing is the expression's onset R4 measures from, stands in its row
    with the notes' reason."""
    limits, basis = _rows(note)["TD-FACE-005"]
    assert "0.25" in limits.split("，")
    assert re.search(r"0\.25 为本文件自定[^。]*静止", basis)


def test_a_gesture_stream_may_annotate_a_face_stream(zh_markdown):
    """c6: the capture schema (annex E) defines a gesture stream's `annotates` and `gesture_schedule` for the `face`
    streams TD-FACE-005 reads as well as the `hand` streams TD-HAND-004 reads, in both languages."""
    text = (_ROOT / "schemas/terminal/capture-header.json").read_text(encoding="utf-8")
    assert "`gesture`: the `hand` stream its gestures, or the `face` stream its facial expressions" in text
    assert "`gesture`：识别其手势所依据的 `hand` 数据流，或识别其面部表情所依据的 `face` 数据流" in text
    assert "识别其面部表情所依据的 `face` 数据流" in zh_markdown
    assert "`hand` 数据流（或 `face` 数据流）期间测试所提示的手势（或面部表情）" in zh_markdown
