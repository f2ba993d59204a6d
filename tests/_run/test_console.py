"""The console after a run: failures first, one line each; the cause of an incomplete run
before the table; a compact profile table; the closing count line (progress: test_progress.py)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from conformance._catalog.catalog import load_catalog
from conformance._run.console import count_line, print_summary
from conformance.reference import trust_anchor
from tests.conftest import manifest_for, manifest_runner

COUNT_LINE = re.compile(r"^\d+ passed, \d+ failed, (\d+ errors, )?\d+ inconclusive, \d+ not applicable \(.+\)$")


def _fits(line: str, width: int = 80) -> bool:
    """Within the width, or a single word (after its indent and list number) too long to wrap."""
    return len(line) <= width or " " not in re.sub(r"^\s*(\d+\.\s+)?", "", line)


def _summary(report, width: int = 100, **options) -> list[str]:
    out = io.StringIO()
    print_summary(Console(file=out, width=width), report, [], **options)
    return out.getvalue().splitlines()


def _flat(lines: list[str]) -> str:
    """The summary with its wrapping undone (Chinese wraps between any two characters): no
    spaces, no line ends."""
    return "".join("".join(lines).split())


@pytest.fixture(scope="module")
def failing(catalog, tmp_path_factory):
    """One run's report for the module: its tests only read it (what they change, they change
    in copies: ``model_copy``), and each run of its own was the same engine run again."""
    manifest = manifest_for(catalog, "identity-document",
                            files={"did_documents": ["did-doc-invalid.json", "did-doc-private-jwk.json"]})
    return manifest_runner(tmp_path_factory.mktemp("failing"), catalog)(manifest).report


def test_failures_come_first_and_the_count_line_last(catalog, failing):
    lines = _summary(failing)
    assert re.match(r"fail\s+ID-DOC-001 MUST DID documents follow the DID Core data model$", lines[0]), lines
    heads = [line for line in lines if not line.startswith(" ")]
    assert heads[1].startswith("fail") and "ID-DOC-002" in heads[1], lines
    assert not any("ID-DOC-003" in line for line in lines)  # passing: only with -v
    assert lines[-1] == (f"{_others_pass(catalog, failing)} passed, 2 failed, 0 inconclusive, 0 not applicable "
                         "(identity-document: not conformant)")
    assert all(len(line) <= 100 for line in lines)


def _others_pass(catalog, report) -> int:
    """How many requirements of identity-document pass when the two fixtures fail ID-DOC-001
    and ID-DOC-002: all the others (counted from the catalog, never written down)."""
    assert {r.requirement for r in report.requirements if r.verdict.value == "fail"} == {"ID-DOC-001", "ID-DOC-002"}
    return len(catalog.profile("identity-document").all_requirements()) - 2


def _first_finding(result) -> dict:
    return next(item for item in result.evidence if item["kind"] == "finding")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_80_columns_each_failing_requirement_shows_its_first_finding_in_full(failing, lang):
    """A CI log: 80 columns, no colour. Nothing is cut with an ellipsis; each failing
    requirement's ID, level, title and first finding (where, what, rule, expected) are there
    whole, wrapped at spaces, in the chosen language."""
    from conformance._run.console import finding_lines
    from conformance.messages import localize
    from conformance.report.labels import labels

    lines = _summary(failing, width=80, lang=lang)
    assert not any("…" in line for line in lines), lines
    # wrapped to 80 columns, but for the closing count line (one line, whole, for scripts) and a
    # word longer than a line (a path: whole on its own line, to copy), however deep the checkout
    assert all(_fits(line) for line in lines[:-1]), [line for line in lines if not _fits(line)]
    text = _flat(lines)
    for result in (r for r in failing.requirements if r.verdict.value == "fail"):
        assert _flat([f"{result.requirement} {result.level.value} {result.title.get(lang)}"]) in text
        item = _first_finding(result)
        for part in finding_lines(item, lang):
            assert _flat([part]) in text, (part, lines)
        assert localize(item["message"], item.get("text"), lang) in " ".join(finding_lines(item, lang))
    # a finding's rule is its requirement's R-number, or none (ID-DOC-001 defines no rules: issue 76, the
    # thirty-sixth reading's a9): a rule is printed where there is one, and no empty rule line where there is none
    firsts = [_first_finding(r) for r in failing.requirements if r.verdict.value == "fail"]
    assert all(_flat([f"{labels(lang)['console_rule']}: {f['rule']}"]) in text for f in firsts if f.get("rule"))
    assert not _first_finding(next(r for r in failing.requirements if r.requirement == "ID-DOC-001")).get("rule")
    assert f"{labels(lang)['console_rule']}: None" not in text
    # a finding with a rule shows it (the profile's findings here name none)
    ruled = {**firsts[0], "rule": "R2"}
    assert f"{labels(lang)['console_rule']}: R2" in " ".join(finding_lines(ruled, lang))
    assert _flat([f"{labels(lang)['console_expected']}: "]) in text


def test_verbose_never_runs_a_label_into_what_follows(catalog, run_manifest):
    manifest = manifest_for(catalog, "asset-3d-content", features=[])
    report = run_manifest(manifest).report
    assert any(r.verdict.value == "not_applicable" for r in report.requirements)
    for lang, label in (("en", "not applicable"), ("zh", "不适用")):
        heads = [line for line in _summary(report, width=80, verbose=True, lang=lang) if line.startswith(label)]
        assert heads and all(re.match(rf"{label}\s+[A-Z]+-", line) for line in heads), heads


def test_verbose_lists_passing_requirements_and_quiet_drops_the_table(failing):
    verbose = _summary(failing, verbose=True)
    assert any(line.startswith("pass") and "ID-DOC-003" in line for line in verbose)
    quiet = _summary(failing, quiet=True)
    assert not any("Profile" in line for line in quiet) and quiet[-1].startswith(f"{_others_pass_q(quiet)}")


def _others_pass_q(lines: list[str]) -> str:
    return lines[-1].split(" ")[0]


def test_a_long_profile_table_is_wrapped_never_cut(failing):
    long = failing.model_copy(update={"profiles": [
        p.model_copy(update={"id": p.id + "-with-a-much-longer-name-than-any-real-profile",
                             "blocking": [*p.blocking, *(f"ID-XYZ-{n:03d}" for n in range(1, 9))]})
        for p in failing.profiles]})
    lines = _summary(long, width=80)
    assert not any("…" in line for line in lines), lines
    text = _flat(lines)
    assert _flat(["not conformant"]) in text and "ID-XYZ-008" in text


def test_an_unreachable_target_is_one_line_and_the_reports_path(catalog, run_manifest):
    """The cause once (the manifest's place, what happened, the fix, how many requirements it
    left unjudged), then where the report is: not the requirements it left unjudged, not the
    cause again as a note, not the profiles' table."""
    report = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": "http://127.0.0.1:9"})).report
    out = io.StringIO()
    print_summary(Console(file=out, width=1000), report, [Path("out/report.json")])
    lines = out.getvalue().splitlines()
    selected = catalog.profile("identity-resolver").all_requirements()
    assert len(lines) == 2, lines
    assert re.match(r"target 'api' unreachable: \S*manifest.yaml at \$.targets.api.base_url: nothing accepts "
                    r"connections at http://127.0.0.1:9/ \(connection refused\); fix: start the product, or "
                    rf"correct the host and port in base_url; {len(selected)} of {len(selected)} requirements "
                    r"not judged$", lines[0]), lines
    assert lines[1] == "incomplete report: out/report.json"


