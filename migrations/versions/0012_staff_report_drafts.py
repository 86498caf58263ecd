"""report drafts raised by staff on a tenant's behalf

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_report_draft_staff_id"), ["staff_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_report_draft_staff_id_staff_user"), "staff_user", ["staff_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("report_draft", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_report_draft_staff_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_report_draft_staff_id"))
        batch_op.drop_column("staff_id")
