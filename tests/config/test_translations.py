"""The English catalogue keeps up with the code: every string marked for translation has an
English text, and none is a fuzzy guess. Indonesian is the source language."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

IGNORED = shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "*.egg-info", "static")


def _entries(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Every catalogue has one header entry with an empty msgid; it is not a string to translate.
    return [
        block
        for block in out.split("\n\n")
        if "msgid" in block and 'msgid ""\nmsgstr ""' not in block
    ]


def test_every_marked_string_has_an_english_translation(tmp_path: Path) -> None:
    """Every user-facing string goes through gettext, and English is kept complete: collect
    the strings afresh from the code (in a copy of the project) and compare."""
    project = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=IGNORED)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--ignore=tests",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    untranslated = _entries(po, "--untranslated")
    fuzzy = _entries(po, "--only-fuzzy")
    assert not untranslated, "untranslated:\n" + "\n\n".join(untranslated[:20])
    assert not fuzzy, "fuzzy:\n" + "\n\n".join(fuzzy[:20])
