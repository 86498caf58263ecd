"""The repairs domain: models, the lifecycle, the audit trail, messaging and the services."""
