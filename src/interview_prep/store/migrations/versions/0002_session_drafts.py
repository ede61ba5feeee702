"""Session drafts: the unfinished question of a running session, to resume after a crash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

A new table only; the existing tables are untouched, so no batch rebuild is needed. Written
out in full, without importing the models (see 0001).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_drafts",
        sa.Column("session_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("elapsed_seconds", sa.Float(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "session_elapsed_seconds", sa.Float(), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("revealed_at", sa.DateTime(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name=op.f("ck_session_drafts_rating_range")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_session_drafts_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_session_drafts")),
    )


def downgrade() -> None:
    op.drop_table("session_drafts")
