"""The programme tests' PostgreSQL server: one a session (a worker's), started by whichever
test first needs it (tests/programme/test_database.py's history on each backend, and the
example cohort's walkthrough in test_examples.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin(name: str) -> str | None:
    """On PATH, in /usr/local/bin, or where Debian's postgresql package puts it."""
    found = [shutil.which(name), *map(str, sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)),
             *([f"/usr/local/bin/{name}"] if Path(f"/usr/local/bin/{name}").exists() else [])]
    return next((f for f in found if f), None)


PG_BIN = [_pg_bin(name) for name in ("initdb", "pg_ctl")]


def _as_owner(owner: str | None, command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, the server runs as its own user."""
    return ["runuser", "-u", owner, "--", *command] if owner else command


@pytest.fixture(scope="session")
def postgresql() -> Iterator[str]:
    """A PostgreSQL server of its own, listening on a Unix socket in a temporary folder."""
    initdb, pg_ctl = PG_BIN
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL is not installed (initdb, pg_ctl): .ci/run installs it")
    pytest.importorskip("psycopg")
    owner = None
    if os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres").pw_name
        except KeyError:
            pytest.skip("running as root without a postgres user to run the server as")
    folder = Path(tempfile.mkdtemp(prefix="conformance-pg-"))
    folder.chmod(0o755)
    if owner:
        shutil.chown(folder, owner)
    data, socket_dir = folder / "data", folder
    subprocess.run(_as_owner(owner, [initdb, "-D", str(data), "-U", "conformance", "--auth=trust", "-E", "UTF8",
                                     "--no-instructions"]), check=True, capture_output=True, timeout=120)
    options = f"-k {socket_dir} -p 5433 -c listen_addresses='' -c fsync=off"
    subprocess.run(_as_owner(owner, [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
                                     "start"]), check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://conformance@/postgres?host={socket_dir}&port=5433"
    finally:
        subprocess.run(_as_owner(owner, [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: str, name: str) -> str:
    """A fresh database ``name`` on the server (dropped first if a test before made it): its URL."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return server.replace("/postgres?", f"/{name}?")
