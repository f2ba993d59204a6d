"""Parameters with a direction, and the certification plan: the profile's default is the
standard's value; a pilot program's plan, then a manifest, may only tighten a threshold (no
further than the strict end of its bounds), nobody sets a number the standard fixes, and the
report says who set what."""

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


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_every_shipped_threshold_has_a_finite_standard_value_at_the_loose_end_of_its_bounds():
    """The catalog-wide property behind issue 70: every number that decides a verdict has a
    direction, a finite default (the standard's value) that is the loose end of its bounds and a
    strict end; a number nobody moves has no bounds; a number a manifest may set is bounded."""
    import math

    catalog = load_catalog()
    thresholds = 0
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            where = f"profiles/{profile.id}.yaml parameters.{name}"
            assert spec.stricter is not None, f"{where}: declare stricter: lower | higher | none | any"
            if not _number(spec.default):
                assert spec.bounds is None, where
                continue
            assert math.isfinite(spec.default), where
            if spec.direction == "none":
                assert spec.bounds is None, f"{where}: fixed by the standard, it takes no bounds"
                continue
            assert spec.bounds is not None and None not in (spec.bounds.min, spec.bounds.max), \
                f"{where}: a number a plan or a manifest sets needs both ends of its bounds"
            if spec.direction == "any":
                continue
            thresholds += 1
            loose, strict = ((spec.bounds.max, spec.bounds.min) if spec.direction == "lower"
                             else (spec.bounds.min, spec.bounds.max))
            assert loose == spec.default, f"{where}: the standard's value {spec.default} is the loose end, not {loose}"
            assert math.isfinite(strict), where
    assert thresholds >= 138


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
    assert "loosens bone_tolerance_m (the standard's value 0.005; a manifest may only lower it, stricter: lower)" \
        in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(("name", "value", "says"), [
    ("rate_tolerance", 0.5, "may only lower it"),
    ("rate_tolerance", 0.05, None),  # the default: not a change
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


def test_a_seed_the_standard_fixes_is_refused_from_a_manifest_and_from_a_plan(tmp_path, catalog):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "R", "version": "1"},
        "profiles": [{"id": "asset-registry", "parameters": {"stateful_seed": 1}}],
        "targets": {"api": {"adapter": "http", "base_url": "http://127.0.0.1:9"}},
    }))
    fixed = r"stateful_seed is fixed by the standard at 20240501 \(stricter: none\): {} may not set it"
    with pytest.raises(HarnessInputError, match=fixed.format("a manifest")):
        run(manifest, catalog=catalog, out_dir=tmp_path / "o")
    plan = _plan(tmp_path, catalog, {}, profiles={"asset-registry": {"parameters": {"stateful_seed": 20240501}}})
    with pytest.raises(HarnessInputError, match=fixed.format("a certification plan")):
        load_plan(plan, catalog)
    assert not (tmp_path / "o").exists()


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
def test_a_plan_may_tighten_and_the_report_names_it(tmp_path, catalog):
    plan = _plan(tmp_path, catalog, {"bone_tolerance_m": 0.004})
    after = run(_manifest(tmp_path), catalog=catalog, out_dir=tmp_path / "after", formats=["json"],
                certification=plan)
    assert after.exit_code == 1  # the stretched bone fails TD-HAND-002, the more so at a stricter tolerance
    report = orjson.loads((tmp_path / "after" / "report.json").read_bytes())
    assert report["certification_plan"]["id"] == "smp-2026-hands"
    assert report["certification_plan"]["program"] == "Shanghai metaverse pilot"
    assert len(report["certification_plan"]["sha256"]) == 64
    assert report["profiles"][0]["overrides"] == [
        {"name": "bone_tolerance_m", "value": 0.004, "default": 0.005, "set_by": "plan"}]


