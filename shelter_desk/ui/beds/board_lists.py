"""The lists under the bed board: stays to review, stays ended because the person stopped coming,
and tonight's turnaways (a bed freed by a no-show goes to someone on that list first)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from shelter_desk.domain.stays import StayFlag
from shelter_desk.services.beds import EndedStay, StayReview, TurnawayView
from shelter_desk.ui.record_list import RecordList

LIST_HEIGHT = 96  # a few lines each: the board keeps the height


def review_line(review: object) -> str:
    assert isinstance(review, StayReview)
    marker = "OVER MAXIMUM" if review.flag is StayFlag.OVER_MAXIMUM else "bijna maximum"
    return f"{marker}: {review.person}, {review.facility} — {review.description}"


def ended_line(ended: object) -> str:
    assert isinstance(ended, EndedStay)
    return f"{ended.person}, {ended.facility} — laatste nacht {ended.end_night:%d-%m-%Y}: {ended.outflow.label.lower()}"


def turnaway_line(turnaway: object) -> str:
    assert isinstance(turnaway, TurnawayView)
    line = f"{turnaway.who} — {turnaway.reason.label}" + (
        f", verwezen naar {turnaway.referred_to}" if turnaway.referred_to else ""
    )
    return f"{line} — geplaatst: {turnaway.placed}" if turnaway.placed else line


def _list(name: str, tip: str = "") -> RecordList:
    shown = RecordList()
    shown.setObjectName(name)
    shown.setMaximumHeight(LIST_HEIGHT)
    shown.setToolTip(tip)
    return shown


class BoardLists(QWidget):
    """ "Verblijven" (two tabs) and "Afgewezen deze nacht", side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviews = _list("stayReviews", "Enter of dubbelklik: de persoon openen")
        # A second list for the coordinator: stays the desk ended because the person stopped
        # coming (the destination to check and correct).
        self.left_unannounced = _list("leftUnannounced")
        self.correct_button = QPushButton("Bestemming &verbeteren…")
        self.correct_button.setObjectName("correctOutflow")
        self.turned_away = _list(
            "turnawaysTonight", "Kies eerst een vrij bed op het bord; Enter geeft het aan de gekozen persoon"
        )
        self.give_button = QPushButton("Vrij bed geven aan &persoon")
        self.give_button.setObjectName("giveToTurnedAway")
        self.give_button.setToolTip("Het gekozen vrije bed op het bord geven aan de gekozen persoon in deze lijst")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_review_box(), 1)
        layout.addWidget(self._build_turnaway_box(), 1)

    def _build_review_box(self) -> QGroupBox:
        left_host = QWidget()
        left_layout = QVBoxLayout(left_host)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.left_unannounced)
        left_layout.addWidget(self.correct_button)
        self.review_tabs = QTabWidget()
        self.review_tabs.setObjectName("reviewTabs")
        self.review_tabs.addTab(self.reviews, "Ter controle (≥ 80 % of over maximum)")
        self.review_tabs.addTab(left_host, "Gestopt met komen")
        box = QGroupBox("Verblijven")
        box.setToolTip("Verblijven op of boven 80 % van de maximale duur of erover, en wie gestopt is met komen")
        QVBoxLayout(box).addWidget(self.review_tabs)
        return box

    def _build_turnaway_box(self) -> QGroupBox:
        box = QGroupBox("Afgewezen deze nacht")
        layout = QVBoxLayout(box)
        layout.addWidget(self.turned_away)
        layout.addWidget(self.give_button)
        return box

    def show_lists(self, turnaways: list[TurnawayView], reviews: list[StayReview], left: list[EndedStay]) -> None:
        self.turned_away.show_records(turnaways, turnaway_line)
        self.reviews.show_records(reviews, review_line)
        self.left_unannounced.show_records(left, ended_line)
        self.review_tabs.setTabText(1, f"Gestopt met komen ({len(left)})")

    def chosen_turnaway(self) -> TurnawayView | None:
        chosen = self.turned_away.current_record()
        return chosen if isinstance(chosen, TurnawayView) else None

    def chosen_ended_stay(self) -> EndedStay | None:
        chosen = self.left_unannounced.current_record()
        return chosen if isinstance(chosen, EndedStay) else None

    def waiting(self) -> list[TurnawayView]:
        """Tonight's named turnaways not yet given a bed: the first to offer a freed bed to."""
        return [
            record
            for row in range(self.turned_away.count())
            if isinstance(record := self.turned_away.records.record(row), TurnawayView)
            and record.person_id is not None
            and not record.placed
        ]
