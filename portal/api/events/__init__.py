"""The field-events API at ``/api/v1`` (OpenAPI 3 at ``/api/v1/openapi.json``)."""

from portal.api.events import views  # noqa: F401  (registers the routes)
from portal.api.events.blueprint import bp

__all__ = ["bp"]
