"""The tenant's side: sign in, see the household's repairs, and (later) report and book."""

from portal.tenant import views  # noqa: F401  (registers the routes)
from portal.tenant.blueprint import bp

__all__ = ["bp"]
