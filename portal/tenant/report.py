"""Report a repair, as the tenant: the shared journey (``portal/journey``) hosted in the
tenant's portal, with the photos step and the "Repair reported" page of its own.

The host says who acts (the signed-in tenant, through the web), for which household
(their own), how a refusal is shown, and that a reported repair goes to its reference
and "Choose an appointment".
"""

from __future__ import annotations

from flask import redirect, session, url_for
from flask_babel import gettext as _

from portal.journey import draft as drafts
from portal.journey.host import Host, rules
from portal.journey.routes import register
from portal.tenant.blueprint import bp
from portal.tenant.calls import actor, household, onto, say
from portal.tenant.calls import call as tenant_call
from portal.tenant.repairs import repair_view

REPORTED = "reported"  # the last reference raised in this session, for a double submit


class TenantHost(Host):
    blueprint = "tenant"
    layout = "tenant/report/step.html"
    photos = True

    def leave_url(self) -> str:
        return url_for("tenant.repairs")

    def repair_url(self, reference: str) -> str:
        return url_for("tenant.repair", reference=reference)

    def owner(self) -> drafts.Owner:
        return drafts.Owner(actor().id)

    def household(self):
        return household()

    def actor(self, draft=None):
        return actor()

    def existing_repair(self, reference: str):
        return repair_view(reference).repair

    def call(self, operation, request, draft):
        return tenant_call(operation, request)  # another household's repair: 404

    def onto(self, form, error, default: str) -> None:
        onto(form, error, default)

    def say(self, error) -> str:
        return say(error.message)

    def reported(self, reported):
        session[REPORTED] = reported.repair.reference
        return redirect(url_for("tenant.report_reported", reference=reported.repair.reference))

    def already_sent(self):
        reference = session.get(REPORTED)
        if isinstance(reference, str):
            return redirect(url_for("tenant.report_reported", reference=reference))
        return redirect(url_for("tenant.report"))


HOST = TenantHost()
register(bp, HOST, "/report")


@bp.get("/report/reported/<reference>")
def report_reported(reference: str):
    view = repair_view(reference)
    return HOST.page(
        "reported",
        _("Repair reported"),
        repair=view.repair,
        appointment=next((a for a in view.appointments if a.status == "booked"), None),
        leaf=rules().leaf(view.repair.problem) if view.repair.problem else None,
        book_url=url_for("tenant.book_preferences", reference=view.repair.reference),
        repair_url=url_for("tenant.repair", reference=view.repair.reference),
        repairs_url=url_for("tenant.repairs"),
    )
