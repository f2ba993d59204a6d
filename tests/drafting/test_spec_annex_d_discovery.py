"""Annex D: the discovery document and what it reaches (issue 76, the eighteenth reading's leftovers, part b, row 3).

Annex D defined the 52 operations the normative requirements name as 「方法 路径」, but not the discovery document
(`GET /.well-known/metaverse-interop`, `interfaces/discovery.json`) nor the operations the requirements reach
through one of its members ("POST on the declared user_data.biometrics path"), nor any query parameter. The checks
here read the rendered annex in both languages against an independent scan of the requirements and test cases:

- every operation a normative statement or rule reaches, by 「方法 路径」 or by a discovery member it names (the
  operation's ``x-discovery`` in the contract), has a row in annex D's operations tables;
- every discovery member a test case or requirement reads is a row of the discovery document's member table, with
  its meaning in the language of the rendering;
- every query parameter a case sends (``?limit=``) is a row of annex D's parameters tables.
"""

from __future__ import annotations

import re

from conformance.drafting.contracts import METHODS, named_operations
from conformance.drafting.writer import Block, normative
from tests.drafting.blocks import between

DISCOVERY = "https://metaverse-conformance.org/schemas/interfaces/discovery.json"
#: "METHOD /path" in a text, the path up to a space, backtick, bracket or punctuation
_NAMED = re.compile(r"\b(GET|PUT|POST|DELETE|PATCH)\s+`?(/[^\s`,;)）?]*)")
#: a dotted member name standing alone (not a file name, not inside a URL or a longer name)
_DOTTED = re.compile(r"(?<![\w./\-{])([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)(?![\w/\-])")
#: a query parameter a text sends: ``?limit=10``, ``&cursor=…``
_QUERY = re.compile(r"[?&]([a-z_]+)=")


def _annex(blocks: list[Block]) -> list[Block]:
    return between(blocks, "annex-contracts", "bibliography")


def _operation_rows(blocks: list[Block]) -> set[str]:
    """The `METHOD path` of each row of annex D's operations tables."""
    return {row[0].strip("`") for b in _annex(blocks) if b.kind == "table" and b.rows[0][0] in ("方法与路径", "Method and path")
            for row in b.rows[1:]}


def _discovery_table(blocks: list[Block]) -> Block:
    table = next((b for b in _annex(blocks) if b.kind == "table" and "`interfaces/discovery.json`" in b.title), None)
    assert table is not None, "annex D has no table of the discovery document's members"
    return table


def _parameter_rows(blocks: list[Block]) -> dict[str, tuple[str, ...]]:
    """Annex D's parameter rows by 「name operation」."""
    return {f"{row[0].strip('`')} {row[1].strip('`')}": row for b in _annex(blocks)
            if b.kind == "table" and b.rows[0][:2] in (("参数", "所属操作"), ("Parameter", "Operation"))
            for row in b.rows[1:]}


def _contract_operations(catalog) -> list[tuple[str, str, str, bool]]:
    """(method, path template, x-discovery, x-test-only) of every operation of the contracts, read from them."""
    found = []
    for uri in catalog.schemas.ids():
        if uri.endswith(".openapi.yaml"):
            for path, item in (catalog.schemas.get(uri).get("paths") or {}).items():
                for method in METHODS:
                    if isinstance(op := item.get(method), dict):
                        found.append((method.upper(), path, str(op.get("x-discovery", "")), op.get("x-test-only") is True))
    return found


def _matches(template: str, path: str) -> bool:
    return re.fullmatch("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[^}]*\})", template)
                                if p), path) is not None or re.sub(r"\{[^}]*\}", "{}", template) == re.sub(r"\{[^}]*\}", "{}", path)


