"""messaging: the outbox's lifecycle (leases, retries, failure kinds, fallback), satisfaction
scores, calendar links and the Awaab's Law summary time

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:15:40.775162
"""

import sqlalchemy as sa
from alembic import op

import repairs.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repair_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column(
            "first_answered_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("answered_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_satisfaction_response_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["outbound_message.id"],
            name=op.f("fk_satisfaction_response_question_id_outbound_message"),
        ),
        sa.ForeignKeyConstraint(
            ["repair_id"], ["repair.id"], name=op.f("fk_satisfaction_response_repair_id_repair")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_response")),
        sa.UniqueConstraint("repair_id", name=op.f("uq_satisfaction_response_repair_id")),
    )
    with op.batch_alter_table("satisfaction_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_satisfaction_response_person_id"), ["person_id"], unique=False
        )

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_token", sa.String(length=24), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_appointment_calendar_token"), ["calendar_token"]
        )

    with op.batch_alter_table("outbound_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appointment_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="2")
        )
        batch_op.add_column(sa.Column("dedupe_key", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("expires_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("segments", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("provider_status", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("lease_until", repairs.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("outcome_unknown", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("error_code", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("failure_kind", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("fallback_of_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("updated_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_outbound_message_appointment_id"), ["appointment_id"], unique=False
        )
        batch_op.create_index(
            "ix_outbound_message_due", ["status", "priority", "next_attempt_at"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_outbound_message_dedupe_key"), ["dedupe_key"]
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_outbound_message_fallback_of_id"), ["fallback_of_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbound_message_appointment_id_appointment"),
            "appointment",
            ["appointment_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbound_message_fallback_of_id_outbound_message"),
            "outbound_message",
            ["fallback_of_id"],
            ["id"],
        )

    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "awaab_summary_sent_at",
                repairs.models.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.drop_column("awaab_summary_sent_at")

    with op.batch_alter_table("outbound_message", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbound_message_fallback_of_id_outbound_message"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_outbound_message_appointment_id_appointment"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_outbound_message_fallback_of_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_outbound_message_dedupe_key"), type_="unique")
        batch_op.drop_index("ix_outbound_message_due")
        batch_op.drop_index(batch_op.f("ix_outbound_message_appointment_id"))
        batch_op.drop_column("updated_at")
        batch_op.drop_column("fallback_of_id")
        batch_op.drop_column("failure_kind")
        batch_op.drop_column("error_code")
        batch_op.drop_column("outcome_unknown")
        batch_op.drop_column("lease_until")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("provider_status")
        batch_op.drop_column("segments")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("dedupe_key")
        batch_op.drop_column("priority")
        batch_op.drop_column("appointment_id")

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_appointment_calendar_token"), type_="unique")
        batch_op.drop_column("calendar_token")

    with op.batch_alter_table("satisfaction_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_satisfaction_response_person_id"))

    op.drop_table("satisfaction_response")
