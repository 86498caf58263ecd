"""How often a typo, or two words run together, is read as the tenant meant.

    python bench/bench_typos.py

Every word the rules are written in (five letters or more) is misspelt in four ways
phone users make: a letter left out, a neighbouring key hit instead, two letters
swapped, a letter doubled. A typo counts as read when the engine's words for it are the
words for the word meant; typos that are themselves English or rule words are skipped
(nothing could tell them apart). Then every description of 25 words or fewer in the
team's development sets has one pair of neighbouring words (three letters or more each,
chosen at random with a fixed seed) run together ("smell gas" as "smellgas"), and counts
as read when its category and priority are those of the description as written. Prints
the shares and exits 0.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage_rules import load_ruleset  # noqa: E402
from triage_rules.typos import KEYS_NEAR  # noqa: E402

_TEAM_SETS = (
    "_labelled",
    "_holdout",
    "_holdout_b",
    "_holdout_c",
    "_holdout_d",
    "_holdout_e",
    "_holdout_f",
)
_REAL_DEV = ("dev", "dev_more", "dev_third")
_JOINABLE = re.compile(r"[A-Za-z]{3,}")


def typos(word: str) -> Iterator[tuple[str, str]]:
    # The first letter is kept: a typo rarely changes it, and the engine relies on that.
    for i in range(1, len(word)):
        yield "letter left out", word[:i] + word[i + 1 :]
        yield "letter doubled", word[:i] + word[i] + word[i:]
        # Three of the keys around it (a UK keyboard, as the engine's tie-break knows it).
        for key in KEYS_NEAR.get(word[i], "")[:3]:
            yield "neighbouring key", word[:i] + key + word[i + 1 :]
        if i < len(word) - 1:
            yield "letters swapped", word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def main() -> int:
    normaliser = load_ruleset()._index.normaliser
    taken = set(normaliser.vocabulary) | normaliser.known | normaliser.stopwords
    taken |= set(normaliser.spellings)
    counts: dict[str, list[int]] = {}
    # Each word also weighed by how often tenants write it, so the words that matter in
    # practice count for more than the rules' rarities.
    usage = _tenants_words()
    weighed = [0, 0]
    for word in (w for w in normaliser.vocabulary if len(w) >= 5 and w.isalpha()):
        meant = normaliser.tokens(word)
        for kind, typo in typos(word):
            if typo in taken:
                continue
            seen = counts.setdefault(kind, [0, 0])
            right = normaliser.tokens(typo) == meant
            seen[0] += 1
            seen[1] += right
            weighed[0] += usage[word]
            weighed[1] += usage[word] * right
    print("typos in the rules' own words, read as the word meant:")
    for kind, (total, read) in counts.items():
        print(f"  {kind:17} {read:6} of {total:6}  {read / total:6.1%}")
    print(
        f"  all four, each word weighed by its use in tenants' words {weighed[1] / weighed[0]:6.1%}"
    )
    total, read = run_together()
    print(f"two words run together, outcome kept: {read} of {total}  {read / total:6.1%}")
    return 0


def _tenants_words() -> Counter[str]:
    """How often each word occurs in the development descriptions (never a held-out set)."""
    paths = [ROOT / f"tests/data/triage{name}.jsonl" for name in _TEAM_SETS]
    paths += [ROOT / f"tests/data/real_words/{name}.jsonl" for name in _REAL_DEV]
    usage: Counter[str] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            usage.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))
    return usage


def run_together() -> tuple[int, int]:
    ruleset = load_ruleset()
    chance = random.Random(7)
    total = read = 0
    for name in _TEAM_SETS:
        path = ROOT / f"tests/data/triage{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            words = row["text"].split(" ")
            pairs = [
                i
                for i in range(len(words) - 1)
                if _JOINABLE.fullmatch(words[i]) and _JOINABLE.fullmatch(words[i + 1])
            ]
            if len(words) > 25 or not pairs:
                continue
            i = chance.choice(pairs)
            joined = " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])
            vulnerabilities = row.get("vulnerabilities", [])
            as_written = ruleset.classify(row["text"], vulnerabilities)
            run = ruleset.classify(joined, vulnerabilities)
            total += 1
            read += (run.category, run.priority) == (as_written.category, as_written.priority)
    return total, read


if __name__ == "__main__":
    sys.exit(main())