def reached(catalog) -> dict[str, set[str]]:
    """`METHOD path` -> the normative requirements whose statement or rules reach it, by 「方法 路径」 or by naming the
    discovery member declaring its path, an independent reading of the contracts (the discovery document itself by
    any text naming it or one of its members)."""
    ops = _contract_operations(catalog)
    out: dict[str, set[str]] = {}
    for req in (r for r in catalog.requirements.values() if normative(r)):
        for text in (req.statement.en, *(rule.en for rule in req.rules)):
            hits = {f"{m} {t}" for m, p in _NAMED.findall(text) for m2, t, _, _ in ops
                    if m2 == m and _matches(t, p.rstrip(".:"))}
            through = {f"{m} {t}" for m, t, member, _ in ops if member and re.search(
                rf"(?<![\w.]){re.escape(member)}(?![\w]|\.\w)", text)}
            if through or "discovery document" in text or "/.well-known/metaverse-interop" in text:
                through.add("GET /.well-known/metaverse-interop")
            for op in hits | through:
                out.setdefault(op, set()).add(req.id)
    return out


def test_every_operation_a_statement_or_rule_reaches_is_defined_in_annex_d(catalog, zh, en):
    want = reached(catalog)
    # the discovery document and operations only a declared member reaches (the eighteenth reading counted 29)
    for op in ("GET /.well-known/metaverse-interop", "GET /users/{did}/export", "PUT /users/{did}/profile",
               "POST /users/{did}/biometrics", "DELETE /users/{did}/consents/{purpose}", "POST /users/import",
               "DELETE /users/{did}/data", "GET /users/{did}/recommendations", "POST /scenes",
               "GET /scenes/{scene_id}", "GET /scenes/{scene_id}/interactive", "POST /reports",
               "GET /reports/{report_id}",
               # named in words until AS-TRADE-005 1.1.1 and IF-IOP-002 1.1.1 gave their 「方法 路径」
               "POST /assets/{asset_id}/orders", "POST /orders/{order_id}/settle", "POST /orders/{order_id}/cancel",
               "POST /orders/{order_id}/refund", "GET /assets/{asset_id}/export", "POST /assets/import"):
        assert op in want, op
    for blocks in (zh, en):
        rows = _operation_rows(blocks)
        assert sorted(set(want) - rows) == []
    # the laboratory's test hooks a normative case names by the IXIT setting giving their path (IF-CODE-006's
    # moderation_path and moderation_clock_path) are defined, marked as of test environments; the order's test clock,
    # which AS-TRADE-008 names in its history alone (its case moves POST /test/clock), stays out
    for blocks, marked in ((zh, "仅用于测试部署"), (en, "test deployments only")):
        hooks = {row[0].strip("`"): row for b in _annex(blocks) if b.kind == "table"
                 and b.rows[0][0] in ("方法与路径", "Method and path") for row in b.rows[1:]}
        for op, requirement in (("POST /test-moderation/sanctions", "IF-CODE-006"),
                                ("POST /test-moderation/clock", "IF-CODE-005")):
            assert op in hooks and marked in hooks[op][1] and requirement in hooks[op][3], op
        assert "POST /orders/{order_id}/test-clock" not in hooks


def test_an_operation_reached_through_a_member_says_so(zh, en):
    """The operations table names the member an operation is reached through (its summary, or the annex's words)."""
    for blocks, words in ((zh, "服务发现文档的 `user_data.profile`"), (en, "discovery document's `user_data.profile`")):
        row = next((row for b in _annex(blocks) if b.kind == "table" and b.rows[0][0] in ("方法与路径", "Method and path")
                    for row in b.rows[1:] if row[0] == "`PUT /users/{did}/profile`"), None)
        assert row is not None and words in row[1], row


