"""What the 3D Tiles validator would follow out of a tileset's root (conformance.areas.scenes.confine),
found before it runs, and how its process is confined while it runs (cesium.permission_flags)."""

from __future__ import annotations

import json

import pytest

from conformance.areas.scenes import cesium, confine


def _tileset(**root) -> dict:
    return {"asset": {"version": "1.1"}, "geometricError": 1,
            "root": {"boundingVolume": {"sphere": [0, 0, 0, 1]}, "geometricError": 0, **root}}


def _refused(tmp_path, data, root=None):
    folder = tmp_path / "root" / "tiles"
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / "tileset.json"
    entry.write_text(json.dumps(data), encoding="utf-8")

    def load(path):
        return json.loads(path.read_text(encoding="utf-8"))
    return confine.refusals(entry, data, root or folder, load)


@pytest.mark.parametrize("uri", ["../x.b3dm", "%2E%2E/x.b3dm", "a/../../x.b3dm", "x.b3dm?v=/../../x",
                                 "x.b3dm#/../../x", "/etc/passwd", "file:///etc/passwd", "//host/share/x"])
def test_a_reference_out_of_the_folder_is_refused(tmp_path, uri):
    [refusal] = _refused(tmp_path, _tileset(content={"uri": uri}))
    assert refusal.uri == uri and refusal.pointer == "/root/content/uri"


@pytest.mark.parametrize("uri", ["x.b3dm", "a/../x.b3dm", "data:application/octet-stream;base64,AA==",
                                 "https://example.org/x.b3dm", "sub%20dir/x.b3dm"])
def test_a_reference_inside_or_not_a_file_is_not_refused(tmp_path, uri):
    assert _refused(tmp_path, _tileset(content={"uri": uri})) == []


def test_a_declared_root_lets_references_reach_its_other_folders(tmp_path):
    data = _tileset(content={"uri": "../shared/x.b3dm"})
    assert len(_refused(tmp_path, data)) == 1
    assert _refused(tmp_path, data, root=tmp_path / "root") == []


def test_every_uri_member_is_walked_templates_at_zero(tmp_path):
    """contents, implicit content and subtree templates, schemaUri, the 1.0 extensions' forms."""
    data = _tileset(contents=[{"uri": "ok.glb"}, {"uri": "../{level}.glb"}],
                    implicitTiling={"subtrees": {"uri": "{z}/../../s.subtree"}},
                    extensions={"3DTILES_metadata": {"schemaUri": "../../schema.json"}})
    pointers = sorted(r.pointer for r in _refused(tmp_path, data))
    assert pointers == ["/root/contents/1/uri", "/root/extensions/3DTILES_metadata/schemaUri",
                        "/root/implicitTiling/subtrees/uri"]


def test_external_tilesets_are_followed_once_each(tmp_path):
    folder = tmp_path / "root" / "tiles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "ext.json").write_text(json.dumps(_tileset(children=[
        {"boundingVolume": {"sphere": [0, 0, 0, 1]}, "geometricError": 0, "content": {"uri": "../tileset.json"}},
        {"boundingVolume": {"sphere": [0, 0, 0, 1]}, "geometricError": 0, "content": {"uri": "../../../y.b3dm"}}])))
    [refusal] = _refused(tmp_path, _tileset(content={"uri": "sub/ext.json"}))
    assert refusal.file.name == "ext.json" and refusal.uri == "../../../y.b3dm"


def test_a_link_resolving_outside_is_refused(tmp_path):
    outside = tmp_path / "outside.b3dm"
    outside.write_bytes(b"x")
    (tmp_path / "root" / "tiles").mkdir(parents=True)
    (tmp_path / "root" / "tiles" / "in.b3dm").symlink_to(outside)
    [refusal] = _refused(tmp_path, _tileset(content={"uri": "in.b3dm"}))
    assert "resolves outside" in str(refusal.why)


def test_the_walk_stops_at_its_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(confine, "MAX_TILESETS", 2)
    folder = tmp_path / "root" / "tiles"
    folder.mkdir(parents=True)
    for i in range(3):
        (folder / f"t{i}.json").write_text(json.dumps(_tileset(content={"uri": f"t{i + 1}.json"})))
    [refusal] = _refused(tmp_path, _tileset(content={"uri": "t0.json"}))
    assert "more than 2" in str(refusal.why)


def test_the_validator_runs_under_the_permission_model(tmp_path, monkeypatch):
    package = tmp_path / "node_modules" / "3d-tiles-validator"
    monkeypatch.setattr(cesium.khronos, "node_version", lambda: (24, 1))
    flags = cesium.permission_flags(package, tmp_path / "root")
    assert flags[0] == "--permission" and "--allow-child-process" not in flags
    granted = {f"--allow-fs-read={p}" for p in (tmp_path / "root", package.resolve(), package.parent.resolve())}
    assert granted <= set(flags)
    monkeypatch.setattr(cesium.khronos, "node_version", lambda: (20, 20))
    assert cesium.permission_flags(package, tmp_path)[0] == "--experimental-permission"
    monkeypatch.setattr(cesium.khronos, "node_version", lambda: (18, 0))
    assert cesium.permission_flags(package, tmp_path) == []


def test_the_budget_counts_external_tilesets_only(tmp_path, monkeypatch):
    """Sixty-ninth reading, c2: 5.1's bound 「跟随的外部瓦片集数」 is of external tilesets; the entry is not one, so a
    tileset reaching exactly the bound's number is walked whole, and one more is refused with the bound named."""
    monkeypatch.setattr(confine, "MAX_TILESETS", 2)
    folder = tmp_path / "root" / "tiles"
    folder.mkdir(parents=True)
    (folder / "t0.json").write_text(json.dumps(_tileset(content={"uri": "t1.json"})))
    (folder / "t1.json").write_text(json.dumps(_tileset()))
    assert _refused(tmp_path, _tileset(content={"uri": "t0.json"})) == []
    (folder / "t1.json").write_text(json.dumps(_tileset(content={"uri": "t2.json"})))
    (folder / "t2.json").write_text(json.dumps(_tileset()))
    [refusal] = _refused(tmp_path, _tileset(content={"uri": "t0.json"}))
    assert "external tilesets followed" in str(refusal.why) and refusal.uri == "t2.json"
