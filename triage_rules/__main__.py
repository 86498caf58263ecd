"""The batch command of shared/contracts/triage.md.

    python -m triage_rules classify < descriptions.jsonl > outcomes.jsonl

One output line per input line, in order; a line that cannot be used gets
``{"error": ...}`` in its place and the command still exits 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator

from .engine import RuleSet
from .loader import load_ruleset
from .yamlsrc import RuleFileError

USAGE = "usage: python -m triage_rules classify [--rules DIR] < in.jsonl > out.jsonl"


def classify_line(ruleset: RuleSet, line: str) -> str:
    try:
        item = json.loads(line)
    except ValueError as exc:
        return _error(f"not valid JSON: {exc}")
    if not isinstance(item, dict):
        return _error("each line must be a JSON object")
    text = item.get("text")
    if not isinstance(text, str):
        return _error("'text' is required and must be a string")
    vulnerabilities = item.get("vulnerabilities") or []
    if not isinstance(vulnerabilities, list) or not all(
        isinstance(v, str) for v in vulnerabilities
    ):
        return _error("'vulnerabilities' must be a list of strings")
    outcome = ruleset.classify(text, vulnerabilities)
    return json.dumps(outcome.to_contract_dict())


def _error(message: str) -> str:
    return json.dumps({"error": message})


def classify_stream(ruleset: RuleSet, lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        # Blank lines still get an answer so output line N always matches input line N.
        yield classify_line(ruleset, line)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "classify":
        print(USAGE, file=sys.stderr)
        return 2
    rules_dir = None
    if len(args) == 3 and args[1] == "--rules":
        rules_dir = args[2]
    elif len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        ruleset = load_ruleset(rules_dir)
    except RuleFileError as exc:
        print(f"triage rules refused: {exc}", file=sys.stderr)
        return 1
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    out = sys.stdout
    for answer in classify_stream(ruleset, stdin):
        out.write(answer + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
