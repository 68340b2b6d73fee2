"""Beheer, third tab: the municipality list and the centrumgemeente mapping.

Imports are previewed first (what is added, renamed, changed, and what blocks) and applied only
on a second click; a municipality without a known centrumgemeente is listed and chosen by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.services.admin import (
    ImportKind,
    ImportPreview,
    apply_mapping_import,
    apply_municipality_import,
    municipalities_without_centre,
    preview_mapping_import,
    preview_municipality_import,
    set_centre,
)
from shelter_desk.services.kernel import Desk, list_municipalities
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import HINT_STYLE, error_label


def describe_preview(preview: ImportPreview) -> str:
    parts = []
    for title, lines in (
        ("Problemen (blokkeren het toepassen)", preview.problems),
        ("Nieuw", preview.added),
        ("Andere naam", preview.renamed),
        ("Andere provincie", preview.province_changed),
        ("Niet meer in de lijst (blijven bewaard)", preview.missing),
        ("Wijzigingen", preview.changes),
    ):
        if lines:
            parts.append(f"{title}:\n" + "\n".join(f"  {line}" for line in lines))
    parts.append(f"Ongewijzigd: {preview.unchanged}")
    return "\n\n".join(parts)


MakePreview = Callable[[Desk, bytes], ImportPreview]


class ReferencePanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.preview: ImportPreview | None = None
        self.error = error_label()
        hint = QLabel(
            "Importeer een nieuwe CBS-gemeentelijst of een koppeling gemeente → centrumgemeente (CSV). "
            "U ziet eerst wat er verandert; pas daarna wordt het toegepast."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        load_list, load_mapping = (
            QPushButton("Gemeentelijst kiezen…"),
            QPushButton("Koppeling centrumgemeenten kiezen…"),
        )
        load_list.clicked.connect(lambda: self.choose(preview_municipality_import))
        load_mapping.clicked.connect(lambda: self.choose(preview_mapping_import))
        self.apply_button = QPushButton("Toepassen")
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("importPreview")
        self.preview_text.setReadOnly(True)
        self.unknown = QListWidget()
        self.unknown.setObjectName("withoutCentre")
        self.centre = QComboBox()
        for choice in list_municipalities(desk.db):
            self.centre.addItem(choice.name, choice.code)
        set_button = QPushButton("Centrumgemeente vastleggen voor de gekozen gemeente")
        set_button.clicked.connect(self.set_selected)
        buttons = QHBoxLayout()
        for button in (load_list, load_mapping, self.apply_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(hint)
        left.addLayout(buttons)
        left.addWidget(self.preview_text, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Gemeenten zonder bekende centrumgemeente"))
        right.addWidget(self.unknown, 1)
        right.addWidget(self.centre)
        right.addWidget(set_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        attempt(self.error, self.load_unknown)

    def load_unknown(self) -> None:
        self.unknown.clear()
        for code, name in municipalities_without_centre(self._desk):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.unknown.addItem(item)

    def choose(self, make_preview: MakePreview) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "CSV-bestand kiezen", "", "CSV (*.csv)")
        if name:
            self.preview_file(Path(name), make_preview)

    def preview_file(self, path: Path, make_preview: MakePreview) -> None:
        def run() -> None:
            self.preview = make_preview(self._desk, path.read_bytes())
            self.preview_text.setPlainText(describe_preview(self.preview))
            self.apply_button.setEnabled(self.preview.can_apply)

        attempt(self.error, run)

    def apply(self) -> None:
        preview = self.preview
        if preview is None:
            return
        apply = apply_mapping_import if preview.kind is ImportKind.MAPPING else apply_municipality_import

        def run() -> None:
            changed = apply(self._desk, preview)
            self.preview_text.setPlainText(f"Toegepast: {changed} wijziging(en).")
            self.apply_button.setEnabled(False)
            self.load_unknown()

        attempt(self.error, run)

    def set_selected(self) -> None:
        item = self.unknown.currentItem()
        if item is not None and attempt(
            self.error, lambda: set_centre(self._desk, item.data(Qt.ItemDataRole.UserRole), self.centre.currentData())
        ):
            self.load_unknown()
