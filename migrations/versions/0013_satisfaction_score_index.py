"""satisfaction scores read without the table: the performance page over a year

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 23:05:00
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_satisfaction_response_repair_score", "satisfaction_response", ["repair_id", "score"]
    )


def downgrade() -> None:
    op.drop_index("ix_satisfaction_response_repair_score", table_name="satisfaction_response")
