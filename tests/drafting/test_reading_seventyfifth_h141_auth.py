"""The seventy-fifth reading of issue 76, part h141-auth.

b2: IF-AUTH-002 ran the probe it shares with IF-AUTH-001 and IF-AUTH-003 (``_probe`` in suites/interfaces/test_auth.py)
over every operation the contract secures with a bearer token, not the holder-only ones its step 2 lists. An operation
outside that list reached through a member of the discovery document whose declared path has a parameter the case has
no value for (`importUserData` declared at `/users/{did}/import`) was recorded as not probed, and ``Offers.close`` then
ended IF-AUTH-002 inconclusive for an operation its steps never name. Now it calls only the operations its step 2
lists (the contract's holder-only operations), and step 2 says it neither probes nor records the others. The class:
for each case sharing the probe, its inconclusive line names every cause of ``Offers.undecided`` its own operations
can reach (the discovery document unread; a declared path the case cannot fill), read from the contract.

b's doubtful 1: IF-AUTH-001's pass line asked every secured operation to be probed, which an operation the platform
does not offer, left unprobed by design, kept out of reach; it and IF-AUTH-002's pass line now speak of the operations
the platform offers.

Fails on af70da852."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conformance import load_catalog
from conformance.area import holder_only, offer_marks
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import fill_path, normative_operations, secured, spec
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, verdicts
from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

DISCOVERY = "/.well-known/metaverse-interop"
DECLARED = "/users/{did}/import"
#: what IF-AUTH-002 may call: the root (whether the platform is reached), the set-up (identities, the probe asset, its
#: state) and the holder-only operations
SCOPE = re.compile(r"/|/\.well-known/metaverse-interop|/test-identities|/assets|/assets/[^/]+(/state|/transfer|/burn"
                   r"|/lock|/unlock)?")


class DeclaredElsewhere:
    """The reference (with ``defects``), whose discovery document declares `user_data.import` at a path with a
    parameter none of the authentication cases hands out a value for but IF-AUTH-001 (`{did}`)."""

    def __init__(self, defects: tuple[str, ...] = ()) -> None:
        self.app = create_app(defects)
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != DISCOVERY:
            if scope["type"] == "http":
                self.seen.append((scope["method"], scope["path"]))
            await self.app(scope, receive, send)
            return
        self.seen.append((scope["method"], scope["path"]))
        parts: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        document = json.loads(b"".join(parts))
        document["user_data"]["import"] = DECLARED
        body = json.dumps(document).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _run(run_manifest: Any, catalog: Any, app: DeclaredElsewhere, check: str) -> Any:
    with serve(app) as url:
        return run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                            requirements=[check])


def test_an_unfillable_declared_path_outside_its_step_two_leaves_if_auth_002_decided(run_manifest, catalog):
    """Before: inconclusive, naming `importUserData` at `/users/{did}/import`, an operation step 2 never lists; and
    IF-AUTH-001's four requests went to every secured operation."""
    app = DeclaredElsewhere()
    result = _run(run_manifest, catalog, app, "IF-AUTH-002")
    assert verdicts(result, ["IF-AUTH-002"]) == {"IF-AUTH-002": "pass"}, reasons(result, "IF-AUTH-002")
    outside = sorted({p for _, p in app.seen if not SCOPE.fullmatch(p)})
    assert not outside, outside[:5]
    called = {re.sub(r"^/assets/[^/]+/", "", p) for m, p in app.seen if m == "POST" and p.count("/") == 3}
    assert called == {"transfer", "burn", "lock", "unlock"}, called


def test_its_known_bad_still_fails_there(run_manifest, catalog):
    result = _run(run_manifest, catalog, DeclaredElsewhere(("registry-transfer-by-anyone",)), "IF-AUTH-002")
    assert verdicts(result, ["IF-AUTH-002"]) == {"IF-AUTH-002": "fail"}
    assert "transferAsset" in reasons(result, "IF-AUTH-002")


