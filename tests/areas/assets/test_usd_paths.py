"""Issue 71: asset paths as OpenUSD's own validators judge them.

A reference that resolves inside the root (the file's folder, or ``--root``) to nothing is a
missing reference, a failure of AS-USD-001, bare names (``nonexistent.usd``, no ``./``) too; an
absolute path (``/...``, ``C:/...``) is AS-USD-001's failure naming the path, and one naming a
place outside the root is not opened; only a relative path resolving outside the root is left
unjudged, naming ``--root``. The layers are small usda text written here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.areas._shared import openusd
from tests.conftest import manifest_for, verdicts

pytestmark = [pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)"),
              pytest.mark.usefixtures("usd_zygote")]

HEADER = '#usda 1.0\n(\n    defaultPrim = "Root"\n    metersPerUnit = 1\n    upAxis = "Y"\n)\n\n'
LIMITS = openusd.Limits(seconds=60, memory_mb=2048)


@pytest.fixture(scope="module")
def usd_zygote() -> Iterator[None]:
    """OpenUSD imported once for the module: each check's worker is forked from it, under the
    same cap and budget as a fresh one (openusd.kept, as a warm process and each run judge); the
    working-directory test below judges in a fresh worker, whose directory is the harness's."""
    with openusd.kept():
        yield


def referring(path: Path, asset: str, arc: str = "references") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + f'def Xform "Root" (\n    {arc} = @{asset}@\n)\n{{\n}}\n', encoding="utf-8")
    return path


def missing(judgement: openusd.Judgement, asset: str) -> bool:
    return any(e["validator"] == "usdUtilsValidators:MissingReferenceValidator" and asset in e["message"]
               for e in judgement.errors)


def test_a_bare_name_resolving_to_nothing_beside_the_file_is_a_missing_reference(tmp_path):
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", "nonexistent.usd"), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert missing(judgement, "nonexistent.usd")


def test_a_bare_name_is_not_looked_for_in_the_harness_working_directory(tmp_path, monkeypatch):
    # OpenUSD's default resolver tries a bare name in the working directory: the harness's is
    # never it (a file there is neither read nor a reason to decline)
    elsewhere = tmp_path / "cwd"
    referring(elsewhere / "part.usda", "./other.usda")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(openusd, "_zygote", None)  # a fresh worker: started in the directory chdir named
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", "part.usda"), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert missing(judgement, "part.usda")


