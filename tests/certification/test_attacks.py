"""A dishonest participant against a signed certification run: each way of issue 23's table
(and the envelope tricks beside it) is reproduced and refused, by the run (exit 2, one line)
or by ``conformance verify`` with a policy (a clear line, non-zero)."""

from __future__ import annotations

import base64
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
import yaml

from conformance import HarnessInputError, load_catalog, run
from conformance._run.plan import make_plan
from conformance.certification.assessments import sign_record
from conformance.certification.attestation import ENVELOPE_NAME, envelope_bytes, generate_keys, load_public_key, pae
from conformance.certification.plans import load_plan
from conformance.certification.policy import Policy, load_policy
from conformance.certification.verify import Rejected, verify
from conformance.cli import main as cli_main
from conformance.errors import CatalogError
from conformance.reference import SAMPLES
from tests.conftest import copy_catalog, fixture_path, once_per_session, shipped_catalog
from tests.paths import ROOT

HEADSET = SAMPLES / "captures" / "headset-session.ndjson.gz"


@pytest.fixture(scope="module")
def keys(made):
    """The programme's, an assessor's and a stranger's key pairs (read only)."""
    return made / "keys"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The keys and the signed run (:func:`signed`), made once a test session whichever xdist
    worker asks first (each worker running one of this module's tests made its own before)."""
    return Path(once_per_session(tmp_path_factory, "attacks-signed", _make_keys_and_signed_run)["folder"])


def _make_keys_and_signed_run(root: Path) -> dict[str, str]:
    keys = root / "keys"
    keys.mkdir()
    for name in ("program", "assessor", "stranger"):
        generate_keys(keys / name)
    folder = root / "signed"
    folder.mkdir()
    _signed_run(folder, keys, ["terminal-hmd-6dof"], HEADSET, _plan(folder, {"terminal-hmd-6dof": {}}))
    return {"folder": str(root)}


def _plan(folder: Path, profiles: dict, **extra) -> Path:
    plan = {"id": "pilot-1", "version": "1", "program": "Pilot", "catalog_digest": shipped_catalog().digest,
            "profiles": profiles, **extra}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True))
    return folder / "plan.yaml"


def _manifest(folder: Path, profiles: list, capture: Path, name: str = "Headset") -> Path:
    shutil.copy(capture, folder / capture.name)
    (folder / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": name, "version": "1.0"}, "profiles": profiles,
        "targets": {"captures": {"adapter": "file", "paths": [capture.name]}}}))
    return folder / "m.yaml"


def _signed_run(folder: Path, keys: Path, profiles: list, capture: Path, plan: Path | None, **kw):
    manifest = _manifest(folder, profiles, capture)
    return run(manifest, catalog=shipped_catalog(), out_dir=folder / "out", formats=["json", "junit", "html", "earl"],
               sign=keys / "program", certification=plan, **kw)


def _trusted(keys: Path, name: str = "program"):
    return [load_public_key(keys / f"{name}.pub")]


def _unmet(verified) -> list[str]:
    return [c.line for c in verified.unmet]


# -- 1. the digest covers the whole harness --------------------------------------------------


def test_a_run_by_another_harness_is_named_by_verify(keys, tmp_path):
    """A harness edited outside what the old digest covered (a suite module, the session's
    verdict mapping) has another digest: verify says the run used it, not the installed one."""
    root = copy_catalog(tmp_path / "catalog")
    module = sorted((root / "suites" / "terminal").glob("test_*.py"))[0]
    module.write_text(module.read_text() + "\n# an edit the official digest does not know\n")
    catalog = load_catalog(root)
    assert catalog.digest != shipped_catalog().digest
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(SAMPLES / "descriptors" / "haptic-vest.json", folder / "vest.json")
    (folder / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Vest", "version": "1"}, "profiles": ["terminal-descriptor"],
        "targets": {"descriptors": {"adapter": "file", "paths": ["vest.json"]}}}))
    plan = {"id": "p", "program": "P", "catalog_digest": catalog.digest, "profiles": {"terminal-descriptor": {}}}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan))
    result = run(folder / "m.yaml", catalog=catalog, out_dir=folder / "out", formats=["json"],
                 sign=keys / "program", certification=folder / "plan.yaml")
    assert result.exit_code == 0
    verified = verify(folder / "out", _trusted(keys))
    assert any(f"the run used harness digest {catalog.digest}, this installed harness has" in line
               for line in _unmet(verified)), _unmet(verified)
    policy = Policy(catalog_digest=shipped_catalog().digest)
    verified = verify(folder / "out", _trusted(keys), policy=policy)
    assert any("the policy expects" in line for line in _unmet(verified))


