"""The leftovers of the twentieth reading of issue 76, part a (docs/drafting.md, "Leftovers of the twentieth
reading, part a"): annex A gives each profile's endpoint names, which IF-DISC-003 reads there, and the time limit of
IF-DISC-002 and -003 as a test parameter the check reads; annex A's laboratory records cite E.6; annex D's tables say
one thing one way (the identifier resolved, the table D.6 cites by number, the members reaching operations the annex
leaves out, "no constraint", the inputs of a risk assessment). Each test fails on the draft as it was before the fix
it names."""

from __future__ import annotations

import http.server
import re
import time
import types
from pathlib import Path

import pytest
import yaml

from tests.drafting.blocks import section
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
_STEPS = {"zh": "测试步骤", "en": "Test procedure"}
_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
_BEFORE = {"zh": "前置条件", "en": "Initial conditions"}
_NEEDS = {"zh": "本配置所需的端点名称：", "en": "The endpoint names the profile needs: "}
_NONE_NEEDED = {"zh": "条款未列出端点名称的配置不需要端点", "en": "a profile whose clause gives none needs no endpoint"}
_CLAUSE_OF_A = {"zh": "附录 A 中该配置条款所列", "en": "its clause of annex A lists"}


def _annex(markdown: str, letter: str) -> str:
    return section(markdown, 2, rf"(?:附录|Annex) {letter}\b")


def _clause(annex: str, heading: str) -> str:
    """The text from the level-3 heading matching ``heading`` (a regular expression) to the next."""
    return section(annex, 3, heading)


def _profiles() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "profiles").glob("*.yaml"))}


