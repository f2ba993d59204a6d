"""Issue 76 (statuses against annex D): a case may name only a success status annex D's contract
(schemas/interfaces/platform.openapi.yaml, table D.3 「状态码」) gives for the operation it names.
The case texts (statement, rules, hand-written steps, expected result and criteria) are read from
the catalog's sources; notes are left out, as their version lines quote the statuses accepted before."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "schemas" / "interfaces" / "platform.openapi.yaml"
#: `POST /path` as the cases name an operation (in backquotes).
OPERATION = re.compile(r"`(GET|PUT|POST|DELETE|PATCH) (/[^`\s?]*)")
#: The end of the clause an operation's status is named in.
CLAUSE_END = re.compile(r"[;；。]|\.\s|`(?:GET|PUT|POST|DELETE|PATCH) /")
SUCCESS = re.compile(r"(?<![\d.])(20[0-9])(?![\d.])")


def contract_statuses() -> dict[tuple[str, str], set[str]]:
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    return {(method.upper(), path): {str(code) for code in op.get("responses", {}) if str(code).startswith("2")}
            for path, ops in contract["paths"].items() for method, op in ops.items()
            if method in ("get", "put", "post", "delete", "patch")}


def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "$")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "notes":
                yield from _strings(value)


def case_texts() -> Iterator[tuple[str, str]]:
    for suite in sorted((ROOT / "suites").iterdir()):
        req, proc = suite / "requirements.yaml", suite / "procedures.yaml"
        if req.is_file():
            for r in yaml.safe_load(req.read_text(encoding="utf-8"))["requirements"]:
                for text in _strings({k: r.get(k) for k in ("statement", "rules", "case")}):
                    yield r["id"], text
        if proc.is_file():
            for rid, case in (yaml.safe_load(proc.read_text(encoding="utf-8")).get("procedures") or {}).items():
                for text in _strings(case):
                    yield rid, text


def named_statuses(text: str) -> Iterator[tuple[str, str, set[str]]]:
    """Each (method, path, success statuses named in the clause after it) in ``text``."""
    for found in OPERATION.finditer(text):
        rest = text[found.end():]
        end = CLAUSE_END.search(rest)
        clause = rest[:end.start()] if end else rest
        yield found.group(1), found.group(2), set(SUCCESS.findall(clause))


def mismatches() -> list[str]:
    contract = contract_statuses()
    patterns = [(method, _template(path), codes) for (method, path), codes in contract.items()]
    wrong = []
    for rid, text in case_texts():
        for method, path, named in named_statuses(text):
            given = [codes for m, p, codes in patterns if m == method and p.match(path)]
            if given and named - given[0]:
                wrong.append(f"{rid}: {method} {path} named {sorted(named)}, annex D gives {sorted(given[0])}")
    return sorted(set(wrong))


def test_the_contract_gives_each_created_resource_201_alone():
    contract = contract_statuses()
    assert contract[("POST", "/agents/{agent_id}/messages")] == {"201"}
    assert contract[("POST", "/1.0/create")] == {"201"}
    assert contract[("POST", "/1.0/update")] == {"200"}


def test_the_scan_sees_a_status_the_contract_does_not_give():
    named = list(named_statuses("`POST /1.0/create` 应返回 200 或 201；`GET /account` 以 200 应答"))
    assert named == [("POST", "/1.0/create", {"200", "201"}), ("GET", "/account", {"200"})]


def test_no_case_names_a_success_status_the_contract_does_not_give():
    assert mismatches() == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_if_agent_002_names_annex_d_s_201(lang):
    reqs = yaml.safe_load((ROOT / "suites/interfaces/requirements.yaml").read_text(encoding="utf-8"))
    statement = next(r for r in reqs["requirements"] if r["id"] == "IF-AGENT-002")["statement"][lang]
    assert "201" in statement and "200" not in statement


def _statement(area: str, rid: str, lang: str) -> str:
    reqs = yaml.safe_load((ROOT / "suites" / area / "requirements.yaml").read_text(encoding="utf-8"))
    return next(r for r in reqs["requirements"] if r["id"] == rid)["statement"][lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_if_iop_002_names_annex_d_s_201_for_the_asset_import(lang):
    statement = _statement("interfaces", "IF-IOP-002", lang)
    assert "POST /assets/import" in statement and "201" in statement and "200" not in statement


def _rule(area: str, rid: str, rule: str, lang: str) -> str:
    reqs = yaml.safe_load((ROOT / "suites" / area / "requirements.yaml").read_text(encoding="utf-8"))
    return next(r for r in next(q for q in reqs["requirements"] if q["id"] == rid)["rules"] if r["id"] == rule)[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_if_code_007_r5_names_annex_d_s_201_for_the_appeal(lang):
    rule = _rule("interfaces", "IF-CODE-007", "R5", lang)
    assert "`POST /appeals`" in rule and "201" in rule and "200" not in rule


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_if_udp_010_r5_and_if_udp_011_r1_take_annex_d_s_200_for_a_profile_set(lang):
    for rid, rule in (("IF-UDP-010", "R5"), ("IF-UDP-011", "R1")):
        text = _rule("interfaces", rid, rule, lang)
        assert "`PUT /users/{did}/profile`" in text and "200" in text and "201" not in text and "204" not in text
    statement = _statement("interfaces", "IF-UDP-011", lang)
    assert "200" in statement and "201" not in statement and "204" not in statement


# The form a case reaches an operation through a discovery member (thirty-fifth reading, a13): 「`PUT`
# `user_data.profile`」, 「对声明的 `user_data.consents` 路径发出 `DELETE`」, "send DELETE to the declared
# user_data.delete path". Each operation of the contract names its member (`x-discovery`, table D.3), so the
# member and the method nearest it in a clause name one operation. The 不确定 lines are left out here: their set-up
# mentions (「`PUT` `user_data.profile` 未以 200、201 或 204 应答」) are a set-up's tolerance, which part h86-d of the
# thirty-fifth reading rewrites; statements, rules, steps, expected results and the other verdict lines are scanned.
MEMBER = re.compile(r"\b((?:user_data|sessions|reporting)\.[a-z_]+)\b")
METHOD = re.compile(r"\b(GET|PUT|POST|DELETE|PATCH)\b")
CLAUSE = re.compile(r"[;；。]|\.\s")
INCONCLUSIVE = ("不确定", "Inconclusive")


def member_statuses() -> dict[tuple[str, str], set[str]]:
    """(method, discovery member) -> the 2xx statuses the contract gives that operation."""
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    return {(method.upper(), op["x-discovery"]): {str(c) for c in op.get("responses", {}) if str(c).startswith("2")}
            for ops in contract["paths"].values() for method, op in ops.items()
            if isinstance(op, dict) and op.get("x-discovery")}


def _judged_strings(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, str):
        if key != "inconclusive" and not node.startswith(INCONCLUSIVE):
            yield node
    elif isinstance(node, list):
        for item in node:
            yield from _judged_strings(item, key)
    elif isinstance(node, dict):
        for k, value in node.items():
            if k != "notes":
                yield from _judged_strings(value, k if k not in ("en", "zh") else key)


def judged_case_texts() -> Iterator[tuple[str, str]]:
    for suite in sorted((ROOT / "suites").iterdir()):
        req, proc = suite / "requirements.yaml", suite / "procedures.yaml"
        if req.is_file():
            for r in yaml.safe_load(req.read_text(encoding="utf-8"))["requirements"]:
                for text in _judged_strings({k: r.get(k) for k in ("statement", "rules", "case")}):
                    yield r["id"], text
        if proc.is_file():
            for rid, case in (yaml.safe_load(proc.read_text(encoding="utf-8")).get("procedures") or {}).items():
                for text in _judged_strings(case):
                    yield rid, text


def member_named_statuses(text: str) -> Iterator[tuple[str, str, set[str]]]:
    """Each (method, member, success statuses named in its clause) in ``text``, the method the one nearest the
    member in the clause; a clause naming a `METHOD /path` is the path scan's."""
    for clause in CLAUSE.split(text):
        if OPERATION.search(clause):
            continue
        methods = [(m.start(), m.group(1)) for m in METHOD.finditer(clause)]
        for found in MEMBER.finditer(clause):
            if methods:
                method = min(methods, key=lambda m: abs(m[0] - found.start()))[1]
                yield method, found.group(1), set(SUCCESS.findall(clause))


