"""The video service's HTTP side: signalling, hanging up, health.

``POST /offer`` takes ``{"ticket", "sdp", "type"}`` and answers ``{"sdp", "type"}``; the
ticket (signed by the portal, valid for seconds) says which call and as whom. Errors are
JSON problem documents with a ``code`` the pages turn into words in the tenant's language:
``bad_request`` 400, ``bad_ticket`` 403, ``no_call`` 404 (hang up on a call this node does
not carry), ``call_over`` 409, ``busy`` 503 with ``Retry-After``. Browsers call it from the
portal's pages, so it answers CORS for the portal's origin only.
"""

from __future__ import annotations

import json
import logging

from aiohttp import web

from repairs.services.video import InvalidTicket, read_ticket
from video.calls import Busy, Over, Registry
from video.logs import current_call
from video.settings import Settings
from video.store import CallStore

log = logging.getLogger("video.app")

REGISTRY = web.AppKey("registry", Registry)
SETTINGS = web.AppKey("settings", Settings)
MAX_BODY = 64 * 1024  # an SDP offer is a few kilobytes


def problem(status: int, code: str, detail: str, **headers: str) -> web.Response:
    return web.json_response(
        {"status": status, "code": code, "detail": detail},
        status=status,
        content_type="application/problem+json",
        headers=headers,
    )


async def _body(request: web.Request) -> dict:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise ValueError("too large")
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise ValueError("too large")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data


async def _ticket(request: web.Request, data: dict):
    settings = request.app[SETTINGS]
    return read_ticket(settings.ticket_secret, data.get("ticket"), settings.ticket_seconds)


async def offer(request: web.Request) -> web.Response:
    try:
        data = await _body(request)
    except (ValueError, UnicodeDecodeError):
        return problem(400, "bad_request", "Send a JSON object with ticket, sdp and type")
    try:
        ticket = await _ticket(request, data)
    except InvalidTicket as error:
        return problem(403, "bad_ticket", f"The ticket is {error.reason}")
    current_call.set(ticket.call_id)
    sdp, kind = data.get("sdp"), data.get("type")
    if not isinstance(sdp, str) or kind != "offer" or not 0 < len(sdp) < MAX_BODY:
        return problem(400, "bad_request", "Send an SDP offer: type 'offer' and its sdp")
    registry = request.app[REGISTRY]
    if not await registry.store.may_join(ticket.call_id, ticket.role):
        return problem(409, "call_over", "This call has ended or cannot be joined")
    try:
        answer = await registry.answer(ticket, sdp, kind)
    except Busy:
        log.warning("refused a new call: this node is full")
        return problem(503, "busy", "Every video line is busy", **{"Retry-After": "60"})
    except Over:
        return problem(409, "call_over", "This call is ending")
    except Exception as error:  # aiortc refuses a malformed offer in many ways
        log.warning("could not answer the offer: %s", error)
        return problem(400, "bad_request", "The SDP offer could not be answered")
    return web.json_response({"sdp": answer.sdp, "type": answer.type})


async def hangup(request: web.Request) -> web.Response:
    try:
        data = await _body(request)
        ticket = await _ticket(request, data)
    except (ValueError, UnicodeDecodeError):
        return problem(400, "bad_request", "Send a JSON object with a ticket")
    except InvalidTicket as error:
        return problem(403, "bad_ticket", f"The ticket is {error.reason}")
    current_call.set(ticket.call_id)
    registry = request.app[REGISTRY]
    call = registry.calls.get(ticket.call_id)
    if call is None:
        return problem(404, "no_call", "This node carries no such call")
    if ticket.role != "staff":
        # The tenant leaving closes only their side; staff may wait for them to rejoin.
        peer = call.peers.get("tenant")
        if peer is not None:
            await registry.drop(call, "tenant", peer, "the tenant hung up")
        return web.json_response({"ended": False})
    await registry.end(call, "staff_ended")
    return web.json_response({"ended": True})


async def health(request: web.Request) -> web.Response:
    registry = request.app[REGISTRY]
    return web.json_response(
        {"status": "ok", "calls": len(registry.calls), "max_calls": registry.settings.max_calls}
    )


@web.middleware
async def cors(request: web.Request, handler):
    origin = request.headers.get("Origin")
    allowed = origin in request.app[SETTINGS].allowed_origins
    if request.method == "OPTIONS":
        response = web.Response(status=204 if allowed else 403)
    else:
        try:
            response = await handler(request)
        except web.HTTPException as error:
            response = problem(error.status, "not_found", error.reason)
        except Exception:
            log.exception("unexpected error")
            response = problem(500, "error", "Something went wrong")
    if allowed:
        response.headers.update(
            {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            }
        )
    return response


def create_app(settings: Settings, store: CallStore) -> web.Application:
    app = web.Application(middlewares=[cors], client_max_size=MAX_BODY)
    app[SETTINGS] = settings
    app[REGISTRY] = Registry(settings, store)
    app.router.add_post("/offer", offer)
    app.router.add_post("/hangup", hangup)
    app.router.add_get("/healthz", health)

    async def _shutdown(app: web.Application) -> None:
        await app[REGISTRY].close_all("shutdown")

    app.on_shutdown.append(_shutdown)
    return app
