"""The contact-centre side: staff sign in with a password and a second factor; roles
decide what they see (``access``)."""

from portal.staff import (  # noqa: F401  (each registers its routes)
    account,
    actions,
    admin,
    performance,
    queues,
    report,
    sign_in,
    views,
)
from portal.staff.blueprint import bp

__all__ = ["bp"]
