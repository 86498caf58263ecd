"""The contact-centre side: staff sign in with a password; roles decide what they see."""

from portal.staff import views  # noqa: F401  (registers the routes)
from portal.staff.blueprint import bp

__all__ = ["bp"]
