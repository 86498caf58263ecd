"""Reporting a repair, step by step: the forms, the draft and the order of the steps.

Shared by every web journey that reports a repair: the tenant's own (``portal.tenant``)
and, later, a member of staff raising one on a tenant's behalf. The pages are partials
under ``templates/repairs/journey/``, each given its form and the URL it posts to.
"""
