"""App-wide behaviour: health, error pages, request ids, security headers."""

import json

from portal import config as app_config
from portal import create_app


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok"


def test_healthz_says_503_when_the_database_is_unreachable(tmp_path):
    config = app_config.TestingConfig()
    config.DATABASE_URL = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    response = create_app(config).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_unknown_pages_get_a_designed_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page not found" in html and "govuk-heading-l" in html


def test_unknown_api_paths_get_a_problem_document(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_an_unexpected_error_shows_a_page_not_a_traceback(database_url):
    config = app_config.TestingConfig()
    config.DATABASE_URL = database_url
    app = create_app(config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_every_response_carries_a_request_id_and_security_headers(client):
    response = client.get("/", headers={"X-Request-Id": "lb-1234"})
    assert response.headers["X-Request-Id"] == "lb-1234"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    fresh = client.get("/", headers={"X-Request-Id": "bad id with spaces"})
    assert len(fresh.headers["X-Request-Id"]) == 32


def test_logs_are_json_lines_with_the_request_id(app, client, capsys):
    client.get("/healthz", headers={"X-Request-Id": "trace-42"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    request_lines = [line for line in lines if line.get("path") == "/healthz"]
    assert request_lines and request_lines[-1]["request_id"] == "trace-42"
    assert request_lines[-1]["status"] == 200


def test_the_language_switch_only_takes_supported_locales(client):
    response = client.get("/language/xx?next=/sign-in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert "locale=" not in response.headers.get("Set-Cookie", "")


def test_the_language_switch_never_redirects_off_site(client):
    response = client.get("/language/pl?next=//evil.example/")
    assert response.headers["Location"] == "/"


def test_a_polish_speaker_gets_polish_pages_and_dates(client):
    client.get("/language/pl")
    html = client.get("/").get_data(as_text=True)
    assert 'lang="pl"' in html
    assert "Zgłoś naprawę i śledź jej postęp" in html
    assert "0800 111 999" in html


def test_the_browser_language_is_used_when_nothing_else_is_known(client):
    html = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9"}).get_data(as_text=True)
    assert "Rozpocznij" in html


def _whoami_app(database_url, proxies: int):
    from flask import request

    config = app_config.TestingConfig()
    config.DATABASE_URL = database_url
    config.TRUSTED_PROXIES = proxies
    app = create_app(config)
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    return app.test_client()


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(database_url):
    client = _whoami_app(database_url, proxies=1)
    headers = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/whoami", headers=headers).get_data(as_text=True) == "203.0.113.9"


def test_without_trusted_proxies_forwarded_headers_are_ignored(database_url):
    client = _whoami_app(database_url, proxies=0)
    headers = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/whoami", headers=headers).get_data(as_text=True) == "127.0.0.1"


def test_the_app_refuses_to_start_on_a_malformed_rule_file(database_url, tmp_path):
    import shutil

    import pytest

    from triage_rules import RuleFileError
    from triage_rules.loader import BUNDLED

    rules = tmp_path / "rules"
    shutil.copytree(BUNDLED, rules)
    kitchen = rules / "kitchen.yaml"
    kitchen.write_text(kitchen.read_text().replace("priority: routine", "priority: whenever", 1))
    config = app_config.TestingConfig()
    config.DATABASE_URL = database_url
    config.TRIAGE_RULES_DIR = str(rules)
    with pytest.raises(RuleFileError) as error:
        create_app(config)
    assert "kitchen.yaml:" in str(error.value) and "priority" in str(error.value)


def test_the_app_holds_the_rule_set_it_checked_at_start(app):
    assert app.extensions["triage"].version.startswith("sha256:")
