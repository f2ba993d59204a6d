"""The files a check read belong to the run that is current, never to the process."""

from __future__ import annotations

import threading

from conformance._record.reads import Reads, reading, record_read


def test_a_read_goes_to_the_current_run_only(tmp_path):
    first, second = Reads(), Reads()
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    with reading(first):
        record_read(a, "0" * 64)
        with reading(second):
            record_read(b)
        record_read(a)  # read again without a digest: the digest judged first is kept
    assert first.files() == {a.resolve(): "0" * 64}
    assert second.files() == {b.resolve(): None}


def test_a_read_with_no_run_is_recorded_nowhere(tmp_path):
    record_read(tmp_path / "lost.bin")
    reads = Reads()
    with reading(reads):
        pass
    assert reads.files() == {}


def test_runs_in_two_threads_keep_their_own_reads(tmp_path):
    # A programme runs participants in threads: each run's reads stay its own.
    found: dict[str, dict] = {}

    def one_run(name: str, barrier: threading.Barrier) -> None:
        reads = Reads()
        with reading(reads):
            barrier.wait()
            record_read(tmp_path / f"{name}.bin")
            barrier.wait()
        found[name] = reads.files()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=one_run, args=(name, barrier)) for name in ("x", "y")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == {"x": {(tmp_path / "x.bin").resolve(): None}, "y": {(tmp_path / "y.bin").resolve(): None}}
