"""tenant sign-in codes, report drafts, contact preferences

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 19:13:54.800139
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import repairs.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=43), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_report_draft_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_draft")),
        sa.UniqueConstraint("token", name=op.f("uq_report_draft_token")),
    )
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_draft_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_report_draft_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "sign_in_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mobile", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("network", sa.String(length=50), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", repairs.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", repairs.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_sign_in_code_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_code")),
    )
    with op.batch_alter_table("sign_in_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_in_code_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sign_in_code_mobile"), ["mobile"], unique=False)
        batch_op.create_index(batch_op.f("ix_sign_in_code_network"), ["network"], unique=False)
        batch_op.create_index(batch_op.f("ix_sign_in_code_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminders", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("verified_mobile", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("verified_mobile")
        batch_op.drop_column("reminders")

    with op.batch_alter_table("sign_in_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_code_person_id"))
        batch_op.drop_index(batch_op.f("ix_sign_in_code_network"))
        batch_op.drop_index(batch_op.f("ix_sign_in_code_mobile"))
        batch_op.drop_index(batch_op.f("ix_sign_in_code_created_at"))

    op.drop_table("sign_in_code")
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_draft_updated_at"))
        batch_op.drop_index(batch_op.f("ix_report_draft_person_id"))

    op.drop_table("report_draft")
