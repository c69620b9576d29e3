"""A photo's own description, and the RAW file kept with a photo shot as RAW+JPEG.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("raw_content_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("raw_library_path", sa.Text(), nullable=True))
        batch.add_column(sa.Column("raw_original_path", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        batch.drop_column("raw_original_path")
        batch.drop_column("raw_library_path")
        batch.drop_column("raw_content_hash")
        batch.drop_column("description")
