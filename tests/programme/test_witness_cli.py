"""`conformance witness` on the command line and over HTTP (tlog-witness's POST
/add-checkpoint on a loopback port), the programme's side collecting cosignatures from such
witnesses (:mod:`conformance.programme.cosign`), and a relying party's witness policy file.
Bad input is one line and exit 2; a refusal is one line and exit 1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.certification.attestation import generate_keys, load_private_key
from conformance.cli import main
from conformance.errors import HarnessInputError
from conformance.programme import checkpoint, cosign, merkle, note
from conformance.programme.witness import Witness, request
from conformance.programme.witnesscli import server
from conformance.programme.witnesspolicy import load_witness_policy

LOG_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
ORIGIN = "certify.example.org/city-pilot"
LOG_VKEY = checkpoint.verifier_key(ORIGIN, LOG_KEY.public_key()).vkey()


def _leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(str(i).encode()) for i in range(n)]


def _signed(n: int) -> bytes:
    return checkpoint.sign(checkpoint.Checkpoint(ORIGIN, n, merkle.root(_leaves(n))), LOG_KEY)


@pytest.fixture
def witness_key(tmp_path) -> Path:
    generate_keys(tmp_path / "w1.key")
    return tmp_path / "w1.key"


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_witness_key_command_prints_a_cosignature_verifier_key(witness_key, capsys):
    code, out, _ = _cli(capsys, "witness", "key", "--key", str(witness_key), "--name", "witness.example/w1")
    key = note.parse_vkey(out.strip())
    assert code == 0 and key.name == "witness.example/w1" and key.kind == note.COSIGNATURE


def test_add_checkpoint_from_a_file_prints_the_cosignature_or_one_refusal(witness_key, tmp_path, capsys):
    state = tmp_path / "state"
    base = ["witness", "add-checkpoint", str(state), "--key", str(witness_key), "--name", "witness.example/w1",
            "--log", LOG_VKEY]
    (tmp_path / "first").write_bytes(request(0, [], _signed(3)))
    code, out, err = _cli(capsys, *base, str(tmp_path / "first"))
    assert code == 0 and out.startswith("\u2014 witness.example/w1 ") and not err
    cosigned = note.parse(_signed(3) + out.encode())
    wkey = Witness(state, "witness.example/w1", load_private_key(witness_key, "--key")).verifier()
    assert note.verify(cosigned, [wkey]) == {"witness.example/w1": note.verify(cosigned, [wkey])["witness.example/w1"]}
    (tmp_path / "stale").write_bytes(request(0, [], _signed(5)))
    code, out, _ = _cli(capsys, *base, str(tmp_path / "stale"))
    assert (code, out.strip()) == (1, "refused (409): this witness holds the tree of 3 leaves of "
                                      f"{ORIGIN}, not of 0")


@pytest.mark.parametrize(("change", "where"), [
    (lambda argv, tmp: [*argv[:-1], str(tmp / "missing")], "missing: cannot be read"),
    (lambda argv, tmp: [a if a != LOG_VKEY else "not-a-key" for a in argv], "--log not-a-key"),
    (lambda argv, tmp: [a if a != "witness.example/w1" else "two words" for a in argv], "--name 'two words'"),
    (lambda argv, tmp: [a if not a.endswith("w1.key") else str(tmp / "nokey") for a in argv], "no such key file"),
])
def test_bad_input_to_the_witness_is_one_line_and_exit_2(witness_key, tmp_path, capsys, change, where):
    (tmp_path / "req").write_bytes(request(0, [], _signed(3)))
    argv = ["witness", "add-checkpoint", str(tmp_path / "state"), "--key", str(witness_key), "--name",
            "witness.example/w1", "--log", LOG_VKEY, str(tmp_path / "req")]
    code, out, err = _cli(capsys, *change(argv, tmp_path))
    assert code == 2 and where in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert not (tmp_path / "state" / "logs").exists()  # nothing kept


@contextmanager
def _serving(folder: Path, name: str, seed: int) -> Iterator[tuple[str, Witness]]:
    witness = Witness(folder, name, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32),
                      {ORIGIN: [note.parse_vkey(LOG_VKEY)]})
    httpd = server(witness)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", witness
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_http_witness_answers_as_the_spec_says(tmp_path):
    with _serving(tmp_path, "witness.example/w1", 1) as (url, _), httpx.Client(timeout=5) as client:
        ok = client.post(url + "/add-checkpoint", content=request(0, [], _signed(3)))
        assert ok.status_code == 200 and ok.text.startswith("\u2014 witness.example/w1 ")
        conflict = client.post(url + "/add-checkpoint", content=request(0, [], _signed(5)))
        assert (conflict.status_code, conflict.headers["content-type"], conflict.text) == (409, "text/x.tlog.size",
                                                                                           "3\n")
        bad = client.post(url + "/add-checkpoint", content=request(3, [bytes(32)], _signed(5)))
        assert bad.status_code == 422
        assert client.post(url + "/other", content=b"x").status_code == 404
        big = client.post(url + "/add-checkpoint", content=b"x" * 100_000)
        assert big.status_code == 413


def test_the_programme_collects_cosignatures_and_says_which_witness_gave_none(tmp_path):
    hashes = _leaves(8)
    with _serving(tmp_path / "w1", "witness.example/w1", 1) as (url1, w1), \
            _serving(tmp_path / "w2", "witness.example/w2", 2) as (url2, w2):
        # w2 already holds the tree of 3: the programme learns it (409) and sends the proof from there
        httpx.post(url2 + "/add-checkpoint", content=request(0, [], _signed(3)), timeout=5)
        wrong = note.note_key("witness.example/w3", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
        witnesses = [(url1, w1.verifier().vkey()), (url2, w2.verifier().vkey()),
                     (url1, wrong.vkey()),  # an answer that is not this key's cosignature
                     ("http://127.0.0.1:9/", wrong.vkey())]  # nobody listens on the discard port
        cosigned, problems = cosign.collect(witnesses, _signed(8), hashes)
    opened = checkpoint.open_checkpoint(cosigned, ORIGIN, [LOG_KEY.public_key()], [w1.verifier(), w2.verifier()])
    assert set(opened[2]) == {"witness.example/w1", "witness.example/w2"}
    assert len(problems) == 2, problems
    assert "witness.example/w3" in problems[0] and "its answer is not its cosignature" in problems[0]
    assert "unreachable (ConnectError)" in problems[1]


@pytest.mark.parametrize("mode", ["slow-headers", "slow-body", "hang"])
def test_a_witness_trickling_its_answer_is_cut_off_at_the_deadline_and_certify_goes_on(tmp_path, mode):
    # The witness answers 200 and then a byte a second (or a header byte a second, or nothing):
    # no single read ever waits long, so only a deadline for the whole exchange ends it. The
    # hostile server notes that the programme hung up before the trickle was over.
    from tests.hostile.server import running

    hashes = _leaves(8)
    with running() as hostile, _serving(tmp_path / "w1", "witness.example/w1", 1) as (url1, w1):
        slow = note.note_key("witness.example/slow", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
        witnesses = [(f"{hostile.url}/{mode}", slow.vkey()), (url1, w1.verifier().vkey())]
        cosigned, problems = cosign.collect(witnesses, _signed(8), hashes, deadline_s=1.0)
        assert hostile.ending(mode) == "hung up"
    opened = checkpoint.open_checkpoint(cosigned, ORIGIN, [LOG_KEY.public_key()], [w1.verifier()])
    assert set(opened[2]) == {"witness.example/w1"}  # the witness that answered
    assert problems == [f"witness witness.example/slow ({hostile.url}/{mode}): no whole answer within its "
                        "deadline of 1 s (slow or silent)"]


def _policy(tmp_path: Path, text: str) -> Path:
    (tmp_path / "policy").write_text(text)
    return tmp_path / "policy"


def test_a_witness_policy_names_witnesses_and_a_quorum(tmp_path):
    w = note.note_key("witness.example/w1", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    policy = load_witness_policy(_policy(tmp_path, f"# ours\nwitness {w.vkey()}  # the city's\nquorum 1\n"))
    assert policy.witnesses == (w,) and policy.quorum == 1


@pytest.mark.parametrize(("text", "reason"), [
    ("quorum 1\n", "not between 1 and its 0 witnesses"),
    ("witness {w}\nquorum 2\n", "not between 1 and its 1 witnesses"),
    ("witness {w}\nwitness {w}\nquorum 1\n", "named twice"),
    ("witness {w}\nquorum one\n", "line 2: 'quorum one' is not"),
    ("witness {log}\nquorum 1\n", "line 1: certify.example.org/city-pilot's key is not a cosignature key"),
    ("witness nonsense\nquorum 1\n", "line 1: 'nonsense' is not an Ed25519 verifier key"),
])
def test_a_malformed_witness_policy_is_one_line(tmp_path, text, reason):
    w = note.note_key("witness.example/w1", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    with pytest.raises(HarnessInputError, match=reason):
        load_witness_policy(_policy(tmp_path, text.format(w=w.vkey(), log=LOG_VKEY)))


def test_witness_serve_prints_where_it_listens_and_answers_there(witness_key, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1", "COLUMNS": "300"}
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "witness", "serve", str(tmp_path / "state"),
                              "--key", str(witness_key), "--name", "witness.example/w1", "--log", LOG_VKEY],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = child.stdout.readline()
        assert first.startswith("witness witness.example/w1 at http://127.0.0.1:"), first + child.stderr.read()
        url = first.split()[3]
        answer = httpx.post(url, content=request(0, [], _signed(3)), timeout=10)
        assert answer.status_code == 200 and answer.text.startswith("\u2014 witness.example/w1 ")
    finally:
        child.terminate()
        child.wait(timeout=30)
