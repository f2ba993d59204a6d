"""Programme certificates (conformance.programme.certify, .certverify): issued to participants
conformant to the plan, W3C VC 2.0 with an eddsa-jcs-2022 proof by the programme's did:key,
verified offline by `conformance verify` (signature, validity, status list, the report), judged
conformant by the identity area's own credential checks, revoked through a Bitstring Status
List, verifiable across a key rotation."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
import segno

from conformance.certification.attestation import generate_keys, load_public_key
from conformance.cli import main
from conformance.programme import signing, statuslist
from conformance.programme.certpage import PageStatus, render_page
from conformance.programme.certverify import Rejected, verify_certificate
from tests.conftest import fixture_path, verdicts

from .test_programme import HEADSET_CAPTURES, programme_file, write

pytestmark = pytest.mark.slow  # a programme run (two participant processes)

SITE = "https://programme.example/round-1/"
VENDOR = "Acme <VR> & Co"


def _terminal_manifest(folder: Path, name: str, captures: list[str]) -> str:
    write(folder / f"{name}.yaml", {"product": {"name": name, "version": "2.1", "vendor": VENDOR},
                                    "profiles": ["terminal-hmd-6dof"],
                                    "targets": {"captures": {"adapter": "file", "paths": captures}}})
    return f"{name}.yaml"


def headset_and_dropper(folder: Path, catalog: Any, *run_options: str, programme: dict[str, str] | None = None,
                        **plan: str) -> Path:
    """A signed programme in ``folder`` (program.key, plan.yaml with ``plan``'s extra members,
    programme.yaml with ``programme``'s), run once into ``folder``/out: headset (conformant) and
    dropper (a pose whose orientation is not a unit quaternion, TD-POSE-001: not). The programme file's path."""
    generate_keys(folder / "program.key")
    write(folder / "plan.yaml", {"id": "round-1", **plan, "program": "Test", "catalog_digest": catalog.digest,
                                 "profiles": {"terminal-hmd-6dof": {}}})
    shutil.copy(fixture_path("terminal", "cap-denormalized.ndjson"), folder / "dropped.ndjson")
    participants = [
        {"id": "headset", "manifest": _terminal_manifest(folder, "headset", HEADSET_CAPTURES)},
        {"id": "dropper", "manifest": _terminal_manifest(folder, "dropper", ["dropped.ndjson"])},
    ]
    path = programme_file(folder, participants, plan="plan.yaml", signing_key="program.key", site_url=SITE,
                          **(programme or {}))
    assert main(["programme", "run", str(path), "--out", str(folder / "out"), *run_options]) == 0
    return path


@pytest.fixture(scope="module")
def programme(tmp_path_factory, catalog) -> Path:
    """A programme run with a conformant participant (headset) and one that is not (a pose
    whose orientation is not a unit quaternion), then `programme certify`: the folder (programme.yaml, program.key, out/)."""
    folder = tmp_path_factory.mktemp("certificates")
    path = headset_and_dropper(folder, catalog)
    assert main(["programme", "certify", str(path), "--out", str(folder / "out")]) == 0
    return folder


def certificate(folder: Path) -> Path:
    return folder / "out" / "certificates" / "headset-0.json"


def trust(folder: Path) -> list[str]:
    return ["--trust", str(folder / "program.key.pub")]


def test_a_conformant_participant_is_certified_and_the_other_is_refused_with_the_reason(programme, capsys):
    out = programme / "out"
    assert sorted(p.name for p in (out / "certificates").iterdir()) == ["headset-0.html", "headset-0.json",
                                                                       "issuers.json"]
    cert = orjson.loads(certificate(programme).read_bytes())
    subject = cert["credentialSubject"]
    assert cert["type"] == ["VerifiableCredential", "ConformanceCertificate"]
    assert cert["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert subject["product"] == {"name": "headset", "version": "2.1", "vendor": VENDOR}
    assert [p["id"] for p in subject["profiles"]] == ["terminal-hmd-6dof"]
    report = out / "headset" / subject["report"]["run"] / "report.json"
    assert subject["report"]["id"] == SITE + report.relative_to(out).as_posix()
    digest = hashlib.sha256(report.read_bytes()).digest()
    assert subject["report"]["sha256"] == digest.hex()
    assert cert["relatedResource"][0]["digestSRI"] == "sha256-" + base64.b64encode(digest).decode()
    assert subject["catalogDigest"] == orjson.loads(report.read_bytes())["catalog_digest"]
    issued, until = (datetime.fromisoformat(cert[k].replace("Z", "+00:00")) for k in ("validFrom", "validUntil"))
    assert until - issued == timedelta(days=365)
    key = load_public_key(programme / "program.key.pub")
    assert cert["issuer"]["id"] == signing.issuer_did(key) == cert["proof"]["verificationMethod"].split("#")[0]
    assert cert["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert [s["statusListCredential"] for s in cert["credentialStatus"]] == [
        SITE + "status/revocation.json", SITE + "status/suspension.json"]
    # the non-conformant participant: refused, with the profile that is not conformant; asked
    # for by name, exit 1
    capsys.readouterr()
    path = programme / "programme.yaml"
    assert main(["programme", "certify", str(path), "--out", str(out), "--participant", "dropper"]) == 1
    said = capsys.readouterr().out
    assert "not certified dropper" in said and "terminal-hmd-6dof not_conformant" in said, said
    # certified already: not issued twice for the same run
    assert main(["programme", "certify", str(path), "--out", str(out), "--participant", "headset"]) == 1
    assert "certified already" in capsys.readouterr().out


def test_the_certificate_verifies_offline(programme, capsys):
    assert main(["verify", str(certificate(programme)), *trust(programme)]) == 0
    said = capsys.readouterr().out
    assert "verified: certificate urn:uuid:" in said and "status list entry 0: not revoked" in said, said
    assert "profiles conformant" in said


def test_the_identity_areas_credential_checks_judge_certificates_conformant(programme, run_manifest):
    """An independent VC 2.0 / Data Integrity verifier: the identity area's ID-VC-001 (data
    model, JSON-LD over the bundled VC 2.0 context), ID-VC-002 (validity), ID-VC-003 (proof)."""
    files = [str(certificate(programme)), str(programme / "out" / "status" / "revocation.json")]
    manifest = {"product": {"name": "certificates", "version": "1"}, "profiles": ["identity-credentials"],
                "targets": {"credentials": {"adapter": "file", "paths": files}}}
    result = run_manifest(manifest)
    assert result.report.profiles[0].outcome.value == "conformant", verdicts(result)
    assert verdicts(result)["ID-VC-003"] == "pass"


def test_an_altered_certificate_fails_both_verifiers(programme, tmp_path, run_manifest, capsys):
    cert = orjson.loads(certificate(programme).read_bytes())
    cert["credentialSubject"]["product"]["version"] = "9.9"
    altered = programme / "out" / "certificates" / "altered.json"  # where its status list and report map
    altered.write_bytes(orjson.dumps(cert))
    try:
        assert main(["verify", str(altered), *trust(programme)]) == 1
        assert "does not verify: the document was altered" in capsys.readouterr().out
        manifest = {"product": {"name": "certificates", "version": "1"}, "profiles": ["identity-credentials"],
                    "targets": {"credentials": {"adapter": "file", "paths": [str(altered)]}}}
        assert verdicts(run_manifest(manifest))["ID-VC-003"] == "fail"
    finally:
        altered.unlink()


def test_an_untrusted_issuer_is_rejected(programme, tmp_path, capsys):
    generate_keys(tmp_path / "other.key")
    assert main(["verify", str(certificate(programme)), "--trust", str(tmp_path / "other.key.pub")]) == 1
    assert "which is not a trusted programme key" in capsys.readouterr().out
    assert main(["verify", str(certificate(programme))]) == 1
    assert "no --trust KEY.pub given" in capsys.readouterr().out


@pytest.mark.parametrize(("moment", "reason"), [(timedelta(days=366), "expired: valid until"),
                                                (timedelta(days=-1), "not valid yet: valid from")])
def test_an_expired_or_not_yet_valid_certificate_is_rejected(programme, moment, reason):
    key = load_public_key(programme / "program.key.pub")
    verify_certificate(certificate(programme), [key])  # now: accepted
    with pytest.raises(Rejected, match=reason):
        verify_certificate(certificate(programme), [key], now=datetime.now(UTC) + moment)


def test_the_report_it_names_must_match(programme, tmp_path, capsys):
    cert = orjson.loads(certificate(programme).read_bytes())
    report = programme / "out" / "headset" / cert["credentialSubject"]["report"]["run"] / "report.json"
    other = tmp_path / "report.json"
    other.write_bytes(report.read_bytes() + b" ")  # the same report, one byte more
    assert main(["verify", str(certificate(programme)), *trust(programme), "--report", str(tmp_path)]) == 1
    assert "does not match the certificate's sha256" in capsys.readouterr().out
    assert main(["verify", str(certificate(programme)), *trust(programme), "--report",
                 str(tmp_path / "missing.json")]) == 1
    assert "is not at" in capsys.readouterr().out


def test_a_status_list_not_signed_by_the_programme_is_rejected(programme, tmp_path, capsys):
    generate_keys(tmp_path / "forger.key")
    from conformance.certification.attestation import load_private_key

    forged = statuslist.list_credential(SITE + statuslist.STATUS_PATH, "x", set(), "2026-01-01T00:00:00Z")
    forger = load_private_key(tmp_path / "forger.key")
    forged["issuer"] = signing.issuer_did(forger.public_key())
    (tmp_path / "list.json").write_bytes(orjson.dumps(signing.add_proof(forged, forger, "2026-01-01T00:00:00Z")))
    assert main(["verify", str(certificate(programme)), *trust(programme), "--status-list",
                 str(tmp_path / "list.json")]) == 1
    assert "not by a trusted programme key" in capsys.readouterr().out
    assert main(["verify", str(certificate(programme)), *trust(programme), "--status-list",
                 str(tmp_path / "none.json")]) == 1
    assert "no status list at" in capsys.readouterr().out


def test_the_printable_page_escapes_and_carries_the_verification_link(programme):
    page = (programme / "out" / "certificates" / "headset-0.html").read_text(encoding="utf-8")
    assert "Acme &lt;VR&gt; &amp; Co" in page and VENDOR not in page
    link = SITE + "certificates/headset-0.json"
    assert segno.make(link, error="m").svg_inline(scale=4, title=link) in page  # the QR code encodes the link
    assert "符合性证书" in page and "Certificate of conformance" in page
    hostile = orjson.loads(certificate(programme).read_bytes())
    hostile["credentialSubject"]["product"]["name"] = "<script>alert(1)</script>"
    assert "<script>alert" not in render_page(hostile, link, PageStatus("valid", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))


def test_the_printable_page_has_a_sheet_in_each_language_with_its_lang(programme):
    """Issue 73: one sheet with lang="en" mixed both languages. Now an English sheet and a
    Chinese one, each with its lang attribute: the English holds no Chinese, and the Chinese
    no English word outside names, identifiers, URLs and code (its outcomes from the labels)."""
    import html
    import re

    page = (programme / "out" / "certificates" / "headset-0.html").read_text(encoding="utf-8")
    sheets = dict(re.findall(r'<main class="sheet" lang="([^"]+)">(.*?)</main>', page, re.S))
    assert set(sheets) == {"en", "zh-CN"}
    shown = {lang: html.unescape(re.sub(r"<code>.*?</code>|<a [^>]*>.*?</a>|<svg.*?</svg>|<[^>]+>", " ", text,
                                        flags=re.S)) for lang, text in sheets.items()}
    assert not re.search(r"[\u4e00-\u9fff]", shown["en"])
    subject = orjson.loads(certificate(programme).read_bytes())["credentialSubject"]
    names = " ".join([subject["programme"]["title"], *subject["product"].values(), subject["participant"],
                      *(f"{p['id']} {p['version']}" for p in subject["profiles"]), subject["certificationPlan"]["id"],
                      subject["certificationPlan"]["program"], "W3C VC", "sha256",
                      orjson.loads(certificate(programme).read_bytes())["proof"]["cryptosuite"]])
    english = [w for w in re.findall(r"[A-Za-z]{3,}", shown["zh-CN"]) if w not in names and w.lower() not in names]
    assert english == [], english
    assert "符合" in shown["zh-CN"] and "(conformant)" not in sheets["zh-CN"]


@pytest.mark.browser
def test_the_printable_page_in_a_browser_and_as_pdf(programme):
    """Chromium shows the page without a console error, the QR code at a scannable size
    beside the link, both languages, and prints each language's sheet to one A4 page of PDF."""
    from tests.browser import Browser, find_chromium

    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium on PATH (apt-get install chromium; .ci/run installs it)")
    with Browser(executable, 1000, 1200) as browser:
        browser.open((programme / "out" / "certificates" / "headset-0.html").as_uri())
        shown = browser.evaluate(
            "(() => { const q = document.querySelector('.verify svg').getBoundingClientRect();"
            " return [Math.round(q.width) >= 100, q.width === q.height, document.querySelector('.verify a').href,"
            " document.body.innerText.includes('符合性证书'), document.body.innerText.includes('Headset') ||"
            " document.body.innerText.includes('headset')]; })()")
        assert shown == [True, True, SITE + "certificates/headset-0.json", True, True], shown
        assert browser.problems() == []
        pdf = base64.b64decode(browser.page("Page.printToPDF", preferCSSPageSize=True)["data"])
    assert pdf.startswith(b"%PDF-") and re.findall(rb"/Count (\d+)", pdf) == [b"2"]  # one page a language


def test_certificates_are_append_only_in_the_history(programme):
    db = sqlite3.connect(programme / "programme.history.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE certificates SET valid_until = '2099-01-01T00:00:00Z'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM certificates")
    db.close()


def test_a_programme_without_site_url_cannot_certify(tmp_path, capsys):
    path = programme_file(tmp_path, [{"id": "a", "manifest": _terminal_manifest(tmp_path, "a", ["x"])}])
    assert main(["programme", "certify", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "at $.plan" in err, err


# --- the status list, bit by bit ------------------------------------------------------------


def test_status_list_bits_count_from_the_left_and_are_at_least_16_kib():
    bits = gzip.decompress(base64.urlsafe_b64decode(statuslist.encode({0, 9})[1:] + "=="))
    assert len(bits) == 16 * 1024 and bits[0] == 0x80 and bits[1] == 0x40 and not any(bits[2:])
    decoded = statuslist.decode(statuslist.encode({0, 9, 131071}))
    assert [statuslist.is_set(decoded, i) for i in (0, 1, 9, 131071)] == [True, False, True, True]


@pytest.mark.parametrize(("encoded", "problem"), [
    ("H4sI", "not multibase"),  # no multibase prefix
    ("u" + base64.urlsafe_b64encode(b"not gzip").decode().rstrip("="), "not GZIP"),
    ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(100), mtime=0)).decode().rstrip("="), "under the 16 KiB"),
    ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(17 * 2**20), mtime=0)).decode().rstrip("="), "over"),
])
def test_a_bad_encoded_list_is_refused(encoded, problem):
    with pytest.raises(ValueError, match=problem):
        statuslist.decode(encoded)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda c: c.update({"@context": []}), "@context is not"),
    (lambda c: c["credentialSubject"].pop("product"), "not shaped as the programme issues it"),
    (lambda c: c["credentialSubject"].update({"report": "not an object"}), "not shaped"),
    (lambda c: c["credentialStatus"][0].update({"statusListIndex": "x"}), "statusListIndex is not an integer"),
    (lambda c: c["credentialStatus"].append(dict(c["credentialStatus"][1])), "more than one entry for suspension"),
    (lambda c: c["credentialStatus"][1].update({"statusListIndex": "-1"}), "statusListIndex is not an integer"),
    (lambda c: c["credentialStatus"][1].update({"statusListCredential": "https://elsewhere.example/s.json"}),
     "suspension list https://elsewhere.example/s.json is not under the programme's URL"),
    (lambda c: c["credentialStatus"][1].update({"statusListCredential": SITE + "status/revocation.json"}),
     "is not for suspension"),
    (lambda c: c.update({"validUntil": 5}), "validUntil 5 is not a date-time"),
    (lambda c: c["credentialSubject"].update({"profiles": [None]}), "not shaped"),
])
def test_a_certificate_shaped_otherwise_is_rejected_in_one_line(programme, tmp_path, change, reason, capsys):
    """Signed by the trusted key (so every check past the signature is reached), but not as
    the programme issues certificates: rejected with a reason, never a traceback."""
    from conformance.certification.attestation import load_private_key

    cert = orjson.loads(certificate(programme).read_bytes())
    cert.pop("proof")
    change(cert)
    signed = signing.add_proof(cert, load_private_key(programme / "program.key"), "2026-01-01T00:00:00Z")
    odd = programme / "out" / "certificates" / "odd.json"
    odd.write_bytes(orjson.dumps(signed))
    try:
        assert main(["verify", str(odd), *trust(programme)]) == 1
        said = capsys.readouterr()
        assert said.out.startswith("rejected: ") and len(said.out.strip().splitlines()) == 1, said
        assert reason in said.out, said.out
        assert "Traceback" not in said.err
    finally:
        odd.unlink()


