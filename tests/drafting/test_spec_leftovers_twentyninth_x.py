"""The leftovers of the twenty-ninth reading of issue 76, part x (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part x"): annex D's operations tables. A well-known URI sits at the origin's root in D.1 and in the harness
(row b6); each operation's status codes and bearer protection (b7); resolveDid's did-resolution schema (b8); the
"Requirements" column holding every case whose steps call the operation (b9); getStatusList listed (b10); one form
of the discovery-member mark (b11). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import pytest

from conformance.cli.manifests import demo_manifest
from conformance.drafting.contracts import named_operations, operations
from conformance.drafting.writer import load_data, normative
from conformance.reference import create_app
from conformance.reference.server import serve

Scope = MutableMapping[str, Any]
App = Callable[[Scope, Any, Any], Awaitable[None]]
PREFIX = "/api"


def _rows(markdown: str) -> dict[str, list[str]]:
    """`METHOD /path` -> the cells of its row in annex D's operations tables."""
    found = {}
    for line in markdown.splitlines():
        match = re.match(r"\| `((?:GET|PUT|POST|DELETE|PATCH) /[^`]*)` \|", line)
        if match:
            found[match[1]] = [cell.strip() for cell in line.strip("|").split(" | ")]
    return found


def _under(app: App, discovery_at_root: bool) -> App:
    """The reference served under PREFIX (base address `…/api/`), its discovery document at the origin's root as
    RFC 8615 places it, or (the defect) under PREFIX only."""
    async def wrapper(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            at_root = discovery_at_root and path.startswith("/.well-known/")
            if not at_root and not path.startswith(PREFIX + "/"):
                await send({"type": "http.response.start", "status": 404, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            if not at_root:
                scope = {**scope, "path": path[len(PREFIX):], "raw_path": scope.get("raw_path", b"")[len(PREFIX):]}
        await app(scope, receive, send)
    return wrapper


def _discovery_verdict(catalog, run_manifest, at_root: bool, paths: dict[str, str] | None = None):
    with serve(_under(create_app([]), at_root)) as url:
        base = url.rstrip("/") + PREFIX + "/"
        manifest = demo_manifest(catalog, {"api": base, "api_b": base, "runtime": base})
        manifest["profiles"] = [p for p in manifest["profiles"] if p["id"] == "interfaces-core"]
        if paths:
            manifest["targets"]["api"]["paths"] = paths
        result = run_manifest(manifest, requirements=["IF-DISC-001"])
    return url.rstrip("/"), next(r for r in result.report.requirements if r.requirement == "IF-DISC-001")


def test_the_discovery_document_is_asked_at_the_origin_root(catalog, run_manifest):
    """b6: the harness joined `/.well-known/metaverse-interop` under the base address's path, so a platform at
    `https://host/api/` serving the document at its origin's root (RFC 8615 3, IF-DISC-001) was found serving
    nothing (inconclusive); one serving it under `/api/` only is now the one asked where nothing answers."""
    _, found = _discovery_verdict(catalog, run_manifest, True)
    assert found.verdict.value == "pass", found.message
    origin, found = _discovery_verdict(catalog, run_manifest, False)
    assert found.verdict.value == "inconclusive"
    assert f"nothing answers at {origin}/.well-known/metaverse-interop (404)" in found.message, found.message
    # a manifest whose `paths` moves it serves the other cases only: IF-DISC-001's subject is the origin's well-known
    # URI (RFC 8615 3), asked whatever the manifest moves (the thirty-seventh reading's a10)
    origin, found = _discovery_verdict(catalog, run_manifest, False, {"discovery": "/.well-known/metaverse-interop"})
    assert found.verdict.value == "inconclusive", found.message
    assert f"nothing answers at {origin}/.well-known/metaverse-interop (404)" in found.message, found.message


def test_d1_says_where_a_well_known_uri_is(zh_markdown, en_markdown):
    """b6: D.1 put every path under the base address, the discovery document's too."""
    assert "众所周知 URI（路径以 `/.well-known/` 开头，如服务发现文档）不相对于基础地址，而位于基础地址所在源的根路径" in zh_markdown
    assert "is not relative to the base address but at the root of the base address's origin (RFC 8615 3)" in en_markdown


def test_each_operation_gives_its_status_codes_and_protection(catalog, zh_markdown, en_markdown):
    """b7: no table gave a success status code nor which operations the bearer token protects."""
    zh, en = _rows(zh_markdown), _rows(en_markdown)
    for op in operations(catalog):
        key = f"{op.method} {op.path}"
        if key not in en:
            continue
        codes = op.statuses
        assert codes, key
        assert f"Status codes: {', '.join(codes)}" in en[key][2], key
        assert f"状态码：{'、'.join(codes)}" in zh[key][2], key
        # an optional token (`security` with an empty alternative) has its own mark (thirtieth reading b5)
        token = ("optional bearer token" if op.anonymous else "bearer token") if op.bearer else "none"
        assert f"Protection: {token}" in en[key][2], key
        mark = ("可选不记名令牌" if op.anonymous else "不记名令牌") if op.bearer else "无"
        assert f"保护：{mark}" in zh[key][2], key
    assert "Status codes: 201" in en["POST /blocks"][2] and "Protection: bearer token" in en["POST /blocks"][2]
    # resolveDid's error codes of W3C DID Resolution (part D3, forty-first reading): 400, 404, 406, 501 beside 410
    assert "Status codes: 200, 400, 404, 406, 410, 501" in en["GET /1.0/identifiers/{did}"][2]
    assert "Status codes: 101, 426" in en["GET /sessions/{space}"][2]
    assert "状态码：204" in zh["DELETE /users/{did}/data"][2]


def test_resolve_did_names_its_did_resolution_schema(zh_markdown, en_markdown):
    """b8: the row gave `did-document.json` alone, while ID-RES-003 judges the `application/did-resolution` body."""
    en = _rows(en_markdown)["GET /1.0/identifiers/{did}"][2]
    assert re.search(r"`application/did-resolution`: `identity/did-resolution-result\.json` \(D\.5\.\d+\)", en)
    zh = _rows(zh_markdown)["GET /1.0/identifiers/{did}"][2]
    assert re.search(r"`application/did-resolution`：`identity/did-resolution-result\.json`（D\.5\.\d+）", zh)


#: (operation, requirements whose steps call it without its `METHOD /path`), as the reading's script found them
CALLED = {
    "POST /assets/{asset_id}/orders": ("AS-TRADE-001", "AS-TRADE-002", "AS-TRADE-003", "AS-TRADE-004", "AS-TRADE-006",
                                       "AS-TRADE-009", "AS-TRADE-010", "AS-TRADE-011"),
    "POST /orders/{order_id}/settle": ("AS-TRADE-002", "AS-TRADE-004", "AS-TRADE-008", "AS-TRADE-011"),
    "POST /orders/{order_id}/cancel": ("AS-TRADE-007",),
    "POST /orders/{order_id}/refund": ("AS-TRADE-004", "AS-TRADE-008", "AS-TRADE-011"),
    "GET /assets/{asset_id}/history": ("AS-TRADE-001", "AS-TRADE-002", "AS-TRADE-008"),
    "POST /assets": ("AS-TRADE-001", "AS-REG-003", "AS-REG-006"),
    "GET /.well-known/metaverse-interop": ("AS-TRADE-011", "ID-RES-001", "IF-CODE-009", "IF-PAGE-001", "IF-RISK-004"),
    "POST /test-identities": ("AS-MINOR-004",),
    "POST /test/clock": ("AS-MINOR-004", "IF-BIO-001", "IF-CODE-010"),
    "POST /reports": ("IF-CODE-001", "IF-CODE-010", "IF-MOD-002"),
    # ID-PORT-003 left it with the thirty-eighth reading's a5: its check never resolved the DID at platform B
    "GET /1.0/identifiers/{did}": ("ID-PRIV-001", "ID-REG-002", "ID-REG-003", "ID-VCAPI-001"),
    "GET /identifiers": ("IR-RES-003", "IR-SEC-001"),
    "GET /1.0/resolve": ("IR-RES-003",),
}


def test_the_requirements_column_holds_every_case_calling_the_operation(catalog, en_markdown):
    """b9: the column found only the literal `METHOD /path` in the steps; a step calling an operation by its
    IXIT setting, its discovery member, the discovery document or in words ("the buyer orders it") was left out."""
    rows = _rows(en_markdown)
    for key, ids in CALLED.items():
        listed = {rid.replace("‑", "-") for rid in rows[key][3].split(", ")}
        assert set(ids) <= listed, (key, sorted(set(ids) - listed))


def test_every_step_calling_a_listed_operation_is_in_its_column(catalog):
    """b9, over all cases: every normative case whose steps match an operation's `x-step-phrases` is listed with
    that operation (the generator's rule, checked from the steps), and no phrase reaches a case that does not call
    the operation (a gaze that "settles", a display's "cancel")."""
    kept = [r for r in catalog.requirements.values() if normative(r)]
    procedures = load_data(catalog).procedures
    used, _ = named_operations(catalog, kept, procedures)
    for op in used:
        for req in kept:
            steps = "\n".join(((procedures.get(req.id) or {}).get("steps") or {}).get("en") or ())
            if any(p.search(steps) for p in op.step_phrases):
                assert req.id in op.requirements, (op.operation_id, req.id)
    phrased = {rid for op in used if op.step_phrases for rid in op.requirements}
    assert not {rid for rid in phrased if rid.startswith("TD-")}


def test_the_status_list_is_in_table_d3(zh_markdown, en_markdown):
    """b10: ID-VCAPI-003 step 4 reads the status list its credential names; table D.3 did not list the operation."""
    en = _rows(en_markdown)["GET /credentials/status/1"]
    assert en[1].startswith("`getStatusList`") and "ID‑VCAPI‑003" in en[3]
    assert "ID‑VCAPI‑003" in _rows(zh_markdown)["GET /credentials/status/1"][3]


def test_one_form_marks_the_discovery_member(zh_markdown, en_markdown):
    """b11: the mark was written four ways (bare, with a law, 「服务发现文档中的」, 「经服务发现文档的」)."""
    for op in ("POST /scenes", "GET /users/{did}/export", "GET /users/{did}/profile", "PUT /users/{did}/profile",
               "POST /reports"):
        zh, en = _rows(zh_markdown)[op][1], _rows(en_markdown)[op][1]
        assert re.search(r"（经服务发现文档的 `[a-z_.]+`）", zh), zh
        assert re.search(r" \(through the discovery document's `[a-z_.]+`\)", en), en
    for markdown in (zh_markdown, en_markdown):
        for key, cells in _rows(markdown).items():
            assert not re.search(r"服务发现文档中的|in the discovery document\)|[（(][a-z_]+\.[a-z_.]+[）)；;]", cells[1]), \
                (key, cells[1])
