"""The safety net: a deliberate second look at texts that did not come out as emergencies.

The emergency checks (``emergency.py``) name hazards precisely, and every fresh set of
tenants' words has shown a few emergencies that they miss. The safety net trades some of
the allowed over-triage for recall: when the outcome is urgent or routine but the text
carries a strong hazard signal in a safety-critical area (security, water supply,
ceilings, electrics, gas, fire alarms, sewage, lifts), the outcome is raised to an
emergency, the raise is recorded in ``emergency_reasons`` so staff can see the net did
it, and the matching emergency check's question is asked. The policy, and how to tune
it, is in ``rules/README.md``; the nets are in ``rules/safety_net.yaml``.

A net reuses the emergency check's patterns (``all``, ``window``, ``unless``...), so a
negation ("no smell of gas") or contained phrasing ("caught in a bucket", "still locks")
is ruled out the same way. A net never lowers anything, and a tenant's "no" to the
matching check's question in the guided journey switches that net off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .decide import said_no
from .emergency import EmergencyDetector
from .model import Pattern, TriageOutcome


@dataclass(frozen=True)
class Net:
    """One safety-critical area: the words that raise it, and what to ask."""

    id: str
    description: str  # staff-only: why this area is worth a second look
    ask: str | None  # the emergency check whose question is asked
    question: str | None  # that check's question, reused word for word
    patterns: tuple[Pattern, ...]
    # Said anywhere in the message, these rule the net out. They are matched on the
    # cleaned text as written, stop words and all, because the contained or working
    # states are made of stop words: "still locks" would otherwise read as plain "lock".
    unless_said: re.Pattern[str] | None = None


def said_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for phrases as written: whole words, any spacing between them."""
    alternatives = [r"\s+".join(re.escape(w) for w in p.lower().split()) for p in phrases]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b")


class SafetyNet:
    def __init__(
        self,
        nets: tuple[Net, ...] = (),
        raise_from: frozenset[str] = frozenset(),
        reason_prefix: str = "",
        enabled: bool = False,
    ) -> None:
        self.nets = nets
        self.raise_from = raise_from
        self.reason_prefix = reason_prefix
        self.enabled = enabled and bool(nets)
        self._detector = EmergencyDetector(nets)  # type: ignore[arg-type]

    def catch(
        self,
        found: Mapping[int, list[int]],
        cleaned: str = "",
        answers: Mapping[str, str] | None = None,
        tokens: Sequence[str] = (),
    ) -> list[Net]:
        """The nets a text sets off, less any ruled out by what the tenant said.

        ``cleaned`` is the text from ``text.clean``; a tenant's "no" to a net's question
        in the guided journey also switches that net off.
        """
        if not self.enabled:
            return []
        answers = answers or {}
        return [
            n
            for n in self._detector.detect(found, tokens)
            if not (n.ask and said_no(answers.get(n.ask)))
            and not (n.unless_said and n.unless_said.search(cleaned))
        ]

    def apply(
        self,
        outcome: TriageOutcome,
        found: Mapping[int, list[int]],
        cleaned: str = "",
        answers: Mapping[str, str] | None = None,
        tokens: Sequence[str] = (),
    ) -> TriageOutcome:
        """The outcome raised to an emergency when a net catches it; else unchanged."""
        if not self.enabled or outcome.priority not in self.raise_from:
            return outcome
        caught = self.catch(found, cleaned, answers, tokens)
        if not caught:
            return outcome
        reasons = list(outcome.emergency_reasons)
        questions, ids = list(outcome.questions), list(outcome.question_ids)
        for net in caught:
            reasons.append(f"{self.reason_prefix}{net.description}")
            if net.question and net.ask and net.ask not in ids and net.question not in questions:
                questions.insert(0, net.question)
                ids.insert(0, net.ask)
        dispatch = "immediate" if outcome.dispatch == "appointment" else outcome.dispatch
        return replace(
            outcome,
            priority="emergency",
            hazard="awaab_emergency",
            dispatch=dispatch,
            emergency_reasons=tuple(reasons),
            questions=tuple(questions),
            question_ids=tuple(ids),
        )
