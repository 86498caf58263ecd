"""Configuration from environment variables, one class per environment.

Development and testing need no variable at all. Production refuses to start without its
secrets and names every one that is missing, so a mis-deployed server fails loudly at
boot rather than running with a guessable key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment does not describe a runnable app."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _list(name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in os.environ.get(name, "").split(",") if item.strip())


def derive_secret(secret_key: str, purpose: str) -> str:
    """A key for one purpose only, derived from ``SECRET_KEY``: knowing it reveals
    neither the secret key nor the key for any other purpose."""
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{ROOT / 'instance' / name}"


class Config:
    """Settings shared by every environment; each subclass sets what differs."""

    ENV_NAME = "base"
    REQUIRED: tuple[str, ...] = ()

    def __init__(self) -> None:
        env = os.environ
        self.SECRET_KEY = env.get("SECRET_KEY") or self.default_secret()
        self.DATABASE_URL = env.get("DATABASE_URL") or self.default_database_url()
        self.PUBLIC_BASE_URL = env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
        self.LANDLORD_NAME = env.get("LANDLORD_NAME", "Trent Vale Homes")
        self.SERVICE_NAME = env.get("SERVICE_NAME", "Report and track a repair")
        self.LANDLORD_PHONE = env.get("LANDLORD_PHONE", "0115 496 0000")
        # Tenants may not change or cancel an appointment on its own day (staff can).
        self.NO_CHANGES_ON_THE_DAY = _bool("NO_CHANGES_ON_THE_DAY", True)
        # Photos tenants send, kept outside the code and the static folder.
        self.UPLOAD_DIR = env.get("UPLOAD_DIR", str(ROOT / "instance" / "uploads"))
        self.SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", self.secure_cookies())
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.WTF_CSRF_ENABLED = _bool("WTF_CSRF_ENABLED", True)
        self.WTF_CSRF_TIME_LIMIT = (
            None  # tied to the session instead, so slow readers are not failed
        )
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_DEFAULT_TIMEZONE = "Europe/London"
        self.BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
        self.SIGN_IN_ATTEMPTS_PER_HOUR = _int("SIGN_IN_ATTEMPTS_PER_HOUR", 10)
        # One-time codes for tenants: how long one lives, how many wrong tries lock it,
        # how soon another may be sent to the same number, and how many unused an hour.
        self.SIGN_IN_CODE_MINUTES = _int("SIGN_IN_CODE_MINUTES", 10)
        self.SIGN_IN_CODE_TRIES = _int("SIGN_IN_CODE_TRIES", 5)
        self.SIGN_IN_RESEND_SECONDS = _int("SIGN_IN_RESEND_SECONDS", 60)
        self.SIGN_IN_CODES_PER_HOUR = _int("SIGN_IN_CODES_PER_HOUR", 5)
        # Sessions end after this long without a request, and this long after sign-in.
        self.TENANT_IDLE_MINUTES = _int("TENANT_IDLE_MINUTES", 30)
        self.TENANT_SESSION_HOURS = _int("TENANT_SESSION_HOURS", 12)
        self.STAFF_IDLE_MINUTES = _int("STAFF_IDLE_MINUTES", 30)
        self.STAFF_SESSION_HOURS = _int("STAFF_SESSION_HOURS", 12)
        # Supervisors and admins always need an authenticator app; this asks it of everyone.
        self.STAFF_TWO_FACTOR_FOR_ALL = _bool("STAFF_TWO_FACTOR_FOR_ALL", False)
        self.PERMANENT_SESSION_LIFETIME = timedelta(
            hours=max(self.TENANT_SESSION_HOURS, self.STAFF_SESSION_HOURS)
        )
        # How many proxies (load balancers) stand in front of the app; their X-Forwarded-*
        # headers are trusted for exactly that many hops and no more.
        self.TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
        # Empty: the rule files bundled with triage_rules; set it to run the landlord's own.
        self.TRIAGE_RULES_DIR = env.get("TRIAGE_RULES_DIR", "")
        self.LOG_LEVEL = env.get("LOG_LEVEL", "INFO")
        self.LOG_JSON = _bool("LOG_JSON", True)
        self.TWILIO_ACCOUNT_SID = env.get("TWILIO_ACCOUNT_SID", "")
        self.TWILIO_AUTH_TOKEN = env.get("TWILIO_AUTH_TOKEN", "")
        self.TWILIO_API_BASE_URL = env.get("TWILIO_API_BASE_URL", "").rstrip("/")
        # Who texts come from: a Messaging Service (Twilio picks the number, handles STOP)
        # or one number; outside production a fictional number, for the fake API.
        self.TWILIO_MESSAGING_SERVICE_SID = env.get("TWILIO_MESSAGING_SERVICE_SID", "")
        self.TWILIO_SMS_FROM = env.get("TWILIO_SMS_FROM", self.default_sms_sender())
        self.TWILIO_WHATSAPP_FROM = env.get("TWILIO_WHATSAPP_FROM", "")
        self.TWILIO_TIMEOUT_SECONDS = _float("TWILIO_TIMEOUT_SECONDS", 10.0)
        self.MESSAGE_TRANSPORT = env.get("MESSAGE_TRANSPORT", "console")
        # Messages that can wait are held back in these hours (London time).
        self.QUIET_HOURS = env.get("QUIET_HOURS", "20:00-08:00")
        self.REMINDER_DAY_BEFORE_AT = env.get("REMINDER_DAY_BEFORE_AT", "18:00")
        self.REMINDER_MORNING_AT = env.get("REMINDER_MORNING_AT", "07:30")
        self.WORKER_BATCH_SIZE = _int("WORKER_BATCH_SIZE", 50)
        self.WORKER_CONCURRENCY = _int("WORKER_CONCURRENCY", 8)
        self.WORKER_LEASE_SECONDS = _float("WORKER_LEASE_SECONDS", 60.0)
        self.WORKER_POLL_SECONDS = _float("WORKER_POLL_SECONDS", 1.0)
        self.WORKER_SCHEDULE_SECONDS = _float("WORKER_SCHEDULE_SECONDS", 60.0)
        self.MESSAGE_RETRY_BASE_SECONDS = _float("MESSAGE_RETRY_BASE_SECONDS", 10.0)
        self.MESSAGE_RETRY_MAX_SECONDS = _float("MESSAGE_RETRY_MAX_SECONDS", 900.0)
        self.MESSAGE_RETRY_FOR_HOURS = _float("MESSAGE_RETRY_FOR_HOURS", 24.0)
        # A text conversation starts again after this many minutes without a message.
        self.BOT_CONVERSATION_MINUTES = _int("BOT_CONVERSATION_MINUTES", 120)
        # The scheduling core: embedded unless a remote core's URL is given.
        self.SCHEDULING_CORE_URL = env.get("SCHEDULING_CORE_URL", "").rstrip("/")
        self.SCHEDULING_CORE_TOKEN = env.get("SCHEDULING_CORE_TOKEN", "")
        self.SCHEDULING_WINDOWS = env.get("SCHEDULING_WINDOWS", "")
        self.SCHEDULING_ROAD_FACTOR = _float("SCHEDULING_ROAD_FACTOR", 1.3)
        self.SCHEDULING_SPEED_KMH = _float("SCHEDULING_SPEED_KMH", 25.0)
        self.SCHEDULING_MIN_LEAD_HOURS = _float("SCHEDULING_MIN_LEAD_HOURS", 12.0)
        self.SCHEDULING_URGENT_DAYS = _int("SCHEDULING_URGENT_DAYS", 5)
        self.SCHEDULING_ROUTINE_DAYS = _int("SCHEDULING_ROUTINE_DAYS", 20)
        self.SCHEDULING_ATTEND_HOURS = _float("SCHEDULING_ATTEND_HOURS", 4.0)
        self.SCHEDULING_MAKE_SAFE_HOURS = _float("SCHEDULING_MAKE_SAFE_HOURS", 24.0)
        self.SCHEDULING_EMERGENCY_OVERTIME_MINUTES = _int(
            "SCHEDULING_EMERGENCY_OVERTIME_MINUTES", 60
        )
        self.SCHEDULING_ONCALL_REST_HOURS = _float("SCHEDULING_ONCALL_REST_HOURS", 11.0)
        self.SCHEDULING_ONCALL_MAX_CALLOUTS = _int("SCHEDULING_ONCALL_MAX_CALLOUTS", 5)
        self.SCHEDULING_ONCALL_MOBILISE_MINUTES = _float("SCHEDULING_ONCALL_MOBILISE_MINUTES", 15.0)
        self.SCHEDULING_HORIZON_DAYS = _int("SCHEDULING_HORIZON_DAYS", 42)
        self.SCHEDULING_WORK_WEEKENDS = _bool("SCHEDULING_WORK_WEEKENDS", False)
        self.SCHEDULING_WORK_BANK_HOLIDAYS = _bool("SCHEDULING_WORK_BANK_HOLIDAYS", False)
        # The nightly re-plan (scheduling/replan/settings.py says what each one does).
        self.REPLAN_AT = env.get("REPLAN_AT", "22:00")
        self.REPLAN_DAYS_AHEAD = _int("REPLAN_DAYS_AHEAD", 1)
        self.REPLAN_TIME_LIMIT_SECONDS = _float("REPLAN_TIME_LIMIT_SECONDS", 60.0)
        self.REPLAN_WORKERS = _int("REPLAN_WORKERS", 2)
        self.REPLAN_MIN_SAVING_PERCENT = _float("REPLAN_MIN_SAVING_PERCENT", 2.0)
        self._read_video_settings()
        self.TESTING = False
        self.DEBUG = False

    def _read_video_settings(self) -> None:
        env = os.environ
        self.VIDEO_ENABLED = _bool("VIDEO_ENABLED", True)
        self.VIDEO_PORT = _int("VIDEO_PORT", 5002)
        # Where browsers reach the video service's signalling (POST /offer).
        self.VIDEO_SERVICE_URL = env.get(
            "VIDEO_SERVICE_URL", f"http://127.0.0.1:{self.VIDEO_PORT}"
        ).rstrip("/")
        # Signs the short-lived tickets the portal gives browsers for the video service.
        # A key of its own, so a video node never holds the key that signs sessions.
        self.VIDEO_TICKET_SECRET = env.get("VIDEO_TICKET_SECRET") or self.default_ticket_secret()
        self.VIDEO_TICKET_SECONDS = _int("VIDEO_TICKET_SECONDS", 60)
        self.VIDEO_LINK_MINUTES = _int("VIDEO_LINK_MINUTES", 30)
        self.VIDEO_MAX_CALL_MINUTES = _int("VIDEO_MAX_CALL_MINUTES", 20)
        self.VIDEO_MAX_CALLS = _int("VIDEO_MAX_CALLS", 4)
        self.VIDEO_CONNECT_SECONDS = _int("VIDEO_CONNECT_SECONDS", 30)
        self.VIDEO_RECORDINGS_DIR = env.get(
            "VIDEO_RECORDINGS_DIR", str(ROOT / "instance" / "recordings")
        )
        self.VIDEO_RETENTION_DAYS = _int("VIDEO_RETENTION_DAYS", 90)
        self.VIDEO_UPLOAD_MAX_MB = _int("VIDEO_UPLOAD_MAX_MB", 50)
        self.VIDEO_UPLOAD_MAX_SECONDS = _int("VIDEO_UPLOAD_MAX_SECONDS", 60)
        self.VIDEO_STUN_URLS = _list("VIDEO_STUN_URLS")
        self.VIDEO_TURN_URLS = _list("VIDEO_TURN_URLS")
        self.VIDEO_TURN_SECRET = env.get("VIDEO_TURN_SECRET", "")
        self.VIDEO_TURN_USERNAME = env.get("VIDEO_TURN_USERNAME", "")
        self.VIDEO_TURN_PASSWORD = env.get("VIDEO_TURN_PASSWORD", "")

    @property
    def VIDEO_LINK_SECRET(self) -> str:  # noqa: N802 (a setting, read like the others)
        # Tenants' call links are signed and checked by the portal alone.
        return derive_secret(self.SECRET_KEY, "video-link")

    def default_ticket_secret(self) -> str:
        return derive_secret(self.SECRET_KEY, "video-ticket") if self.SECRET_KEY else ""

    def default_secret(self) -> str:
        # A fresh random key each start: sessions do not outlive a restart in development.
        return secrets.token_urlsafe(32)

    def default_database_url(self) -> str:
        return _sqlite_url("repairs.sqlite3")

    def secure_cookies(self) -> bool:
        return True

    def default_sms_sender(self) -> str:
        # Ofcom's drama range: a fake Twilio accepts it, and no real phone has it.
        return "+447700900000"

    def validate(self) -> None:
        missing = [name for name in self.REQUIRED if not os.environ.get(name)]
        if missing:
            raise ConfigError(
                f"{self.ENV_NAME} cannot start: set {', '.join(missing)} in the environment"
            )
        if self.MESSAGE_TRANSPORT not in {"console", "twilio"}:
            raise ConfigError("MESSAGE_TRANSPORT must be 'console' or 'twilio'")
        self._validate_messaging()
        if not 1 <= self.BOT_CONVERSATION_MINUTES <= 7 * 24 * 60:
            raise ConfigError("BOT_CONVERSATION_MINUTES must be from 1 to 10080 (a week)")
        self._validate_scheduling()
        self._validate_video()

    def _validate_video(self) -> None:
        for name in (
            "VIDEO_PORT",
            "VIDEO_TICKET_SECONDS",
            "VIDEO_LINK_MINUTES",
            "VIDEO_MAX_CALL_MINUTES",
            "VIDEO_MAX_CALLS",
            "VIDEO_CONNECT_SECONDS",
            "VIDEO_RETENTION_DAYS",
            "VIDEO_UPLOAD_MAX_MB",
            "VIDEO_UPLOAD_MAX_SECONDS",
        ):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be 1 or more")
        if self.VIDEO_PORT > 65535:
            raise ConfigError("VIDEO_PORT must be a port number (1 to 65535)")
        if not self.VIDEO_SERVICE_URL.startswith(("http://", "https://")):
            raise ConfigError("VIDEO_SERVICE_URL must start with http:// or https://")
        if any(not url.startswith(("stun:", "stuns:")) for url in self.VIDEO_STUN_URLS):
            raise ConfigError("VIDEO_STUN_URLS must be stun: or stuns: addresses")
        if any(not url.startswith(("turn:", "turns:")) for url in self.VIDEO_TURN_URLS):
            raise ConfigError("VIDEO_TURN_URLS must be turn: or turns: addresses")
        has_login = bool(self.VIDEO_TURN_USERNAME and self.VIDEO_TURN_PASSWORD)
        if self.VIDEO_TURN_URLS and not (self.VIDEO_TURN_SECRET or has_login):
            raise ConfigError(
                "VIDEO_TURN_URLS needs VIDEO_TURN_SECRET, or VIDEO_TURN_USERNAME and "
                "VIDEO_TURN_PASSWORD"
            )
        if self.VIDEO_ENABLED and os.environ.get("VIDEO_TICKET_SECRET"):
            if len(self.VIDEO_TICKET_SECRET) < 32:
                raise ConfigError("VIDEO_TICKET_SECRET must be at least 32 characters")
            if self.VIDEO_TICKET_SECRET == self.SECRET_KEY:
                raise ConfigError("VIDEO_TICKET_SECRET must not be the same as SECRET_KEY")

    def _validate_messaging(self) -> None:
        from repairs.messaging.settings import WorkerSettings

        if self.TWILIO_API_BASE_URL and not self.TWILIO_API_BASE_URL.startswith(
            ("http://", "https://")
        ):
            raise ConfigError("TWILIO_API_BASE_URL must start with http:// or https://")
        if self.MESSAGE_TRANSPORT == "twilio" and not (
            self.TWILIO_MESSAGING_SERVICE_SID or self.TWILIO_SMS_FROM
        ):
            raise ConfigError(
                "the twilio transport needs TWILIO_MESSAGING_SERVICE_SID or TWILIO_SMS_FROM"
            )
        try:
            WorkerSettings.from_config(vars(self))
        except ValueError as error:
            raise ConfigError(f"messaging settings: {error}") from None

    def _validate_scheduling(self) -> None:
        from scheduling.windows import Settings

        if self.SCHEDULING_CORE_URL:
            if not self.SCHEDULING_CORE_URL.startswith(("http://", "https://")):
                raise ConfigError("SCHEDULING_CORE_URL must start with http:// or https://")
            if not self.SCHEDULING_CORE_TOKEN:
                raise ConfigError("SCHEDULING_CORE_URL needs SCHEDULING_CORE_TOKEN")
        try:
            Settings.from_config(vars(self))
        except ValueError as error:
            raise ConfigError(f"scheduling settings: {error}") from None
        from scheduling.replan.settings import ReplanSettings

        try:
            ReplanSettings.from_config(vars(self))
        except ValueError as error:
            raise ConfigError(f"re-plan settings: {error}") from None


class DevelopmentConfig(Config):
    ENV_NAME = "development"

    def default_secret(self) -> str:
        # Generated once per checkout and kept under instance/ (never committed), so every
        # worker process of `make run` shares it and sessions survive a restart.
        path = ROOT / "instance" / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()

    def secure_cookies(self) -> bool:
        # The development server speaks plain HTTP on localhost; browsers drop Secure cookies there.
        return False


class TestingConfig(Config):
    ENV_NAME = "testing"

    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True
        self.SIGN_IN_ATTEMPTS_PER_HOUR = _int("SIGN_IN_ATTEMPTS_PER_HOUR", 5)

    def default_database_url(self) -> str:
        return _sqlite_url("test.sqlite3")

    def secure_cookies(self) -> bool:
        return False


class ProductionConfig(Config):
    ENV_NAME = "production"
    REQUIRED = ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL")

    def __init__(self) -> None:
        super().__init__()
        if self.MESSAGE_TRANSPORT == "twilio":
            self.REQUIRED = (*self.REQUIRED, "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")
        if self.VIDEO_ENABLED:
            self.REQUIRED = (*self.REQUIRED, "VIDEO_TICKET_SECRET")

    def default_secret(self) -> str:
        return ""

    def default_sms_sender(self) -> str:
        return ""  # the landlord's own number or Messaging Service, never a made-up one

    def default_ticket_secret(self) -> str:
        # Never derived in production: video nodes get a key of their own.
        return ""


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env(name: str | None = None) -> Config:
    name = name or os.environ.get("APP_ENV", "development")
    try:
        config = CONFIGS[name]()
    except KeyError:
        raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
    config.validate()
    return config
