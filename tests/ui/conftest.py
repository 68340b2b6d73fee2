"""The window's tests: the person record is loaded, so every page can open it (as the app does)."""

import shelter_desk.ui.record  # noqa: F401  (registers the record window with ui.shared.records)
