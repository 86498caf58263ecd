"""The repairs domain: models, services, messaging and the audit trail.

Kept free of imports here so that pure engines (``triage_rules``, ``scheduling``) can use
``repairs.working_days`` without pulling in Flask or the database.
"""
