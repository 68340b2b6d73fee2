"""What the bed board does: the chosen bed's actions and the night's (turnaways, no-shows, lists).

Each action calls one service through the page's `attempt` or opens one dialog through its
`show_dialog`: a refusal stands in the page's red line and nothing changes. After the action the
page reads the board again and puts the keyboard back on the bed the worker was on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QInputDialog, QPushButton

from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.domain.stays import FeeStatus
from shelter_desk.services.beds import (
    BedCell,
    BedState,
    DatabaseUnreachable,
    EndedStay,
    FacilityBoard,
    Layout,
    NoShowRelease,
    TurnawayView,
    cancel_bed,
    check_in,
    check_out,
    end_stays_of_people_who_stopped_coming,
    no_shows_due,
    occupancy_pdf,
    open_overflow,
    release_no_shows,
    roll_call_from_snapshot,
    set_fee_status,
    undo_no_show_release,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trajectory import BedOffer, bed_offer
from shelter_desk.ui.beds.dialogs import AssignDialog, EndStayDialog, MoveDialog, ReleaseNoShowsDialog, TurnawayDialog
from shelter_desk.ui.beds.waiting_list import OfferDialog, WaitingListDialog
from shelter_desk.ui.section_page import SectionPage


class BoardPlace(Protocol):
    """Where the worker is on the board: the night, the chosen bed and facility, the scope of the night's actions."""

    @property
    def night(self) -> date: ...

    @property
    def selected(self) -> BedCell | None: ...

    def board(self) -> FacilityBoard | None: ...

    def whole_region(self) -> bool: ...

    def after_action(self) -> None: ...


