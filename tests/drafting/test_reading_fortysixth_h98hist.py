"""The forty-sixth reading, part h98-hist (docs/drafting.md, "Forty-sixth reading, part h98-hist"): the asset history
file AS-HIST-001 and -002 read was defined as a file in no normative annex (a5); 5.1 said a file over the bound is
never read, while the history, like the captures and the CityJSON text sequences, is streamed (bx1); IF-CODE-010
judged `outcome.decision` against `sanction`, a value annex D never gave (b1); IF-TLS-001's 不确定 line named only a
missing trust-anchor file (bx2). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance import Catalog
from conformance.areas.assets.history import EVENT_SCHEMA
from conformance.drafting.writer import Block
from tests.paths import ROOT

#: the modules that stream a target's whole files through the file adapter's unbounded ``open`` (``files.open(`` or
#: ``opened(files, ``), by the words 5.1 names their files with; ifc.py streams only a file's header (HEADER_BYTES), the
#: model itself read within the bound
STREAMED = {"assets/history.py": "资产历史文件", "terminal/suite.py": "采集文件", "scenes/cityjson.py": "CityJSON 文本序列"}
HEADER_ONLY = {"scenes/ifc.py"}


def _case(markdown: str, requirement: str) -> str:
    """A test case's clause of the rendered draft (its heading to the next heading)."""
    return re.search(rf"^### [\d.]+ {requirement.replace('-', '[-‑]')} .*?(?=^#)", markdown, re.M | re.S).group(0)


def _clause_5_1(blocks: list[Block]) -> str:
    return next(b.text for b in blocks if b.kind == "para" and b.text.startswith("测试设备读取文件的上限"))


def test_every_ixit_row_of_a_line_delimited_file_gives_its_annex_e_format(zh_markdown):
    """a5, the class: a file target the IXIT calls NDJSON is a format of annex E, its row cites the clause."""
    rows = re.findall(r"^\| 被测目标 `([a-z_]+)` \| ([^|]*NDJSON[^|]*) \|", zh_markdown, re.M)
    assert rows  # asset_history
    for role, cell in rows:
        assert re.search(r"格式见附录 E（[^）]*：E\.\d+", cell), role


def test_the_asset_history_file_is_defined_in_annex_e_by_the_schema_the_reader_validates(zh_markdown, catalog: Catalog):
    """a5: annex E's clause names the schema history.py validates each line with, states the NDJSON framing and
    points to annex D's table of the event; the IXIT row and both cases cite that clause."""
    found = re.search(r"^### (E\.\d+) 资产历史文件（`(assets/lifecycle-event\.json)`）\n\n(.*)$", zh_markdown, re.M)
    assert found, "no annex E clause for the asset history file"
    clause, schema, text = found.groups()
    assert EVENT_SCHEMA.endswith("/" + schema)
    assert "NDJSON" in text and "每个非空行为一个生命周期事件" in text and "逐行读取" in text
    table = re.search(r"^表 (D\.\d+)　`assets/lifecycle-event\.json` 的成员$", zh_markdown, re.M).group(1)
    assert text.endswith(f"其成员见表 {table}。")
    assert "RFC 8785" in text and "`prev_hash`" in text  # the hash chain, the schema's own description
    assert re.search(rf"^\| 被测目标 `asset_history` \| [^|]*格式见附录 E（资产历史文件：{clause}）", zh_markdown, re.M)
    for case in ("AS-HIST-001", "AS-HIST-002"):
        block = _case(zh_markdown, case)
        assert f"所读数据的格式见附录 E（资产历史文件：{clause}）" in block, case


def test_clause_5_1_names_every_file_the_test_equipment_streams(zh, en):
    """bx1: a file read line by line is read whatever its size; 5.1 says so for each format the checks stream
    (a module streaming another format's files fails here until 5.1 names it)."""
    areas = ROOT / "src" / "conformance" / "areas"
    streaming = {str(p.relative_to(areas)) for p in areas.rglob("*.py")
                 if re.search(r"\bfiles\.open\(|\bopened\(files, ", p.read_text(encoding="utf-8"))}
    assert streaming == set(STREAMED) | HEADER_ONLY
    zh_text = _clause_5_1(zh)
    exception = zh_text[zh_text.index("所提供的文件不大于此值者方予读取"):]
    for words in STREAMED.values():
        assert words in exception, words
    assert "逐行读取，不受此上限限制" in exception and re.search(r"资产历史文件（E\.\d+）", exception)
    en_text = next(b.text for b in en if b.kind == "para" and b.text.startswith("The test equipment reads each file"))
    assert "read line by line and are not subject to this bound" in en_text


def test_the_decision_values_the_checks_compare_are_the_schema_s(catalog: Catalog, zh_markdown):
    """b1: every value a check compares `decision` with is one annex D's misconduct-report schema lists, and
    the table prints them; IF-CODE-010's step names the member by its path."""
    schema = catalog.schemas.get("https://metaverse-conformance.org/schemas/interfaces/misconduct-report.json")
    values = schema["properties"]["outcome"]["properties"]["decision"].get("enum", [])
    compared = {m for p in (ROOT / "suites").rglob("*.py")
                for m in re.findall(r"""get\("decision"\) [!=]= "([^"]+)\"""", p.read_text(encoding="utf-8"))}
    assert compared and compared <= set(values), (compared, values)
    assert re.search(r"^\| `outcome\.decision` \| `string` \| 是 \| 取值之一：`sanction`、`no-action` \|$", zh_markdown, re.M)
    case = _case(zh_markdown, "IF-CODE-010")
    step = re.search(r"6\. 查看对 H 的举报[^<|]*", case).group(0)
    assert "`outcome.decision` 等于 `sanction`" in step and "`outcome.sanction`" in step


def test_the_tls_case_is_inconclusive_for_what_it_could_not_reach(zh_markdown):
    """bx2: the 不确定 line names each input the check leaves unjudged: the trust-anchor file, the discovery
    document, an origin no connection reaches."""
    line = re.search(r"\| 判定准则 \| ([^\n]*)", _case(zh_markdown, "IF-TLS-001")).group(1)
    unsure = line.split("不确定：", 1)[1]
    for words in ("`ca_bundle`", "服务发现文档未以 200 应答或不是 JSON", "源建立连接（连接被拒绝、在 5.1 规定的请求时限内未建立或其主机名无法解析）"):
        assert words in unsure, words
