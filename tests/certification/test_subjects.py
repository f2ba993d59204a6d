"""Adapters declare what they read (``subjects()``) and a signed run attests exactly that: the
built-in adapters' files and answers, and a plug-in adapter's own reads."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, ClassVar

import orjson
import pytest
import yaml

from conformance import FileTarget, HarnessInputError, load_catalog, run
from conformance.adapters import AdapterContext
from conformance.adapters.file import Document
from conformance.adapters.http import HttpAdapter
from conformance.certification.attestation import ENVELOPE_NAME, generate_keys, load_public_key
from conformance.certification.subjects import file_subject, subject_problem
from conformance.certification.verify import Rejected, verify
from conformance.errors import TargetUnreachable
from conformance.reference import SAMPLES
from conformance.reference.server import serve
from tests.conftest import once_per_session
from tests.hostile import app as hostile_app

DESCRIPTOR = SAMPLES / "descriptors" / "haptic-vest.json"


class BundleAdapter:
    """A plug-in adapter of kind ``file`` that reads every document from one JSON bundle
    (``{"documents": {name: document}}``) and declares that bundle as what it read."""

    kind: ClassVar[str] = "file"
    config_schema: ClassVar[Mapping[str, Any]] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.org/schemas/bundle-target.json",
        "type": "object",
        "required": ["adapter", "bundle"],
        "additionalProperties": False,
        "properties": {"adapter": {"const": "bundle"}, "bundle": {"type": "string"}},
    }

    def __init__(self, role: str, config: Mapping[str, Any], context: AdapterContext) -> None:
        self.role = role
        self.context = context
        self.bundle = context.base_dir / config["bundle"]
        self.derived: dict[Any, Any] = {}
        self.read: list[str] = []

    def preflight(self) -> None:
        if not self.bundle.is_file():
            raise HarnessInputError(self.context.where(self.role, "bundle"), "no such file")

    def files(self) -> list[Path]:
        return [self.bundle]

    def display_name(self, path: Path) -> str:
        return path.name

    def open(self, path: Path) -> IO[bytes]:
        return path.open("rb")

    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()

    def documents(self) -> Iterator[Document]:
        for name, data in json.loads(self.bundle.read_bytes())["documents"].items():
            self.read.append(name)
            yield Document(self.bundle, f"{self.bundle.name}#{name}", data)

    def secrets(self) -> list[str]:
        return []

    def subjects(self) -> list[dict[str, Any]]:
        subject = file_subject(self.bundle, self.context.base_dir, "bundle", role=self.role)
        subject["annotations"]["documents"] = str(len(self.read))
        return [subject]

    def close(self) -> None:
        pass


class Silent(BundleAdapter):
    """An adapter that does not say what it read."""

    subjects = None  # type: ignore[assignment]


@pytest.fixture
def bundle_plugin(monkeypatch):
    """BundleAdapter installed as the entry point ``bundle`` would install it."""
    monkeypatch.setattr("conformance._areas.adapter_plugins", lambda: {"bundle": BundleAdapter})
    return BundleAdapter


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> Path:
    """The pilot's key pair (read only), made once a test session, not once in each xdist worker."""
    return Path(once_per_session(tmp_path_factory, "subjects-key", _make_key)["key"])


def _make_key(folder: Path) -> dict[str, str]:
    generate_keys(folder / "pilot")
    return {"key": str(folder / "pilot")}


def _statement(out: Path) -> dict[str, Any]:
    envelope = orjson.loads((out / ENVELOPE_NAME).read_bytes())
    return dict(orjson.loads(base64.b64decode(envelope["payload"])))


def test_a_plugin_adapters_reads_are_signed_subjects_and_verified(bundle_plugin, key, tmp_path):
    bundle = tmp_path / "descriptors.bundle"
    bundle.write_text(json.dumps({"documents": {"vest": json.loads(DESCRIPTOR.read_bytes())}}), encoding="utf-8")
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Vest", "version": "2.0"}, "profiles": ["terminal-descriptor"],
        "targets": {"descriptors": {"adapter": "bundle", "bundle": "descriptors.bundle"}}}), encoding="utf-8")
    result = run(tmp_path / "m.yaml", catalog=load_catalog(), out_dir=tmp_path / "out", formats=["json"], sign=key)
    assert result.exit_code == 0
    sha256 = hashlib.sha256(bundle.read_bytes()).hexdigest()
    declared = {"name": "descriptors.bundle", "digest": {"sha256": sha256},
                "annotations": {"kind": "bundle", "role": "descriptors", "documents": "1"}}
    assert declared in _statement(tmp_path / "out")["subject"]  # exactly as the adapter declared it
    assert {"name": "descriptors.bundle", "sha256": sha256, "kind": "bundle", "role": "descriptors"} \
        in result.report.inputs
    trusted = [load_public_key(key.with_name("pilot.pub"))]
    assert "descriptors.bundle" in verify(tmp_path / "out", trusted).checked
    bundle.write_text(bundle.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(Rejected, match="subject descriptors.bundle does not match its signed sha256"):
        verify(tmp_path / "out", trusted)


def test_the_plugin_adapter_meets_the_file_protocol(tmp_path):
    context = AdapterContext(tmp_path / "m.yaml", {})
    assert isinstance(BundleAdapter("descriptors", {"bundle": "b"}, context), FileTarget)


def test_an_adapter_that_declares_nothing_is_refused_before_anything_runs(monkeypatch, tmp_path):
    from conformance.drafting.keys import lint_catalog

    monkeypatch.setattr("conformance._areas.adapter_plugins", lambda: {"bundle": Silent})
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Vest", "version": "2.0"}, "profiles": ["terminal-descriptor"],
        "targets": {"descriptors": {"adapter": "bundle", "bundle": "b"}}}), encoding="utf-8")
    with pytest.raises(HarnessInputError) as raised:
        run(tmp_path / "m.yaml", catalog=load_catalog(), out_dir=tmp_path / "out", formats=["json"])
    assert raised.value.line() == ("adapter bundle (tests.certification.test_subjects.Silent): has no subjects() "
                                   "(see docs/extending.md, 'Writing an adapter')")
    assert not (tmp_path / "out").exists()
    problems = [p.line() for p in lint_catalog(load_catalog()) if p.where.startswith("adapter bundle")]
    assert problems == [raised.value.line()]