def test_the_count_line_names_profile_outcomes(catalog, failing):
    assert count_line(failing).endswith("(identity-document: not conformant)")
    assert count_line(failing, "zh").startswith(f"{_others_pass(catalog, failing)} 项通过")


@pytest.mark.slow
def test_the_demo_fits_one_screen_and_ends_with_the_count_line(demo_run):
    completed = demo_run
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    # every profile of the catalog is claimed: grouped by area, the summary fits 40 rows of 80 columns
    assert len(load_catalog().profiles) > 12
    assert _rows(lines) <= 40, completed.stdout
    assert COUNT_LINE.match(lines[-1]), lines[-1]
    assert completed.stderr.startswith("progress: 0/"), completed.stderr


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_ci_log_shows_each_failing_requirements_first_finding_in_full(catalog, tmp_path, lang):
    """``conformance run`` with its output piped (no TTY, no COLUMNS, NO_COLOR): 80 columns,
    no ellipsis, and for each failing requirement its ID, level, title and first finding whole."""
    import os

    import orjson
    import yaml

    from conformance._run.console import finding_lines

    manifest = manifest_for(catalog, "identity-document",
                            files={"did_documents": ["did-doc-invalid.json", "did-doc-private-jwk.json"]})
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(NO_COLOR="1", PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", "m.yaml", "--out", "out",
                           "--lang", lang], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "\x1b[" not in done.stdout and not any("…" in line for line in lines), done.stdout
    assert all(_fits(line) for line in lines[:-1]), done.stdout
    text = _flat(lines)
    report = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    failing = [r for r in report["requirements"] if r["verdict"] == "fail"]
    assert failing
    for result in failing:
        assert _flat([f"{result['requirement']} {result['level']} {result['title'][lang]}"]) in text, done.stdout
        first = next(item for item in result["evidence"] if item["kind"] == "finding")
        for part in finding_lines(first, lang):
            assert _flat([part]) in text, (part, done.stdout)


