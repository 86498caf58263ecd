"""Editing a copied rule file the way a member of staff would, and finding the line."""

from pathlib import Path


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; return the 1-based line it stood on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def replace_once(path: Path, old: str, new: str) -> int:
    """As ``replace_in``, insisting ``old`` occurs once, so the test edits what it means to."""
    assert path.read_text(encoding="utf-8").count(old) == 1, old
    return replace_in(path, old, new)
