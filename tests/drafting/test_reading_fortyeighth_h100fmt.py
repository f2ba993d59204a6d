"""The forty-eighth reading, part h100-fmt (docs/drafting.md, "Forty-eighth reading, part h100-fmt"): 5.1 listed this
project's own JSON-LD context among those the equipment holds, "the document published at that URL", while no annex
gave its content (a3); IF-IOP-003 and ID-VCAPI-002 judged a `verified` member table D.56 did not define, beside an
`errors` limited to 0 items that a refusal answered with 200 breaks (b2). Each test fails on 309a6112."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTEXTS = ROOT / "src" / "conformance" / "areas" / "_shared" / "contexts"
CONTRACT = ROOT / "schemas" / "interfaces" / "platform.openapi.yaml"


def _annex_e(markdown: str) -> str:
    return re.split(r"\n## (?:附录 [A-Z]|参考文献)", markdown.split("\n## 附录 E", 1)[1], maxsplit=1)[0]


def _own_contexts() -> dict[str, dict[str, object]]:
    """The held contexts no one but this project publishes, read from the files, not from the generator."""
    entries = yaml.safe_load((CONTEXTS / "sources.yaml").read_text(encoding="utf-8"))["contexts"]
    return {e["url"]: json.loads((CONTEXTS / e["file"]).read_text(encoding="utf-8"))["@context"]
            for e in entries if e.get("path") == "this repository"}


def test_a3_every_context_this_project_publishes_is_given_term_by_term_in_annex_e(zh_markdown):
    """The class: a context 5.1 lists that only this repository publishes has an annex E clause whose table holds each
    of its keywords and terms with its value, and 5.1 names that clause."""
    own = _own_contexts()
    assert "https://metaverse-conformance.org/contexts/identity/v1" in own
    annex = _annex_e(zh_markdown)
    heading = re.search(r"^### (E\.\d+) 本文件的 JSON-LD 上下文$", annex, re.M)
    assert heading
    clause = annex[heading.end():]
    for url, context in own.items():
        assert f"`{url}`" in clause
        for term, value in context.items():
            assert re.search(rf"^\| `{re.escape(term)}` \| `{re.escape(str(value))}`", clause, re.M), term
    contexts_paragraph = next(line for line in zh_markdown.splitlines() if "个测试设备持有的 JSON-LD 上下文" in line)
    assert all(f"其中 `{url}`" in contexts_paragraph for url in own)
    assert contexts_paragraph.rstrip().endswith(f"其内容见 {heading.group(1)}。")


def _verify_result() -> dict[str, object]:
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    answer = contract["paths"]["/credentials/verify"]["post"]["responses"]["200"]
    return answer["content"]["application/json"]["schema"]


def test_b2_the_contract_takes_a_verification_result_either_way():
    """The VC API's result: `verified` true with no error, or false with its errors, both 200 (ID-VCAPI-002's
    refusal); the reference implementation's verified answer too."""
    schema = _verify_result()
    assert schema["properties"]["verified"] == {"type": "boolean"} and "verified" in schema["required"]
    for answer in ({"verified": True, "checks": ["proof"], "warnings": [], "errors": []},
                   {"verified": False, "errors": [{"type": "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR"}]},
                   {"verified": False, "problemDetails": [{"title": "PARSING_ERROR"}]}):
        jsonschema.validate(answer, schema)
    assert not jsonschema.Draft202012Validator(schema).is_valid({"checks": ["proof"], "errors": []})


def test_b2_table_d56_holds_every_member_the_verification_cases_read(zh_markdown):
    """The class: a member of the verify answer the cases citing `verifyCredential` name in code is in its table."""
    start = zh_markdown.index("`verifyCredential` 成功响应的成员")
    table = zh_markdown[start:zh_markdown.index("\n\n", zh_markdown.index("|", start))]
    members = set(re.findall(r"^\| `([A-Za-z]+)` \|", table, re.M))
    assert re.search(r"^\| `verified` \| `boolean` \| 是 \|", table, re.M)
    assert "元素不多于 `0` 个" not in table
    cases = re.findall(r"^### \d+\.\d+ (?:IF[-‑]IOP[-‑]003|ID[-‑]VCAPI[-‑]002) .*?(?=^### )", zh_markdown, re.M | re.S)
    assert len(cases) == 2
    read = {name for case in cases for name in re.findall(r"`(verified|errors|checks|warnings|problemDetails)`", case)}
    assert "verified" in read and read <= members
