"""The monitor's figures on screen: one tree of sections, exact, with what the exports hide marked."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from shelter_desk.domain.monitor import HIDDEN
from shelter_desk.services.monitor import MonitorReport, monitor_sections


class MonitorFigures(QTreeWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("monitorFigures")
        self.setHeaderLabels(["Onderdeel", "Waarde"])
        # The value column always in view beside the charts; long labels end in … (full text on hover).
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def show_report(self, report: MonitorReport, network_quarters: list[tuple[str, int, int]]) -> None:
        """The report's sections, then (coordinators) the safety network's quarters after the incidents."""
        self.clear()
        for section in monitor_sections(report):
            parent = QTreeWidgetItem([section.title, ""])
            # Exact on screen; a figure the PDF and CSV hide because it would give a small count
            # away (a share, a part of a total) says so, so that nobody quotes it onwards.
            for (label, value), (_label, exported) in zip(
                section.exact(), section.masked(report.threshold), strict=True
            ):
                hidden = exported == HIDDEN
                child = QTreeWidgetItem([label, f"{value} (in export {HIDDEN})" if hidden else value])
                child.setToolTip(0, label)
                parent.addChild(child)
            self.addTopLevelItem(parent)
            parent.setExpanded(True)
        self._show_network(network_quarters)
        self.setHeaderLabels([f"{report.scope} — {report.period.describe()}", "Waarde"])

    def _show_network(self, network_quarters: list[tuple[str, int, int]]) -> None:
        """Escalations to the safety network per quarter, beside the incidents: counted over the
        whole organisation (the scope does not narrow them), shown exact and never exported."""
        if not network_quarters:
            return
        parent = QTreeWidgetItem(["Veiligheidsnetwerk per kwartaal (hele organisatie, niet in export)", ""])
        parent.setToolTip(0, parent.text(0))
        for quarter, started, closed in network_quarters:
            parent.addChild(QTreeWidgetItem([quarter, f"{started} gemeld, {closed} afgesloten"]))
        count = self.topLevelItemCount()
        items = [self.topLevelItem(index) for index in range(count)]
        after = [
            index for index, item in enumerate(items) if item is not None and item.text(0).startswith("Incidenten")
        ]
        self.insertTopLevelItem(after[-1] + 1 if after else count, parent)
        parent.setExpanded(True)
