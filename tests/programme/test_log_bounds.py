"""Every value that goes into the programme log is bounded before it is appended: a revocation
reason too long for a log entry is one line and exit 2, with nothing appended (neither the
history's row nor a leaf); a log that holds an over-long leaf from before is read with one line
naming the leaf, never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.programme import ledger

from .test_certificates import certificate, headset_and_dropper, trust

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def certified(tmp_path_factory, catalog) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bounds")
    path = headset_and_dropper(folder, catalog)
    assert main(["programme", "certify", str(path), "--out", str(folder / "out")]) == 0
    return folder, path


def _leaves(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("leaves.jsonl")))


def _revocations(path: Path) -> int:
    with sqlite3.connect(path.with_name(path.stem + ".history.sqlite")) as db:
        return int(db.execute("SELECT count(*) FROM revocations").fetchone()[0])


def test_a_revocation_reason_too_long_is_refused_in_one_line_and_nothing_is_appended(certified, capsys):
    folder, path = certified
    before = _leaves(folder)
    capsys.readouterr()
    code = main(["programme", "revoke", str(path), "headset-0", "--reason", "x" * 100_000,
                 "--out", str(folder / "out")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "--reason" in err and "100000 characters" in err and "Traceback" not in err
    assert _leaves(folder) == before and _revocations(path) == 0


def test_a_log_holding_an_over_long_leaf_from_before_is_read_in_one_line(certified, capsys, monkeypatch):
    folder, path = certified
    # an older harness appended what this one refuses: the bound lifted for one revocation
    monkeypatch.setattr(ledger, "MAX_LEAF_BYTES", 10**7)
    from conformance.programme import logformat
    monkeypatch.setattr(logformat, "MAX_REASON_CHARS", 10**7)
    capsys.readouterr()
    main(["programme", "revoke", str(path), "headset-0", "--reason", "y" * 100_000, "--out", str(folder / "out")])
    monkeypatch.undo()
    assert b"y" * 100_000 in _leaves(folder)
    for command in (["programme", "audit", str(path)],
                    ["programme", "site", str(path), "--out", str(folder / "out")],
                    ["programme", "certify", str(path), "--out", str(folder / "out")]):
        capsys.readouterr()
        code = main(command)
        captured = capsys.readouterr()
        said = (captured.out + captured.err).strip()
        assert code in (1, 2), (command, code, said)
        assert "Traceback" not in said and "leaf 3 is 100204 bytes, longer than a log entry can be" in said, said
    # the leaves published as an older harness did (leaves and heads, no tiles): a relying party
    # reads them without a traceback, one line when it refuses
    for name in ("leaves.jsonl", "head.json"):
        shutil.copy(folder / "programme.history.log" / name, folder / "out" / "log" / name)
    capsys.readouterr()
    code = main(["verify", str(certificate(folder)), *trust(folder)])
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    assert code == 0 or (code == 1 and len(said.out.strip().splitlines()) == 1), (code, said)
