"""Reporting by text through the signed webhook: emergencies, gas, the questions the
rules still need, the open repair already reported, advice, later dates, Polish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from repairs.models import (
    Conversation,
    Repair,
    RepairEvent,
    WorkItem,
)
from tests.bot.conftest import Phone
from tests.bot.test_journeys import REFERENCE
from triage_rules import default_ruleset


def on_call_now(app, session, operative) -> None:
    """``operative`` on call for the next day from now, and never on shift."""
    from portal.extensions import db
    from portal.wiring import embedded_core_for
    from scheduling import OnCallDuty

    operative.working_pattern = {}
    session.commit()
    now = datetime.now(UTC)
    duty = OnCallDuty(
        operative.id, now - timedelta(hours=1), now + timedelta(hours=23), frozenset({"plumber"})
    )
    with app.app_context():
        embedded_core_for(app).add_duty(duty)
        db.session.commit()


def _one(session, model, *where):
    session.expire_all()
    return session.scalar(select(model).where(*where).order_by(model.id.desc()))


def test_an_emergency_gets_safety_advice_and_someone_sent_at_once(
    phone, demo_tenant, operatives, session, app, create_operative
):
    # The test runs at any hour: a plumber on call from now covers the evenings, weekends
    # and bank holidays when the operatives above are off shift.
    on_call_now(app, session, create_operative(trades=("plumber",)))
    answer = phone.send("burst pipe, water pouring through the ceiling")
    assert len(answer.replies) == 1
    reply = answer.replies[0]
    reference = REFERENCE.search(reply).group(0)
    assert reply.startswith(f"Emergency repair {reference}: someone is coming, expected by ")
    assert "turn off the water" in reply.lower()
    assert reply.endswith("If it gets worse, call 0115 496 0000.")
    repair = _one(session, Repair, Repair.reference == reference)
    assert (repair.priority, repair.status) == ("emergency", "dispatched")


def test_gas_gets_the_gas_emergency_number_and_nothing_else(phone, demo_tenant, session):
    answer = phone.send("I can smell gas in the kitchen")
    assert answer.replies == [
        "Leave the home now and keep others out. Do not use switches, plugs or flames. "
        "From outside, call the National Gas Emergency Service free on 0800 111 999. "
        "If anyone feels unwell, call 999."
    ]
    repair = _one(session, Repair)
    assert repair.problem == "gas_smell" and repair.channel == "sms"
    item = _one(session, WorkItem, WorkItem.repair_id == repair.id)
    assert item.kind == "emergency_follow_up"
    assert _one(session, Conversation).state == "start"


def test_unsure_words_get_the_safety_question_then_is_it_one_of_these(
    phone, demo_tenant, operatives, session
):
    asked = phone.send("door")
    assert asked.replies == [
        "To check it is safe: Is your home unsafe because an outside door cannot be locked "
        "or closed? Reply YES or NO."
    ]
    assert phone.send("maybe").replies == ["Please reply YES or NO."]
    which = phone.send("no").replies[0]
    assert which.startswith("Is it one of these?\n1 ")
    lines = which.split("\n")
    assert lines[-1] == "Reply a number." and lines[-2].endswith("None of these")
    assert phone.send("9").replies == ["Please reply with a number from 1 to 6, or HELP."]
    reported = phone.send("1")
    assert reported.replies[0].startswith("Thank you. Repair ")
    repair = _one(session, Repair)
    assert repair.problem == "bedroom_door_sticking" and repair.status == "awaiting_appointment"


def test_yes_to_a_safety_question_raises_an_emergency(phone, demo_tenant, operatives, session):
    phone.send("door")
    answer = phone.send("YES")
    assert answer.replies[0].startswith("Emergency repair ")
    assert _one(session, Repair).priority == "emergency"


def test_words_a_little_like_an_emergency_s_are_read_by_a_person_too(
    phone, demo_tenant, operatives, session
):
    """Nothing for the bot to ask, so the tenant books as usual; a person in the contact
    centre reads the words within the hour (the safety_review queue)."""
    answer = phone.send("my boiler is making a banging noise")
    reference = REFERENCE.search(answer.replies[0]).group(0)
    assert answer.replies[0].startswith(f"Thank you. Repair {reference} (")
    repair = _one(session, Repair, Repair.reference == reference)
    assert repair.status == "awaiting_appointment"
    item = _one(
        session, WorkItem, WorkItem.repair_id == repair.id, WorkItem.kind == "safety_review"
    )
    assert (item.status, item.channel) == ("open", "sms")


def test_none_of_these_sends_the_words_to_a_person(phone, demo_tenant, session):
    # Words this vague are uncertain: the dangers of every category they may mean are
    # asked first, then "Is it one of these?".
    first = phone.send("something odd is happening with the thing in my flat").replies[0]
    assert first.startswith("To check it is safe, is any of these happening now?")
    which = phone.send("no").replies[0]
    assert which.startswith("Is it one of these?")
    none = len(which.splitlines()) - 2  # the question, the choices, "reply its number"
    last = phone.send("none")  # words, not a number: asked again in other words
    assert last.replies == [f"Please reply with a number from 1 to {none}, or HELP."]
    answer = phone.send(str(none))
    reference = REFERENCE.search(answer.replies[0]).group(0)
    assert answer.replies == [
        f"Thank you. Repair {reference} is with our team, who will read it and contact you."
    ]
    repair = _one(session, Repair)
    assert repair.status == "reported"
    assert _one(session, WorkItem, WorkItem.repair_id == repair.id).kind == "triage_review"


LONG_UNCLEAR = (
    "boiler broken no heating no hot water, and a leak in the bathroom ceiling, "
    "and mould in the bedroom"
)


def test_a_long_unclear_message_asks_the_emergency_questions_in_one_text(
    phone, demo_tenant, operatives
):
    asked = [phone.send(LONG_UNCLEAR).replies[0]]
    while asked[-1].startswith("To check it is safe, is any of these"):
        asked.append(phone.send("no").replies[0])
    lists = asked[:-1]
    assert len(lists) < 3  # one text, or two when they do not all fit in one
    listed = "\n".join(lists)
    for danger in ("Smell of gas", "Carbon monoxide", "Flooding"):
        assert danger in listed
    assert lists[0].splitlines()[-1] == "Reply its number, or NO if none of them is."
    assert asked[-1].startswith("Is it one of these?")


def test_a_short_text_like_an_emergency_s_is_asked_the_list_too(phone, demo_tenant, operatives):
    # "no heat 2 kids" reads plainly as no heating, but the learnt emergency model finds
    # it like the emergencies tenants text about, so the bot asks before trusting it.
    asked = phone.send("no heat 2 kids").replies[0]
    assert asked.startswith("To check it is safe, is any of these happening now?")
    assert "Carbon monoxide" in asked


def test_a_number_from_the_emergency_list_raises_an_emergency(
    phone, demo_tenant, operatives, session
):
    listed = phone.send(LONG_UNCLEAR).replies[0].splitlines()
    flooding = next(line for line in listed if "Flooding" in line).split(" ", 1)[0]
    assert phone.send("yes").replies == [
        f"Please reply with the number of what is happening, from 1 to {len(listed) - 2}, or NO."
    ]
    assert phone.send("99").replies[0].startswith("Please reply with the number")
    assert phone.send(flooding).replies[0].startswith("Emergency repair ")
    repair = _one(session, Repair)
    assert repair.priority == "emergency" and repair.problem == "water_flooding"


def test_the_same_problem_again_offers_to_add_to_the_open_repair(
    phone, demo_tenant, operatives, session
):
    first = REFERENCE.search(phone.send("the kitchen tap is dripping").replies[0]).group(0)
    answer = phone.send("my kitchen tap keeps dripping, it is worse now")
    assert answer.replies == [
        f"You reported this already: {first} (Tap is dripping). Reply 1 to add your message "
        "to it, or 2 to report it as a new problem."
    ]
    assert phone.send("1").replies == [f"Thank you. We have added your message to repair {first}."]
    added = _one(session, RepairEvent, RepairEvent.kind == "added_to")
    assert "worse now" in added.note and added.channel == "sms"
    phone.send("the kitchen tap is dripping")
    again = phone.send("2")
    assert REFERENCE.search(again.replies[0]).group(0) != first


def test_what_is_the_tenant_s_to_fix_gets_advice_and_no_repair(phone, demo_tenant, session):
    answer = phone.send("my own washing machine has broken down")
    assert answer.replies[0].startswith("This is yours to fix (")
    assert answer.replies[0].endswith("Reply AGENT if you need to talk to us.")
    assert _one(session, Repair) is None


def test_words_the_rules_cannot_read_do_not_start_a_report_in_the_middle_of_a_list(
    phone, demo_tenant, operatives, session
):
    assert "Reply" in phone.send("the kitchen tap is dripping").replies[-1]
    # The learnt ranker would guess at these words (the heating), but a guess is not a
    # plain description of a new problem: the times are asked for again.
    words = "my daughter's bedroom was too cold all winter long"
    guessed = default_ruleset().classify(words)
    assert guessed.category == "heating_hot_water" and guessed.confidence == 0
    assert phone.send(words).replies == [
        "Please reply with a number from 1 to 5, or MORE for other dates."
    ]
    assert len(session.scalars(select(Repair)).all()) == 1


def test_more_offers_later_dates(phone, demo_tenant, operatives, session):
    phone.send("the kitchen tap is dripping")
    conversation = _one(session, Conversation)
    first_days = [s[1] for s in conversation.data["slots"]]
    later = phone.send("MORE").replies[0]
    assert later.startswith("Other times for repair ")
    conversation = _one(session, Conversation)
    assert min(s[1] for s in conversation.data["slots"]) > max(first_days)[:10]
    assert phone.send("0").replies == [
        "Please reply with a number from 1 to 5, or MORE for other dates."
    ]


def test_a_polish_tenant_is_answered_in_polish_and_understood(
    client, twilio, factories, operatives, session
):
    person, _ = factories.create_tenant(mobile="+447700900555", preferred_language="pl")
    session.commit()
    phone = Phone(client, sender=person.mobile)
    answer = phone.send("Cieknie kran w kuchni")
    assert answer.replies[0].startswith("Dziękujemy. Naprawa ")
    assert answer.replies[1].startswith("Wybierz termin naprawy ")
    repair = _one(session, Repair)
    assert repair.category == "kitchen" or repair.trade == "plumber"
    assert "[words translated automatically: leaking tap kitchen]" in repair.description
    assert phone.send("1").replies[0].startswith(f"Umówione: naprawa {repair.reference}")
    assert phone.send("ZMIEŃ").replies[0].startswith(f"Wybierz termin naprawy {repair.reference}")
    assert phone.send("2").replies[0].startswith("Zmienione: nowy termin naprawy ")
    assert phone.send("anuluj").replies[0].startswith("Odwołać wizytę w sprawie naprawy ")
    assert phone.send("tak").replies[0].startswith("Odwołane: wizyta w sprawie naprawy ")
    assert phone.send("czuję gaz").replies[0].startswith("Wyjdź teraz z domu")


def test_whatsapp_is_its_own_conversation_and_channel(
    client, twilio, demo_tenant, operatives, session
):
    whatsapp = Phone(client, channel="whatsapp")
    reference = REFERENCE.search(whatsapp.send("kitchen tap dripping").replies[0]).group(0)
    repair = _one(session, Repair, Repair.reference == reference)
    assert repair.channel == "whatsapp"
    conversations = session.scalars(select(Conversation)).all()
    assert [(c.channel, c.address) for c in conversations] == [("whatsapp", "+447700900001")]


def test_the_chosen_problem_s_own_questions_are_asked_and_kept(
    phone, demo_tenant, operatives, session
):
    answer = phone.send("cooker")
    while answer.replies[0].startswith("To check it is safe"):
        answer = phone.send("no")
    listed = answer.replies[0]
    assert listed.startswith("Is it one of these?") and "Cooker switch" in listed
    choice = next(line.split(" ", 1)[0] for line in listed.splitlines() if "Cooker switch" in line)
    question = phone.send(choice).replies[0]
    assert question.endswith("Please answer in a few words.")
    assert phone.send("it came with the flat").replies[0].startswith("Thank you. Repair ")
    repair = _one(session, Repair)
    assert repair.problem == "kitchen_cooker_point"
    assert repair.description.startswith("cooker\n\n")
    assert repair.description.endswith("it came with the flat")