def _tables(text: str) -> list[list[list[str]]]:
    """Each Markdown table of ``text`` as its rows of cells (the header first, the rule line dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


# -- row 38: annex A names each profile's endpoints; IF-DISC-003 reads them there ------------------------------

def test_annex_a_gives_each_profiles_endpoint_names_from_its_profile_file(zh_markdown, en_markdown):
    """IF-DISC-003 sent the reader to annex A for the endpoints a profile needs; annex A named none (they were
    only in profiles/*.yaml). Each profile's clause now names its profile file's ``endpoints``, no other clause
    names any, A.1 says a profile whose clause names none needs none, and the case cites that clause."""
    profiles = _profiles()
    assert any(p.get("endpoints") for p in profiles.values())
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        annex = _annex(markdown, "A")
        assert _NONE_NEEDED[lang] in _clause(annex, r"A\.1 "), lang
        for pid, profile in profiles.items():
            clause = _clause(annex, rf"A\.\d+ .*\(`{re.escape(pid)}`\)" if lang == "en"
                             else rf"A\.\d+ .*（`{re.escape(pid)}`）")
            said = re.search(rf"{re.escape(_NEEDS[lang])}(.*?)[。.]$", clause, re.M)
            wanted = profile.get("endpoints") or []
            assert (re.findall(r"`([^`]+)`", said.group(1)) if said else []) == wanted, (pid, lang)
        steps = _row(_cases(markdown)["IF-DISC-003"], _STEPS[lang])
        assert _CLAUSE_OF_A[lang] in steps, lang
        for name in re.findall(r"`([a-z_]+)`", steps.split("<br>")[1]):  # the examples of step 2
            assert any(name in (p.get("endpoints") or []) for p in profiles.values()), name


# -- row 9: the time limit of IF-DISC-002 and -003 is a stated parameter the check reads -----------------------

def test_the_endpoint_time_limit_is_a_parameter_of_annex_a_named_in_both_cases(zh_markdown, en_markdown):
    """「每个请求的等待时间不超过本次测试规定的时限」 had no value; annex A had only IF-LAT-001's load_timeout_s."""
    core = _profiles()["interfaces-core"]["parameters"]["endpoint_timeout_s"]
    assert core["default"] == 10 and core["unit"] == "s"
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        clause = _clause(_annex(markdown, "A"), r"A\.\d+ .*(?:（|\()`interfaces-core`")
        row = next(r for t in _tables(clause) for r in t if r[0].endswith("`endpoint_timeout_s`"))
        assert row[2].startswith("10 s"), (lang, row)
        for rid in ("IF-DISC-002", "IF-DISC-003"):
            case = _cases(markdown)[rid]
            assert "`endpoint_timeout_s`" in _row(case, _STEPS[lang]), (rid, lang)
            inconclusive = [c for c in _row(case, _CRITERIA[lang]).split("<br>") if c.startswith(("不确定", "Incon"))]
            assert "`endpoint_timeout_s`" in inconclusive[0], (rid, lang)
            assert re.search(r"`endpoint_timeout_s` = 10 s", _row(case, _BEFORE[lang])), (rid, lang)


class _SlowEndpoint(http.server.BaseHTTPRequestHandler):
    """A platform declaring one endpoint of its own origin, /slow, which answers only after two seconds."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if self.path == "/slow":
            time.sleep(2)
        body = (b'{"endpoints": {"slow": "http://%s/slow"}}' % self.headers["host"].encode()
                if self.path == "/.well-known/metaverse-interop" else b"{}")
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_the_check_waits_for_an_endpoint_as_long_as_the_parameter_says(tmp_path):
    """The check reads ``endpoint_timeout_s``, not the target's own time limit (here 5 s): the endpoint answering
    after 2 s is not reached within 0.5 s, and the error names the parameter's 0.5 s."""
    from conformance import AdapterContext, HttpAdapter
    from conformance._record.evidence import Evidence
    from tests.conftest import load_module
    from tests.servers import serving

    module = load_module("suite_interfaces_discovery", ROOT / "suites" / "interfaces" / "test_discovery.py")
    with serving(_SlowEndpoint) as url:
        api = HttpAdapter("api", {"adapter": "http", "base_url": url, "timeout_s": 5},
                          AdapterContext(tmp_path / "m.yaml", {}))
        evidence = Evidence()
        try:
            module.test_declared_endpoints_answer({"api": api}, evidence,
                                                  types.SimpleNamespace(endpoint_timeout_s=0.5))
        finally:
            api.close()
    assert not evidence.findings_count
    (error,) = evidence.unjudged_inputs.values()
    assert "0.5" in error and " 5 s" not in error, error


# -- row 29: annex A's laboratory records cite E.6 ---------------------------------------------------------------

def test_the_laboratory_records_rows_cite_e6_not_the_tool(zh_markdown, en_markdown):
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        rows = [line for line in _annex(markdown, "A").splitlines() if "`laboratory_records`" in line]
        assert len(rows) == sum("laboratory_records" in (p.get("targets") or {}) for p in _profiles().values())
        for line in rows:
            assert "E.6" in line and "certification.md" not in line and "`sign`" not in line, (lang, line)


# -- rows 30, 31, 32, 34, 35: annex D ----------------------------------------------------------------------------

def _d6_rows(markdown: str) -> dict[str, list[str]]:
    clause = _clause(_annex(markdown, "D"), r"D\.\d+ (?:服务发现文档|The discovery document)")
    (table,) = _tables(clause)
    return {row[0].strip("`"): row for row in table[1:]}


def test_the_resolved_identifier_is_a_handle_or_gs1_uri(zh_markdown, en_markdown):
    for markdown, said, not_said in ((zh_markdown, "Handle 标识或 GS1 Digital Link URI", "DID"),
                                     (en_markdown, "handle or GS1 Digital Link URI", "DID")):
        row = next(r for t in _tables(_annex(markdown, "D")) for r in t
                   if r[0] == "`identifier`" and r[1] == "`GET /1.0/resolve`")
        assert said in row[-1] and not_said not in row[-1], row


def test_d6_cites_the_operations_table_by_its_number(zh_markdown, en_markdown):
    """「表中“操作”栏」: the table that follows, D.6's own, has no such column; the operations table of the
    platform's contract has."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        annex = _annex(markdown, "D")
        contract = _clause(annex, r"D\.\d+ .*`interfaces/platform\.openapi\.yaml`")
        number = re.search(r"^(?:表|Table) (D\.\d+)", contract.split("\n", 1)[1].split("|", 1)[0].strip()
                           .splitlines()[-1]).group(1)
        d6 = _clause(annex, r"D\.\d+ (?:服务发现文档|The discovery document)")
        opening = d6.split("\n\n")[1]
        cited = f"表 {number} 的“操作”栏" if lang == "zh" else f"\"Operation\" column of Table {number}"
        assert cited in opening, (lang, opening)
        assert "表中“操作”栏" not in opening and "the table's \"Operation\"" not in opening


def test_d6_marks_the_members_whose_operations_annex_d_leaves_out(zh_markdown, en_markdown):
    """Six members (the Annex D part's list: the order's test clock and the candidates' operations) were shown as
    the platform's interface though annex D defines none of their operations; the heartbeat, deprecated, too."""
    contract = yaml.safe_load((ROOT / "schemas/interfaces/platform.openapi.yaml").read_text(encoding="utf-8"))
    reached: dict[str, list[tuple[str, str]]] = {}
    for path, item in contract["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("x-discovery"):
                reached.setdefault(op["x-discovery"], []).append((method.upper(), path))
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        listed = set(re.findall(r"^\| `([A-Z]+ /[^`]*)` \|", _annex(markdown, "D"), re.M))
        left = {m for m, ops in reached.items() if not any(f"{a} {p}" in listed for a, p in ops)}
        # content_review.reviews and ai_agents.agents are IF-RISK-004's since the fifty-fourth reading (b1)
        # trading.test_clock, an order clock no requirement used, was withdrawn by the fifty-fifth reading (a5)
        assert left == {"reporting.standing", "ai_agents.messages"}, left
        rows = _d6_rows(markdown)
        mark = "本附录不规定经其到达的操作" if lang == "zh" else "this annex does not define the operations"
        assert {m for m, row in rows.items() if mark in row[-1]} == left, lang
        # the deprecated heartbeat served only the withdrawn AS-MINOR-002: not described (28th reading, row b4);
        # the member itself is gone since the fifty-sixth reading (bx2): play sessions start at `/play-sessions`
        assert "heartbeat" not in rows.get("minors.playtime.sessions", [""])[-1]


def test_no_constraint_is_written_one_way_in_every_member_and_parameter_table(zh_markdown, en_markdown):
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        head, none = ("约束", "无") if lang == "zh" else ("Constraints", "none")
        seen = 0
        for table in _tables(markdown):
            if head not in table[0]:
                continue
            column = table[0].index(head)
            for row in table[1:]:
                assert row[column] not in ("", "—"), (lang, row)
                seen += row[column] == none
        assert seen > 100, seen


def test_the_other_inputs_of_a_risk_assessment_say_yes_or_no_in_chinese(zh_markdown):
    row = _d6_rows(zh_markdown)["risk_grade.assessment.inputs.*"]
    assert "是或否的判断，或计数" in row[-1], row


def test_the_table_numbers_check_finds_a_planted_unknown_anchor():
    """A text citing a table no block carries is refused (as a clause's citation is), not printed."""
    from conformance.drafting.tablenumbers import number_tables
    from conformance.drafting.writer import Block, table_ref

    with pytest.raises(ValueError, match="no-such-table"):
        number_tables([Block("para", text=f"see {table_ref('no-such-table')}")])


# -- row 33: a 不适用 condition reads a member D.6 defines, or there is none ---------------------------------------

_ROW33 = {"AS-AIGC-0": (12, 16), "SC-RENDER-00": (1, 4), "AS-TRADE-0": (1, 11)}
_NO_MEMBER = ("未声明 `POST /generate`", "未声明 `POST /render/stream`", "未声明下单操作", "declares no `POST /generate`",
              "declares no `POST /render/stream`", "declares no order operation")


def test_no_case_reads_a_declaration_the_discovery_document_cannot_hold(zh_markdown, en_markdown):
    """AS-AIGC-013 to -016, SC-RENDER-002, AS-TRADE-001 and -007 (and their siblings of the same line) were not
    applicable when the discovery document did not declare an operation: D.6 has no such member, and the checks
    read none (the interface is at the profile's path; a missing `trading` fails). Now no case says so; the trading
    cases name `trading`, a member of Table D.96, which the checks read."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for said in _NO_MEMBER:
            assert said not in markdown, said
        for prefix, (low, high) in _ROW33.items():
            for n in range(low, high + 1):
                rid = f"{prefix}{n:02d}" if prefix.endswith("-0") else f"{prefix}{n}"
                criteria = _row(cases[rid], _CRITERIA[lang])
                line = next(c for c in criteria.split("<br>") if c.startswith(("不适用", "Not applicable")))
                # or the ICS feature a case became (forty-first reading, b12: AS-TRADE-009/-010)
                assert line.startswith(("不适用：无（", "Not applicable: none (", "不适用：ICS 未声明支持特性",
                                        "Not applicable: the ICS does not declare")), (prefix, n, lang, line)
        for n in range(1, 12):
            case = cases[f"AS-TRADE-{n:03d}"]
            assert "`trading`" in _row(case, _CRITERIA[lang]), (n, lang)
        assert "trading" in _d6_rows(markdown)


def test_a_discovery_document_without_trading_fails_the_trading_checks():
    from conformance.areas._shared.trading import terms
    from conformance.errors import NonConformance
    from tests.areas.fake_api import Answer, Api

    with pytest.raises(NonConformance):
        terms(Api(Answer(200, {"profiles": ["asset-trading"], "endpoints": {"assets": "https://p.example/assets"}})))
    assert terms(Api(Answer(200, {"trading": {"currencies": ["CNY"]}}))) == {"currencies": ["CNY"]}
