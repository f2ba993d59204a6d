"""The sample manifests in examples/ stay valid, and secrets never reach a report."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conformance._run.engine import close_targets, open_targets, preflight
from conformance._run.plan import make_plan
from tests.conftest import manifest_for, once_per_session
from tests.paths import ROOT
from tests.walkthroughs import run_as_written, sh_block

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
#: the credentials the examples read from the environment (real-product.yaml: docs/real-products.md)
EXAMPLE_ENV = {"PLATFORM_TOKEN": "example-token", "RESOLVER_USER": "vendor", "RESOLVER_PASSWORD": "example-password",
               "AGENT_CLIENT_ID": "harness", "AGENT_CLIENT_SECRET": "example-client-secret"}


def ca_file_by_the_documented_command(cwd: Path, ca_file: str) -> None:
    """``conformance serve --ca-file CA_FILE`` as the examples' comments start it (any port),
    in ``cwd``, stopped once it serves: the test CA's certificate a manifest's ca_bundle names."""
    ready = cwd / ".ready" / ca_file.replace("/", "_")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "serve", "--port", "0", "--ca-file", ca_file,
                              "--ready-file", str(ready)], cwd=cwd, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not ready.exists():
            assert child.poll() is None, f"conformance serve --ca-file {ca_file} stopped"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=60)
    assert (cwd / ca_file).read_text(encoding="utf-8").startswith("-----BEGIN CERTIFICATE-----")


def mirrored_checkout(root: Path) -> Path:
    """The checkout's layout in ``root`` (examples/ with its manifests copied and its folders
    linked, src/ linked): a manifest's ``../reports/`` is ``root/reports``, never the checkout's."""
    (root / "examples").mkdir(parents=True)
    for path in (ROOT / "examples").iterdir():
        if path.is_file():
            shutil.copy(path, root / "examples" / path.name)
        else:
            (root / "examples" / path.name).symlink_to(path)
    (root / "src").symlink_to(ROOT / "src")
    return root


@pytest.fixture(scope="module")
def examples_checkout(tmp_path_factory) -> Path:
    """:func:`mirrored_checkout`, with the CA files the examples' comments have `conformance
    serve --ca-file` write (reports/...): the ca_bundle an example names exists, the checkout
    is left as it was. Made once a test session by whichever xdist worker asks first (its two
    `conformance serve` processes are about 2 CPU-s, which each worker running one of the
    manifests' tests paid before); the tests only plan and preflight in it."""
    return Path(once_per_session(tmp_path_factory, "examples-checkout", _checkout_with_ca_files)["root"])


def _checkout_with_ca_files(folder: Path) -> dict[str, str]:
    root = mirrored_checkout(folder)
    said = "".join(path.read_text(encoding="utf-8") for path in EXAMPLES)
    for ca_file in sorted(set(re.findall(r"conformance serve [^#\n]*--ca-file (\S+)", said))):
        ca_file_by_the_documented_command(root, ca_file)
    return {"root": str(root)}


def test_every_ca_bundle_an_example_names_is_written_by_its_documented_command():
    said = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES}
    written = {f"../{name}" for text in said.values()
               for name in re.findall(r"conformance serve [^#\n]*--ca-file (\S+)", text)}
    named = {name: set(re.findall(r"ca_bundle: (\S+)", text)) for name, text in said.items()}
    assert named["first-service.yaml"] and named["platform.yaml"] and named["data-portability.yaml"]
    assert {name: bundles - written for name, bundles in named.items() if bundles - written} == {}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_manifest_is_valid_and_its_files_exist(path, catalog, examples_checkout):
    plan = make_plan(examples_checkout / "examples" / path.name, catalog)
    adapters = open_targets(plan, EXAMPLE_ENV)
    try:
        files = {role: a for role, a in adapters.items() if a.kind == "file"}
        assert preflight(files) == {}
    finally:
        close_targets(adapters)


def test_bearer_token_is_sent_but_never_written(catalog, reference_tls_url, run_manifest, tmp_path):
    secret = "tok-7f3a9c2e-never-in-a-report"
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": reference_tls_url})
    manifest["targets"]["api"]["auth"] = {"bearer_token_env": "ACME_TOKEN"}
    result = run_manifest(manifest, environ={"ACME_TOKEN": secret}, formats=["json", "junit", "html"])
    assert result.exit_code == 0
    exchanges = [e for r in result.report.requirements for e in r.evidence if e["kind"] == "http"]
    assert exchanges and all(e["request"]["headers"]["Authorization"] == "***" for e in exchanges)
    for written in result.files:
        assert secret not in written.read_text(encoding="utf-8")
    assert yaml.safe_load((tmp_path / "manifest.yaml").read_text())["targets"]["api"]["auth"]


@pytest.mark.slow
def test_the_certification_example_runs_as_written(tmp_path):
    """examples/certification/README.md's commands, as written, in the working folder
    `conformance programme init` makes: the run is conformant, verify certifies it (exit 0),
    under the example policy too (issue 73: its fingerprints were all zero, exit 4), every path
    the README names for the relying party exists, and the checkout is untouched."""
    readme = (ROOT / "examples" / "certification" / "README.md").read_text(encoding="utf-8")
    home = tmp_path / "home"
    done = run_as_written(sh_block(readme), cwd=tmp_path, home=home)
    assert not list((ROOT / "examples").rglob("program.key*")), "the walkthrough left a key in the checkout"
    folder = home / "cert-walkthrough"
    for named in ("reports/cert", "program.key.pub", "certification/policy.yaml"):
        assert f"`{named}" in readme and (folder / named).exists(), named
    assert (folder / "reports" / "cert" / "report.json").is_file()
    assert "(terminal-hmd-6dof: conformant)" in done.stdout
    assert "not certified" not in done.stdout
    assert "--policy certification/policy.yaml" in sh_block(readme)
    assert "0" * 64 not in (folder / "certification" / "policy.yaml").read_text(encoding="utf-8")


