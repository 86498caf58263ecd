"""A tenant acts for their household only: anything else is simply not found."""

from __future__ import annotations

from datetime import timedelta

import pytest

from repairs.audit import Actor
from repairs.services import (
    AddToRepair,
    CancelRepair,
    OfferSlots,
    RequestVideoTriage,
    ServiceError,
    add_to_repair,
    cancel_repair,
    offer_slots,
    request_video_triage,
)
from repairs.services.errors import NOT_FOUND
from tests.services.helpers import commit, reported


@pytest.mark.parametrize(
    ("operation", "request_for"),
    [
        (offer_slots, lambda ref: OfferSlots(ref)),
        (add_to_repair, lambda ref: AddToRepair(ref, "more")),
        (cancel_repair, lambda ref: CancelRepair(ref, "mine now")),
        (request_video_triage, lambda ref: RequestVideoTriage(ref)),
    ],
)
def test_another_households_repair_is_not_found(
    ctx, tenant, household, factories, session, operation, request_for
):
    repair = reported(ctx, tenant, household[0]).repair
    stranger, _ = factories.create_tenant()
    session.commit()
    them = Actor.tenant(stranger.id, stranger.full_name, "web")
    with pytest.raises(ServiceError) as refused:
        commit(ctx, operation, them, request_for(repair.reference))
    assert refused.value.code == NOT_FOUND
    assert repair.status == "awaiting_appointment"


def test_repairs_from_before_the_tenancy_began_are_not_theirs(
    ctx, tenant, household, factories, session, clock
):
    person, tenancy, home = household
    repair = reported(ctx, tenant, person).repair
    friday = clock.now.date()
    tenancy.end_date = friday
    newcomer, _ = factories.create_tenant(home=home, start=friday + timedelta(days=1))
    session.commit()
    clock.to(friday + timedelta(days=3), 9)
    them = Actor.tenant(newcomer.id, newcomer.full_name, "web")
    with pytest.raises(ServiceError) as refused:
        commit(ctx, add_to_repair, them, AddToRepair(repair.reference, "x"))
    assert refused.value.code == NOT_FOUND
    mine = reported(ctx, them, newcomer, "bathroom sink tap dripping").repair
    assert commit(ctx, add_to_repair, them, AddToRepair(mine.reference, "x")).repair is mine
