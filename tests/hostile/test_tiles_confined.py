"""The official 3D Tiles validator reads nothing outside the folder a tileset was declared in
(issue 62): a tileset whose content URI is ``../../secret.b3dm`` (or reaches it through an
external tileset, a query string, a link, a glTF buffer) leaves SC-TILE-006 inconclusive, and
the file outside is never opened, by the harness or by the validator: the kernel's inotify
watch on it records no open.

The validator is a stand-in (the real one is an optional install) that reads as the real one
does: every ``uri`` of the tileset and of its external tilesets, and every buffer of a glTF
content, resolved against the file naming it with ``decodeURIComponent`` and read with ``fs``;
what it reads it echoes into its report, so a leak would show there too."""

from __future__ import annotations

import ctypes
import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from conformance.areas._shared import khronos
from conformance.areas.scenes import cesium

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")

SECRET = b"SECRET-OUTSIDE-THE-ROOT"
IN_ACCESS, IN_OPEN = 0x1, 0x20
READS_AS_THE_VALIDATOR = r"""
const fs = require("fs"), path = require("path");
function uris(value, out) {
  if (Array.isArray(value)) value.forEach((v) => uris(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) (k === "uri" && typeof v === "string") ? out.push(v) : uris(v, out);
  return out;
}
function follow(file, read) {
  let text;
  try { text = fs.readFileSync(file, "utf8"); } catch (e) { read.push("denied " + e.code); return; }
  read.push(text.slice(0, 40));
  let json; try { json = JSON.parse(text); } catch (e) { return; }
  for (const uri of uris(json, [])) follow(path.resolve(path.dirname(file), decodeURIComponent(uri)), read);
}
exports.Validators = { validateTilesetFile: async (file) => {
  const read = []; follow(file, read);
  const issues = read.map((r) => ({type: "READ", path: "", message: r, severity: "INFO"}));
  return { toJson: () => ({date: "d", numErrors: 0, numWarnings: 0, numInfos: issues.length, issues}) };
} };
"""


@pytest.fixture
def validator(tmp_path, monkeypatch):
    try:
        khronos.node_executable()
    except khronos.Unavailable:
        pytest.skip("no Node.js")
    package = tmp_path / "pkg" / "3d-tiles-validator"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "3d-tiles-validator", "version": cesium.PIN["version"],
                                                      "main": "index.js"}), encoding="utf-8")
    (package / "index.js").write_text(READS_AS_THE_VALIDATOR, encoding="utf-8")
    monkeypatch.setenv(cesium.ENV, str(package))
    cesium._cache.clear()
    yield package
    cesium._cache.clear()


class Watch:
    """The kernel's record of every open or read of one file (inotify), from now on."""

    def __init__(self, path: Path) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK)
        assert self.fd >= 0 and self.libc.inotify_add_watch(self.fd, str(path).encode(), IN_OPEN | IN_ACCESS) >= 0

    def events(self) -> int:
        try:
            return len(os.read(self.fd, 65536))
        except BlockingIOError:
            return 0


def _tileset(content: dict) -> dict:
    return {"asset": {"version": "1.1"}, "geometricError": 10,
            "root": {"boundingVolume": {"sphere": [0, 0, 0, 10]}, "geometricError": 0, "content": content}}


