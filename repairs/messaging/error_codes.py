"""What a provider's error code means for a message: try again, or never.

Codes are Twilio's (https://www.twilio.com/docs/api/errors). A permanent kind is shown to
staff and never retried; anything unknown that a provider returns as a 4xx is permanent
too ("rejected"), since sending the same request again would be refused again.
"""

from __future__ import annotations

# Twilio error code -> why the message will never arrive.
PERMANENT_KINDS: dict[int, str] = {
    21211: "invalid_number",  # invalid 'To' phone number
    21214: "invalid_number",  # 'To' number cannot be reached
    21217: "invalid_number",
    21401: "invalid_number",
    21614: "invalid_number",  # 'To' is not a mobile number
    21610: "opted_out",  # the recipient replied STOP
    21612: "unreachable",  # no route to this number from our sender
    21408: "unreachable",  # region not enabled
    21635: "unreachable",
    30003: "unreachable",  # handset off or out of coverage for too long
    30005: "invalid_number",  # unknown destination handset
    30006: "unreachable",  # landline or unreachable carrier
    30004: "blocked",  # the recipient or their carrier blocked it
    30007: "filtered",  # carrier filtering
    30008: "unknown",  # the carrier gave no reason
    63016: "outside_whatsapp_window",  # free-form WhatsApp outside the 24-hour window
    63003: "unreachable",  # not a WhatsApp user
    63024: "invalid_number",
}
# Codes that say our own set-up is wrong (credentials, sender): retried, so nothing is
# lost while an operator fixes it, and logged loudly.
CONFIGURATION_CODES = frozenset({20003, 20005, 20404, 21212, 21603, 21606, 21659, 63007})
# Kinds after which a WhatsApp message is not tried again by SMS.
NO_FALLBACK = frozenset({"opted_out", "invalid_number"})


def kind_for(code: int | None) -> str:
    if code is None:
        return "rejected"
    return PERMANENT_KINDS.get(code, "rejected")
