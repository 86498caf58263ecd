"""The learnt ranker: how likely each category is, from the words, to order candidates.

A linear model (multinomial logistic regression over TF-IDF weighted words and word
pairs, the words as the rule set reads them) trained on the labelled development
descriptions by ``python -m triage_rules.train`` (``make train-triage``) and shipped as
plain data in ``rules/ranker.json``: no learning library is needed to use it.

It only ranks. The engine adds its category probabilities to the leaves' rule scores
(``classifier: ranker_weight`` in ``settings.yaml``, 0 switches it off), so it can reorder
candidates and choose between readings, but it never declares or lowers an emergency, a
hazard or a vulnerability raise: those stay with the rule files (rules/README.md,
"The learnt ranker").

Beside the categories it may carry a second, binary model over the same features: how
likely the words are to describe an emergency. The engine uses it only to mark an outcome
``uncertain`` (the channel then asks the emergency questions itself); it never makes
anything an emergency.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping, Sequence
from operator import mul
from pathlib import Path

from .schema import CATEGORIES
from .text import BOUNDARY
from .yamlsrc import RuleFileError

FILE = "ranker.json"
FORMAT = 1


class Ranker:
    """Category probabilities for a text's stemmed words."""

    def __init__(
        self,
        classes: Sequence[str],
        idf: Mapping[str, float],
        weights: Mapping[str, Sequence[float]],
        intercept: Sequence[float],
        usual_leaf: Mapping[str, str],
        about: Mapping[str, object],
        emergency: tuple[float, Mapping[str, float]] | None = None,
    ) -> None:
        self.classes = tuple(classes)
        self.idf = dict(idf)
        self.weights = {k: tuple(v) for k, v in weights.items()}
        self.intercept = tuple(intercept)
        # The leaf a category stands for when the words name none of its leaves.
        self.usual_leaf = dict(usual_leaf)
        self.about = dict(about)
        # (intercept, weight of each feature) of the emergency model, or None.
        self.emergency = (emergency[0], dict(emergency[1])) if emergency else None

    def shares(self, tokens: Sequence[str]) -> dict[str, float]:
        """The text's known features with their TF-IDF values, scaled to length 1: what
        both models read. Empty when no word is known to the ranker."""
        counts: dict[str, int] = {}
        idf = self.idf
        for feature in features(tokens):
            if feature in idf:
                counts[feature] = counts.get(feature, 0) + 1
        values = {f: (1.0 + math.log(n)) * idf[f] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {f: v / norm for f, v in values.items()}

    def probabilities(self, tokens: Sequence[str]) -> dict[str, float]:
        """Each category's probability; nothing when no word is known to the ranker, so
        an empty or foreign message stays "other" rather than the commonest category."""
        return self.probabilities_of(self.shares(tokens))

    def probabilities_of(self, shares: Mapping[str, float]) -> dict[str, float]:
        """``probabilities`` from the text's ``shares``, read once for both models."""
        if not shares:
            return {}
        weights = self.weights
        rows, values = [], []
        for feature, share in shares.items():
            row = weights.get(feature)
            if row is not None:
                rows.append(row)
                values.append(share)
        # One class at a time over the text's features: the sums run in C (map, sum),
        # several times faster than adding whole rows in Python.
        columns = zip(*rows, strict=True) if rows else ((),) * len(self.intercept)
        totals = [
            sum(map(mul, column, values), b)  # from the intercept, as the model adds
            for b, column in zip(self.intercept, columns, strict=True)
        ]
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        whole = sum(exps)
        return {c: e / whole for c, e in zip(self.classes, exps, strict=True)}

    def emergency_likelihood(self, tokens: Sequence[str]) -> float:
        """How likely the words are to describe an emergency, by the learnt model: 0 when
        the file carries none or no word is known to it."""
        return self.emergency_of(self.shares(tokens))

    def emergency_of(self, shares: Mapping[str, float]) -> float:
        """``emergency_likelihood`` from the text's ``shares``."""
        if self.emergency is None or not shares:
            return 0.0
        intercept, weights = self.emergency
        total = intercept + sum(share * weights.get(f, 0.0) for f, share in shares.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, total))))


def features(tokens: Sequence[str]) -> list[str]:
    """The ranker's features: each word, and each pair of neighbouring words.

    Training (``train.py``) reads texts through this same function, so the model and the
    runtime can never disagree about what a feature is.
    """
    out = [t for t in tokens if t != BOUNDARY]
    out += [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if BOUNDARY not in (a, b)]
    return out


def read_ranker(folder: Path, shown: str, leaf_ids: Collection[str]) -> tuple[Ranker, bytes] | None:
    """The ranker of a rules folder and its bytes (for the version), or None without one.

    A malformed file stops the start like a malformed rule file.
    """
    path = folder / FILE
    if not path.is_file():
        return None
    raw = path.read_bytes()
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise RuleFileError(shown, None, f"not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RuleFileError(shown, None, f"a ranker file must be an object with format {FORMAT}")
    try:
        classes = [str(c) for c in doc["classes"]]
        idf = {str(k): float(v) for k, v in doc["idf"].items()}
        weights = {str(k): [float(w) for w in v] for k, v in doc["weights"].items()}
        intercept = [float(v) for v in doc["intercept"]]
        usual = {str(k): str(v) for k, v in doc.get("usual_leaf", {}).items()}
        emergency = _emergency(doc.get("emergency"))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleFileError(shown, None, f"malformed ranker: {exc!r}") from exc
    unknown = sorted(set(classes) - set(CATEGORIES))
    if unknown:
        raise RuleFileError(shown, None, f"unknown categories {unknown}")
    if len(intercept) != len(classes) or any(len(v) != len(classes) for v in weights.values()):
        raise RuleFileError(shown, None, "every weight row needs one number per class")
    if set(weights) - set(idf) or (emergency and set(emergency[1]) - set(idf)):
        raise RuleFileError(shown, None, "every weighted feature needs its idf")
    missing = sorted(set(usual.values()) - set(leaf_ids))
    if missing:
        raise RuleFileError(shown, None, f"usual_leaf names unknown leaves {missing}")
    ranker = Ranker(classes, idf, weights, intercept, usual, doc.get("about", {}), emergency)
    return ranker, raw


def _emergency(block: object) -> tuple[float, dict[str, float]] | None:
    """The emergency model of a ranker file: ``{"intercept": b, "weights": {f: w}}``."""
    if block is None:
        return None
    weights = {str(k): float(v) for k, v in block["weights"].items()}
    return float(block["intercept"]), weights
