"""The programme and certificate edge (issue 45), in-process: numbers read one way (a number
of 5 000 digits or one that is not finite is one line, exit 2; a status list index is ASCII
digits within the list, else the certificate is rejected, exit 1); a rejection quotes an
excerpt of a value, never all of it; a certificate's report and status list are read only
inside its run folder; a hostile IDS file reaches the IDS parser and is refused, its
entities and external DTDs never resolved."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conformance
from conformance.cli import main

from .battery import CANARY
from .edge_cases import PRODUCT, SITE, certificate, opened

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"


def one_line(capsys: pytest.CaptureFixture[str], expected: int, *argv: str) -> str:
    """The command's exit code is ``expected`` and it says one line (stderr for bad input,
    stdout for a rejection), no traceback."""
    assert main(list(argv)) == expected
    said = capsys.readouterr()
    text = (said.err if expected == 2 else said.out).strip()
    assert len(text.splitlines()) == 1, text[:2000]
    assert "Traceback" not in said.err + said.out
    return text


def programme(folder: Path, **fields: object) -> Path:
    (folder / "m.yaml").write_text("product: {name: x, version: '1'}\nprofiles: [interfaces-core]\n"
                                   "targets: {api: {adapter: http, base_url: 'http://127.0.0.1:9/'}}\n")
    lines = ["id: test-round", "title: Test round"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    lines += ["participants: [{id: a, manifest: m.yaml}]"]
    path = folder / "programme.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def verify(capsys: pytest.CaptureFixture[str], cert: Path, expected: int = 1) -> str:
    return one_line(capsys, expected, "verify", str(cert), "--trust", str(cert.parents[2] / "program.key.pub"))


# -- 1. numbers in the programme file --------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("concurrency", "9" * 5000, "a number written with 5000 characters"),
    ("memory_limit_mb", "-" + "1" * 4301, "a number written with 4302 characters"),
    ("concurrency", "0x" + "f" * 200, "a number written with 202 characters"),
    ("run_timeout_s", "1.0e+400", "inf is not a usable number"),
    ("run_timeout_s", "1e400", "is not of type 'number'"),
    ("run_timeout_s", ".nan", "nan is not a usable number"),
    ("concurrency", "1" * 30, "integer out of range"),
    ("dispatch", "{engine: dask, connect_timeout_s: -.inf}", "-inf is not a usable number"),
])
def test_a_programme_file_with_a_number_beyond_reading_is_one_line(tmp_path, capsys, field, value, problem):
    path = programme(tmp_path, **{field: value})
    said = one_line(capsys, 2, "programme", "status", str(path))
    assert problem in said and str(path) in said
    assert len(said) < 600


# -- 2 and 3. the status list index -----------------------------------------------------------


@pytest.fixture(scope="module")
def index_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One programme folder (its key and signed run, made by the first test that asks) for the
    status-list index cases and examples, each writing the status list and the certificate
    anew: a folder each signed a whole run each (``signed_run`` is kept per key file), 56
    runs for one."""
    return tmp_path_factory.mktemp("index")


@pytest.mark.parametrize("index", ["-1", " 1 ", "\u0663", "+1", "1_0", "01", "0x1", "1.0", "", "9" * 30, -1, True,
                                   1.5, None, "131072", 2**40])
def test_a_status_list_index_that_is_not_ascii_digits_within_the_list_is_rejected(index_folder, capsys, index):
    # the last entry of the list is set (another certificate's): -1 read it as this one's
    cert = certificate(index_folder, index=index, revoked=frozenset({131071}))
    said = verify(capsys, cert)
    assert said.startswith("rejected: credentialStatus.statusListIndex"), said


def test_a_status_list_index_within_the_list_verifies_and_a_set_one_is_revoked(tmp_path, capsys):
    cert = certificate(tmp_path, index="131071")
    assert main(["verify", str(cert), "--trust", str(tmp_path / "program.key.pub")]) == 0
    assert "status list entry 131071: not revoked" in capsys.readouterr().out
    cert = certificate(tmp_path, index="131071", revoked=frozenset({131071}))
    assert "revoked: entry 131071" in verify(capsys, cert)


# -- 4. a rejection quotes an excerpt ---------------------------------------------------------


