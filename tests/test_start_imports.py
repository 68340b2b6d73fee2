"""Starting the desk loads what the window needs: no PDF library, no migration tool, no cipher."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shelter_desk.persistence.migrations import _plain_head, head_revision, known_revisions


def test_opening_the_window_module_loads_no_pdf_library_no_migration_tool_and_no_cipher():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, shelter_desk.app, shelter_desk.cli, shelter_desk.launch\n"
            "print(sorted({'reportlab', 'alembic', 'pypdfium2', 'cryptography'}"
            " & {m.split('.')[0] for m in sys.modules}))",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_revision_headers_name_the_same_head_and_revisions_as_alembic():
    from alembic.script import ScriptDirectory

    from shelter_desk.persistence.migrations import alembic_config

    assert _plain_head() == head_revision()
    assert known_revisions() == {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def test_the_sign_in_window_loads_qt_only_no_sqlalchemy_no_models():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, shelter_desk.cli, shelter_desk.launch\n"
            "print(sorted({'sqlalchemy', 'alembic', 'argon2', 'keyring'} & {m.split('.')[0] for m in sys.modules}),"
            " sorted(m for m in sys.modules"
            " if m.startswith(('shelter_desk.services', 'shelter_desk.persistence.models'))))",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "[] []", done.stdout + done.stderr
