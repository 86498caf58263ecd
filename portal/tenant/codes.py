"""One-time sign-in codes for tenants: issued through the outbox, stored as an HMAC,
used once, expiring, locked after too many wrong tries, and limited per mobile, per
tenancy reference and per network.

Only failures and unused codes count against a limit: a tenant who signs in every day
never meets one, while guessing (codes, numbers or tenancy references) soon does.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select, update

from portal import rate_limit
from portal.extensions import db
from repairs.messaging.outbox import enqueue
from repairs.models import Person, SignInCode
from repairs.models.base import utcnow
from repairs.queries import signable_person

NETWORK_FACTOR = 10  # a network (a household's router, an office) may hold many tenants


def network_of(address: str | None) -> str:
    """The client's network: an IPv4 address, or the /64 an IPv6 address belongs to.

    One IPv6 subscriber usually holds a whole /64, so counting single addresses there would
    hand them millions of fresh allowances.
    """
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return (address or "unknown")[:50]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _config(name: str) -> int:
    return int(current_app.config[name])


def _digest(salt: str, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def failed(*keys: str) -> None:
    """Count one failure against each key (its own transaction: it sticks on rollback)."""
    for key in keys:
        rate_limit.hit(key, 1 << 30)


def over_limit(mobile: str | None = None, network: str | None = None, tenancy: str = "") -> bool:
    """Whether too many failures came from this mobile, tenancy reference or network."""
    limit = _config("SIGN_IN_ATTEMPTS_PER_HOUR")
    checks = [(f"tenant-fail-net:{network}", limit * NETWORK_FACTOR)] if network else []
    if mobile:
        checks.append((f"tenant-fail:{mobile}", limit))
    if tenancy:
        checks.append((f"tenant-fail-tenancy:{tenancy}", limit))
    return any(rate_limit.count(key) >= allowed for key, allowed in checks)


@dataclass(frozen=True)
class Issued:
    code: SignInCode | None
    # False when an unused code went out moments ago: that one still stands.
    sent: bool
    refused: bool = False


def _unused_since(column, value, since) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(SignInCode)
        .where(column == value, SignInCode.created_at >= since, SignInCode.used_at.is_(None))
    )


def issue(mobile: str, network: str, *, resend: bool = False) -> Issued:
    """Write a fresh code for ``mobile`` to the outbox (if an adult tenant holds it).

    A number nobody holds gets a row but no message, so the pages and the limits treat it
    exactly like one we hold: nobody can learn from them which numbers are tenants'.
    """
    now = utcnow()
    hour_ago = now - timedelta(hours=1)
    per_hour = _config("SIGN_IN_CODES_PER_HOUR")
    if over_limit(mobile, network) or (
        _unused_since(SignInCode.mobile, mobile, hour_ago) >= per_hour
        or _unused_since(SignInCode.network, network, hour_ago) >= per_hour * NETWORK_FACTOR
    ):
        return Issued(None, sent=False, refused=True)
    latest = db.session.scalar(
        select(SignInCode)
        .where(SignInCode.mobile == mobile, SignInCode.used_at.is_(None))
        .order_by(SignInCode.created_at.desc(), SignInCode.id.desc())
    )
    wait = timedelta(seconds=_config("SIGN_IN_RESEND_SECONDS"))
    if latest is not None and latest.expires_at > now and now - latest.created_at < wait:
        return Issued(latest, sent=False)
    if latest is not None and not resend and latest.expires_at > now and latest.attempts == 0:
        return Issued(latest, sent=False)
    # Only the newest code works: older ones die when a new one is sent.
    db.session.execute(
        update(SignInCode)
        .where(SignInCode.mobile == mobile, SignInCode.used_at.is_(None))
        .where(SignInCode.expires_at > now)
        .values(expires_at=now)
    )
    person = signable_person(db.session, mobile, now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    salt = secrets.token_hex(16)
    minutes = _config("SIGN_IN_CODE_MINUTES")
    row = SignInCode(
        mobile=mobile,
        person_id=person.id if person else None,
        network=network,
        salt=salt,
        code_hash=_digest(salt, code),
        created_at=now,
        expires_at=now + timedelta(minutes=minutes),
    )
    db.session.add(row)
    if person is not None:
        enqueue(
            db.session,
            person,
            "sign_in_code",
            {"code": code, "minutes": minutes},
            translations=Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]),
            now=now,
        )
    db.session.commit()
    return Issued(row, sent=True)


# Why a code was not accepted; the page says each in plain words.
WRONG, EXPIRED, LOCKED = "wrong", "expired", "locked"


def check(code_id: int, mobile: str, code: str, network: str) -> tuple[Person | None, str]:
    """The person the code signs in, or None and why not. A right code is used up."""
    now = utcnow()
    row = db.session.get(SignInCode, code_id)
    if row is None or row.mobile != mobile or row.used_at is not None or row.expires_at <= now:
        return None, EXPIRED
    if row.attempts >= _config("SIGN_IN_CODE_TRIES"):
        return None, LOCKED
    right = hmac.compare_digest(row.code_hash, _digest(row.salt, code))
    if not right or row.person_id is None:
        row.attempts += 1
        db.session.commit()
        failed(f"tenant-fail:{mobile}", f"tenant-fail-net:{network}")
        return None, LOCKED if row.attempts >= _config("SIGN_IN_CODE_TRIES") else WRONG
    row.used_at = now
    db.session.commit()
    return db.session.get(Person, row.person_id), ""
