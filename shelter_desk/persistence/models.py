"""The core tables as typed SQLAlchemy 2 models; later features add theirs via new migrations.

The database itself carries the rules that must hold even when two desks write at once: one
person per bed per night and one bed per person per night are unique constraints on `bed_night`.
"""

from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shelter_desk.domain.cards import CardName, RevokeReason
from shelter_desk.domain.consent import ConsentPurpose
from shelter_desk.domain.dropin import LockerOutcome
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import Consent, HomelessnessRoute
from shelter_desk.domain.plans import GoalStatus
from shelter_desk.domain.postal import EndReason, PostalStatus, SenderKind
from shelter_desk.domain.roles import Role
from shelter_desk.domain.safety import IncidentKind, KeepApartScope, SafetyNetwork
from shelter_desk.domain.spreadsheet_import import ImportKind
from shelter_desk.domain.stays import BedNightStatus, FeeStatus, Outflow, StayPeriod, StayUnit, TurnawayReason
from shelter_desk.domain.street_contacts import StreetOutcome
from shelter_desk.domain.trajectory import (
    AdmissionOutcome,
    AdmissionReason,
    ApplicationDecision,
    ApplicationStatus,
    HousingStatus,
    Referrer,
    SleepingSituation,
)
from shelter_desk.domain.transfers import TransferStatus
from shelter_desk.domain.winter import ActivationChange, WinterPhase
from shelter_desk.persistence.types import StoredEnum, StoredIntEnum, UtcDateTime, utc_now

