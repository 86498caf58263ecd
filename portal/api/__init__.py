"""The machine-facing APIs: token-authenticated JSON, problem+json for every error.

``scheduling`` is the scheduling core's own API (``/scheduling/v1``); ``events`` takes
field events from a remote core or a works-management system (``/api/v1``).
"""
