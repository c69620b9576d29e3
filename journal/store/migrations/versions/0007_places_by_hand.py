"""Places chosen by hand: a photo's (over its automatic place) and a day's, by GeoNames id, with
the label it had when chosen (what is shown if the place-name index no longer has the id).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("photos", "days"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("place_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("place_label", sa.Text(), nullable=True))


def downgrade() -> None:
    op.execute(
        "UPDATE photos SET gps_latitude = NULL, gps_longitude = NULL, position_source = NULL "
        "WHERE position_source = 'hand'"
    )
    for table in ("photos", "days"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("place_label")
            batch.drop_column("place_id")
