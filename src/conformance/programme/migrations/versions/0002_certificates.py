"""Certificates the programme issued and their revocations.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from conformance.programme.dbschema import append_only

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("status_index", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("certificate_id", sa.Text, nullable=False, unique=True),
        sa.Column("participant", sa.Text, nullable=False),
        sa.Column("run_id", sa.Text, sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("issued", sa.Text, nullable=False),
        sa.Column("valid_until", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
    )
    op.create_table(
        "revocations",
        sa.Column("certificate_id", sa.Text, sa.ForeignKey("certificates.certificate_id"), primary_key=True),
        sa.Column("revoked", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    for table in ("certificates", "revocations"):
        append_only(op.get_bind(), table)


def downgrade() -> None:
    raise NotImplementedError("the history is append-only: it is never migrated back")
