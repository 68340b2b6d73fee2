"""The Rapportages section: the monitor for a period and scope on screen, as PDF, on paper and as CSV.

The screen shows the exact figures (staff only); the PDF and CSV hide small numbers because
they leave the organisation. Coordinators also read here, on screen only, how many cases went into
and out of the safety network per quarter of the period.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import HIDDEN, Period, PeriodKind
from shelter_desk.domain.roles import Permission
from shelter_desk.services.admin import facility_details
from shelter_desk.services.kernel import Desk
from shelter_desk.services.monitor import (
    MonitorReport,
    monitor,
    monitor_csv,
    monitor_pdf,
    monitor_sections,
    national_csv,
)
from shelter_desk.services.safety import escalations_per_quarter
from shelter_desk.services.winter import regions
from shelter_desk.ui.feedback import OpenFile
from shelter_desk.ui.monitor.charts import NightlyChart, OutflowChart
from shelter_desk.ui.monitor.quality_list import QualityListDialog
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE


class ReportsPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.report: MonitorReport | None = None
        # Per quarter of the period: (quarter, escalations started, closed); coordinators only.
        self.network_quarters: list[tuple[str, int, int]] = []
        self.figures = QTreeWidget()
        self.figures.setObjectName("monitorFigures")
        self.figures.setHeaderLabels(["Onderdeel", "Waarde"])
        # The value column always in view beside the charts; long labels end in … (full text on hover).
        header = self.figures.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Rapportages: in-, door- en uitstroom</h2>"))
        layout.addLayout(self._build_period_row())
        layout.addWidget(self._build_hint())
        layout.addLayout(self._build_body(), 1)
        layout.addWidget(self.status_area())
        self._connect()

    def _build_period_row(self) -> QVBoxLayout:
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for kind in PeriodKind:
            self.kind.addItem(kind.value, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(PeriodKind.HALF_YEAR.value))
        today = self._desk.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.number = QSpinBox()
        self.number.setRange(1, 12)
        self.number.setValue(1 if today.month <= 6 else 2)
        self.scope = QComboBox()
        self.scope.setObjectName("reportScope")
        self.compute_button = QPushButton("&Berekenen")
        self.compute_button.setObjectName("computeMonitor")
        self.pdf_button, self.csv_button = QPushButton("&PDF voor de raad"), QPushButton("&CSV voor de gemeente")
        self.print_button = QPushButton("&Afdrukken…")
        self.print_button.setObjectName("printMonitor")
        self.print_button.setToolTip("De PDF voor de raad op papier (kleine aantallen verborgen)")
        self.national_button = QPushButton("&Landelijke uitvraag (CSV)")
        self.national_button.setObjectName("nationalExport")
        self.national_button.setToolTip(
            "De halfjaarcijfers voor het land, per centrumgemeente (kleine aantallen verborgen)"
        )
        self.quality_button = QPushButton("&Datakwaliteit…")
        self.quality_button.setObjectName("dataQuality")
        # Two rows: what to compute, then what to do with it (one row did not fit a 1366 px laptop).
        rows = QVBoxLayout()
        for widgets in (
            (
                QLabel("Periode"),
                self.kind,
                QLabel("Jaar"),
                self.year,
                QLabel("Nummer"),
                self.number,
                QLabel("Voor"),
                self.scope,
                self.compute_button,
            ),
            (self.pdf_button, self.print_button, self.csv_button, self.national_button, self.quality_button),
        ):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            rows.addLayout(row)
        return rows

    def _build_body(self) -> QHBoxLayout:
        self.nightly_chart, self.outflow_chart = NightlyChart(), OutflowChart()
        self.nightly_chart.setObjectName("nightlyChart")
        self.outflow_chart.setObjectName("outflowChart")
        charts = QVBoxLayout()
        charts.addWidget(self.nightly_chart, 1)
        charts.addWidget(self.outflow_chart, 1)
        body = QHBoxLayout()
        body.addWidget(self.figures, 1)
        body.addLayout(charts, 1)
        return body

    def _build_hint(self) -> QLabel:
        hint = QLabel(
            "Op het scherm staan de precieze aantallen. PDF en CSV verbergen aantallen onder de drempel "
            "(instelling onder Beheer) en alles waaruit ze terug te rekenen zijn (aandelen, gemiddelden, "
            "delen van een totaal), omdat ze de organisatie verlaten; achter zo'n cijfer staat '(in export verborgen)'."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        return hint

    def _connect(self) -> None:
        self.compute_button.clicked.connect(self.compute)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.print_button.clicked.connect(self.print_report)
        self.csv_button.clicked.connect(self.export_csv)
        self.national_button.clicked.connect(self.export_national)
        self.gate(Permission.EXPORT, self.pdf_button, self.print_button, self.csv_button, self.national_button)
        self.quality_button.clicked.connect(self.open_quality_list)
        self.gate(Permission.DECIDE, self.quality_button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.refresh)

    def refresh(self) -> None:
        self._load_scopes()

    def _load_scopes(self) -> None:
        chosen = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem("alle regio's", None)
        for code, name in regions(self._desk):
            self.scope.addItem(name, ("regio", code))
        for details in facility_details(self._desk):
            self.scope.addItem(details.terms.name, ("voorziening", details.facility_id))
        self.scope.setCurrentIndex(max(self.scope.findData(chosen), 0))

    def period(self) -> Period:
        return Period.of(PeriodKind(self.kind.currentData()), self.year.value(), self.number.value())

    def compute(self) -> None:
        def run() -> None:
            choice = self.scope.currentData()
            centre = choice[1] if choice and choice[0] == "regio" else None
            facility_id = choice[1] if choice and choice[0] == "voorziening" else None
            period = self.period()
            self.report = monitor(self._desk, period, centre_code=centre, facility_id=facility_id)
            self.network_quarters = _quarters_of(self._desk, period)
            self._show()

        self.attempt(run)

    def _show(self) -> None:
        assert self.report is not None
        self.figures.clear()
        for section in monitor_sections(self.report):
            parent = QTreeWidgetItem([section.title, ""])
            # Exact on screen; a figure the PDF and CSV hide because it would give a small count
            # away (a share, a part of a total) says so, so that nobody quotes it onwards.
            for (label, value), (_label, exported) in zip(
                section.exact(), section.masked(self.report.threshold), strict=True
            ):
                hidden = exported == HIDDEN
                child = QTreeWidgetItem([label, f"{value} (in export {HIDDEN})" if hidden else value])
                child.setToolTip(0, label)
                parent.addChild(child)
            self.figures.addTopLevelItem(parent)
            parent.setExpanded(True)
        self._show_network()
        self.figures.setHeaderLabels([f"{self.report.scope} — {self.report.period.describe()}", "Waarde"])
        self.nightly_chart.show_nights(self.report.nightly)
        self.outflow_chart.show_outflow(self.report.outflow)

    def _show_network(self) -> None:
        """Escalations to the safety network per quarter, beside the incidents: counted over the
        whole organisation (the scope does not narrow them), shown exact and never exported."""
        if not self.network_quarters:
            return
        parent = QTreeWidgetItem(["Veiligheidsnetwerk per kwartaal (hele organisatie, niet in export)", ""])
        parent.setToolTip(0, parent.text(0))
        for quarter, started, closed in self.network_quarters:
            parent.addChild(QTreeWidgetItem([quarter, f"{started} gemeld, {closed} afgesloten"]))
        count = self.figures.topLevelItemCount()
        items = [self.figures.topLevelItem(index) for index in range(count)]
        after = [
            index for index, item in enumerate(items) if item is not None and item.text(0).startswith("Incidenten")
        ]
        self.figures.insertTopLevelItem(after[-1] + 1 if after else count, parent)
        parent.setExpanded(True)

    def open_quality_list(self) -> QualityListDialog:
        """The coordinator's work list of what is missing across people (its counts are the appendix):
        of the region of the report on screen, as its appendix."""
        report = self.report
        dialog = QualityListDialog(
            self._desk,
            self,
            region_id=report.data_quality_region_id if report else None,
            scope=report.data_quality_scope if report else "hele organisatie",
        )
        self.quality_dialog = dialog
        dialog.open()
        return dialog

    def _computed(self) -> MonitorReport | None:
        """The report on screen, computed first when there is none yet."""
        if self.report is None:
            self.compute()
        return self.report

    def _export(self, suffix: str, make: Callable[[Desk, MonitorReport], bytes]) -> Path | None:
        report = self._computed()
        if report is None:
            return None
        name = f"monitor-{report.period.describe().replace(' ', '-')}.{suffix}"
        return self.save_and_open(
            name,
            lambda: make(self._desk, report),
            f"Monitor {report.scope}, {report.period.describe()} ({suffix.upper()})",
        )

    def print_report(self) -> Path | None:
        """The PDF for the council on paper, through the one print path."""
        report = self._computed()
        if report is None:
            return None
        return self.print_on_paper(
            lambda: monitor_pdf(self._desk, report),
            f"Monitor {report.scope}, {report.period.describe()}",
            f"monitor-{report.period.describe().replace(' ', '-')}.pdf",
        )

    def export_pdf(self) -> Path | None:
        return self._export("pdf", monitor_pdf)

    def export_csv(self) -> Path | None:
        return self._export("csv", monitor_csv)

    def export_national(self) -> Path | None:
        """The national half-year figures: the period must be a half year."""
        if PeriodKind(self.kind.currentData()) is not PeriodKind.HALF_YEAR:
            self.attempt(lambda: _refuse("De landelijke uitvraag gaat over een halfjaar: kies bij Periode ‘halfjaar’."))
            return None
        periods: list[Period] = []
        if not self.attempt(lambda: periods.append(self.period())):
            return None
        period = periods[0]
        return self.save_and_open(
            f"landelijke-uitvraag-{period.first.year}-{1 if period.first.month == 1 else 2}.csv",
            lambda: national_csv(self._desk, period),
            f"Landelijke uitvraag {period.describe()} (CSV)",
        )


def _quarters_of(desk: Desk, period: Period) -> list[tuple[str, int, int]]:
    """The safety network's quarters that overlap `period`, for a coordinator; none for other roles."""
    if not may(desk, Permission.DECIDE):
        return []
    counts = escalations_per_quarter(desk, period.first.year)
    return [
        counts[quarter - 1]
        for quarter in range(1, 5)
        if period.first.month <= 3 * quarter and 3 * quarter - 2 <= period.last.month
    ]


def _refuse(message: str) -> None:
    raise DeskError(message)
