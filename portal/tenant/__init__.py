"""The tenant's side: sign in with a code, report a repair, book, change or cancel it,
follow every repair, and set contact preferences."""

from portal.tenant import (  # noqa: F401  (each registers its routes)
    account,
    booking,
    changes,
    pages,
    presenting,
    repairs,
    report,
    report_photos,
    sign_in,
)
from portal.tenant.blueprint import bp

__all__ = ["bp"]