def test_a_bad_declaration_is_named_in_one_line(bundle_plugin, monkeypatch, tmp_path):
    monkeypatch.setattr(BundleAdapter, "subjects", lambda self: [{"name": "x", "digest": {"sha256": "abc"}}])
    (tmp_path / "b").write_text(json.dumps({"documents": {"v": json.loads(DESCRIPTOR.read_bytes())}}),
                                encoding="utf-8")
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "Vest", "version": "2.0"}, "profiles": ["terminal-descriptor"],
        "targets": {"descriptors": {"adapter": "bundle", "bundle": "b"}}}), encoding="utf-8")
    with pytest.raises(HarnessInputError, match=r"^adapter tests.certification.test_subjects.BundleAdapter "
                                                r"\(role descriptors\): "
                                                r"subjects\(\) declared a bad subject: x: no digest"):
        run(tmp_path / "m.yaml", catalog=load_catalog(), out_dir=tmp_path / "out", formats=["json"])


@pytest.mark.parametrize(("subject", "problem"), [
    ({"name": "a", "digest": {"sha256": "0" * 64}, "annotations": {"kind": "file", "role": "r"}}, None),
    ({"name": "a", "uri": "https://x/a", "digest": {"sha256": "0" * 64},
      "annotations": {"kind": "http", "role": "r"}}, None),
    ("a", "not a mapping: 'a'"),
    ({"digest": {"sha256": "0" * 64}}, "no name"),
    ({"name": "a", "digest": {"sha512": "0" * 128}}, "a: no digest {'sha256': 64 lower-case hex digits}"),
    ({"name": "a", "digest": {"sha256": "0" * 64}, "annotations": {"kind": "file", "role": 1}},
     "a: annotations are not a mapping of strings"),
    ({"name": "a", "digest": {"sha256": "0" * 64}, "annotations": {"kind": "file"}},
     "a: annotations name no kind or no role"),
])
def test_the_subject_contract(subject, problem):
    assert subject_problem(subject) == problem


# -- the http adapter ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url():
    with serve(hostile_app) as url:
        yield url


def test_the_http_adapter_declares_each_distinct_answer_it_read(hostile_url, tmp_path):
    context = AdapterContext(tmp_path / "m.yaml", {})
    api = HttpAdapter("api", {"adapter": "http", "base_url": hostile_url}, context)
    first = api.get("/ok")
    api.get("/ok")  # the same answer again: one subject
    moved = api.get("/same-origin")  # redirected: the answer is the final URL's
    api.close()
    assert api.subjects() == [
        {"name": f"GET {hostile_url}/ok", "uri": f"{hostile_url}/ok",
         "digest": {"sha256": hashlib.sha256(first.content).hexdigest()},
         "annotations": {"kind": "http", "role": "api", "method": "GET", "status": "200"}},
    ] and moved.url == f"{hostile_url}/ok"
    assert all(subject_problem(s) is None for s in api.subjects())


def test_answers_past_the_bound_are_declared_as_one_digest(hostile_url, tmp_path, monkeypatch):
    monkeypatch.setattr("conformance.adapters.answers.MAX_SUBJECTS", 1)
    context = AdapterContext(tmp_path / "m.yaml", {})
    api = HttpAdapter("api", {"adapter": "http", "base_url": hostile_url}, context)
    answers = [api.get("/ok"), api.post("/echo", json={"n": 1}), api.post("/echo", json={"n": 2})]
    api.close()
    one, rest = api.subjects()
    assert one["name"] == f"GET {hostile_url}/ok"
    lines = "".join(f"{a.status} {a.method} {a.url} {hashlib.sha256(a.content).hexdigest()}\n" for a in answers[1:])
    # no uri: the digest is of the list of answers, not of the resource at the base URL
    assert rest == {"name": f"{hostile_url}/ (further answers)",
                    "digest": {"sha256": hashlib.sha256(lines.encode()).hexdigest()},
                    "annotations": {"kind": "http-answers", "role": "api", "base": f"{hostile_url}/", "answers": "2"}}


