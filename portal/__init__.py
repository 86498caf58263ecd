"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from portal.config import ROOT, Config, config_from_env


def create_app(config: Config | None = None) -> Flask:
    config = config or config_from_env()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config)
    app.config["ENV_NAME"] = config.ENV_NAME
    app.config["MAX_CONTENT_LENGTH"] = 12 * 1024 * 1024

    if config.TRUSTED_PROXIES:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = config.TRUSTED_PROXIES
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from portal.logs import configure_logging

    configure_logging(app)
    load_triage_rules(app)
    register_extensions(app)
    register_templates(app)
    register_blueprints(app)
    register_security_headers(app)

    from portal.errors import register_error_handlers

    register_error_handlers(app)

    from portal.cli import register_commands

    register_commands(app)
    return app


def load_triage_rules(app: Flask) -> None:
    """Load and check the triage rule files once, at start-up.

    A malformed file stops the app here, naming the file and line, rather than
    mis-triaging a tenant's repair later.
    """
    from triage_rules import load_ruleset

    app.extensions["triage"] = load_ruleset(app.config.get("TRIAGE_RULES_DIR") or None)


def register_extensions(app: Flask) -> None:
    from portal import auth  # noqa: F401  (registers the user loader)
    from portal.extensions import babel, csrf, db, login_manager
    from portal.i18n import available_locales, select_locale, select_timezone

    db.init_app(app)
    csrf.init_app(app)
    app.config["LOCALES"] = available_locales(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    login_manager.init_app(app)
    login_manager.session_protection = "strong"

    from portal.sessions import register_sessions

    register_sessions(app)


def register_templates(app: Flask) -> None:
    from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

    from portal.templating import register_template_helpers

    # govuk-frontend-jinja's macros and govuk-frontend-wtf's widgets, beside our templates.
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_template_helpers(app)


def register_blueprints(app: Flask) -> None:
    from bot import bp as bot_bp
    from portal.api.events import bp as events_bp
    from portal.api.scheduling import bp as scheduling_bp
    from portal.calendar import bp as calendar_bp
    from portal.extensions import csrf
    from portal.health import bp as health_bp
    from portal.staff import bp as staff_bp
    from portal.tenant import bp as tenant_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(tenant_bp)
    app.register_blueprint(staff_bp, url_prefix="/staff")
    from portal.video import register_video

    register_video(app)
    # Token-authenticated, never cookie-authenticated, so CSRF does not apply.
    app.register_blueprint(csrf.exempt(scheduling_bp))
    app.register_blueprint(csrf.exempt(events_bp))
    # Twilio's webhooks carry Twilio's signature, checked on every route of the blueprint.
    app.register_blueprint(csrf.exempt(bot_bp))
    app.register_blueprint(calendar_bp)
    if app.config["ENV_NAME"] != "production":
        # The development outbox shows every message, codes included, and the development
        # phone texts as anyone: never in production.
        from bot.dev import bp as bot_dev_bp
        from portal.dev import bp as dev_bp

        app.register_blueprint(dev_bp)
        app.register_blueprint(bot_dev_bp)


def register_security_headers(app: Flask) -> None:
    import secrets

    from flask import g

    @app.before_request
    def _nonce() -> None:
        # The design system's one inline script (it marks the body js-enabled) runs by nonce.
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def _headers(response):
        nonce = g.get("csp_nonce", "")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
