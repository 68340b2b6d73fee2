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
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.roles import Permission
from shelter_desk.services.admin import facility_details
from shelter_desk.services.kernel import Desk
from shelter_desk.services.monitor import (
    MonitorReport,
    monitor,
    monitor_csv,
    monitor_pdf,
    national_csv,
)
from shelter_desk.services.safety import escalations_per_quarter
from shelter_desk.services.winter import regions
from shelter_desk.ui.background import BackgroundReader
from shelter_desk.ui.feedback import OpenFile
from shelter_desk.ui.monitor.charts import NightlyChart, OutflowChart
from shelter_desk.ui.monitor.figures import MonitorFigures
from shelter_desk.ui.monitor.quality_list import QualityListDialog
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE


class ReportsPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.report: MonitorReport | None = None
        self.reader = BackgroundReader(self)
        self._then: list[Callable[[], object]] = []  # exports asked for before the report came
        # Per quarter of the period: (quarter, escalations started, closed); coordinators only.
        self.network_quarters: list[tuple[str, int, int]] = []
        self.figures = MonitorFigures()
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
        self.compute_button.clicked.connect(lambda: self.compute())
        self._compute_text = self.compute_button.text()
        self.reader.busy.connect(self._show_busy)
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

    @property
    def computing(self) -> bool:
        """True while a report is on its way from the database worker."""
        return self.reader.is_reading()

    def compute(self, then: Callable[[], object] | None = None) -> None:
        """Compute the chosen period and scope on the database worker (a year at ten regions takes
        seconds: the window keeps answering, the button says it is busy); the latest press wins.
        `then` runs once the report is on screen."""
        periods: list[Period] = []
        if not self.attempt(lambda: periods.append(self.period())):
            return
        period, desk = periods[0], self._desk
        choice = self.scope.currentData()
        centre = choice[1] if choice and choice[0] == "regio" else None
        facility_id = choice[1] if choice and choice[0] == "voorziening" else None
        if then is not None:
            self._then.append(then)

        def read() -> tuple[MonitorReport, list[tuple[str, int, int]]]:
            report = monitor(desk, period, centre_code=centre, facility_id=facility_id)
            return report, _quarters_of(desk, period)

        self.reader.run(read, self._computed_here, self._not_computed)

    def _computed_here(self, computed: tuple[MonitorReport, list[tuple[str, int, int]]]) -> None:
        self.report, self.network_quarters = computed
        self._show()
        waiting, self._then = self._then, []
        for action in waiting:
            action()

    def _not_computed(self, error: BaseException) -> None:
        """A refusal (signed out, the database out of reach) in red; the figures shown stay."""
        self._then.clear()  # the export waited for a report that did not come
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        self.refuse(error.message)

    def _show_busy(self, busy: bool) -> None:
        self.compute_button.setText("Bezig met berekenen…" if busy else self._compute_text)

    def _show(self) -> None:
        assert self.report is not None
        self.figures.show_report(self.report, self.network_quarters)
        self.nightly_chart.show_nights(self.report.nightly)
        self.outflow_chart.show_outflow(self.report.outflow)

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

    def _computed(self, export: Callable[[], object]) -> MonitorReport | None:
        """The report on screen; None when `export` must wait for one (computed first when there is
        none yet, or still on its way: `export` then runs once it is shown)."""
        if self.report is not None and not self.computing:
            return self.report
        if self.computing:
            self._then.append(export)
        else:
            self.compute(then=export)
        return None

    def _export(self, suffix: str, make: Callable[[Desk, MonitorReport], bytes]) -> Path | None:
        report = self._computed(lambda: self._export(suffix, make))
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
        report = self._computed(self.print_report)
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
