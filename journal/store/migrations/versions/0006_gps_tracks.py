"""GPS tracks (each imported GPX file, its fixes packed per segment) and where a photo's position
came from: its own GPS, a track (with its distance in time to the nearest fix), or the user.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("point_count", sa.Integer(), nullable=False),
        sa.Column("first_utc", sa.DateTime(), nullable=True),
        sa.Column("last_utc", sa.DateTime(), nullable=True),
        sa.Column("imported_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trip_id"], ["trips.id"], name="fk_tracks_trip_id_trips", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tracks"),
        sa.UniqueConstraint("trip_id", "content_hash", name="uq_tracks_trip_id_content_hash"),
    )
    op.create_table(
        "track_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("point_count", sa.Integer(), nullable=False),
        sa.Column("fixes", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["tracks.id"],
            name="fk_track_segments_track_id_tracks",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_track_segments"),
        sa.UniqueConstraint("track_id", "number", name="uq_track_segments_track_id_number"),
    )
    with op.batch_alter_table("photos") as batch:
        batch.add_column(sa.Column("position_source", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("track_gap_seconds", sa.Integer(), nullable=True))
    op.execute("UPDATE photos SET position_source = 'own' WHERE gps_latitude IS NOT NULL")


def downgrade() -> None:
    op.execute(
        "UPDATE photos SET gps_latitude = NULL, gps_longitude = NULL "
        "WHERE position_source IS NOT NULL AND position_source != 'own'"
    )
    with op.batch_alter_table("photos") as batch:
        batch.drop_column("track_gap_seconds")
        batch.drop_column("position_source")
    op.drop_table("track_segments")
    op.drop_table("tracks")
