"""STOP and START by text, for known tenants and unknown numbers alike."""

from __future__ import annotations

from bot.engine.chat import Chat
from repairs.audit import Actor
from repairs.services import ChangeConsent, opt_in, opt_out


def _request(chat: Chat) -> ChangeConsent:
    inbound = chat.inbound
    return ChangeConsent(inbound.address, inbound.channel, inbound.text, inbound.message_id or None)


def _actor(chat: Chat) -> Actor:
    if chat.person is not None:
        return chat.actor
    return Actor.system(f"{chat.inbound.channel} {chat.inbound.address}")


def stop(chat: Chat) -> None:
    with chat.ctx.session.begin_nested():
        opt_out(chat.ctx, _actor(chat), _request(chat))
    chat.reset()
    chat.say("stopped", phone=chat.phone)


def start(chat: Chat) -> None:
    with chat.ctx.session.begin_nested():
        opt_in(chat.ctx, _actor(chat), _request(chat))
    chat.reset()
    chat.say("started")