class BedActions:
    """The chosen bed's actions, as the side panel's buttons and the bed's menu offer them."""

    def __init__(self, page: SectionPage, desk: Desk, place: BoardPlace) -> None:
        self._page, self._desk, self._place = page, desk, place

    def handlers(self) -> dict[str, Callable[[], object]]:
        """The handler of each of the panel's bed buttons, by key."""
        return {
            "assign": self.assign,
            "check_in": lambda: self._on_bed(check_in, "{who} ingecheckt in bed {bed}."),
            "check_out": lambda: self._on_bed(check_out, "{who} uitgecheckt uit bed {bed}."),
            "paid": lambda: self._on_bed(
                lambda desk, bed_night: set_fee_status(desk, bed_night, FeeStatus.PAID),
                "Bijdrage van {who} (bed {bed}) als betaald vastgelegd.",
            ),
            "move": self.move_bed,
            "cancel": lambda: self._on_bed(
                cancel_bed, "Reservering van {who} voor bed {bed} ingetrokken; het bed is vrij."
            ),
            "end_stay": self.end_stay,
            "open_overflow": self.open_overflow,
            "waiting_list": self.waiting_list,
        }

    def _on_bed(self, action: Callable[[Desk, int], object], done: str) -> None:
        """Run `action` on the chosen bed's night; confirm with `done` (`{who}` and `{bed}` filled in)."""
        cell = self._place.selected
        if cell is None or not cell.bed_night_id:
            return
        bed_night_id = cell.bed_night_id
        self._page.attempt(
            lambda: action(self._desk, bed_night_id),
            then=self._place.after_action,
            done=done.format(who=cell.occupant or "Anoniem", bed=cell.label),
        )

    def assign(self) -> None:
        cell = self._place.selected
        if cell is not None and cell.state is BedState.FREE:
            dialog = AssignDialog(self._desk, cell.bed_id, cell.label, self._place.night, self._page)
            self._page.show_dialog(
                dialog,
                then=self._place.after_action,
                done=lambda: (
                    f"Bed gereserveerd: {dialog.chosen_elsewhere}."
                    if dialog.chosen_elsewhere
                    else f"Bed {cell.label} toegewezen."
                ),
            )

    def give_to(self, turnaway: TurnawayView | None) -> None:
        """The chosen free bed to someone turned away tonight: given at once, or the dialog says why not."""
        cell = self._place.selected
        if cell is None or cell.state is not BedState.FREE:
            self._page.refuse("Kies eerst een vrij bed op het bord.")
            return
        if turnaway is None or turnaway.person_id is None:
            self._page.refuse(
                "Kies een afgewezen persoon met een naam (een anonieme afwijzing kan via Persoon toewijzen)."
            )
            return
        dialog = AssignDialog(
            self._desk, cell.bed_id, cell.label, self._place.night, self._page, person_id=turnaway.person_id
        )
        self._page.show_dialog(
            dialog, then=self._place.after_action, done=f"Bed {cell.label} gegeven aan {turnaway.who}."
        )
        ok = dialog.findChild(QPushButton, "okButton")
        assert ok is not None  # every dialog's OK button is named so (dialog_parts.ok_cancel)
        ok.click()  # the person is known: give the bed now

    def move_bed(self) -> None:
        cell = self._place.selected
        if cell is not None and cell.bed_night_id:
            self._page.show_dialog(
                MoveDialog(self._desk, cell.bed_night_id, self._place.night, self._page),
                then=self._place.after_action,
                done=f"{cell.occupant or 'Persoon'} verplaatst.",
            )

    def end_stay(self) -> None:
        cell, board = self._place.selected, self._place.board()
        if cell is not None and cell.stay_id:
            facility_id = board.facility_id if board else None
            self._page.show_dialog(
                EndStayDialog(self._desk, cell.stay_id, cell.occupant, self._place.night, self._page),
                then=lambda: self._offer_freed_bed(facility_id),
                done=f"Verblijf van {cell.occupant or 'de persoon'} beëindigd.",
            )

    def _offer_freed_bed(self, facility_id: int | None) -> None:
        """A bed of a place given by decision came free: offer it to the first fitting applicant."""
        self._place.after_action()
        if facility_id is None:
            return
        offers: list[BedOffer | None] = []
        if self._page.attempt(lambda: offers.append(bed_offer(self._desk, facility_id, self._desk.tonight()))):
            offer = offers[0] if offers else None
            if offer is not None:
                self._page.show_dialog(
                    OfferDialog(self._desk, offer, self._page),
                    then=self._place.after_action,
                    done=f"{offer.person} geplaatst in {offer.facility}.",
                )

    def waiting_list(self) -> None:
        board = self._place.board()
        if board is not None:
            dialog = self._page.show_dialog(WaitingListDialog(self._desk, board.facility_id, board.name, self._page))
            dialog.finished.connect(lambda _result: self._place.after_action())

    def open_overflow(self) -> None:
        board = self._place.board()
        if board is None:
            return
        reason, ok = QInputDialog.getText(self._page, "Extra bedden openen", "Reden (bijvoorbeeld: vorst, vol):")
        if ok:
            self._page.attempt(
                lambda: open_overflow(self._desk, board.facility_id, self._place.night, reason),
                then=self._place.after_action,
                done=f"Extra bedden in {board.name} geopend voor deze nacht.",
            )


