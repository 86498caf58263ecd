"""Who may use which staff page: one table, enforced for every route by the blueprint.

Deny by default: an endpoint missing here answers 403 to every role, so a new page is
closed until someone decides who it is for.
"""

from __future__ import annotations

from repairs.models.staff import STAFF_ROLES

ALL = frozenset(STAFF_ROLES)
# Agents and supervisors take the calls: they book and change appointments.
CALLS = frozenset({"agent", "supervisor"})
# Surveyors also triage and hold video calls, so they work the queues too.
TRIAGE = frozenset({"agent", "supervisor", "surveyor"})
MANAGERS = frozenset({"supervisor", "admin"})
ADMIN = frozenset({"admin"})

# Raising a repair on a tenant's behalf: the shared journey's steps (``portal.journey``).
REPORT_ENDPOINTS = frozenset(
    f"staff.{name}"
    for name in (
        "report",
        "report_restart",
        "report_emergency",
        "report_call_now",
        "report_where",
        "report_what",
        "report_which",
        "report_describe",
        "report_one_of_these",
        "report_safety",
        "report_question",
        "report_details",
        "report_check",
        "report_tell_us",
        "report_existing",
    )
)

# The steps of signing in, before there is a staff session.
SIGN_IN_STEPS = frozenset(
    {
        "staff.sign_in",
        "staff.second_factor",
        "staff.set_up_authenticator",
        "staff.new_password",
        "staff.sign_in_continue",
    }
)

POLICY: dict[str, frozenset[str]] = {
    "staff.sign_out": ALL,
    "staff.overview": ALL,
    "staff.search": ALL,
    "staff.household": ALL,
    "staff.repair": ALL,
    "staff.audit": ALL,
    "staff.audit_csv": ALL,
    "staff.book": CALLS,
    **dict.fromkeys(REPORT_ENDPOINTS, CALLS),
    "staff.cancel_appointment": CALLS,
    "staff.override_triage": TRIAGE,
    "staff.request_video": TRIAGE,
    "staff.queues": TRIAGE,
    "staff.queue": TRIAGE,
    "staff.take": TRIAGE,
    "staff.finish": TRIAGE,
    "staff.performance": MANAGERS,
    "staff.performance_csv": MANAGERS,
    "staff.account": ALL,
    "staff.account_password": ALL,
    "staff.account_two_factor": ALL,
    "staff.account_recovery_codes": ALL,
    "staff.admin_staff": ADMIN,
    "staff.admin_add": ADMIN,
    "staff.admin_member": ADMIN,
    "staff.admin_action": ADMIN,
}


def allowed(endpoint: str | None, role: str) -> bool:
    return role in POLICY.get(endpoint or "", frozenset())
