"""web sessions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 19:05:35.024324
"""

import sqlalchemy as sa
from alembic import op

import repairs.models.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_session_token_hash")),
    )
    with op.batch_alter_table("web_session", schema=None) as batch_op:
        batch_op.create_index("ix_web_session_subject", ["kind", "subject_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("web_session", schema=None) as batch_op:
        batch_op.drop_index("ix_web_session_subject")

    op.drop_table("web_session")
