"""The fifty-ninth reading, part h117-iface (docs/drafting.md, "Fifty-ninth reading, part h117-iface"): annex D printed
of most reads 「状态码：200」 alone though the contract records `4XX` problem details and IF-ROB-003 and IF-CON-001
accept it (b1); IF-ROB-003's inconclusive line named a contract without a read with a path parameter, which annex D's
fixed contract never is (b3); the robustness checks probed operations only candidate requirements use, which annex D
does not define (`GET /identities/{did}/standing`, `POST /appeals`, `POST /agents/{agent_id}/messages`), and the
编制说明 counted them (b6, d2, d3); IF-ROB-001 filled no `{did}`, so two operations went unprobed though its step 2
promised the DIDs of A and B (d1); annex D's "Requirements" column listed IF-ROB-003 and IF-CON-001 on none of the
reads their checks call (bx1). Each test fails on the tree before (8de1ae535)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conformance import load_catalog
from conformance._catalog.contractops import candidate_only, path_read, probed_read
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import (
    body_operations,
    fill_path,
    filled,
    normative_operations,
    path_reads,
    path_values,
)
from conformance.drafting.contracts import _resolve, operations
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftyeighth_limA import _rows


def _annex_rows(markdown: str) -> dict[str, list[str]]:
    """`METHOD /path` -> annex D's operations-table rows of it (a path two contracts share has two)."""
    rows: dict[str, list[str]] = {}
    for line in markdown.splitlines():
        if m := re.match(r"\| `((?:GET|PUT|POST|DELETE|PATCH) /[^`]*)` \|", line):
            rows.setdefault(m.group(1), []).append(line)
    return rows


def _ids(row: str) -> list[str]:
    """The requirement IDs of a row's "Requirements" cell: its last cell holding one (三（四） adds a column after it)."""
    cells = [c for c in row.strip(" |").split(" | ") if re.search(r"[A-Z]+‑[A-Z]+‑\d{3}", c)]
    return [i.replace("‑", "-") for i in re.findall(r"[A-Z]+‑[A-Z]+‑\d{3}", cells[-1] if cells else "")]


def _defaults() -> dict[str, int]:
    profile = yaml.safe_load(Path("profiles/interfaces-robustness.yaml").read_text(encoding="utf-8"))
    return {name: int(spec["default"]) for name, spec in profile["parameters"].items()
            if name in ("robustness_mutations", "robustness_examples")}


def test_b1_every_response_the_contract_records_is_in_its_annex_d_row(catalog, zh_markdown, en_markdown):
    """Every operation annex D lists shows every response its contract records, a range (`4XX`, `5XX`) and `default`
    too, in its status line, and each such response with a body among its other responses (problem details here)."""
    for markdown, other, rest in ((zh_markdown, "其余状态码", "其他响应："), (en_markdown, "any other status code",
                                                                     "Other responses: ")):
        rows = _annex_rows(markdown)
        checked = 0
        for op in operations(catalog):
            listed = rows.get(f"{op.method} {op.path}")
            if not listed:
                continue
            responses = op.source.get("responses") or {}
            for row in listed:
                status = re.search(r"<br>(?:状态码：|Status codes: )([^<|]*)", row)
                assert status, row
                shown = [c.strip() for c in re.split(r"、|, ", status.group(1))]
                if not all((other if str(k) == "default" else str(k)) in shown for k in responses):
                    continue  # the other contract's row of a shared path
                checked += 1
                document = catalog.schemas.get(op.contract)
                for code in (str(k) for k, v in responses.items() if str(k)[0] not in "12"
                             and isinstance(_resolve(document, v), dict) and "content" in _resolve(document, v)):
                    said = row[row.index(rest):] if rest in row else ""
                    assert (other if code == "default" else code) in said and "application/problem+json" in said, \
                        (op.operation_id, code, row[:300])
                break
            else:
                pytest.fail(f"{op.method} {op.path}: no annex D row shows {sorted(map(str, responses))}")
        assert checked >= 80


def test_b1_d1_says_the_column_gives_the_ranges(zh_markdown):
    """D.1 says the column gives every code and range the contract records, not only those listed one by one."""
    assert "契约为该操作记录的全部响应状态码" in zh_markdown and "`4XX` 为 400 至 499 中的任一状态码" in zh_markdown
    assert "契约为该操作逐一规定的响应状态码" not in zh_markdown


def test_b3_if_rob_003_has_no_inconclusive_branch_it_cannot_reach(zh_markdown, en_markdown):
    zh = _line(_case(zh_markdown, "IF-ROB-003"), "判定准则")
    assert "没有带路径参数的读取操作" not in zh and "不确定：平台在作出首个响应之前即无法访问（第 3 步）；" in zh
    assert "no read operation of the interface contract has a path parameter" not in en_markdown
    assert path_reads(Contract(load_catalog().schemas))  # annex D's fixed contract has such reads


