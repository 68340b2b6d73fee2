"""Keys at the desk: the Alt+letter (mnemonic) of a text, the mnemonics a window offers, and the
shortcut overview that F1 opens."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# Shortcuts every page or window has, for the overview (the sections add theirs).
GENERAL_KEYS: tuple[tuple[str, str], ...] = (
    ("F1", "Dit overzicht"),
    ("Tab / Shift+Tab", "Naar het volgende / vorige veld of knop"),
    ("Alt + onderstreepte letter", "De knop of het veld met die letter"),
    ("Enter", "De standaardknop van een venster (blauw omrand)"),
    ("Esc", "Venster sluiten of annuleren"),
)


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a Qt text ('&Opslaan' → 'o'); '&&' is a literal ampersand."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].lower()
        index += 2
    return None


def plain(text: str) -> str:
    """A Qt text without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def offered_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, label) of every Alt+letter `root` offers now: visible buttons, group boxes,
    labels with a buddy field, and the tabs of visible tab widgets."""
    found: list[tuple[str, str]] = []
    texts: list[str] = []
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            texts.append(button.text())
    for box in root.findChildren(QGroupBox):
        if box.isVisibleTo(root):
            texts.append(box.title())
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root) and label.buddy() is not None:
            texts.append(label.text())
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisibleTo(root):
            texts.extend(tabs.tabText(index) for index in range(tabs.count()))
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, plain(text)))
    return found


def duplicate_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letters that more than one visible control of `root` claims, with their labels."""
    offered = offered_mnemonics(root)
    counts = Counter(letter for letter, _label in offered)
    return {
        letter: [label for other, label in offered if other == letter] for letter, count in counts.items() if count > 1
    }


class ShortcutOverview(QDialog):
    """F1: every key of the window and of the open section, in one list."""

    def __init__(
        self,
        title: str,
        sections: list[tuple[str, str]],
        page_keys: list[tuple[str, str]],
        page: QWidget | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sneltoetsen")
        self.resize(620, 520)
        rows = [
            ("<h3>Onderdelen</h3>", sections),
            (f"<h3>{html.escape(title)}</h3>", page_keys),
            (
                "<h3>Alt + letter in dit onderdeel</h3>",
                sorted(
                    {
                        (f"Alt+{letter.upper()}", label.split("\n")[0])
                        for letter, label in (offered_mnemonics(page) if page is not None else [])
                    }
                ),
            ),
            ("<h3>Overal</h3>", list(GENERAL_KEYS)),
        ]
        parts = []
        for heading, keys in rows:
            if keys:
                parts.append(
                    heading
                    + "<table cellspacing=4>"
                    + "".join(
                        f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(what)}</td></tr>" for key, what in keys
                    )
                    + "</table>"
                )
        self.text = QTextBrowser()
        self.text.setObjectName("shortcutText")
        self.text.setHtml("".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
