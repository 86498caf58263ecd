"""Every user-visible string reaches the catalogue, and every catalogue compiles."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_the_committed_template_lists_every_marked_string(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    missing = _ids(fresh) - _ids(ROOT / "translations" / "messages.pot")
    assert not missing, f"run `make extract-messages`: {sorted(map(str, missing))}"


def test_every_catalogue_compiles_with_matching_placeholders(tmp_path):
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        errors = [(m.id, e) for m, e in catalogue.check()]
        assert not errors, f"{po}: {errors}"
        with (tmp_path / "out.mo").open("wb") as out:
            write_mo(out, catalogue)


def test_the_polish_catalogue_is_complete():
    with (ROOT / "translations" / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert untranslated == [], f"translate these into Polish: {untranslated[:20]}"
