#!/usr/bin/env python3
"""How far two careful readers of the labelling policy agree on the same rows.

    python3 tests/data/real_words/agreement.py

``second_labeller.jsonl`` holds 200 development rows (drawn at random, seed 7, from
``dev*.jsonl``) labelled again by a second labeller who saw only the text, the
vulnerabilities and the labelling policy of README.md, never the corpus's labels. Rows
are matched on their text. The agreement is a ceiling of sorts for the engine: a figure
above it would mean learning one labeller's habits, not the policy.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> None:
    first = {r["text"]: r for p in sorted(HERE.glob("dev*.jsonl")) for r in _rows(p)}
    second = _rows(HERE / "second_labeller.jsonl")
    pairs = [(first[r["text"]], r) for r in second if r["text"] in first]
    print(f"{len(pairs)} rows labelled twice")
    for field in ("category", "priority", "hazard"):
        same = sum(a[field] == b[field] for a, b in pairs)
        print(f"  {field:9} agree {same / len(pairs):6.1%}")
    one = {a["text"] for a, _ in pairs if a["priority"] == "emergency"}
    two = {b["text"] for _, b in pairs if b["priority"] == "emergency"}
    print(f"  emergencies: {len(one)} and {len(two)}, {len(one & two)} called by both")


if __name__ == "__main__":
    main()
