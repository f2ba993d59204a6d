"""The runs, their outcomes per profile and their verdicts per requirement.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from conformance.programme.dbschema import append_only

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "runs",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Text, nullable=False, unique=True),
        sa.Column("programme", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, sa.CheckConstraint("kind IN ('participant', 'pair')"), nullable=False),
        sa.Column("participant", sa.Text, nullable=False),
        sa.Column("partner", sa.Text),
        sa.Column("report_dir", sa.Text, nullable=False),
        sa.Column("started", sa.Text),
        sa.Column("finished", sa.Text),
        sa.Column("recorded", sa.Text, nullable=False),
        sa.Column("catalog_digest", sa.Text),
        sa.Column("harness_version", sa.Text),
        sa.Column("exit_code", sa.Integer),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("complete", sa.Integer, nullable=False),
        sa.Column("report_sha256", sa.Text),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sqlite_autoincrement=True,
    )
    op.create_index("runs_participant", "runs", ["participant", "kind", "partner", "seq"])
    op.create_table(
        "outcomes",
        sa.Column("run_id", sa.Text, sa.ForeignKey("runs.run_id"), primary_key=True),
        sa.Column("profile", sa.Text, primary_key=True),
        sa.Column("outcome", sa.Text, nullable=False),
    )
    op.create_table(
        "verdicts",
        sa.Column("run_id", sa.Text, sa.ForeignKey("runs.run_id"), primary_key=True),
        sa.Column("profile", sa.Text, primary_key=True),
        sa.Column("requirement", sa.Text, primary_key=True),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
    )
    for table in ("runs", "outcomes", "verdicts"):
        append_only(op.get_bind(), table)


def downgrade() -> None:
    raise NotImplementedError("the history is append-only: it is never migrated back")