def member_mismatches() -> list[str]:
    contract, wrong = member_statuses(), []
    for rid, text in judged_case_texts():
        for method, member, named in member_named_statuses(text):
            given = contract.get((method, member))
            if given and named - given:
                wrong.append(f"{rid}: {method} {member} named {sorted(named)}, annex D gives {sorted(given)}")
    return sorted(set(wrong))


def test_each_member_s_operation_is_in_the_contract():
    contract = member_statuses()
    assert contract[("DELETE", "user_data.delete")] == {"204"}
    assert contract[("DELETE", "user_data.consents")] == {"204"}
    assert contract[("PUT", "user_data.profile")] == {"200"}


def test_the_member_scan_sees_a_status_the_contract_does_not_give():
    named = list(member_named_statuses("以该用户身份对声明的 `user_data.delete` 路径发出 `DELETE`，以 200 或 204 响应。"
                                       "Send `PUT` `user_data.profile`; record the status"))
    assert named == [("DELETE", "user_data.delete", {"200", "204"}), ("PUT", "user_data.profile", set())]


def test_no_case_names_a_status_the_contract_does_not_give_through_a_member():
    # IF-UDP-012 step 4's set-up (「非 200、201 或 204 时判为不确定」) was the last, rewritten by part d (row a10)
    assert member_mismatches() == []
