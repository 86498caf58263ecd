"""The demo city: deterministic, idempotent, realistic in shape, and inside Nottingham."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from repairs.models import (
    Operative,
    Person,
    Property,
    Repair,
    RepairEvent,
    SatisfactionResponse,
    Tenancy,
)
from repairs.seed import seed_city
from repairs.seed.geography import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
from repairs.seed.workforce import DEMO_STAFF_PASSWORD

AS_OF = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@pytest.fixture
def engine(app):
    return app.extensions["database"].engine


def _fingerprint(session) -> list[tuple]:
    return session.execute(
        select(Repair.reference, Repair.status, Repair.priority, Repair.reported_at).order_by(
            Repair.id
        )
    ).all()


@pytest.mark.slow
def test_the_same_seed_builds_the_same_city_and_a_rerun_changes_nothing(engine, session):
    first = seed_city(engine, seed=7, homes=600, history_days=30, now=AS_OF)
    assert not first.skipped
    before = _fingerprint(session)
    again = seed_city(engine, seed=7, homes=600, history_days=30, now=AS_OF)
    assert again.skipped
    assert _fingerprint(session) == before
    rebuilt = seed_city(engine, seed=7, homes=600, history_days=30, now=AS_OF, reset=True)
    assert not rebuilt.skipped
    assert _fingerprint(session) == before
    other = seed_city(engine, seed=8, homes=600, history_days=30, now=AS_OF, reset=True)
    assert not other.skipped
    assert _fingerprint(session) != before


@pytest.mark.slow
def test_the_city_has_the_demo_tenant_homes_in_nottingham_and_unique_mobiles(engine, session):
    seed_city(engine, seed=3, homes=800, history_days=20, now=AS_OF)
    assert session.scalar(select(func.count()).select_from(Property)) == 800
    demo = session.scalar(select(Person).where(Person.mobile == "+447700900001"))
    assert demo is not None
    tenancy = session.scalar(select(Tenancy).where(Tenancy.reference == "TV-000001"))
    assert tenancy.is_current(AS_OF.date())
    homes = session.scalars(select(Property)).all()
    assert all(
        LAT_MIN <= h.latitude <= LAT_MAX and LON_MIN <= h.longitude <= LON_MAX for h in homes
    )
    districts = {h.postcode.split()[0] for h in homes}
    assert districts <= {f"NG{n}" for n in range(1, 12)} and len(districts) >= 8
    assert any(h.block_id for h in homes) and any(h.block_id is None for h in homes)
    mobiles = session.scalars(select(Person.mobile)).all()
    assert len(mobiles) == len(set(mobiles))
    languages = Counter(session.scalars(select(Person.preferred_language)))
    assert 0.05 < 1 - languages["en"] / sum(languages.values()) < 0.3
    assert session.scalar(select(func.count()).select_from(Operative)) == 150


@pytest.mark.slow
def test_a_year_of_history_has_plausible_priorities_and_a_real_audit_trail(engine, session):
    seed_city(engine, seed=5, homes=500, history_days=60, now=AS_OF)
    priorities = Counter(session.scalars(select(Repair.priority)))
    total = sum(priorities.values())
    assert abs(total - round(170_000 * 60 / 365)) <= 2
    assert 0.15 < priorities["emergency"] / total < 0.26
    statuses = Counter(session.scalars(select(Repair.status)))
    assert statuses["completed"] > total * 0.6
    assert statuses["booked"] > 0 and statuses["cancelled"] > 0
    # Every repair starts with a "reported" event, and completion has its event.
    reported = session.scalar(
        select(func.count()).select_from(RepairEvent).where(RepairEvent.kind == "reported")
    )
    assert reported == total
    completed_events = session.scalar(
        select(func.count()).select_from(RepairEvent).where(RepairEvent.to_status == "completed")
    )
    assert completed_events == statuses["completed"]
    late = session.scalar(
        select(func.count())
        .select_from(Repair)
        .where(
            Repair.priority == "emergency",
            Repair.completed_at.is_not(None),
            Repair.completed_at > Repair.target_at,
        )
    )
    assert late < priorities["emergency"] * 0.15
    assert session.scalar(select(func.max(Repair.reported_at))) <= AS_OF
    # About a third of tenants answer "How did we do?", each once, with its audit event.
    replies = session.execute(
        select(SatisfactionResponse.score, Repair.status).join(
            Repair, Repair.id == SatisfactionResponse.repair_id
        )
    ).all()
    assert 0.2 < len(replies) / statuses["completed"] < 0.45
    assert {status for _, status in replies} == {"completed"}
    assert {score for score, _ in replies} == {1, 2, 3, 4, 5}
    recorded = session.scalar(
        select(func.count())
        .select_from(RepairEvent)
        .where(RepairEvent.kind == "satisfaction_recorded")
    )
    assert recorded == len(replies)


def test_demo_staff_can_sign_in_with_the_documented_password(engine, client_request):
    seed_city(engine, seed=1, homes=50, history_days=2, now=AS_OF)
    client_request.post_form(
        "/staff/sign-in", {"email": "agent@trentvale.example", "password": DEMO_STAFF_PASSWORD}
    )
    assert "Open repairs" in client_request.get("/staff/")


@pytest.mark.slow
def test_the_demo_tenant_can_sign_in_and_see_seeded_repairs(engine, client_request, session):
    from tests.tenant_helpers import latest_code

    seed_city(engine, seed=1, homes=50, history_days=30, now=AS_OF)
    demo = session.scalar(select(Person).where(Person.mobile == "+447700900001"))
    assert (demo.given_name, demo.family_name, demo.preferred_language) == (
        "Zainab",
        "Rahman",
        "en",
    )
    client_request.post_form("/sign-in", {"mobile": "07700 900001"})
    client_request.post_form("/sign-in/code", {"code": latest_code(session, "+447700900001")})
    # The documented first-time details: tenancy reference and postcode.
    client_request.post_form(
        "/sign-in/tenancy", {"tenancy_reference": "TV-000001", "postcode": "NG4 4NN"}
    )
    assert "Your repairs" in client_request.get("/repairs")