def test_a_manifest_may_tighten_what_the_plan_set_never_loosen_it(tmp_path, catalog):
    plan = _plan(tmp_path, catalog, {"bone_tolerance_m": 0.004})
    with pytest.raises(HarnessInputError, match=r"loosens bone_tolerance_m \(the standard's value 0\.005, the "
                                                 r"certification plan's 0\.004; a manifest may only lower it"):
        run(_manifest(tmp_path, {"bone_tolerance_m": 0.005}), catalog=catalog, out_dir=tmp_path / "x",
            certification=plan)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(("value", "says"), [
    (0.03, r"this loosens bone_tolerance_m \(the standard's value 0\.005; a certification plan may only lower it, "
           r"stricter: lower\)"),
    (0.0001, r"0\.0001 tightens bone_tolerance_m past the strictest value the profile allows \(0\.0005; the "
             r"standard's value 0\.005\)"),
])
def test_a_plan_that_loosens_or_tightens_past_the_strict_end_is_refused(tmp_path, catalog, value, says):
    plan = _plan(tmp_path, catalog, {"bone_tolerance_m": value})
    with pytest.raises(HarnessInputError, match=r"plan\.yaml at \$\.profiles\.terminal-hand-tracking\.parameters"
                                                 r"\.bone_tolerance_m: " + says):
        run(_manifest(tmp_path), catalog=catalog, out_dir=tmp_path / "o", certification=plan)
    assert not (tmp_path / "o").exists()


def test_a_profile_without_a_normative_requirement_is_never_certified(tmp_path, catalog):
    """Issue 63: conformance to a profile holding only draft or candidate requirements cannot be
    claimed: a plan may name one (a trial's parameters), but a run under it is not signed, in one
    line, before anything runs; a plan whose profiles each hold one is."""
    from conformance.certification.plans import refuse_unclaimable

    assert not catalog.normative_requirements(catalog.profiles["asset-usd"])
    assert catalog.normative_requirements(catalog.profiles[HAND])
    trial = load_plan(_plan(tmp_path, catalog, {}, profiles={HAND: {}, "asset-usd": {}}), catalog)
    assert set(trial.profiles) == {HAND, "asset-usd"}  # read: its runs are judged
    with pytest.raises(HarnessInputError, match=r"plan\.yaml at \$\.profiles\.asset-usd: profile asset-usd "
                                                 r"holds no normative requirement .* cannot be claimed") as caught:
        refuse_unclaimable(trial, catalog)
    assert "\n" not in str(caught.value)
    refuse_unclaimable(load_plan(_plan(tmp_path, catalog, {}, profiles={HAND: {}}), catalog), catalog)


def test_a_run_under_a_plan_naming_an_unclaimable_profile_is_not_signed(tmp_path, catalog):
    from conformance.certification.attestation import generate_keys

    generate_keys(tmp_path / "k.key")
    plan = _plan(tmp_path, catalog, {}, profiles={HAND: {}, "asset-usd": {}})
    manifest = yaml.safe_load(_manifest(tmp_path).read_text())
    manifest["profiles"].append({"id": "asset-usd"})
    manifest["targets"]["usd_assets"] = {"adapter": "file", "paths": [str(tmp_path / "none.usda")]}  # never read
    (tmp_path / "acme.yaml").write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError, match=r"asset-usd holds no normative requirement"):
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
    ({"default": "x", "stricter": "lower"}, "stricter: lower needs a number, a boolean, a list or a string of its"),
    ({"default": None, "stricter": "lower"}, "stricter: lower needs a number, a boolean, a list or a string of its"),
    ({"default": "x", "stricter": "higher", "values": {"enum": ["y", "z"]}}, "stricter: higher needs a number"),
    ({"default": "x", "stricter": "none", "bounds": {"min": 1}}, "bounds apply to numbers only"),
    ({"default": 5, "stricter": "lower", "bounds": {"min": 1, "max": 3}}, "the default 5 lies outside its own bounds"),
    ({"default": 2, "stricter": "lower", "bounds": {"min": 1, "max": 3}},
     r"the default 2 is not the loose end of its bounds \(max: 3\)"),
    ({"default": 2, "stricter": "higher", "bounds": {"min": 1, "max": 3}},
     r"the default 2 is not the loose end of its bounds \(min: 1\)"),
    ({"default": 2, "stricter": "lower"}, r"a threshold needs the strict end of its bounds \(min:"),
    ({"default": 2, "stricter": "higher", "bounds": {"min": 2}}, r"a threshold needs the strict end of its bounds \(max:"),
    ({"default": 2, "stricter": "none", "bounds": {"min": 1, "max": 3}}, "stricter: none is fixed by the standard"),
    ({"default": 0.5, "stricter": "any"}, r"a number of stricter: any needs bounds"),
])
def test_a_parameter_declared_so_it_cannot_hold_is_a_catalog_error(tmp_path, spec, says):
    from conformance.errors import CatalogError
    from tests.minicatalog import PROFILE, write_catalog

    root = write_catalog(tmp_path / "catalog", profile={**PROFILE, "parameters": {"limit": spec}})
    with pytest.raises(CatalogError, match=rf"profiles/mini\.yaml at \$\.parameters\.limit: {says}"):
        load_catalog(root)


