"""The seventy-fourth reading of issue 76, part h139-paths: the class left open at the seventy-third reading (b1's
"Left").

IF-ROB-001 and IF-ROB-002 sent each probe of an operation reached through a member of the discovery document
(``x-discovery``, table D.3's "Discovery" column) to the path the platform's discovery document declares there, but
IF-ROB-003, IF-AUTH-001/-002/-003 and IF-CON-001 still sent theirs to the contract's own path, which a platform
declaring another need not serve; and where an answer was judged by mapping its URL back to an operation of the
contract, an answer at a declared path matched none (IF-ROB-003 failed it as "no operation", IF-CON-001 skipped it).
Now every check taking every operation of a kind sends to :func:`conformance.area.declared_path` (the one reading of
a declared path, :func:`conformance.area.offered` reads it too), records an operation whose declared path has a
parameter the case cannot fill as not probed, and judges each answer as the operation it was sent for. A report is
read at ``reporting.endpoint`` followed by ``/{report_id}`` (the contract's ``x-discovery-suffix``), which the
declared path gives too.

The test platform is the reference, except that its discovery document declares `user_data.profile` at
`/me/{did}/profile`, `user_data.import` at `/me/import` and `reporting.endpoint` at `/misconduct`, which it serves as
the reference serves the contract's paths, answering those 404.

Fails on db9559929."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conformance.area import declared_path, offered
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, verdicts
from tests.conftest import manifest_for
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

DISCOVERY = "/.well-known/metaverse-interop"
NOT_FOUND = json.dumps({"type": "about:blank", "title": "Not Found", "status": 404}).encode()
#: the contract's paths of the operations this platform serves at the paths it declares instead
CONTRACT_PATHS = re.compile(r"/users/[^/]+/profile|/users/import|/reports(/[^/]+)?")
#: the check -> the profile claiming it
PROFILES = {"IF-ROB-003": "interfaces-robustness", "IF-AUTH-001": "interfaces-robustness",
            "IF-AUTH-002": "interfaces-robustness", "IF-AUTH-003": "interfaces-robustness",
            "IF-CON-001": "interfaces-core"}


class Moved:
    """The reference with three discovery members declared at other paths (``profile``: the `user_data.profile`
    declared). With ``broken``, every request at a declared path is answered 500 with a body no problem details, and
    once `/me/import` has been called without a usable token, the probe asset's state reads otherwise (a call without
    a token that changed it)."""

    def __init__(self, *, profile: str = "/me/{did}/profile", broken: bool = False) -> None:
        self.app, self.profile, self.broken = create_app(), profile, broken
        self.state = getattr(self.app, "state", None)
        self.seen: list[tuple[str, str]] = []
        self.tampered = False

    async def _send(self, send: Any, status: int, body: bytes, media: bytes = b"application/json") -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def _captured(self, scope: dict[str, Any], receive: Any) -> Any:
        parts: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        return json.loads(b"".join(parts))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        self.seen.append((method, path))
        if CONTRACT_PATHS.fullmatch(path):  # the contract's paths: not served here
            await self._send(send, 404, NOT_FOUND, b"application/problem+json")
            return
        if path == DISCOVERY:
            document = await self._captured(scope, receive)
            document["user_data"].update(profile=self.profile, **{"import": "/me/import"})
            document["reporting"]["endpoint"] = "https://platform.invalid/misconduct"  # an absolute URL's path
            await self._send(send, 200, json.dumps(document).encode())
            return
        if self.broken and path.startswith(("/me/", "/misconduct")):
            if path == "/me/import" and not scope_token(scope):
                self.tampered = True
            await self._send(send, 500, b'{"error": "internal error"}')
            return
        original = _original(path)  # a declared path: served as the reference serves the contract's
        if original is not None:
            scope = {**scope, "path": original, "raw_path": None}
        if self.tampered and method == "GET" and re.fullmatch(r"/assets/[^/]+/state", path):
            state = await self._captured(scope, receive)
            state["tampered"] = True
            await self._send(send, 200, json.dumps(state).encode())
            return
        await self.app(scope, receive, send)


def scope_token(scope: dict[str, Any]) -> bool:
    """Whether the request carries a bearer token (the test platform takes any as usable)."""
    value = dict(scope.get("headers", [])).get(b"authorization", b"")
    return value.startswith(b"Bearer ") and len(value) > len(b"Bearer ")


def _original(path: str) -> str | None:
    """The contract's path of a declared one this platform serves (None: not a declared path)."""
    if m := re.fullmatch(r"/me/([^/]+)/profile", path):
        return f"/users/{m[1]}/profile"
    if path == "/me/import":
        return "/users/import"
    if m := re.fullmatch(r"/misconduct(/[^/]+)?", path):
        return "/reports" + (m[1] or "")
    return None


def _run(run_manifest: Any, catalog: Any, app: Moved, check: str) -> Any:
    with serve(app) as url:
        return run_manifest(manifest_for(catalog, PROFILES[check], base_urls={"api": url}), requirements=[check])


def _at(app: Moved, pattern: str) -> set[str]:
    return {m for m, p in app.seen if re.fullmatch(pattern, p)}


