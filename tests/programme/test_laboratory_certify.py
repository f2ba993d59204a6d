"""`conformance programme certify` on a measured profile (issue 70 item 4): a participant whose
run judged a measured requirement (TD-HAPT-003 on the haptic bench) on a laboratory record the
laboratory did not sign is refused in one line, exit 1, and no certificate is written, although
its run is conformant to the plan. The lightest real path: one participant, one small capture,
run once for the session (tests/conftest.py ``once_per_session``) and certified in its own folder."""

from __future__ import annotations

import contextlib
import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from conformance.certification.attestation import generate_keys
from conformance.cli import main
from conformance.programme import signing, trustlist
from tests.certification.labfixtures import CAPTURES, lab_did, lab_key, record
from tests.conftest import once_per_session

from .test_programme import programme_file, write

pytestmark = pytest.mark.slow  # a programme run (one participant process)

HAPTIC = "haptic-bench.ndjson.gz"
#: the authority that signs the programme's trust list of laboratories (tests only)
AUTHORITY = lab_key(hashlib.sha256(b"metaverse-conformance test laboratory authority, programme tests only").digest())


def laboratories(folder: Path) -> Path:
    """A trust list, signed by AUTHORITY, listing the test laboratory with TD-HAPT-003 in its scope."""
    now = datetime.now(UTC)
    lab = {"id": "example-test-lab", "name": "Example Test Laboratory",
           "keys": [{"id": lab_did(), "validFrom": "2026-01-01T00:00:00Z"}],
           "accreditation": {"body": "CNAS", "number": "L0000", "scope": ["TD-HAPT-003"],
                             "validFrom": "2026-01-01T00:00:00Z",
                             "validUntil": (now + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")}}
    model = trustlist.TrustList.model_validate({"type": trustlist.LIST_TYPE, "id": "urn:example:labs",
                                                "issuer": {"name": "Registry"}, "sequence": 0, "laboratories": [lab]})
    path = folder / "labs.json"
    trustlist.save(path, trustlist.signed(model, AUTHORITY, now, 30))
    return path


@pytest.fixture(scope="module")
def refused(tmp_path_factory, catalog) -> dict[str, object]:
    """The programme run once (bench: conformant to terminal-haptics, its record unsigned), then
    ``programme certify --participant bench``: its exit status, output and folder."""

    def make(folder: Path) -> dict[str, object]:
        generate_keys(folder / "program.key")
        write(folder / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": catalog.digest,
                                     "profiles": {"terminal-haptics": {"features": ["actuator-output"]}}})
        unsigned = record([HAPTIC], ["TD-HAPT-003"], ["AX3-0001"])
        (folder / "rec.json").write_bytes(orjson.dumps(unsigned))  # as the laboratory wrote it, never signed
        write(folder / "bench.yaml", {
            "product": {"name": "bench", "version": "1", "vendor": "Example"},
            "profiles": [{"id": "terminal-haptics", "features": ["actuator-output"]}],
            "targets": {"captures": {"adapter": "file", "paths": [str(CAPTURES / HAPTIC)]},
                        "laboratory_records": {"adapter": "file", "paths": ["rec.json"]}}})
        path = programme_file(folder, [{"id": "bench", "manifest": "bench.yaml"}], plan="plan.yaml",
                              signing_key="program.key", site_url="https://programme.example/round-1/",
                              laboratories={"list": str(laboratories(folder)),
                                            "authority": signing.issuer_did(AUTHORITY.public_key())})
        assert main(["programme", "run", str(path), "--out", str(folder / "out"), "--no-interop"]) == 0
        said, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(err):
            code = main(["programme", "certify", str(path), "--out", str(folder / "out"), "--participant", "bench"])
        return {"code": code, "out": said.getvalue(), "err": err.getvalue(), "folder": str(folder)}

    return once_per_session(tmp_path_factory, "programme-lab-unsigned", make)


def test_an_unsigned_laboratory_record_is_refused_in_one_line_and_nothing_is_certified(refused):
    assert refused["code"] == 1, refused
    lines = [line for line in str(refused["out"]).splitlines() if "bench" in line]
    assert len(lines) == 1 and "not certified bench" in lines[0], refused["out"]
    assert "cannot be certified: laboratory record rec.json is unsigned" in lines[0], lines[0]
    assert "Traceback" not in str(refused["err"])
    out = Path(str(refused["folder"])) / "out"
    assert not list(out.glob("certificates/bench-*"))
    # the run itself was judged and conformant: the refusal is the record's, not the product's
    reports = list((out / "bench").glob("*/report.json"))
    assert len(reports) == 1
    report = orjson.loads(reports[0].read_bytes())
    assert [p["outcome"] for p in report["profiles"]] == ["conformant"]
    assert report["laboratory"]["certifiable"] is False
