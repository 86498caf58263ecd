"""Report a repair: up to five photos, each checked by its content and kept without its
metadata (``store_photo``), shown back to the tenant before they send the report."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from portal.errors import render_error
from portal.extensions import db
from portal.journey.forms import PhotosForm
from portal.tenant.blueprint import bp
from portal.tenant.calls import onto
from portal.tenant.repairs import photo_response
from portal.tenant.report import HOST
from portal.wiring import services
from repairs.services import ServiceError, store_photo


@bp.route("/report/photos", methods=["GET", "POST"])
def report_photos():
    draft = HOST.current_draft()
    if (away := HOST.needs(draft)) is not None:
        return away
    form = PhotosForm()
    if form.validate_on_submit():
        if form.remove.data:
            kept = [key for key in draft.get("photos", []) if key != form.remove.data]
            draft.update(photos=kept)
            db.session.commit()
            return redirect(url_for("tenant.report_photos"))
        if _add_photos(draft, form) and form.done.data:
            draft.update(photos_done=True)
            return HOST.go_on(draft)
        if not form.errors:
            db.session.commit()
            return redirect(url_for("tenant.report_photos"))
    return _photos_page(draft, form)


def _photos_page(draft, form, status: int = 200):
    return HOST.page(
        "photos",
        _("Add photos (optional)"),
        form=form,
        action=url_for("tenant.report_photos"),
        photos=draft.get("photos", []),
        photo_urls={k: url_for("tenant.report_photo", key=k) for k in draft.get("photos", [])},
        limit=services().policy.max_photos,
        back=url_for("tenant.report"),
    ), status


def _add_photos(draft, form) -> bool:
    """Keep each uploaded photo (checked, stripped); False with a message when one fails."""
    files = [f for f in form.photos.data or [] if f and f.filename]
    have = list(draft.get("photos", []))
    limit = services().policy.max_photos
    if len(have) + len(files) > limit:
        form.photos.errors = [_("You can add up to %(limit)s photos", limit=limit)]
        return False
    for upload in files:
        try:
            data = upload.read(services().policy.max_photo_bytes + 1)
            have.append(store_photo(services(), data))
        except ServiceError as error:
            onto(form, error, "photos")
            draft.update(photos=have)
            db.session.commit()
            return False
    draft.update(photos=have)
    return True


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """Too large to read at all: say so by the photo field, not on an error page."""
    if request.endpoint != "tenant.report_photos":
        return render_error(413)
    draft = HOST.current_draft()
    if draft is None:
        return redirect(url_for("tenant.report"))
    form = PhotosForm(formdata=None)
    form.photos.errors = [_("The photos must be smaller than 12 MB in total. Add fewer at once.")]
    return _photos_page(draft, form, 413)


@bp.get("/report/photos/<key>")
def report_photo(key: str):
    """A photo in the tenant's own draft, to show it back before sending."""
    draft = HOST.current_draft()
    if draft is None or key not in draft.get("photos", []):
        abort(404)
    return photo_response(key)
