"""Content references: which local file a URI reference names, and its hash."""

from __future__ import annotations

import hashlib

from conformance.areas.assets.content import resolve, sha256_file


def test_relative_references_resolve_inside_the_metadata_folder(tmp_path):
    (tmp_path / "content").mkdir()
    model = tmp_path / "content" / "my model.glb"
    model.write_bytes(b"glTF" * 1000)
    assert resolve(tmp_path, "content/my%20model.glb").path == model.resolve()
    assert resolve(tmp_path, "./content/../content/my model.glb").path == model.resolve()
    assert sha256_file(model) == (hashlib.sha256(b"glTF" * 1000).hexdigest(), 4000)


def test_absolute_uris_are_remote_and_not_followed(tmp_path):
    for uri in ("https://cdn.example/a.glb", "ipfs://bafy/a.glb", "//cdn.example/a.glb", "file:///etc/passwd"):
        target = resolve(tmp_path, uri)
        assert target.remote and target.path is None


def test_references_that_leave_the_folder_are_refused(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "pkg" / "link").symlink_to(tmp_path / "secret.txt")
    for uri in ("../secret.txt", "/etc/passwd", "link", "a.glb?v=2", ""):
        target = resolve(tmp_path / "pkg", uri)
        assert target.path is None and target.refused, uri


def test_a_fragment_is_removed_and_a_query_names_no_file(tmp_path):
    """RFC 3986, 3.5: the fragment is separated before the retrieval, so `a.glb#x` is the file a.glb (issue 76,
    sixty-seventh reading, b6: it was refused under R3); a query asks a server, and no file of the folder answers it."""
    model = tmp_path / "a.glb"
    model.write_bytes(b"glTF")
    for uri in ("a.glb#x", "a.glb#", "./a.glb#node/0"):
        assert resolve(tmp_path, uri).path == model.resolve(), uri
    for uri in ("a.glb?v=1", "a.glb?", "a.glb?v=1#x"):
        target = resolve(tmp_path, uri)
        assert target.path is None and "query" in str(target.refused), uri
    assert resolve(tmp_path, "#x").path is None  # the metadata document itself: no content file
    assert resolve(tmp_path, "https://cdn.example/a.glb#x").remote
