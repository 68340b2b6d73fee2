"""The few colours and style sheets the desk uses, so that red means the same everywhere."""

from PySide6.QtWidgets import QLabel

RESTRICTION_RED = "#b91c1c"
ERROR_STYLE = f"QLabel {{ color: {RESTRICTION_RED}; font-weight: bold; }}"
RESTRICTION_BANNER_STYLE = f"QLabel {{ background: {RESTRICTION_RED}; color: white; padding: 6px; font-weight: bold; }}"
MISSING_STYLE = "QLabel { color: #92400e; }"
# Amber: something that has lapsed and must be asked again (an expired consent), not a refusal.
EXPIRED_STYLE = "QLabel { color: #78350f; background: #fde68a; padding: 1px 3px; font-weight: bold; }"
HINT_STYLE = "QLabel { color: #555; }"
NOTICE_STYLE = "QLabel { color: #166534; font-weight: bold; }"


def error_label() -> QLabel:
    """The red line above a dialog's buttons where refusals appear; hidden until there is one."""
    label = QLabel("")
    label.setObjectName("formError")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label
