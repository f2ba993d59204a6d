"""Parameters with a direction, and the certification plan: a manifest may only tighten a
threshold; a pilot program's plan may set it within the profile's bounds, and says so."""

from __future__ import annotations

import subprocess
import sys

import orjson
import pytest
import yaml

from conformance import HarnessInputError, load_catalog, run
from conformance._catalog.model import ParameterSpec
from conformance._catalog.parameters import tightens
from conformance.certification.plans import load_plan
from tests.conftest import fixture_path

HAND = "terminal-hand-tracking"
STRETCH = "cap-bone-stretch.ndjson.gz"  # a finger bone 2 cm longer in some frames (TD-HAND-002)


@pytest.mark.parametrize(("direction", "reference", "value", "ok"), [
    ("lower", 0.005, 0.001, True), ("lower", 0.005, 0.005, True), ("lower", 0.005, 10, False),
    ("higher", 20, 40, True), ("higher", 20, 0, False), ("higher", False, True, True), ("higher", True, False, False),
    ("higher", ["a", "b"], ["a", "b", "c"], True), ("higher", ["a", "b"], ["a"], False),
    ("lower", ["a", "b"], ["a"], True), ("none", 7, 7, True), ("none", 7, 8, False), ("any", "x", "y", True),
    ("lower", None, 3, False),
])
def test_a_value_tightens_only_in_the_declared_direction(direction, reference, value, ok):
    assert tightens(direction, reference, value) is ok


def test_the_older_overridable_form_still_reads():
    assert ParameterSpec(default=1, overridable=True).direction == "any"
    assert ParameterSpec(default=1).direction == "none"
    assert ParameterSpec(default=1, overridable=False, stricter="lower").direction == "none"
    assert ParameterSpec(default=1, stricter="lower").direction == "lower"


def test_every_shipped_parameter_declares_a_direction_and_numbers_their_bounds():
    catalog = load_catalog()
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            where = f"profiles/{profile.id}.yaml parameters.{name}"
            assert spec.stricter is not None, f"{where}: declare stricter: lower | higher | none | any"
            number = isinstance(spec.default, int | float) and not isinstance(spec.default, bool)
            if number and spec.stricter != "any":
                assert spec.bounds is not None, f"{where}: a number needs bounds: {{min, max}}"
            if spec.bounds is not None:
                low, high = spec.bounds.min, spec.bounds.max
                assert (low is None or low <= spec.default) and (high is None or spec.default <= high), where


def _manifest(tmp_path, parameters=None):
    claim = {"id": HAND, **({"parameters": parameters} if parameters else {})}
    manifest = {"product": {"name": "Hand", "version": "1"}, "profiles": [claim],
                "targets": {"captures": {"adapter": "file", "paths": [str(fixture_path("terminal", STRETCH))]}}}
    path = tmp_path / "acme.yaml"
    path.write_text(yaml.safe_dump(manifest))
    return path


def _plan(tmp_path, catalog, parameters, **changes):
    plan = {"id": "smp-2026-hands", "version": "1", "program": "Shanghai metaverse pilot", "title": "Hands",
            "catalog_digest": catalog.digest, "profiles": {HAND: {"parameters": parameters}}, **changes}
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan))
    return path


def test_a_manifest_cannot_loosen_a_threshold(tmp_path, catalog):
    with pytest.raises(HarnessInputError) as caught:
        run(_manifest(tmp_path, {"bone_tolerance_m": 10}), catalog=catalog, out_dir=tmp_path / "o")
    line = caught.value.line()
    assert "\n" not in line
    assert "acme.yaml at $.profiles[0].parameters.bone_tolerance_m" in line
    assert "loosens bone_tolerance_m (profile value 0.005; a manifest may only lower it)" in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(("name", "value", "says"), [
    ("rate_tolerance", 0.5, "may only lower it"),
    ("require_tracking_volume", False, None),  # the default: not a change
])
def test_each_direction_is_enforced(tmp_path, catalog, name, value, says):
    profile = catalog.profile(HAND)
    if name not in profile.parameters:
        pytest.skip(f"{HAND} has no {name}")
    if says is None:
        run(_manifest(tmp_path, {name: value}), catalog=catalog, out_dir=tmp_path / "o", formats=["json"])
        return
    with pytest.raises(HarnessInputError, match=says):
        run(_manifest(tmp_path, {name: value}), catalog=catalog, out_dir=tmp_path / "o")


def test_a_seed_only_a_plan_sets_is_refused_from_a_manifest(tmp_path, catalog):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "R", "version": "1"},
        "profiles": [{"id": "asset-registry", "parameters": {"stateful_seed": 1}}],
        "targets": {"api": {"adapter": "http", "base_url": "http://127.0.0.1:9"}},
    }))
    with pytest.raises(HarnessInputError,
                       match=r"stateful_seed is not the manifest's to set .*only a certification plan"):
        run(manifest, catalog=catalog, out_dir=tmp_path / "o")


