"""The eighteenth reading's leftovers, part c (docs/drafting.md, "Leftovers of the eighteenth reading, part c"): the
three MAY requirements whose whole content was the presence of what they permit. TD-BIO-002 and TD-FORCE-001 stay MAY
(可) declaration checks that judge the form of what is present, absence 不适用 in the statement, the case and the check
(GB/T 1.1-2020, 可; ISO/IEC Directives Part 2, 7.5); IF-DISC-003 asks what a client needs to reach a declared profile,
a MUST whose check observes (requests each endpoint), not a declaration. Each test fails on the draft before the
change."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from tests.conftest import fixture_path, manifest_for, verdict_and_evidence
from tests.drafting.test_spec_sixteenth_reading import _cases

_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
#: the permitted thing each MAY case names in its 不适用 line, and what its 不通过 line no longer fails
_NOT_APPLICABLE = {"zh": "允许而不要求", "en": "permits"}
_ABSENCE_FAILS = {
    "TD-BIO-002": {"zh": re.compile(r"不通过：[^。]*缺少 purpose、retention 或 consent，或 retention"),
                   "en": re.compile(r"Fail: such a declaration lacks purpose, retention or consent, or its")},
    "TD-FORCE-001": {"zh": re.compile(r"缺少所下达量的限值|缺少 max_force_n"),
                     "en": re.compile(r"lacks a limit for a commanded quantity|lacks max_force_n")},
}


def _criteria(markdown: str, lang: str) -> dict[str, str]:
    label = _CRITERIA[lang]
    return {rid: case[case.index(f"| {label} |"):] for rid, case in _cases(markdown).items() if f"| {label} |" in case}


def test_the_may_statements_judge_what_is_declared_and_the_need_is_a_must(catalog):
    """TD-BIO-002 「可说明……」 and TD-FORCE-001 「可在 limits 中声明……」 failed a product for not making the declaration;
    IF-DISC-003 was a MAY declaration check of what a client needs."""
    for rid in ("TD-BIO-002", "TD-FORCE-001"):
        req = catalog.requirements[rid]
        assert req.level.value == "MAY" and req.measures == "declared", rid
        # the twentieth reading's part b wrote the condition (「若……」) as the forms the permission covers
        assert "不予判定" in req.statement.zh, rid
        assert "not judged" in req.statement.en, rid
    assert "consent 为 separate" in catalog.requirements["TD-BIO-002"].statement.zh
    assert "max_force_n 以不大于后者的值声明" in catalog.requirements["TD-FORCE-001"].statement.zh
    disc = catalog.requirements["IF-DISC-003"]
    assert disc.level.value == "MUST" and disc.measures == "behaviour"
    assert "404" in disc.statement.zh and "MUST be declared" in disc.statement.en
    assert "measures declared" not in disc.notes.en and "声明检查：" not in disc.notes.zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cases_judge_absence_not_applicable_and_observe_the_need(lang, zh_markdown, en_markdown):
    criteria = _criteria(zh_markdown if lang == "zh" else en_markdown, lang)
    for rid, fails in _ABSENCE_FAILS.items():
        text = criteria[rid]
        assert not fails[lang].search(text), (rid, text[:500])
        na = re.search(r"(不适用：|Not applicable: )[^\n|]*", text)
        assert na and _NOT_APPLICABLE[lang] in na.group(0), (rid, na and na.group(0))
    disc = criteria["IF-DISC-003"]
    assert "404" in disc and ("“可”级" not in disc and "MAY declaration check" not in disc), disc[:600]


def _verdict(catalog, run_manifest, profile, requirement, paths):
    """The verdict, and its message with the evidence as one text."""
    manifest = manifest_for(catalog, profile)
    manifest["targets"]["captures"]["paths"] = [str(p) for p in paths]
    result = run_manifest(manifest, requirements=[requirement])
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    verdict, evidence = verdict_and_evidence(result, requirement)
    return verdict, f"{record.message} {evidence}"


@pytest.mark.parametrize(("capture", "expected", "said"), [
    ("bio-rules/no-terms.ndjson", "not_applicable", "permits"),  # a biometric declaration stating no term
    ("bio-rules/consent-not-a-basis.ndjson", "fail", "names no legal basis"),  # consent "implied"
    ("cap-bio-terms-incomplete.ndjson", "fail", "does not state retention, consent"),
])
def test_biometric_terms_are_judged_when_stated(capture, expected, said, catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, "terminal-biometric-data", "TD-BIO-002",
                                 [fixture_path("terminal", capture)])
    assert verdict == expected and said in evidence, evidence


def test_force_declarations_are_judged_when_made(catalog, run_manifest, tmp_path):
    from conformance.areas.terminal.generate.capture import write

    bare = tmp_path / "bare.ndjson"  # the arm's offer with neither limits nor safety limits
    write(bare, "haptic_arm", 0.2, ["force-no-safety", "force-no-limit"])
    for paths, expected, said in (
            ([bare], "not_applicable", "permits"),
            ([fixture_path("terminal", "force-rules/no-safety.ndjson")], "pass", "1 force-feedback"),  # limits only
            ([fixture_path("terminal", "force-rules/safety-above-limit.ndjson.gz")], "fail", "5 N is above"),
            ([fixture_path("terminal", "force-rules/stop-not-positive.ndjson.gz")], "fail", "not as a positive")):
        verdict, evidence = _verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-001", paths)
        assert verdict == expected and said in evidence, (paths, evidence)
    # a stream whose offer the descriptor lacks: what it declares is unknown, not absent
    unoffered = tmp_path / "unoffered.ndjson"
    lines = bare.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["device"]["offers"] = [o for o in header["device"]["offers"] if o.get("type") != "force_feedback"]
    unoffered.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    verdict, evidence = _verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-001", [unoffered])
    assert verdict == "inconclusive" and "no offer" in evidence, evidence


# -- IF-DISC-003 observes: each endpoint a declared profile needs is requested --------------------------------------

BASE = "https://p.example"


class _Answer:
    def __init__(self, status: int, body: object) -> None:
        self.status, self.body, self.requested = status, body, ""

    def json(self) -> object:
        return self.body


class _Platform:
    """A platform whose discovery document declares ``profiles`` and ``endpoints`` (name -> URL), each URL answered
    with the status in ``answers`` (200 when not named); the URLs asked for are kept."""

    def __init__(self, profiles: list[str], endpoints: dict[str, str], answers: dict[str, int] | None = None) -> None:
        self.base_url = httpx.URL(f"{BASE}/")
        self.document = {"profiles": profiles, "endpoints": endpoints}
        self.answers, self.asked = answers or {}, []

    def get(self, path: str, **_: object) -> _Answer:
        if path == "/.well-known/metaverse-interop":
            answer = _Answer(200, self.document)
            answer.requested = f"GET {BASE}{path}"
            return answer
        self.asked.append(path)
        return _Answer(self.answers.get(path, 200), {})


def _if_disc_003(platform: _Platform):
    from tests.areas.interfaces.test_discovery import if_disc_003

    return if_disc_003(platform)


def test_a_declared_profile_s_endpoint_is_requested_and_judged_by_its_answer():
    """Before, the check compared the document's two lists and called nothing: an `assets` endpoint answering 404
    passed."""
    assets = f"{BASE}/assets"
    answering = _Platform(["asset-registry"], {"assets": assets})
    evidence, raised = _if_disc_003(answering)
    assert raised is None and not evidence.findings_count and answering.asked == [assets]
    gone = _Platform(["asset-registry"], {"assets": assets}, {assets: 404})
    evidence, raised = _if_disc_003(gone)
    assert evidence.findings_count == 1 and gone.asked == [assets]
    missing = _Platform(["asset-registry"], {"did_resolution": f"{BASE}/1.0/identifiers/"})
    evidence, raised = _if_disc_003(missing)
    assert evidence.findings_count == 1 and missing.asked == []  # what a profile does not need is IF-DISC-002's


def test_a_document_whose_profiles_need_no_endpoint_is_not_applicable():
    from conformance import NotApplicable

    evidence, raised = _if_disc_003(_Platform(["interfaces-core"], {}))
    assert isinstance(raised, NotApplicable) and not evidence.findings_count


def test_the_reference_reaches_every_endpoint_its_declared_profiles_need(run_manifest):
    """The reference declares every HTTP profile of the catalog: each endpoint they need is declared and answers, so
    the MUST passes there (the demo run holds interfaces-core conformant); each one was requested."""
    from conformance._version import REFERENCE_PRODUCT, __version__
    from tests.areas.failing_query import serve_failing

    with serve_failing(lambda method, path, query: False) as url:
        manifest = {"product": {"name": REFERENCE_PRODUCT, "version": __version__}, "profiles": ["interfaces-core"],
                    "targets": {"api": {"adapter": "http", "base_url": url}}}
        result = run_manifest(manifest, requirements=["IF-DISC-003"])
    (record,) = [r for r in result.report.requirements if r.requirement == "IF-DISC-003"]
    asked = {item["request"]["url"] for item in record.evidence if item.get("kind") == "http"}
    assert record.verdict.value == "pass", record.message
    assert any(u.endswith("/assets") for u in asked) and any("identifiers" in u for u in asked), sorted(asked)
