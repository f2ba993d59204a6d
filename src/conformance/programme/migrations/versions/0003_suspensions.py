"""Suspensions and reinstatements of certificates by continuous conformance (``programme watch``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from conformance.programme.dbschema import append_only

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # one row per change, in order: a certificate is suspended while its latest row says so
    op.create_table(
        "suspensions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("certificate_id", sa.Text, sa.ForeignKey("certificates.certificate_id"), nullable=False),
        sa.Column("changed", sa.Text, nullable=False),
        sa.Column("run_id", sa.Text, sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    append_only(op.get_bind(), "suspensions")


def downgrade() -> None:
    raise NotImplementedError("the history is append-only: it is never migrated back")
