"""The seventy-third reading of issue 76, part h137-method.

b1: table D.3 lists IF-ROB-001 for `setUserProfile` (`PUT /users/{did}/profile`), but the check sent every probe of
IF-ROB-001 and IF-ROB-002 as `POST` (the request and the evidence record), so that operation's invalid bodies went
to a method it does not have, and to the contract's path where D.3 says the operation is reached through the
discovery document's `user_data.profile`. The class: every operation ``body_operations`` returns is probed with its
contract method, at the path its discovery member declares (:meth:`Offers.path`); the steps say so.

The TD-CAM-002 fixer's note: TD-TACT-002's and TD-TACT-005's 通过 lines said every hold *measured* meets the bound,
while their checks and 不确定 lines leave a hold not covered by enough frames unjudged; they now say each hold is
measured, as TD-CAM-002's does.

Fails on e8dfbae5c."""

from __future__ import annotations

import json
import re
from typing import Any

from conformance import load_catalog
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import body_operations
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, verdicts
from tests.conftest import manifest_for
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

DISCOVERY = "/.well-known/metaverse-interop"
CASES = ["IF-ROB-001", "IF-ROB-002"]


class Recording:
    """The reference, recording each request's method and path; with ``moved``, its discovery document declares
    `user_data.profile` at `/me/{did}/profile`, which it serves as the reference serves `/users/{did}/profile`; with
    ``accepting``, it answers 200 to every `PUT` of a profile (a platform accepting invalid profile bodies)."""

    def __init__(self, *, moved: str = "", accepting: bool = False) -> None:
        self.app, self.moved, self.accepting = create_app(), moved, accepting
        self.state = getattr(self.app, "state", None)
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        self.seen.append((method, path))
        if self.accepting and method == "PUT" and re.fullmatch(r"/(users|me)/[^/]+/profile", path):
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": b"{}"})
            return
        if self.moved and re.fullmatch(r"/users/[^/]+/profile", path):  # the contract's path: not served here
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"application/problem+json")]})
            await send({"type": "http.response.body",
                        "body": b'{"type": "about:blank", "title": "Not Found", "status": 404}'})
            return
        if self.moved and re.fullmatch(r"/me/[^/]+/profile", path):
            scope = {**scope, "path": "/users/" + path.split("/")[2] + "/profile", "raw_path": None}
        if not self.moved or path != DISCOVERY:
            await self.app(scope, receive, send)
            return
        parts: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        document = json.loads(b"".join(parts))
        document["user_data"]["profile"] = self.moved
        body = json.dumps(document).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _template(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)))


def test_every_body_operation_is_probed_with_its_contract_method(run_manifest, catalog):
    """Before: all 29 operations' probes went as POST, `setUserProfile`'s 10 invalid profile bodies among them."""
    app = Recording()
    with serve(app) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=CASES)
    assert verdicts(result, CASES) == dict.fromkeys(CASES, "pass")
    wrong = []
    for bop in body_operations(Contract(load_catalog().schemas)):
        pattern = _template(bop.op.path)
        sent = {m for m, p in app.seen if pattern.fullmatch(p) and m != "GET"}
        if sent - {bop.op.method}:
            wrong.append((bop.op.operation_id, bop.op.method, sorted(sent)))
    assert not wrong
    profile = [m for m, p in app.seen if re.fullmatch(r"/users/[^/]+/profile", p)]
    assert profile and set(profile) == {"PUT"}  # its invalid bodies reach it, answered 4xx problem details


def test_the_evidence_records_the_method_sent(run_manifest, catalog):
    """A platform accepting invalid profile bodies fails IF-ROB-001, its finding naming `PUT`."""
    with serve(Recording(accepting=True)) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=["IF-ROB-001"])
    assert verdicts(result, ["IF-ROB-001"]) == {"IF-ROB-001": "fail"}
    said = reasons(result, "IF-ROB-001")
    assert "setUserProfile" in said and '"method": "PUT"' in said and '"method": "POST", "path": "/users/' not in said


def test_an_operation_reached_through_the_discovery_document_is_probed_at_its_declared_path(run_manifest, catalog):
    """D.3 reaches `setUserProfile` through `user_data.profile`: a platform declaring it at `/me/{did}/profile`
    has its probes sent there, not to the contract's path."""
    app = Recording(moved="/me/{did}/profile")
    with serve(app) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=["IF-ROB-001"])
    assert verdicts(result, ["IF-ROB-001"]) == {"IF-ROB-001": "pass"}
    assert any(m == "PUT" and re.fullmatch(r"/me/[^/]+/profile", p) for m, p in app.seen)
    assert not any(re.fullmatch(r"/users/[^/]+/profile", p) for _, p in app.seen)


def test_a_declared_path_with_a_parameter_the_case_cannot_fill_is_not_probed(run_manifest, catalog):
    app = Recording(moved="/me/{did}/{slot}/profile")
    with serve(app) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=["IF-ROB-001"])
    assert verdicts(result, ["IF-ROB-001"]) == {"IF-ROB-001": "inconclusive"}
    assert "setUserProfile" in reasons(result, "IF-ROB-001")


def test_the_steps_say_the_method_and_the_declared_path(zh_markdown, en_markdown):
    for markdown, words in ((zh_markdown, ("以该操作在契约中的方法", "服务发现文档在该成员处声明的路径")),
                            (en_markdown, ("with the operation's own method in the contract",
                                           "the path the discovery document declares at that member"))):
        cases = _cases(markdown)
        for rid in CASES:
            case = cases.get(rid.replace("-", "‑"), cases.get(rid))
            steps = _row(case, "测试步骤" if markdown is zh_markdown else "Test procedure")
            assert all(w in steps for w in words), rid


def test_the_tact_pass_lines_say_each_hold_is_measured(zh_markdown, en_markdown):
    cases = _cases(zh_markdown)
    for rid in ("TD-TACT-002", "TD-TACT-005", "TD-CAM-002"):
        case = cases.get(rid.replace("-", "‑"), cases.get(rid))
        passed = _row(case, "判定准则").split("<br>")[0]
        assert "其每个保持段均得到测量，且" in passed and "其测得的每个保持段" not in passed, rid
