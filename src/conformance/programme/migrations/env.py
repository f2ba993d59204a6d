"""Alembic's environment for the programme history: the connection comes from
:func:`conformance.programme.dbschema.migrate` (no alembic.ini, no URL of its own)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
