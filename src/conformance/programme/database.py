"""The history's database, through SQLAlchemy Core: opening it (SQLite by default, PostgreSQL
by URL), plain SQL with ``?`` placeholders, SQLite's explicit transactions, and the one line
a full disk or an I/O error gives."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, TextClause, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import HarnessInputError, OutputFailed, install_hint


def open_engine(location: Path | str) -> Engine:
    """The engine of a history database: a SQLite file (created with its folder), ``:memory:``,
    or a database URL. Bad input (no driver, an unusable place) is one line; a full disk or an
    I/O error is an :class:`OutputFailed`."""
    where = str(location)
    url = where if is_url(where) else "sqlite://" if where == ":memory:" else f"sqlite:///{location}"
    try:
        if not is_url(where) and where != ":memory:":
            Path(location).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    except ImportError as exc:
        raise HarnessInputError(safe_location(where), f"the database driver is not installed ({exc})",
                                install_hint("postgresql")) from None
    except (OSError, SQLAlchemyError) as exc:
        if (failed := write_failure(exc, location)) is not None:
            raise failed from None
        raise HarnessInputError(safe_location(where), f"cannot open the history database: {exc}",
                                "name a writable place for it ($.database)") from None
    if engine.dialect.name == "sqlite":
        sqlite_transactions(engine)
    return engine


def write_failure(exc: BaseException, location: Path | str) -> OutputFailed | None:
    """The one line (exit 3: the programme could not complete) for a history the database
    cannot write: a full disk or quota, an I/O error; None for any other error."""
    cause = getattr(exc, "orig", None) or exc
    text = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
    full = isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT) or any(
        words in text for words in ("disk is full", "No space left", "quota exceeded"))
    if not full and not (isinstance(cause, OSError) and cause.errno == errno.EIO or "disk I/O error" in text):
        return None
    if not full and not is_url(str(location)) and str(location) != ":memory:":
        with contextlib.suppress(OSError):  # SQLite says "disk I/O error" when it cannot grow its WAL index
            info = os.statvfs(Path(location).parent)
            full = info.f_bavail == 0 or info.f_favail == 0
    problem = "the disk is full" if full else "an I/O error"
    return OutputFailed(safe_location(str(location)), f"cannot write the programme's history: {problem} ({text})",
                        "free some space (or fix the disk) and run the programme again: it records then the runs it "
                        "could not")


def is_url(location: str) -> bool:
    return "://" in location


def safe_location(where: str) -> str:
    """A database location for a message: a URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", where)


def sql_text(sql: str, params: tuple[object, ...]) -> tuple[TextClause, dict[str, object]]:
    """Plain SQL with ``?`` placeholders as a SQLAlchemy statement with named parameters."""
    names = iter(range(len(params)))
    return text(re.sub(r"\?", lambda _: f":p{next(names)}", sql)), {f"p{i}": v for i, v in enumerate(params)}


def execute_many(connection: Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    if rows:
        statement, _ = sql_text(sql, rows[0])
        connection.execute(statement, [{f"p{i}": v for i, v in enumerate(row)} for row in rows])


def sqlite_transactions(engine: Any) -> None:
    """SQLite as SQLAlchemy documents it for explicit transactions: the driver begins none
    itself; a write transaction starts with BEGIN IMMEDIATE (the write lock at once, so two
    writers wait for each other instead of failing at commit); WAL lets readers go on."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        if engine.url.database:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("immediate")
                                   else "BEGIN")
