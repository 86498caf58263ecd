"""The held-out sets stay held out: the benchmark prints only their totals, and training
refuses them by name. A new set is covered the day its file lands."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from triage_rules import train

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real_words"
HELD_OUT_FILES = sorted(REAL.glob("holdout*.jsonl")) + [ROOT / "tests/data/triage_holdout_g.jsonl"]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_triage", ROOT / "bench/bench_triage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_held_out_file_is_measured_and_only_its_totals_are_printed():
    bench = _bench()
    assert len(HELD_OUT_FILES) >= 4
    for path in HELD_OUT_FILES:
        assert path in bench.DEFAULT_FILES, path.name
        assert bench._private(path), path.name


@pytest.mark.parametrize("path", HELD_OUT_FILES, ids=lambda p: p.name)
def test_training_refuses_every_held_out_file(path):
    assert path.name in train.HELD_OUT
    with pytest.raises(SystemExit, match="refusing to train on a held-out file"):
        train._rows(path)
