"""What a tenant is told once triage has spoken: safety first, then what happens next.

Gas is different from every other emergency: the tenant gets the National Gas
Emergency Service's number and what to do before calling it, and nothing else to read.
"""

from __future__ import annotations

from bot.engine.chat import PROBLEM_WIDTH, Chat
from bot.engine.polish import with_gloss
from bot.engine.segments import fits
from bot.engine.speech import shorten
from common.i18n import Message
from repairs.services import Reported
from triage_rules import TriageOutcome


def is_gas(outcome: TriageOutcome) -> bool:
    """A gas escape or carbon monoxide: the gas emergency service makes it safe (a gas
    fire that will not light is ours to send someone to, like any other emergency)."""
    return (
        outcome.priority == "emergency" and outcome.category == "gas" and outcome.dispatch == "none"
    )


def _advice(chat: Chat, lines) -> list[str]:
    return [chat.text(Message(line)) for line in lines]


def emergency(chat: Chat, result: Reported) -> None:
    """The reply to an emergency we have just raised (and sent someone to, if we could)."""
    outcome, repair, speaker = result.outcome, result.repair, chat.speaker
    if is_gas(outcome):
        chat.say("gas", gas=chat.settings.gas_number)
        return
    advice = _advice(chat, outcome.safety_advice)
    if outcome.dispatch == "none":
        _with_advice(
            chat, "", advice, speaker.say("emergency_recorded", reference=repair.reference)
        )
        return
    appointment = result.dispatch.appointment if result.dispatch else None
    if appointment is not None:
        first = speaker.say(
            "emergency_coming", reference=repair.reference, arrival=appointment.starts_at
        )
    else:
        first = speaker.say("emergency_finding", reference=repair.reference)
    _with_advice(chat, first, advice, speaker.say("if_worse", phone=chat.phone))


def _with_advice(chat: Chat, first: str, advice: list[str], last: str) -> None:
    """One message when it all fits; otherwise what happens next in one and the safety
    advice, most important first, in another, so no advice is dropped for the header."""
    whole = " ".join(part for part in (first, *advice, last) if part)
    if fits(whole):
        chat.add(whole)
        return
    chat.add(" ".join(part for part in (first, last) if part))
    if advice:
        chat.add(chat.speaker.lines(advice[0], advice[1:]))


def emergency_for_stranger(chat: Chat, text: str) -> bool:
    """Safety advice for an emergency from someone we cannot raise a repair for (a
    number we do not know, or one that has turned texts off). True if it was one."""
    outcome = chat.ctx.rules.classify(with_gloss(text or "", chat.speaker.locale == "pl"))
    if outcome.priority != "emergency":
        return False
    if is_gas(outcome):
        chat.say("gas", gas=chat.settings.gas_number)
        return True
    advice = _advice(chat, outcome.safety_advice)
    _with_advice(chat, "", advice, chat.speaker.say("emergency_unknown", phone=chat.phone))
    return True


def advice_only(chat: Chat, outcome: TriageOutcome) -> None:
    """Not ours to repair: say so, with the rule files' self-help."""
    label = Message(chat.ctx.rules.leaf(outcome.problem).label) if outcome.problem else ""
    problem = shorten(chat.text(label), PROBLEM_WIDTH)
    name = "tenant_to_fix" if outcome.eligibility == "tenant_responsibility" else "not_ours"
    first = chat.speaker.say(name, problem=problem)
    extra = _advice(chat, outcome.safety_advice) + _advice(chat, outcome.self_help)
    chat.add(chat.speaker.lines(first, extra, chat.speaker.say("ask_agent")))
