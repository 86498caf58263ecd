"""add_to_repair, override_triage and cancel_repair."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.models import RepairEvent, WorkItem
from repairs.services import (
    AddToRepair,
    CancelRepair,
    OverrideTriage,
    ReportRepair,
    ServiceError,
    add_to_repair,
    cancel_repair,
    find_disagreements,
    override_triage,
    report_repair,
)
from repairs.services.errors import CONFLICT, FORBIDDEN, INVALID
from tests.services.helpers import booked, commit, reported


def test_words_that_reveal_an_emergency_raise_it_and_send_someone(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0], "small leak under the kitchen sink").repair
    appointment, _ = booked(ctx, tenant, repair)
    added = commit(
        ctx,
        add_to_repair,
        tenant,
        AddToRepair(repair.reference, "now the pipe has burst and water is pouring out"),
    )
    assert added.raised and repair.priority == "emergency" and repair.status == "dispatched"
    assert appointment.status == "cancelled"
    assert added.dispatch.appointment.window == "emergency"
    assert find_disagreements(ctx.session, ctx.core) == []


def test_more_words_never_lower_the_priority(ctx, tenant, household):
    repair = reported(ctx, tenant, household[0], "no heating at all since yesterday").repair
    before = repair.priority
    added = commit(
        ctx, add_to_repair, tenant, AddToRepair(repair.reference, "also a cupboard door is loose")
    )
    assert not added.raised and repair.priority == before
    note = ctx.session.scalar(select(RepairEvent).where(RepairEvent.kind == "added_to"))
    assert note.note == "also a cupboard door is loose"


def test_adding_nothing_is_refused(ctx, tenant, household):
    repair = reported(ctx, tenant, household[0]).repair
    with pytest.raises(ServiceError) as refused:
        commit(ctx, add_to_repair, tenant, AddToRepair(repair.reference, "   "))
    assert refused.value.code == INVALID


def test_only_staff_override_triage_and_only_with_a_reason(ctx, tenant, agent, household):
    repair = reported(ctx, tenant, household[0]).repair
    with pytest.raises(ServiceError) as refused:
        commit(
            ctx,
            override_triage,
            tenant,
            OverrideTriage(repair.reference, "because", priority="urgent"),
        )
    assert refused.value.code == FORBIDDEN
    with pytest.raises(ServiceError) as refused:
        commit(
            ctx, override_triage, agent, OverrideTriage(repair.reference, " ", priority="urgent")
        )
    assert "reason" in refused.value.fields
    commit(
        ctx,
        override_triage,
        agent,
        OverrideTriage(repair.reference, "tenant is 91", priority="urgent"),
    )
    event = ctx.session.scalar(select(RepairEvent).where(RepairEvent.kind == "triage_overridden"))
    assert event.changes["priority"] == ["routine", "urgent"] and event.note == "tenant is 91"
    assert (event.actor_kind, event.channel) == ("staff", "phone")
    assert repair.target_at < repair.reported_at.replace(year=repair.reported_at.year + 1)


def test_staff_triage_of_words_nobody_could_place(ctx, tenant, agent, household):
    unsure = ReportRepair(person_id=household[0].id, description="odd noise in loft", unsure=True)
    repair = commit(ctx, report_repair, tenant, unsure).repair
    commit(
        ctx,
        override_triage,
        agent,
        OverrideTriage(repair.reference, "listened: a tap", problem="kitchen_tap_dripping"),
    )
    assert repair.status == "awaiting_appointment" and repair.problem == "kitchen_tap_dripping"
    assert ctx.session.scalar(select(WorkItem)).status == "done"


def test_cancelling_a_repair_releases_its_appointment(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    appointment, _ = booked(ctx, tenant, repair)
    commit(ctx, cancel_repair, tenant, CancelRepair(repair.reference, "fixed it myself"))
    assert repair.status == "cancelled" and repair.cancellation_reason == "fixed it myself"
    assert ctx.core.get_booking(appointment.booking_reference).status == "cancelled"
    assert find_disagreements(ctx.session, ctx.core) == []
    with pytest.raises(ServiceError) as refused:
        commit(ctx, add_to_repair, tenant, AddToRepair(repair.reference, "more"))
    assert refused.value.code == CONFLICT


def test_a_repair_cannot_be_cancelled_without_a_reason(ctx, tenant, household):
    repair = reported(ctx, tenant, household[0]).repair
    with pytest.raises(ServiceError) as refused:
        commit(ctx, cancel_repair, tenant, CancelRepair(repair.reference, ""))
    assert "reason" in refused.value.fields and repair.status == "awaiting_appointment"


def test_staff_triage_closes_the_second_look(ctx, tenant, agent, household):
    repair = report_repair(
        ctx,
        tenant,
        ReportRepair(person_id=household[0].id, description="my boiler is making a banging noise"),
    ).repair
    ctx.session.commit()
    item = ctx.session.scalar(select(WorkItem).where(WorkItem.kind == "safety_review"))
    assert item.status == "open"
    commit(
        ctx,
        override_triage,
        agent,
        OverrideTriage(
            repair.reference, "rang: it bangs when lit, no gas smell", priority="urgent"
        ),
    )
    assert (item.status, item.outcome) == ("done", "triaged by staff")


def test_added_words_a_little_like_an_emergency_s_are_read_by_a_person(
    ctx, tenant, agent, household
):
    # Raised by staff on the phone: they heard the first words, so no second look yet.
    repair = reported(ctx, agent, household[0], "The boiler is noisy").repair
    looks = select(WorkItem).where(WorkItem.kind == "safety_review")
    assert ctx.session.scalars(looks).all() == []
    for words in ("it is making a banging noise now", "still banging"):
        added = commit(ctx, add_to_repair, tenant, AddToRepair(repair.reference, text=words))
        assert not added.raised
    (item,) = ctx.session.scalars(looks).all()  # asked twice, queued once
    assert (item.repair_id, item.status, item.channel) == (repair.id, "open", "web")
    assert item.due_at is not None
    # A member of staff adding words has read them: nothing more is queued.
    item.status = "done"
    ctx.session.commit()
    commit(ctx, add_to_repair, agent, AddToRepair(repair.reference, text="banging again"))
    assert [i.status for i in ctx.session.scalars(looks)] == ["done"]
