"""lookup keys of originals only, indexed (key, article_id); watch marks for planning alerts
only when a watch's reports changed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A copy is never a candidate original: its keys only made lookups scan its original twice.
    op.execute("DELETE FROM article_keys WHERE article_id IN "
               "(SELECT id FROM articles WHERE duplicate_of IS NOT NULL)")
    with op.batch_alter_table("article_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_keys_key"))
        batch_op.create_index("ix_article_keys_key_article", ["key", "article_id"],
                              unique=False)
    op.create_table(
        "watch_marks",
        sa.Column("watch", sa.String(length=200), nullable=False),
        sa.Column("changed", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("quiet_changed", sa.Integer(), nullable=True),
        sa.Column("quiet_version", sa.Integer(), nullable=True),
        sa.Column("quiet_key", sa.String(length=64), nullable=True),
        sa.Column("state_changed", sa.Integer(), nullable=True),
        sa.Column("state_key", sa.String(length=64), nullable=True),
        sa.Column("state", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("watch", name=op.f("pk_watch_marks")),
    )


def downgrade() -> None:
    op.drop_table("watch_marks")
    with op.batch_alter_table("article_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_article_keys_key_article")
        batch_op.create_index(batch_op.f("ix_article_keys_key"), ["key"], unique=False)
