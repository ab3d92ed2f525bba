"""fingerprints and lookup keys for near-copy detection; facts that supersede older values

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.Text(), nullable=True))
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("supersedes", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "article_keys",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"],
            name=op.f("fk_article_keys_article_id_articles"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "key", name=op.f("pk_article_keys")),
    )
    with op.batch_alter_table("article_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_keys_key"), ["key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_keys_key"))
    op.drop_table("article_keys")
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_column("supersedes")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("fingerprint")