def test_control_characters_in_a_finding_reach_the_log_as_visible_escapes() -> None:
    from rich.console import Console

    from conformance._run.console import _line

    out = io.StringIO()
    _line(Console(file=out, width=80, color_system=None), "bad file \x1b[2Jname\u202e.json")
    assert out.getvalue() == "bad file \\x1b[2Jname\\u202e.json\n"


@pytest.mark.slow
def test_a_failing_http_finding_shows_the_curl_command_that_reproduces_it(catalog, run_manifest, serve_reference):
    url = serve_reference(["json-as-text"], tls=True)  # over TLS: the command trusts the manifest's ca_bundle
    report = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url})).report
    lines = _summary(report, width=80)
    at = lines.index(next(line for line in lines if line.strip() == "reproduce:"))
    command = []
    for line in lines[at + 1:]:
        command.append(line.strip().removesuffix(" \\"))
        if not line.endswith(" \\"):
            break
    assert " ".join(command).startswith(
        f"curl -sS -i {url}/.well-known/metaverse-interop --cacert {trust_anchor()}"), lines
    import shutil

    if shutil.which("curl"):  # the defect, seen again by pasting the command
        done = subprocess.run(["sh", "-c", " ".join(command)], capture_output=True, text=True, timeout=30)
        assert "content-type: text/plain" in done.stdout.lower()


