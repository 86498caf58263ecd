"""Shared fixtures: one app for the session, a clean database for every test.

The schema is built by running the real migrations (never ``create_all``), on whichever
database ``DATABASE_URL`` names: SQLite by default, PostgreSQL in CI's second pass.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

import scheduling.embedded.models  # noqa: F401  (the scheduling tables, on the same metadata)
from portal import config as app_config
from portal import create_app
from portal.database import make_engine
from portal.migrate import upgrade
from repairs.models import Base
from tests.factories import Factories

pytest_plugins = ["tests.browser_fixtures", "tests.tenant_fixtures", "tests.worker_fixtures"]


def _database_url(tmp_root) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_root / 'test.sqlite3'}"


def _drop_everything(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = _database_url(tmp_path_factory.mktemp("db"))
    _drop_everything(url)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    config = app_config.TestingConfig()
    config.DATABASE_URL = database_url
    config.SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    config.UPLOAD_DIR = str(tmp_path_factory.mktemp("uploads"))
    app = create_app(config)
    yield app
    app.extensions["database"].engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    bound = request.getfixturevalue("app").extensions["database"]
    bound.session.remove()
    with bound.engine.begin() as conn:
        tables = [t.name for t in Base.metadata.sorted_tables]
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in reversed(tables):
                conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 (our own table names)


@pytest.fixture
def session(app):
    """A session of the test's own, outside any app context.

    Holding an app context open across test-client requests would make them share ``g``
    (and so a stale CSRF token); a separate session also means a test's data reaches the
    app only once committed, as it would in production.
    """
    with Session(app.extensions["database"].engine, expire_on_commit=False) as own:
        yield own


@pytest.fixture
def factories(session) -> Factories:
    return Factories(session)


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class ClientRequest:
    """Fetch a page, assert its status, and hand back its HTML; post forms with CSRF."""

    def __init__(self, client) -> None:
        self.client = client

    def get(self, url: str, status: int = 200, **kwargs) -> str:
        response = self.client.get(url, **kwargs)
        assert response.status_code == status, (url, response.status_code)
        return response.get_data(as_text=True)

    def csrf_token(self, url: str) -> str:
        match = CSRF_RE.search(self.get(url))
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def post_form(self, url: str, data: dict, status: int = 302, form_url: str | None = None):
        data = {"csrf_token": self.csrf_token(form_url or url), **data}
        response = self.client.post(url, data=data)
        assert response.status_code == status, (url, response.status_code)
        return response


@pytest.fixture
def client_request(client) -> ClientRequest:
    return ClientRequest(client)
