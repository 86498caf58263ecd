"""The outbox API other channels call: what ``enqueue`` writes, for whom, and when not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.config import ROOT
from repairs.messaging.outbox import enqueue
from repairs.messaging.templates import Urgency
from tests.messaging.conftest import MORNING


def _code(session, person, **options):
    # Exactly what the tenant portal passes for a sign-in code.
    return enqueue(
        session,
        person,
        "sign_in_code",
        {"code": "481516", "minutes": 10},
        translations=ROOT / "translations",
        now=MORNING,
        **options,
    )


def test_a_sign_in_code_is_urgent_by_sms_and_expires_with_the_code(session, tenant):
    tenant.preferred_channel, tenant.consent_whatsapp = "whatsapp", True
    tenant.preferred_language = "pl"
    message = _code(session, tenant)
    assert message.priority == Urgency.TRANSACTIONAL == 0
    assert message.channel == "sms" and message.to == tenant.mobile
    assert message.expires_at == MORNING + timedelta(minutes=10)
    assert message.body.startswith("481516 to Twój kod logowania")
    assert message.segments <= 2


def test_a_sign_in_code_goes_even_without_consent_to_updates(session, tenant):
    tenant.consent_sms = False
    assert _code(session, tenant) is not None


def test_any_message_can_be_marked_urgent(session, tenant):
    message = enqueue(
        session,
        tenant,
        "follow_on_needed",
        {"landlord": "TVH", "reference": "ABC-DEFG"},
        translations=ROOT / "translations",
        now=MORNING,
        urgency=Urgency.TIME_CRITICAL,
    )
    assert message.priority == 1


def test_nobody_to_text_writes_nothing(session, tenant):
    tenant.mobile = None
    assert _code(session, tenant) is None
    assert _code(session, None) is None


def test_a_missing_parameter_is_a_clear_error(session, tenant):
    with pytest.raises(ValueError, match="'sign_in_code' needs minutes"):
        enqueue(
            session,
            tenant,
            "sign_in_code",
            {"code": "1"},
            translations=ROOT / "translations",
            now=MORNING,
            expires_at=MORNING,
        )