def test_b6_d3_the_checks_probe_only_operations_annex_d_defines(catalog, zh_markdown):
    """The operations the contract marks `x-candidate` are exactly those annex D leaves out, and no normative check
    taking every operation of a kind (IF-ROB-001/-002/-003, IF-CON-001, IF-AUTH-001/-002/-003) reaches one."""
    rows = _annex_rows(zh_markdown)
    platform = [op for op in operations(catalog) if op.contract.endswith("interfaces/platform.openapi.yaml")]
    marked = {f"{op.method} {op.path}" for op in platform if candidate_only(op.source)}
    left = {f"{op.method} {op.path}" for op in platform if f"{op.method} {op.path}" not in rows}
    assert marked == left and {"GET /identities/{did}/standing", "POST /appeals",
                               "POST /agents/{agent_id}/messages"} <= marked
    contract = Contract(catalog.schemas)
    kept = {f"{op.method} {op.path}" for op in normative_operations(contract)}
    assert not kept & marked and len(kept) == len(contract.operations) - len(marked)
    assert not {f"{b.op.method} {b.op.path}" for b in body_operations(contract)} & marked
    assert not {f"{op.method} {op.path}" for op in path_reads(contract)} & marked
    for name in ("test_robustness.py", "test_contract.py", "test_auth.py"):  # each loop takes annex D's operations
        source = Path("suites/interfaces", name).read_text(encoding="utf-8")
        assert "for op in contract.operations" not in source, name


def test_d1_every_body_operation_of_annex_d_is_probed(catalog):
    """IF-ROB-001 fills every path parameter of every operation it breaks the example of (`{did}` with A's DID)."""
    values = path_values("asset", "did:example:a", "did:example:b")
    unfilled = [b.op.operation_id for b in body_operations(Contract(catalog.schemas)) if fill_path(b.op.path, values)
                is None]
    assert not unfilled
    assert {"setUserProfile", "enrolUserBiometric"} <= {b.op.operation_id for b in body_operations(Contract(
        catalog.schemas))}


def test_b6_d1_d2_the_counts_in_3_3_are_those_the_checks_send(catalog, note_md, zh_markdown):
    """三（三）'s counts of IF-ROB-001 and IF-ROB-003 are computed here from the checks' own selection and limits."""
    contract = Contract(catalog.schemas)
    limits = _defaults()
    values = {**path_values("asset", "did:example:a", "did:example:b"), "fresh-id": "x"}
    probed = [b for b in body_operations(contract) if fill_path(b.op.path, values) is not None]
    sent = sum(min(len(mutations(filled(b.example, b.fill, values), b.schema)), limits["robustness_mutations"])
               for b in probed)
    rows = _rows(note_md)
    assert f"{len(probed)} 个操作共 {sent} 个请求" in rows["IF-ROB-001"], rows["IF-ROB-001"]
    reads = path_reads(contract)
    assert f"带一个路径参数的 {len(reads)} 个 `GET` 操作共收到 {len(reads) * limits['robustness_examples']} 个请求" \
        in rows["IF-ROB-003"], rows["IF-ROB-003"]
    # annex D lists exactly those reads
    listed = [k for k in _annex_rows(zh_markdown) if k.startswith("GET ") and k.count("{") == 1]
    assert sorted(listed) == sorted(f"GET {op.path}" for op in reads)


def test_bx1_the_requirements_column_lists_the_generic_reads(catalog, zh_markdown, note_md):
    """Every read of table D.3 IF-ROB-003 generates values for lists IF-ROB-003, every read IF-CON-001 may send lists
    IF-CON-001, in annex D and in the 编制说明's 三（四）, by the rule their checks use (``_catalog.contractops``)."""
    for markdown in (zh_markdown, note_md):
        rows = _annex_rows(markdown)
        seen = {"IF-ROB-003": 0, "IF-CON-001": 0}
        for op in operations(catalog):
            if not op.contract.endswith("interfaces/platform.openapi.yaml"):
                continue
            for row in rows.get(f"{op.method} {op.path}", []):
                for rid, rule in (("IF-ROB-003", path_read), ("IF-CON-001", probed_read)):
                    if rule(op.source, op.method, op.path):
                        assert rid in _ids(row), (rid, op.operation_id)
                        seen[rid] += 1
        assert seen["IF-ROB-003"] == 15 and seen["IF-CON-001"] >= 20, seen
    # a read of another contract (the resolver's) is no read of IF-CON-001's check, which calls the platform's alone
    resolver = _annex_rows(zh_markdown).get("GET /1.0/resolve", [])
    assert resolver and all("IF-CON-001" not in _ids(row) for row in resolver)
