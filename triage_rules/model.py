"""The values the engine works with: leaves of the catalogue, checks, rules, outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from common.deadlines import Targets

# shared/contracts/triage.md, in its order
CONTRACT_KEYS = (
    "category",
    "priority",
    "hazard",
    "trade",
    "problem",
    "confidence",
    "questions",
    "candidates",
    "uncertain",
)


@dataclass(frozen=True)
class Leaf:
    """One answer to "Which best describes it?": everything needed to raise the job."""

    id: str
    label: str
    location: str
    group: str
    category: str
    priority: str
    trade: str
    hazard: str
    job_code: str
    duration_minutes: int
    dispatch: str
    eligibility: str
    video_helpful: bool
    safety_advice: tuple[str, ...] = ()
    self_help: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    tags: frozenset[str] = frozenset()
    order: int = 0


@dataclass(frozen=True)
class Group:
    """One answer to "What is the problem?" inside a location."""

    id: str
    label: str
    question: str
    location: str
    leaves: tuple[str, ...]


@dataclass(frozen=True)
class Location:
    id: str
    label: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    """Every slot must be named in the text, within ``window`` words of the first."""

    slots: tuple[frozenset[int], ...]
    window: int | None
    unless: frozenset[int]
    unless_anywhere: frozenset[int] = frozenset()
    unless_window: int | None = None


@dataclass(frozen=True)
class EmergencyCheck:
    id: str
    question: str
    leaf: str
    reason: str
    patterns: tuple[Pattern, ...]
    ask_for: frozenset[str]
    # The same emergency as another category's job ("rain pouring in" is the roof's
    # flood): the words decide which of these and ``leaf`` is sent.
    also: tuple[str, ...] = ()
    # A danger, not a subject (a flood, a collapse, bare wires): the words' own subject
    # may be the job when the ranker is sure of it (decide.subject_of).
    any_subject: bool = False


@dataclass(frozen=True)
class VulnerabilityRule:
    id: str
    description: str
    vulnerabilities: frozenset[str]
    tags: frozenset[str]
    categories: frozenset[str]
    priority: str | None
    hazard: str | None


@dataclass(frozen=True)
class Settings:
    emergency_hours: int = 24
    urgent_working_days: int = 5
    routine_working_days: int = 20
    awaab_investigate_working_days: int = 10
    awaab_summary_working_days: int = 3
    awaab_safety_work_working_days: int = 5
    awaab_preventative_weeks: int = 12
    awaab_emergency_hours: int = 24
    confident: float = 0.55
    # How much the learnt ranker's category probability adds to a leaf's rule score;
    # 0 switches the ranker off (rules/README.md, "The learnt ranker").
    ranker_weight: float = 0.0
    # How sure the ranker must be to name the category of words no rule read; 0: never.
    ranker_guess: float = 0.0
    # When a channel should ask the emergency questions rather than trust the text
    # (rules/README.md, "Uncertain outcomes").
    uncertain_long_words: int = 30
    uncertain_several_problems: int = 2
    uncertain_low_confidence: float = 0.4
    # The learnt emergency model's likelihood from which a reading that is not an
    # emergency is uncertain all the same; 0 switches it off.
    uncertain_emergency_likely: float = 0.0
    # ...and from which a reading nobody is asked about is read by a person all the same
    # (rules/README.md, "A second look by a person"); 0 switches it off.
    review_emergency_likely: float = 0.0
    location_question: str = "Which room or area is the problem in?"
    problem_question: str = "Which of these best describes the problem?"
    other_questions: tuple[str, ...] = ()
    job_code_overrides: dict[str, str] = field(default_factory=dict)

    @property
    def targets(self) -> Targets:
        """The landlord's targets, as ``common.deadlines`` computes with them."""
        return Targets(
            emergency_hours=self.emergency_hours,
            urgent_working_days=self.urgent_working_days,
            routine_working_days=self.routine_working_days,
            awaab_investigate_working_days=self.awaab_investigate_working_days,
            awaab_summary_working_days=self.awaab_summary_working_days,
            awaab_safety_work_working_days=self.awaab_safety_work_working_days,
            awaab_preventative_weeks=self.awaab_preventative_weeks,
            awaab_emergency_hours=self.awaab_emergency_hours,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One answer to "Is it one of these?": a leaf the words point to.

    ``priority`` is the leaf's own priority after the household's vulnerability rules;
    ``score`` is the matcher's evidence for it (0 when no words of it were found, as
    when an emergency check chose it).
    """

    problem: str
    category: str
    priority: str
    score: float

    def to_dict(self) -> dict:
        return {
            "problem": self.problem,
            "category": self.category,
            "priority": self.priority,
            "score": self.score,
        }


@dataclass(frozen=True)
class TriageOutcome:
    category: str
    priority: str
    hazard: str
    trade: str
    problem: str | None
    confidence: float
    questions: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    job_code: str | None
    duration_minutes: int | None
    dispatch: str
    safety_advice: tuple[str, ...]
    self_help: tuple[str, ...]
    eligibility: str
    video_helpful: bool
    emergency_reasons: tuple[str, ...]
    ruleset_version: str
    question_ids: tuple[str, ...] = ()
    vulnerability_rules: tuple[str, ...] = ()
    uncertain: bool = False
    # Not in the batch contract: a person should read the words for a hidden emergency
    # (never set on an emergency, nor with ``uncertain``, where the channel asks).
    review: bool = False

    def to_contract_dict(self) -> dict:
        """Exactly the keys of the batch contract, in its order."""
        return {
            "category": self.category,
            "priority": self.priority,
            "hazard": self.hazard,
            "trade": self.trade,
            "problem": self.problem,
            "confidence": round(self.confidence, 3),
            "questions": list(self.questions),
            "candidates": [c.to_dict() for c in self.candidates],
            "uncertain": self.uncertain,
        }