def test_a_bare_name_beside_a_nested_layer_resolves_inside_the_root(tmp_path):
    root = tmp_path / "asset"
    referring(root / "parts" / "lid.usda", "hinge.usda")
    referring(root / "parts" / "hinge.usda", "./nothing-else.usda", arc="payload")
    judgement = openusd.check(referring(root / "root.usda", "./parts/lid.usda"), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert missing(judgement, "nothing-else.usda") and not missing(judgement, "hinge.usda")


@pytest.mark.parametrize("asset", ["C:/Users/artist/Desktop/lid.usd", "C:\\Users\\artist\\lid.usd",
                                   "\\\\server\\share\\lid.usd"])
def test_a_windows_absolute_path_is_a_defect_of_the_file_and_the_stage_is_still_judged(tmp_path, asset):
    judgement = openusd.check(referring(tmp_path / "root.usda", asset), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert [d["path"] for d in judgement.defects] == [asset]
    assert asset in judgement.absolute_paths()[0] and "root.usda" in judgement.absolute_paths()[0]


def test_a_unix_absolute_path_outside_the_root_is_a_defect_and_never_opened(tmp_path):
    secret = referring(tmp_path / "secret.usda", "./x.usda")
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", str(secret), arc="payload"),
                              limits=LIMITS)
    assert judgement.refused is not None
    assert judgement.refused["code"] == "usd-path-absolute" and judgement.refused["path"] == str(secret)
    assert str(secret) in judgement.refusal and judgement.errors == []


def test_a_unix_absolute_path_inside_the_root_is_a_defect_though_it_resolves(tmp_path):
    part = referring(tmp_path / "part.usda", "./part.usda", arc="payload")
    part.write_text(HEADER + 'def Xform "Root"\n{\n}\n', encoding="utf-8")
    judgement = openusd.check(referring(tmp_path / "root.usda", str(part)), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert [d["path"] for d in judgement.defects] == [str(part)]
    assert not missing(judgement, "part.usda")  # OpenUSD alone finds nothing wrong


def test_a_missing_path_outside_the_root_is_declined_naming_the_root(tmp_path):
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", "../gone.usda"), limits=LIMITS)
    assert judgement.refused is not None and judgement.refused["code"] == "usd-path-outside"


def _records(catalog, run_manifest, path: Path, requirements: list[str]):
    manifest = manifest_for(catalog, "asset-usd")
    manifest["targets"]["usd_assets"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=requirements)
    return result, {r.requirement: r for r in result.report.requirements}


def test_through_a_run_an_absolute_path_fails_composition_naming_it(tmp_path, catalog, run_manifest):
    layer = referring(tmp_path / "root.usda", "C:/Users/artist/Desktop/lid.usd")
    result, records = _records(catalog, run_manifest, layer, ["AS-USD-001", "AS-USD-002"])
    assert verdicts(result) == {"AS-USD-001": "fail", "AS-USD-002": "pass"}
    evidence = json.dumps(records["AS-USD-001"].evidence)
    assert "usd-path-absolute" in evidence and "C:/Users/artist/Desktop/lid.usd" in evidence


def test_through_a_run_an_absolute_path_not_opened_leaves_the_rest_unjudged(tmp_path, catalog, run_manifest):
    layer = referring(tmp_path / "asset" / "root.usda", "/home/artist/lid.usda", arc="payload")
    result, records = _records(catalog, run_manifest, layer, ["AS-USD-001", "AS-USD-002"])
    assert verdicts(result) == {"AS-USD-001": "fail", "AS-USD-002": "inconclusive"}
    assert "/home/artist/lid.usda" in records["AS-USD-002"].message
    assert "AS-USD-001" in records["AS-USD-002"].message


# A scheme no resolver plug-in registers (OpenUSD's usdResolverExample's asset:, NVIDIA's samples'
# file:/C:/..., an http: URL with the usd-core wheel) is a path to OpenUSD's default resolver, which
# anchors it inside the folder: a missing reference, as UsdValidation reports it on its own.
@pytest.mark.parametrize("asset", ["asset:Buzz/Buzz.usd", "file:/C:/path/to/file.usd",
                                   "https://example.org/lid.usda", "anon:dummy:cubes.usda"])
def test_a_scheme_no_resolver_handles_is_a_path_resolving_to_nothing(tmp_path, asset):
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", asset, arc="payload"), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert any(e["validator"] == "usdValidation:CompositionErrorTest" for e in judgement.errors)


def test_format_arguments_are_no_scheme(tmp_path):
    # usdRecursivePayloadsExample's payloads: a file format with no plug-in here, named with arguments
    asset = "cone.usdexample:SDF_FORMAT_ARGS:payloadId=Foo"
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", asset, arc="payload"), limits=LIMITS)
    assert judgement.refused is None, judgement.refusal
    assert any(e["validator"] == "usdValidation:CompositionErrorTest" for e in judgement.errors)


def test_a_scheme_that_leads_out_of_the_folder_is_still_declined(tmp_path):
    # the default resolver normalises http://../../secret.usda to ../secret.usda: outside the root
    referring(tmp_path / "secret.usda", "./x.usda")
    judgement = openusd.check(referring(tmp_path / "asset" / "root.usda", "http://../../secret.usda"),
                              limits=LIMITS)
    assert judgement.refused is not None and judgement.refused["code"] == "usd-path-outside"


def test_only_a_scheme_a_resolver_plug_in_registers_is_declined_as_a_uri():
    from conformance.areas._shared import usd_worker

    schemes = frozenset({"omniverse"})
    assert usd_worker._resolver_uri("omniverse://server/lid.usd", schemes)
    assert usd_worker._resolver_uri("OmniVerse://server/lid.usd", schemes)
    assert not usd_worker._resolver_uri("asset:Buzz/Buzz.usd", schemes)
    assert not usd_worker._resolver_uri("C:/Users/lid.usd", schemes)
    assert not usd_worker._resolver_uri("omniverse.usda", schemes)


def test_through_a_run_a_uri_no_resolver_handles_fails_composition(tmp_path, catalog, run_manifest):
    layer = referring(tmp_path / "root.usda", "asset:Buzz/Buzz.usd")
    result, records = _records(catalog, run_manifest, layer, ["AS-USD-001", "AS-USD-002"])
    assert verdicts(result) == {"AS-USD-001": "fail", "AS-USD-002": "pass"}
    assert "asset:Buzz/Buzz.usd" in json.dumps(records["AS-USD-001"].evidence)
