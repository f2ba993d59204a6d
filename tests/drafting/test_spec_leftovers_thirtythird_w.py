"""The leftovers of the thirty-third reading of issue 76, part w (docs/drafting.md, "Leftovers of the thirty-third
reading, part w"): annex D's 201 alone for seven creating operations in the nine cases that accepted 200 or 201
(row b1), with a reference defect answering 200 for each family failing its known-bad case; and table D.3's
"Requirements" column counting an operation a case's inconclusive line names (row b2). Each test fails on the
draft or the catalog as they were before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]

#: the nine cases of row b1 and the operation each one's check now takes with 201 alone
CREATED = {"ID-AUTH-001": "POST /1.0/auth/challenges", "ID-MFA-001": "POST /1.0/auth/totp",
           "ID-MFA-003": "POST /1.0/auth/webauthn/registrations", "ID-REG-001": "POST /1.0/create",
           "ID-REG-002": "POST /1.0/create", "ID-PORT-002": "POST /1.0/import",
           "ID-VCAPI-001": "POST /credentials/issue", "IF-IOP-003": "POST /credentials/issue",
           "IF-UDP-005": "POST /users/import"}


def _case(markdown: str, req_id: str) -> str:
    cases = _cases(markdown)
    return cases.get(req_id) or cases[req_id.replace("-", "\u2011")]


def test_the_nine_cases_take_annex_ds_201_alone(zh_markdown, en_markdown):
    """Row b1: the cases passed 200 or 201 where table D.3 gives 201 alone for the operation."""
    for req_id in CREATED:
        assert "200 或 201" not in _case(zh_markdown, req_id), req_id
        assert "200 or 201" not in _case(en_markdown, req_id), req_id
        assert "201" in _case(zh_markdown, req_id) and "201" in _case(en_markdown, req_id), req_id


def test_each_family_has_a_known_bad_case_answering_200():
    """Row b1: a changed check needs a known-bad case that fails it; one reference defect answering 200 per
    operation family (IF-IOP-003 and ID-REG-002 defer a 200 to ID-VCAPI-001 and ID-REG-001)."""
    wanted = {"identity": {"ID-AUTH-001": "challenge-200", "ID-MFA-001": "totp-200",
                           "ID-MFA-003": "webauthn-registration-200", "ID-REG-001": "create-200",
                           "ID-PORT-002": "import-200", "ID-VCAPI-001": "issue-200"},
              "interfaces": {"IF-UDP-005": "user-import-200"}}
    for area, cases in wanted.items():
        known_bad = yaml.safe_load((ROOT / "suites" / area / "known_bad.yaml").read_text(encoding="utf-8"))
        for req_id, defect in cases.items():
            named = [d for case in known_bad[req_id] for d in (*case.get("defects", ()),
                                                                *(x for ds in (case.get("role_defects") or {}).values()
                                                                  for x in ds))]
            assert defect in named, (req_id, defect)


def _requirements_column(markdown: str, operation: str) -> str:
    row = next(line for line in markdown.splitlines() if line.startswith(f"| `{operation}` |"))
    return row.rstrip(" |").rsplit("|", 1)[1].replace("\u2011", "-")


def test_d3_lists_the_cases_whose_inconclusive_line_reads_the_asset(zh_markdown, en_markdown):
    """Row b2: AS-REG-006 and AS-TRADE-011 are inconclusive when the state or the history is not answered 200,
    yet the column left AS-REG-006 out of the state's row and AS-TRADE-011 out of the history's."""
    for markdown in (zh_markdown, en_markdown):
        assert re.search(r"\bAS-REG-006\b", _requirements_column(markdown, "GET /assets/{asset_id}/state"))
        assert re.search(r"\bAS-TRADE-011\b", _requirements_column(markdown, "GET /assets/{asset_id}/history"))