def _policy(folder: Path, name: str, policy: dict) -> list[str]:
    return ["--policy", str(write(folder / name, policy))]


def test_a_policy_demanding_another_plan_product_and_profile_is_unmet_one_line_each(programme, tmp_path, capsys):
    """The relying party's policy applies to a certificate: exit 4, one `not certified:` line
    per unmet condition, the plan and the programme named."""
    policy = _policy(tmp_path, "other.yaml", {"plan": {"id": "another-round"}, "product": {"name": "Rival"},
                                              "profiles": ["terminal-hmd-3dof"]})
    assert main(["verify", str(certificate(programme)), *trust(programme), *policy]) == 4
    said = capsys.readouterr().out
    unmet = [line for line in said.splitlines() if line.startswith("not certified: ")]
    assert len(unmet) == 3, said
    assert "plan id round-1, the policy expects another-round" in unmet[1] + unmet[0] + unmet[2], unmet
    assert any("product name 'headset', the policy expects 'Rival'" in line for line in unmet), unmet
    assert any("profile terminal-hmd-3dof was not claimed" in line for line in unmet), unmet
    assert "certification plan: round-1" in said and "programme: Test round (test-round" in said, said


def test_a_policy_the_certificate_meets_certifies(programme, tmp_path, capsys):
    from conformance.certification.attestation import fingerprint

    plan = orjson.loads(certificate(programme).read_bytes())["credentialSubject"]["certificationPlan"]
    key = fingerprint(load_public_key(programme / "program.key.pub"))
    policy = _policy(tmp_path, "same.yaml", {
        "profiles": ["terminal-hmd-6dof"], "plan": {"id": "round-1", "sha256": plan["sha256"]},
        "product": {"name": "headset", "version": "2.1", "vendor": VENDOR},
        "programme": {"id": "test-round", "url": SITE}, "keys": [{"fingerprint": key}]})
    assert main(["verify", str(certificate(programme)), *trust(programme), *policy]) == 0, capsys.readouterr().out
    said = capsys.readouterr().out
    assert "not certified" not in said and "met: plan id round-1" in said and "met: programme id 'test-round'" in said
    assert "met: status list: signed by " + key in said, said