@pytest.mark.slow
def test_tightening_in_the_manifest_is_shown_with_who_set_it(tmp_path, catalog):
    result = run(_manifest(tmp_path, {"bone_tolerance_m": 0.004}), catalog=catalog, out_dir=tmp_path / "o",
                 formats=["json", "html"])
    assert result.exit_code == 1
    (profile,) = result.report.profiles
    assert profile.overrides == [{"name": "bone_tolerance_m", "value": 0.004, "default": 0.005, "set_by": "manifest"}]
    html = (tmp_path / "o" / "report.html").read_text()
    assert "bone_tolerance_m" in html and "manifest" in html


@pytest.mark.slow
def test_a_plan_may_loosen_within_bounds_and_the_report_names_it(tmp_path, catalog):
    manifest = _manifest(tmp_path)
    before = run(manifest, catalog=catalog, out_dir=tmp_path / "before", formats=["json"])
    assert before.exit_code == 1  # the stretched bone fails TD-HAND-002 at the profile's tolerance
    plan = _plan(tmp_path, catalog, {"bone_tolerance_m": 0.03})
    after = run(manifest, catalog=catalog, out_dir=tmp_path / "after", formats=["json"], certification=plan)
    assert after.exit_code == 0, [(r.requirement, r.message) for r in after.report.requirements]
    report = orjson.loads((tmp_path / "after" / "report.json").read_bytes())
    assert report["certification_plan"]["id"] == "smp-2026-hands"
    assert report["certification_plan"]["program"] == "Shanghai metaverse pilot"
    assert len(report["certification_plan"]["sha256"]) == 64
    assert report["profiles"][0]["overrides"] == [
        {"name": "bone_tolerance_m", "value": 0.03, "default": 0.005, "set_by": "plan"}]
    # ... and the manifest may tighten what the plan set, never loosen it
    with pytest.raises(HarnessInputError, match=r"certification plan's value 0\.03; a manifest may only lower it"):
        run(_manifest(tmp_path, {"bone_tolerance_m": 0.05}), catalog=catalog, out_dir=tmp_path / "x",
            certification=plan)


def test_a_plan_outside_the_bounds_is_refused(tmp_path, catalog):
    plan = _plan(tmp_path, catalog, {"bone_tolerance_m": 10})
    with pytest.raises(HarnessInputError, match=r"plan\.yaml at \$\.profiles\.terminal-hand-tracking\.parameters"
                                                 r"\.bone_tolerance_m: 10 is outside the profile's bounds"):
        run(_manifest(tmp_path), catalog=catalog, out_dir=tmp_path / "o", certification=plan)


def test_a_profile_without_a_normative_requirement_is_never_certified(tmp_path, catalog):
    """Issue 63: conformance to a profile holding only draft or candidate requirements cannot be
    claimed: a plan may name one (a trial's parameters), but a run under it is not signed, in one
    line, before anything runs; a plan whose profiles each hold one is."""
    from conformance.certification.plans import refuse_unclaimable

    assert not catalog.normative_requirements(catalog.profiles["asset-minors"])
    assert catalog.normative_requirements(catalog.profiles[HAND])
    trial = load_plan(_plan(tmp_path, catalog, {}, profiles={HAND: {}, "asset-minors": {}}), catalog)
    assert set(trial.profiles) == {HAND, "asset-minors"}  # read: its runs are judged
    with pytest.raises(HarnessInputError, match=r"plan\.yaml at \$\.profiles\.asset-minors: profile asset-minors "
                                                 r"holds no normative requirement .* cannot be claimed") as caught:
        refuse_unclaimable(trial, catalog)
    assert "\n" not in str(caught.value)
    refuse_unclaimable(load_plan(_plan(tmp_path, catalog, {}, profiles={HAND: {}}), catalog), catalog)


def test_a_run_under_a_plan_naming_an_unclaimable_profile_is_not_signed(tmp_path, catalog):
    from conformance.certification.attestation import generate_keys

    generate_keys(tmp_path / "k.key")
    plan = _plan(tmp_path, catalog, {}, profiles={HAND: {}, "asset-minors": {}})
    manifest = yaml.safe_load(_manifest(tmp_path).read_text())
    manifest["profiles"].append({"id": "asset-minors"})
    manifest["targets"]["api"] = {"adapter": "http", "base_url": "http://127.0.0.1:9"}  # refused before it is reached
    (tmp_path / "acme.yaml").write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError, match=r"asset-minors holds no normative requirement"):
        run(tmp_path / "acme.yaml", catalog=catalog, out_dir=tmp_path / "o", certification=plan,
            sign=tmp_path / "k.key")
    assert not (tmp_path / "o").exists()