def test_the_platform_does_reach_the_cause_for_if_auth_003(run_manifest, catalog):
    """The control: IF-AUTH-003, whose step 2 takes the import and whose inconclusive line names this cause, is
    left inconclusive by the same platform."""
    result = _run(run_manifest, catalog, DeclaredElsewhere(), "IF-AUTH-003")
    assert verdicts(result, ["IF-AUTH-003"]) == {"IF-AUTH-003": "inconclusive"}
    assert "importUserData" in reasons(result, "IF-AUTH-003") and DECLARED in reasons(result, "IF-AUTH-003")


# --- the class: each case sharing the probe names the causes of Offers.undecided its operations can reach ----------

#: the case -> (which secured operations it calls, the path parameters it has values for), as test_auth.py takes them
PROBES: dict[str, tuple[bool, tuple[str, ...]]] = {
    "IF-AUTH-001": (False, ("asset_id", "did", "purpose", "order_id")),
    "IF-AUTH-002": (True, ("asset_id",)),
    "IF-AUTH-003": (False, ("asset_id",)),
}
UNREAD = {"zh": "服务发现文档未能读取", "en": "the discovery document cannot be read"}
UNFILLED = {"zh": "所声明的路径含本用例无取值的参数", "en": "has a parameter this case has no value for"}


def _reachable(rid: str) -> tuple[bool, bool]:
    """Whether the case's operations hold one whose offer is read from the discovery document (unread: undecided),
    and one reached through a member of it whose contract path the case can fill (its declared path may not)."""
    contract = Contract(load_catalog().schemas)
    only_holder, names = PROBES[rid]
    given = dict.fromkeys(names, "x")
    unread = unfilled = False
    for op in normative_operations(contract):
        operation = spec(contract, op)
        if not secured(contract, op) or (only_holder and not holder_only(operation)):
            continue
        profiles, features, member = offer_marks(contract.operation_object(op))
        unread = unread or bool(profiles or features or member)
        unfilled = unfilled or bool(member and fill_path(op.path, given) is not None)
    return unread, unfilled


@pytest.mark.parametrize("rid", sorted(PROBES))
def test_each_inconclusive_line_names_the_causes_its_operations_reach(rid, zh_markdown, en_markdown):
    unread, unfilled = _reachable(rid)
    assert unread  # every case holds an operation of an optional service (lock and unlock at least)
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        cases = _cases(markdown)
        case = cases.get(rid.replace("-", "‑"), cases.get(rid, ""))
        line = _verdict_lines(case, lang)["不确定" if lang == "zh" else "Inconclusive"]
        assert UNREAD[lang] in line, (rid, lang)
        if unfilled:
            assert UNFILLED[lang] in line, (rid, lang)
    assert unfilled == (rid != "IF-AUTH-002")  # IF-AUTH-002's holder-only operations are reached through no member


def test_if_auth_002_says_it_leaves_the_other_operations(zh_markdown, en_markdown):
    for markdown, words in ((zh_markdown, "本用例不予探测，亦不予记录"), (en_markdown, "this case neither probes nor records")):
        cases = _cases(markdown)
        assert words in cases.get("IF‑AUTH‑002", cases.get("IF-AUTH-002", ""))


# --- b's doubtful 1: a pass line asks for what the case probes --------------------------------------------------------

@pytest.mark.parametrize("rid", ["IF-AUTH-001", "IF-AUTH-002"])
def test_the_pass_line_speaks_of_the_operations_the_platform_offers(rid, zh_markdown, en_markdown):
    for lang, markdown, words in (("zh", zh_markdown, "平台提供的每个"), ("en", en_markdown, "the platform offers")):
        cases = _cases(markdown)
        line = _verdict_lines(cases.get(rid.replace("-", "‑"), cases.get(rid, "")), lang)["通过" if lang == "zh"
                                                                                         else "Pass"]
        assert words in line, (rid, lang, line)
