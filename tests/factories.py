"""``create_x`` helpers with plain defaults, so a test states only what it is about."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from repairs.models import (
    Person,
    Property,
    Repair,
    RepairEvent,
    StaffUser,
    Tenancy,
    TenancyMember,
    VideoCall,
)
from repairs.references import format_reference

_counter = itertools.count(1)


class Factories:
    def __init__(self, session) -> None:
        self.session = session

    def create_property(self, **overrides) -> Property:
        n = next(_counter)
        values = {
            "uprn": f"{200_000_000_000 + n:012d}",
            "kind": "house",
            "address_line_1": f"{n} Test Street",
            "address_line_2": None,
            "town": "Nottingham",
            "postcode": "NG7 1AA",
            "latitude": 52.95,
            "longitude": -1.17,
            "patch": "Central",
            "bedrooms": 2,
            "floor": 0,
            "block_id": None,
        }
        home = Property(**(values | overrides))
        self.session.add(home)
        self.session.flush()
        return home

    def create_tenant(
        self,
        mobile: str | None = None,
        home: Property | None = None,
        reference: str | None = None,
        start: date | None = None,
        end: date | None = None,
        **person,
    ) -> tuple[Person, Tenancy]:
        n = next(_counter)
        home = home or self.create_property()
        values = {
            "given_name": "Test",
            "family_name": f"Tenant{n}",
            "mobile": mobile or f"+4477009{70_000 + n:05d}",
            "preferred_language": "en",
            "vulnerabilities": [],
        }
        tenant = Person(**(values | person))
        tenancy = Tenancy(
            reference=reference or f"TT-{n:06d}",
            property_id=home.id,
            start_date=start or date(2020, 1, 1),
            end_date=end,
        )
        self.session.add_all([tenant, tenancy])
        self.session.flush()
        self.session.add(TenancyMember(tenancy_id=tenancy.id, person_id=tenant.id, role="lead"))
        self.session.flush()
        return tenant, tenancy

    def create_repair(self, home: Property, status: str = "reported", **overrides) -> Repair:
        n = next(_counter)
        # Yesterday morning by default: a routine repair's target (28 days on) is then
        # always ahead, whatever day the suite runs.
        yesterday = datetime.now(UTC).replace(hour=9, minute=30, second=0, microsecond=0)
        reported = overrides.pop("reported_at", yesterday - timedelta(days=1))
        values = {
            "reference": format_reference(10_000 + n),
            "property_id": home.id,
            "channel": "web",
            "description": f"Dripping tap number {n}",
            "status": status,
            "reported_at": reported,
            "priority": "routine",
            "category": "toilet_bathroom",
            "trade": "plumber",
            "target_at": reported + timedelta(days=28),
        }
        repair = Repair(**(values | overrides))
        self.session.add(repair)
        self.session.flush()
        return repair

    def create_staff(
        self,
        role: str = "agent",
        password: str = "correct horse battery",  # noqa: S107
        **overrides,
    ) -> StaffUser:
        n = next(_counter)
        staff = StaffUser(
            email=f"staff{n}@trentvale.example", name=f"Staff {n}", role=role, **overrides
        )
        staff.set_password(password)
        self.session.add(staff)
        self.session.flush()
        return staff

    def create_video_call(
        self, repair: Repair, staff: StaffUser, status: str = "joined", **overrides
    ) -> VideoCall:
        now = datetime.now(UTC)
        values = {
            "public_id": f"{next(_counter):024x}",
            "repair_id": repair.id,
            "person_id": repair.reported_by_id,
            "started_by_id": staff.id,
            "status": status,
            "invited_at": now,
            "link_expires_at": now + timedelta(minutes=30),
            "link_used_at": None if status == "invited" else now,
            "consent_to_record": None if status == "invited" else True,
            "stills": [],
            "uploads": [],
        }
        call = VideoCall(**(values | overrides))
        self.session.add(call)
        self.session.flush()
        return call

    def events_for(self, repair: Repair) -> list[RepairEvent]:
        return list(
            self.session.query(RepairEvent).filter_by(repair_id=repair.id).order_by(RepairEvent.id)
        )
