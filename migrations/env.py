"""Alembic environment: runs against the app's own database URL.

``render_as_batch`` lets the same migrations alter tables on SQLite, which cannot
ALTER most things in place.
"""

from alembic import context

import repairs.models  # noqa: F401  (registers every table)
import scheduling.embedded.models  # noqa: F401  (the scheduling core's own tables)
from portal.database import make_engine
from repairs.models.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
