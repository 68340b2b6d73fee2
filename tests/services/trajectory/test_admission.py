"""The admission decision: first shelter is never refused for lack of regiobinding or of an ID; an
admission starts the six-week investigation; the client gets a letter."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.trajectory import AdmissionOutcome, AdmissionReason, SleepingSituation
from shelter_desk.persistence.models import AdmissionDecision, Investigation
from shelter_desk.services.trajectory import admission_letter, admissions_of, record_admission

NIGHT = date(2026, 11, 24)


def _decisions(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AdmissionDecision))


def test_no_regiobinding_is_refused_as_a_reason_with_the_explanation_and_nothing_is_saved(db, desk, region):
    with pytest.raises(DeskError, match="geen reden om eerste opvang te weigeren") as refused:
        record_admission(
            desk,
            region.people["jan"],
            region.night_shelter,
            NIGHT,
            AdmissionOutcome.REFUSED,
            "geen_regiobinding",
            SleepingSituation.OUTSIDE,
            "komt uit Zwolle",
        )
    assert "Wmo 2015 art. 2.3.3" in refused.value.message
    assert _decisions(db) == 0


def test_no_id_written_in_the_remark_of_a_refusal_is_refused_too(db, desk, region):
    with pytest.raises(DeskError, match="‘Geen ID’ is geen reden"):
        record_admission(
            desk,
            region.people["jan"],
            region.night_shelter,
            NIGHT,
            AdmissionOutcome.REFUSED,
            AdmissionReason.HAS_HOUSING.value,
            SleepingSituation.OUTSIDE,
            "Heeft geen ID bij zich",
        )
    assert _decisions(db) == 0


def test_a_reason_of_another_outcome_is_refused(db, desk, region):
    with pytest.raises(DeskError, match="hoort niet bij het besluit"):
        record_admission(
            desk,
            region.people["jan"],
            region.night_shelter,
            NIGHT,
            AdmissionOutcome.REFUSED,
            AdmissionReason.FIRST_SHELTER.value,
            SleepingSituation.OUTSIDE,
            "x",
        )


def test_an_admission_starts_the_investigation_due_six_weeks_after_the_request(db, desk, region):
    decision = record_admission(
        desk,
        region.people["jan"],
        region.night_shelter,
        NIGHT,
        AdmissionOutcome.ADMITTED,
        AdmissionReason.FIRST_SHELTER.value,
        SleepingSituation.COUCH_OR_PASSANT,
    )
    history = admissions_of(desk, region.people["jan"])
    assert [v.decision_id for v in history.decisions] == [decision]
    assert history.decisions[0].investigation_due == date(2027, 1, 5)
    assert not history.decision_due
    with db.read() as session:
        investigation = session.scalars(select(Investigation)).one()
    assert (investigation.reported_on, investigation.due_on) == (NIGHT, date(2027, 1, 5))


def test_a_person_without_a_decision_needs_one(desk, region):
    assert admissions_of(desk, region.people["henk"]).decision_due


def test_a_referral_names_where_to(desk, region):
    with pytest.raises(DeskError, match="naar welke opvang"):
        record_admission(
            desk,
            region.people["sem"],
            region.night_shelter,
            NIGHT,
            AdmissionOutcome.REFERRED,
            AdmissionReason.YOUTH_SHELTER.value,
            SleepingSituation.OUTSIDE,
        )


def test_the_letter_is_a_pdf(desk, region):
    decision = record_admission(
        desk,
        region.people["jan"],
        region.night_shelter,
        NIGHT,
        AdmissionOutcome.ADMITTED,
        AdmissionReason.FIRST_SHELTER.value,
        SleepingSituation.OUTSIDE,
    )
    assert admission_letter(desk, decision).startswith(b"%PDF")
