"""The history's schema as migrations (Alembic, ``migrations/``) and what they share.

:func:`migrate` brings a database to the newest revision: a new one is created from
nothing, an older one is upgraded in place (a SQLite file written before the migrations
existed has revision 0001's tables and is stamped so first). SQLite and PostgreSQL alike:
the one thing a dialect does its own way is the triggers that keep the history
append-only (:func:`append_only`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect

MESSAGE = "the programme history is append-only"
MIGRATIONS = Path(__file__).with_name("migrations")
#: the newest revision in ``migrations/versions`` (a test checks it against Alembic's head)
HEAD = "0003"


def append_only(connection: Connection, table: str) -> None:
    """Triggers refusing every UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of ``table``."""
    if connection.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb} BEFORE {verb} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        return
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION programme_append_only() RETURNS trigger LANGUAGE plpgsql AS"
        f" $$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$")
    connection.exec_driver_sql(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}"
                               " FOR EACH ROW EXECUTE FUNCTION programme_append_only()")
    connection.exec_driver_sql(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}"
                               " FOR EACH STATEMENT EXECUTE FUNCTION programme_append_only()")


def migrate(connection: Connection) -> None:
    """Upgrade the database to the newest revision (within the caller's transaction). A
    database at :data:`HEAD` is left as it is without loading Alembic (about a tenth of a
    second of CPU on each ``programme`` command that opens an existing history)."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables and \
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [HEAD]:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    if "runs" in tables and "alembic_version" not in tables:  # written before the migrations existed
        command.stamp(config, "0002" if "certificates" in tables else "0001")
    command.upgrade(config, "head")
