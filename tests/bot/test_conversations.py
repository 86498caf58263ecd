"""Conversations through the signed webhook: what each kind of message gets back, and
what it changes (the services' records, not the bot's own)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from repairs.models import (
    Appointment,
    Conversation,
    OutboundMessage,
    Repair,
    RepairEvent,
    WorkItem,
)
from repairs.models.base import utcnow
from tests.bot.conftest import Phone
from tests.bot.test_journeys import REFERENCE


def _one(session, model, *where):
    session.expire_all()
    return session.scalar(select(model).where(*where).order_by(model.id.desc()))


def test_status_lists_the_household_s_open_repairs_only(phone, demo_tenant, factories, session):
    _, _, home = demo_tenant
    waiting = "awaiting_appointment"
    ours = factories.create_repair(home, status=waiting, problem="kitchen_tap_dripping")
    factories.create_repair(home, status="completed", description="Old job")
    neighbour = factories.create_repair(factories.create_property(), status="awaiting_appointment")
    session.commit()
    answer = phone.send("status")
    assert answer.replies == [
        f"Your open repairs:\n{ours.reference} Tap is dripping: needs an appointment"
    ]
    assert neighbour.reference not in answer.text
    assert phone.send(f"STATUS {neighbour.reference}").replies == [
        f"We could not find repair {neighbour.reference}"
    ]


def test_status_typed_with_a_typo_and_nothing_open(phone, demo_tenant):
    assert phone.send("statsu").replies == [
        "You have no open repairs. Text what is wrong to report one."
    ]


def test_an_emergency_gets_safety_advice_and_someone_sent_at_once(
    phone, demo_tenant, operatives, session
):
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


def test_none_of_these_sends_the_words_to_a_person(phone, demo_tenant, session):
    assert (
        phone.send("something odd is happening with the thing in my flat")
        .replies[0]
        .startswith("Is it one of these?")
    )
    last = phone.send("none")  # words, not a number: asked again in other words
    assert last.replies == ["Please reply with a number from 1 to 2, or HELP."]
    answer = phone.send("2")
    reference = REFERENCE.search(answer.replies[0]).group(0)
    assert answer.replies == [
        f"Thank you. Repair {reference} is with our team, who will read it and contact you."
    ]
    repair = _one(session, Repair)
    assert repair.status == "reported"
    assert _one(session, WorkItem, WorkItem.repair_id == repair.id).kind == "triage_review"


def test_a_long_unclear_message_asks_each_emergency_question(phone, demo_tenant, operatives):
    text = (
        "boiler broken no heating no hot water, and a leak in the bathroom ceiling, "
        "and mould in the bedroom"
    )
    questions = [phone.send(text).replies[0]]
    while questions[-1].startswith("To check it is safe"):
        questions.append(phone.send("no").replies[0])
    assert len(questions) >= 5  # gas, carbon monoxide, water on electrics, flooding, ...
    assert "Can you smell gas?" in questions[0]
    assert questions[-1].startswith("Is it one of these?")


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


def test_agent_queues_a_call_back(phone, demo_tenant, session):
    answer = phone.send("call me back please")
    assert answer.replies == [
        "We will call you back on 07700 900001 as soon as we can. "
        "In an emergency, call 0115 496 0000 now."
    ]
    item = _one(session, WorkItem)
    assert (item.kind, item.person_id, item.channel) == ("callback", demo_tenant[0].id, "sms")


def test_stop_turns_texts_off_and_start_on_again(phone, demo_tenant, operatives, session):
    from repairs.models import ConsentEvent

    person = demo_tenant[0]
    reference = REFERENCE.search(phone.send("the kitchen tap is dripping").replies[0]).group(0)
    waiting = OutboundMessage(
        person_id=person.id, channel="sms", to=person.mobile, body="Reminder", purpose="reminder"
    )
    session.add(waiting)
    session.commit()
    assert phone.send("STOP").replies == [
        "You will get no more texts from us. Reply START to turn them on again. "
        "In an emergency, call 0115 496 0000."
    ]
    session.expire_all()
    assert session.get(type(person), person.id).opted_out_at is not None
    assert session.get(OutboundMessage, waiting.id).status == "cancelled"
    event = _one(session, ConsentEvent)
    assert (event.kind, event.person_id, event.channel, event.keyword) == (
        "opted_out",
        person.id,
        "sms",
        "STOP",
    )
    # Opted out: nothing is acted on, and the tenant is told how to come back.
    assert phone.send("status").replies == [
        "You have turned off texts from us. Reply START to turn them on again, "
        "or call 0115 496 0000."
    ]
    assert phone.send("start").replies == [
        "You will get texts from us again. Text what is wrong to report a repair."
    ]
    assert _one(session, ConsentEvent).kind == "opted_in"
    assert reference in phone.send("status").replies[0]


def test_an_opted_out_tenant_still_gets_safety_advice_in_an_emergency(phone, demo_tenant):
    phone.send("stop")
    assert "0800 111 999" in phone.send("I can smell gas").replies[0]


def test_an_unknown_number_is_told_how_to_register(client, twilio, demo_tenant, session):
    stranger = Phone(client, sender="+447700900999")
    assert stranger.send("my tap is dripping").replies == [
        "We do not know this number. To report repairs by text, call us on 0115 496 0000 "
        "to add it to your tenancy. In an emergency, call 0115 496 0000 now."
    ]
    assert "0800 111 999" in stranger.send("i can smell gas").replies[0]
    assert stranger.send("pomoc").replies[0].startswith("Nie znamy tego numeru.")
    assert _one(session, Repair) is None


def test_a_number_of_two_tenancies_is_asked_which_home(
    phone, demo_tenant, factories, operatives, session
):
    other_home = factories.create_property(address_line_1="4 Oak Road", postcode="NG4 4NN")
    relative, _ = factories.create_tenant(mobile=demo_tenant[0].mobile, home=other_home)
    session.commit()
    asked = phone.send("the kitchen tap is dripping").replies[0]
    assert asked.startswith("This number is linked to more than one home.")
    assert "Flat 12, Trent House, NG1 1AA" in asked and "4 Oak Road, NG4 4NN" in asked
    number = next(line[0] for line in asked.split("\n") if "Oak Road" in line)
    answer = phone.send(number)
    assert answer.replies[0].startswith("Thank you. Repair ")  # the first message, answered
    repair = _one(session, Repair)
    assert (repair.reported_by_id, repair.property_id) == (relative.id, other_home.id)


def test_a_late_answer_to_an_expired_list_is_told_so(phone, demo_tenant, operatives, session):
    phone.send("the kitchen tap is dripping")
    conversation = _one(session, Conversation)
    conversation.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    assert phone.send("1").replies == [
        "Sorry, that question has timed out, so we have started again. Text what you need, or HELP."
    ]
    assert _one(session, Appointment) is None


def test_a_score_after_completion_is_recorded(phone, demo_tenant, session):
    from repairs.models import SatisfactionReply

    _, _, home = demo_tenant
    repair = _completed_with_message(session, demo_tenant, home)
    assert phone.send("4 - quick and tidy").replies == ["Thank you for your score."]
    reply = _one(session, SatisfactionReply)
    assert (reply.repair_id, reply.score, reply.comment, reply.channel) == (
        repair.id,
        4,
        "quick and tidy",
        "sms",
    )
    event = _one(session, RepairEvent, RepairEvent.kind == "satisfaction_recorded")
    assert event.channel == "sms" and event.changes == {"satisfaction": [None, 4]}
    # Answered once: a later "2" is no longer a reply to that message.
    assert phone.send("2").replies[0].startswith("Tell us in a few words")


def test_a_low_score_offers_a_call(phone, demo_tenant, session):
    _completed_with_message(session, demo_tenant, demo_tenant[2])
    assert phone.send("1").replies == [
        "Thank you. We are sorry it was not better. Reply AGENT if you would like a call."
    ]


def _completed_with_message(session, demo_tenant, home):
    person = demo_tenant[0]
    repair = Repair(
        reference="CMP-2345",
        property_id=home.id,
        reported_by_id=person.id,
        channel="web",
        description="Dripping tap",
        status="completed",
        reported_at=utcnow() - timedelta(days=3),
        completed_at=utcnow() - timedelta(hours=1),
    )
    session.add(repair)
    session.flush()
    session.add(
        OutboundMessage(
            person_id=person.id,
            repair_id=repair.id,
            channel="sms",
            to=person.mobile,
            body="Repair CMP-2345 is done. How did we do? Reply 1 to 5.",
            purpose="completed",
            status="sent",
            created_at=utcnow(),
        )
    )
    session.commit()
    return repair


def test_c_after_a_missed_visit_offers_times_for_that_repair(
    phone, demo_tenant, operatives, factories, session
):
    _, _, home = demo_tenant
    missed = factories.create_repair(home, status="no_access", problem="kitchen_tap_dripping")
    factories.create_repair(home, status="awaiting_appointment")  # another: no question asked
    session.add(
        OutboundMessage(
            person_id=demo_tenant[0].id,
            repair_id=missed.id,
            channel="sms",
            to=demo_tenant[0].mobile,
            body="We could not get in. Reply C to book again.",
            purpose="no_access",
            status="sent",
            created_at=utcnow(),
        )
    )
    session.commit()
    answer = phone.send("C")
    assert answer.replies[0].startswith(f"Choose a time for repair {missed.reference}:")
    assert phone.send("1").replies[0].startswith(f"Booked: repair {missed.reference} on ")


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


def test_a_tenant_can_switch_language(phone, demo_tenant, session):
    assert phone.send("polski").replies == ["Będziemy pisać do Ciebie po polsku."]
    assert phone.send("pomoc").replies[0].startswith("Napisz, co się zepsuło")
    session.expire_all()
    assert session.get(type(demo_tenant[0]), demo_tenant[0].id).preferred_language == "pl"
    assert phone.send("english").replies == ["We will text you in English."]


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
    assert answer.replies[0].startswith("Is it one of these?\n1 Cooker switch")
    question = phone.send("1").replies[0]
    assert question.endswith("Please answer in a few words.")
    assert phone.send("it came with the flat").replies[0].startswith("Thank you. Repair ")
    repair = _one(session, Repair)
    assert repair.problem == "kitchen_cooker_point"
    assert repair.description.startswith("cooker\n\n")
    assert repair.description.endswith("it came with the flat")
