"""The scheduling core's HTTP API, version 1, at ``/scheduling/v1``.

Token-authenticated (``Authorization: Bearer ...``, tokens from ``flask scheduling token
create NAME``), JSON in and out, problem+json for every error. The API always serves the
embedded core: a server is the core, never a proxy to another one.
"""

from portal.api.scheduling import views  # noqa: F401  (registers the routes)
from portal.api.scheduling.blueprint import bp

__all__ = ["bp"]
