"""Saving a printout (a PDF made by a use case) to a file: whole or not at all, refused in Dutch.

Not a use case of its own: the permission was checked, and the access logged, by the use case
that made the bytes. A full disk or a folder that cannot be written is refused with the folder
and what to do (`persistence.disk_faults`); no half-written PDF is left under the name.
"""

from __future__ import annotations

from pathlib import Path

from shelter_desk.persistence.disk_faults import unwritable_reason, write_whole


def save_printout(path: Path, data: bytes) -> Path:
    return write_whole(path, data, f"de afdruk {path.name}")


def folder_problem(folder: Path) -> str | None:
    """Why nothing can be written in `folder`, in Dutch (tried for real); None when it can be."""
    return unwritable_reason(folder)
