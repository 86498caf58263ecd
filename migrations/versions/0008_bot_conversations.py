"""bot conversations: replies kept for replays, WhatsApp photos to fetch, STOP and START,
comments with satisfaction scores

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 19:49:50.070017
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import repairs.models.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("keyword", sa.String(length=40), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=True),
        sa.Column("occurred_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_consent_event_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_event")),
    )
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_event_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_event_person_id"), ["person_id"], unique=False)

    op.create_table(
        "inbound_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("repair_reference", sa.String(length=12), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("photo_key", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_inbound_media_conversation_id_conversation"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_inbound_media_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_media")),
    )
    with op.batch_alter_table("inbound_media", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inbound_media_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inbound_media_status"), ["status"], unique=False)

    with op.batch_alter_table("satisfaction_response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment", sa.Text(), nullable=True))

    with op.batch_alter_table("inbound_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "replies",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("inbound_message", schema=None) as batch_op:
        batch_op.drop_column("replies")

    with op.batch_alter_table("satisfaction_response", schema=None) as batch_op:
        batch_op.drop_column("comment")

    with op.batch_alter_table("inbound_media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_media_status"))
        batch_op.drop_index(batch_op.f("ix_inbound_media_conversation_id"))

    op.drop_table("inbound_media")
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_event_person_id"))
        batch_op.drop_index(batch_op.f("ix_consent_event_address"))

    op.drop_table("consent_event")