def test_a_test_module_dropped_under_fixtures_is_refused(tmp_path):
    root = copy_catalog(tmp_path / "catalog")
    (root / "suites" / "terminal" / "fixtures" / "test_always_pass.py").write_text("def test_x():\n    pass\n")
    with pytest.raises(CatalogError, match="a test module under a fixtures folder"):
        load_catalog(root)


# -- 2. a plan's parameter holds whatever the manifest claims first --------------------------


def test_the_plans_parameter_decides_its_profile_whichever_profile_is_claimed_first(tmp_path):
    catalog = shipped_catalog()
    plan = load_plan(_plan(tmp_path, {"terminal-hmd-6dof": {"parameters": {"rate_tolerance": 0.002}}}), catalog)
    manifest = _manifest(tmp_path, ["terminal-eye-gaze", "terminal-hmd-6dof"], HEADSET)
    planned = make_plan(manifest, catalog, certification=plan)
    cases = planned.cases("TD-RATE-001")
    by_profile = {p: case.parameters["rate_tolerance"] for case in cases for p in case.profiles}
    assert by_profile == {"terminal-hmd-6dof": 0.002, "terminal-eye-gaze": 0.05}


# -- 3. and 4. features a plan requires, SHOULDs it promotes ---------------------------------


def test_a_required_feature_left_out_is_not_certified(keys, tmp_path):
    """The manifest leaves out the feature the plan requires: it is judged as claimed, and
    its manual requirement without an assessment leaves the profile incomplete."""
    plan = _plan(tmp_path, {"terminal-hmd-6dof": {"features": ["health-safety-labelling"]}})
    result = _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, plan)
    profile = result.report.profiles[0]
    assert profile.features == ["health-safety-labelling"] and profile.outcome.value == "incomplete"
    policy = Policy(profiles=["terminal-hmd-6dof"])
    assert "profile terminal-hmd-6dof: incomplete" in _unmet(verify(tmp_path / "out", _trusted(keys), policy=policy))


def test_a_promoted_should_that_fails_makes_the_profile_not_conformant(keys, tmp_path):
    jitter = fixture_path("terminal", "cap-jitter.ndjson")
    alone = tmp_path / "alone"
    alone.mkdir()
    plain = _signed_run(alone, keys, ["terminal-eye-gaze"], jitter, _plan(alone, {"terminal-eye-gaze": {}}))
    verdicts = {r.requirement: r.verdict.value for r in plain.report.requirements}
    assert verdicts["TD-RATE-003"] == "fail" and plain.report.profiles[0].outcome.value == "conformant"
    promoted = tmp_path / "promoted"
    promoted.mkdir()
    result = _signed_run(promoted, keys, ["terminal-eye-gaze"], jitter,
                         _plan(promoted, {"terminal-eye-gaze": {"promote": ["TD-RATE-003"]}}))
    profile = result.report.profiles[0]
    assert profile.outcome.value == "not_conformant" and profile.blocking == ["TD-RATE-003"]
    assert profile.promoted == ["TD-RATE-003"]
    assert result.report.certification_plan["promoted"] == {"terminal-eye-gaze": ["TD-RATE-003"]}
    html = (promoted / "out" / "report.html").read_text()
    assert "requirements the plan makes blocking (terminal-eye-gaze): TD-RATE-003" in html
    verified = verify(promoted / "out", _trusted(keys), policy=Policy(profiles=["terminal-eye-gaze"]))
    assert "profile terminal-eye-gaze: not_conformant" in _unmet(verified)


