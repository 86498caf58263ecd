import pytest

from portal.config import ConfigError, config_from_env


def test_development_needs_no_variables(monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL", "APP_ENV"):
        monkeypatch.delenv(name, raising=False)
    config = config_from_env()
    assert config.ENV_NAME == "development"
    assert config.DATABASE_URL.startswith("sqlite:///")
    assert len(config.SECRET_KEY) >= 32


def test_development_secret_is_generated_once_and_shared_by_workers(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first, second = config_from_env("development"), config_from_env("development")
    assert first.SECRET_KEY == second.SECRET_KEY and len(first.SECRET_KEY) >= 32


def test_testing_secret_is_random_each_start(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert config_from_env("testing").SECRET_KEY != config_from_env("testing").SECRET_KEY


def test_production_refuses_to_start_and_names_every_missing_secret(monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError) as error:
        config_from_env("production")
    for name in ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL"):
        assert name in str(error.value)


def test_production_with_twilio_also_needs_twilio_credentials(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/repairs")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://repairs.example")
    monkeypatch.setenv("MESSAGE_TRANSPORT", "twilio")
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("TWILIO_ACCOUNT_SID", raising=False)
    with pytest.raises(ConfigError, match="TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN"):
        config_from_env("production")


def test_production_starts_with_its_secrets_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/repairs")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://repairs.example/")
    monkeypatch.setenv("VIDEO_TICKET_SECRET", "v" * 40)
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.delenv("MESSAGE_TRANSPORT", raising=False)
    config = config_from_env("production")
    assert config.SESSION_COOKIE_SECURE is True
    assert config.PUBLIC_BASE_URL == "https://repairs.example"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("APP_ENV", "staging", "APP_ENV must be one of"),
        ("SESSION_COOKIE_SECURE", "maybe", "SESSION_COOKIE_SECURE must be true or false"),
        ("SIGN_IN_ATTEMPTS_PER_HOUR", "ten", "must be a whole number"),
        ("MESSAGE_TRANSPORT", "pigeon", "MESSAGE_TRANSPORT must be"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        config_from_env()


def test_replan_settings_are_read_and_checked(monkeypatch):
    from scheduling.replan.settings import ReplanSettings

    monkeypatch.setenv("REPLAN_AT", "23:30")
    monkeypatch.setenv("REPLAN_DAYS_AHEAD", "2")
    monkeypatch.setenv("REPLAN_MIN_SAVING_PERCENT", "5")
    settings = ReplanSettings.from_config(vars(config_from_env("testing")))
    assert (settings.at.hour, settings.at.minute, settings.days_ahead) == (23, 30, 2)
    assert settings.min_saving == 0.05 and settings.time_limit_seconds == 60
    for name, bad in (("REPLAN_AT", "late"), ("REPLAN_DAYS_AHEAD", "0"), ("REPLAN_WORKERS", "x")):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ConfigError, match="REPLAN|re-plan"):
            config_from_env("testing")
        monkeypatch.delenv(name)
