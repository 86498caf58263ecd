"""The repair lifecycle: legal moves write one audit event; illegal ones change nothing."""

from itertools import product

import pytest

from repairs.audit import Actor
from repairs.lifecycle import TRANSITIONS, IllegalTransition, Status, transition
from repairs.models import AuditTrailError

AGENT = Actor(kind="staff", id=7, label="Alex Agent")


@pytest.fixture
def repair(factories):
    return factories.create_repair(factories.create_property(), status="triaged")


def test_a_legal_transition_records_who_when_which_channel_and_what_changed(
    session, factories, repair
):
    event = transition(session, repair, Status.BOOKED, AGENT, "phone", note="tenant prefers am")
    session.flush()
    assert repair.status == "booked"
    [recorded] = factories.events_for(repair)
    assert recorded is event
    assert (recorded.actor_kind, recorded.actor_id, recorded.actor_label) == (
        "staff",
        7,
        "Alex Agent",
    )
    assert recorded.channel == "phone"
    assert (recorded.from_status, recorded.to_status) == ("triaged", "booked")
    assert recorded.changes == {"status": ["triaged", "booked"]}
    assert recorded.note == "tenant prefers am"
    assert recorded.occurred_at.tzinfo is not None


def test_an_illegal_transition_is_refused_clearly_and_changes_nothing(session, factories):
    repair = factories.create_repair(factories.create_property(), status="completed")
    with pytest.raises(IllegalTransition) as error:
        transition(session, repair, "booked", AGENT, "web")
    message = str(error.value)
    assert repair.reference in message
    assert "completed" in message and "cannot become booked" in message
    assert repair.status == "completed"
    assert factories.events_for(repair) == []


@pytest.mark.parametrize(("current", "wanted"), list(product(Status, Status)))
def test_every_pair_of_statuses_is_either_allowed_with_one_event_or_refused(
    session, factories, current, wanted
):
    repair = factories.create_repair(factories.create_property(), status=current.value)
    if wanted in TRANSITIONS[current]:
        transition(session, repair, wanted, AGENT, "web")
        session.flush()
        assert repair.status == wanted.value
        assert len(factories.events_for(repair)) == 1
    else:
        with pytest.raises(IllegalTransition):
            transition(session, repair, wanted, AGENT, "web")
        assert repair.status == current.value
        assert factories.events_for(repair) == []


def test_completion_and_cancellation_are_timestamped(session, factories):
    done = factories.create_repair(factories.create_property(), status="in_progress")
    transition(session, done, Status.COMPLETED, AGENT, "api")
    gone = factories.create_repair(factories.create_property(), status="reported")
    transition(session, gone, Status.CANCELLED, AGENT, "phone")
    assert done.completed_at is not None and done.cancelled_at is None
    assert gone.cancelled_at is not None and gone.completed_at is None


def test_every_open_status_can_eventually_close():
    # No status may trap a repair: from each, completed or cancelled must be reachable.
    for start in Status:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in TRANSITIONS[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert seen & {Status.COMPLETED, Status.CANCELLED} or start is Status.CANCELLED


def test_audit_events_can_be_neither_changed_nor_deleted(session, factories, repair):
    event = transition(session, repair, Status.BOOKED, AGENT, "web")
    session.flush()
    event.note = "rewritten"
    with pytest.raises(AuditTrailError):
        session.flush()
    session.rollback()
    repair = factories.create_repair(factories.create_property(), status="triaged")
    event = transition(session, repair, Status.BOOKED, AGENT, "web")
    session.flush()
    session.delete(event)
    with pytest.raises(AuditTrailError):
        session.flush()
    session.rollback()