def test_a_plan_fixes_probe_values(tmp_path):
    catalog = shipped_catalog()
    plan = load_plan(_plan(tmp_path, {"identity-document": {"parameters": {"known_did": "did:web:program.example"}}}),
                     catalog)
    from conformance._catalog.parameters import resolve

    profile = catalog.profiles["identity-document"]
    with pytest.raises(HarnessInputError, match="the certification plan fixes known_did"):
        resolve(profile, plan.profiles["identity-document"], {"known_did": "did:web:vendor.example"},
                lambda n: f"plan {n}", lambda n: f"manifest {n}")
    values, _ = resolve(profile, plan.profiles["identity-document"], {"known_did": "did:web:program.example"},
                        lambda n: n, lambda n: n)
    assert values["known_did"] == "did:web:program.example"


def test_a_plan_draws_no_seed_the_standard_fixes(tmp_path):
    """Issue 70: a random draw the standard does not publish would let two laboratories judge
    the same product differently, so the seed is the profile's, fixed, and a plan sets none."""
    path = _plan(tmp_path, {"interfaces-robustness": {"parameters": {"robustness_seed": "random"}}})
    with pytest.raises(HarnessInputError, match=r"robustness_seed is fixed by the standard at 20240501"):
        load_plan(path, shipped_catalog())


