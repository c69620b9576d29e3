"""Photos, camera clock corrections, the trip's cover photo and its day-start hour.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("original_path", sa.Text(), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("library_path", sa.Text(), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("media_format", sa.String(length=16), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("orientation", sa.Integer(), nullable=False),
        sa.Column("wall_time", sa.DateTime(), nullable=True),
        sa.Column("time_source", sa.String(length=24), nullable=True),
        sa.Column("time_trusted", sa.Boolean(), nullable=False),
        sa.Column("recorded_offset_minutes", sa.Integer(), nullable=True),
        sa.Column("local_time", sa.DateTime(), nullable=True),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=True),
        sa.Column("captured_utc", sa.DateTime(), nullable=True),
        sa.Column("zone_source", sa.String(length=24), nullable=True),
        sa.Column("zone_name", sa.String(length=64), nullable=True),
        sa.Column("camera_make", sa.Text(), nullable=False),
        sa.Column("camera_model", sa.Text(), nullable=False),
        sa.Column("camera_serial", sa.Text(), nullable=False),
        sa.Column("gps_latitude", sa.Double(), nullable=True),
        sa.Column("gps_longitude", sa.Double(), nullable=True),
        sa.Column("gps_altitude", sa.Double(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("day_date", sa.Date(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("imported_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trip_id"], ["trips.id"], name=op.f("fk_photos_trip_id_trips"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
        sa.UniqueConstraint("trip_id", "content_hash", name=op.f("uq_photos_trip_id_content_hash")),
    )
    op.create_index(
        "ix_photos_trip_day_position", "photos", ["trip_id", "day_date", "position"], unique=False
    )
    op.create_table(
        "camera_offsets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("camera_make", sa.Text(), nullable=False),
        sa.Column("camera_model", sa.Text(), nullable=False),
        sa.Column("camera_serial", sa.Text(), nullable=False),
        sa.Column("offset_seconds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trip_id"],
            ["trips.id"],
            name=op.f("fk_camera_offsets_trip_id_trips"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_camera_offsets")),
        sa.UniqueConstraint(
            "trip_id",
            "camera_make",
            "camera_model",
            "camera_serial",
            name=op.f("uq_camera_offsets_trip_id_camera_make_camera_model_camera_serial"),
        ),
    )
    with op.batch_alter_table("trips") as batch:
        batch.add_column(
            sa.Column("day_start_minutes", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("cover_photo_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_trips_cover_photo_id_photos"),
            "photos",
            ["cover_photo_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("trips") as batch:
        batch.drop_constraint("fk_trips_cover_photo_id_photos", type_="foreignkey")
        batch.drop_column("cover_photo_id")
        batch.drop_column("day_start_minutes")
    op.drop_table("camera_offsets")
    op.drop_index("ix_photos_trip_day_position", table_name="photos")
    op.drop_table("photos")