# Named constraints let SQLite batch migrations find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Region(Base):
    """An MO region: the centrumgemeente and the municipalities it shelters for."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    centre_municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), unique=True)

    facilities: Mapped[list["Facility"]] = relationship(back_populates="region")


class Municipality(Base):
    """A Dutch municipality by CBS code, with its MO centrumgemeente where known (else NULL).

    The system never guesses a missing centrumgemeente: no national mapping exists in machine-
    readable form, so an administrator imports or edits it and the desk asks when it is absent.
    """

    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    province_code: Mapped[str] = mapped_column(String(2))
    province_name: Mapped[str] = mapped_column(String(50))
    centre_municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"), index=True)


class Facility(Base):
    __tablename__ = "facility"
    __table_args__ = (
        CheckConstraint("min_age IS NULL OR min_age >= 0", name="min_age_not_negative"),
        CheckConstraint("max_age IS NULL OR min_age IS NULL OR max_age >= min_age", name="age_range_ordered"),
        CheckConstraint("max_stay_length IS NULL OR max_stay_length > 0", name="max_stay_positive"),
        CheckConstraint("(max_stay_length IS NULL) = (max_stay_unit IS NULL)", name="max_stay_has_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[FacilityKind] = mapped_column(
        Enum(
            FacilityKind,
            native_enum=False,
            length=30,
            values_callable=lambda e: [m.value for m in e],
            create_constraint=True,
            name="facility_kind",
        )
    )
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    # The maximum stay as a period ("3 maanden"): length and unit, both NULL for no maximum.
    max_stay_length: Mapped[int | None]
    max_stay_unit: Mapped[StayUnit | None] = mapped_column(StoredEnum(StayUnit, 10))
    provider: Mapped[str] = mapped_column(String(120), default="")
    street: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Nightly contribution in cents; NULL takes the organisation default (night.default_fee).
    night_fee_cents: Mapped[int | None]
    # Who to call at this facility tonight (other desks' overview, referral slips); NULL: unknown.
    phone: Mapped[str | None] = mapped_column(String(30))
    # Places given by a coordinator's decision on an application (KDO and trajectkamers always are).
    allocates_by_decision: Mapped[bool] = mapped_column(default=False, server_default=false())

    region: Mapped[Region] = relationship(back_populates="facilities")
    beds: Mapped[list["Bed"]] = relationship(back_populates="facility", order_by="Bed.position")

    @property
    def max_stay(self) -> StayPeriod | None:
        if self.max_stay_length is None or self.max_stay_unit is None:
            return None
        return StayPeriod(self.max_stay_length, self.max_stay_unit)

    @max_stay.setter
    def max_stay(self, period: StayPeriod | None) -> None:
        self.max_stay_length = period.length if period else None
        self.max_stay_unit = period.unit if period else None


class Bed(Base):
    """A bed or place; overflow beds are closed unless a coordinator or the winter rule opens them."""

    __tablename__ = "bed"
    __table_args__ = (UniqueConstraint("facility_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    label: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    is_overflow: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    facility: Mapped["Facility"] = relationship(back_populates="beds")


# Merged into another record, or anonymised: a record no list of people shows.
PERSON_UNLISTED = "merged_into_id IS NOT NULL OR alias = 'geanonimiseerd'"


class Person(Base):
    """Someone the desk has met. Name or alias suffices; everything else may be unknown."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(
            "coalesce(first_name, '') <> '' OR coalesce(last_name, '') <> '' OR coalesce(alias, '') <> ''",
            name="has_name_or_alias",
        ),
        # The few merged and anonymised records, found without reading everyone (the data-quality
        # counts leave them out).
        Index(
            "ix_person_unlisted",
            "id",
            sqlite_where=text(PERSON_UNLISTED),
            postgresql_where=text(PERSON_UNLISTED),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str | None] = mapped_column(String(80))
    name_prefix: Mapped[str | None] = mapped_column(String(20))
    last_name: Mapped[str | None] = mapped_column(String(120))
    alias: Mapped[str | None] = mapped_column(String(80))
    date_of_birth: Mapped[date | None]
    date_of_birth_approximate: Mapped[bool] = mapped_column(default=False)
    gender: Mapped[str | None] = mapped_column(String(20))
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)
    nationality: Mapped[str | None] = mapped_column(String(60))
    origin_municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"), index=True)
    safety_notes: Mapped[str] = mapped_column(Text, default="")
    last_street: Mapped[str] = mapped_column(String(120), default="")
    last_postcode: Mapped[str] = mapped_column(String(7), default="")
    last_city: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    homelessness_route: Mapped[HomelessnessRoute] = mapped_column(
        StoredEnum(HomelessnessRoute, 30), default=HomelessnessRoute.UNKNOWN
    )
    consent: Mapped[Consent] = mapped_column(StoredEnum(Consent, 20), default=Consent.NOT_ASKED)
    consent_date: Mapped[date | None]
    # The language of the client documents (house rules, letters, card): a catalogue code, "nl" by default.
    document_language: Mapped[str] = mapped_column(String(10), default="nl", server_default="nl")
    # A record absorbed by a merge stays (so the merge can be undone) but points at the kept one.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Indexed: desks poll the newest change to keep their search index current.
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now, index=True)