# -- 5. non-finite numbers --------------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_non_finite_number_in_a_plan_is_one_line_exit_2(tmp_path, capsys, value):
    _manifest(tmp_path, ["terminal-hand-tracking"], HEADSET)
    path = _plan(tmp_path, {"terminal-hand-tracking": {"parameters": {"bone_tolerance_m": 0.004}}})
    path.write_text(path.read_text().replace("0.004", value))
    code = cli_main(["run", "--manifest", str(tmp_path / "m.yaml"), "--plan", str(path), "--no-progress",
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "bone_tolerance_m" in err and "not a usable number" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_a_non_finite_number_in_a_profile_is_refused(tmp_path):
    root = copy_catalog(tmp_path / "catalog")
    profile = root / "profiles" / "terminal-hmd-6dof.yaml"
    profile.write_text(profile.read_text().replace("default: 0.05", "default: .nan", 1))
    with pytest.raises(HarnessInputError, match=r"terminal-hmd-6dof.yaml at \$\.parameters\.rate_tolerance"
                                                r"\.default: nan is not a usable number"):
        load_catalog(root)


# -- 6. views and the envelope -----------------------------------------------------------------


@pytest.fixture(scope="module")
def signed(made):
    """A signed certification run of the headset under terminal-hmd-6dof and a plan, every view
    (read only: the tests that change it change a copy)."""
    return made / "signed"


@pytest.mark.parametrize("view", ["junit.xml", "report.html", "report.earl.jsonld", "report.events.ndjson"])
def test_an_edited_view_is_rejected(signed, keys, tmp_path, view):
    out = tmp_path / "out"
    shutil.copytree(signed / "out", out)
    path = out / view
    path.write_bytes(path.read_bytes().replace(b"fail", b"pass") + b" ")
    with pytest.raises(Rejected, match=f"subject {view} does not match its signed sha256"):
        verify(out, _trusted(keys), inputs=signed)
    path.unlink()
    with pytest.raises(Rejected, match=f"subject {view} not found"):
        verify(out, _trusted(keys), inputs=signed)


def _envelope(out: Path) -> dict:
    return orjson.loads((out / ENVELOPE_NAME).read_bytes())


def test_an_extra_signature_is_rejected(signed, keys, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(signed / "out", out)
    envelope = _envelope(out)
    payload = base64.b64decode(envelope["payload"])
    from conformance.certification.attestation import PAYLOAD_TYPE, load_private_key

    stranger = load_private_key(keys / "stranger")
    from conformance.certification.attestation import fingerprint

    signatures = [(s["keyid"], base64.b64decode(s["sig"])) for s in envelope["signatures"]]
    signatures.append((fingerprint(stranger.public_key()), stranger.sign(pae(PAYLOAD_TYPE, payload))))
    (out / ENVELOPE_NAME).write_bytes(envelope_bytes(payload, signatures))
    with pytest.raises(Rejected, match="carries 2 signatures; the harness writes exactly one"):
        verify(out, _trusted(keys), inputs=signed)


def test_a_member_the_harness_did_not_write_is_rejected(signed, keys, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(signed / "out", out)
    envelope = _envelope(out)
    envelope["note"] = "certified"
    (out / ENVELOPE_NAME).write_bytes(orjson.dumps(envelope, option=orjson.OPT_INDENT_2) + b"\n")
    with pytest.raises(Rejected, match="was altered"):
        verify(out, _trusted(keys), inputs=signed)


def test_a_missing_envelope_or_a_subject_named_outside_the_report_folder(signed, keys, tmp_path):
    """What verify asks only after a failed read (no envelope, no subject file) and a written
    subject's name parsed once a process: each still told as before, whichever came first."""
    from conformance.certification.attestation import PAYLOAD_TYPE, fingerprint, load_private_key

    out = tmp_path / "out"
    shutil.copytree(signed / "out", out)
    (out / ENVELOPE_NAME).rename(tmp_path / ENVELOPE_NAME)
    (out / ENVELOPE_NAME).mkdir()  # a folder where the envelope was
    with pytest.raises(HarnessInputError, match=f"no {ENVELOPE_NAME} here"):
        verify(out, _trusted(keys), inputs=signed)
    (out / ENVELOPE_NAME).rmdir()
    with pytest.raises(HarnessInputError, match=f"no {ENVELOPE_NAME} here"):
        verify(out, _trusted(keys), inputs=signed)
    program = load_private_key(keys / "program")
    statement = orjson.loads(base64.b64decode(orjson.loads((tmp_path / ENVELOPE_NAME).read_bytes())["payload"]))
    view = next(s for s in statement["subject"] if s["name"] == "junit.xml")
    for name, says in (("sub/junit.xml", "is not a file of the report folder"), (".", "is not a file of the report folder"),
                       ("junit.xml", None), ("gone.xml", f"not found at {re.escape(str(out / 'gone.xml'))} ")):
        view["name"] = name
        payload = orjson.dumps(statement)
        (out / ENVELOPE_NAME).write_bytes(envelope_bytes(
            payload, [(fingerprint(program.public_key()), program.sign(pae(PAYLOAD_TYPE, payload)))]))
        if says is None:
            assert "junit.xml" in verify(out, _trusted(keys), inputs=signed).checked
            continue
        with pytest.raises(Rejected, match=f"subject {re.escape(name)} (of kind view )?.*{says}"):
            verify(out, _trusted(keys), inputs=signed)


# -- 8. forged assessments ---------------------------------------------------------------------


#: a record's date: today, never before the catalog recorded TD-SAFE-001's current version (a fixed
#: date went stale each time its text, and so its version, changed)
TODAY = datetime.now(UTC).date().isoformat()


def _record(folder: Path, **changes) -> Path:
    record = {"requirement": "TD-SAFE-001", "product": {"name": "Headset", "version": "1.0"},
              "assessor": {"name": "Li Wei", "organisation": "Shanghai Test Lab"}, "date": TODAY,
              "verdict": "pass", "reasoning": "Every warning is on the box and in the leaflet, in Chinese.",
              **changes}
    path = folder / "record.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True))
    return path


def _assessor_plan(folder: Path, keys: Path) -> Path:
    return _plan(folder, {"terminal-hmd-6dof": {"features": ["health-safety-labelling"]}},
                 assessors=[{"name": "Li Wei", "organisation": "Shanghai Test Lab",
                             "public_key": (keys / "assessor.pub").read_text()}])


def test_a_signed_assessment_by_an_accepted_assessor_decides_and_is_shown(keys, tmp_path):
    sign_record(_record(tmp_path), keys / "assessor", tmp_path / "record.dsse.json")
    result = _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, _assessor_plan(tmp_path, keys),
                         assessments=[tmp_path / "record.dsse.json"])
    assert result.report.profiles[0].outcome.value == "conformant"
    decided = next(r for r in result.report.requirements if r.requirement == "TD-SAFE-001")
    from conformance.certification.attestation import fingerprint as fp

    fingerprint = fp(load_public_key(keys / "assessor.pub"))
    assert decided.assessment["signed_by"] == fingerprint
    assert fingerprint[:19] in decided.message and "Li Wei" in decided.message
    assert f"signed with key <code>{fingerprint}</code>" in (tmp_path / "out" / "report.html").read_text()
    verified = verify(tmp_path / "out", _trusted(keys), policy=Policy(assessors=[fingerprint]))
    assert not verified.unmet, _unmet(verified)
    verified = verify(tmp_path / "out", _trusted(keys), policy=Policy(assessors=["sha256:" + "0" * 64]))
    assert any("not an assessor key the policy accepts" in line for line in _unmet(verified))


@pytest.mark.parametrize(("how", "says"), [
    ("unsigned", "an unsigned assessment record"),
    ("stranger", "not an assessor the certification plan accepts"),
    ("other name", "assessors sign their own records"),
    ("future", "is in the future"),
    ("stale", "before TD-SAFE-001 .* was recorded in the catalog"),
    ("altered", "was altered|as `conformance keys sign-assessment` writes it"),
])
def test_a_forged_assessment_is_refused(keys, tmp_path, how, says):
    # "stale": dated before the catalog recorded the requirement's current text
    date = {"future": "2031-01-01", "stale": "2026-01-01"}.get(how, TODAY)
    name = "Zhang San" if how == "other name" else "Li Wei"
    record = _record(tmp_path, date=date, assessor={"name": name})
    signed = tmp_path / "record.dsse.json"
    sign_record(record, keys / ("stranger" if how == "stranger" else "assessor"), signed)
    if how == "altered":
        envelope = orjson.loads(signed.read_bytes())
        body = orjson.loads(base64.b64decode(envelope["payload"]))
        body["verdict"] = "pass"
        body["reasoning"] = "edited"
        envelope["payload"] = base64.b64encode(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).decode()
        signed.write_bytes(orjson.dumps(envelope, option=orjson.OPT_INDENT_2) + b"\n")
    given = record if how == "unsigned" else signed
    with pytest.raises(HarnessInputError, match=says):
        _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, _assessor_plan(tmp_path, keys),
                    assessments=[given])


def test_an_unsigned_assessment_is_never_certified_by_verify(keys, tmp_path):
    """Without a plan listing assessors a record is read, but verify names it unsigned."""
    plan = _plan(tmp_path, {"terminal-hmd-6dof": {"features": ["health-safety-labelling"]}})
    result = _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, plan, assessments=[_record(tmp_path)])
    assert result.report.profiles[0].outcome.value == "conformant"
    verified = verify(tmp_path / "out", _trusted(keys))
    assert "the assessment of TD-SAFE-001 (Li Wei) is not signed by its assessor" in _unmet(verified)


def test_not_applicable_on_a_must_needs_a_reason(keys, tmp_path):
    plan = _plan(tmp_path, {"terminal-hmd-6dof": {"features": ["health-safety-labelling"]}})
    with pytest.raises(HarnessInputError, match="not_applicable on the MUST TD-SAFE-001 without a not_appl"):
        _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, plan,
                    assessments=[_record(tmp_path, verdict="not_applicable")])
    result = _signed_run(tmp_path, keys, ["terminal-hmd-6dof"], HEADSET, plan, assessments=[
        _record(tmp_path, verdict="not_applicable", not_applicable_reason="a developer kit, never sold to the public")])
    decided = next(r for r in result.report.requirements if r.requirement == "TD-SAFE-001")
    assert decided.verdict.value == "not_applicable"
    assert "not applicable because a developer kit" in decided.message


