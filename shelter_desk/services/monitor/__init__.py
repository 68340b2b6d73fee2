"""The monitor: in-, through- and outflow figures as screen data, PDF and CSV.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.monitor.figures import (
    MonitorReport,
    monitor,
    monitor_csv,
    monitor_pdf,
    monitor_sections,
)
from shelter_desk.services.monitor.national import national_csv, pseudonymised_csv

__all__ = [
    "MonitorReport",
    "monitor",
    "monitor_csv",
    "monitor_pdf",
    "monitor_sections",
    "national_csv",
    "pseudonymised_csv",
]
