"""The catalog ships inside the wheel: the demo runs from an installed wheel, outside the checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest

from conformance._catalog.catalog import load_catalog
from tests.paths import ROOT

pytestmark = pytest.mark.slow  # builds and installs a wheel


def test_wheel_carries_the_catalog_and_runs_the_demo(demo_run, tmp_path):
    """The session's demo ran from the wheel built from this checkout, installed outside it
    (tests/conftest.py: one demo for this test and the demo's own tests)."""
    names = zipfile.ZipFile(demo_run.wheel).namelist()
    for expected in (
        "conformance/_catalog/shipped/suites/interfaces/requirements.yaml",
        "conformance/_catalog/shipped/schemas/report/report.json",
        "conformance/_catalog/shipped/profiles/interfaces-core.yaml",
        "conformance/templates/report.html.j2",
        "conformance/templates/report.js",
        "conformance/suites.ini",
        "conformance/py.typed",
        # hypothesis's Unicode table for each Python's Unicode version (3.11 to 3.13)
        "conformance/_run/charmaps/charmap-14.0.0.json.gz",
        "conformance/_run/charmaps/charmap-15.1.0.json.gz",
        # the Khronos glTF-Validator, fetched and integrity-checked by hatch_build.py
        "conformance/areas/_shared/_vendor/gltf-validator/package.json",
        "conformance/areas/_shared/_vendor/gltf-validator/gltf_validator.dart.js",
        # MATTR's BBS+ library (BbsBlsSignature2020), fetched the same way; its WebAssembly build
        "conformance/areas/_shared/_vendor/bbs-signatures/package.json",
        "conformance/areas/_shared/_vendor/bbs-signatures/lib/wasm.js",
        # what `conformance programme init` copies (issue 73): the example cohort and its files
        "conformance/_catalog/shipped/examples/programme/programme.yaml",
        "conformance/_catalog/shipped/examples/device-export.yaml",
        "conformance/_catalog/shipped/examples/certification/plan.yaml",
    ):
        assert expected in names

    site = demo_run.site
    assert demo_run.returncode == 0, demo_run.stdout + demo_run.stderr
    report = orjson.loads((demo_run.out / "report.json").read_bytes())
    # the installed catalog and package are exactly the checkout's ones
    assert report["catalog_digest"] == load_catalog(ROOT).digest
    # ... and the demo ran them, not the checkout: the samples its manifest names are the
    # installed package's, and no path of the checkout is in its report
    text = (demo_run.out / "report.json").read_text(encoding="utf-8")
    assert f"{site / 'conformance' / 'reference' / 'samples'}" in text and str(ROOT) not in text
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    env.pop("CONFORMANCE_CATALOG", None)
    located = subprocess.run(
        [sys.executable, "-c", "import conformance._catalog.catalog as c; print(c.default_root())"],
        capture_output=True, text=True, cwd=work, env=env, check=True,
    )
    assert Path(located.stdout.strip()).is_relative_to(site)

    # pytest with the plugin, in a vendor's folder, no path: the installed catalog's suites.
    shipped = site / "conformance" / "_catalog" / "shipped"
    fixture = shipped / "suites" / "identity" / "fixtures" / "did-doc-private-jwk.json"
    (work / "m.yaml").write_text(
        "product: {name: Acme, version: '1'}\nprofiles: [identity-document]\n"
        f"targets: {{did_documents: {{adapter: file, paths: ['{fixture}']}}}}\n", encoding="utf-8")
    driven = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "--conformance-manifest", "m.yaml"],
        capture_output=True, text=True, cwd=work, env={**env, "COLUMNS": "250"}, timeout=300,
    )
    assert driven.returncode == 1, driven.stdout + driven.stderr
    assert "FAILED" in driven.stdout and "ID-DOC-002 fails" in driven.stdout, driven.stdout
    passed = len(load_catalog(ROOT).profile("identity-document").all_requirements()) - 2  # all but the 2 failing
    assert f"conformance: {passed} passed, 2 failed" in driven.stdout, driven.stdout


def test_programme_init_works_from_the_installed_wheel(demo_run, tmp_path):
    """Issue 73: after a non-editable install, outside any clone, `programme init` copies the
    example cohort the wheel carries (it said "examples/ is not in the wheel", exit 2)."""
    env = {**os.environ, "PYTHONPATH": str(demo_run.site), "NO_COLOR": "1"}
    env.pop("CONFORMANCE_CATALOG", None)
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "programme", "init", str(tmp_path / "pilot")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "pilot" / "programme.yaml").is_file() and (tmp_path / "pilot" / "platform.yaml").is_file()
    assert str(ROOT) not in (tmp_path / "pilot" / "programme.yaml").read_text(encoding="utf-8")


def test_the_release_builds_pass_twine_check(tmp_path):
    """What the release workflow publishes: an sdist and a wheel built from the tree, both
    accepted by `twine check --strict` (metadata, long description renders)."""
    dist = tmp_path / "dist"
    # as the release workflow builds: a pure wheel (the compiled parser comes with source installs)
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=600, env={**os.environ, "CONFORMANCE_SKIP_COMPILED": "1"},
    )
    built = sorted(p.name for p in dist.iterdir())
    assert sorted(n.rsplit(".", 1)[-1] for n in built) == ["gz", "whl"], built
    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2, checked.stdout
    # the install commands in the docs name the wheel exactly as the build writes it
    wheel = next(n for n in built if n.endswith(".whl"))
    for doc in ("docs/install.md", "docs/ci.md"):
        named = set(re.findall(r"metaverse_conformance-[^\s/]+?\.whl", (ROOT / doc).read_text(encoding="utf-8")))
        assert named == {wheel}, (doc, named, wheel)
