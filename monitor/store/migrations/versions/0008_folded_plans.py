"""reports numbered by their watch's change count, and the summary a plan folds new reports
into (monitor.events.state.Fold), so planning reads only the reports added since

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reports stored before have no number: no summary exists yet, so the first plan rebuilds
    # from every report, and only reports written after it are read as new.
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.create_index("ix_reports_watch_seq", ["watch", "seq"], unique=False)
    with op.batch_alter_table("watch_marks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rewritten", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fold_changed", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fold_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("fold", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("watch_marks", schema=None) as batch_op:
        batch_op.drop_column("fold")
        batch_op.drop_column("fold_key")
        batch_op.drop_column("fold_changed")
        batch_op.drop_column("rewritten")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_watch_seq")
        batch_op.drop_column("seq")
