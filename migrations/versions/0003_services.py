"""services: work items, field events, booking references

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 18:45:06.037994
"""

import sqlalchemy as sa
from alembic import op

import repairs.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("booking_reference", sa.String(length=40), nullable=False),
        sa.Column("repair_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["repair_id"], ["repair.id"], name=op.f("fk_field_event_repair_id_repair")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_event")),
        sa.UniqueConstraint("event_id", name=op.f("uq_field_event_event_id")),
    )
    with op.batch_alter_table("field_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_field_event_booking_reference"), ["booking_reference"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_field_event_repair_id"), ["repair_id"], unique=False)

    op.create_table(
        "work_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("repair_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("requested_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_to_id"],
            ["staff_user.id"],
            name=op.f("fk_work_item_assigned_to_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_work_item_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["repair_id"], ["repair.id"], name=op.f("fk_work_item_repair_id_repair")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_item")),
    )
    with op.batch_alter_table("work_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_item_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_item_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_item_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_item_repair_id"), ["repair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_item_status"), ["status"], unique=False)

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("booking_reference", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("cancellation_reason", sa.String(length=200), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_appointment_booking_reference"), ["booking_reference"], unique=False
        )

    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancellation_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("repair", schema=None) as batch_op:
        batch_op.drop_column("cancellation_reason")

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_booking_reference"))
        batch_op.drop_column("cancellation_reason")
        batch_op.drop_column("booking_reference")

    with op.batch_alter_table("work_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_item_status"))
        batch_op.drop_index(batch_op.f("ix_work_item_repair_id"))
        batch_op.drop_index(batch_op.f("ix_work_item_person_id"))
        batch_op.drop_index(batch_op.f("ix_work_item_kind"))
        batch_op.drop_index(batch_op.f("ix_work_item_created_at"))

    op.drop_table("work_item")
    with op.batch_alter_table("field_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_field_event_repair_id"))
        batch_op.drop_index(batch_op.f("ix_field_event_booking_reference"))

    op.drop_table("field_event")
