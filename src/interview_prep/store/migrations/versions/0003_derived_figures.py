"""Derived figures: per-question tallies and per-day practice counts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

Both tables are derived from ``attempts`` and kept in step with it in the transaction that
adds an attempt, so the review screen reads 5,000 rows instead of aggregating 100,000.
New tables only; written out in full, without importing the models. They are filled from
the existing attempts by the newest migration that changes them (0004 now), since
``store.derived.rebuild_derived_on`` writes the columns of the newest schema and
migrations always run to the newest.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_stats",
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("rated", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("rating_sum", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("weak", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("timed", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("overtime", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_started", sa.DateTime(), nullable=True),
        sa.Column("last_rating", sa.Integer(), nullable=True),
        sa.Column("recency_num", sa.Float(), server_default=sa.text("0"), nullable=False),
        sa.Column("recency_den", sa.Float(), server_default=sa.text("0"), nullable=False),
        sa.Column("ratio_hist", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_question_stats")),
    )
    op.create_table(
        "practice_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("rated", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("rating_sum", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_practice_days")),
    )


def downgrade() -> None:
    op.drop_table("practice_days")
    op.drop_table("question_stats")
