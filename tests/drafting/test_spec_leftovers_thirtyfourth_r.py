"""The leftovers of the thirty-fourth reading of issue 76, part r (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part r"): IF-ROB-002 named a contract mark (``x-valid-probe``) annex D does not print, and table D.3's
"Requirements" column listed it under `POST /test-identities` only (the lead's row l3). The check and the column now
read one predicate (``_catalog.contractops.valid_probe``), the column lists IF-ROB-002 in every row the check probes,
step 1 names those operations by the column and the members filled per run, and the not-applicable line is none.
Each test fails on the draft, the catalog or the check as they were before these fixes."""

from __future__ import annotations

import re

from conformance._catalog.contractops import valid_probe
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import body_operations, spec
from tests.drafting.test_spec_leftovers_thirtieth_f import _ids, _note_rows
from tests.drafting.test_spec_leftovers_twentyninth_x import _rows
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

PROVISION = "POST /test-identities"  # step 2 calls it to provision the identities; it is not probed
#: step 1 reads the discovery document for the operations the platform offers (seventy-second reading, h136-offered)
DISCOVERY = "GET /.well-known/metaverse-interop"


def _probed(catalog) -> dict[str, dict[str, str]]:
    """`METHOD /path` of each operation IF-ROB-002's check sends a valid request to -> its x-fill members."""
    return {f"{b.op.method} {b.op.path}": b.fill for b in body_operations(Contract(catalog.schemas)) if b.valid_probe}


def _dotted(pointer: str) -> str:
    """A JSON pointer as the case writes a member: `/export/events/0/asset_id` -> `export.events[0].asset_id`."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", pointer.strip("/").replace("/", "."))


def test_the_column_lists_if_rob_002_in_every_row_its_check_probes(catalog, zh_markdown, en_markdown, note_md,
                                                                     note_md_en):
    """l3: the column listed IF-ROB-002 under `POST /test-identities` alone, though its check probes six
    operations, so a laboratory reading annex D could not tell which."""
    probed = set(_probed(catalog))
    assert len(probed) >= 6
    for markdown in (zh_markdown, en_markdown):
        listed = {key for key, cells in _rows(markdown).items() if "IF-ROB-002" in _ids(cells[3])}
        assert listed == probed | {PROVISION, DISCOVERY}, sorted(listed ^ (probed | {PROVISION, DISCOVERY}))
    for markdown in (note_md, note_md_en):
        rows = _note_rows(markdown)
        for key in probed & set(rows):
            assert "IF-ROB-002" in rows[key], key


def test_the_check_and_the_column_read_one_predicate(catalog):
    """l3: the check read `x-valid-probe` itself; it now takes the predicate the column reads."""
    contract = Contract(catalog.schemas)
    marked = {op.operation_id for op in contract.operations if valid_probe(spec(contract, op))}
    assert marked == {b.op.operation_id for b in body_operations(contract) if b.valid_probe}


def test_step_1_names_the_operations_by_the_column_and_the_members_filled(catalog, zh_markdown, en_markdown):
    """l3: step 1 read 「从接口契约中列出标记为有效请求探测对象的操作」, a mark annex D does not print, and did not say
    which members each run fills."""
    zh, en = _cases(zh_markdown)["IF-ROB-002"], _cases(en_markdown)["IF-ROB-002"]
    zh_step = _row(zh, "测试步骤").split("<br>")[0]
    en_step = _row(en, "Test procedure").split("<br>")[0]
    assert "1. 列出表 D.3 中“要求”栏列有 IF‑ROB‑002 的全部操作" in zh_step
    assert '1. List every operation whose "Requirements" column in Table D.3 lists IF‑ROB‑002' in en_step
    # the provisioning operation is named by the step that calls it, not by the hook's default path (twenty-sixth, c)
    assert "第 2 步开通测试身份所用的操作与本步读取服务发现文档所用的操作除外" in zh_step and "not the operation step 2 calls" in en_step
    for step in (zh_step, en_step):
        assert f"`{PROVISION}`" not in step
        for key, fill in _probed(catalog).items():
            for pointer in fill:
                assert f"`{_dotted(pointer)}`" in step, (key, pointer)
                assert f"`{key}`" in step, key


def test_the_not_applicable_line_is_none(zh_markdown, en_markdown):
    """l3: 「接口契约未标记任何有效请求探测操作」 named a state annex D's fixed contract never reaches."""
    zh, en = _cases(zh_markdown)["IF-ROB-002"], _cases(en_markdown)["IF-ROB-002"]
    # the one form of a "none" line (twenty-second reading, row 12): the reason is in the version note
    assert "不适用：无（声明本测试配置的被测对象均适用本要求）。" in _row(zh, "判定准则")
    assert "Not applicable: none (every implementation under test claiming this profile is subject to this requirement)." in _row(en, "Verdict criteria")
