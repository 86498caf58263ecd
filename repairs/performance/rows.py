"""The rows behind every figure, with the same filters, for the CSV downloads: anyone can
recount a figure from its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from repairs.models import Appointment, Repair, SatisfactionResponse, WorkItem
from repairs.performance.figures import (
    appointment_due,
    arrived_in_window,
    investigated_at_or_first_visit,
)
from repairs.performance.satisfaction import SATISFIED, completed_in
from repairs.performance.scope import HAZARDS, Scope, patch_of_repair
from repairs.performance.scope import with_patch_column as with_patch
from repairs.performance.second_look import queued_in

BATCH = 5_000


def visits():
    """How many times an operative arrived for the repair."""
    return (
        select(func.count())
        .where(Appointment.repair_id == Repair.id, Appointment.arrived_at.is_not(None))
        .correlate(Repair)
        .scalar_subquery()
    )


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def within_target_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(
            Repair.reference,
            patch_of_repair(),
            Repair.priority,
            Repair.channel,
            Repair.reported_at,
            Repair.target_at,
            Repair.completed_at,
        ),
        scope,
    ).where(Repair.completed_at >= scope.start, Repair.completed_at < scope.end)
    for ref, patch, priority, channel, reported, target, done in _stream(session, query):
        met = target is not None and done <= target
        yield ref, patch, priority, channel, _iso(reported), _iso(target), _iso(done), _yes(met)


def appointment_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(
            Repair.reference,
            patch_of_repair(),
            Repair.priority,
            Appointment.window,
            Appointment.starts_at,
            Appointment.ends_at,
            Appointment.arrived_at,
            Appointment.status,
            arrived_in_window(),
        )
        .select_from(Appointment)
        .join(Repair, Repair.id == Appointment.repair_id),
        scope,
    ).where(
        appointment_due(), Appointment.ends_at >= scope.start, Appointment.ends_at < scope.due_end
    )
    for ref, patch, priority, window, starts, ends, arrived, status, kept in _stream(
        session, query
    ):
        yield (
            ref,
            patch,
            priority,
            window,
            _iso(starts),
            _iso(ends),
            _iso(arrived),
            status,
            _yes(kept),
        )


def first_visit_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(Repair.reference, patch_of_repair(), Repair.priority, Repair.completed_at, visits()),
        scope,
    ).where(Repair.completed_at >= scope.start, Repair.completed_at < scope.end)
    for ref, patch, priority, done, count in _stream(session, query):
        if count:
            yield ref, patch, priority, _iso(done), count, _yes(count == 1)


def channel_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(
            Repair.reference, patch_of_repair(), Repair.channel, Repair.priority, Repair.reported_at
        ),
        scope,
    ).where(Repair.reported_at >= scope.start, Repair.reported_at < scope.end)
    for ref, patch, channel, priority, reported in _stream(session, query):
        yield ref, patch, channel, priority, _iso(reported)


def awaab_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    clocks = (
        ("investigate", Repair.awaab_investigate_by, investigated_at_or_first_visit()),
        ("safety_work", Repair.awaab_safety_work_by, Repair.completed_at),
    )
    for name, due, done in clocks:
        query = with_patch(
            select(Repair.reference, patch_of_repair(), Repair.hazard, due, done), scope
        ).where(
            and_(Repair.hazard.in_(HAZARDS), Repair.status != "cancelled"),
            due >= scope.start,
            due < scope.due_end,
        )
        for ref, patch, hazard, due_at, done_at in _stream(session, query):
            met = done_at is not None and done_at <= due_at
            yield ref, patch, hazard, name, _iso(due_at), _iso(done_at), _yes(met)


def satisfaction_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(
            Repair.reference,
            patch_of_repair(),
            Repair.priority,
            Repair.completed_at,
            SatisfactionResponse.score,
            SatisfactionResponse.channel,
            SatisfactionResponse.answered_at,
            SatisfactionResponse.comment,
        )
        .select_from(SatisfactionResponse)
        .join(Repair, Repair.id == SatisfactionResponse.repair_id),
        scope,
    ).where(completed_in(scope))
    for ref, patch, priority, done, score, channel, answered, comment in _stream(session, query):
        satisfied = _yes(score in SATISFIED)
        yield ref, patch, priority, _iso(done), score, satisfied, channel, _iso(answered), comment


def second_look_rows(session: Session, scope: Scope) -> Iterator[tuple]:
    query = with_patch(
        select(
            Repair.reference,
            patch_of_repair(),
            WorkItem.created_at,
            WorkItem.due_at,
            WorkItem.closed_at,
            WorkItem.status,
            Repair.priority,
            WorkItem.outcome,
        )
        .select_from(WorkItem)
        .join(Repair, Repair.id == WorkItem.repair_id),
        scope,
    ).where(*queued_in(scope))
    for ref, patch, queued, due, closed, status, priority, outcome in _stream(session, query):
        dealt = status == "done"
        in_time = dealt and closed is not None and due is not None and closed <= due
        yield (
            ref,
            patch,
            _iso(queued),
            _iso(due),
            _iso(closed),
            _yes(dealt),
            _yes(in_time),
            priority,
            _yes(priority == "emergency"),
            outcome or "",
        )


def _stream(session: Session, query) -> Iterator[tuple]:
    result = session.execute(
        query.order_by(Repair.reference), execution_options={"yield_per": BATCH}
    )
    yield from result


# Each figure's CSV: its columns and where its rows come from.
CSVS: dict[str, tuple[tuple[str, ...], Callable[[Session, Scope], Iterator[tuple]]]] = {
    "within-target": (
        (
            "repair",
            "patch",
            "priority",
            "channel",
            "reported_at",
            "target_at",
            "completed_at",
            "within_target",
        ),
        within_target_rows,
    ),
    "appointments": (
        (
            "repair",
            "patch",
            "priority",
            "window",
            "starts_at",
            "ends_at",
            "arrived_at",
            "status",
            "kept",
        ),
        appointment_rows,
    ),
    "first-visit": (
        ("repair", "patch", "priority", "completed_at", "visits", "first_visit"),
        first_visit_rows,
    ),
    "channels": (("repair", "patch", "channel", "priority", "reported_at"), channel_rows),
    "satisfaction": (
        (
            "repair",
            "patch",
            "priority",
            "completed_at",
            "score",
            "satisfied",
            "channel",
            "answered_at",
            "comment",
        ),
        satisfaction_rows,
    ),
    "awaab": (
        ("repair", "patch", "hazard", "clock", "due_at", "done_at", "met"),
        awaab_rows,
    ),
    "second-looks": (
        (
            "repair",
            "patch",
            "queued_at",
            "due_at",
            "closed_at",
            "dealt_with",
            "in_time",
            "priority",
            "raised_to_emergency",
            "outcome",
        ),
        second_look_rows,
    ),
}