def test_an_unreachable_target_is_no_subject(tmp_path):
    """No answer came: nothing stands for it (never the digest of empty bytes)."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    context = AdapterContext(tmp_path / "m.yaml", {})
    api = HttpAdapter("api", {"adapter": "http", "base_url": f"http://127.0.0.1:{port}/", "timeout_s": 2}, context)
    with pytest.raises(TargetUnreachable):
        api.get("/ok")
    api.close()
    assert api.subjects() == []


def test_http_subjects_carry_no_secret(hostile_url, tmp_path):
    secret = "s3cr3t-query-value"
    context = AdapterContext(tmp_path / "m.yaml", {})
    api = HttpAdapter("api", {"adapter": "http", "base_url": f"{hostile_url}/?api_key={secret}"}, context)
    api.get(f"ok?api_key={secret}")
    api.close()
    assert api.subjects() and secret not in json.dumps(api.subjects())
    assert "api_key=***" in api.subjects()[0]["name"]


def test_a_signed_http_run_attests_the_answers_it_judged(serve_reference, key, tmp_path):
    catalog = load_catalog()
    from tests.conftest import manifest_for

    base = serve_reference()
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest_for(catalog, "identity-credentials-api",
                                                                 base_urls={"api": base})), encoding="utf-8")
    result = run(tmp_path / "m.yaml", catalog=catalog, out_dir=tmp_path / "out", formats=["json"], sign=key)
    assert result.exit_code == 0
    remote = [s for s in _statement(tmp_path / "out")["subject"] if "uri" in s]
    assert remote and all(s["uri"].startswith(base) and s["annotations"]["role"] == "api" for s in remote)
    assert all(entry["kind"] != "http" for entry in result.report.inputs)  # the report lists local files only
    verified = verify(tmp_path / "out", [load_public_key(key.with_name("pilot.pub"))])
    assert len([line for line in verified.unchecked if "not fetched: offline" in line]) == len(remote)


def test_a_signed_run_binds_the_ca_bundle_its_tls_verdicts_rest_on(serve_reference, key, tmp_path):
    """IF-TLS-001 judges the chain against the manifest's ca_bundle, and every request verifies
    with it: the bundle is a subject of the run (kind ca-bundle), so one swapped after signing
    (another CA, under which another server would pass) is caught."""
    import shutil

    from conformance.reference import trust_anchor
    from tests.conftest import manifest_for

    catalog = load_catalog()
    base = serve_reference(tls=True)
    shutil.copy(trust_anchor(), tmp_path / "reference-ca.pem")
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": base})
    manifest["targets"]["api"]["ca_bundle"] = "reference-ca.pem"  # relative to the manifest's folder
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = run(tmp_path / "m.yaml", catalog=catalog, out_dir=tmp_path / "out", formats=["json"], sign=key)
    assert result.exit_code == 0, [(r.requirement, r.message) for r in result.report.requirements
                                   if r.verdict.value != "pass"]
    sha256 = hashlib.sha256((tmp_path / "reference-ca.pem").read_bytes()).hexdigest()
    assert {"name": "reference-ca.pem", "digest": {"sha256": sha256},
            "annotations": {"kind": "ca-bundle", "role": "api"}} in _statement(tmp_path / "out")["subject"]
    assert {"name": "reference-ca.pem", "sha256": sha256, "kind": "ca-bundle", "role": "api"} in result.report.inputs
    trusted = [load_public_key(key.with_name("pilot.pub"))]
    assert "reference-ca.pem" in verify(tmp_path / "out", trusted).checked
    (tmp_path / "reference-ca.pem").write_bytes((tmp_path / "reference-ca.pem").read_bytes() + b"\n")
    with pytest.raises(Rejected, match="subject reference-ca.pem does not match its signed sha256"):
        verify(tmp_path / "out", trusted)


def test_a_ca_bundle_that_cannot_be_used_is_one_line_naming_its_place(tmp_path):
    context = AdapterContext(tmp_path / "m.yaml", {})
    with pytest.raises(HarnessInputError, match=r"at \$.targets.api.ca_bundle: .*missing.pem: file does not exist"):
        HttpAdapter("api", {"base_url": "https://127.0.0.1:9", "ca_bundle": "missing.pem"}, context)
    (tmp_path / "not-a-ca.pem").write_text("hello\n", encoding="utf-8")
    with pytest.raises(HarnessInputError, match=r"not-a-ca.pem: holds no PEM CA certificate"):
        HttpAdapter("api", {"base_url": "https://127.0.0.1:9", "ca_bundle": "not-a-ca.pem"}, context)
    from conformance.reference import trust_anchor

    # a bundle's comments name issuers in any script (as system bundles do): its certificates still load
    (tmp_path / "named.pem").write_bytes("# Issuer: CN=测试根证书 Főtanúsítvány\n".encode() + trust_anchor().read_bytes())
    HttpAdapter("api", {"base_url": "https://127.0.0.1:9", "ca_bundle": "named.pem"}, context).close()
