"""The contact centre's queues: work items people asked for or the services raised, and
queues derived from the data (repairs with no appointment, past or near their target,
Awaab's Law clocks about to run out, messages that failed for good).

Every queue filters by patch, priority and trade, and sorts by what is due first, what
has waited longest, or by priority.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from common.codes import PRIORITY_RANK
from repairs.lifecycle import OPEN_STATUSES
from repairs.models import (
    Appointment,
    Block,
    OutboundMessage,
    Person,
    Property,
    Repair,
    Tenancy,
    TenancyMember,
    WorkItem,
)
from repairs.performance.scope import HAZARDS

ITEM_QUEUES = (
    "callback",
    "video_triage",
    "triage_review",
    "safety_review",
    "emergency_unassigned",
    "emergency_follow_up",
)
DERIVED_QUEUES = ("no_appointment", "near_target", "awaab_clock", "message_failed")
QUEUES = ITEM_QUEUES + DERIVED_QUEUES
SORTS = ("due", "oldest", "priority")
PAGE_SIZE = 50
# How long a repair may wait for a time to be chosen before a person should ring.
WAITING = timedelta(hours=1)
NEAR_TARGET = timedelta(days=1)
AWAAB_WARNING = timedelta(days=2)
NEEDS_BOOKING = ("triaged", "awaiting_appointment", "no_access", "follow_on_needed")


@dataclass(frozen=True)
class Filters:
    patch: str = ""
    priority: str = ""
    trade: str = ""
    sort: str = "due"
    page: int = 1


@dataclass
class Row:
    kind: str
    repair: Repair | None
    person: Person | None
    item: WorkItem | None
    since: datetime
    due: datetime | None
    note: str | None = None
    patch: str | None = None
    message: OutboundMessage | None = None

    @property
    def key(self) -> str:
        """What taking this row names: its item, or the repair or message it is about."""
        if self.item is not None:
            return f"item:{self.item.id}"
        if self.message is not None:
            return f"message:{self.message.id}"
        return f"repair:{self.repair.reference}"


@dataclass
class Page:
    rows: list[Row] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def _patch_of_repair():
    return func.coalesce(Property.patch, Block.patch)


def _repair_filters(query, filters: Filters):
    query = query.outerjoin(Property, Property.id == Repair.property_id).outerjoin(
        Block, Block.id == Repair.block_id
    )
    if filters.patch:
        query = query.where(_patch_of_repair() == filters.patch)
    if filters.priority:
        query = query.where(Repair.priority == filters.priority)
    if filters.trade:
        query = query.where(Repair.trade == filters.trade)
    return query


def _derived_condition(kind: str, now: datetime):
    """Which repairs are on a derived queue, and the time each is due by."""
    if kind == "no_appointment":
        return (
            and_(
                Repair.status.in_(NEEDS_BOOKING),
                Repair.priority != "emergency",
                Repair.updated_at <= now - WAITING,
            ),
            Repair.target_at,
        )
    if kind == "near_target":
        kept = exists().where(
            Appointment.repair_id == Repair.id,
            Appointment.status == "booked",
            Appointment.starts_at <= Repair.target_at,
        )
        return (
            and_(
                Repair.status.in_([s for s in OPEN_STATUSES if s != "in_progress"]),
                Repair.target_at <= now + NEAR_TARGET,
                ~kept,
            ),
            Repair.target_at,
        )
    # Awaab's Law: the investigation has a clock until it is done, then the safety work
    # has one until the repair is completed.
    due = case(
        (Repair.investigated_at.is_(None), Repair.awaab_investigate_by),
        else_=Repair.awaab_safety_work_by,
    )
    return (
        and_(
            Repair.status.in_(list(OPEN_STATUSES)),
            Repair.hazard.in_(HAZARDS),
            due <= now + AWAAB_WARNING,
        ),
        due,
    )


def _order(filters: Filters, due, since):
    rank = case(
        *((Repair.priority == p, r) for p, r in PRIORITY_RANK.items()), else_=len(PRIORITY_RANK)
    )
    if filters.sort == "oldest":
        return (since.asc(), Repair.id.asc())
    if filters.sort == "priority":
        return (rank, due.asc(), Repair.id.asc())
    return (due.asc(), Repair.id.asc())


def _page_of(total: int, filters: Filters) -> tuple[int, int]:
    pages = max(1, -(-total // PAGE_SIZE))
    return min(max(filters.page, 1), pages), pages


def derived_queue(session: Session, kind: str, filters: Filters, now: datetime) -> Page:
    """A page of repairs on a derived queue, with any item already taken for each."""
    condition, due = _derived_condition(kind, now)
    base = _repair_filters(select(Repair.id), filters).where(condition)
    total = session.scalar(select(func.count()).select_from(base.subquery()))
    page, pages = _page_of(total, filters)
    query = (
        _repair_filters(select(Repair, due.label("due"), _patch_of_repair()), filters)
        .where(condition)
        .order_by(*_order(filters, due, Repair.reported_at))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    found = session.execute(query).all()
    taken = _open_items(session, kind, [r.id for r, _, _ in found])
    rows = [
        Row(kind, repair, repair.reported_by, taken.get(repair.id), repair.reported_at, d, None, p)
        for repair, d, p in found
    ]
    return Page(rows, total, page, pages)


def _open_items(session: Session, kind: str, repair_ids: list[int]) -> dict[int, WorkItem]:
    if not repair_ids:
        return {}
    items = session.scalars(
        select(WorkItem).where(
            WorkItem.kind == kind,
            WorkItem.repair_id.in_(repair_ids),
            WorkItem.status.in_(("open", "assigned")),
        )
    )
    return {item.repair_id: item for item in items}


def _home_patch(session: Session, person_ids: list[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    rows = session.execute(
        select(TenancyMember.person_id, Property.patch)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .join(Property, Property.id == Tenancy.property_id)
        .where(TenancyMember.person_id.in_(person_ids), Tenancy.end_date.is_(None))
    )
    return dict(rows.all())


def item_queue(session: Session, kind: str, filters: Filters, now: datetime) -> Page:
    """A page of open and taken work items of ``kind`` (few enough to sort in memory)."""
    items = list(
        session.scalars(
            select(WorkItem).where(WorkItem.kind == kind, WorkItem.status.in_(("open", "assigned")))
        )
    )
    rows = _item_rows(session, items)
    if kind == "message_failed":
        rows += _failed_messages(session)
    return _sorted_page(_filtered(rows, filters), filters)


def _item_rows(session: Session, items: list[WorkItem]) -> list[Row]:
    patches = _home_patch(session, [i.person_id for i in items if i.person_id])
    rows = []
    for item in items:
        repair = item.repair
        patch = None
        if repair is not None:
            patch = (
                repair.home.patch if repair.home else (repair.block.patch if repair.block else None)
            )
        patch = patch or patches.get(item.person_id)
        due = item.due_at or (repair.target_at if repair is not None else None)
        rows.append(
            Row(item.kind, repair, item.person, item, item.created_at, due, item.note, patch)
        )
    return rows


def _failed_messages(session: Session) -> list[Row]:
    """Messages that failed for good and that nobody has dealt with since."""
    handled = exists().where(
        WorkItem.kind == "message_failed",
        WorkItem.person_id == OutboundMessage.person_id,
        or_(WorkItem.repair_id == OutboundMessage.repair_id, OutboundMessage.repair_id.is_(None)),
        WorkItem.created_at >= OutboundMessage.created_at,
    )
    messages = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.status == "failed", ~handled)
        .order_by(OutboundMessage.created_at)
        .limit(1000)
    ).all()
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(Person.id.in_({m.person_id for m in messages if m.person_id}))
        )
    }
    repairs = {
        r.id: r
        for r in session.scalars(
            select(Repair).where(Repair.id.in_({m.repair_id for m in messages if m.repair_id}))
        )
    }
    patches = _home_patch(session, list(people))
    return [
        Row(
            "message_failed",
            repairs.get(m.repair_id),
            people.get(m.person_id),
            None,
            m.created_at,
            None,
            m.last_error,
            patches.get(m.person_id),
            message=m,
        )
        for m in messages
    ]


def _filtered(rows: list[Row], filters: Filters) -> list[Row]:
    def keep(row: Row) -> bool:
        repair = row.repair
        if filters.patch and row.patch != filters.patch:
            return False
        if filters.priority and (repair is None or repair.priority != filters.priority):
            return False
        return not (filters.trade and (repair is None or repair.trade != filters.trade))

    return [row for row in rows if keep(row)]


def _sorted_page(rows: list[Row], filters: Filters) -> Page:
    far = datetime.max.replace(tzinfo=rows[0].since.tzinfo) if rows else None

    def rank(row: Row) -> int:
        return PRIORITY_RANK.get(row.repair.priority if row.repair else "", len(PRIORITY_RANK))

    if filters.sort == "oldest":
        rows.sort(key=lambda r: r.since)
    elif filters.sort == "priority":
        rows.sort(key=lambda r: (rank(r), r.due or far, r.since))
    else:
        rows.sort(key=lambda r: (r.due or far, r.since))
    page, pages = _page_of(len(rows), filters)
    return Page(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], len(rows), page, pages)


def queue(session: Session, kind: str, filters: Filters, now: datetime) -> Page:
    if kind in ("no_appointment", "near_target", "awaab_clock"):
        return derived_queue(session, kind, filters, now)
    return item_queue(session, kind, filters, now)


def counts(session: Session, now: datetime) -> dict[str, tuple[int, int]]:
    """Per queue: how many rows wait, and how many of those someone has taken."""
    result = {}
    open_items = dict(
        session.execute(
            select(WorkItem.kind, func.count())
            .where(WorkItem.status == "open")
            .group_by(WorkItem.kind)
        ).all()
    )
    taken = dict(
        session.execute(
            select(WorkItem.kind, func.count())
            .where(WorkItem.status == "assigned")
            .group_by(WorkItem.kind)
        ).all()
    )
    for kind in ITEM_QUEUES:
        result[kind] = (open_items.get(kind, 0) + taken.get(kind, 0), taken.get(kind, 0))
    for kind in ("no_appointment", "near_target", "awaab_clock"):
        condition, _ = _derived_condition(kind, now)
        waiting = session.scalar(select(func.count()).where(condition))
        result[kind] = (waiting, taken.get(kind, 0))
    failed = len(_failed_messages(session))
    result["message_failed"] = (
        failed + open_items.get("message_failed", 0) + taken.get("message_failed", 0),
        taken.get("message_failed", 0),
    )
    return result


def patches(session: Session) -> list[str]:
    return list(session.scalars(select(Property.patch).distinct().order_by(Property.patch)))
