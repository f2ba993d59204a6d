"""A programme with witnesses, end to end: certify asks two witnesses (on loopback ports) to
cosign the checkpoint each certificate carries and names one it cannot reach; `verify
--witness-policy` accepts the certificate when the relying party's quorum of witnesses
cosigned it and rejects it, in one line, when the cosignatures are by witnesses the policy
does not name; a malformed policy or a programme file naming a witness by a key that is not
a cosignature key is one line and exit 2."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.certification.attestation import load_private_key
from conformance.cli import main
from conformance.programme import checkpoint, note
from conformance.programme.witness import Witness
from conformance.programme.witnesscli import server

from .test_certificates import headset_and_dropper

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def witnessed(tmp_path_factory, catalog) -> Iterator[tuple[Path, list[Witness], str]]:
    """A programme run with two witnesses named in its file (and one that nobody serves),
    then certify: (the folder, the witnesses, what certify printed)."""
    folder = tmp_path_factory.mktemp("witnessed")
    path = headset_and_dropper(folder, catalog, "--no-interop", version="3")
    raw = yaml.safe_load(path.read_text())
    origin = checkpoint.log_origin(raw["id"], raw["site_url"])
    log_key = checkpoint.verifier_key(origin, load_private_key(folder / "program.key").public_key())
    witnesses, servers = [], []
    for seed, name in ((1, "witness.example/w1"), (2, "witness.example/w2")):
        witness = Witness(folder / name.replace("/", "-"), name,
                          Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32), {origin: [log_key]})
        httpd = server(witness)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        witnesses.append(witness)
        servers.append(httpd)
    stranger = note.note_key("witness.example/gone", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    raw["witnesses"] = [{"url": f"http://127.0.0.1:{s.server_address[1]}/", "key": w.verifier().vkey()}
                        for s, w in zip(servers, witnesses, strict=True)]
    raw["witnesses"].append({"url": "http://127.0.0.1:9/", "key": stranger.vkey()})
    path.write_text(yaml.safe_dump(raw))
    import io
    from contextlib import redirect_stdout

    said = io.StringIO()
    with redirect_stdout(said):
        code = main(["programme", "certify", str(path), "--out", str(folder / "out"), "--participant", "headset"])
    assert code == 0, said.getvalue()
    yield folder, witnesses, said.getvalue()
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def _policy(tmp_path: Path, *keys: str, quorum: int) -> Path:
    path = tmp_path / "policy"
    path.write_text("".join(f"witness {k}\n" for k in keys) + f"quorum {quorum}\n")
    return path


def _verify(folder: Path, capsys, *extra: str) -> tuple[int, str, str]:
    (issued,) = (folder / "out" / "certificates").glob("headset-*.json")
    capsys.readouterr()
    code = main(["verify", str(issued), "--trust", str(folder / "program.key.pub"), *extra])
    out = capsys.readouterr()
    return code, " ".join(out.out.split()), out.err


def test_certify_collects_the_witnesses_cosignatures_and_names_the_one_it_missed(witnessed):
    folder, witnesses, said = witnessed
    assert "not cosigned: witness witness.example/gone (http://127.0.0.1:9/): unreachable" in said, said
    (issued,) = (folder / "out" / "certificates").glob("headset-*.json")
    carried = orjson.loads(issued.read_bytes())["credentialSubject"]["programmeLog"]["checkpoint"]
    signatures = note.parse(carried.encode()).signatures
    assert [s.name for s in signatures][1:] == ["witness.example/w1", "witness.example/w2"]
    published = (folder / "out" / "log" / "checkpoint").read_bytes()  # after the certificate's own leaf
    assert int(published.split(b"\n")[1]) > int(carried.split("\n")[1])
    assert [s.name for s in note.parse(published).signatures][1:] == ["witness.example/w1", "witness.example/w2"]
    for witness in witnesses:  # each keeps the latest checkpoint it cosigned: the one published
        assert witness.latest(signatures[0].name).size == int(published.split(b"\n")[1])


def test_verify_accepts_a_certificate_cosigned_by_the_policys_quorum(witnessed, tmp_path, capsys):
    folder, witnesses, _ = witnessed
    other = note.note_key("witness.example/w9", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    for keys, quorum in (([w.verifier().vkey() for w in witnesses], 2),
                         ([witnesses[0].verifier().vkey(), other.vkey()], 1)):
        code, said, _ = _verify(folder, capsys, "--witness-policy", str(_policy(tmp_path, *keys, quorum=quorum)))
        assert code == 0, said
        assert f"witnessed: its checkpoint is cosigned by {quorum} of the policy's 2 witnesses" in said, said


def test_verify_rejects_a_certificate_not_cosigned_by_the_policys_quorum(witnessed, tmp_path, capsys):
    folder, witnesses, _ = witnessed
    others = [note.note_key(f"witness.example/o{i}", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
              for i in range(2)]
    code, said, _ = _verify(folder, capsys, "--witness-policy",
                            str(_policy(tmp_path, *(o.vkey() for o in others), quorum=1)))
    assert code == 1 and said.startswith(  # and neither is the published checkpoint, which it then tries
        "rejected: the certificate's checkpoint: cosigned by 0 of the policy's 2 witnesses (none), 1 needed; 2 other "
        "signature(s) by keys the policy does not name, not counted; the published checkpoint: cosigned by 0"), said
    code, said, _ = _verify(folder, capsys, "--witness-policy",
                            str(_policy(tmp_path, witnesses[0].verifier().vkey(), others[0].vkey(), quorum=2)))
    assert code == 1 and "cosigned by 1 of the policy's 2 witnesses (witness.example/w1), 2 needed" in said, said


def test_a_malformed_witness_policy_is_one_line_and_exit_2(witnessed, tmp_path, capsys):
    folder, _, _ = witnessed
    path = tmp_path / "policy"
    path.write_text("witness nonsense\nquorum 1\n")
    code, said, err = _verify(folder, capsys, "--witness-policy", str(path))
    assert code == 2 and not said and f"{path} line 1" in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(("entry", "where"), [
    ({"url": "http://127.0.0.1:9/", "key": "not-a-key"}, "$.witnesses[0].key"),
    ({"url": "http://witness.example.org/", "key": "x+00000000+AQ=="}, "witnesses"),  # plain HTTP off loopback
])
def test_a_programme_naming_a_bad_witness_is_one_line_and_exit_2(witnessed, tmp_path, capsys, entry, where):
    folder, _, _ = witnessed
    path = folder / "programme.yaml"
    raw = yaml.safe_load(path.read_text())
    copy = tmp_path / "programme.yaml"
    for name in ("plan.yaml", "program.key", "headset.yaml", "dropper.yaml"):
        if (folder / name).exists():
            (tmp_path / name).symlink_to(folder / name)
    copy.write_text(yaml.safe_dump({**raw, "witnesses": [entry]}))
    capsys.readouterr()
    code = main(["programme", "certify", str(copy), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and where in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert not (tmp_path / "out").exists()


def test_verify_applies_the_policy_to_the_published_checkpoint_when_the_certificates_own_lacks_it(
        witnessed, tmp_path, capsys):
    """A certificate whose own checkpoint carries no cosignature (its witnesses were down when it
    was issued) verifies under a 2-of-2 policy from the published checkpoint alone, which the
    witnesses cosigned later and which extends the certificate's tree (checked from the tiles);
    with the published cosignatures gone too, it is refused."""
    folder, witnesses, _ = witnessed
    (issued,) = (folder / "out" / "certificates").glob("headset-*.json")
    cert = orjson.loads(issued.read_bytes())
    carried = cert["credentialSubject"]["programmeLog"]["checkpoint"]
    cert["credentialSubject"]["programmeLog"]["checkpoint"] = carried[:carried.index("\n\n") + 2] + \
        carried[carried.index("\n\n") + 2:].split("\n")[0] + "\n"  # the log's own signature only
    created = cert.pop("proof")["created"]
    from conformance.programme import signing

    bare = issued.with_name("bare.json")
    bare.write_bytes(orjson.dumps(signing.add_proof(cert, load_private_key(folder / "program.key"), created)))
    policy = _policy(tmp_path, *(w.verifier().vkey() for w in witnesses), quorum=2)
    try:
        capsys.readouterr()
        code = main(["verify", str(bare), "--trust", str(folder / "program.key.pub"), "--witness-policy", str(policy)])
        said = " ".join(capsys.readouterr().out.split())
        assert code == 0, said
        assert "witnessed: the published checkpoint of" in said and "which extends its own, is cosigned by 2" in said
        published = folder / "out" / "log" / "checkpoint"
        kept = published.read_bytes()
        published.write_bytes(kept[:kept.index(b"\n\n") + 2] + kept[kept.index(b"\n\n") + 2:].split(b"\n")[0] + b"\n")
        try:
            capsys.readouterr()
            code = main(["verify", str(bare), "--trust", str(folder / "program.key.pub"), "--witness-policy",
                         str(policy)])
            said = " ".join(capsys.readouterr().out.split())
            assert code == 1 and "the published checkpoint: cosigned by 0 of the policy's 2 witnesses" in said, said
        finally:
            published.write_bytes(kept)
    finally:
        bare.unlink()
