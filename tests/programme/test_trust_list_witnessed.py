"""A trust list carries a programme's witnesses and the quorum of them its checkpoints need:
`verify --trust-list` accepts a certificate whose checkpoint the listed quorum cosigned,
refuses one short of it, and the relying party's own --witness-policy still applies on top.
The programme is the one of test_witnessed_certificates (two witnesses that cosign, one that
nobody serves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.certification.attestation import generate_keys
from conformance.cli import main
from conformance.programme import note

from .test_witnessed_certificates import _policy, witnessed  # noqa: F401 (the module's fixture)

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


def _listed(folder: Path, tmp_path: Path, *entry_options: str) -> Path:
    """A list signed by a fresh authority (tmp_path/authority.key) with the programme's entry."""
    generate_keys(tmp_path / "authority.key")
    listed, entry = tmp_path / "list.json", tmp_path / "entry.json"
    assert main(["trust-list", "init", str(listed), "--id", "urn:example:list", "--authority", "Registry"]) == 0
    assert main(["trust-list", "entry", str(folder / "programme.yaml"), "--jurisdiction", "CN-SH",
                 "--valid-from", "2020-01-01T00:00:00Z", "--out", str(entry), *entry_options]) == 0
    assert main(["trust-list", "add", str(listed), str(entry)]) == 0
    assert main(["trust-list", "sign", str(listed), "--key", str(tmp_path / "authority.key")]) == 0
    return listed


def _verify(folder: Path, tmp_path: Path, listed: Path, capsys, *extra: str) -> tuple[int, str]:
    (issued,) = (folder / "out" / "certificates").glob("headset-*.json")
    capsys.readouterr()
    code = main(["verify", str(issued), "--trust-list", str(listed), "--trust-list-key",
                 str(tmp_path / "authority.key.pub"), *extra])
    out = capsys.readouterr()
    return code, " ".join((out.out + out.err).split())


def test_the_listed_quorum_of_witnesses_is_required(witnessed, tmp_path, capsys):  # noqa: F811
    folder, _witnesses, _ = witnessed
    code, said = _verify(folder, tmp_path, _listed(folder, tmp_path), capsys)
    assert code == 0, said
    assert "cosigned by 2 of the 3 listed witnesses (2 needed)" in said


def test_a_checkpoint_short_of_the_listed_quorum_is_refused(witnessed, tmp_path, capsys):  # noqa: F811
    folder, _witnesses, _ = witnessed
    code, said = _verify(folder, tmp_path, _listed(folder, tmp_path, "--quorum", "3"), capsys)
    assert code == 1 and said.startswith("rejected: the certificate's checkpoint, against the trust list's log")
    assert "cosigned by 2 of the policy's 3 witnesses" in said and "3 needed" in said


def test_the_relying_partys_witness_policy_still_applies(witnessed, tmp_path, capsys):  # noqa: F811
    folder, _witnesses, _ = witnessed
    stranger = note.note_key("witness.example/other", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    policy = _policy(tmp_path, stranger.vkey(), quorum=1)
    code, said = _verify(folder, tmp_path, _listed(folder, tmp_path), capsys, "--witness-policy", str(policy))
    assert code == 1 and "cosigned by 0 of the policy's 1 witnesses" in said