class PersonNote(Base):
    """A dated note on a person by a desk worker (moves with the person on a merge)."""

    __tablename__ = "person_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(80), default="")
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Restriction(Base):
    """A time-limited ban from one facility (or all, facility NULL); safety bans hold in winter too."""

    __tablename__ = "restriction"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    is_safety: Mapped[bool] = mapped_column(default=False)
    alternative_facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class PersonMerge(Base):
    """A merge of two records, with what it changed, so that it can be undone exactly.

    `moved_rows` is JSON: {table: [row ids]} of the absorbed person's rows that moved to the kept
    person. `kept_before` / `kept_after` are JSON field values of the kept record around the merge;
    `absorbed_before` holds the absorbed record's fields (its BSN moves to the kept one).
    """

    __tablename__ = "person_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    absorbed_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    moved_rows: Mapped[str] = mapped_column(Text)
    kept_before: Mapped[str] = mapped_column(Text)
    kept_after: Mapped[str] = mapped_column(Text)
    absorbed_before: Mapped[str] = mapped_column(Text)
    merged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Stay(Base):
    """A person's stay at a facility: one night or a run of nights, or a short-stay placement.

    `end_night` is the last night slept there (NULL while the stay runs); `outflow` says where the
    person went when it ended: every ended stay records one.
    """

    __tablename__ = "stay"
    __table_args__ = (
        CheckConstraint("end_night IS NULL OR end_night >= start_night", name="ends_after_start"),
        CheckConstraint("planned_end_night IS NULL OR planned_end_night >= start_night", name="planned_after_start"),
        Index("ix_stay_facility_open", "facility_id", "end_night"),
        # Ended stays by destination (and whose): the data-quality count of the unknown ones in the last year.
        Index("ix_stay_outflow_end", "outflow", "end_night", "person_id"),
        # A region's people and its stays ended "bestemming onbekend": its stays running or ended in
        # the last year, per facility, read from the index alone.
        Index("ix_stay_facility_end_person", "facility_id", "end_night", "outflow", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    start_night: Mapped[date]
    planned_end_night: Mapped[date | None]
    end_night: Mapped[date | None]
    outflow: Mapped[Outflow | None] = mapped_column(StoredEnum(Outflow, 40))
    # Counted by the monitor: the person went back to (the shelter of) the municipality of origin.
    outflow_to_origin: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    nights: Mapped[list["BedNight"]] = relationship(back_populates="stay", order_by="BedNight.night")
    facility: Mapped["Facility"] = relationship()


class BedNight(Base):
    """One person in one bed on one night: the unit of occupancy, and of double-booking safety."""

    __tablename__ = "bed_night"
    __table_args__ = (
        # Partial: a released no-show keeps its row for the record but frees bed and person.
        Index(
            "uq_bed_night_bed_night",
            "bed_id",
            "night",
            unique=True,
            sqlite_where=text("status <> 'no_show'"),
            postgresql_where=text("status <> 'no_show'"),
        ),
        Index(
            "uq_bed_night_person_night",
            "person_id",
            "night",
            unique=True,
            sqlite_where=text("status <> 'no_show'"),
            postgresql_where=text("status <> 'no_show'"),
        ),
        CheckConstraint("status IN ('gereserveerd', 'ingecheckt', 'uitgecheckt', 'no_show')", name="known_status"),
        CheckConstraint(
            "check_out_at IS NULL OR check_in_at IS NULL OR check_out_at >= check_in_at",
            name="check_out_after_check_in",
        ),
        Index("ix_bed_night_night", "night"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    # Denormalised from the stay so that the database can refuse one person in two beds a night.
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id"))
    night: Mapped[date]
    status: Mapped[BedNightStatus] = mapped_column(StoredEnum(BedNightStatus, 20), default=BedNightStatus.RESERVED)
    check_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When the bed was reserved (NULL for nights from before this was kept): a reservation made
    # after the night's no-show hour is not released with the no-shows of that hour.
    reserved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    check_out_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fee_cents: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    fee_status: Mapped[FeeStatus] = mapped_column(
        StoredEnum(FeeStatus, 20), default=FeeStatus.NONE, server_default=text("'geen'")
    )
    # Why a coordinator allowed this bed despite an age or restriction refusal ("" when none).
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))

    stay: Mapped[Stay] = relationship(back_populates="nights")


class OverflowOpening(Base):
    """A coordinator opened a facility's overflow beds for one night (winter nights open them too)."""

    __tablename__ = "overflow_opening"
    __table_args__ = (UniqueConstraint("facility_id", "night"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    night: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    opened_by: Mapped[str] = mapped_column(String(80), default="")
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Turnaway(Base):
    """Someone the desk could not give a bed: nobody should sleep outside for lack of shelter, so every
    turnaway is recorded (who, when, why, where referred) and is a headline figure of the monitor."""

    __tablename__ = "turnaway"
    __table_args__ = (
        CheckConstraint("reason IN ('vol', 'leeftijd', 'beperking', 'anders')", name="known_reason"),
        Index("ix_turnaway_night", "night"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    night: Mapped[date]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    description: Mapped[str] = mapped_column(String(200), default="")  # for an anonymous person
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"))
    reason: Mapped[TurnawayReason] = mapped_column(StoredEnum(TurnawayReason, 20))
    remark: Mapped[str] = mapped_column(Text, default="")
    referred_to: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class OrganisationSetting(Base):
    """A changed organisation setting; absent keys take the default from the settings catalogue."""

    __tablename__ = "organisation_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class DatabaseInfo(Base):
    """Facts about this database file itself, such as whether it holds demo data."""

    __tablename__ = "database_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class WinterActivation(Base):
    """A coordinator's decision: the winter arrangement holds in a region for these nights."""

    __tablename__ = "winter_activation"
    __table_args__ = (
        CheckConstraint("last_night >= first_night", name="ends_after_start"),
        CheckConstraint("phase IN (1, 2)", name="known_phase"),
        Index("ix_winter_activation_nights", "region_id", "first_night", "last_night"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    first_night: Mapped[date]
    last_night: Mapped[date]
    phase: Mapped[WinterPhase] = mapped_column(StoredIntEnum(WinterPhase))
    remark: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    changes: Mapped[list["WinterActivationChange"]] = relationship(order_by="WinterActivationChange.at")
    # The forecast the decision rested on, night by night, to compare with what the weather did.
    forecast: Mapped[list["WinterForecastNight"]] = relationship(order_by="WinterForecastNight.night")


class WinterActivationChange(Base):
    """Every change to an activation (start, extension, early end, phase), with who and when."""

    __tablename__ = "winter_activation_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("winter_activation.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    by: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[ActivationChange] = mapped_column(StoredEnum(ActivationChange, 40))
    detail: Mapped[str] = mapped_column(Text, default="")


class WinterStaffing(Base):
    """Who guards a winter location on a night: printed on the winter night list."""

    __tablename__ = "winter_staffing"
    __table_args__ = (UniqueConstraint("facility_id", "night"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    night: Mapped[date]
    security: Mapped[str] = mapped_column(String(200), default="")
    waking_watch: Mapped[str] = mapped_column(String(200), default="")


class WinterForecastNight(Base):
    """One night of the forecast an activation rested on: the values typed or read, and what they gave."""

    __tablename__ = "winter_forecast_night"
    __table_args__ = (
        UniqueConstraint("activation_id", "night"),
        CheckConstraint("phase IN (0, 1, 2)", name="known_phase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("winter_activation.id"))
    night: Mapped[date]
    temperature: Mapped[float]  # forecast minimum air temperature, °C
    wind_kmh: Mapped[float]
    felt: Mapped[float]  # felt temperature as shown (rounded to 0.1 °C)
    phase: Mapped[WinterPhase] = mapped_column(StoredIntEnum(WinterPhase))


class StreetContact(Base):
    """Someone the outreach met outside on an activated winter night: where, whether a bed was
    offered, the outcome, and (when accepted) the facility that now expects them on its board."""

    __tablename__ = "street_contact"
    __table_args__ = (
        CheckConstraint("outcome IN ('geaccepteerd', 'geweigerd', 'heeft_plek')", name="known_outcome"),
        CheckConstraint("outcome <> 'geaccepteerd' OR facility_id IS NOT NULL", name="accepted_with_facility"),
        Index("ix_street_contact_night", "region_id", "night"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    night: Mapped[date]
    seen_at: Mapped[time]  # local clock time; after midnight still the night of its evening
    place: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")  # 20: room for the anonymised mark
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    description: Mapped[str] = mapped_column(String(200), default="")  # for an unknown person
    bed_offered: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[StreetOutcome] = mapped_column(StoredEnum(StreetOutcome, 20))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"))
    remark: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class UserAccount(Base):
    """A desk worker's account: argon2 password hash, role, and the brake on guessing passwords."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('balie', 'begeleider', 'coordinator', 'beheerder')", name="known_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(StoredEnum(Role, 20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AccessLogEntry(Base):
    """One line of the NEN 7513-style access log. Append-only: triggers refuse UPDATE and DELETE,
    and each entry's hash covers the previous one, so a removed or altered line is detectable."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_person", "person_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    username: Mapped[str] = mapped_column(String(80))
    workstation: Mapped[str] = mapped_column(String(120))
    person_id: Mapped[int | None]  # no foreign key: the log outlives anonymisation and merges
    action: Mapped[str] = mapped_column(String(30))
    fields: Mapped[str] = mapped_column(Text, default="")  # names of changed fields, never values
    detail: Mapped[str] = mapped_column(Text, default="")
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class DeskPresence(Base):
    """Each open desk's heartbeat, so a restore can refuse while another desk has the database open."""

    __tablename__ = "desk_presence"

    workstation: Mapped[str] = mapped_column(String(120), primary_key=True)
    process_id: Mapped[int]
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class PostalAddress(Base):
    """A postal address at an address-giving location; one requested-or-active per person."""

    __tablename__ = "postal_address"
    __table_args__ = (
        # A region's active addresses past their review date (the data-quality count).
        Index("ix_postal_address_review", "facility_id", "status", "review_date"),
        CheckConstraint("status IN ('aangevraagd', 'actief', 'beeindigd')", name="known_status"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        Index(
            "uq_postal_address_person_open",
            "person_id",
            unique=True,
            sqlite_where=text("status <> 'beeindigd'"),
            postgresql_where=text("status <> 'beeindigd'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    status: Mapped[PostalStatus] = mapped_column(StoredEnum(PostalStatus, 20))
    start_date: Mapped[date]
    review_date: Mapped[date]
    consent_by: Mapped[str] = mapped_column(String(120))
    consent_on: Mapped[date]
    end_date: Mapped[date | None]
    end_reason: Mapped[EndReason | None] = mapped_column(StoredEnum(EndReason, 30))
    end_remark: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class MailItem(Base):
    """One item of mail for a person at their postal address: in, and out (handed over or returned)."""

    __tablename__ = "mail_item"
    __table_args__ = (Index("ix_mail_item_waiting", "postal_address_id", "picked_up_on", "returned_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    postal_address_id: Mapped[int] = mapped_column(ForeignKey("postal_address.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    received_on: Mapped[date]
    sender_kind: Mapped[SenderKind] = mapped_column(StoredEnum(SenderKind, 30))
    sender: Mapped[str] = mapped_column(String(120), default="")
    registered: Mapped[bool] = mapped_column(default=False)  # aangetekend
    picked_up_on: Mapped[date | None]
    handed_by: Mapped[str] = mapped_column(String(120), default="")
    id_checked: Mapped[bool] = mapped_column(default=False)
    returned_on: Mapped[date | None]
    logged_by: Mapped[str] = mapped_column(String(80), default="")


class Investigation(Base):
    """The regiobinding investigation after first shelter (Wmo 2015 art. 2.3.2: six weeks)."""

    __tablename__ = "investigation"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))  # where the person reported
    reported_on: Mapped[date]
    provision_on: Mapped[date | None]  # temporary provision granted
    due_on: Mapped[date]
    decided_on: Mapped[date | None]
    decided_centre_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    reasoning: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(80), default="")

    facts: Mapped[list["InvestigationFact"]] = relationship(cascade="all, delete-orphan")


class InvestigationFact(Base):
    """The factors recorded for one municipality in play."""

    __tablename__ = "investigation_fact"
    __table_args__ = (UniqueConstraint("investigation_id", "municipality_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    investigation_id: Mapped[int] = mapped_column(ForeignKey("investigation.id"))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))
    factors: Mapped[str] = mapped_column(String(200), default="")  # comma-separated Factor values
    registration_years: Mapped[int] = mapped_column(default=0)
    contra_indication: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Transfer(Base):
    """A warm transfer to another centrumgemeente, followed until the person has moved."""

    __tablename__ = "transfer"
    __table_args__ = (
        CheckConstraint("status IN ('aangevraagd', 'geaccepteerd', 'geweigerd', 'verhuisd')", name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    investigation_id: Mapped[int] = mapped_column(ForeignKey("investigation.id"))
    to_centre_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))
    contact: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(200), default="")
    consent_on: Mapped[date]
    status: Mapped[TransferStatus] = mapped_column(StoredEnum(TransferStatus, 20), default=TransferStatus.REQUESTED)
    requested_on: Mapped[date]
    answered_on: Mapped[date | None]
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    to_dispute_committee: Mapped[bool] = mapped_column(default=False)
    moved_on: Mapped[date | None]


class ClientCard(Base):
    """A client card: a random number with a check digit that opens the person's record at the desk.

    A revoked card keeps its row, so a scan of a lost card is refused with the reason instead of
    being taken for a typing error; numbers are never given out twice.
    """

    __tablename__ = "client_card"
    __table_args__ = (CheckConstraint("revoked_at IS NULL OR revoke_reason IS NOT NULL", name="revoked_with_reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    number: Mapped[str] = mapped_column(String(10), unique=True)
    name_choice: Mapped[CardName] = mapped_column(StoredEnum(CardName, 20))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))  # the issuing location
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    issued_by: Mapped[str] = mapped_column(String(80), default="")
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoke_reason: Mapped[RevokeReason | None] = mapped_column(StoredEnum(RevokeReason, 20))
    revoked_by: Mapped[str] = mapped_column(String(80), default="")

    facility: Mapped["Facility"] = relationship()


class DropInHours(Base):
    """When a drop-in is open on one weekday (0 = Monday); a day without a row is a closed day."""

    __tablename__ = "dropin_hours"
    __table_args__ = (
        UniqueConstraint("facility_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="known_weekday"),
        CheckConstraint("closes > opens", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    weekday: Mapped[int]
    opens: Mapped[time]
    closes: Mapped[time]


class DropInVisit(Base):
    """One visit to a drop-in on a day: with the person when they gave a name, else a head count."""

    __tablename__ = "dropin_visit"
    __table_args__ = (
        # A named visitor is counted once a day per drop-in; anonymous visits are each their own row.
        Index(
            "uq_dropin_visit_person_day",
            "facility_id",
            "day",
            "person_id",
            unique=True,
            sqlite_where=text("person_id IS NOT NULL"),
            postgresql_where=text("person_id IS NOT NULL"),
        ),
        Index("ix_dropin_visit_day", "facility_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    day: Mapped[date]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")

    services: Mapped[list["DropInService"]] = relationship(order_by="DropInService.id", cascade="all, delete-orphan")


class DropInService(Base):
    """A service given during a visit (meal, shower...), by its name in the organisation's list."""

    __tablename__ = "dropin_service"
    __table_args__ = (CheckConstraint("quantity BETWEEN 1 AND 20", name="quantity_in_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("dropin_visit.id"), index=True)
    service: Mapped[str] = mapped_column(String(60))
    quantity: Mapped[int] = mapped_column(default=1)
    given_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    given_by: Mapped[str] = mapped_column(String(80), default="")


class LockerItem(Base):
    """Belongings kept for a person in a labelled locker until a date; one item per locker at a time."""

    __tablename__ = "locker_item"
    __table_args__ = (
        Index(
            "uq_locker_item_in_use",
            "facility_id",
            "label",
            unique=True,
            sqlite_where=text("cleared_on IS NULL"),
            postgresql_where=text("cleared_on IS NULL"),
        ),
        CheckConstraint("keep_until >= stored_on", name="kept_after_storing"),
        CheckConstraint("cleared_on IS NULL OR outcome IS NOT NULL", name="cleared_with_outcome"),
        Index("ix_locker_item_open", "facility_id", "cleared_on", "keep_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    label: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    stored_on: Mapped[date]
    keep_until: Mapped[date]
    stored_by: Mapped[str] = mapped_column(String(80), default="")
    cleared_on: Mapped[date | None]
    outcome: Mapped[LockerOutcome | None] = mapped_column(StoredEnum(LockerOutcome, 20))
    cleared_by: Mapped[str] = mapped_column(String(80), default="")


class HandoverEntry(Base):
    """One entry of a location's shift handover; personal data when it names persons."""

    __tablename__ = "handover_entry"
    __table_args__ = (Index("ix_handover_entry_location", "facility_id", "written_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    written_by: Mapped[str] = mapped_column(String(80), default="")
    text: Mapped[str] = mapped_column(Text)
    must_read: Mapped[bool] = mapped_column(default=False)

    persons: Mapped[list["HandoverPerson"]] = relationship(cascade="all, delete-orphan")
    reads: Mapped[list["HandoverRead"]] = relationship(cascade="all, delete-orphan", order_by="HandoverRead.read_at")


class HandoverPerson(Base):
    """A person an entry is about (no unique pair: a merge may bring two links of one entry together)."""

    __tablename__ = "handover_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("handover_entry.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)


class HandoverRead(Base):
    """A worker of a later shift read the entry."""

    __tablename__ = "handover_read"
    __table_args__ = (UniqueConstraint("entry_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("handover_entry.id"))
    username: Mapped[str] = mapped_column(String(80))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Plan(Base):
    """A person's personal plan: who guides it and when it is next reviewed; one open plan per person."""

    __tablename__ = "plan"
    __table_args__ = (
        Index(
            "uq_plan_person_open",
            "person_id",
            unique=True,
            sqlite_where=text("closed_on IS NULL"),
            postgresql_where=text("closed_on IS NULL"),
        ),
        Index("ix_plan_review", "closed_on", "review_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    counsellor: Mapped[str] = mapped_column(String(120))
    started_on: Mapped[date]
    review_on: Mapped[date]
    reviewed_on: Mapped[date | None]
    closed_on: Mapped[date | None]

    goals: Mapped[list["PlanGoal"]] = relationship(order_by="PlanGoal.id", cascade="all, delete-orphan")


class PlanGoal(Base):
    """A goal in one life domain, with the actions agreed to reach it."""

    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    domain: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[GoalStatus] = mapped_column(StoredEnum(GoalStatus, 20), default=GoalStatus.OPEN)
    created_on: Mapped[date]

    actions: Mapped[list["PlanAction"]] = relationship(order_by="PlanAction.id", cascade="all, delete-orphan")


class PlanAction(Base):
    """An agreed action: what, who does it, by when, and when it was done."""

    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]


class Assessment(Base):
    """A self-sufficiency assessment of a person over the life domains on one date."""

    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_person", "person_id", "assessed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    assessed_on: Mapped[date]
    assessed_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    scores: Mapped[list["AssessmentScore"]] = relationship(order_by="AssessmentScore.id", cascade="all, delete-orphan")


class AssessmentScore(Base):
    """One life domain's score (1 acute problems … 5 fully self-sufficient) in an assessment."""

    __tablename__ = "assessment_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "domain"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    domain: Mapped[str] = mapped_column(String(60))
    score: Mapped[int]


class AdmissionDecision(Base):
    """The decision on a request for shelter: admitted (first shelter), referred on, or refused, and why."""

    __tablename__ = "admission_decision"
    __table_args__ = (Index("ix_admission_decision_person", "person_id", "requested_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))  # where the person asked
    requested_on: Mapped[date]
    outcome: Mapped[AdmissionOutcome] = mapped_column(StoredEnum(AdmissionOutcome, 20))
    reason: Mapped[AdmissionReason] = mapped_column(StoredEnum(AdmissionReason, 30))
    remark: Mapped[str] = mapped_column(Text, default="")
    referred_to: Mapped[str] = mapped_column(String(200), default="")
    sleeping_situation: Mapped[SleepingSituation] = mapped_column(StoredEnum(SleepingSituation, 20))
    investigation_due: Mapped[date | None]
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class PlaceApplication(Base):
    """An application for a place given by decision (KDO, trajectkamer): intake, decision, waiting list."""

    __tablename__ = "place_application"
    __table_args__ = (
        Index("ix_place_application_list", "facility_id", "status"),
        CheckConstraint("closed_on IS NULL OR closed_on >= applied_on", name="closed_after_applied"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    referrer: Mapped[Referrer] = mapped_column(StoredEnum(Referrer, 20))
    applied_on: Mapped[date]
    motivation: Mapped[str] = mapped_column(Text, default="")
    intake_on: Mapped[date | None]
    intake_note: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[ApplicationDecision | None] = mapped_column(StoredEnum(ApplicationDecision, 20))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None]
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    priority: Mapped[int] = mapped_column(default=0)
    priority_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ApplicationStatus] = mapped_column(StoredEnum(ApplicationStatus, 20))
    closed_on: Mapped[date | None]
    close_reason: Mapped[str] = mapped_column(Text, default="")
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stay.id"))
    created_by: Mapped[str] = mapped_column(String(80), default="")


class HousingReferral(Base):
    """A referral to a housing programme, followed until the person moved (or was refused)."""

    __tablename__ = "housing_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    programme: Mapped[str] = mapped_column(String(80))
    status: Mapped[HousingStatus] = mapped_column(StoredEnum(HousingStatus, 20))
    requested_on: Mapped[date]
    urgency_on: Mapped[date | None]
    offered_on: Mapped[date | None]
    moved_on: Mapped[date | None]
    refused_on: Mapped[date | None]
    remark: Mapped[str] = mapped_column(Text, default="")
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stay.id"))  # the stay the move ended
    created_by: Mapped[str] = mapped_column(String(80), default="")


class ImportColumn(Base):
    """A column of the organisation's own spreadsheet and the desk field it was mapped to, per kind
    of import: remembered so the next file of the same shape maps itself. Holds no client data."""

    __tablename__ = "import_column"

    kind: Mapped[ImportKind] = mapped_column(StoredEnum(ImportKind, 10), primary_key=True)
    header: Mapped[str] = mapped_column(String(120), primary_key=True)
    field: Mapped[str] = mapped_column(String(40))


# "This bed-night occupies its bed", written as a literal rather than a bound parameter: SQLite
# uses a partial index (our unique indexes on bed+night and person+night) only when the query's
# condition visibly implies the index's own WHERE clause.
OCCUPYING = BedNight.status != literal_column("'no_show'")


class Incident(Base):
    """An incident at a facility: when, what kind, what happened and what was done, who was called."""

    __tablename__ = "incident"
    __table_args__ = (Index("ix_incident_occurred", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    kind: Mapped[IncidentKind] = mapped_column(StoredEnum(IncidentKind, 30))
    what_happened: Mapped[str] = mapped_column(Text)
    what_was_done: Mapped[str] = mapped_column(Text, default="")
    # Someone not on record ("onbekende persoon"), described; "" when everyone is known or nobody.
    unknown_person: Mapped[str] = mapped_column(Text, default="")
    staff_involved: Mapped[str] = mapped_column(String(200), default="")
    police_called: Mapped[bool] = mapped_column(default=False)
    ambulance_called: Mapped[bool] = mapped_column(default=False)
    security_called: Mapped[bool] = mapped_column(default=False)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    persons: Mapped[list["IncidentPerson"]] = relationship(cascade="all, delete-orphan", order_by="IncidentPerson.id")


class IncidentPerson(Base):
    """A client involved in an incident."""

    __tablename__ = "incident_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)


class IncidentRestriction(Base):
    """A restriction (ban) made from an incident: reviewing the ban shows what led to it."""

    __tablename__ = "incident_restriction"
    __table_args__ = (UniqueConstraint("incident_id", "restriction_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"))
    restriction_id: Mapped[int] = mapped_column(ForeignKey("restriction.id"), index=True)


class KeepApart(Base):
    """Two persons who must not be placed together (same facility, or the same night anywhere)."""

    __tablename__ = "keep_apart"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("person_id <> other_person_id", name="two_persons"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    other_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    scope: Mapped[KeepApartScope] = mapped_column(StoredEnum(KeepApartScope, 20))
    reason: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PersonConsent(Base):
    """Consent for one purpose, given (or refused) for a period; a renewal is a new row from its start."""

    __tablename__ = "person_consent"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        Index("ix_person_consent_ends", "ends_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    purpose: Mapped[ConsentPurpose] = mapped_column(StoredEnum(ConsentPurpose, 20))
    given: Mapped[bool] = mapped_column(default=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Escalation(Base):
    """A person's case in the safety network: with whom, the agreed next step, what the desk must do."""

    __tablename__ = "escalation"
    __table_args__ = (CheckConstraint("closed_on IS NULL OR closed_on >= started_on", name="closed_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    network: Mapped[SafetyNetwork] = mapped_column(StoredEnum(SafetyNetwork, 30))
    started_on: Mapped[date]
    case_manager: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    desk_instruction: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    closed_on: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_by: Mapped[str] = mapped_column(String(80), default="")
