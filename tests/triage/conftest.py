"""Fixtures for tests that load edited copies of the rule files."""

import shutil
from pathlib import Path

import pytest

from triage_rules.loader import BUNDLED


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled rules folder, for a test to break or change."""
    target = tmp_path / "rules"
    shutil.copytree(BUNDLED, target)
    return target
