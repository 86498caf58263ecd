"""Wiring for messages: the transport, the worker's settings and the letterhead, from the
app's configuration (the messaging package itself never sees Flask)."""

from __future__ import annotations

from flask import Flask

from portal.config import ROOT
from repairs.messaging.content import Letterhead
from repairs.messaging.settings import WorkerSettings
from repairs.messaging.transports import Transport


def letterhead_for(app: Flask) -> Letterhead:
    config = app.config
    return Letterhead(
        config["LANDLORD_NAME"],
        config["LANDLORD_PHONE"],
        config["PUBLIC_BASE_URL"],
        ROOT / "translations",
    )


def worker_settings_for(app: Flask) -> WorkerSettings:
    return WorkerSettings.from_config(app.config)


def transport_for(app: Flask) -> Transport:
    """The console transport, or Twilio when ``MESSAGE_TRANSPORT=twilio``."""
    config = app.config
    if config["MESSAGE_TRANSPORT"] != "twilio":
        from repairs.messaging.transports.console import ConsoleTransport

        return ConsoleTransport()
    from repairs.messaging.transports.twilio import TwilioSettings, TwilioTransport

    return TwilioTransport(
        TwilioSettings(
            account_sid=config["TWILIO_ACCOUNT_SID"],
            auth_token=config["TWILIO_AUTH_TOKEN"],
            base_url=config["TWILIO_API_BASE_URL"],
            sms_from=config["TWILIO_SMS_FROM"],
            messaging_service_sid=config["TWILIO_MESSAGING_SERVICE_SID"],
            whatsapp_from=config["TWILIO_WHATSAPP_FROM"],
            status_callback=f"{config['PUBLIC_BASE_URL']}/bot/twilio/status",
            timeout=config["TWILIO_TIMEOUT_SECONDS"],
        )
    )