# the path reads at each declared path, the secured operations of the checks reaching them, by the case's values
EXPECTED = {
    "IF-ROB-003": (r"/me/[^/]+/profile", r"/misconduct/[^/]+"),
    "IF-AUTH-001": (r"/me/[^/]+/profile", r"/me/import"),
    "IF-AUTH-002": (),  # its holder-only operations alone, none reached through a member (seventy-fifth reading, b2)
    "IF-AUTH-003": (r"/me/import",),
    "IF-CON-001": (r"/me/[^/]+/profile", r"/misconduct/[^/]+"),
}


@pytest.mark.parametrize("check", sorted(EXPECTED))
def test_each_check_probes_the_declared_path(check, run_manifest, catalog):
    """Before: each sent to `/users/{did}/profile`, `/users/import` and `/reports/{report_id}`, which this platform
    does not serve, and never to the paths it declares."""
    app = Moved()
    result = _run(run_manifest, catalog, app, check)
    assert verdicts(result, [check]) == {check: "pass"}, reasons(result, check)
    for pattern in EXPECTED[check]:
        assert _at(app, pattern), (check, pattern)
    contract = [p for _, p in app.seen if CONTRACT_PATHS.fullmatch(p)]
    assert not contract, (check, contract[:3])


@pytest.mark.parametrize("check", ["IF-ROB-003", "IF-AUTH-001", "IF-AUTH-003", "IF-CON-001"])
def test_a_defect_at_the_declared_path_still_fails(check, run_manifest, catalog):
    """Answers 500 at the declared paths (and a call without a token there changing the probe asset) fail each
    check judging them; IF-ROB-003's and IF-CON-001's are judged as the operation probed, not as "no operation".
    IF-AUTH-002 judges only the asset's holder-only operations, none reached through a discovery member."""
    result = _run(run_manifest, catalog, Moved(broken=True), check)
    assert verdicts(result, [check]) == {check: "fail"}
    said = reasons(result, check)
    assert ("importUserData" if check == "IF-AUTH-003" else "readUserProfile") in said
    assert "/me/" in said  # the finding names the request at the declared path
    assert "no operation of the contract matches" not in said


def test_the_answers_at_a_declared_path_are_judged_as_its_operation(run_manifest, catalog):
    """IF-CON-001 counts the answers at the declared paths among those judged (before: skipped, matching no
    template)."""
    result = _run(run_manifest, catalog, Moved(broken=True), "IF-CON-001")
    said = reasons(result, "IF-CON-001")
    assert "getMisconductReport" in said and "/misconduct/" in said


@pytest.mark.parametrize("check", ["IF-ROB-003", "IF-AUTH-001", "IF-CON-001"])
def test_a_declared_path_with_a_parameter_the_case_cannot_fill_is_not_probed(check, run_manifest, catalog):
    app = Moved(profile="/me/{did}/{slot}/profile")
    result = _run(run_manifest, catalog, app, check)
    assert verdicts(result, [check]) == {check: "inconclusive"}
    said = reasons(result, check)
    assert "readUserProfile" in said and "/me/{did}/{slot}/profile" in said
    assert not _at(app, r"/me/[^/]+/[^/]+/profile") and not _at(app, r"/users/[^/]+/profile")


def test_a_declared_path_without_the_generated_parameter_is_not_probed(run_manifest, catalog):
    """IF-ROB-003 generates values for `{did}`: a declared path without it has no place for them."""
    app = Moved(profile="/me/profile")
    result = _run(run_manifest, catalog, app, "IF-ROB-003")
    assert verdicts(result, ["IF-ROB-003"]) == {"IF-ROB-003": "inconclusive"}
    assert "holds no {did}" in reasons(result, "IF-ROB-003")
    assert not _at(app, r"/me/profile")


def test_declared_path_is_the_one_reading_of_a_declared_path():
    report = {"x-discovery": "reporting.endpoint", "x-discovery-suffix": "/{report_id}"}
    profile = {"x-discovery": "user_data.profile"}
    declared = {"reporting": {"endpoint": "https://platform.example/misconduct/"},
                "user_data": {"profile": "/me/{did}/profile"}}
    assert declared_path(report, declared) == "/misconduct/{report_id}"
    assert declared_path({"x-discovery": "reporting.endpoint"}, declared) == "/misconduct/"
    assert declared_path(profile, declared) == "/me/{did}/profile"
    assert declared_path(profile, {"user_data": {"profile": ""}}) is None
    assert declared_path(profile, None) is None
    assert declared_path({}, declared) is None  # reached through no member
    assert declared_path(profile, {"user_data": {"profile": "http://[::1/x"}}) == "http://[::1/x"  # not a URL
    for operation in (report, profile):  # offered reads the same
        assert offered(operation, declared) is True
        assert offered(operation, {"user_data": {}, "reporting": {}}) is False


def test_the_steps_say_the_declared_path(zh_markdown, en_markdown):
    """Each case's steps say where a probe of an operation reached through a discovery member goes."""
    for markdown, words in ((zh_markdown, "服务发现文档在该成员处声明的路径"),
                            (en_markdown, "the path the discovery document declares at that member")):
        cases = _cases(markdown)
        for rid in ("IF-ROB-003", "IF-AUTH-001", "IF-AUTH-003", "IF-CON-001"):
            case = cases.get(rid.replace("-", "‑"), cases.get(rid))
            steps = _row(case, "测试步骤" if markdown is zh_markdown else "Test procedure")
            assert words in steps, rid
