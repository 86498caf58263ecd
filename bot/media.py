"""The worker's photo step: fetch what tenants sent by WhatsApp, keep it with the repair.

Twilio keeps a message's media behind the account's credentials. For each waiting photo
whose repair is known, this fetches it (only from Twilio's API address, never sending
the credentials anywhere else, and never more than a photo may weigh), checks and cleans
it like a portal upload (``store_photo``) and adds it to the repair (``add_to_repair``),
so the repair's history shows it, with its channel. A photo we cannot use is refused and
the tenant told; a provider that does not answer is tried again later, five times.

Run it with ``flask bot fetch-media``; the message worker calls ``fetch_due`` each round
(in a thread of its own, so a slow provider never holds up a text).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

import requests
from flask import Flask
from sqlalchemy import select

from bot.wiring import services
from common.i18n import N_
from portal.extensions import db
from repairs.audit import Actor
from repairs.models import InboundMedia, Person, Repair
from repairs.services import AddToRepair, Context, ServiceError, add_to_repair, notify, store_photo
from repairs.services.photos import photo_path

log = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
ATTEMPTS = 5
# A photo sent for a report that was never finished is dropped after this.
ABANDONED_AFTER = timedelta(days=1)


# The same words as an upload that is too large (repairs.services.photos).
TOO_LARGE = "The photo must be smaller than %(size)s MB"


class TooLarge(Exception):
    pass


def fetch_due(app: Flask, *, limit: int = 50, clock: Callable[[], datetime] | None = None) -> int:
    """Handle up to ``limit`` waiting photos, each in its own transaction (``clock``: the
    caller's, such as the worker's)."""
    with app.app_context():
        ctx = services(app)
        if clock is not None:
            ctx = replace(ctx, clock=clock)
        _expire_abandoned(ctx)
        db.session.commit()
        done = 0
        for row_id in _due(ctx, limit):
            row = db.session.get(InboundMedia, row_id, with_for_update=True)
            if row is not None and row.status == "pending":
                _handle(app, ctx, row)
                done += 1
            db.session.commit()
        return done


def _due(ctx: Context, limit: int) -> list[int]:
    query = (
        select(InboundMedia.id)
        .where(
            InboundMedia.status == "pending",
            InboundMedia.repair_reference.is_not(None),
            InboundMedia.next_attempt_at <= ctx.now(),
        )
        .order_by(InboundMedia.id)
        .limit(limit)
    )
    return list(ctx.session.scalars(query))


def _expire_abandoned(ctx: Context) -> None:
    stale = ctx.session.scalars(
        select(InboundMedia).where(
            InboundMedia.status == "pending",
            InboundMedia.repair_reference.is_(None),
            InboundMedia.created_at < ctx.now() - ABANDONED_AFTER,
        )
    )
    for row in stale:
        row.status, row.done_at, row.error = "expired", ctx.now(), "no repair was raised"


def _handle(app: Flask, ctx: Context, row: InboundMedia) -> None:
    row.attempts += 1
    base = (app.config.get("TWILIO_API_BASE_URL") or TWILIO_API).rstrip("/")
    if not row.url.startswith(base + "/"):
        _finish(row, ctx, "refused", "not an address of the provider's API")
        return
    try:
        data = download(
            row.url,
            (app.config.get("TWILIO_ACCOUNT_SID", ""), app.config.get("TWILIO_AUTH_TOKEN", "")),
            ctx.policy.max_photo_bytes,
        )
    except TooLarge:
        size = ctx.policy.max_photo_bytes // 1_048_576
        _refuse(ctx, row, ServiceError.invalid({"photos": N_(TOO_LARGE, size=size)}))
        return
    except requests.RequestException as error:
        if row.attempts >= ATTEMPTS:
            _finish(row, ctx, "failed", f"provider: {type(error).__name__}")
        else:
            row.next_attempt_at = ctx.now() + timedelta(minutes=2**row.attempts)
            row.error = f"provider: {type(error).__name__}"
        return
    person = db.session.get(Person, row.person_id) if row.person_id else None
    if person is None:
        _finish(row, ctx, "refused", "no tenant for this conversation")
        return
    actor = Actor.tenant(person.id, person.full_name, row.channel)
    key = None
    try:
        with ctx.session.begin_nested():
            key = store_photo(ctx, data)
            add_to_repair(ctx, actor, AddToRepair(row.repair_reference, photos=(key,)))
    except ServiceError as error:
        if key is not None:
            photo_path(ctx, key).unlink(missing_ok=True)
        _refuse(ctx, row, error)
        return
    row.photo_key = key
    _finish(row, ctx, "stored", None)


def download(url: str, auth: tuple[str, str], limit: int) -> bytes:
    """The file at ``url``, fetched with ``auth``; TooLarge past ``limit`` bytes.

    A redirect to the provider's file store is followed; requests drops the credentials
    when it leaves the API's host, so they never reach another server.
    """
    with requests.get(url, auth=auth, timeout=(5, 20), stream=True) as response:
        response.raise_for_status()
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise TooLarge(url)
            chunks.append(chunk)
    return b"".join(chunks)


def _finish(row: InboundMedia, ctx: Context, status: str, error: str | None) -> None:
    row.status, row.error, row.done_at = status, error, ctx.now()
    if status != "stored":
        log.info("photo not added", extra={"fields": {"media": row.id, "status": status}})


def _refuse(ctx: Context, row: InboundMedia, error: ServiceError) -> None:
    """Not a photo we can keep: say why in the row, and tell the tenant."""
    _finish(row, ctx, "refused", str(error.message))
    repair = ctx.session.scalar(select(Repair).where(Repair.reference == row.repair_reference))
    if repair is not None:
        reason = next(iter(error.fields.values()), error.message)
        notify.tenant(ctx, repair, "photo_not_added", reason=reason)
