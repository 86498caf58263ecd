"""Following up by text through the signed webhook: STATUS, AGENT, STOP and START,
unknown and shared numbers, expiry, replies to our own messages, language."""

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
    from repairs.models import SatisfactionResponse

    _, _, home = demo_tenant
    repair = _completed_with_message(session, demo_tenant, home)
    assert phone.send("4 - quick and tidy").replies == ["Thank you for your score."]
    reply = _one(session, SatisfactionResponse)
    assert (reply.repair_id, reply.score, reply.comment, reply.channel) == (
        repair.id,
        4,
        "quick and tidy",
        "sms",
    )
    event = _one(session, RepairEvent, RepairEvent.kind == "satisfaction_recorded")
    assert event.channel == "sms" and event.changes == {"score": [None, 4]}
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


def test_a_tenant_can_switch_language(phone, demo_tenant, session):
    assert phone.send("polski").replies == ["Będziemy pisać do Ciebie po polsku."]
    assert phone.send("pomoc").replies[0].startswith("Napisz, co się zepsuło")
    session.expire_all()
    assert session.get(type(demo_tenant[0]), demo_tenant[0].id).preferred_language == "pl"
    assert phone.send("english").replies == ["We will text you in English."]
