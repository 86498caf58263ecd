"""Measure triage quality and speed on labelled description files.

    python bench/bench_triage.py [--show-errors] [FILE.jsonl ...]

Each file is scored on its own (the development sets and the held-out set must never be
pooled, or tuning on one would hide in the other's figures). Quality goes through the
batch command's own code path, so the figures are those the landlord's check will see.
Prints figures and exits 0; the aims are reported, not asserted.

The team's sets (labelled, holdout, holdout_b to holdout_g) were written by the same
hands as the rules and have all been used while tuning: they are development sets now. The
real tenants' words (tests/data/real_words/) are split by source: ``dev.jsonl``,
``dev_more.jsonl`` and ``dev_third.jsonl`` are for development, ``holdout.jsonl`` is held
out, and ``holdout_2.jsonl``, ``holdout_3.jsonl`` and ``holdout_4.jsonl`` (each gathered
later from sources in no other file) are held out too. A
held-out file is listed in ``PRIVATE`` and only its totals are printed (no
confusion counts, no missed categories, never a description, even with
``--show-errors``), and it is left out of the throughput batch. Measure it once per
generality pass, never while tuning.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage_rules import load_ruleset  # noqa: E402
from triage_rules.__main__ import classify_stream  # noqa: E402
from triage_rules.schema import CATEGORIES, HAZARD_RANK  # noqa: E402

DEFAULT_FILES = [
    ROOT / "tests/data/triage_labelled.jsonl",
    ROOT / "tests/data/triage_holdout.jsonl",
    ROOT / "tests/data/triage_holdout_b.jsonl",
    ROOT / "tests/data/triage_holdout_c.jsonl",
    ROOT / "tests/data/triage_holdout_d.jsonl",
    ROOT / "tests/data/triage_holdout_e.jsonl",
    ROOT / "tests/data/triage_holdout_f.jsonl",
    ROOT / "tests/data/triage_holdout_g.jsonl",
    ROOT / "tests/data/real_words/dev.jsonl",
    ROOT / "tests/data/real_words/dev_more.jsonl",
    ROOT / "tests/data/real_words/dev_third.jsonl",
    ROOT / "tests/data/real_words/holdout.jsonl",
    ROOT / "tests/data/real_words/holdout_2.jsonl",
    ROOT / "tests/data/real_words/holdout_3.jsonl",
    ROOT / "tests/data/real_words/holdout_4.jsonl",
]
# Held out: never read while tuning, so only totals are printed. G was the team's last
# private set; its totals are still reported as they were.
PRIVATE: tuple[str, ...] = (
    "triage_holdout_g.jsonl",
    "real_words/holdout.jsonl",
    "real_words/holdout_2.jsonl",
    "real_words/holdout_3.jsonl",
    "real_words/holdout_4.jsonl",
)
AIMS = {"category": 0.90, "emergency_recall": 1.0, "over_triage": 0.15, "per_second": 2000}


def _private(path: Path) -> bool:
    return any(path.as_posix().endswith("/" + name) for name in PRIVATE)


def _rows(path: Path) -> list[dict]:
    rows, bad = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            bad += 1
            continue
        if isinstance(row, dict) and isinstance(row.get("text"), str):
            rows.append(row)
        else:
            bad += 1
    if bad:
        # A count only: the line itself may be a private description.
        print(f"  ({bad} unreadable lines skipped in {path.name})")
    return rows


def score(path: Path, show_errors: bool) -> None:
    rows = _rows(path)
    ruleset = load_ruleset()
    lines = [
        json.dumps({"text": r["text"], "vulnerabilities": r.get("vulnerabilities", [])})
        for r in rows
    ]
    outs = [json.loads(line) for line in classify_stream(ruleset, lines)]
    n = len(rows)
    pairs = list(zip(outs, rows, strict=True))
    cat = sum(o.get("category") == r.get("category") for o, r in pairs)
    # "Is it one of these?": the outcome's category or any candidate's.
    listed = sum(
        r.get("category") in {o.get("category")} | {c["category"] for c in o.get("candidates", [])}
        for o, r in pairs
    )
    unsure = [(o, r) for o, r in pairs if o.get("uncertain")]
    sure = [(o, r) for o, r in pairs if not o.get("uncertain")]
    unsure_right = sum(o.get("category") == r.get("category") for o, r in unsure)
    sure_right = sum(o.get("category") == r.get("category") for o, r in sure)
    pri = sum(o.get("priority") == r.get("priority") for o, r in pairs)
    haz = sum(o.get("hazard") == r.get("hazard") for o, r in pairs)
    trade = sum(o.get("trade") == r.get("trade") for o, r in pairs)
    # Awaab's Law hazards: a labelled hazard is caught when the outcome carries one at
    # least as grave (an emergency hazard covers a significant one).
    hazards = [
        (o, r) for o, r in pairs if r.get("hazard") in ("awaab_emergency", "awaab_significant")
    ]
    caught = sum(
        HAZARD_RANK.get(o.get("hazard"), 2) <= HAZARD_RANK[r["hazard"]] for o, r in hazards
    )
    emergencies = [o for o, r in pairs if r.get("priority") == "emergency"]
    routine = [o for o, r in pairs if r.get("priority") == "routine"]
    recall = sum(o.get("priority") == "emergency" for o in emergencies) / max(1, len(emergencies))
    over = sum(o.get("priority") == "emergency" for o in routine) / max(1, len(routine))
    rank = {"emergency": 0, "urgent": 1, "routine": 2}
    under = sum(rank.get(o.get("priority"), 2) > rank.get(r.get("priority"), 2) for o, r in pairs)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"\n== {shown} ({n} descriptions)")
    print(f"category accuracy   {cat / n:7.1%}   (aim >= {AIMS['category']:.0%})")
    print(f"  in the candidates {listed / n:7.1%}   (the outcome's or a candidate's category)")
    print(
        f"uncertain           {len(unsure) / n:7.1%}   (category right "
        f"{_share(unsure_right, unsure)} of these, {_share(sure_right, sure)} of the rest)"
    )
    print(f"priority accuracy   {pri / n:7.1%}")
    print(f"emergency recall    {recall:7.1%}   ({len(emergencies)} emergencies; aim 100%)")
    # A missed emergency marked uncertain still reaches the emergency questions: the
    # portal and the bot ask them outright rather than trust the words.
    asked = [o for o in emergencies if o.get("priority") != "emergency" and o.get("uncertain")]
    missed_n = sum(o.get("priority") != "emergency" for o in emergencies)
    print(f"  missed, but uncertain {len(asked)} of {missed_n} (the channel asks the questions)")
    # The rest may still reach a person: ``review`` (not in the batch contract) puts the
    # repair on the contact centre's queue of words that may hide an emergency.
    reviewed = [ruleset.classify(r["text"], r.get("vulnerabilities", [])).review for r in rows]
    unasked = [
        seen
        for (o, r), seen in zip(pairs, reviewed, strict=True)
        if r.get("priority") == "emergency"
        and o.get("priority") != "emergency"
        and not o.get("uncertain")
    ]
    print(
        f"  missed, not asked, read by a person {sum(unasked)} of {len(unasked)};"
        f" all rows read {sum(reviewed) / n:.1%}"
    )
    print(f"over-triage         {over:7.1%}   (routine raised to emergency; aim <= 15%)")
    print(f"under-triage        {under / n:7.1%}   (priority below the label)")
    print(
        f"hazard recall       {_share(caught, hazards):>7}   ({len(hazards)} Awaab's Law hazards)"
    )
    print(f"hazard accuracy     {haz / n:7.1%}")
    print(f"trade accuracy      {trade / n:7.1%}")
    if _private(path):
        return  # totals only: a breakdown would start to point at the private texts
    missed = Counter(
        str(r.get("category"))
        for o, r in pairs
        if r.get("priority") == "emergency" and o.get("priority") != "emergency"
    )
    if missed:
        # Counts by category only, so the private set's misses point at a concept, not a text.
        print(
            "emergencies missed by label category: "
            + ", ".join(f"{c} {n}" for c, n in missed.most_common())
        )
    confusion = Counter((str(r.get("category")), str(o.get("category"))) for o, r in pairs)
    print("confusion (label -> predicted, count), mistakes only:")
    for (label, predicted), count in sorted(confusion.items(), key=lambda kv: -kv[1]):
        if label != predicted:
            print(f"  {label:22} -> {predicted:22} {count}")
    _table(confusion)
    if show_errors and not _private(path):
        for o, r in pairs:
            if o.get("category") != r["category"] or o.get("priority") != r["priority"]:
                print(
                    f"  [{r['category']}/{r['priority']} -> {o.get('category')}/"
                    f"{o.get('priority')} {o.get('problem')}] {r.get('vulnerabilities')} "
                    f"{r['text'][:160]!r}"
                )


def _share(right: int, rows: list) -> str:
    return f"{right / len(rows):.1%}" if rows else "-"


def _table(confusion: Counter) -> None:
    used = [c for c in CATEGORIES if any(c in pair for pair in confusion)]
    used += sorted({c for pair in confusion for c in pair} - set(CATEGORIES))
    short = {c: c[:5] for c in used}
    print("confusion table (rows: label, columns: predicted)")
    print(" " * 22 + " ".join(f"{short[c]:>5}" for c in used))
    for label in used:
        cells = " ".join(f"{confusion.get((label, p), 0) or '.':>5}" for p in used)
        print(f"  {label:20}{cells}")


def throughput(paths: list[Path]) -> None:
    texts = [r for p in paths if p.exists() and not _private(p) for r in _rows(p)]
    lines = [
        json.dumps({"text": r["text"], "vulnerabilities": r.get("vulnerabilities", [])})
        for r in texts
    ]
    if not lines:
        # Only held-out files were given: they never feed the throughput batch.
        print("\n== throughput: not measured (no development file given)")
        return
    batch = (lines * (20_000 // max(1, len(lines)) + 1))[:20_000]
    ruleset = load_ruleset()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in classify_stream(ruleset, batch):
        pass
    in_process = len(batch) / (time.perf_counter() - start)
    in_process_cpu = len(batch) / (time.process_time() - cpu)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write("\n".join(batch) + "\n")
    start, cpu = time.perf_counter(), _children_cpu()
    with open(handle.name, "rb") as stdin:
        subprocess.run(
            [sys.executable, "-m", "triage_rules", "classify"],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            check=True,
            cwd=ROOT,
        )
    end_to_end = len(batch) / (time.perf_counter() - start)
    end_to_end_cpu = len(batch) / (_children_cpu() - cpu)
    Path(handle.name).unlink()
    # Per second of wall time, and per second of CPU time: on a machine shared with
    # other work the second is the fairer figure for one core.
    print(f"\n== throughput on one core ({len(batch)} lines)")
    print(f"in process          {in_process:9.0f} descriptions/s ({in_process_cpu:.0f}/s of CPU)")
    print(
        f"batch command       {end_to_end:9.0f} descriptions/s (including start-up; "
        f"{end_to_end_cpu:.0f}/s of CPU)   (aim >= {AIMS['per_second']})"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    show = "--show-errors" in argv
    paths = [Path(a).resolve() for a in argv if not a.startswith("--")] or DEFAULT_FILES
    started = time.perf_counter()
    load_ruleset()
    print(f"rules loaded in {time.perf_counter() - started:.2f}s")
    for path in paths:
        if path.exists():
            score(path, show)
        else:
            print(f"\n== {path}: not found, skipped")
    throughput(paths)
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sys.exit(main(sys.argv[1:]))
