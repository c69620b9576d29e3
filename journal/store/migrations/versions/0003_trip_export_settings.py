"""Per-trip export settings and the extra front-matter keys of the trip's post.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("trips") as batch:
        batch.add_column(
            sa.Column("export_settings", sa.JSON(), nullable=False, server_default="{}")
        )
        batch.add_column(sa.Column("front_matter", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("trips") as batch:
        batch.drop_column("front_matter")
        batch.drop_column("export_settings")
