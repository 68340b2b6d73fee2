"""Tonight's occupancy list and evacuation roll-call for one facility, as PDF bytes.

Gathers the board of the night into the report's plain data (only what night staff need) and
hands it to the reportlab layouts; the UI and the `print` command both call this.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.domain.stays import BedState
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.models import Facility, Person
from shelter_desk.reports.occupancy_data import OccupancyList, OccupancyRow, Presence
from shelter_desk.services.beds.board import read_boards, regulars_waiting
from shelter_desk.services.kernel.access_log import Action, log_accesses
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import winter_night_notes


class Layout(StrEnum):
    OCCUPANCY = "bezetting"
    ROLL_CALL = "appel"


_PRESENCE = {
    BedState.RESERVED: Presence.EXPECTED,
    BedState.CHECKED_IN: Presence.INSIDE,
    BedState.CHECKED_OUT: Presence.LEFT,
}

_REMARKS = {
    BedState.RESERVED: "gereserveerd",
    BedState.CHECKED_IN: "",
    BedState.CHECKED_OUT: "uitgecheckt",
}


def occupancy_data(desk: Desk, facility_id: int, night: date) -> OccupancyList:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return _occupancy(session, desk, facility_id, night)[0]


def occupancy_pdf(desk: Desk, facility_id: int, night: date, layout: Layout = Layout.OCCUPANCY) -> bytes:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        data, people = _occupancy(session, desk, facility_id, night)
        _log_print(session, desk, people, night, "appèllijst" if layout is Layout.ROLL_CALL else "bezettingslijst")
    # reportlab loads when printing, not when the desk starts
    from shelter_desk.reports.occupancy_pdf import render_occupancy_list, render_roll_call

    return render_roll_call(data) if layout is Layout.ROLL_CALL else render_occupancy_list(data)


def winter_night_list_pdf(desk: Desk, facility_id: int, night: date) -> bytes:
    """The winter night list of one location: everyone admitted, bed counts, phase, who keeps watch."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        data, people = _occupancy(session, desk, facility_id, night)
        data = replace(data, title="Winternachtlijst", notes=winter_night_notes(session, facility_id, night))
        _log_print(session, desk, people, night, "winternachtlijst")
    from shelter_desk.reports.occupancy_pdf import render_occupancy_list  # reportlab loads when printing

    return render_occupancy_list(data)


def facility_by_name_or_id(desk: Desk, given: str) -> int:
    """For the command line: a facility id, or a (unique part of a) facility name."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        if given.isdigit() and session.get(Facility, int(given)) is not None:
            return int(given)
        matches = session.execute(select(Facility.id, Facility.name).where(Facility.name.ilike(f"%{given}%"))).all()
    if len(matches) == 1:
        return int(matches[0][0])
    if not matches:
        raise DeskError(f"Geen voorziening gevonden met '{given}'.")
    raise DeskError(f"'{given}' past bij meerdere voorzieningen: " + ", ".join(name for _i, name in matches))


def _occupancy(session: Session, desk: Desk, facility_id: int, night: date) -> tuple[OccupancyList, list[int]]:
    """The list's data and the people on it (for the access log), from one board of one facility."""
    found = _occupancy_lists(session, desk, night, {facility_id})
    if not found:
        raise DeskError("Deze voorziening bestaat niet of is niet actief.")
    _facility_id, data, people = found[0]
    return data, people


def _occupancy_lists(
    session: Session,
    desk: Desk,
    night: date,
    facility_ids: set[int],
) -> list[tuple[int, OccupancyList, list[int]]]:
    """Per active facility of these: its id, its list's data and the people on it, from the boards.

    The one source of every printed list and of the local roll-call copy (`region_overview`),
    so the copy counts "Binnen" and "Verwacht / niet binnen" exactly as the live roll-call does.
    """
    if not facility_ids:
        return []
    boards = read_boards(session, night, facility_ids)
    facilities = {
        facility.id: facility
        for facility in session.scalars(
            select(Facility).where(Facility.id.in_([board.facility_id for board in boards]))
        )
    }
    person_ids = [cell.person_id for board in boards for cell in board.beds if cell.person_id is not None]
    births = {
        pid: (born, approximate)
        for pid, born, approximate in session.execute(
            select(Person.id, Person.date_of_birth, Person.date_of_birth_approximate).where(Person.id.in_(person_ids))
        )
    }
    demo = demo_marked(session)
    # Until the no-show hour a free bed may wait for last night's regular: the list says for whom.
    hour = read_settings(session).night_no_show_hour
    kept = regulars_waiting(session, night, desk.now(), None, facility_ids)
    found = []
    for board in boards:
        facility = facilities[board.facility_id]
        address = ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part)
        rows = []
        for cell in board.beds:
            if cell.state is BedState.CLOSED and cell.person_id is None:
                continue
            born, approximate = births.get(cell.person_id or -1, (None, False))
            year = "" if born is None else (f"ca. {born.year}" if approximate else str(born.year))
            remark = cell.held or _REMARKS.get(cell.state, "")
            if cell.state is BedState.CHECKED_OUT and cell.check_out:
                remark = f"uitgecheckt {cell.check_out}"
            rows.append(
                OccupancyRow(
                    bed=cell.label,
                    is_overflow=cell.is_overflow,
                    name=cell.occupant,
                    birth_year=year,
                    check_in=cell.check_in,
                    remarks=remark,
                    safety_note=cell.safety,
                    presence=_PRESENCE.get(cell.state, Presence.INSIDE),
                    kept_for=kept.get(cell.bed_id, "") if cell.state is BedState.FREE else "",
                    kept_until=f"{hour:%H:%M}" if cell.state is BedState.FREE and cell.bed_id in kept else "",
                )
            )
        data = OccupancyList(
            facility=board.name,
            facility_kind=board.kind.label,
            address=address,
            night=night,
            night_text=dutch_night(night),
            printed_at=desk.now(),
            printed_by=desk.worker or "balie",
            rows=tuple(rows),
            capacity=board.capacity,
            is_demo=demo,
        )
        found.append((board.facility_id, data, [cell.person_id for cell in board.beds if cell.person_id is not None]))
    return found


def _log_print(session: Session, desk: Desk, people: list[int], night: date, what: str) -> None:
    """Printing names is disclosure on paper: one log entry per person on the list."""
    log_accesses(session, desk, Action.PRINT, sorted(set(people)), detail=f"{what} {night.isoformat()}")
