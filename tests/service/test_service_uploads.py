"""Uploads (issue 78, fourth round): a file sent through the Files page's multipart form is kept
for its organisation only, under its own plain name, within the service's bound, read back by the
harness's own bounded read; a traversal name, an over-size body (declared or streamed) and a
form without its CSRF token are refused, and nothing is written outside the organisation's folder."""

from __future__ import annotations

import hashlib
import re

import pytest

from conformance.service.app import create_app
from conformance.service.config import load_config
from tests.service.test_service import csrf_of, signed_up

pytest.importorskip("python_multipart", reason="the service extra's python-multipart parses uploads")
BOUND = 1024


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    config = load_config(tmp_path_factory.mktemp("uploads"), secure_cookies=False)
    return create_app(type(config)(**{**config.__dict__, "max_upload_bytes": BOUND}))


def upload(browser, name: str, data: bytes, csrf: str | None = None):
    return browser.post("/files", data={"csrf": csrf_of(browser, "/files") if csrf is None else csrf},
                        files={"file": (name, data, "application/x-ndjson")})


def test_a_good_file_is_kept_for_its_organisation_only(app):
    vendor, other = signed_up(app, "files@example.com"), signed_up(app, "files-other@example.com")
    data = b'{"t": 0, "pose": [0, 1.6, 0]}\n' * 20
    stored = upload(vendor, "head-session.ndjson", data)
    assert stored.status_code == 200, stored.text
    assert hashlib.sha256(data).hexdigest() in stored.text
    kept = list((app.state.service.config.folder / "uploads").rglob("head-session.ndjson"))
    assert len(kept) == 1 and kept[0].read_bytes() == data
    assert "<code>head-session.ndjson</code></td><td>600</td>" in vendor.get("/files").text
    assert "head-session.ndjson" not in other.get("/files").text  # another organisation's files: not there
    replaced = upload(vendor, "head-session.ndjson", b"{}\n")
    assert replaced.status_code == 200 and kept[0].read_bytes() == b"{}\n"


@pytest.mark.parametrize("name", ["../../service.key", "..", ".hidden", "a/b.json", "..\\\\x.json", "x\x00.json"],
                         ids=["traversal", "dotdot", "dotfile", "folder", "backslash", "nul"])
def test_a_name_outside_the_pattern_is_refused_and_nothing_is_written(app, name):
    vendor = signed_up(app, f"names-{abs(hash(name))}@example.com")
    folder = app.state.service.config.folder
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and "sqlite" not in p.name}
    refused = upload(vendor, name, b"secret-overwrite")
    assert refused.status_code == 400, refused.text
    assert re.search(r'<p role="alert" id="problem">Not stored', refused.text)
    after = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and "sqlite" not in p.name}
    assert after == before


def test_an_over_size_upload_is_refused_declared_or_streamed(app):
    vendor = signed_up(app, "big@example.com")
    assert upload(vendor, "big.ndjson", b"x" * (BOUND + 1)).status_code == 413
    csrf = csrf_of(vendor, "/files")
    boundary = "b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.ndjson"\r\n\r\n').encode()

    def chunks():  # no Content-Length: the bound is kept as the body streams in
        yield body
        for _ in range(8):
            yield b"y" * 512
        yield f"\r\n--{boundary}--\r\n".encode()

    streamed = vendor.post("/files", content=chunks(),
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert streamed.status_code == 413
    assert not list((app.state.service.config.folder / "uploads").rglob("big.ndjson"))


def test_an_upload_without_its_csrf_token_or_its_file_is_refused(app):
    vendor = signed_up(app, "upload-csrf@example.com")
    assert upload(vendor, "a.json", b"{}", csrf="forged").status_code == 403
    assert vendor.post("/files", data={"csrf": csrf_of(vendor, "/files")}).status_code == 400  # no file in it
    assert vendor.post("/files", json={"csrf": "x"}).status_code == 415
    assert signed_up(app, "upload-none@example.com").post(
        "/files", data={"csrf": "x"}, files={"other": ("", b"")}).status_code in (400, 403)


def documented_manifest() -> str:
    """docs/service.md's file target manifest (its Files section's YAML block)."""
    from tests.paths import ROOT

    text = (ROOT / "docs" / "service.md").read_text(encoding="utf-8").split("## Files", 1)[1]
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


FILES_MANIFEST = documented_manifest().replace('"files/*.json"', "PATHS")


def test_a_file_target_reads_the_organisations_uploads_only(app):
    """A manifest's file target names uploads as files/NAME (or a pattern), as docs/service.md's
    manifest does: the run's manifest names them in the organisation's folder; any other path
    (another folder, ..) is refused."""
    from tests.service.test_service import post

    vendor = signed_up(app, "file-target@example.com")
    assert upload(vendor, "did.json", b'{"id": "did:example:1"}').status_code == 200
    product_id = post(vendor, "/products", {"name": "Export"}).headers["location"].rsplit("/", 1)[1]
    for paths in ('"/etc/passwd"', '"../../service.key"', '"files/../../service.key"', '"files/a/b.json"'):
        refused = post(vendor, f"/products/{product_id}/versions",
                       {"version": "1", "manifest": FILES_MANIFEST.replace("PATHS", paths)})
        assert refused.status_code == 400 and "$.targets.did_documents.paths" in refused.text, paths
    taken = post(vendor, f"/products/{product_id}/versions",
                 {"version": "1", "manifest": FILES_MANIFEST.replace("PATHS", '"files/*.json"')})
    assert taken.status_code == 303, taken.text
    folder = app.state.service.config.folder
    written = next((folder / "manifests").glob("*/manifest.yaml")).read_text()
    organisation = next(p.parent.name for p in (folder / "uploads").rglob("did.json"))
    assert f"{(folder / 'uploads' / organisation).absolute()}/*.json" in written
