"""The contexts a run processes offline (issue 50): the bundled ones pinned by digest with
source, licence and retrieval date; a vendor's own added once with ``conformance contexts
add`` and served to every later run; a context no one published said to be unprocessable."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conformance.areas._shared import contextstore, jsonld
from conformance.areas.identity.vcmodel import document_findings
from conformance.cli import main

V2 = "https://www.w3.org/ns/credentials/v2"
VENDOR = "https://vendor.example.com/contexts/widget/v1"


def test_every_bundled_context_is_pinned_with_its_source_licence_and_date():
    listing = jsonld.listing()
    assert len({e["url"] for e in listing}) == len(listing)
    for entry in listing:
        assert {"url", "file", "sha256", "licence", "retrieved"} <= set(entry), entry["url"]
        raw = (Path(jsonld.__file__).parent / "contexts" / entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], entry["file"]
    assert len(jsonld.bundled()) == len(listing)


@pytest.mark.parametrize(("context", "subject"), [
    (["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
     {"type": ["AchievementSubject"], "achievement": {"id": "urn:uuid:1", "type": ["Achievement"], "name": "x",
                                                      "description": "x", "criteria": {"narrative": "x"}}}),
    (["https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"], {"type": ["ClrSubject"]}),
    (["https://w3id.org/traceability/v1"], {"type": ["Organization"], "name": "Binky's Farm"}),
    (["https://www.w3.org/ns/activitystreams"], {"type": "Person", "name": "alice"}),
    (["https://schema.org"], {"type": "Person", "name": "alice"}),
])
def test_the_ecosystems_contexts_process_offline(context, subject):
    credential = {"@context": [V2, *context], "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
                  "credentialSubject": {"id": "did:example:subject", **subject}}
    found = [f for f in document_findings(credential)
             if f.extra.get("check") in ("context-known", "jsonld-unprocessed")]
    assert found == [], [str(f.message) for f in found]


def test_a_context_under_a_reserved_host_is_said_never_to_be_processable():
    credential = {"@context": [V2, "https://schema.example.org/ctx/v1"], "type": ["VerifiableCredential"],
                  "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:subject"}}
    messages = [str(f.message) for f in document_findings(credential) if f.extra.get("check") == "context-known"]
    assert messages and "never published" in messages[0] and "no one can process" in messages[0]
    assert jsonld.never_published("https://x.example/ctx") and not jsonld.never_published("https://w3id.org/x")


def _credential(tmp_path: Path) -> Path:
    path = tmp_path / "widget.json"
    path.write_text(json.dumps({
        "@context": [V2, VENDOR], "type": ["VerifiableCredential", "WidgetCredential"], "issuer": "did:example:issuer",
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "type": "Widget", "colour": "blue"}}))
    return path


def _verdict(out: Path, requirement: str) -> str:
    report = json.loads((out / "report.json").read_text())
    return next(r["verdict"] for r in report["requirements"] if r["requirement"] == requirement)


def test_a_vendors_context_added_once_is_served_to_every_run(tmp_path, monkeypatch, capsys):
    store = tmp_path / "store"
    monkeypatch.setenv("CONFORMANCE_CONTEXT_STORE", str(store))
    credential = _credential(tmp_path)
    context = tmp_path / "widget-context.jsonld"
    context.write_text(json.dumps({"@context": {"@version": 1.1, "@protected": True,
                                                "WidgetCredential": "https://vendor.example.com/ns#WidgetCredential",
                                                "Widget": "https://vendor.example.com/ns#Widget",
                                                "colour": "https://vendor.example.com/ns#colour"}}))
    args = ["validate", "--profile", "identity-credentials", str(credential), "--no-progress", "--format", "json"]
    main([*args, "--out", str(tmp_path / "before")])
    assert _verdict(tmp_path / "before", "ID-VC-001") == "inconclusive"

    digest = hashlib.sha256(context.read_bytes()).hexdigest()
    assert main(["contexts", "add", str(context), "--url", VENDOR, "--sha256", digest]) == 0
    main([*args, "--out", str(tmp_path / "after")])
    assert _verdict(tmp_path / "after", "ID-VC-001") == "pass"
    capsys.readouterr()
    assert main(["contexts", "list"]) == 0
    assert VENDOR in capsys.readouterr().out

    # known-bad: the stored file altered afterwards is refused (one line, exit 2), not served
    (store / f"{digest}.jsonld").write_text(json.dumps({"@context": {"colour": "https://evil.example/c"}}))
    assert main([*args, "--out", str(tmp_path / "tampered")]) == 2
    assert "not the version pinned" in capsys.readouterr().err
    assert main(["contexts", "remove", VENDOR]) == 0
    assert contextstore.entries(store) == {}


def test_adding_refuses_what_is_not_the_pinned_context(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONFORMANCE_CONTEXT_STORE", str(tmp_path / "store"))
    good, other, broken = tmp_path / "good.json", tmp_path / "other.json", tmp_path / "broken.json"
    good.write_text('{"@context": {"a": "https://vendor.example.com/ns#a"}}')
    other.write_text('{"@context": {"a": "https://vendor.example.com/ns#b"}}')
    broken.write_text('{"@context": {"a": {"@id": 5}}}')
    assert main(["contexts", "add", str(good), "--url", VENDOR]) == 0
    refused = [
        (["contexts", "add", str(good), "--url", VENDOR + "2", "--sha256", "0" * 64], "has sha256"),
        (["contexts", "add", str(other), "--url", VENDOR], "a changed context is a new version"),
        (["contexts", "add", str(good), "--url", V2], "bundles"),
        (["contexts", "add", str(broken), "--url", VENDOR + "3"], "does not process"),
        (["contexts", "add", str(tmp_path / "absent.json"), "--url", VENDOR + "4"], "cannot be read"),
        (["contexts", "add", str(good), "--url", "not-a-url"], "http(s) URL"),
        (["contexts", "remove", VENDOR + "5"], "no context is stored"),
    ]
    capsys.readouterr()
    for argv, why in refused:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert why in err and len(err.strip().splitlines()) == 1, err
    assert list(contextstore.entries(tmp_path / "store")) == [VENDOR]


def test_an_area_command_named_as_a_harness_command_is_one_line(monkeypatch, capsys):
    """conformance_commands: a name the harness uses itself is refused, exit 2, no traceback."""
    from conformance import _areas

    class Clash:
        help = "clashes"

        def add_arguments(self, parser):
            pass

        def run(self, args, console):
            return 0

    monkeypatch.setattr(_areas, "commands", lambda: {"validate": Clash()})
    assert main(["--help"]) == 2
    err = capsys.readouterr().err
    assert "is a command of the harness itself" in err and len(err.strip().splitlines()) == 1
