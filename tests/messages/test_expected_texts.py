"""A finding's expected or actual value that is words ("an object", "a 4xx problem") comes
from a template of its area, so the report shows it in Chinese under --lang zh; data (a
status, an enum value, a pointer, a comparison like "<= 3") stays as it is."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from conformance._record.findings import Finding
from conformance.areas._shared.problems import check_refused
from conformance.areas.assets import metadata, vrm
from conformance.areas.identity.registration import registrar_state
from conformance.errors import NonConformance
from conformance.messages import alternatives, localize, msg
from tests.areas.terminal.test_texts import _findings


def _zh(item: dict[str, Any], member: str = "expected") -> str:
    return localize(item[member], item[f"{member}_text"], "zh")


class _Evidence:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def finding(self, message: str, **members: Any) -> None:
        self.items.append(Finding.of(message, **members).evidence())


def test_assets_expected_words_read_in_chinese_with_names_as_given():
    [found] = vrm.check({"extensionsUsed": ["VRMC_vrm"], "extensions": {"VRMC_vrm": []}})
    item = found.evidence()
    assert item["expected"] == "an object" and item["expected_text"] == {"key": "assets.expect-object", "args": {}}
    assert _zh(item) == "一个对象"
    missing = metadata.platform_findings({}, [], (), "AS-META-001", required=["name"])
    # the finding names no rule since the thirty-sixth reading's a9 (AS-META-001 defines none): the one finding
    [named] = [f.evidence() for f in missing]
    assert named["expected"] == "a name member" and _zh(named) == "name 成员"


def test_alternatives_join_with_a_templated_or():
    either = alternatives([200, 201, 204])
    assert either == "200 or 201 or 204"
    assert localize(either, None, "zh") == "200 或 201 或 204"
    assert alternatives([409]) == "409"


def test_identity_expected_statuses_and_words_read_in_chinese():
    response = SimpleNamespace(method="POST", url="/1.0/create", status=500)
    with pytest.raises(NonConformance) as raised:
        registrar_state(response, _Evidence(), None, ok=(200, 201))  # as IF-IOP-001's import set-up
    item = Finding.of(raised.value.args[0], **raised.value.evidence).evidence()
    assert item["expected"] == "200 or 201" and item["actual"] == 500 and "actual_text" not in item
    assert _zh(item) == "200 或 201"
    with pytest.raises(NonConformance) as raised:  # by default annex D's 200 alone (update, deactivate)
        registrar_state(SimpleNamespace(method="POST", url="/1.0/update", status=201), _Evidence(), None)
    assert Finding.of(raised.value.args[0], **raised.value.evidence).evidence()["expected"] == "200"
    assert localize(msg("identity.expect-absent-or-false"), None, "zh") == "不存在或为 false"


def test_interfaces_a_refusal_expects_a_4xx_problem_in_chinese():
    evidence = _Evidence()
    check_refused(SimpleNamespace(method="POST", url="/assets", status=200), None, evidence,
                  msg("engine.none"))
    [item] = evidence.items
    assert item["expected"] == "a 4xx problem" and item["actual"] == 200
    assert _zh(item) == "4xx 问题详情响应"


def test_terminal_expected_words_read_in_chinese_with_numbers_as_given():
    item = next(f for f in _findings("cap-out-of-volume.ndjson") if f.expected is not None).evidence()
    assert item["expected"] == "within [-2.0, 0.0, -2.0] .. [2.0, 2.5, 2.0] (m, stage space)"
    assert _zh(item) == "位于 [-2.0, 0.0, -2.0] .. [2.0, 2.5, 2.0] 之内（米，舞台空间）"
    gaze = next(f for f in _findings("cap-gaze-flags.ndjson") if f.expected is not None).evidence()
    assert _zh(gaze) == "0x4 和 0x8 位同时置位或同时清零"
