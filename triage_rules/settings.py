"""The settings file: targets, Awaab's Law timings, the journey's order and wording."""

from __future__ import annotations

from .model import Settings
from .schema import FRACTION, INT, MAP, NUMBER, STR, STR_LIST
from .validate import check_fields, check_value, expect_list, expect_map
from .yamlsrc import LMap, RuleFileError

_SECTIONS = {
    "targets": (MAP, True, None),
    "awaab": (MAP, True, None),
    "classifier": (MAP, True, None),
    "questions": (MAP, True, None),
    "uncertain": (MAP, False, None),
    "review": (MAP, False, None),
    "locations": (STR_LIST, True, None),
    "job_code_overrides": (MAP, False, None),
}
_TARGETS = {
    "emergency_hours": (INT, True, None),
    "urgent_working_days": (INT, True, None),
    "routine_working_days": (INT, True, None),
}
_AWAAB = {
    "investigate_working_days": (INT, True, None),
    "written_summary_working_days": (INT, True, None),
    "safety_work_working_days": (INT, True, None),
    "preventative_work_weeks": (INT, True, None),
    "emergency_hours": (INT, True, None),
}
_UNCERTAIN = {
    "long_words": (INT, True, None),
    "several_problems": (INT, True, None),
    "low_confidence": (FRACTION, True, None),
    "emergency_likely": (FRACTION, False, None),
}
_REVIEW = {"emergency_likely": (FRACTION, True, None)}
_QUESTIONS = {
    "location": (STR, True, None),
    "problem": (STR, True, None),
    "other": (STR_LIST, True, None),
}


def read_settings(doc: object, file: str) -> tuple[Settings, list[tuple[str, int]], dict[str, int]]:
    """The settings, the location files in journey order, and each override's line."""
    doc = expect_map(doc, file, "the settings file", 1)
    check_fields(doc, _SECTIONS, file, "the settings file")
    targets, awaab = doc["targets"], doc["awaab"]
    check_fields(targets, _TARGETS, file, "targets")
    check_fields(awaab, _AWAAB, file, "awaab")
    questions = doc["questions"]
    check_fields(questions, _QUESTIONS, file, "questions")
    classifier = doc["classifier"]
    check_fields(
        classifier,
        {
            "confident": (FRACTION, True, None),
            "ranker_weight": (NUMBER, False, None),
            "ranker_guess": (FRACTION, False, None),
        },
        file,
        "classifier",
    )
    weight = classifier.get("ranker_weight", 0)
    uncertain = _uncertain(doc.get("uncertain"), file)
    review = doc.get("review")
    if review is not None:
        check_fields(review, _REVIEW, file, "review")
    overrides = expect_map(
        doc.get("job_code_overrides", LMap()), file, "job_code_overrides", doc.line
    )
    for key, value in overrides.items():
        check_value(value, STR, None, file, overrides.lines[key], key)
    locations = expect_list(doc["locations"], file, "locations", doc.lines["locations"])
    settings = Settings(
        emergency_hours=targets["emergency_hours"],
        urgent_working_days=targets["urgent_working_days"],
        routine_working_days=targets["routine_working_days"],
        awaab_investigate_working_days=awaab["investigate_working_days"],
        awaab_summary_working_days=awaab["written_summary_working_days"],
        awaab_safety_work_working_days=awaab["safety_work_working_days"],
        awaab_preventative_weeks=awaab["preventative_work_weeks"],
        awaab_emergency_hours=awaab["emergency_hours"],
        confident=float(classifier["confident"]),
        ranker_weight=float(weight),
        ranker_guess=float(classifier.get("ranker_guess", 0)),
        **uncertain,
        review_emergency_likely=float(review["emergency_likely"]) if review else 0.0,
        location_question=questions["location"],
        problem_question=questions["problem"],
        other_questions=tuple(questions["other"]),
        job_code_overrides=dict(overrides),
    )
    order = list(zip(locations, locations.lines, strict=True))
    return settings, order, dict(overrides.lines) if overrides else {}


def _uncertain(section: object, file: str) -> dict:
    """The thresholds of an uncertain outcome; the defaults when the section is absent."""
    if section is None:
        return {}
    check_fields(section, _UNCERTAIN, file, "uncertain")
    if section["long_words"] < 1:
        raise RuleFileError(file, section.lines["long_words"], "long_words must be at least 1")
    if section["several_problems"] < 2:
        raise RuleFileError(
            file, section.lines["several_problems"], "several_problems must be at least 2"
        )
    return {
        "uncertain_long_words": section["long_words"],
        "uncertain_several_problems": section["several_problems"],
        "uncertain_low_confidence": float(section["low_confidence"]),
        "uncertain_emergency_likely": float(section.get("emergency_likely", 0)),
    }
