"""The one way a screen runs a service call: a refusal goes to the screen's red line, untouched
data stay as they were; and the one way a printout is saved to the documents folder and opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.kernel import save_printout
from shelter_desk.ui.machine_faults import fallback_folder

OpenFile = Callable[[Path], object]


def attempt(error: QLabel, action: Callable[[], object]) -> bool:
    """Run `action`; on a DeskError show its Dutch message in `error` and return False."""
    error.hide()
    try:
        action()
    except DeskError as refusal:
        error.setText(refusal.message)
        error.show()
        return False
    return True


def save_folder() -> Path:
    """Where printouts go: Documents/Shelter Desk."""
    from platformdirs import user_documents_path

    return user_documents_path() / "Shelter Desk"


def open_with_system(path: Path) -> object:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def save_and_open(name: str, make_pdf: Callable[[], bytes], error: QLabel, open_file: OpenFile) -> Path | None:
    """Write the PDF to the documents folder and open it for printing; refusals go to `error`."""
    path = save_file(name, make_pdf, error)
    if path is not None:
        open_file(path)
    return path


def opened(result: object) -> bool:
    """Whether an OpenFile call opened the file: QDesktopServices.openUrl says False when no viewer
    could be started; a caller that returns nothing (a test's recorder) counts as opened."""
    return result is not False


def save_file(name: str, make_pdf: Callable[[], bytes], error: QLabel) -> Path | None:
    """Write the file to the documents folder; refusals (and a full or locked disk) go to `error`.

    A documents folder that cannot be written (a policy, a full disk) falls back to the desk's
    folder in the system's temporary folder (the file readable by this user only); when that fails
    too, the refusal names the documents folder. Never a half-written file under the name.
    """
    written: list[Path] = []

    def write() -> None:
        data = make_pdf()
        refusal: DeskError | None = None
        for folder in (save_folder(), fallback_folder("afdrukken")):
            try:
                written.append(save_printout(folder / name, data))
                return
            except DeskError as problem:
                refusal = refusal or problem
            except OSError as problem:
                refusal = refusal or DeskError(f"Kan {name} niet opslaan in {folder}: {problem.strerror}.")
        assert refusal is not None
        raise refusal

    if not attempt(error, write):
        return None
    return written[0]
