"""What every layer shares and none owns: the codes, the landlord's calendar and deadlines.

Imports nothing of the project, so the pure engines (``triage_rules``, ``scheduling``) and
the domain (``repairs``) can all use it without depending on one another.
"""
