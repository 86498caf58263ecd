"""video calls

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 19:47:27.790554
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import repairs.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "video_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("repair_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("started_by_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("invited_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("link_version", sa.Integer(), nullable=False),
        sa.Column(
            "link_expires_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("link_used_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("consent_to_record", sa.Boolean(), nullable=True),
        sa.Column("connected_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=True),
        sa.Column(
            "stills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "uploads",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("recording_key", sa.String(length=80), nullable=True),
        sa.Column("recording_bytes", sa.Integer(), nullable=True),
        sa.Column(
            "media_deleted_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("outcome_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_video_call_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["repair_id"], ["repair.id"], name=op.f("fk_video_call_repair_id_repair")
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["staff_user.id"],
            name=op.f("fk_video_call_started_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_call")),
        sa.UniqueConstraint("public_id", name=op.f("uq_video_call_public_id")),
    )
    with op.batch_alter_table("video_call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_video_call_repair_id"), ["repair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_video_call_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("video_call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_video_call_status"))
        batch_op.drop_index(batch_op.f("ix_video_call_repair_id"))

    op.drop_table("video_call")