def _rows(lines: list[str], width: int = 80) -> int:
    """The rows ``lines`` take in a terminal ``width`` columns wide (a longer line wraps)."""
    return sum(max(1, -(-len(line) // width)) for line in lines)


def _demo_like(catalog, failing, failing_profile: str = "identity-document"):
    """A report as the demo's: every profile of the catalog claimed, its requirements passing
    (``failing_profile`` not conformant, with blocking requirements), a plain value the
    manifest set (identity-resolver's known_did) and a threshold it tightened."""
    from conformance._catalog.model import Outcome, Verdict

    template = failing.requirements[0]
    selected: dict[str, list[str]] = {}
    for profile in catalog.profiles.values():
        for requirement in profile.all_requirements():
            selected.setdefault(requirement, []).append(profile.id)
    requirements = [template.model_copy(update={
        "requirement": rid, "profiles": ids, "verdict": Verdict.PASS, "evidence": [], "cases": [], "message": ""})
        for rid, ids in sorted(selected.items())]
    profiles = []
    for profile in catalog.profiles.values():
        counts = {"pass": len(profile.all_requirements())}
        update: dict = {"id": profile.id, "version": profile.version, "outcome": Outcome.CONFORMANT,
                        "counts": counts, "blocking": [], "overrides": []}
        if profile.id == failing_profile:
            update.update(outcome=Outcome.NOT_CONFORMANT, counts={"pass": 2, "fail": 2},
                          blocking=["ID-DOC-001", "ID-DOC-002"])
        if profile.id == "identity-resolver":
            update["overrides"] = [{"name": "known_did", "value": "did:web:identity.example.com",
                                    "default": None, "set_by": "manifest"}]
        if profile.id == "terminal-hmd-6dof":
            update["overrides"] = [{"name": "rate_tolerance", "value": 0.03, "default": 0.05, "set_by": "manifest"}]
        profiles.append(failing.profiles[0].model_copy(update=update))
    return failing.model_copy(update={"profiles": profiles, "requirements": requirements, "notes": [],
                                      "note_texts": None})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_run_of_every_profile_is_grouped_by_area_within_40_rows(catalog, failing, lang):
    from conformance.report.labels import labels

    report = _demo_like(catalog, failing)
    assert len(report.profiles) >= 40  # the demo's size (49 when this was written)
    lines = _summary(report, width=80, lang=lang)
    assert _rows(lines) <= 40, "\n".join(lines)
    text = "\n".join(lines)
    for profile in catalog.profiles.values():  # each named whole: never cut at a line's end
        assert re.search(rf"(^|[\s:,]){re.escape(profile.id)}([\s:,]|$)", text, re.M), (profile.id, text)
    # the failing profile on its own line, with its outcome, version and blocking requirements
    (listed,) = [n for n, line in enumerate(lines) if "identity-document 0.1" in line]
    assert labels(lang)["not_conformant"] in lines[listed]
    assert "ID-DOC-002" in _flat(lines[listed:listed + 2])
    # each conformant profile is named under the area its requirements have in the catalog
    areas = {line.split()[0] for line in lines if re.match(r"^[a-z][a-z0-9-]*\s{2,}", line)}
    expected = {catalog.requirements[catalog.profile(p.id).all_requirements()[0]].area for p in report.profiles}
    assert areas <= expected and len(areas) >= len(expected) - 1, (areas, expected)


def test_the_parameters_that_differ_wrap_whole_tokens_and_say_who_set_them_how(catalog, failing):
    report = _demo_like(catalog, failing)
    long = report.model_copy(update={"profiles": [
        p.model_copy(update={"overrides": [{**o, "value": "did:web:identity.example.com:users:a-rather-long-name"}
                                           for o in p.overrides]}) if p.id == "identity-resolver" else p
        for p in report.profiles]})
    lines = _summary(long, width=80)
    assert all(_fits(line) for line in lines[:-1]), lines
    start = next(n for n, line in enumerate(lines) if line.startswith("Parameters that differ"))
    block = lines[start + 1:start + 5]
    words = " ".join(block).split()
    for token in ("identity-resolver", "known_did='did:web:identity.example.com:users:a-rather-long-name'",
                  "terminal-hmd-6dof", "rate_tolerance=0.03"):
        assert token in words, (token, block)
    resolver = " ".join(words).split("terminal-hmd-6dof")[0]
    assert "set by manifest" in resolver and "tightened" not in resolver, block
    assert any("rate_tolerance=0.03 (default 0.05; tightened by manifest)" in line for line in block), block


PROBLEM_MODULE = '''import pytest


@pytest.mark.requirement("ID-DOC-901")
def test_created(targets, evidence):
    response = targets["api"].post("/credentials/issue", json={})
    if response.status != 201:
        evidence.finding("no credential was issued", file="POST /credentials/issue", expected=201,
                         actual=response.status)
'''


def _problem_app(body: bytes, kind: bytes = b"application/problem+json"):
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 422, "headers": [(b"content-type", kind)]})
        await send({"type": "http.response.body", "body": body})
    return app


def _console_lines(tmp_path, body: bytes, kind: bytes = b"application/problem+json") -> list[str]:
    """The console's summary lines of a run whose one test's answer is ``body`` (status 422)."""
    import yaml

    from conformance import run
    from conformance.reference.server import serve
    from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog

    profile = {**PROFILE, "targets": {"api": {"kind": "http"}}, "requirements": ["ID-DOC-901"]}
    catalog = load_catalog(write_catalog(tmp_path / "catalog", [REQUIREMENT], PROBLEM_MODULE, profile))
    with serve(_problem_app(body, kind)) as url:
        manifest = tmp_path / "m.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["mini"],
                                            "targets": {"api": {"adapter": "http", "base_url": url}}}))
        report = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"]).report
    return [line.strip() for line in _summary(report, width=120)]