#: In a process of its own: the resident memory verify adds, and its one line.
_MEASURE = """
import resource, sys
from pathlib import Path
from conformance.certification.attestation import load_public_key
from conformance.programme.certverify import Rejected, verify_certificate
key = load_public_key(Path(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    verify_certificate(Path(sys.argv[1]), [key])
except Rejected as exc:
    print(str(exc))
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""


def test_a_rejection_quotes_an_excerpt_of_a_huge_value_in_memory_proportional_to_it(tmp_path, capsys):
    size = 16_000_000
    cert = certificate(tmp_path, product={**PRODUCT, "name": "N" * size})
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(cert), str(tmp_path / "program.key.pub")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(conformance.__file__).parents[1])})
    line, added = done.stdout.splitlines()
    assert "not the certified product" in line and f"({size} characters)" in line, line[:300]
    assert len(line) < 1200
    # the document parsed, its canonical form hashed: a few times the input (it was ten times,
    # the line alone carrying the name twice)
    assert int(added) < 6 * size, int(added) / size
    said = verify(capsys, cert)
    assert len(said) < 1200 and f"({size} characters)" in said


def test_a_huge_url_is_quoted_as_an_excerpt(tmp_path, capsys):
    cert = certificate(tmp_path, report_url="https://elsewhere.example/" + "a" * 1_000_000)
    said = verify(capsys, cert)
    assert "is not under the programme's URL" in said and len(said) < 1200


# -- 5. nothing outside the run folder --------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(CANARY)
    (folder / "revocation.json").write_text(CANARY)
    return folder


def _link_report(tmp_path: Path, outside: Path) -> str:
    link = tmp_path / "out" / "headset" / "linked.json"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "secret.txt")
    return SITE + "headset/linked.json"


@pytest.mark.parametrize(("what", "url"), [
    ("report", SITE + "../outside/secret.txt"),
    ("report", SITE + "headset/../../outside/secret.txt"),
    ("report", SITE + "/" + "{outside}/secret.txt"),
    ("report", "link"),
    ("status list", SITE + "status/../../outside/revocation.json"),
])
def test_a_certificate_naming_a_file_outside_its_run_folder_is_rejected_before_it_is_read(
        tmp_path, capsys, outside, what, url):
    url = _link_report(tmp_path, outside) if url == "link" else url.replace("{outside}", str(outside).lstrip("/"))
    kind = {"report_url": url} if what == "report" else {"status_url": url}
    cert = certificate(tmp_path, **kind)
    with opened() as paths:
        said = verify(capsys, cert)
    assert said.startswith(f"rejected: the {what} ") and "leads outside the run folder" in said, said
    assert not [p for p in paths if "outside" in p], paths
    assert CANARY not in said


def test_a_report_given_on_the_command_line_is_read_where_it_is(tmp_path, capsys):
    # a relying party's own copy of the run (its report with the attestation beside it)
    cert = certificate(tmp_path)
    given = tmp_path / "elsewhere"
    shutil.copytree(tmp_path / "out" / "headset" / "run-1", given)
    assert main(["verify", str(cert), "--trust", str(tmp_path / "program.key.pub"), "--report",
                 str(given / "report.json")]) == 0


# -- a hostile IDS file reaches the IDS parser -------------------------------------------------

IDS_HOSTILE = {
    "billion laughs": ('<?xml version="1.0"?><!DOCTYPE ids [<!ENTITY a "' + "a" * 100 + '">'
                       + "".join(f'<!ENTITY {n} "' + f"&{p};" * 10 + '">'
                                 for p, n in zip("abcdefgh", "bcdefghi", strict=True))
                       + ']><ids xmlns="http://standards.buildingsmart.org/IDS">&i;</ids>'),
    "external entity": ('<?xml version="1.0"?><!DOCTYPE ids [<!ENTITY x SYSTEM "file://{secret}">]>'
                        '<ids xmlns="http://standards.buildingsmart.org/IDS">&x;</ids>'),
    "external DTD": ('<?xml version="1.0"?><!DOCTYPE ids SYSTEM "file://{secret}">'
                     '<ids xmlns="http://standards.buildingsmart.org/IDS"/>'),
    "parameter entity": ('<?xml version="1.0"?><!DOCTYPE ids [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'
                         '<ids xmlns="http://standards.buildingsmart.org/IDS"/>'),
}


@pytest.mark.parametrize("case", sorted(IDS_HOSTILE))
def test_a_hostile_ids_reaches_the_parser_and_is_refused_unresolved(tmp_path, capsys, monkeypatch, outside, case):
    pytest.importorskip("xmlschema")
    from conformance.areas.scenes import ids

    secret = outside / "secret.txt"
    bad = tmp_path / "requirements.ids"
    bad.write_text(IDS_HOSTILE[case].replace("{secret}", str(secret)))
    parsed: list[bytes] = []
    real = ids.problems
    monkeypatch.setattr(ids, "problems", lambda data: parsed.append(data) or real(data))
    building = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "building.ifc"
    manifest = {"product": {"name": "t", "version": "1"},
                "profiles": [{"id": "scene-ifc", "features": ["information-requirements"]}],
                "targets": {"bim_models": {"adapter": "file", "paths": [str(building)]},
                            "information_requirements": {"adapter": "file", "paths": [str(bad)]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest))
    with opened() as paths:
        said = one_line(capsys, 2, "run", "--manifest", str(tmp_path / "m.yaml"), "--out", str(tmp_path / "out"),
                        "--requirement", "SC-BIM-004", "-q", "--no-progress")
    assert parsed == [bad.read_bytes()]  # it reached the parser: not skipped, not not_applicable
    assert "not a valid IDS 1.0 document" in said and "requirements.ids" in said
    assert CANARY not in said and str(secret) not in paths
    assert len(said) < 600  # no expansion in the line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# -- the property: every number of the files the programme and its verifier read ----------------


def _numeric_fields(schema: dict) -> list[tuple[tuple[str, ...], dict]]:
    found = []

    def walk(node: object, path: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number"):
                found.append((path, node))
            for name, child in (node.get("properties") or {}).items():
                walk(child, (*path, name))

    walk(schema, ())
    return found


PROGRAMME_NUMBERS = _numeric_fields(json.loads((SCHEMAS / "programme" / "programme.json").read_text()))
PLAN_NUMBERS = [(("profiles", "terminal-hmd-6dof", "parameters", name), {"type": "number"})
                for name in ("max_eye_skew_ms", "min_frame_rate_hz")]

#: Numbers (and texts that look like one) no reader may take: beyond 64 bits, beyond what
#: PyYAML builds, not finite; written as YAML scalars.
HOSTILE_NUMBERS = st.one_of(
    st.integers(min_value=2**63, max_value=10**120).map(str),
    st.integers(min_value=101, max_value=6000).map(lambda n: "9" * n),
    st.integers(min_value=101, max_value=6000).map(lambda n: "-" + "1" * n),
    st.integers(min_value=64, max_value=400).map(lambda n: "0b" + "1" * n),
    st.sampled_from([".inf", "-.inf", ".nan", ".NaN", "1.0e+400", "-1.0e+999", "1e400", "1_" * 60 + "1",
                     ":".join(["59"] * 60)]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PROGRAMME_NUMBERS + PLAN_NUMBERS), value=HOSTILE_NUMBERS)
def test_no_hostile_number_in_a_programme_or_plan_gets_past_its_reader(tmp_path_factory, capsys, catalog, where,
                                                                       value):
    folder = tmp_path_factory.mktemp("numbers")
    path, _schema = where
    if path[0] == "profiles":  # in the plan the programme names (the session's catalog: its digest)
        plan = {"id": "r", "program": "p", "catalog_digest": catalog.digest,
                "profiles": {path[1]: {"parameters": {path[3]: "VALUE"}}}}
        (folder / "plan.yaml").write_text(yaml.safe_dump(plan).replace("VALUE", value))
        file = programme(folder, plan="plan.yaml")
    elif len(path) == 2:
        file = programme(folder, **{path[0]: f"{{engine: dask, {path[1]}: {value}}}"})
    else:
        file = programme(folder, **{path[0]: value})
    said = one_line(capsys, 2, "programme", "status", str(file))
    assert len(said) < 800


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.one_of(
    st.integers(min_value=-(2**63), max_value=-1), st.integers(min_value=131072, max_value=2**63 - 1),
    st.text(min_size=0, max_size=30).filter(lambda t: not (t.isascii() and t.isdigit()) or t.startswith("0")),
    # a signed JSON document carries no NaN or infinity (RFC 8785 3.2.2.3: the issuer could not sign it)
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
    st.lists(st.integers(-(2**63), 2**63 - 1), max_size=2)))
def test_no_hostile_status_list_index_verifies(index_folder, capsys, index):
    if index == "0":
        return
    cert = certificate(index_folder, index=index)  # the status list and the certificate written anew
    said = verify(capsys, cert)
    assert said.startswith("rejected: "), said
    assert len(said) < 800


def test_the_policy_file_refuses_a_number_beyond_reading(tmp_path, capsys):
    (tmp_path / "policy.yaml").write_text("profiles: [x]\nextra: " + "7" * 5000 + "\n")
    (tmp_path / "run").mkdir()
    said = one_line(capsys, 2, "verify", str(tmp_path / "run"), "--policy", str(tmp_path / "policy.yaml"))
    assert "policy.yaml" in said and "5000 characters" in said
    assert os.path.getsize(tmp_path / "policy.yaml") > 5000
