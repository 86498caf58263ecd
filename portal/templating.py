"""Template globals and filters: dates through Babel, and labels for stored codes.

Stored values (statuses, priorities) are codes; what a tenant reads is a translated label,
so the same repair reads correctly in every language we serve.
"""

from __future__ import annotations

from flask import Flask, g
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.main import WTFormsHelpers

STATUS_LABELS = {
    "reported": (_l("Reported"), "govuk-tag--grey"),
    "triaged": (_l("Being assessed"), "govuk-tag--grey"),
    "awaiting_appointment": (_l("Needs an appointment"), "govuk-tag--yellow"),
    "booked": (_l("Appointment booked"), "govuk-tag--blue"),
    "dispatched": (_l("Operative on the way"), "govuk-tag--orange"),
    "in_progress": (_l("Work in progress"), "govuk-tag--light-blue"),
    "on_hold": (_l("On hold"), "govuk-tag--yellow"),
    "no_access": (_l("We could not get in"), "govuk-tag--red"),
    "follow_on_needed": (_l("More work needed"), "govuk-tag--purple"),
    "completed": (_l("Completed"), "govuk-tag--green"),
    "cancelled": (_l("Cancelled"), "govuk-tag--grey"),
}
PRIORITY_LABELS = {
    "emergency": _l("Emergency"),
    "urgent": _l("Urgent"),
    "routine": _l("Routine"),
}
CHANNEL_LABELS = {
    "web": _l("Online"),
    "sms": _l("Text message"),
    "whatsapp": _l("WhatsApp"),
    "phone": _l("Phone call"),
    # How a tenant reached the contact centre, when staff acted for them.
    "visit": _l("Visit to the office"),
    "letter": _l("Letter"),
    "email": _l("Email"),
    "video": _l("Video call"),
    "api": _l("Contractor system"),
    "system": _l("Automatic"),
}

# Each language named in itself, as a speaker of it would look for it.
LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "cy": "Cymraeg", "ur": "اردو", "ar": "العربية"}


def status_tag(status: str) -> dict[str, str]:
    label, classes = STATUS_LABELS.get(status, (status, "govuk-tag--grey"))
    return {"text": str(label), "classes": classes}


def register_template_helpers(app: Flask) -> None:
    WTFormsHelpers(app)
    app.add_template_filter(lambda value: format_date(value, "d MMMM yyyy"), "long_date")
    app.add_template_filter(
        lambda value: format_datetime(value, "d MMMM yyyy, HH:mm"), "long_datetime"
    )
    app.add_template_filter(lambda value: format_datetime(value, "HH:mm"), "clock")
    app.add_template_global(status_tag)
    app.add_template_global(get_locale)
    app.add_template_global(PRIORITY_LABELS, "priority_labels")
    app.add_template_global(CHANNEL_LABELS, "channel_labels")

    @app.context_processor
    def _site():
        from flask import request

        return {
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in app.config["LOCALES"]],
            "current_path": request.full_path.rstrip("?"),
            "landlord_name": app.config["LANDLORD_NAME"],
            "landlord_phone": app.config["LANDLORD_PHONE"],
            "service_name": app.config["SERVICE_NAME"],
            "csp_nonce": g.get("csp_nonce", ""),
        }
