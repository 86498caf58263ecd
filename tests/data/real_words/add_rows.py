#!/usr/bin/env python3
"""Check gathered rows and append the acceptable ones to a development file.

    python3 tests/data/real_words/add_rows.py CANDIDATES.jsonl OUT.jsonl
    python3 tests/data/real_words/add_rows.py --fresh CANDIDATES.jsonl OUT.jsonl

With ``--fresh`` OUT is a new held-out set: a candidate is also refused when its source is
any development row's source, and no text of the corpus is ever printed.

A candidate is refused, with the reason printed, when a field is missing or outside the
vocabulary of ``../shared/contracts/triage.md``; when ``hazard`` is not ``awaab_emergency``
exactly when ``priority`` is ``emergency``; when any of its source keys (those of
``split.py``, so an Ombudsman decision by its number under any host) is a held-out
source's key; or when its text is a near-duplicate (``split.py``'s test) of a row already
in ``holdout.jsonl``, ``dev.jsonl``, ``dev_more.jsonl``, any other ``dev_*.jsonl`` or OUT.
Held-out texts are compared but never printed: a refusal only says that one matched.
"""

import json
import sys
from pathlib import Path

from split import FIELDS, is_near_dup, norm, source_keys

HERE = Path(__file__).resolve().parent
CATEGORIES = {
    "gas", "heating_hot_water", "water_supply", "water_leak", "drainage", "toilet_bathroom",
    "electrical", "damp_mould", "roof_gutters", "windows", "doors_locks", "kitchen",
    "walls_floors_ceilings", "pests", "communal", "fire_safety", "external", "other",
}  # fmt: skip
TRADES = {
    "gas_engineer", "plumber", "electrician", "carpenter", "roofer", "glazier", "plasterer",
    "pest_control", "general_operative", "surveyor", "lift_engineer", "locksmith",
}  # fmt: skip
PRIORITIES = {"emergency", "urgent", "routine"}
HAZARDS = {"awaab_emergency", "awaab_significant", "none"}
VULNERABILITIES = {
    "elderly", "infant", "disability", "medical_equipment", "mental_health", "pregnancy",
}  # fmt: skip
KINDS = {"ombudsman", "news", "forum", "landlord", "charity", "other"}


def read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def problem(row: dict) -> str | None:
    for field in ("text", "category", "priority", "hazard", "trade", "source", "source_kind"):
        if not row.get(field):
            return f"{field} missing"
    checks = [
        ("category", CATEGORIES),
        ("priority", PRIORITIES),
        ("hazard", HAZARDS),
        ("trade", TRADES),
        ("source_kind", KINDS),
    ]
    for field, allowed in checks:
        if row[field] not in allowed:
            return f"{field} {row[field]!r} is not in the vocabulary"
    unknown = set(row.get("vulnerabilities", [])) - VULNERABILITIES
    if unknown:
        return f"unknown vulnerabilities {sorted(unknown)}"
    if (row["priority"] == "emergency") != (row["hazard"] == "awaab_emergency"):
        return "hazard must be awaab_emergency exactly when priority is emergency"
    return None


class Known:
    """Texts already in the corpus, to refuse near-duplicates."""

    def __init__(self) -> None:
        self.items: list[tuple[str, set[str], bool]] = []

    def add(self, text: str, held_out: bool = False) -> None:
        n = norm(text)
        self.items.append((n, set(n.split()), held_out))

    def match(self, text: str) -> str | None:
        n = norm(text)
        tokens = set(n.split())
        for other, other_tokens, held_out in self.items:
            if n == other or is_near_dup(n, other, tokens, other_tokens):
                return "held-out" if held_out else other[:60]
        return None


def main(argv: list[str]) -> int:
    fresh = argv[:1] == ["--fresh"]
    argv = argv[1:] if fresh else argv
    if len(argv) != 2:
        print(__doc__)
        return 2
    candidates, out = Path(argv[0]), Path(argv[1])
    held_files = {HERE / "holdout.jsonl", *HERE.glob("holdout_*.jsonl")}
    dev_files = {HERE / "dev.jsonl", *HERE.glob("dev_*.jsonl")}
    held_files, dev_files = (
        (held_files | dev_files | {out}, set())
        if fresh
        else (
            held_files,
            dev_files | {out},
        )
    )
    held = [row for path in sorted(held_files) for row in read(path)]
    held_keys = {key for row in held for key in source_keys(row["source"])}
    known = Known()
    for row in held:
        known.add(row["text"], held_out=True)
    for path in sorted(dev_files):
        for row in read(path):
            known.add(row["text"])
    accepted = 0
    with out.open("a", encoding="utf-8") as sink:
        for number, row in enumerate(read(candidates), 1):
            reason = problem(row)
            if reason is None and held_keys & set(source_keys(row["source"])):
                reason = (
                    "its source is already in the corpus"
                    if fresh
                    else ("its source is on the held-out side")
                )
            if reason is None:
                dup = known.match(row["text"])
                if dup:
                    reason = f"near-duplicate of {'a held-out row' if dup == 'held-out' else dup}"
            if reason:
                print(f"line {number}: refused: {reason}")
                continue
            clean = {field: row[field] for field in FIELDS if field in row}
            clean.setdefault("vulnerabilities", [])
            sink.write(json.dumps(clean, ensure_ascii=False) + "\n")
            known.add(row["text"])
            accepted += 1
    print(f"{accepted} accepted into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
