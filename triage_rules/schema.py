"""The fixed vocabulary of the triage contract and the shape of each rule file.

The enumerations come from shared/contracts/triage.md: outside checks read them, so a
rule file may only use these values. The field tables drive validation in ``loader``.
"""

from __future__ import annotations

from common.codes import (
    HAZARD_RANK,
    PRIORITY_RANK,
    Category,
    Hazard,
    Priority,
    Trade,
    Vulnerability,
    values,
)

CATEGORIES = values(Category)
TRADES = values(Trade)
PRIORITIES = values(Priority)
HAZARDS = values(Hazard)
VULNERABILITIES = values(Vulnerability)
DISPATCH = ("immediate", "appointment", "none")
ELIGIBILITY = ("landlord", "tenant_responsibility", "not_eligible")

__all__ = ["HAZARD_RANK", "PRIORITY_RANK"]  # re-exported for the engine's modules

NUMBER = "number from 0 to 10"
STR, INT, BOOL, STR_LIST, MAP, LIST, FRACTION = (
    "text",
    "whole number",
    "true or false",
    "list of text",
    "mapping",
    "list",
    "number from 0 to 1",
)

# name: (kind, required, allowed values or None)
LEAF_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "label": (STR, True, None),
    "category": (STR, True, CATEGORIES),
    "priority": (STR, True, PRIORITIES),
    "trade": (STR, True, TRADES),
    "hazard": (STR, True, HAZARDS),
    "job_code": (STR, True, None),
    "duration": (INT, True, None),
    "dispatch": (STR, True, DISPATCH),
    "eligibility": (STR, True, ELIGIBILITY),
    "video_helpful": (BOOL, True, None),
    "safety_advice": (STR_LIST, False, None),
    "self_help": (STR_LIST, False, None),
    "questions": (STR_LIST, False, None),
    "tags": (STR_LIST, False, None),
    "symptoms": (STR_LIST, False, None),
    "phrases": (STR_LIST, False, None),
    "objects": (STR_LIST, False, None),
    "weak_objects": (STR_LIST, False, None),
    "exclude": (STR_LIST, False, None),
}
# Fields a location or problem may set once for all the leaves below it.
INHERITABLE = tuple(
    k
    for k in LEAF_FIELDS
    if k not in ("id", "label", "symptoms", "phrases", "questions", "weak_objects")
)
GROUP_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "label": (STR, True, None),
    "question": (STR, True, None),
    "objects": (STR_LIST, False, None),
    "weak_objects": (STR_LIST, False, None),
    "defaults": (MAP, False, None),
    "leaves": (LIST, True, None),
}
LOCATION_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "label": (STR, True, None),
    "words": (STR_LIST, False, None),
    "defaults": (MAP, False, None),
}
LOCATION_FILE_FIELDS = {
    "location": (MAP, True, None),
    "problems": (LIST, True, None),
}
EMERGENCY_CHECK_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "question": (STR, True, None),
    "leaf": (STR, True, None),
    "reason": (STR, True, None),
    "detect": (LIST, True, None),
    "ask_for": (STR_LIST, False, CATEGORIES),
    "also_leaves": (STR_LIST, False, None),
    "any_subject": (BOOL, False, None),
}
PATTERN_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "all": (LIST, True, None),
    "window": (INT, False, None),
    "unless": (STR_LIST, False, None),
    "unless_anywhere": (STR_LIST, False, None),
    "unless_window": (INT, False, None),
}
VULNERABILITY_RULE_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "description": (STR, True, None),
    "vulnerabilities": (STR_LIST, True, VULNERABILITIES),
    "tags": (STR_LIST, False, None),
    "categories": (STR_LIST, False, CATEGORIES),
    "priority": (STR, False, PRIORITIES),
    "hazard": (STR, False, HAZARDS),
}
VULNERABILITY_FILE_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "rules": (LIST, True, None),
    "cues": (MAP, False, None),
    "elderly_age": (INT, False, None),
}
SAFETY_NET_FILE_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "enabled": (BOOL, True, None),
    "raise_from": (STR_LIST, True, ("urgent", "routine")),
    "reason_prefix": (STR, True, None),
    "nets": (LIST, True, None),
}
SAFETY_NET_FIELDS: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "id": (STR, True, None),
    "description": (STR, True, None),
    "ask": (STR, False, None),
    "detect": (LIST, True, None),
    "unless_said": (STR_LIST, False, None),
}
