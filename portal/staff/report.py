"""Report a repair on a tenant's behalf: the tenant's own journey (``portal/journey``),
hosted in the contact centre under ``/staff/households/<reference>/report``.

The agent acts for the household's lead tenant, through the channel the tenant used to
reach them (asked on the first step), so the repair, its audit trail and the tenant's
messages are exactly those of a report the tenant made, raised by the contact centre.
Photos are left out: the tenant sends them later (by text or on the portal). Once
reported, the agent goes straight on to book a time while the tenant is on the line.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from common.calendar import local
from portal.extensions import db
from portal.journey import draft as drafts
from portal.journey.host import Host
from portal.journey.routes import register
from portal.staff.actor import STAFF_CHANNELS, acting
from portal.staff.blueprint import bp
from portal.staff.errors import show_on, text
from portal.staff.labels import STAFF_CHANNEL_LABELS
from portal.staff.report_forms import StaffEmergencyForm
from repairs.contact_centre.household import HouseholdView, household_view, repair_view
from repairs.models.base import utcnow
from repairs.services.access import Household


def _channel(draft) -> str:
    channel = draft.get("channel") if draft is not None else None
    return channel if channel in STAFF_CHANNELS else "phone"


class StaffHost(Host):
    blueprint = "staff"
    layout = "staff/report_step.html"
    photos = False
    existing_heading = _l("This problem has already been reported")
    confirm = _l(
        "Read the answers back to the tenant. By sending this report you confirm they agree "
        "the details are correct."
    )

    def _view(self) -> HouseholdView:
        """The household in the address, once a request; only a current tenancy."""
        if "report_household" not in g:
            view = household_view(db.session, str(request.view_args.get("reference", "")))
            if view is None or view.lead is None:
                abort(404)
            if not view.tenancy.is_current(local(utcnow()).date()):
                flash(_("This tenancy has ended: no repair can be reported for it."), "error")
                abort(redirect(url_for("staff.household", reference=view.tenancy.reference)))
            g.report_household = view
        return g.report_household

    def url_values(self) -> dict:
        return {"reference": self._view().tenancy.reference}

    def leave_url(self) -> str:
        return url_for("staff.household", **self.url_values())

    def repair_url(self, reference: str) -> str:
        return url_for("staff.repair", reference=reference)

    def owner(self) -> drafts.Owner:
        view = self._view()
        return drafts.Owner(view.lead.id, current_user.staff.id, view.tenancy.reference)

    def household(self) -> Household:
        view = self._view()
        return Household(view.lead, view.tenancy, view.home)

    def actor(self, draft=None):
        return acting(_channel(draft))

    def existing_repair(self, reference: str):
        view = repair_view(db.session, reference)
        if view is None:
            abort(404)
        return view.repair

    def onto(self, form, error, default: str) -> None:
        show_on(form, error)

    def say(self, error) -> str:
        return text(error.message)

    def emergency_form(self, data, draft):
        return StaffEmergencyForm(data={**data, "channel": _channel(draft)})

    def first_answers(self, form, draft) -> None:
        draft.update(channel=form.channel.data)

    def check_rows(self, data: dict) -> list:
        channel = STAFF_CHANNEL_LABELS[_channel(data)]
        how = _("how the tenant is in touch")
        return [(_("How the tenant is in touch"), str(channel), self.url("emergency"), how)]

    def page_context(self) -> dict:
        return {"view": self._view()}

    def reported(self, reported):
        return redirect(_next_for(reported))

    def already_sent(self):
        return redirect(self.leave_url())


def _next_for(reported) -> str:
    """Say what was raised; a repair to book goes straight to the booking page."""
    repair = reported.repair
    reference = repair.reference
    if repair.status == "awaiting_appointment":
        flash(
            _(
                "Repair %(reference)s reported. The tenant has been sent the reference. "
                "Book a time while they are in touch.",
                reference=reference,
            ),
            "success",
        )
        channel = _channel({"channel": repair.channel})
        return url_for("staff.book", reference=reference, channel=channel)
    if repair.status == "dispatched":
        message = _(
            "Repair %(reference)s reported as an emergency: an operative has been sent.",
            reference=reference,
        )
    elif repair.priority == "emergency":
        message = _(
            "Repair %(reference)s reported as an emergency. Nothing is booked: it is on the "
            "contact centre's queues to follow up.",
            reference=reference,
        )
    else:
        message = _(
            "Repair %(reference)s reported. Someone will read the description and triage it "
            "before a time can be booked.",
            reference=reference,
        )
    flash(message, "success")
    return url_for("staff.repair", reference=reference)


HOST = StaffHost()
# The not-ours advice is never shown here: staff raise whatever the tenant reports.
register(bp, HOST, "/households/<reference>/report", skip=("photos", "advice"))
