"""on call: the rota of duties, and call-outs and emergency promises on bookings

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 18:00:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import repairs.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "scheduling_oncall_duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operative_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("trades", JSON, nullable=False),
        sa.Column("patches", JSON, nullable=False),
        sa.Column("max_callouts", sa.Integer(), nullable=True),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operative_id"],
            ["operative.id"],
            name=op.f("fk_scheduling_oncall_duty_operative_id_operative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduling_oncall_duty")),
    )
    with op.batch_alter_table("scheduling_oncall_duty", schema=None) as batch_op:
        for column in ("operative_id", "starts_at", "ends_at"):
            batch_op.create_index(
                batch_op.f(f"ix_scheduling_oncall_duty_{column}"), [column], unique=False
            )

    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        for column in ("promised_arrival", "attend_by", "make_safe_by"):
            batch_op.add_column(
                sa.Column(column, repairs.models.base.UTCDateTime(timezone=True), nullable=True)
            )
        batch_op.add_column(sa.Column("oncall_duty_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_scheduling_booking_oncall_duty_id"), ["oncall_duty_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_scheduling_booking_oncall_duty_id_scheduling_oncall_duty"),
            "scheduling_oncall_duty",
            ["oncall_duty_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("scheduling_booking", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_scheduling_booking_oncall_duty_id_scheduling_oncall_duty"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_scheduling_booking_oncall_duty_id"))
        for column in ("oncall_duty_id", "make_safe_by", "attend_by", "promised_arrival"):
            batch_op.drop_column(column)

    with op.batch_alter_table("scheduling_oncall_duty", schema=None) as batch_op:
        for column in ("ends_at", "starts_at", "operative_id"):
            batch_op.drop_index(batch_op.f(f"ix_scheduling_oncall_duty_{column}"))
    op.drop_table("scheduling_oncall_duty")