@pytest.mark.parametrize("shadow", [-1, 7])
def test_revoke_ignores_a_shadow_row_and_refuses_an_unknown_id_in_one_line(programme, tmp_path, shadow, capsys):
    """A row inserted beside the real one (a rival's file name, index −1 or unused) is not in
    the programme log: it neither absorbs the revocation nor blocks it (issue 60: before, the
    revocation was refused); an id the log did not issue is refused, exit 2, one line."""
    copy = tmp_path / "copy"
    shutil.copytree(programme, copy)
    db = sqlite3.connect(copy / "programme.history.sqlite")
    with db:
        db.execute("INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer, issued,"
                   " valid_until, file, sha256) VALUES (?, 'urn:uuid:shadow', 'dropper', 'r', 'did:key:x',"
                   " '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 'certificates/headset-0.json', 'x')", (shadow,))
    db.close()
    capsys.readouterr()
    for named in ("urn:uuid:nobody", "urn:uuid:shadow"):
        assert main(["programme", "revoke", str(copy / "programme.yaml"), named, "--reason", "r",
                     "--out", str(copy / "out")]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "no such certificate" in err, err
    db = sqlite3.connect(copy / "programme.history.sqlite")
    assert db.execute("SELECT count(*) FROM revocations").fetchone() == (0,)
    db.close()
    assert main(["programme", "revoke", str(copy / "programme.yaml"), "headset-0", "--reason", "r",
                 "--out", str(copy / "out")]) == 0
    real = orjson.loads(certificate(copy).read_bytes())["id"]
    assert f"revoked: {real}" in capsys.readouterr().out
    db = sqlite3.connect(copy / "programme.history.sqlite")
    assert db.execute("SELECT certificate_id FROM revocations").fetchall() == [(real,)]
    db.close()



def test_the_printable_page_of_a_revoked_certificate_says_revoked_with_date_and_reason(programme, tmp_path):
    """Issue 73: a revoked certificate's printable page looked valid. Issued, it says valid
    (green); revoked, it is generated again and says revoked, since when and why (red), as of
    its generation."""
    copy = tmp_path / "copy"
    shutil.copytree(programme, copy)
    page = copy / "out" / "certificates" / "headset-0.html"
    issued = page.read_text(encoding="utf-8")
    assert 'data-status="valid"' in issued and "Revoked" not in issued
    assert main(["programme", "revoke", str(copy / "programme.yaml"), "headset-0", "--reason",
                 "planted <defect> found", "--out", str(copy / "out")]) == 0
    revoked = page.read_text(encoding="utf-8")
    since = re.search(r'data-status="revoked" data-since="([^"]+)"', revoked)
    assert since and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", since[1]), revoked[:2000]
    assert "已吊销" in revoked and "planted &lt;defect&gt; found" in revoked and f"since {since[1]}" in revoked
    assert ".status.revoked {" in revoked and ".status.suspended {" in revoked


def _rotate(programme: Path) -> Path:
    """A second key signs from now on, the first is retired; certify again (nothing new to
    certify): the status list is published with the new key. The programme file's path."""
    generate_keys(programme / "program-2.key")
    path = programme_file(programme, [{"id": "headset", "manifest": "headset.yaml"}], plan="plan.yaml",
                          signing_key="program-2.key", retired_keys=["program.key.pub"], site_url=SITE)
    assert main(["programme", "certify", str(path), "--out", str(programme / "out")]) == 0
    return path


def _revoke_headset(programme: Path, path: Path, reason: str = "planted defect found") -> None:
    """Keep the status list from before (the next test's), then revoke headset-0."""
    out = programme / "out"
    shutil.copy(out / "status" / "revocation.json", programme / "before-revocation.json")
    assert main(["programme", "revoke", str(path), "headset-0", "--reason", reason, "--out", str(out)]) == 0


def test_rotation_keeps_old_certificates_verifiable_and_revocation_rejects_them(programme, capsys):
    """Last but one in the module: it changes the programme (a new key, a revocation)."""
    out, cert = programme / "out", certificate(programme)
    path = _rotate(programme)
    listed = orjson.loads((out / "status" / "revocation.json").read_bytes())
    new = load_public_key(programme / "program-2.key.pub")
    assert listed["issuer"] == signing.issuer_did(new)
    issuers = orjson.loads((out / "certificates" / "issuers.json").read_bytes())
    assert issuers["current"] == signing.issuer_did(new)
    assert issuers["retired"] == [signing.issuer_did(load_public_key(programme / "program.key.pub"))]
    both = [*trust(programme), "--trust", str(programme / "program-2.key.pub")]
    capsys.readouterr()
    assert main(["verify", str(cert), *both]) == 0, capsys.readouterr().out
    _revoke_headset(programme, path)
    assert "revoked: urn:uuid:" in capsys.readouterr().out
    assert main(["verify", str(cert), *both]) == 1
    assert "revoked: entry 0 of the programme's status list" in capsys.readouterr().out
    assert main(["programme", "revoke", str(path), "headset-0", "--reason", "again", "--out", str(out)]) == 0
    assert "already revoked" in capsys.readouterr().out
    assert main(["programme", "certificates", str(path)]) == 0
    assert "planted defect found" in capsys.readouterr().out


def _list_by(key_file: Path, start: datetime, hours: float | None) -> dict:
    """A status list revoking nothing, signed by ``key_file``, issued at ``start``, valid
    ``hours`` (None: without validity, as lists were issued before they had one)."""
    from conformance.certification.attestation import load_private_key
    from conformance.programme.certformat import timestamp

    key = load_private_key(key_file)
    listed = statuslist.list_credential(SITE + statuslist.STATUS_PATH, signing.issuer_did(key.public_key()), set(),
                                        timestamp(start), None if hours is None else
                                        timestamp(start + timedelta(hours=hours)))
    return signing.add_proof(listed, key, timestamp(start))


def test_a_list_from_before_the_revocation_or_by_a_retired_key_does_not_hide_it(programme, tmp_path, capsys):
    """After the rotation test (headset-0 revoked): the holder presents a list from before the
    revocation, or one signed by the retired key after its retirement; both are refused."""
    cert, out = certificate(programme), programme / "out"
    if not (programme / "before-revocation.json").exists():
        # pytest-xdist ran the rotation test on another worker, whose module fixture this
        # worker does not share: rotate and revoke here (order within a worker is kept)
        _revoke_headset(programme, _rotate(programme))
    keys = [load_public_key(programme / "program.key.pub"), load_public_key(programme / "program-2.key.pub")]
    both = [*trust(programme), "--trust", str(programme / "program-2.key.pub")]
    now = datetime.now(UTC)
    listed = orjson.loads((out / "status" / "revocation.json").read_bytes())
    issued, until = (datetime.fromisoformat(listed[k].replace("Z", "+00:00")) for k in ("validFrom", "validUntil"))
    assert until - issued == timedelta(hours=24) and listed["credentialSubject"]["ttl"] == 24 * 3600 * 1000
    # the programme's own list from before the revocation, a day later: outside its validity
    before = programme / "before-revocation.json"
    # still within its validity, but the published log beside the certificate records the
    # revocation (issue 60: before, this list hid it)
    with pytest.raises(Rejected, match="revoked: the programme log records its revocation"):
        verify_certificate(cert, keys, status_list=before)
    with pytest.raises(Rejected, match="outside its validity"):
        verify_certificate(cert, keys, status_list=before, now=now + timedelta(hours=25))
    # yesterday's list, and a list without validity (as issued before), given with --status-list
    for name, document, reason in (
        ("yesterday.json", _list_by(programme / "program-2.key", now - timedelta(hours=30), 24),
         "is outside its validity"),
        ("timeless.json", _list_by(programme / "program-2.key", now - timedelta(hours=1), None),
         "has no validFrom and validUntil"),
    ):
        (tmp_path / name).write_bytes(orjson.dumps(document))
        capsys.readouterr()
        assert main(["verify", str(cert), *both, "--status-list", str(tmp_path / name)]) == 1
        said = capsys.readouterr().out
        assert said.startswith("rejected: ") and reason in said and len(said.splitlines()) == 1, said
    # the retired key, retired now (after it signed the certificate), signs a fresh list revoking nothing
    # (a second after the certificate's proof, which may share this second when the fixture was
    # made just now: wait until then, so the certificate stays from before the retirement)
    created = datetime.fromisoformat(orjson.loads(cert.read_bytes())["proof"]["created"].replace("Z", "+00:00"))
    retired_at = max(now.replace(microsecond=0), created + timedelta(seconds=1))
    time.sleep(max(0.0, (retired_at - datetime.now(UTC)).total_seconds()))
    path = programme_file(programme, [{"id": "headset", "manifest": "headset.yaml"}], plan="plan.yaml",
                          signing_key="program-2.key", site_url=SITE,
                          retired_keys=[{"key": "program.key.pub", "retired": retired_at.isoformat()}])
    assert main(["programme", "certify", str(path), "--out", str(out)]) == 0
    issuers = orjson.loads((out / "certificates" / "issuers.json").read_bytes())
    old_did = signing.issuer_did(keys[0])
    assert issuers["retirements"] == [{"id": old_did, "retired": retired_at.isoformat().replace("+00:00", "Z")}]
    (tmp_path / "by-retired.json").write_bytes(orjson.dumps(_list_by(programme / "program.key", now, 24)))
    capsys.readouterr()
    assert main(["verify", str(cert), *both, "--status-list", str(tmp_path / "by-retired.json")]) == 1
    said = capsys.readouterr().out
    assert "which the programme retired at" in said and len(said.splitlines()) == 1, said
    # its own certificate, signed before the retirement, is still judged (and found revoked)
    assert main(["verify", str(cert), *both]) == 1
    assert "revoked: entry 0" in capsys.readouterr().out