class NightActions:
    """The night's actions: a turnaway, releasing no-shows (and undoing it), the printed lists."""

    def __init__(self, page: SectionPage, desk: Desk, place: BoardPlace) -> None:
        self._page, self._desk, self._place = page, desk, place

    def handlers(self) -> dict[str, Callable[[], object]]:
        """The handler of each of the panel's night buttons, by name."""
        return {
            "printList": lambda: self.print_list(Layout.OCCUPANCY),
            "printRollCall": lambda: self.print_list(Layout.ROLL_CALL),
            "printListPaper": lambda: self.print_list_on_paper(Layout.OCCUPANCY),
            "printRollCallPaper": lambda: self.print_list_on_paper(Layout.ROLL_CALL),
            "turnawayButton": self.turnaway,
            "releaseButton": self.release,
            "undoReleaseButton": self.undo_release,
        }

    def turnaway(self) -> None:
        board = self._place.board()
        dialog = TurnawayDialog(self._desk, self._place.night, board.facility_id if board else None, self._page)
        self._page.show_dialog(
            dialog,
            then=self._place.after_action,
            done=lambda: (
                f"Geen afwijzing: bed gereserveerd in {dialog.reserved}."
                if dialog.reserved
                else "Afwijzing vastgelegd."
            ),
        )

    def _scope(self) -> list[int] | None:
        """What a bulk action of the night acts on: with "Alle voorzieningen samen", this desk's own
        places (the service knows them: its region's); else only the facility the worker chose."""
        board = self._place.board()
        return None if self._place.whole_region() or board is None else [board.facility_id]

    def release(self) -> None:
        """Shows the names and places first; one confirmation releases exactly those."""
        self._page.clear_messages()
        scope, night = self._scope(), self._place.night
        read: list[NoShowRelease] = []
        if not self._page.attempt(lambda: read.append(no_shows_due(self._desk, night, scope))):
            return
        preview = read[0]
        if not preview.hour_passed:
            self._page.refuse(
                f"Het is nog geen {preview.hour:%H:%M}: de bedden van de {dutch_night(night)} blijven gereserveerd."
            )
            return
        if not preview.due:
            kept = (
                f" ({len(preview.kept)} gereserveerd na {preview.hour:%H:%M} blijven staan)." if preview.kept else "."
            )
            self._page.tell(
                f"Geen reserveringen om vrij te geven in {', '.join(preview.facilities) or 'de eigen regio'}{kept}"
            )
            return
        self._page.show_dialog(ReleaseNoShowsDialog(preview, self._page), then=lambda: self._release(preview, scope))

    def _release(self, preview: NoShowRelease, scope: list[int] | None) -> None:
        said: list[str] = []

        def run() -> None:
            count = release_no_shows(self._desk, self._place.night, [n.bed_night_id for n in preview.due], scope)
            # The evening's step about who did not come: stays of people absent for nights end too.
            ended = end_stays_of_people_who_stopped_coming(self._desk)
            said.append(
                f"{count} niet-opgehaalde bedden vrijgegeven: {', '.join(n.person for n in preview.due)}."
                + (f" {len(ended)} verblijven beëindigd: gestopt met komen." if ended else "")
            )

        self._page.attempt(run, then=self._place.after_action, done=lambda: said[0])

    def undo_release(self) -> None:
        said: list[str] = []

        def run() -> None:
            scope = self._scope()
            back, not_back = undo_no_show_release(self._desk, self._place.night, scope)
            board = self._place.board()
            where = board.name if scope is not None and board is not None else "de eigen regio"
            said.append(
                f"{back} reserveringen teruggezet in {where}."
                + (f" Niet terug (bed of persoon inmiddels elders): {', '.join(not_back)}." if not_back else "")
            )

        self._page.attempt(run, then=self._place.after_action, done=lambda: said[0])

    def correct_outflow(self, ended: EndedStay | None) -> None:
        if ended is None:
            self._page.refuse("Kies eerst een verblijf in de lijst 'Gestopt met komen'.")
            return
        self._page.show_dialog(
            EndStayDialog(self._desk, ended.stay_id, ended.person, ended.end_night, self._page, correcting=True),
            then=self._place.after_action,
        )

    def print_list(self, layout: Layout) -> Path | None:
        board = self._place.board()
        if board is None:
            return None
        kind = "appellijst" if layout is Layout.ROLL_CALL else "bezettingslijst"
        name = f"{kind}-{board.name.replace(' ', '-').lower()}-{self._place.night.isoformat()}.pdf"
        what = "Appèllijst" if layout is Layout.ROLL_CALL else "Bezettingslijst"
        return self._page.save_and_open(name, lambda: self._list_pdf(board.facility_id, layout), what)

    def print_list_on_paper(self, layout: Layout) -> Path | None:
        board = self._place.board()
        if board is None:
            self._page.refuse("Kies eerst een voorziening.")
            return None
        what = "Appèllijst" if layout is Layout.ROLL_CALL else "Bezettingslijst"
        return self._page.print_on_paper(lambda: self._list_pdf(board.facility_id, layout), f"{what} {board.name}")

    def _list_pdf(self, facility_id: int, layout: Layout) -> bytes:
        """The list from the database; an evacuation never waits for it: without the database the
        roll-call comes from this computer's local copy, with the time of that copy on it."""
        try:
            return occupancy_pdf(self._desk, facility_id, self._place.night, layout)
        except DatabaseUnreachable:
            if layout is not Layout.ROLL_CALL:
                raise
        return roll_call_from_snapshot(self._desk, facility_id)
