"""scheduling: bookings in operatives' days, the change counter, API tokens

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 20:29:24.387566
"""

import sqlalchemy as sa
from alembic import op

import repairs.models.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduling_api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_scheduling_api_token_token_hash")),
    )
    with op.batch_alter_table("scheduling_api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduling_api_token_name"), ["name"], unique=False)

    op.create_table(
        "scheduling_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_revision")),
    )
    op.create_table(
        "scheduling_booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("job_reference", sa.String(length=40), nullable=False),
        sa.Column("operative_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("window", sa.String(length=20), nullable=False),
        sa.Column("starts_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("planned_start", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("trade", sa.String(length=30), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("sequence", sa.Double(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operative_id"],
            ["operative.id"],
            name=op.f("fk_scheduling_booking_operative_id_operative"),
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["scheduling_booking.id"],
            name=op.f("fk_scheduling_booking_replaces_id_scheduling_booking"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_booking")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_scheduling_booking_idempotency_key")),
        sa.UniqueConstraint("reference", name=op.f("uq_scheduling_booking_reference")),
    )
    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduling_booking_day"), ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_scheduling_booking_job_reference"), ["job_reference"], unique=False
        )
        batch_op.create_index(
            "ix_scheduling_booking_operative_day", ["operative_id", "day"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scheduling_booking_revision"), ["revision"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduling_booking_revision"))
        batch_op.drop_index("ix_scheduling_booking_operative_day")
        batch_op.drop_index(batch_op.f("ix_scheduling_booking_job_reference"))
        batch_op.drop_index(batch_op.f("ix_scheduling_booking_day"))

    op.drop_table("scheduling_booking")
    op.drop_table("scheduling_revision")
    with op.batch_alter_table("scheduling_api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduling_api_token_name"))

    op.drop_table("scheduling_api_token")
