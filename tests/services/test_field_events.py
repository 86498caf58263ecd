"""record_field_event: each event once, the lifecycle walked legally, late news kept but
changing nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from repairs.models import FieldEventRecord, OutboundMessage, RepairEvent
from repairs.services import FieldReport, ServiceError, find_disagreements, record_field_event
from repairs.services.errors import CONFLICT, INVALID, NOT_FOUND
from tests.services.helpers import booked, commit, reported


def _event(appointment, kind, at, event_id=None, note=""):
    return FieldReport(
        event_id=event_id or f"ev-{kind}-{appointment.id}",
        booking_reference=appointment.booking_reference,
        kind=kind,
        occurred_at=at,
        note=note,
    )


def _send(ctx, report):
    # As the embedded core does: the booking changes, then the repairs hear of it.
    from scheduling import OperativeEvent

    ctx.core.report_event(
        OperativeEvent(report.event_id, report.booking_reference, report.kind, report.occurred_at)
    )
    return commit(ctx, record_field_event, report, "test")


@pytest.fixture
def appointment(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    return booked(ctx, tenant, repair)[0]


def test_a_visit_walks_the_repair_to_completed(ctx, appointment, clock):
    repair, at = appointment.repair, appointment.starts_at
    _send(ctx, _event(appointment, "on_the_way", at))
    assert repair.status == "booked"
    _send(ctx, _event(appointment, "arrived", at + timedelta(minutes=20)))
    assert repair.status == "in_progress" and appointment.arrived_at is not None
    outcome = _send(ctx, _event(appointment, "completed", at + timedelta(hours=1), note="washer"))
    assert outcome.applied and repair.status == "completed" and appointment.status == "attended"
    kinds = ctx.session.scalars(
        select(RepairEvent.kind).where(RepairEvent.repair_id == repair.id).order_by(RepairEvent.id)
    ).all()
    assert kinds[-3:] == ["on_the_way", "arrived", "completed"]
    last = ctx.session.scalar(select(RepairEvent).order_by(RepairEvent.id.desc()))
    assert (last.actor_kind, last.channel, last.note) == ("operative", "api", "washer")
    purposes = set(ctx.session.scalars(select(OutboundMessage.purpose)))
    assert {"on_the_way", "completed"} <= purposes
    assert find_disagreements(ctx.session, ctx.core) == []


def test_completed_without_arrived_passes_through_in_progress(ctx, appointment):
    _send(ctx, _event(appointment, "completed", appointment.starts_at))
    statuses = ctx.session.scalars(
        select(RepairEvent.to_status)
        .where(RepairEvent.to_status.is_not(None))
        .order_by(RepairEvent.id)
    ).all()
    assert statuses[-2:] == ["in_progress", "completed"]


def test_the_same_event_twice_changes_nothing_the_second_time(ctx, appointment):
    report = _event(appointment, "no_access", appointment.starts_at)
    first = _send(ctx, report)
    events = ctx.session.scalar(select(func.count()).select_from(RepairEvent))
    again = commit(ctx, record_field_event, report, "test")
    assert first.applied and again.duplicate and again.applied
    assert ctx.session.scalar(select(func.count()).select_from(RepairEvent)) == events
    assert ctx.session.scalar(select(func.count()).select_from(FieldEventRecord)) == 1


def test_an_event_id_reused_for_another_event_is_refused(ctx, appointment):
    _send(ctx, _event(appointment, "arrived", appointment.starts_at, event_id="same"))
    with pytest.raises(ServiceError) as refused:
        commit(
            ctx,
            record_field_event,
            _event(appointment, "completed", appointment.starts_at, "same"),
            "t",
        )
    assert refused.value.code == CONFLICT


def test_a_late_event_is_kept_but_changes_nothing(ctx, appointment):
    _send(ctx, _event(appointment, "completed", appointment.starts_at))
    late = _send(ctx, _event(appointment, "arrived", appointment.starts_at - timedelta(minutes=5)))
    assert not late.applied and appointment.repair.status == "completed"
    assert ctx.core.get_booking(appointment.booking_reference).status == "completed"
    assert find_disagreements(ctx.session, ctx.core) == []


def test_an_unknown_booking_is_not_found(ctx, appointment):
    report = _event(appointment, "arrived", appointment.starts_at)
    with pytest.raises(ServiceError) as refused:
        commit(
            ctx,
            record_field_event,
            FieldReport("x1", "SB-NOPE", "arrived", report.occurred_at),
            "t",
        )
    assert refused.value.code == NOT_FOUND


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "teleported"}, "kind"),
        ({"event_id": ""}, "id"),
        ({"occurred_at": None}, "occurred_at"),
    ],
)
def test_malformed_events_are_refused(ctx, appointment, changes, field):
    from dataclasses import replace

    report = replace(_event(appointment, "arrived", appointment.starts_at), **changes)
    with pytest.raises(ServiceError) as refused:
        commit(ctx, record_field_event, report, "t")
    assert refused.value.code == INVALID and field in refused.value.fields


def test_the_first_visit_to_significant_mould_starts_the_later_awaab_clocks(
    ctx, tenant, household, create_operative
):
    create_operative(trades=("surveyor",))
    repair = reported(
        ctx, tenant, household[0], "mould spreading across the bedroom ceiling"
    ).repair
    assert repair.hazard == "awaab_significant" and repair.awaab_summary_by is None
    appointment = booked(ctx, tenant, repair)[0]
    _send(ctx, _event(appointment, "arrived", appointment.starts_at))
    assert repair.investigated_at == appointment.starts_at
    assert repair.awaab_summary_by > repair.investigated_at
    assert repair.awaab_preventative_by > repair.awaab_safety_work_by
