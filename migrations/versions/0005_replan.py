"""re-plan: pinned bookings, and a record of each day's re-plan

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import repairs.models.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pinned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "scheduling_replan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=True),
        sa.Column("jobs", sa.Integer(), nullable=False),
        sa.Column("km_before", sa.Double(), nullable=False),
        sa.Column("km_after", sa.Double(), nullable=False),
        sa.Column("reordered", sa.Integer(), nullable=False),
        sa.Column("solver_seconds", sa.Double(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column(
            "moves",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_replan")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_scheduling_replan_idempotency_key")),
        sa.UniqueConstraint("reference", name=op.f("uq_scheduling_replan_reference")),
    )
    with op.batch_alter_table("scheduling_replan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduling_replan_day"), ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scheduling_replan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduling_replan_day"))
    op.drop_table("scheduling_replan")
    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        batch_op.drop_column("pinned")
