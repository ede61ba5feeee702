"""Initial schema: sessions, attempts and review_states.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Written out in full (no model imports), as every migration must be: later revisions change
the models, never this file. Datetime columns are plain DATETIME holding naive UTC; the
models' UTCDateTime adds the time zone back when reading.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(), server_default="active", nullable=False),
        sa.Column("settings", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'finished', 'abandoned')",
            name=op.f("ck_sessions_status_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )

    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("question_text", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("bank_id", sa.String(), server_default="", nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("duration_seconds", sa.Float(), server_default=sa.text("0"), nullable=False),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("revealed_at", sa.DateTime(), nullable=True),
        sa.Column("skipped", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name=op.f("ck_attempts_rating_range")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_attempts_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    op.create_index(op.f("ix_attempts_session_id"), "attempts", ["session_id"])
    op.create_index(op.f("ix_attempts_question_id"), "attempts", ["question_id"])

    op.create_table(
        "review_states",
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("card", sa.JSON(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("last_review", sa.DateTime(), nullable=True),
        sa.Column("reps", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("lapses", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_review_states")),
    )
    op.create_index(op.f("ix_review_states_due"), "review_states", ["due"])


def downgrade() -> None:
    op.drop_index(op.f("ix_review_states_due"), table_name="review_states")
    op.drop_table("review_states")
    op.drop_index(op.f("ix_attempts_question_id"), table_name="attempts")
    op.drop_index(op.f("ix_attempts_session_id"), table_name="attempts")
    op.drop_table("attempts")
    op.drop_table("sessions")
