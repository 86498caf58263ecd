"""The two audiences of video calls, each with its access rule where it is registered.

Staff pages live under ``/staff/video`` and need a member of staff in a role that may
triage. The tenant's pages live under ``/video`` and need no sign-in: the texted link is
single-use, and once used the call is bound to the browser that used it (its session).
"""

from flask import Blueprint, abort
from flask_login import current_user

from portal.auth import require_staff
from repairs.services.access import TRIAGE_ROLES

staff_bp = Blueprint("video_staff", __name__)
tenant_bp = Blueprint("video_tenant", __name__)


@staff_bp.before_request
def _only_staff_who_triage():
    refused = require_staff()
    if refused is not None:
        return refused
    if current_user.role not in TRIAGE_ROLES:
        abort(403)
    return None


@staff_bp.context_processor
def _labels():
    from portal.video.common import CALL_STATUS_LABELS

    return {"call_status_labels": CALL_STATUS_LABELS}
