"""What emergency recall would cost if the learnt emergency model could raise emergencies.

    python bench/bench_triage_raise.py

The shipped engine never lets a learnt model raise an emergency: the rule files are the
authority (issue 14), and the model only makes the channel ask the emergency questions
(``uncertain``) or puts the words before a person (``review``). This prints, for a range
of thresholds, what would follow if words the model finds at least that likely to be an
emergency's were raised: emergency recall, routine raised to emergency (the issue's
over-triage aim), urgent raised to emergency (not in the aims, but each is a job sent
within hours), and the share of all reports that would go as emergencies. Nothing here
is shipped; the figures are for the landlord deciding whether to allow it.

The real held-out words (tests/data/real_words/holdout*.jsonl) are scored pooled with the
shipped rules, totals only. The real development words are scored under the grouped
cross-validation of ``python -m triage_rules.train --cv`` (retrained in every fold), when
scikit-learn (the ``train`` extra) is installed.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage_rules import load_ruleset  # noqa: E402
from triage_rules.engine import RuleSet  # noqa: E402

REAL = ROOT / "tests/data/real_words"
HELD_OUT = ["holdout.jsonl", "holdout_2.jsonl", "holdout_3.jsonl", "holdout_4.jsonl"]
THRESHOLDS = (0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1)

# (label's priority, engine's priority, how likely the model finds an emergency,
#  category right, the row's note says the label rests on something outside the words)
Scored = tuple[str, str, float, bool, bool]
# How the gatherers note that the problem, the danger or the household is known from the
# article and not from the quoted words ("lift not named in these words", "per article").
# A reading of free-text notes, so approximate: it also takes rows whose words tell the
# emergency but whose article adds a household the words do not name.
OUTSIDE_THE_WORDS = re.compile(
    r"not named|not in (these|the) words|not in (the )?text|not described|per article"
    r"|\(article|article\)|from context|preceding sentence|only in the article"
    r"|the words give|only imply|not stated",
    re.IGNORECASE,
)


def _rows(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def scored(ruleset: RuleSet, rows: Iterable[dict]) -> list[Scored]:
    out = []
    for row in rows:
        outcome = ruleset.classify(row["text"], row.get("vulnerabilities", []))
        likely = ruleset.emergency_likelihood(row["text"])
        outside = bool(OUTSIDE_THE_WORDS.search(row.get("note", "")))
        right = outcome.category == row["category"]
        out.append((row["priority"], outcome.priority, likely, right, outside))
    return out


def report(title: str, rows: list[Scored]) -> None:
    def share(label: str | None, raised: Callable[[Scored], bool]) -> str:
        chosen = [r for r in rows if label is None or r[0] == label]
        return f"{sum(map(raised, chosen)) / max(1, len(chosen)):6.1%}"

    emergencies = sum(r[0] == "emergency" for r in rows)
    print(f"\n== {title}: {len(rows)} rows, {emergencies} labelled emergencies")
    print("  raised when the model finds      emergency  routine  urgent   all rows")
    print("                                   recall     raised   raised   raised")
    for t in (None, *THRESHOLDS):

        def raised(r: Scored, t=t) -> bool:
            return r[1] == "emergency" or (t is not None and r[2] >= t)

        name = "never (shipped: the rules only)" if t is None else f"at least {t:.2f}"
        print(
            f"  {name:32} {share('emergency', raised)}    {share('routine', raised)}"
            f"   {share('urgent', raised)}   {share(None, raised)}"
        )


def cross_validated(ruleset: RuleSet) -> list[Scored]:
    from sklearn.model_selection import GroupKFold

    from triage_rules.train import FOLDS, REAL_WEIGHT, _training_rows, fit, source_group

    rows, weights, real = _training_rows()
    team = len(rows) - len(real)
    groups = [source_group(r["source"]) for r in real]
    out: list[Scored] = []
    for train, test in GroupKFold(FOLDS).split(real, groups=groups):
        keep = sorted(train)
        ranker = fit(
            ruleset,
            rows[:team] + [real[i] for i in keep],
            weights[:team] + [REAL_WEIGHT] * len(keep),
        )
        out += scored(ruleset.with_ranker(ranker), [real[i] for i in test])
    return out


def outside_the_words(rows: list[Scored]) -> None:
    """Emergency recall and category split by whether the note points outside the words."""

    def line(name: str, chosen: list[Scored]) -> None:
        emergencies = [r for r in chosen if r[0] == "emergency"]
        caught = sum(r[1] == "emergency" for r in emergencies)
        right = sum(r[3] for r in chosen)
        print(
            f"  {name:44} emergencies caught {caught} of {len(emergencies)}"
            f" ({caught / max(1, len(emergencies)):.1%}),"
            f" category {right / max(1, len(chosen)):.1%} of {len(chosen)} rows"
        )

    print("  by the row's note (shipped setting, nothing raised by the model):")
    line("the note says the label rests on the article", [r for r in rows if r[4]])
    line("the rest", [r for r in rows if not r[4]])


def main() -> int:
    ruleset = load_ruleset()
    held_out = [row for name in HELD_OUT for row in _rows(REAL / name)]
    report(
        "real held-out words, the four sets pooled (shipped rules and ranker)",
        scored(ruleset, held_out),
    )
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("\n(scikit-learn not installed: `make train-triage` installs it)")
        return 0
    development = cross_validated(ruleset)
    report("real development words, grouped 5-fold cross-validation", development)
    outside_the_words(development)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
