"""Culling (flag, stars, hidden from the post), a cover for each day, and a trash for photos and
trips, so that removing one can be undone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        batch.add_column(sa.Column("flagged", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("rating", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("hidden", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("removed_utc", sa.DateTime(), nullable=True))
    with op.batch_alter_table("days") as batch:
        batch.add_column(sa.Column("cover_photo_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_days_cover_photo_id_photos",
            "photos",
            ["cover_photo_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("trips") as batch:
        batch.add_column(sa.Column("removed_utc", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("trips") as batch:
        batch.drop_column("removed_utc")
    with op.batch_alter_table("days") as batch:
        batch.drop_constraint("fk_days_cover_photo_id_photos", type_="foreignkey")
        batch.drop_column("cover_photo_id")
    with op.batch_alter_table("photos") as batch:
        batch.drop_column("removed_utc")
        batch.drop_column("hidden")
        batch.drop_column("rating")
        batch.drop_column("flagged")
