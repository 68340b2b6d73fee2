"""Beheer, fourth tab: importing the shelter's own spreadsheets (persons, postal addresses, stays).

Choose the kind, save an empty template or choose a file; each column of the file is mapped to a
desk field (filled in from the organisation's remembered choices); a dry run shows per row what
would happen, and only after it does "Importeren" write. The report stays on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.services.imports import (
    COLUMNS,
    ImportKind,
    ImportReport,
    import_template,
    read_table,
    remembered_mapping,
    run_import,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.feedback import attempt, save_file
from shelter_desk.ui.styles import HINT_STYLE, error_label

_NOT_USED = "(niet gebruiken)"


class ImportPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._data: bytes | None = None
        self._name = ""
        self.error = error_label()
        hint = QLabel(
            "Lees de lijsten in die u nu in Excel bijhoudt: personen, postadressen of bewoners met hun "
            "verblijf (CSV of XLSX). Elke rij wordt gecontroleerd zoals aan de balie; wie al bekend is, wordt "
            "gekoppeld en niet dubbel aangemaakt. Doe eerst een proefrun: er wordt dan niets opgeslagen."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        for kind in ImportKind:
            self.kind.addItem(kind.label.capitalize(), kind)
        template = QPushButton("Sjabloon opslaan")
        template.clicked.connect(self.save_template)
        choose = QPushButton("Bestand kiezen…")
        choose.clicked.connect(self.choose)
        self.dry_run_button = QPushButton("Proefrun")
        self.dry_run_button.setObjectName("dryRun")
        self.dry_run_button.setEnabled(False)
        self.dry_run_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton("Importeren")
        self.import_button.setObjectName("runImport")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Soort lijst:"))
        for widget in (self.kind, template, choose, self.dry_run_button, self.import_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.file_label = QLabel("Nog geen bestand gekozen.")
        self.mapping = QTableWidget(0, 2)
        self.mapping.setObjectName("columnMapping")
        self.mapping.setHorizontalHeaderLabels(["Kolom in uw bestand", "Veld in Shelter Desk"])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.setColumnWidth(0, 180)
        self.mapping.verticalHeader().setVisible(False)
        self.report = QPlainTextEdit()
        self.report.setObjectName("importReport")
        self.report.setReadOnly(True)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("Kolommen koppelen (wordt onthouden)"))
        left.addWidget(self.mapping, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Verslag per rij"))
        right.addWidget(self.report, 1)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.file_label)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def chosen_kind(self) -> ImportKind:
        return ImportKind(str(self.kind.currentData()))  # Qt hands the enum back as its text

    def save_template(self) -> None:
        kind = self.chosen_kind()
        save_file(f"sjabloon-{kind.label}.xlsx", lambda: import_template(kind, xlsx=True), self.error)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Lijst kiezen", "", "Spreadsheet (*.csv *.xlsx *.txt)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        def run() -> None:
            data = path.read_bytes()
            table = read_table(data, path.name)
            self._data, self._name = data, path.name
            self.file_label.setText(f"{path.name}: {len(table.rows)} rijen, {table.encoding}")
            self._fill_mapping(table.headers)
            self.dry_run_button.setEnabled(True)
            self.import_button.setEnabled(False)
            self.report.clear()

        attempt(self.error, run)

    def _fill_mapping(self, headers: list[str]) -> None:
        kind = self.chosen_kind()
        known = remembered_mapping(self._desk, kind, headers)
        self.mapping.setRowCount(0)
        for header in headers:
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            self.mapping.setCellWidget(row, 0, QLabel(header))
            choice = QComboBox()
            choice.addItem(_NOT_USED, "")
            for column in COLUMNS[kind]:
                choice.addItem(column.label, column.field)
            choice.setCurrentIndex(max(0, choice.findData(known.get(header, ""))))
            choice.currentIndexChanged.connect(lambda _index: self.import_button.setEnabled(False))
            self.mapping.setCellWidget(row, 1, choice)

    def chosen_mapping(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for row in range(self.mapping.rowCount()):
            header, choice = self.mapping.cellWidget(row, 0), self.mapping.cellWidget(row, 1)
            if isinstance(header, QLabel) and isinstance(choice, QComboBox) and choice.currentData():
                mapping[header.text()] = str(choice.currentData())
        return mapping

    def _kind_changed(self) -> None:
        self.import_button.setEnabled(False)
        if self._data is not None:
            attempt(self.error, lambda: self._fill_mapping(read_table(self._data or b"", self._name).headers))

    def run(self, *, dry_run: bool) -> None:
        data = self._data
        if data is None:
            return

        def go() -> None:
            report = run_import(
                self._desk, self.chosen_kind(), data, self._name, dry_run=dry_run, mapping=self.chosen_mapping()
            )
            self.show_report(report)
            self.import_button.setEnabled(dry_run)

        attempt(self.error, go)

    def show_report(self, report: ImportReport) -> None:
        self.report.setPlainText("\n".join(report.lines()))
