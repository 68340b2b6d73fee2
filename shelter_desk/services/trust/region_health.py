"""`shelter-desk region check`: for the region's IT, what is right and what to fix on a region's server.

Read-only, one snapshot: the server's version, TLS on this desk's connection, the desk role's
rights (no UPDATE, DELETE or TRUNCATE on the access log, no superuser, no say over the schema
version), the log key's fingerprint against this desk's key, the chain from its first line, the
age of the last backup a desk made, this desk's clock against the server's (a desk whose clock
is off puts people on the wrong night) and the schema revision. Each item says OK or what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.migrations import head_revision
from shelter_desk.services.kernel.access_log import KeyProblem, check_chain
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.trust.backups import last_good_backup

MINIMUM_SERVER = 150000  # PostgreSQL 15
CLOCK_TOLERANCE = timedelta(minutes=2)
_LOG_RIGHTS = ("UPDATE", "DELETE", "TRUNCATE")


@dataclass(frozen=True)
class CheckItem:
    name: str
    ok: bool
    text: str  # what was found, and when not OK what to do

    def line(self) -> str:
        return f"{'OK  ' if self.ok else 'FOUT'}  {self.name}: {self.text}"


def region_check(desk: Desk) -> list[CheckItem]:
    """Every item of the check, in order; changes nothing in the database."""
    desk.require(Permission.EXPORT)
    if desk.db.location.path is not None:
        raise DeskError("De regiocontrole is voor een databaseserver (PostgreSQL), niet voor een databasebestand.")
    with desk.db.read() as session:
        items = [
            _server_version(session),
            _tls(session),
            *_desk_role(session),
            *_log(session, desk),
            _backup_age(session, desk),
            _clock(session, desk),
            _schema(session),
        ]
    return items


def _server_version(session: Session) -> CheckItem:
    number = int(session.scalar(text("SHOW server_version_num")) or 0)
    shown = session.scalar(text("SHOW server_version")) or "?"
    if number >= MINIMUM_SERVER:
        return CheckItem("Serverversie", True, f"PostgreSQL {shown}")
    return CheckItem("Serverversie", False, f"PostgreSQL {shown}; werk de server bij naar versie 15 of nieuwer")


def _tls(session: Session) -> CheckItem:
    row = session.execute(
        text(
            "SELECT s.ssl, s.version, a.client_addr IS NULL FROM pg_stat_ssl s "
            "JOIN pg_stat_activity a ON a.pid = s.pid WHERE s.pid = pg_backend_pid()"
        )
    ).one_or_none()
    if row is not None and row[0]:
        return CheckItem("Versleutelde verbinding (TLS)", True, f"in gebruik ({row[1]})")
    if row is not None and row[2]:
        return CheckItem("Versleutelde verbinding (TLS)", True, "niet nodig: verbinding via een lokale socket")
    return CheckItem(
        "Versleutelde verbinding (TLS)",
        False,
        "deze verbinding is niet versleuteld; zet sslmode=require (of verify-full met sslrootcert) in het "
        "databaseadres en 'hostssl' in plaats van 'host' in pg_hba.conf",
    )


def _desk_role(session: Session) -> list[CheckItem]:
    role = session.scalar(text("SELECT current_user")) or "?"
    superuser = bool(session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")))
    granted = [
        right
        for right in _LOG_RIGHTS
        if session.scalar(text("SELECT has_table_privilege(current_user, 'access_log', :right)"), {"right": right})
    ]
    owner = session.scalar(text("SELECT tableowner FROM pg_tables WHERE tablename = 'access_log'"))
    version_writable = bool(
        session.scalar(text("SELECT has_table_privilege(current_user, 'alembic_version', 'UPDATE')"))
    )
    items = []
    if superuser:
        items.append(
            CheckItem(
                "Rol van de balie",
                False,
                f"'{role}' is superuser: een balie kan dan alles, ook het logboek wissen; laat de balies "
                "aanmelden met een eigen rol (README: desk_opvang)",
            )
        )
    else:
        items.append(CheckItem("Rol van de balie", True, f"'{role}' is geen superuser"))
    if owner == role:
        items.append(
            CheckItem(
                "Rechten op het toegangslogboek",
                False,
                f"'{role}' is eigenaar van de tabellen en mag het logboek dus wijzigen; laat de balies "
                "aanmelden met de rol van de balies, niet met die van de eigenaar",
            )
        )
    elif granted:
        items.append(
            CheckItem(
                "Rechten op het toegangslogboek",
                False,
                f"'{role}' mag {', '.join(granted)} op access_log; herstel als beheerder: "
                f"REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM {role};",
            )
        )
    else:
        items.append(CheckItem("Rechten op het toegangslogboek", True, f"'{role}' mag alleen lezen en toevoegen"))
    if version_writable and owner != role and not superuser:
        items.append(
            CheckItem(
                "Schemaversie beschermd",
                False,
                f"'{role}' mag alembic_version wijzigen; herstel: REVOKE INSERT, UPDATE, DELETE ON alembic_version "
                f"FROM {role};",
            )
        )
    return items


def _log(session: Session, desk: Desk) -> list[CheckItem]:
    problem = check_chain(session, desk.db.location, whole=True, now=desk.now())
    if isinstance(problem, KeyProblem):
        return [CheckItem("Logsleutel", False, problem.message())]
    key_item = CheckItem("Logsleutel", True, "deze balie heeft de logsleutel van de regio (vingerafdruk klopt)")
    if problem is None:
        return [key_item, CheckItem("Toegangslogboek", True, "de keten klopt van de eerste tot de laatste regel")]
    return [key_item, CheckItem("Toegangslogboek", False, problem.message())]


def _backup_age(session: Session, desk: Desk) -> CheckItem:
    last = last_good_backup(session)
    limit = read_settings(session).backup_warn_after_days
    if last is None:
        return CheckItem(
            "Laatste back-up",
            False,
            "geen back-up door een balie bekend; maak er een met 'shelter-desk backup' en controleer de "
            "eigen back-ups van de server",
        )
    age = desk.now() - last
    shown = f"{age.days} dag(en) oud"
    if age <= timedelta(days=limit):
        return CheckItem("Laatste back-up", True, shown)
    return CheckItem("Laatste back-up", False, f"{shown} (meer dan {limit}); maak een nieuwe back-up")


def _clock(session: Session, desk: Desk) -> CheckItem:
    server_now = session.scalar(text("SELECT clock_timestamp()"))
    if not isinstance(server_now, datetime):
        return CheckItem("Klok van deze balie", False, "de tijd van de server kon niet worden gelezen")
    off = desk.now().astimezone(UTC) - server_now.astimezone(UTC)
    seconds = abs(int(off.total_seconds()))
    if abs(off) <= CLOCK_TOLERANCE:
        return CheckItem("Klok van deze balie", True, f"loopt {seconds} s af van de server")
    side = "voor" if off > timedelta(0) else "achter"
    return CheckItem(
        "Klok van deze balie",
        False,
        f"loopt {seconds // 60} min {seconds % 60} s {side} op de server (meer dan 2 minuten: gasten komen op de "
        "verkeerde nacht); zet de tijdsynchronisatie (NTP) van deze computer aan",
    )


def _schema(session: Session) -> CheckItem:
    found = session.scalar(text("SELECT version_num FROM alembic_version"))
    wanted = head_revision()
    if found == wanted:
        return CheckItem("Schemaversie", True, str(found))
    return CheckItem(
        "Schemaversie",
        False,
        f"de database heeft {found}, deze versie van Shelter Desk verwacht {wanted}; laat de beheerder 'init' "
        "draaien als eigenaar van de database (README)",
    )
