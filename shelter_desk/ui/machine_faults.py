"""What the desk says, once, about faults of its own machine at start: folders it cannot write
(the log, the backups, the local roll-call copy, the printouts) and a backup that is too old.

The desk starts anyway. Each folder is tried for real (`services.printouts.folder_problem`); what
cannot be written is named with what the desk therefore cannot do, and where it writes instead
when a safe fallback exists (the log and the printouts go to the system's temporary folder; the
backups and the roll-call copy have none: a copy elsewhere would spread names, and the failed
backup is recorded and warned about). The notice is a box that does not wait: the desk goes on.
Also the age of the last good backup as the status bar and Beheer say it.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from shelter_desk.services.kernel import folder_problem

LOG = logging.getLogger("shelter_desk")


@dataclass(frozen=True)
class DeskFolder:
    folder: Path
    task: str  # what the desk cannot do without it, in Dutch ("het logboek bijhouden")
    fallback: Path | None = None  # where it writes instead, if anywhere


def fallback_folder(name: str) -> Path:
    """A folder of this desk in the system's temporary folder, for what has a safe fallback."""
    return Path(tempfile.gettempdir()) / f"shelter-desk-{name}"


def folder_notice(folders: list[DeskFolder]) -> str | None:
    """One Dutch text naming every folder that cannot be written and what that stops; None when all can."""
    lines = []
    for item in folders:
        reason = folder_problem(item.folder)
        if reason is None:
            continue
        line = f"• {item.folder}: {reason}. Shelter Desk kan daardoor niet {item.task}"
        if item.fallback is not None and folder_problem(item.fallback) is None:
            line += f"; dat gebeurt nu in {item.fallback}"
        lines.append(line + ".")
        LOG.warning("Map niet beschrijfbaar: %s", line)
    if not lines:
        return None
    return (
        "Deze mappen kunnen niet worden beschreven:\n" + "\n".join(lines) + "\n\nDe balie werkt verder. "
        "Maak ruimte vrij of vraag de beheerder om schrijfrechten op deze mappen."
    )


def show_notice(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
) -> None:
    """Said once, without holding the desk up: the box does not wait for its OK."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def age_text(age: timedelta) -> str:
    """'12 minuten', '5 uur', '3 dagen': how old a backup is, roughly."""
    if age < timedelta(hours=1):
        return f"{max(0, int(age.total_seconds() // 60))} minuten"
    if age < timedelta(days=2):
        return f"{int(age.total_seconds() // 3600)} uur"
    return f"{age.days} dagen"


class Finished(QObject):
    """A signal a worker thread emits when it is done; its receivers run on the window's thread."""

    done = Signal()
