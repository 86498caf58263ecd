"""``flask bot chat --from +447700900001``: talk to the bot in a terminal, through the
same engine and inbox as Twilio's webhook (each line is one text message).

``flask bot fetch-media`` runs the worker's photo step once.
"""

from __future__ import annotations

import sys
import uuid

import click
from flask import current_app
from flask.cli import AppGroup

from bot.addresses import channel_and_number
from bot.engine import Inbound, segments
from bot.engine.inbox import receive
from bot.wiring import services, settings_for
from portal.extensions import db

bot_cli = AppGroup("bot", help="The SMS and WhatsApp bot.")


@bot_cli.command("chat")
@click.option("--from", "sender", required=True, help="The tenant's mobile, like +447700900001.")
@click.option("--channel", type=click.Choice(["sms", "whatsapp"]), default="sms", show_default=True)
def chat(sender: str, channel: str) -> None:
    """Converse with the bot as the holder of a mobile number (not in production: it acts
    as that tenant, and would put a real repair in their name)."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("flask bot chat acts as a tenant: it is not for production")
    found = channel_and_number(sender)
    if found is None:
        raise click.BadParameter("give a phone number, like +447700900001", param_hint="--from")
    number = found[1]
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(f"Texting as {number} by {channel}. Type a message; Ctrl-D to finish.")
    while True:
        if interactive:
            click.echo("you> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            break
        inbound = Inbound(channel, number, line.rstrip("\n"), (), f"CLI{uuid.uuid4().hex}")
        try:
            received = receive(services(), settings_for(), inbound, recipient="terminal")
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        for reply in received.replies:
            click.echo(f"bot> {reply}")
            click.echo(f"     ({len(reply)} characters, {segments(reply)} SMS)", err=True)


@bot_cli.command("fetch-media")
@click.option("--limit", default=50, show_default=True)
def fetch_media(limit: int) -> None:
    """Fetch the photos tenants sent by WhatsApp and add them to their repairs."""
    from bot.media import fetch_due

    done = fetch_due(current_app._get_current_object(), limit=limit)
    click.echo(f"photos handled: {done}")