def test_the_shipped_example_record_is_valid(keys, tmp_path):
    from conformance._catalog.model import Manifest
    from conformance.certification.assessments import load_assessment

    example = ROOT / "examples" / "certification" / "assessment-td-safe-001.yaml"
    manifest = Manifest(product={"name": "Example Headset", "version": "fw-3.2.0"}, profiles=[], targets={})
    assessment = load_assessment(example, shipped_catalog(), manifest)
    assert assessment.requirement == "TD-SAFE-001" and assessment.record["verdict"] == "pass"


# -- the policy: one line per unmet condition ----------------------------------------------------


def _policy(folder: Path, **terms) -> Path:
    (folder / "policy.yaml").write_text(yaml.safe_dump(terms))
    return folder / "policy.yaml"


def test_a_policy_names_every_unmet_condition(signed, keys, tmp_path):
    from conformance.certification.attestation import fingerprint

    program = fingerprint(load_public_key(keys / "program.pub"))
    policy = load_policy(_policy(
        tmp_path, profiles=["terminal-hmd-6dof", "terminal-hand-tracking"], catalog_digest="sha256:" + "1" * 64,
        plan={"id": "pilot-2"}, product={"name": "Headset", "version": "2.0"},
        keys=[{"fingerprint": program, "valid_from": "2020-01-01T00:00:00Z", "valid_until": "2021-01-01T00:00:00Z"}]))
    lines = _unmet(verify(signed / "out", _trusted(keys), inputs=signed, policy=policy))
    assert "profile terminal-hand-tracking was not claimed in this run" in lines
    assert any(line.startswith("judged under catalog sha256:") and "the policy expects sha256:111" in line
               for line in lines)
    assert "plan id pilot-1, the policy expects pilot-2" in lines
    assert "product version '1.0', the policy expects '2.0'" in lines
    assert any("after the key's validity ended" in line for line in lines)
    assert len(lines) == 5, lines
    revoked = load_policy(_policy(tmp_path, keys=[{"fingerprint": program, "revoked": "2026-01-01T00:00:00Z"}]))
    assert any("was revoked" in line for line in _unmet(verify(signed / "out", _trusted(keys), inputs=signed,
                                                                 policy=revoked)))
    unknown = load_policy(_policy(tmp_path, keys=[{"fingerprint": "sha256:" + "2" * 64}]))
    assert any("is not among the policy's keys" in line
               for line in _unmet(verify(signed / "out", _trusted(keys), inputs=signed, policy=unknown)))
    fine = load_policy(_policy(tmp_path, profiles=["terminal-hmd-6dof"], plan={"id": "pilot-1"},
                               product={"name": "Headset", "version": "1.0"},
                               keys=[{"fingerprint": program, "valid_from": "2020-01-01T00:00:00Z"}]))
    assert not verify(signed / "out", _trusted(keys), inputs=signed, policy=fine).unmet


