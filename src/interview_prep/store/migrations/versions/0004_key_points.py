"""Key points and answering out loud: coverage per attempt, per draft and per question.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

New nullable or defaulted columns only (``ALTER TABLE ADD COLUMN``: no table rebuild):
``attempts`` and ``session_drafts`` get ``key_points`` (JSON, see ``practice.coverage``),
``spoken`` and ``reflection``; ``attempts`` also ``points_total`` and ``points_covered``;
``question_stats`` gets ``coverage``. Older attempts have no key points: their columns stay
NULL. Then the derived tables are refolded from the attempts, which also fills them for a
database coming from before 0003 (see that migration).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _shared_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("key_points", sa.Text(), nullable=True),
        sa.Column("spoken", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("reflection", sa.Text(), server_default="", nullable=False),
    ]


def upgrade() -> None:
    for table in ("attempts", "session_drafts"):
        for column in _shared_columns():
            op.add_column(table, column)
    op.add_column("attempts", sa.Column("points_total", sa.Integer(), nullable=True))
    op.add_column("attempts", sa.Column("points_covered", sa.Integer(), nullable=True))
    op.add_column("question_stats", sa.Column("coverage", sa.Float(), nullable=True))
    from interview_prep.store.derived import rebuild_derived_on

    rebuild_derived_on(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("question_stats") as batch:
        batch.drop_column("coverage")
    for table, extra in (("attempts", ["points_total", "points_covered"]), ("session_drafts", [])):
        with op.batch_alter_table(table) as batch:
            for name in ["key_points", "spoken", "reflection", *extra]:
                batch.drop_column(name)