def test_the_real_product_example_uses_what_a_real_product_needs(catalog):
    """examples/real-product.yaml (docs/real-products.md): two profiles at two targets, moved
    endpoints, Basic, a header, OAuth and a client certificate, the issuer's parameters."""
    plan = make_plan(ROOT / "examples" / "real-product.yaml", catalog)
    assert {p.profile.id: p.targets for p in plan.profiles} == {
        "identity-resolver": {"api": "resolver"}, "identity-credentials-api": {"api": "issuer"}}
    issuing = next(p for p in plan.profiles if p.profile.id == "identity-credentials-api")
    assert issuing.parameters["issuer"] == ["did:web:agent.example.com", "did:web:agent.example.com:hr"]
    adapters = open_targets(plan, EXAMPLE_ENV)
    try:
        assert set(adapters) == {"resolver", "issuer"}
        assert str(adapters["resolver"].url("/1.0/identifiers/did:web:agent.example.com")) == \
            "https://resolver.example.com/resolver/resolve/did:web:agent.example.com"
        assert str(adapters["issuer"].url("/credentials/issue")) == \
            "https://agent.example.com/admin/vc/di/credentials/issue"
        assert "example-password" in adapters["resolver"].secrets()
        assert "example-client-secret" in adapters["issuer"].secrets()
    finally:
        close_targets(adapters)


@pytest.mark.slow
def test_the_readmes_first_service_runs_as_written_over_tls(tmp_path):
    """README, "Test your first product": `conformance serve --port 8080 --ca-file
    reports/reference-ca.pem &`, then the run of examples/first-service.yaml (https, its
    ca_bundle that CA) exits 0, IF-TLS-001 passing on a real handshake. As written, in a copy of
    the checkout's layout, but for a free port in place of 8080 and the server waited for (its
    --ready-file) before the run."""
    import json
    import shlex
    import socket

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Test your first product", 1)[1]
    lines = [line.split("#", 1)[0].strip() for line in sh_block(section).splitlines()]
    serve = next(line for line in lines if line.startswith("conformance serve"))
    command = next(line for line in lines if line.startswith("conformance run --manifest examples/first-service.yaml"))
    assert serve.endswith("&") and "--port 8080" in serve and "--ca-file reports/reference-ca.pem" in serve
    root = mirrored_checkout(tmp_path / "checkout")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    manifest = root / "examples" / "first-service.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("127.0.0.1:8080", f"127.0.0.1:{port}"),
                        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    python = [sys.executable, "-m", "conformance.cli"]
    ready = tmp_path / "ready"
    args = shlex.split(serve.removesuffix("&").replace("--port 8080", f"--port {port}"))[1:]
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen([*python, *args, "--ready-file", str(ready)], cwd=root, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        while not ready.exists():
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
            time.sleep(0.05)
        done = subprocess.run([*python, *shlex.split(command)[1:]], cwd=root, env=env, capture_output=True,
                              text=True, timeout=600)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    report = json.loads((root / "reports" / "first-service" / "report.json").read_text(encoding="utf-8"))
    (tls,) = [r for r in report["requirements"] if r["requirement"] == "IF-TLS-001"]
    assert tls["verdict"] == "pass"
    assert any(entry.get("kind") == "ca-bundle" for entry in report["inputs"])