def test_the_cli_exit_codes_of_verify(signed, keys, tmp_path, capsys):
    def cli(*args):  # the command's exit code and output, in this process (the CLI's main)
        code = cli_main(["verify", str(signed / "out"), "--trust", str(keys / "program.pub"),
                         "--inputs", str(signed), *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    assert cli()[0] == 0
    code, out, _ = cli("--policy", _policy(tmp_path, product={"name": "Other"}))
    assert code == 4 and "not certified: product name 'Headset', the policy expects 'Other'" in out
    code, _, err = cli("--policy", _policy(tmp_path, profiles="not a list"))
    assert code == 2 and err.count("\n") == 1 and "policy.yaml" in err
    (tmp_path / "policy.yaml").write_text("keys: [{fingerprint: 'sha256:" + "0" * 64 + "', valid_from: .nan}]\n")
    code, _, err = cli("--policy", tmp_path / "policy.yaml")
    assert code == 2 and "not a usable number" in err


# -- 7. every file a check read is signed -------------------------------------------------------


def _generic_run(folder: Path, keys: Path, profile: str, role: str, paths: list[str]):
    (folder / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Asset", "version": "1.0"}, "profiles": [profile],
        "targets": {role: {"adapter": "file", "paths": paths}}}))
    return run(folder / "m.yaml", catalog=shipped_catalog(), out_dir=folder / "out", formats=["json"],
               sign=keys / "program", certification=_plan(folder, {profile: {}}))