def _judge(tmp_path: Path, tileset: Path, root: Path | None = None) -> tuple[object, str]:
    from conformance._run.engine import run

    tmp_path.mkdir(exist_ok=True)
    manifest = tmp_path / "m.yaml"
    target = {"adapter": "file", "paths": [str(tileset)], **({"root": str(root)} if root else {})}
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "t", "version": "1"},
        "profiles": [{"id": "scene-3d-tiles", "features": ["whole-specification"]}],
        "targets": {"tilesets": target}}))
    result = run(manifest, requirements=["SC-TILE-006"], out_dir=tmp_path / "out", formats=["json"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-TILE-006"]
    return judged, json.dumps([dict(e) for e in judged.evidence], default=str)


def _layout(tmp_path: Path) -> tuple[Path, Path]:
    """tmp/secret.b3dm outside, and the declared folder tmp/a/b (two levels below it)."""
    secret = tmp_path / "secret.b3dm"
    secret.write_bytes(SECRET)
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    return secret, folder


def _write(path: Path, value: dict) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


@pytest.mark.parametrize("uri", ["../../secret.b3dm", "%2e%2e/%2E%2E/secret.b3dm", "x.b3dm?q=/../../../secret.b3dm"])
def test_a_content_uri_out_of_the_folder_is_never_opened(validator, tmp_path, uri):
    secret, folder = _layout(tmp_path)
    tileset = _write(folder / "tileset.json", _tileset({"uri": uri}))
    watch = Watch(secret)
    judged, evidence = _judge(tmp_path, tileset)
    assert judged.verdict.value == "inconclusive"
    assert "not given to the 3D Tiles validator" in evidence and uri in evidence
    assert SECRET.decode() not in evidence
    assert watch.events() == 0
    secret.read_bytes()  # the watch sees an open: its silence above is a real one
    assert watch.events() > 0


def test_an_external_tileset_leading_out_is_followed_and_refused(validator, tmp_path):
    """The entry tileset alone is declared; its external tileset (inside, undeclared) names the file outside."""
    secret, folder = _layout(tmp_path)
    (folder / "sub").mkdir()
    _write(folder / "sub" / "external.json", _tileset({"uri": "../../../secret.b3dm"}))
    tileset = _write(folder / "tileset.json", _tileset({"uri": "sub/external.json"}))
    watch = Watch(secret)
    judged, evidence = _judge(tmp_path, tileset)
    assert judged.verdict.value == "inconclusive" and "../../../secret.b3dm" in evidence
    assert watch.events() == 0


def test_a_link_inside_the_folder_to_the_file_outside_is_refused(validator, tmp_path):
    secret, folder = _layout(tmp_path)
    (folder / "inside.b3dm").symlink_to(secret)
    tileset = _write(folder / "tileset.json", _tileset({"uri": "inside.b3dm"}))
    watch = Watch(secret)
    judged, evidence = _judge(tmp_path, tileset)
    assert judged.verdict.value == "inconclusive" and "resolves outside" in evidence
    assert watch.events() == 0


@pytest.mark.parametrize("linked", [False, True])
def test_what_the_validator_reads_beyond_the_walk_is_confined_while_it_runs(validator, tmp_path, linked):
    """A glTF content's buffer (which the harness's walk does not model) names the file outside,
    directly or through a link inside the folder: Node.js's permission model and the runner's
    guard refuse the read, and the tileset is unjudged, naming the path."""
    secret, folder = _layout(tmp_path)
    if linked:
        (folder / "buffer.bin").symlink_to(secret)
    _write(folder / "model.gltf", {"asset": {"version": "2.0"},
                                   "buffers": [{"uri": "buffer.bin" if linked else "../../secret.b3dm"}]})
    tileset = _write(folder / "tileset.json", _tileset({"uri": "model.gltf"}))
    watch = Watch(secret)
    judged, evidence = _judge(tmp_path, tileset)
    assert judged.verdict.value == "inconclusive"
    assert "tried to read outside" in evidence and SECRET.decode() not in evidence
    assert watch.events() == 0


def test_a_tileset_inside_its_folder_is_validated(validator, tmp_path):
    """The control: the same layout with content inside is given to the validator and passes."""
    _, folder = _layout(tmp_path)
    (folder / "tile.b3dm").write_bytes(b"b3dm")
    tileset = _write(folder / "tileset.json", _tileset({"uri": "tile.b3dm"}))
    judged, evidence = _judge(tmp_path, tileset)
    assert judged.verdict.value == "pass", evidence


def test_a_declared_root_lets_the_validator_read_a_sibling_folder_and_nothing_above(validator, tmp_path):
    """The target's root (validate --root) declares where references may lead: content in a
    sibling folder under it is given to the validator and read; the file above the root is not."""
    secret, folder = _layout(tmp_path)
    (tmp_path / "a" / "shared").mkdir()
    (tmp_path / "a" / "shared" / "tile.b3dm").write_bytes(b"b3dm")
    tileset = _write(folder / "tileset.json", _tileset({"uri": "../shared/tile.b3dm"}))
    assert _judge(tmp_path / "no-root", tileset)[0].verdict.value == "inconclusive"
    judged, evidence = _judge(tmp_path / "root", tileset, root=tmp_path / "a")
    assert judged.verdict.value == "pass", evidence
    _write(folder / "tileset.json", _tileset({"uri": "../../secret.b3dm"}))
    watch = Watch(secret)
    assert _judge(tmp_path / "root-escaped", tileset, root=tmp_path / "a")[0].verdict.value == "inconclusive"
    assert watch.events() == 0
