"""staff: second factor, recovery codes, account events, forced password change; indexes
for the performance figures

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 19:20:00
"""

import sqlalchemy as sa
from alembic import op

import repairs.models.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column(
                "totp_confirmed_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "two_factor_required", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "staff_recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_recovery_code_staff_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_recovery_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_recovery_code_code_hash")),
    )
    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_recovery_code_staff_id"), ["staff_id"], unique=False
        )
    op.create_table(
        "staff_account_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("occurred_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_account_event_actor_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_account_event_staff_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_account_event")),
    )
    with op.batch_alter_table("staff_account_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_account_event_staff_id"), ["staff_id"], unique=False
        )

    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.create_index(
            "ix_repair_reported_channel", ["reported_at", "channel", "property_id", "block_id"]
        )
        batch_op.create_index(
            "ix_repair_completed_priority",
            ["completed_at", "priority", "target_at", "property_id", "block_id"],
        )
        batch_op.create_index("ix_repair_hazard", ["hazard"])
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index("ix_appointment_repair_arrived", ["repair_id", "arrived_at"])


def downgrade() -> None:
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_repair_arrived")
    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.drop_index("ix_repair_hazard")
        batch_op.drop_index("ix_repair_completed_priority")
        batch_op.drop_index("ix_repair_reported_channel")
    with op.batch_alter_table("staff_account_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_account_event_staff_id"))
    op.drop_table("staff_account_event")
    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_recovery_code_staff_id"))
    op.drop_table("staff_recovery_code")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("two_factor_required")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_confirmed_at")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("must_change_password")
