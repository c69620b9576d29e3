"""Alembic environment: migrations run on the connection the library hands over.

``journal.store.schema`` runs them on open; developers can also run ``alembic`` from the
checkout, where ``alembic.ini`` points here and ``-x db=PATH`` names a database.
"""

from alembic import context
from sqlalchemy import create_engine

from journal.store.models import Base

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    database = context.get_x_argument(as_dictionary=True).get("db", "journal.db")
    with create_engine(f"sqlite:///{database}").connect() as own_connection:
        context.configure(
            connection=own_connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