def test_a_plan_pins_the_catalog_and_the_claimed_profiles(tmp_path, catalog):
    plan = _plan(tmp_path, catalog, {}, catalog_digest="sha256:" + "0" * 64)
    with pytest.raises(HarnessInputError, match=r"the plan is pinned to catalog sha256:0000"):
        load_plan(plan, catalog)
    plan = _plan(tmp_path, catalog, {}, profiles={HAND: {}, "terminal-face": {}})
    with pytest.raises(HarnessInputError,
                       match=r"requires profile\(s\) terminal-face, which the manifest does not claim"):
        run(_manifest(tmp_path), catalog=catalog, out_dir=tmp_path / "o", certification=plan)
    plan = _plan(tmp_path, catalog, {"no_such": 1})
    with pytest.raises(HarnessInputError, match="has no parameter 'no_such'"):
        run(_manifest(tmp_path), catalog=catalog, out_dir=tmp_path / "o", certification=plan)


@pytest.mark.slow
def test_the_cli_refuses_a_loosening_manifest_in_one_line(tmp_path):
    manifest = _manifest(tmp_path, {"bone_tolerance_m": 10})
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(manifest),
                           "--out", str(tmp_path / "o"), "--no-progress"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "bone_tolerance_m" in done.stderr and "0.005" in done.stderr and "may only lower it" in done.stderr


@pytest.mark.parametrize(("spec", "says"), [
    ({"default": "x", "stricter": "lower"}, "stricter: lower needs a number, a boolean or a list"),
    ({"default": "x", "stricter": "none", "bounds": {"min": 1}}, "bounds apply to numbers only"),
    ({"default": 5, "stricter": "lower", "bounds": {"min": 1, "max": 3}}, "the default 5 lies outside its own bounds"),
])
def test_a_parameter_declared_so_it_cannot_hold_is_a_catalog_error(tmp_path, spec, says):
    from conformance.errors import CatalogError
    from tests.minicatalog import PROFILE, write_catalog

    root = write_catalog(tmp_path / "catalog", profile={**PROFILE, "parameters": {"limit": spec}})
    with pytest.raises(CatalogError, match=rf"profiles/mini\.yaml at \$\.parameters\.limit: {says}"):
        load_catalog(root)


def _looser(direction, default):
    """A value that loosens ``default`` in ``direction`` (None: there is none)."""
    if direction == "none":
        return (default + 1) if isinstance(default, int | float) and not isinstance(default, bool) else \
            (not default if isinstance(default, bool) else f"{default}-other")
    if isinstance(default, bool):
        return None if (direction == "higher") is (not default) else (not default)
    if isinstance(default, list):
        return default[:-1] if direction == "higher" and default else None
    if isinstance(default, int | float):
        return default * 10 + 1 if direction == "lower" else (default - 1 if isinstance(default, int) else default / 10)
    return None


def test_no_manifest_can_loosen_any_shipped_parameter():
    """Every shipped parameter a manifest could use to relax a verdict refuses the loosening."""
    from conformance._catalog.parameters import resolve

    catalog = load_catalog()
    tried = 0
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            if spec.direction == "any":
                continue
            value = _looser(spec.direction, spec.default)
            if value is None:
                continue
            tried += 1
            with pytest.raises(HarnessInputError, match=name):
                resolve(profile, {}, {name: value}, str, lambda n: f"m.yaml at $.profiles[0].parameters.{n}")
    assert tried >= 30


@pytest.mark.slow
def test_a_profile_narrowed_run_is_partial_and_judged_over_what_ran(tmp_path, catalog):
    from conformance.reference import SAMPLES

    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "Headset", "version": "1"}, "profiles": ["terminal-descriptor", "terminal-hmd-6dof"],
        "targets": {"descriptors": {"adapter": "file", "paths": [str(SAMPLES / "descriptors" / "vr-headset.json")]},
                    "captures": {"adapter": "file",
                                 "paths": [str(SAMPLES / "captures" / "headset-session.ndjson.gz")]}},
    }))
    result = run(manifest, catalog=catalog, profiles=["terminal-descriptor"], out_dir=tmp_path / "o", formats=["json"])
    assert result.report.scope == "partial"
    assert result.report.selection == {"profiles": ["terminal-descriptor"]}
    assert [p.id for p in result.report.profiles] == ["terminal-descriptor"]
    assert result.exit_code == 0
    whole = run(manifest, catalog=catalog, profiles=["terminal-descriptor", "terminal-hmd-6dof"],
                out_dir=tmp_path / "w", formats=["json"])
    assert whole.report.scope == "full" and whole.report.selection == {}


def test_a_plan_cannot_promote_a_declaration_check(tmp_path, catalog):
    """Issue 70: what a product declares about itself decides no certificate, so a plan may not
    make a declaration check (measures: declared) blocking; one line naming it, exit 2."""
    assert catalog.requirements["TD-POSE-002"].measures == "declared"
    plan = _plan(tmp_path, catalog, {}, profiles={HAND: {"promote": ["TD-POSE-002"]}})
    declared = r"promote: TD-POSE-002 checks only what the product declares"
    with pytest.raises(HarnessInputError, match=declared) as caught:
        load_plan(plan, catalog)
    assert "\n" not in str(caught.value)
    load_plan(_plan(tmp_path, catalog, {}, profiles={HAND: {"promote": ["TD-HAND-002"]}}), catalog)
