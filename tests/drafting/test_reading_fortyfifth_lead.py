"""The forty-fifth reading of issue 76, row b1 (docs/drafting.md, "Forty-fifth reading"): AS-TRADE-001 validates
the discovery document's `trading` against 「附录 D 所列的 `assets/trade-terms.json`」, and annex D named that file
nowhere: it expanded the schema's members inside the discovery document's table under the member's name alone. A
member of the discovery document whose schema is a file of its own now names it, and every schema file a test case
names is found in annex D or annex E. Both tests fail on the draft as it was before (9019b42f)."""

from __future__ import annotations

import json
import re
from pathlib import Path

_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
#: a schema file as the draft names it, `assets/trade-terms.json`
_FILE = re.compile(r"`([a-z-]+/[A-Za-z0-9_.-]+\.json)`")
#: a test case's table, from its heading to the next heading
_CASE = re.compile(r"^### \d+\.\d+ [A-Z]+-[A-Z]+-\d+ .*?(?=^#)", re.M | re.S)


def test_b1_every_schema_file_a_case_names_is_in_annex_d_or_e(zh_markdown):
    annexes = zh_markdown.split("\n## 附录 D", 1)[1]  # annex D onwards: the contracts, then the formats
    named = {name for case in _CASE.findall(zh_markdown) for name in _FILE.findall(case)}
    assert "assets/trade-terms.json" in named
    assert sorted(name for name in named if f"`{name}`" not in annexes) == []


def test_b1_a_discovery_member_whose_schema_is_a_file_names_it_in_both_languages():
    """A member conforming to an object schema of its own file names that file, as the cases name it."""
    document = json.loads((_SCHEMAS / "interfaces" / "discovery.json").read_text(encoding="utf-8"))
    unnamed = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            name = ref.removeprefix("../") if isinstance(ref, str) and "#" not in ref else ""
            target = json.loads((_SCHEMAS / name).read_text(encoding="utf-8")) if name.endswith(".json") else {}
            said = (str(node.get("description")), str(node.get("x-description-zh")))
            if "properties" in target and any(f"`{name}`" not in text for text in said):  # a DID, a string: no table
                unnamed.append(path)
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    walk(document, "")
    assert unnamed == []
