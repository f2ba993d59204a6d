"""The request-body examples of a contract's operations in annex D (fifty-eighth reading b1): the cases that build a
request from the contract's example (the robustness probes break one rule of it, the authorisation probes send it
as a well-formed body) and the set of operations the first probes, those with an example, rest on what the
normative annex prints, so the table of the operations' provisions beyond their schemas gives each JSON request
body's example and the members the test equipment fills with each run's values (``x-fill``)."""

from __future__ import annotations

import json

from .._catalog.contractops import example_body
from .contracts import Operation
from .writer import Writer

#: the words for each kind of value ``x-fill`` sets (robustness.filled: the values each run provisions)
FILLED = {"fresh-id": ("新资产的标识", "a new asset's ID"),
          "holder": ("测试身份 A 的 DID", "test identity A's DID"),
          "other-holder": ("测试身份 B 的 DID", "test identity B's DID")}

#: the sentence introducing the examples where a contract gives any (after the provisions table's lead)
LEAD = ("契约为操作的 JSON 请求体给出示例时，该表以“请求体示例”给出该示例（以 JSON 表示），以及测试设备以每次测试的取值替换的成员"
        "（以 `/` 分隔的成员路径表示，如 `/export/asset_id`）；测试用例以该示例为基础构造请求体，契约未给出示例的操作没有此项。",
        "Where the contract gives an example of an operation's JSON request body, the table gives it as \"Request body "
        "example\" (in JSON), with the members the test equipment replaces by each run's values (as member paths "
        "separated by `/`, such as `/export/asset_id`); the test cases build request bodies from that example, and an operation the contract gives no "
        "example for has none.")


def has_example(op: Operation) -> bool:
    """Whether the contract gives the operation's JSON request body both a schema and an example (the operations
    the robustness probes break one rule of)."""
    return example_body(op.source) is not None


def example_text(w: Writer, op: Operation) -> str:
    """「请求体示例：`{…}`」 with the members filled with each run's values, or "" where the contract gives none."""
    media = example_body(op.source)
    if media is None:
        return ""
    shown = json.dumps(media["example"], ensure_ascii=False, separators=(", ", ": "))
    text = w.t(f"请求体示例：`{shown}`", f"Request body example: `{shown}`")
    fill = media.get("x-fill")
    if isinstance(fill, dict) and fill:
        words = [f"`{pointer}`" + (w.t(f"（{FILLED[kind][0]}）", f" ({FILLED[kind][1]})") if kind in FILLED else "")
                 for pointer, kind in fill.items()]
        text += w.t("\n以每次测试的取值替换的成员：" + "、".join(words),
                    "\nMembers replaced by each run's values: " + ", ".join(words))
    return text