def _subject_names(out: Path) -> set[str]:
    envelope = orjson.loads((out / ENVELOPE_NAME).read_bytes())
    return {s["name"] for s in orjson.loads(base64.b64decode(envelope["payload"]))["subject"]}


def test_a_gltf_external_buffer_swapped_after_signing_is_rejected(keys, tmp_path):
    gltf = orjson.loads((SAMPLES / "models" / "triangle.gltf").read_bytes())
    buffer = gltf["buffers"][0]
    (tmp_path / "triangle.bin").write_bytes(base64.b64decode(buffer["uri"].split(",", 1)[1]))
    buffer["uri"] = "triangle.bin"
    (tmp_path / "triangle.gltf").write_bytes(orjson.dumps(gltf))
    result = _generic_run(tmp_path, keys, "asset-3d-content", "models", ["triangle.gltf"])
    assert result.report.profiles[0].outcome.value == "conformant"
    assert {"triangle.gltf", "triangle.bin"} <= _subject_names(tmp_path / "out")
    verify(tmp_path / "out", _trusted(keys))
    data = bytearray((tmp_path / "triangle.bin").read_bytes())
    data[0] ^= 0x40
    (tmp_path / "triangle.bin").write_bytes(bytes(data))
    with pytest.raises(Rejected, match="subject triangle.bin does not match its signed sha256"):
        verify(tmp_path / "out", _trusted(keys))


def test_a_content_file_the_metadata_points_to_swapped_after_signing_is_rejected(keys, tmp_path):
    shutil.copytree(SAMPLES / "asset_metadata", tmp_path / "meta")
    _generic_run(tmp_path, keys, "asset-metadata", "asset_metadata", ["meta/ref-helmet-0001.json"])
    assert "meta/content/voxel-helmet.gltf" in _subject_names(tmp_path / "out")
    verify(tmp_path / "out", _trusted(keys))
    path = tmp_path / "meta" / "content" / "voxel-helmet.png"
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(Rejected, match="subject meta/content/voxel-helmet.png does not match its signed sha256"):
        verify(tmp_path / "out", _trusted(keys))


def test_every_test_docs_certification_cites_exists():
    """Each claim of docs/certification.md names the test backing it: that test exists."""
    import re

    root = ROOT
    text = (root / "docs" / "certification.md").read_text()
    cited = set(re.findall(r"\b(test_[a-z0-9_]+)\b(?!\.py)", text)) - {"test_attest", "test_catalog"}
    modules = set(re.findall(r"\b((?:\w+/)*test_[a-z0-9_]+\.py)", text))  # named from the root: tests/<package>/
    assert all((root / m).is_file() for m in modules), modules
    defined = {name for path in (root / "tests").rglob("test_*.py")
               for name in re.findall(r"^def (test_[a-z0-9_]+)", path.read_text(), re.M)}
    assert cited and cited <= defined, sorted(cited - defined)


def test_the_shipped_example_plan_and_policy_read(tmp_path):
    examples = ROOT / "examples" / "certification"
    plan = tmp_path / "plan.yaml"
    plan.write_text((examples / "plan.yaml").read_text().replace("sha256:" + "0" * 64, shipped_catalog().digest))
    loaded = load_plan(plan, shipped_catalog())
    assert loaded.features == {"terminal-hmd-6dof": ["health-safety-labelling"]}
    assert loaded.promoted == {"terminal-hmd-6dof": ["TD-RATE-002", "TD-RATE-003"]}
    policy = load_policy(examples / "policy.yaml")
    # the walkthrough makes its programme key afresh (`--trust` names it): the policy pins the
    # example assessor's key, the one the shipped assessments are signed with
    assert policy.profiles == ["terminal-hmd-6dof"] and not policy.keys
    assert policy.assessors is not None and len(policy.assessors) == 1 and "0" * 64 not in policy.assessors[0]
