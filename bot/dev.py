"""The development phone: text the bot from a browser, as any mobile number.

Mounted outside production only (like the development outbox). Each message goes
through the same inbox and engine as Twilio's webhook; the page shows the conversation
with that number: what was sent, what the bot answered, and the notifications the
outbox wrote to it.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from sqlalchemy import select
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from bot.addresses import channel_and_number
from bot.engine import Inbound
from bot.engine.inbox import receive
from bot.wiring import services, settings_for
from portal.extensions import db
from repairs.models import InboundMessage, OutboundMessage

bp = Blueprint("bot_dev", __name__, url_prefix="/dev")
DEMO_TENANT = "+447700900001"
SHOWN = 30


class PhoneForm(FlaskForm):
    sender = StringField(
        _l("From mobile number"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the mobile number to text from"))],
    )
    channel = SelectField(
        _l("Send by"),
        choices=[SelectChoice("sms", _l("Text message")), SelectChoice("whatsapp", _l("WhatsApp"))],
        widget=GovSelect(),
    )
    text = TextAreaField(
        _l("Message"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Enter a message")),
            Length(max=1600, message=_l("A text message is at most 1,600 characters")),
        ],
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())

    def validate_sender(self, field: StringField) -> None:
        found = channel_and_number(field.data or "")
        if found is None:
            raise ValidationError(_l("Enter a phone number, like +447700900001"))
        field.data = found[1]


@bp.route("/phone", methods=["GET", "POST"])
def phone():
    form = PhoneForm(
        sender=request.args.get("from", DEMO_TENANT)[:20],
        channel=request.args.get("channel", "sms"),
    )
    if form.validate_on_submit():
        inbound = Inbound(
            form.channel.data, form.sender.data, form.text.data, (), f"SIM{uuid.uuid4().hex}"
        )
        receive(services(), settings_for(), inbound, recipient="phone page")
        db.session.commit()
        where = {"from": form.sender.data, "channel": form.channel.data}
        return redirect(url_for(".phone", **where))
    found = channel_and_number(form.sender.data or "")
    number = found[1] if found else ""
    form.text.data = ""
    return render_template(
        "bot/phone.html", form=form, number=number, entries=_transcript(number, form.channel.data)
    )


def _transcript(number: str, channel: str) -> list[dict]:
    """The last messages with ``number``, oldest first: in, out, and notifications."""
    if not number:
        return []
    inbound = db.session.scalars(
        select(InboundMessage)
        .where(InboundMessage.from_number == number, InboundMessage.channel == channel)
        .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())
        .limit(SHOWN)
    )
    entries = []
    for message in inbound:
        entries.append({"at": message.received_at, "who": "tenant", "text": message.body})
        for reply in message.replies or ():
            entries.append({"at": message.received_at, "who": "bot", "text": reply})
    outbound = db.session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.to == number)
        .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
        .limit(SHOWN)
    )
    for message in outbound:
        entries.append(
            {
                "at": message.created_at,
                "who": "notification",
                "text": message.body,
                "status": message.status,
            }
        )
    entries.sort(key=lambda e: e["at"])
    return entries[-SHOWN:]
