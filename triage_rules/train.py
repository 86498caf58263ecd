"""Train the learnt ranker (``rules/ranker.json``) on the labelled development rows.

    python -m triage_rules.train [--cv] [--weights 0,3] [--out PATH]

Needs the ``train`` extra (scikit-learn, numpy); the engine that uses the file does not.
Reads the team's development sets and the real tenants' development words under
tests/data, never a held-out file: the team's last private set (G) and the real held-out
words are refused by name. ``--cv`` measures, on the real development words, the whole
engine with and without the ranker under cross-validation grouped by source (a source's
rows are all in one fold), for each ranker weight given (by default 0 and the weight in
``settings.yaml``, so the figures are the shipped engine's), and writes nothing. Beside the
ranker it trains the emergency model (emergency or not, on the same features) that marks
outcomes uncertain.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from .engine import RuleSet
from .loader import BUNDLED, load_ruleset
from .ranker import FILE, FORMAT, Ranker, features
from .schema import HAZARD_RANK
from .text import clean

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TEAM = sorted(DATA.glob("triage_*.jsonl"))
# dev.jsonl, dev_more.jsonl and any later gathering (dev_*.jsonl); never holdout.jsonl.
REAL = sorted((DATA / "real_words").glob("dev*.jsonl"))
HELD_OUT = (
    "triage_holdout_g.jsonl",
    "holdout.jsonl",
    "holdout_2.jsonl",
    "holdout_3.jsonl",
    "holdout_4.jsonl",
)
# Real words are what the ranker is for; the team's sets teach it the rules' vocabulary.
REAL_WEIGHT = 1.0
TEAM_WEIGHT = 1.0
C = 10.0  # inverse regularisation, chosen by the grouped cross-validation (3 until pass 12)
EMERGENCY_C = 3.0  # the same for the emergency model
MIN_DF = 2  # a feature seen in one description only is noise
DIGITS = 2  # weights are rounded to this many places in the file
PRUNE = 0.05  # a feature whose every weight is smaller than this is left out
FOLDS = 5


def _rows(path: Path) -> list[dict]:
    if path.name in HELD_OUT:
        raise SystemExit(f"refusing to train on a held-out file: {path}")
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def source_group(url: str) -> str:
    """Rows of one source land in one fold: an Ombudsman decision by its number."""
    number = re.search(r"(?<!\d)(20\d{7})(?!\d)", url)
    if number and re.search(r"housing-ombudsman|civiccomputing", url):
        return "HOS:" + number.group(1)
    parts = urlsplit(url)
    host = re.sub(r"^(www|amp|m)\.", "", parts.netloc.lower())
    return host + parts.path.rstrip("/").replace("/amp/", "/")


def _tokens(ruleset: RuleSet, text: str) -> list[str]:
    return ruleset._index.normaliser.tokens_of_clean(clean(text))


def fit(ruleset: RuleSet, rows: list[dict], weights: list[float]) -> Ranker:
    """A ranker fitted on ``rows`` (dicts with ``text`` and ``category``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = [features(_tokens(ruleset, r["text"])) for r in rows]
    vectoriser = TfidfVectorizer(
        analyzer=lambda doc: doc, sublinear_tf=True, min_df=MIN_DF, norm="l2"
    )
    matrix = vectoriser.fit_transform(docs)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(matrix, [r["category"] for r in rows], sample_weight=weights)
    names = vectoriser.get_feature_names_out()
    idf, table = {}, {}
    for j, name in enumerate(names):
        row = [round(float(w), DIGITS) for w in model.coef_[:, j]]
        if max(abs(w) for w in row) >= PRUNE:
            table[str(name)] = row
            idf[str(name)] = round(float(vectoriser.idf_[j]), DIGITS)
    classes = [str(c) for c in model.classes_]
    intercept = [round(float(b), DIGITS) for b in model.intercept_]
    # The emergency model: the same features, emergency or not, to mark uncertain.
    binary = LogisticRegression(C=EMERGENCY_C, max_iter=5000)
    binary.fit(matrix, [r["priority"] == "emergency" for r in rows], sample_weight=weights)
    emergency = {}
    for j, name in enumerate(names):
        w = round(float(binary.coef_[0, j]), DIGITS)
        if abs(w) >= PRUNE:
            emergency[str(name)] = w
            idf[str(name)] = round(float(vectoriser.idf_[j]), DIGITS)
    usual = usual_leaves(ruleset, rows)
    about = {
        "rows": len(rows),
        "features": len(table),
        "C": C,
        "min_df": MIN_DF,
        "trained_on": [p.name for p in TEAM if p.name not in HELD_OUT]
        + [p.name for p in REAL if p.exists()],
    }
    return Ranker(
        classes,
        idf,
        table,
        intercept,
        usual,
        about,
        (round(float(binary.intercept_[0]), DIGITS), emergency),
    )


def usual_leaves(ruleset: RuleSet, rows: list[dict]) -> dict[str, str]:
    """Each category's usual leaf: the leaf the rule files tag ``general``, else the one
    the rules alone most often chose for it.

    Only a leaf the ranker may offer on its own word (not an emergency, not a leaf only
    an emergency check may declare) counts; a category the rules never got right takes
    the first such leaf in the rule files.
    """
    plain = ruleset.with_ranker(None)

    def offerable(leaf) -> bool:
        return leaf.priority != "emergency" and "needs_check" not in leaf.tags

    chosen: dict[str, Counter] = {}
    for r in rows:
        outcome = plain.classify(r["text"], r.get("vulnerabilities", []))
        right = outcome.problem and outcome.category == r["category"]
        if right and offerable(ruleset.leaf(outcome.problem)):
            chosen.setdefault(r["category"], Counter())[outcome.problem] += 1
    usual = {c: counts.most_common(1)[0][0] for c, counts in chosen.items()}
    usual.update(ruleset.general_leaves)  # the rule files' own choice comes first
    for leaf in ruleset.leaves:
        if leaf.category != "other" and offerable(leaf):
            usual.setdefault(leaf.category, leaf.id)
    return dict(sorted(usual.items()))


def _training_rows() -> tuple[list[dict], list[float], list[dict]]:
    team = [r for path in TEAM if path.name not in HELD_OUT for r in _rows(path)]
    real = [r for path in REAL for r in _rows(path)]
    rows = team + real
    weights = [TEAM_WEIGHT] * len(team) + [REAL_WEIGHT] * len(real)
    return rows, weights, real


def _dump(ranker: Ranker) -> str:
    doc = {
        "format": FORMAT,
        "about": ranker.about,
        "classes": list(ranker.classes),
        "intercept": list(ranker.intercept),
        "usual_leaf": ranker.usual_leaf,
        "idf": ranker.idf,
        "weights": {k: list(v) for k, v in ranker.weights.items()},
    }
    if ranker.emergency is not None:
        doc["emergency"] = {"intercept": ranker.emergency[0], "weights": ranker.emergency[1]}
    return json.dumps(doc, separators=(",", ":"), sort_keys=False) + "\n"


def measure(ruleset: RuleSet, rows: list[dict]) -> dict[str, tuple[int, int]]:
    """The README's figures for ``rows`` under ``ruleset``, as (right, out of)."""
    outs = [ruleset.classify(r["text"], r.get("vulnerabilities", [])) for r in rows]
    pairs = list(zip(outs, rows, strict=True))
    emergencies = [o for o, r in pairs if r["priority"] == "emergency"]
    routine = [o for o, r in pairs if r["priority"] == "routine"]
    hazards = [(o, r) for o, r in pairs if r["hazard"] != "none"]
    return {
        "category": (sum(o.category == r["category"] for o, r in pairs), len(pairs)),
        "trade": (sum(o.trade == r["trade"] for o, r in pairs), len(pairs)),
        "candidates": (
            sum(
                r["category"] in {o.category} | {c.category for c in o.candidates} for o, r in pairs
            ),
            len(pairs),
        ),
        "emergency_recall": (
            sum(o.priority == "emergency" for o in emergencies),
            len(emergencies),
        ),
        "hazard_recall": (
            sum(HAZARD_RANK[o.hazard] <= HAZARD_RANK[r["hazard"]] for o, r in hazards),
            len(hazards),
        ),
        "over_triage": (sum(o.priority == "emergency" for o in routine), len(routine)),
        # The safety promise in full: raised, or the channel asks the emergency questions.
        "caught_or_asked": (
            sum(o.priority == "emergency" or o.uncertain for o in emergencies),
            len(emergencies),
        ),
        "others_asked": (
            sum(o.uncertain for o, r in pairs if r["priority"] != "emergency"),
            sum(r["priority"] != "emergency" for r in rows),
        ),
        # ...and with the second look: a person reads what nobody asked about (review).
        "caught_asked_or_read": (
            sum(o.priority == "emergency" or o.uncertain or o.review for o in emergencies),
            len(emergencies),
        ),
        "others_read": (
            sum(o.review for o, r in pairs if r["priority"] != "emergency"),
            sum(r["priority"] != "emergency" for r in rows),
        ),
    }


def cross_validate(ruleset: RuleSet, weights_to_try: list[float]) -> None:
    from sklearn.model_selection import GroupKFold

    rows, weights, real = _training_rows()
    team_n = len(rows) - len(real)
    groups = [source_group(r["source"]) for r in real]
    results: dict[float, list[dict]] = {w: [] for w in weights_to_try}
    for train_idx, test_idx in GroupKFold(FOLDS).split(real, groups=groups):
        keep = set(train_idx)
        fold_rows = rows[:team_n] + [real[i] for i in sorted(keep)]
        fold_weights = weights[:team_n] + [REAL_WEIGHT] * len(keep)
        ranker = fit(ruleset, fold_rows, fold_weights)
        test = [real[i] for i in test_idx]
        for w in weights_to_try:
            results[w].append(measure(ruleset.with_ranker(ranker, w), test))
    print(f"grouped {FOLDS}-fold cross-validation on {len(real)} real development rows")
    for w, parts in results.items():
        figures = {
            k: sum(m[k][0] for m in parts) / max(1, sum(m[k][1] for m in parts)) for k in parts[0]
        }
        shown = "  ".join(f"{k} {v:6.1%}" for k, v in figures.items())
        print(f"  ranker weight {w:4.2f}: {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage_rules.train")
    parser.add_argument("--cv", action="store_true", help="cross-validate, write nothing")
    parser.add_argument(
        "--weights", help="ranker weights to cross-validate (default: 0 and settings.yaml's)"
    )
    parser.add_argument("--out", default=str(BUNDLED / FILE))
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    if args.cv:
        shipped = f"0,{ruleset.settings.ranker_weight:g}"
        cross_validate(ruleset, [float(w) for w in (args.weights or shipped).split(",")])
        return 0
    rows, weights, _ = _training_rows()
    ranker = fit(ruleset, rows, weights)
    Path(args.out).write_text(_dump(ranker), encoding="utf-8")
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {len(rows)} rows, {len(ranker.weights)} features, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
