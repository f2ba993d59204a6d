"""The specification a committee can adopt (issue 63), checked on the rendered Chinese
Markdown: profiles without a normative requirement cannot be claimed (clause 14 says so),
the pass thresholds are the document's numbers (annex A leaves none to the applicant)."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.render import render_markdown


@pytest.fixture(scope="module")
def md(catalog) -> str:
    return render_markdown(catalog)


def _clause(md: str, heading: str) -> str:
    """The text from a clause's heading (a level-1 heading of the document, "## ") to the next one."""
    start = md.index("\n## " + heading)
    end = md.find("\n## ", start + 1)
    return md[start:end if end > 0 else None]


def test_clause_14_says_which_profiles_cannot_be_claimed(catalog, md):
    unclaimable = sorted(p.id for p in catalog.profiles.values() if not catalog.normative_requirements(p))
    assert "asset-minors" in unclaimable and "identity-credentials" not in unclaimable
    conformance = _clause(md, "14 符合性\n")
    assert (f"其中 {len(catalog.profiles) - len(unclaimable)} 个含规范性要求，可用于声称符合本文件；"
            f"其余 {len(unclaimable)} 个不含规范性要求，不可用于声称符合本文件。") in conformance
    for section in re.split(r"\n(?=### )", conformance)[1:]:
        profile = re.search(r"（`([a-z0-9-]+)`）", section.splitlines()[0]).group(1)
        cannot = "不可用于声称符合本文件" in section
        assert cannot is (profile in unclaimable), profile
        assert ("应通过该配置所选全部" in section) is not cannot, profile


def test_annex_a_leaves_no_pass_threshold_to_the_applicant(catalog, md):
    annex = _clause(md, "附录 A（规范性）")
    assert "申请者填写被测对象的目标与参数取值" not in annex
    assert "判定阈值由本文件规定" in annex and "申请者不填写" in annex
    # a threshold is printed with its value in the table of test parameters (three columns, no blank to fill)
    assert re.search(r"\| 参数 `max_triangles` \| [^|]+ \| `100000`（界限 ≥ 1） \|", annex)
    assert not re.search(r"\| 参数 `[a-z_]+` \|[^\n]*\| *\|\n", annex)
    # and the test cases take them from the document, not from the IXIT
    assert "IXIT 给出参数取值" not in md and "`max_triangles` = 100000" in md


def test_no_threshold_defaults_to_no_limit(catalog):
    """A budget of 0 meaning "none" left the pass threshold to whoever sets it (AS-GLTF-003)."""
    profile = catalog.profiles["asset-3d-content"]
    budgets = {n: profile.parameters[n].default for n in ("max_model_bytes", "max_triangles", "max_vertices",
                                                           "max_draw_calls")}
    assert all(v > 0 for v in budgets.values()) and profile.parameters["max_triangles"].direction == "lower"
    statement = catalog.requirements["AS-GLTF-003"].statement
    assert all(str(v) in statement.en and str(v) in statement.zh for v in budgets.values())
