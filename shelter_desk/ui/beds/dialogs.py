"""The small dialogs around the bed board: give a bed, move, end a stay, record a turnaway.

Each calls one service; refusals show in red inside the dialog and nothing is saved. When the
rules refuse a person, the dialog lists the facilities with a fitting free bed tonight. The turnaway
dialog asks for those beds on the database worker at every choice (the window keeps answering while
the database is slow); its buttons wait until the beds shown belong to the person chosen.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.bed_assignment import AssignmentRefused
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.domain.stays import Outflow, TurnawayReason
from shelter_desk.services.beds import (
    BedSuggestion,
    NoShowRelease,
    assign_bed,
    correct_outflow,
    end_stay,
    fitting_free_beds,
    move_bed,
    move_targets,
    record_turnaway,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.dialog_parts import date_edit, fit_to_screen, ok_cancel, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.record_list import RecordList
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import HINT_STYLE, error_label

NO_FITTING_BED = "Geen passend vrij bed in de regio vannacht."
SUGGESTIONS_COMING = "Even geduld: de passende vrije bedden voor deze keuze komen nog."
_NOBODY_YET = object()  # the suggestions shown belong to no choice yet


def fitting_line(option: object) -> str:
    """A fitting bed after a refusal, as 'Past wel' lists it."""
    assert isinstance(option, BedSuggestion)
    why = f"; {option.why}" if option.why else ""
    return f"Past wel: {option.facility}, bed {option.bed} ({option.free_beds} vrij{why}) " + (
        f"— {option.question}" if option.question else "— Enter om dit bed te reserveren"
    )


def elsewhere_line(option: object) -> str:
    """A fitting bed elsewhere in the turnaway dialog (or the line saying there is none)."""
    if not isinstance(option, BedSuggestion):
        return str(option)
    why = f"; {option.why}" if option.why else ""
    return f"{option.facility}: {option.free_beds} vrij (bed {option.bed}{why}) " + (
        f"— {option.question}" if option.question else "— Enter om dit bed te reserveren"
    )


class AssignDialog(QDialog):
    """Find the person, give the bed. An overrulable refusal opens a reason field for a coordinator."""

    assigned = Signal(int)

    def __init__(
        self,
        desk: Desk,
        bed_id: int,
        bed_text: str,
        night: date,
        parent: QWidget | None = None,
        person_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._bed_id, self._night = desk, bed_id, night
        self._fixed_person = person_id
        self.chosen_elsewhere = ""  # the suggested bed taken instead, for the page's confirmation
        self.setWindowTitle(f"Bed {bed_text} — {dutch_night(night)}")
        fit_to_screen(self, 760, 480)
        self.picker = PersonPicker(desk)
        self.picker.chosen.connect(lambda _pid: self._assign())
        self.reason_label = QLabel("Reden om toch toe te wijzen (coördinator):")
        self.reason = QLineEdit()
        self.reason.setObjectName("overruleReason")
        self.reason_label.hide()
        self.reason.hide()
        self.reason.returnPressed.connect(self._assign)
        self.suggestions = RecordList()
        self.suggestions.setObjectName("bedSuggestions")
        self.suggestions.setToolTip("Enter of dubbelklik: dit bed reserveren voor deze persoon")
        self.suggestions.record_activated.connect(self._take_suggestion)
        self.suggestions.hide()
        self.error = error_label()
        layout = QVBoxLayout(self)
        if person_id is None:
            layout.addWidget(self.picker, 1)
        else:
            self.picker.hide()
        layout.addWidget(self.error)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(ok_cancel(self, "Bed &toewijzen", self._assign)[0])
        self.picker.setFocus()

    def _person(self) -> int | None:
        return self._fixed_person if self._fixed_person is not None else self.picker.selected_person()

    def _assign(self) -> None:
        person_id = self._person()
        if person_id is None:
            self._show("Kies eerst de persoon.")
            return
        try:
            bed_night = assign_bed(self._desk, person_id, self._bed_id, self._night, self.reason.text())
        except AssignmentRefused as refused:
            self._show(refused.message)
            self.reason_label.setVisible(refused.overrulable)
            self.reason.setVisible(refused.overrulable)
            self._suggest(person_id)
            return
        except DeskError as error:
            self._show(error.message)
            return
        self.assigned.emit(bed_night)
        self.accept()

    def _take_suggestion(self, option: object) -> None:
        """Reserve the fitting bed the worker chose from 'Past wel' instead of the refused one."""
        person_id = self._person()
        if person_id is None or not isinstance(option, BedSuggestion):
            return
        bed_id = option.bed_id
        made: list[int] = []
        if not attempt(self.error, lambda: made.append(assign_bed(self._desk, person_id, bed_id, self._night))):
            return
        bed_night = made[0]
        self.chosen_elsewhere = fitting_line(option).removeprefix("Past wel: ")
        self.assigned.emit(bed_night)
        self.accept()

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _suggest(self, person_id: int) -> None:
        self.suggestions.show_records(fitting_free_beds(self._desk, person_id, self._night), fitting_line)
        self.suggestions.setVisible(self.suggestions.count() > 0)
        if self.suggestions.count():
            # One Tab from where the worker typed reaches "Past wel", the first bed ready for Enter.
            self.suggestions.setCurrentRow(0)
            QWidget.setTabOrder(self.picker.query, self.suggestions)


class MoveDialog(QDialog):
    """Only beds the person may have are offered: never one kept for a regular or of a place whose
    age range does not fit (a coordinator also sees those, marked, to move there with a reason)."""

    moved = Signal(int)

    def __init__(self, desk: Desk, bed_night_id: int, night: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._bed_night_id = desk, bed_night_id
        self.setWindowTitle(f"Verplaatsen naar een ander bed — {dutch_night(night)}")
        self.target = QComboBox()
        self.target.setObjectName("moveTarget")
        for target in move_targets(desk, bed_night_id):
            self.target.addItem(target.text, target.bed_id)
        self.reason = QLineEdit()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Naar", self.target)
        form.addRow("Reden (alleen bij overrulen)", self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "&Verplaatsen", self._move)[0])

    def _move(self) -> None:
        if self.target.currentData() is None:
            self.error.setText("Er is deze nacht geen vrij bed dat bij deze persoon past om naar te verplaatsen.")
            self.error.show()
            return
        moved: list[int] = []
        target, reason = self.target.currentData(), self.reason.text()
        if not attempt(self.error, lambda: moved.append(move_bed(self._desk, self._bed_night_id, target, reason))):
            return
        self.moved.emit(moved[0])
        self.accept()


class EndStayDialog(QDialog):
    """Ending a stay always asks where the person went (every ended stay records its destination).

    With `correcting`, a coordinator corrects the destination of a stay that already ended (one
    the desk ended because the person stopped coming): the last night stays as it was.
    """

    ended = Signal()

    def __init__(
        self,
        desk: Desk,
        stay_id: int,
        person: str,
        last_night: date,
        parent: QWidget | None = None,
        *,
        correcting: bool = False,
    ) -> None:
        super().__init__(parent)
        self._desk, self._stay_id, self._correcting = desk, stay_id, correcting
        self.setWindowTitle(f"{'Bestemming verbeteren' if correcting else 'Verblijf beëindigen'}: {person}")
        self.last_night = date_edit(last_night)
        self.last_night.setEnabled(not correcting)
        self.outflow = QComboBox()
        self.outflow.setObjectName("outflow")
        self.outflow.addItem("— kies waar de persoon naartoe gaat —", None)
        for destination in Outflow:
            if destination.chosen_by_hand:
                self.outflow.addItem(destination.label, destination.value)
        self.to_origin = QCheckBox("Terug naar de gemeente van herkomst (telt voor de monitor)")
        self.to_origin.setObjectName("toOrigin")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Laatste nacht", self.last_night)
        form.addRow("&Uitstroom naar", self.outflow)
        form.addRow("", self.to_origin)
        # This dialog is the one question before something that cannot be taken back: say what happens.
        what = QLabel(
            f"Het verblijf van {person or 'deze persoon'} stopt na de laatste nacht hieronder; het bed "
            "komt daarna vrij. Dit is niet terug te draaien."
        )
        what.setObjectName("endStayWhat")
        what.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "Bestemming &opslaan" if correcting else "Verblijf &beëindigen", self._end)[0])
        self.outflow.setFocus()

    def _end(self) -> None:
        if self.outflow.currentData() is None:
            self.error.setText("Kies waar de persoon naartoe gaat; 'Onbekend' mag ook.")
            self.error.show()
            return
        outflow, to_origin = Outflow(self.outflow.currentData()), self.to_origin.isChecked()
        if self._correcting:
            done = attempt(self.error, lambda: correct_outflow(self._desk, self._stay_id, outflow, to_origin=to_origin))
        else:
            last = pydate(self.last_night.date())
            done = attempt(self.error, lambda: end_stay(self._desk, self._stay_id, last, outflow, to_origin=to_origin))
        if not done:
            return
        self.ended.emit()
        self.accept()


class TurnawayDialog(QDialog):
    """First the fitting free beds elsewhere; when none helps, the turnaway in two fields."""

    recorded = Signal(int)

    def __init__(self, desk: Desk, night: date, facility_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._night, self._facility_id = desk, night, facility_id
        self.reserved = ""  # the fitting bed reserved instead of a turnaway, for the page's confirmation
        self.reserved_bed_night: int | None = None
        self.setWindowTitle(f"Geen bed: afwijzing registreren — {dutch_night(night)}")
        fit_to_screen(self, 760, 560)
        hint = QLabel("Kies de persoon (of beschrijf wie het was). Eerst: past er ergens anders een vrij bed?")
        hint.setStyleSheet(HINT_STYLE)
        self.picker = PersonPicker(desk)
        self.picker.results.selectionModel().selectionChanged.connect(lambda *_: self.refresh_suggestions())
        self.picker.query.textChanged.connect(lambda _t: self.refresh_suggestions())
        self.suggestions = RecordList()
        self.suggestions.setObjectName("bedSuggestions")
        self.suggestions.record_activated.connect(self._reserve_suggestion)
        self.picker.chosen.connect(lambda _person: self.suggestions.setFocus())
        self.description = QLineEdit()
        self.description.setObjectName("turnawayDescription")
        self.description.setPlaceholderText("Alleen als de persoon onbekend blijft: bijv. 'man, ca. 40, geen naam'")
        self.reason = QComboBox()
        self.reason.setObjectName("turnawayReason")
        for reason in TurnawayReason:
            self.reason.addItem(reason.label, reason.value)
        self.referred_to = QComboBox()
        self.referred_to.setObjectName("referredTo")
        self.referred_to.setEditable(True)
        self.remark = QLineEdit()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Onbekende persoon", self.description)
        form.addRow("&Reden", self.reason)
        form.addRow("&Verwezen naar", self.referred_to)
        form.addRow("Toelichting", self.remark)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.picker, 1)
        layout.addWidget(QLabel("Vrije bedden die passen:"))
        layout.addWidget(self.suggestions)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons, self.ok = ok_cancel(self, "&Afwijzing registreren", self._record)
        layout.addWidget(buttons)
        self._suggested_for: object = _NOBODY_YET  # the choice the suggestions shown belong to
        self.suggester = BackgroundReader(self)
        self.suggester.busy.connect(self._say_busy)
        self.refresh_suggestions()

    @property
    def suggesting(self) -> bool:
        """True while the fitting beds of the latest choice are on their way from the database worker."""
        return self.suggester.is_reading()

    def _chosen(self) -> int | None:
        return self.picker.selected_person() if self.picker.query.text().strip() else None

    def refresh_suggestions(self) -> None:
        """Ask for the fitting free beds of the person as now chosen; the latest choice wins."""
        person_id = self._chosen()
        desk, night, facility_id = self._desk, self._night, self._facility_id
        self.ok.setEnabled(False)  # until the beds of this choice are shown (referred-to comes from them)
        self.suggester.run(
            lambda: fitting_free_beds(desk, person_id, night, exclude_facility_id=facility_id),
            partial(self._suggested, person_id),
            partial(self._not_suggested, person_id),
        )

    def _suggested(self, person_id: int | None, options: list[BedSuggestion]) -> None:
        # Without a fitting bed the list says so (a line of text, no bed behind it).
        self.suggestions.show_records(options or [NO_FITTING_BED], elsewhere_line)
        self.referred_to.clear()
        self.referred_to.addItem("")
        for option in options:
            self.referred_to.addItem(option.facility)
        self._settle(person_id)

    def _not_suggested(self, person_id: int | None, error: BaseException) -> None:
        """The database out of reach: say so; a turnaway can still be recorded (or be refused itself)."""
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        self.suggestions.show_records([error.message], str)
        self.referred_to.clear()
        self.referred_to.addItem("")
        self._settle(person_id)

    def _settle(self, person_id: int | None) -> None:
        self._suggested_for = person_id
        self.ok.setEnabled(True)
        if self.error.text() == SUGGESTIONS_COMING:
            self.error.hide()

    def _say_busy(self, busy: bool) -> None:
        if busy:  # (when it ends, the beds or the refusal replace the line)
            self.suggestions.show_records([BUSY_TEXT], str)

    def _current(self) -> bool:
        """The suggestions shown belong to the person as now chosen; otherwise say to wait."""
        if self.picker.searching or self.suggesting or self._suggested_for != self._chosen():
            if not self.picker.searching and not self.suggesting:
                self.refresh_suggestions()  # (a choice the dialog did not hear of: ask for it now)
            self.error.setText(SUGGESTIONS_COMING)
            self.error.show()
            return False
        return True

    def _record(self) -> None:
        if not self._current():
            return
        person_id = self._chosen()
        recorded: list[int] = []
        reason = TurnawayReason(self.reason.currentData())
        description, referred_to, remark = (
            self.description.text(),
            self.referred_to.currentText(),
            self.remark.text(),
        )
        if not attempt(
            self.error,
            lambda: recorded.append(
                record_turnaway(
                    self._desk,
                    self._night,
                    reason,
                    person_id=person_id,
                    description=description,
                    facility_id=self._facility_id,
                    referred_to=referred_to,
                    remark=remark,
                )
            ),
        ):
            return
        self.recorded.emit(recorded[0])
        self.accept()

    def _reserve_suggestion(self, option: object) -> None:
        """A fitting free bed helps more than a turnaway: reserve it for the chosen person."""
        if not isinstance(option, BedSuggestion) or not self._current():
            return
        bed_id = option.bed_id
        person_id = self._chosen()
        if person_id is None:
            self.error.setText("Zoek en kies eerst de persoon; dan kan dit bed voor hem of haar gereserveerd worden.")
            self.error.show()
            return
        made: list[int] = []
        if not attempt(self.error, lambda: made.append(assign_bed(self._desk, person_id, bed_id, self._night))):
            return
        bed_night = made[0]
        self.reserved = elsewhere_line(option).split(" — ")[0]
        self.reserved_bed_night = bed_night
        self.accept()


class ReleaseNoShowsDialog(QDialog):
    """Asks once, with the names: these reservations go; those made after the no-show hour stay."""

    def __init__(self, preview: NoShowRelease, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("No-shows vrijgeven")
        lines = [
            f"Voor: {', '.join(preview.facilities)}.",
            f"Na {preview.hour:%H:%M} niet opgehaald; deze {len(preview.due)} bedden worden vrijgegeven:",
        ]
        lines += [f"  • {n.person} — {n.facility}, bed {n.bed}" for n in preview.due]
        if preview.kept:
            lines.append(f"Gereserveerd na {preview.hour:%H:%M}, blijven staan:")
            lines += [
                f"  • {n.person} — {n.facility}, bed {n.bed} (gereserveerd {n.reserved_at})" for n in preview.kept
            ]
        lines.append("Dit kan vannacht ongedaan worden gemaakt zolang het bed en de persoon vrij zijn.")
        self.text = QLabel("\n".join(lines))
        self.text.setObjectName("releaseNames")
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(ok_cancel(self, f"{len(preview.due)} bedden &vrijgeven", self.accept)[0])
