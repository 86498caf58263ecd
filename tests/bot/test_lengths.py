"""Every reply the bot can give fits in three SMS segments, in English and in Polish,
with the longest values it can meet: the longest problem names, questions and safety
advice of the rule files, the longest day names, references, phone numbers and addresses.

English keeps to the GSM alphabet (459 characters in three segments); Polish needs
UCS-2 (201), so its wording is shorter. The test renders the texts without the safety
cut (``fit``), so a text that only fits by being cut off fails here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.engine import outcomes
from bot.engine.chat import PROBLEM_WIDTH, Chat, Inbound, Settings
from bot.engine.segments import is_gsm, segments
from bot.engine.speech import Speaker, shorten
from bot.engine.texts import STATUSES, TEXTS
from common.calendar import LONDON
from common.i18n import Message
from portal.config import ROOT
from repairs.models import Appointment, Conversation, Repair
from repairs.services import Context, Dispatched, Policy, Reported
from triage_rules import default_ruleset

RULES = default_ruleset()
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("en", "pl")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def longest(values):
    return max(values, key=len)


def long_values(speaker: Speaker) -> dict[str, object]:
    """The longest value each placeholder of the bot's texts can take."""
    days = [datetime(2027, 1, 1, 12, tzinfo=LONDON) + timedelta(days=n) for n in range(366)]
    questions = [c.question for c in RULES.checks] + [q for x in RULES.leaves for q in x.questions]
    labels = [speaker.text(Message(leaf.label)) for leaf in RULES.leaves]
    return {
        "phone": "0115 496 0000",
        "gas": "0800 111 999",
        "reference": "WXY-ZWXY",
        "problem": longest(shorten(label, PROBLEM_WIDTH) for label in labels),
        "question": longest(speaker.text(Message(q)) for q in questions),
        "target": longest(speaker.day(d) for d in days),
        "day": longest(speaker.day(d) for d in days),
        "last_day": longest(speaker.day(d) for d in days),
        "arrival": max(days, key=lambda d: len(speaker.value(d))),
        "start": "08:00",
        "end": "16:00",
        "last": 12,
        "count": 48,
        "url": "https://repairs.nottinghamshirehomes.example.org.uk/repairs",
        "number": "07700 900001",
        "status": longest(speaker.text(s) for s in STATUSES.values()),
    }


@pytest.fixture(params=LANGUAGES)
def speaker(request) -> Speaker:
    return Speaker(request.param, TRANSLATIONS)


def test_every_sentence_fits_with_the_longest_values(speaker):
    values = long_values(speaker)
    for name, message in TEXTS.items():
        needed = set(PLACEHOLDER.findall(message.text))
        assert needed <= set(values), f"{name}: no long value for {needed - set(values)}"
        text = speaker.say(name, **{k: values[k] for k in needed})
        assert segments(text) <= 3, (speaker.locale, name, len(text), text)
        if speaker.locale == "en":
            assert is_gsm(text), f"{name} leaves the GSM alphabet: {text}"


def test_the_times_offered_show_five_slots_in_both_languages(speaker):
    days = [datetime(2027, 9, 27, 8, tzinfo=LONDON) + timedelta(days=n) for n in range(5)]
    items = [
        speaker.say("slot", day=speaker.short_day(d), start="08:00", end="16:00") for d in days
    ]
    text, shown = speaker.numbered(
        speaker.say("other_times", reference="WXY-ZWXY"),
        items,
        speaker.say("reply_number_or_more"),
        minimum=3,
    )
    assert shown == 5 and segments(text) <= 3
    assert text.endswith(speaker.say("reply_number_or_more"))


def test_is_it_one_of_these_keeps_at_least_three_of_the_longest_names(speaker):
    labels = sorted((speaker.text(Message(x.label)) for x in RULES.leaves), key=len)[-5:]
    text, shown = speaker.numbered(
        speaker.say("which_problem"),
        labels,
        speaker.say("reply_number"),
        last=speaker.say("none_of_these"),
        minimum=2,
    )
    assert shown >= 3 and segments(text) <= 3
    assert f"{shown + 1} {speaker.say('none_of_these')}" in text


def _chat(speaker: Speaker) -> Chat:
    ctx = Context(session=None, core=None, rules=RULES, policy=Policy())
    conversation = Conversation(channel="sms", address="+447700900001", state="start", data={})
    inbound = Inbound("sms", "+447700900001", "")
    return Chat(ctx, Settings(translations=TRANSLATIONS), inbound, conversation, speaker)


EMERGENCIES = [x for x in RULES.leaves if x.priority == "emergency"]


@pytest.mark.parametrize("leaf", EMERGENCIES, ids=[x.id for x in EMERGENCIES])
def test_every_emergency_reply_fits_and_keeps_its_first_and_last_words(leaf, speaker):
    outcome = RULES.outcome_for_leaf(leaf.id)
    repair = Repair(reference="WXY-ZWXY")
    arrival = datetime(2027, 9, 29, 23, 59, tzinfo=LONDON)  # a Wednesday in September
    appointment = Appointment(starts_at=arrival, ends_at=arrival)
    for dispatch in (Dispatched(repair, appointment), Dispatched(repair, None), None):
        chat = _chat(speaker)
        outcomes.emergency(chat, Reported(outcome, repair, dispatch=dispatch))
        assert 1 <= len(chat.replies) <= 2
        for reply in chat.replies:
            assert segments(reply) <= 3 and not reply.endswith("..."), reply
        said = "\n".join(chat.replies)
        if outcomes.is_gas(outcome):
            assert chat.replies == [speaker.say("gas", gas="0800 111 999")]
        elif outcome.dispatch == "none":
            assert speaker.say("emergency_recorded", reference="WXY-ZWXY") in said
        else:
            assert speaker.say("if_worse", phone="0115 496 0000") in said
        if outcome.safety_advice and not outcomes.is_gas(outcome):
            # The most important advice is never the one left out.
            assert speaker.text(Message(outcome.safety_advice[0])) in said, (leaf.id, said)


NOT_OURS = [x for x in RULES.leaves if x.eligibility != "landlord"]


@pytest.mark.parametrize("leaf", NOT_OURS, ids=[x.id for x in NOT_OURS])
def test_advice_for_what_is_not_ours_fits(leaf, speaker):
    chat = _chat(speaker)
    outcomes.advice_only(chat, RULES.outcome_for_leaf(leaf.id))
    (reply,) = chat.replies
    assert segments(reply) <= 3 and reply.endswith(speaker.say("ask_agent"))


def _service_messages() -> list[str]:
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        catalogue = read_po(handle)
    return [
        m.id
        for m in catalogue
        if m.id and any(path.startswith("repairs/services/") for path, _ in m.locations)
    ]


def test_every_refusal_of_the_services_fits(speaker):
    messages = _service_messages()
    assert len(messages) > 20
    values = {
        "limit": 2000,
        "reference": "WXY-ZWXY",
        "phone": "0115 496 0000",
        "size": 10,
        "booking": "BK-20270929-ABCDEF123456",
        "parts": 3,
        "seconds": 60,
    }
    for text in messages:
        needed = set(PLACEHOLDER.findall(text))
        assert needed <= set(values), text
        rendered = speaker.text(Message(text, {k: values[k] for k in needed}))
        assert segments(rendered) <= 3, rendered


def test_the_catalogue_has_every_bot_text_in_polish():
    polish = Speaker("pl", Path(TRANSLATIONS))
    untranslated = [n for n, m in TEXTS.items() if polish.text(m) == m.text and "%" not in m.text]
    assert untranslated == []