@pytest.mark.slow
def test_the_cause_of_a_failing_answer_carries_its_problem_title_and_detail(tmp_path):
    # issue 59: "expected 201, actual 422" left the vendor guessing; the product had said why
    body = (b'{"type": "about:blank", "title": "Invalid issuer", "status": 422,'
            b' "detail": "options.issuer is required\\nsee the docs"}')
    lines = _console_lines(tmp_path, body)
    at = lines.index("actual: 422")
    assert lines[at + 1] == "the product said: Invalid issuer: options.issuer is required"


@pytest.mark.slow
@pytest.mark.parametrize("body", [
    b'{"message": "Supported VC 2.0 proof types are: Ed25519Signature2020\\nmore"}',  # ACA-Py's shape
    b'{"error": {"code": 7, "message": "Supported VC 2.0 proof types are: Ed25519Signature2020"}}',
    b'{"error": "Supported VC 2.0 proof types are: Ed25519Signature2020"}',
])
def test_the_cause_line_carries_a_json_error_message_that_is_no_problem(tmp_path, body):
    lines = _console_lines(tmp_path, body, b"application/json")
    at = lines.index("actual: 422")
    assert lines[at + 1] == "the product said: Supported VC 2.0 proof types are: Ed25519Signature2020"


def test_a_problem_line_is_read_only_from_a_problem_body():
    from conformance._run.answerlines import problem_line

    def answer(body, kind="application/problem+json"):
        return {"status": 422, "headers": {"Content-Type": kind}, "body": body}

    assert problem_line(answer('{"title": "Bad", "detail": "why"}')) == "Bad: why"
    assert problem_line(answer('{"title": "Bad", "status": 400}', "application/json")) == "Bad"
    assert problem_line(answer('{"title": "a name"}', "application/json")) is None  # not a problem
    assert problem_line(answer("<html>oops</html>", "text/html")) is None
    assert problem_line(answer('{"detail": "' + "x" * 500 + '"}')).endswith("…")
    # an error answer's JSON message, the way many frameworks send one; never a success's
    assert problem_line(answer('{"message": "issuer required"}', "application/json")) == "issuer required"
    assert problem_line(answer('{"error_description": "bad", "error": "invalid"}', "application/json")) == "bad"
    assert problem_line({**answer('{"message": "created"}', "application/json"), "status": 201}) is None
    assert problem_line(answer('{"message": 7, "error": ""}', "application/json")) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_interrupted_run_is_one_line_and_the_reports_path_never_a_line_per_requirement(catalog, failing, lang):
    from conformance._catalog.model import Verdict
    from conformance.messages import msg

    report = _demo_like(catalog, failing)
    reached = 7
    not_reached = msg("engine.not-reached")
    requirements = [r if n < reached else r.model_copy(update={
        "verdict": Verdict.ERROR, "message": str(not_reached), "text": not_reached.text()})
        for n, r in enumerate(report.requirements)]
    stop = msg("engine.interrupted-by", signal="SIGTERM")
    report = report.model_copy(update={"requirements": requirements, "complete": False,
                                       "notes": [str(stop)], "note_texts": [stop.text()]})
    files = [Path("out/report.json"), Path("out/report.html")]
    out = io.StringIO()
    print_summary(Console(file=out, width=200), report, files, lang=lang)
    lines = out.getvalue().splitlines()
    missed = len(requirements) - reached
    if lang == "en":
        assert lines == [f"interrupted by SIGTERM: {missed} of {len(requirements)} requirements not reached "
                         f"(judged before it stopped: {reached} passed)",
                         "incomplete report: out/report.html"], lines
    else:
        assert len(lines) == 2 and "SIGTERM" in lines[0] and f"{missed} 项未执行" in lines[0], lines
