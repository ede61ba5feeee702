"""Spoken answers: the recording's file name and its metrics, per attempt and per draft.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

New nullable columns only (``ALTER TABLE ADD COLUMN``: no table rebuild): ``attempts`` and
``session_drafts`` get ``recording`` (a file name in the data folder's ``recordings/``) and
``speech`` (``audio.metrics.SpeechMetrics`` as JSON). Older attempts have neither.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("attempts", "session_drafts")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("recording", sa.String(), nullable=True))
        op.add_column(table, sa.Column("speech", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("recording")
            batch.drop_column("speech")
