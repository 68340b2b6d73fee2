"""Imports: a shelter's own spreadsheets of persons, postal addresses and stays, checked by the desk's rules.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.domain.spreadsheet_import import COLUMNS, ImportKind, RowOutcome
from shelter_desk.services.imports.importing import ImportReport, RowReport, remembered_mapping, run_import
from shelter_desk.services.imports.spreadsheets import Table, import_template, read_table

__all__ = [
    "COLUMNS",
    "ImportKind",
    "ImportReport",
    "RowOutcome",
    "RowReport",
    "Table",
    "import_template",
    "read_table",
    "remembered_mapping",
    "run_import",
]