def _members_read(catalog, blocks: list[Block]) -> set[str]:
    """Each discovery member the test cases of the body (steps, criteria) and the normative requirements' texts and
    notes name as a dotted path whose first part is a member of the document."""
    top = set(catalog.schemas.get(DISCOVERY)["properties"])
    texts = []
    for b in blocks:
        if b.anchor == "annex-a":
            break
        texts += [b.text or "", *(cell for row in (b.rows or ()) for cell in row)]
    for req in (r for r in catalog.requirements.values() if normative(r)):
        texts += [req.statement.en, *(rule.en for rule in req.rules), req.notes.en if req.notes else ""]
    return {m for text in texts for m in _DOTTED.findall(text) if m.split(".")[0] in top}


def test_every_discovery_member_a_case_reads_is_in_the_discovery_table(catalog, zh, en):
    read = _members_read(catalog, en)
    assert {"user_data.recommendations", "pagination.max_page_size", "user_data.consents", "sessions.join",
            "reporting.endpoint"} <= read
    for blocks in (zh, en):
        table = _discovery_table(blocks)
        assert table.rows[0][-1] in ("说明", "Description")
        described = {row[0].strip("`"): row[-1] for row in table.rows[1:]}
        assert sorted(read - set(described)) == []
        # every member of the document, at every level, with its meaning in the rendering's language
        assert [m for m, said in described.items() if said.strip() in ("", "—")] == []
        # minors.playtime is read by AS-MINOR-002 alone, deprecated (AS-MINOR-003 holds the notice's own windows);
        # minors.playtime.sessions left the schema for annex D's fixed /play-sessions (part h110-cases56, bx2)
        assert {"endpoints.*", "user_data.purposes.*.basis", "minors.playtime", "minors.playtime.windows[].start",
                "risk_grade.assessment.inputs.registered_users"} <= set(described)
        assert "minors.playtime.sessions" not in described
    zh_said = {row[0]: row[-1] for row in _discovery_table(zh).rows[1:]}
    assert "以 s 计" in zh_said["`user_data.purposes.*.retention_s`"]
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", re.sub(r"`[^`]*`", "", "".join(zh_said.values()))), \
        "an English phrase outside a code value in the Chinese table"


def test_every_query_parameter_a_case_sends_is_defined(catalog, zh, en):
    sent = set()
    for b in en:
        if b.anchor == "annex-a":
            break
        for text in (b.text or "", *(cell for row in (b.rows or ()) for cell in row)):
            sent.update(_QUERY.findall(text))
    assert {"owner", "limit", "identifier", "personalised"} <= sent
    for blocks in (zh, en):
        rows = _parameter_rows(blocks)
        names = {key.split(" ")[0] for key in rows}
        assert sorted((sent | {"cursor"}) - names) == []
        assert rows["limit GET /assets"][4] in ("否", "no") and "`1`" in rows["limit GET /assets"][5]
        assert rows["identifier GET /1.0/resolve"][4] in ("是", "yes")
        assert "`false`" in rows["personalised GET /users/{did}/recommendations"][5]
        assert all(row[-1].strip() not in ("", "—") for row in rows.values())


def test_a_member_named_reaches_its_operations_only(catalog):
    """A text naming a member reaches the operations at the path it declares, not those of a member whose name it
    only begins (``user_data.profile`` is not ``user_data.profile_x``; ``minors.playtime`` is not the member
    ``minors.playtime.sessions`` within it), and reaches the discovery document too."""
    from conformance.drafting.contracts import names_member  # the matching this part added

    assert names_member("PUT on the declared `user_data.profile` path", "user_data.profile")
    assert not names_member("the user_data.profile_x path", "user_data.profile")
    assert not names_member("minors.playtime.sessions", "minors.playtime")
    base = next(r for r in catalog.requirements.values() if normative(r))
    planted = base.model_copy(update={"id": "IF-PLANT-001", "notes": None, "rules": (),
                                      "statement": base.statement.model_copy(update={
                                          "en": "A platform MUST answer GET on the declared user_data.export path."})})
    used, missing = named_operations(catalog, [planted])
    assert missing == {}
    assert {f"{op.method} {op.path}" for op in used} == {"GET /users/{did}/export", "GET /.well-known/metaverse-interop"}