def _looser(spec):
    """A value that loosens the standard's value of ``spec`` (None: there is none to try)."""
    direction, default = spec.direction, spec.default
    if direction == "none":  # fixed: any value is refused, the standard's own included
        return default
    if isinstance(default, bool):
        return None if (direction == "higher") is (not default) else (not default)
    if isinstance(default, list):
        return default[:-1] if direction == "higher" and default else (default + ["another"] if default else None)
    if _number(default):
        step = abs(default) / 10 or 1
        return default + step if direction == "lower" else default - step
    return None


@pytest.mark.parametrize("source", ["plan", "manifest"])
def test_no_plan_nor_manifest_can_loosen_any_shipped_parameter(source):
    """Issue 70's goal, counted over the whole catalog: for every parameter that is no setting
    (``any``), its loosening move, from a plan and from a manifest, is bad input naming it; and
    every numeric threshold refuses a step past the strict end of its bounds too."""
    from conformance._catalog.parameters import resolve, strict_end

    catalog = load_catalog()
    tried = loosenable = 0
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            if spec.direction == "any":
                continue
            value = _looser(spec)
            if value is None:
                continue
            tried += 1
            moves = [value]
            end = strict_end(spec)
            if end is not None:
                moves.append(end - (abs(end) / 10 or 1) if spec.direction == "lower" else end + (abs(end) / 10 or 1))
            for move in moves:
                given = {name: move}
                try:
                    resolve(profile, given if source == "plan" else {}, given if source == "manifest" else {},
                            lambda n: f"plan.yaml at $.parameters.{n}", lambda n: f"m.yaml at $.parameters.{n}")
                except HarnessInputError as exc:
                    assert name in exc.line() and "\n" not in exc.line()
                else:
                    loosenable += 1
    assert loosenable == 0
    assert tried >= 150


def test_a_numeric_setting_stays_within_its_bounds_from_a_manifest_as_from_a_plan():
    from conformance._catalog.model import Profile
    from conformance._catalog.parameters import resolve

    profile = Profile.model_validate({
        "id": "p", "version": "1", "title": {"en": "p", "zh": "p"}, "targets": {}, "requirements": [],
        "parameters": {"port": {"default": 8080, "stricter": "any", "bounds": {"min": 1, "max": 65535}}}})
    for plan, claim in (({"port": 70000}, {}), ({}, {"port": 70000})):
        with pytest.raises(HarnessInputError, match=r"70000 is outside the profile's bounds \[1, 65535\]"):
            resolve(profile, plan, claim, str, str)
    assert resolve(profile, {}, {"port": 9000}, str, str)[0]["port"] == 9000


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
