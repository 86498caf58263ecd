"""Reporting a repair, step by step: the forms, the draft, the order of the steps, and the
views themselves, written once against a journey host (``host.Host``).

Shared by every web journey that reports a repair: the tenant's own (``portal.tenant``)
and a member of staff raising one on a tenant's behalf (``portal.staff``). The pages are
partials under ``templates/repairs/journey/``, each given its form and the URL it posts to.
"""
