"""The leftovers of the thirty-first reading of issue 76, part f (docs/drafting.md, "Leftovers of the thirty-first
reading, part f"): IF-AUTH-001 and IF-ROB-001 against annex D's "Requirements" column and their checks. The column
lists both in every row their checks call (row b6, and the note's 三（四） that copies it); IF-AUTH-001's check fills
`{did}`, `{purpose}` and `{order_id}` with step 1's values, so an operation on a user or an order is probed, and its
text says so (b7); its statement, step 1 and not-applicable line name the operations by 表 D.3's mark, and D.1's
English keeps "valid" (b8); IF-ROB-001's step 2 takes the operations its check can break a body of. Each test fails on
the draft, the catalog or the check as they were before these fixes."""

from __future__ import annotations

from conformance._catalog.contractops import bearer_only, candidate_only, example_body
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import body_operations, secured, spec
from conformance.drafting.contracts import operations
from tests.drafting.test_spec_leftovers_thirtieth_f import _ids, _note_rows, auth_on_reference
from tests.drafting.test_spec_leftovers_twentyninth_x import _rows
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _checked(catalog) -> tuple[set[str], set[str]]:
    """`METHOD /path` of the operations IF-AUTH-001's check and IF-ROB-001's check call."""
    contract = Contract(catalog.schemas)
    auth = {f"{op.method} {op.path}" for op in contract.operations if secured(contract, op)}
    rob = {f"{b.op.method} {b.op.path}" for b in body_operations(contract)}
    return auth, rob


def test_the_column_lists_the_checks_that_take_every_operation_of_a_kind(catalog, zh_markdown, en_markdown, note_md,
                                                                          note_md_en):
    """b6: IF-AUTH-001 appeared in none of the 40 rows marked 「保护：持有者令牌」 and IF-ROB-001 in 2 of the 29 rows
    whose JSON body its check breaks (29), though D.1 lists the requirements whose case calls the operation."""
    auth, rob = _checked(catalog)
    for markdown, mark in ((zh_markdown, "保护：不记名令牌"), (en_markdown, "Protection: bearer token")):
        rows = _rows(markdown)
        marked = {key for key, cells in rows.items() if mark in cells[2]}
        assert len(marked) >= 40 and marked <= auth, sorted(marked - auth)
        for key in marked:
            assert "IF-AUTH-001" in _ids(rows[key][3]), key
        shown = rob & set(rows)
        assert len(shown) >= 29
        for key in shown:
            assert "IF-ROB-001" in _ids(rows[key][3]), key
    for markdown in (note_md, note_md_en):
        rows = _note_rows(markdown)
        for key in auth & set(rows):
            assert "IF-AUTH-001" in rows[key], key
        for key in rob & set(rows):
            assert "IF-ROB-001" in rows[key], key


def test_the_column_and_the_checks_read_the_operation_object_alike(catalog):
    """b6: the column's reading is the checks' own (one function), not a second one; the checks call the platform's
    contract only, and annex D's other contracts have no operation of either kind (drafting/kindcalls.py reads
    every contract)."""
    for op in operations(catalog):
        if not op.contract.endswith("interfaces/platform.openapi.yaml"):
            assert not bearer_only(op.source) and example_body(op.source) is None, op.operation_id
    contract = Contract(catalog.schemas)
    for op in contract.operations:
        assert secured(contract, op) == bearer_only(spec(contract, op))
    # annex D's operations: those the contract marks used by candidate requirements alone are none of a check's
    # (fifty-ninth reading d3)
    assert {b.op.operation_id for b in body_operations(contract)} == {
        op.operation_id for op in contract.operations if example_body(spec(contract, op)) is not None
        and not candidate_only(spec(contract, op))}


def test_the_auth_case_fills_the_users_and_the_orders_paths(zh_markdown, en_markdown):
    """b7: step 2 took "values the platform hands out" yet the check filled only `{asset_id}`, passing the operations
    on a user or an order over, while the inconclusive line made that state inconclusive."""
    zh, en = _cases(zh_markdown)["IF-AUTH-001"], _cases(en_markdown)["IF-AUTH-001"]
    zh_steps, en_steps = _row(zh, "测试步骤"), _row(en, "Test procedure")
    assert "`{did}` 为 A 的 DID，`{order_id}` 为 B 的订单的标识，`{purpose}` 为所声明的处理目的" in zh_steps
    assert "`{did}` A's DID, `{order_id}` the ID of B's order, `{purpose}` the declared purpose" in en_steps
    assert "`POST /assets/{asset_id}/orders`" in zh_steps and "`POST /assets/{asset_id}/orders`" in en_steps
    # each value not obtained is named (the seventy-eighth reading's h144-iface added a market with no currency)
    assert all(words in _row(zh, "判定准则") for words in ("平台拒绝 B 的下单", "未声明以同意为基础的处理目的"))
    assert all(words in _row(en, "Verdict criteria") for words in ("B's order being refused",
                                                                   "no purpose of consent being declared"))


def test_the_auth_check_probes_the_users_and_the_orders_operations(catalog, run_manifest):
    """b7: with A's DID, a declared purpose and B's order the reference's user and order operations are called
    (before, each was noted "not probed" and the verdict passed); the reference still passes."""
    found = auth_on_reference(catalog, run_manifest)
    assert found.verdict.value == "pass", found.message
    notes = " ".join(str(item) for item in found.evidence if item.get("kind") == "note")
    for operation in ("exportUserData", "giveUserConsent", "settleOrder", "refundOrder"):
        assert f"{operation}: no value for its path parameters" not in notes, operation


def test_the_auth_case_names_the_operations_by_annex_ds_mark(zh_markdown, en_markdown):
    """b8: the statement, step 1 and the not-applicable line read "whose security requirement is the bearer scheme",
    which takes the operations D.1 marks optional too; D.1's English dropped "valid"."""
    zh, en = _cases(zh_markdown)["IF-AUTH-001"], _cases(en_markdown)["IF-AUTH-001"]
    assert "：表 D.3 中标为“保护：不记名令牌”的每个操作，" in _row(zh, "测试目的")
    assert "1. 列出表 D.3 中标为“保护：不记名令牌”的全部操作" in _row(zh, "测试步骤")
    # The not-applicable line became "none" (IF-AUTH-001 2.1.1: table D.3 always lists such operations).
    assert "不适用：无（声明本测试配置的被测对象均适用本要求）。" in _row(zh, "判定准则")
    assert 'Every operation Table D.3 marks "Protection: bearer token" MUST answer 401' in _row(en, "Test purpose")
    assert '1. List every operation Table D.3 marks "Protection: bearer token"' in _row(en, "Test procedure")
    assert "Not applicable: none (every implementation under test claiming this profile" in _row(en, "Verdict criteria")
    for text in (zh, en):
        assert "其安全要求为不记名令牌方案" not in text and "whose security requirement is the bearer scheme" not in text
    assert "identifies the caller by the valid bearer token a request carries" in en_markdown


def test_the_robustness_case_takes_the_operations_its_check_can_break(zh_markdown, en_markdown):
    """b6: step 2 took 「每个带 JSON 请求体的操作」 (41), the check the 31 whose contract gives an example."""
    zh = _row(_cases(zh_markdown)["IF-ROB-001"], "测试步骤")
    en = _row(_cases(en_markdown)["IF-ROB-001"], "Test procedure")
    assert "2. 从接口契约中列出每个带 JSON 请求体且契约为其请求体给出示例的操作，取得其请求模式与该示例" in zh
    assert ("2. From the interface contract, list every operation with a JSON request body for which the contract "
            "gives a request body example; obtain its request schema and that example") in en
