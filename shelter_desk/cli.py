"""The `shelter-desk` command: starts the desk, or runs a task on the same services.

Everything the user reads here is Dutch, argparse's own messages included.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NoReturn

from shelter_desk import __version__
from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.location import DATABASE_ENV, DatabaseLocation, resolve_location
from shelter_desk.services.admin import KEY_ENV, unlock

if TYPE_CHECKING:  # the tasks import what they need when they run
    from shelter_desk.persistence.engine import Database
    from shelter_desk.services.desk import Desk

_ARGPARSE_DUTCH = (
    ("the following arguments are required:", "deze argumenten zijn verplicht:"),
    ("unrecognized arguments:", "onbekende argumenten:"),
    ("invalid choice:", "ongeldige keuze:"),
    ("choose from", "kies uit"),
    ("expected one argument", "verwacht één waarde"),
    ("argument", "argument"),
    ("not allowed with argument", "niet toegestaan samen met"),
)


class _DutchFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "opdrachten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        for english, dutch in _ARGPARSE_DUTCH:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def build_parser() -> DutchArgumentParser:
    parser = DutchArgumentParser(
        prog="shelter-desk",
        description="Shelter Desk: balie en coördinatie voor de maatschappelijke opvang.",
    )
    parser.add_argument(
        "--version", action="version", version=f"Shelter Desk {__version__}", help="toon het versienummer en stop"
    )
    parser.add_argument(
        "--database",
        metavar="PAD_OF_URL",
        help=f"databasebestand of SQLAlchemy-URL (anders ${DATABASE_ENV}, anders het bestand in de gebruikersmap)",
    )
    parser.add_argument(
        "--onversleuteld",
        action="store_true",
        dest="plain",
        help="open of maak een onversleutelde database (alleen voor tests en demo's)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="start met de demodatabase (fictieve personen, bij de eerste start geladen)"
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    commands.add_parser("start", help="start het programma (standaard)")
    commands.add_parser("init", help="maak de database aan of werk het schema bij")
    commands.add_parser("demo", help="laad de demogegevens in de gekozen database")
    backup = commands.add_parser("backup", help="maak nu een back-up (online, terwijl balies werken)")
    backup.add_argument(
        "--folder", metavar="MAP", help="waar de back-up komt (standaard: map 'backups' naast de database)"
    )
    restore = commands.add_parser("restore", help="zet een back-up terug (vraagt om een beheerdersaccount)")
    restore.add_argument("backup_file", metavar="BACKUP", help="het back-upbestand")
    printing = commands.add_parser("print", help="druk een lijst af naar een PDF-bestand")
    layouts = printing.add_subparsers(dest="layout", metavar="LIJST", required=True, parser_class=DutchArgumentParser)
    for name, help_text in (
        ("occupancy", "bezettingslijst van een voorziening voor een nacht"),
        ("roll-call", "appèllijst voor ontruiming (alle aanwezigen, met afvinkvak)"),
    ):
        layout = layouts.add_parser(name, help=help_text)
        layout.add_argument(
            "--facility", required=True, metavar="NAAM_OF_ID", help="de voorziening: nummer of (deel van de) naam"
        )
        layout.add_argument(
            "--night",
            type=_night_argument,
            metavar="JJJJ-MM-DD",
            help="de nacht (datum van de avond); standaard de huidige nacht",
        )
        layout.add_argument("--out", required=True, metavar="BESTAND.pdf", help="waar de PDF komt")
    winter = commands.add_parser("winter", help="winterregeling")
    winter_tasks = winter.add_subparsers(
        dest="winter_task", metavar="TAAK", required=True, parser_class=DutchArgumentParser
    )
    forecast = winter_tasks.add_parser(
        "forecast",
        help="lees een opgeslagen weerbestand (Weerlive-JSON, CSV of KNMI-daggegevens) en toon per "
        "nacht de gevoelstemperatuur en de fase",
    )
    forecast.add_argument("--file", required=True, metavar="BESTAND", help="het opgeslagen weerbestand")
    forecast.add_argument(
        "--region",
        metavar="NAAM",
        help="de regio (naam of centrumgemeente, bijv. Assen): toont ook welke nachten al geactiveerd zijn",
    )
    region = commands.add_parser("region", help="regio op een databaseserver: logsleutel, controle")
    region_tasks = region.add_subparsers(
        dest="region_task", metavar="TAAK", required=True, parser_class=DutchArgumentParser
    )
    region_tasks.add_parser(
        "check", help="controleer de server, de rechten, de logsleutel, het logboek, back-up, klok en schema"
    )
    key = region_tasks.add_parser("key", help="de logsleutel van de regio")
    key_tasks = key.add_subparsers(dest="key_task", metavar="TAAK", required=True, parser_class=DutchArgumentParser)
    key_tasks.add_parser(
        "new", help="maak een nieuwe logsleutel (eenmalig, of om te wisselen); vraagt om een beheerdersaccount"
    )
    key_tasks.add_parser("install", help="zet de logsleutel van de regio op deze balie (leest hem van de invoer)")
    region_restore = region_tasks.add_parser(
        "restore", help="zet een back-up van de regiodatabase terug in een nieuwe database (beheerder)"
    )
    region_restore.add_argument("backup_file", metavar="BACKUP", help="het versleutelde back-upbestand")
    region_restore.add_argument(
        "--into", required=True, metavar="NIEUWE_DATABASE", help="de naam van de nieuwe database, bijv. opvang_terug"
    )
    acknowledge = region_tasks.add_parser(
        "acknowledge", help="erken een gemelde breuk in het toegangslogboek (beheerder, met reden)"
    )
    acknowledge.add_argument("--reason", required=True, metavar="REDEN", help="wat is onderzocht, door wie")
    return parser


def _night_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum als 2026-11-24") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    location = resolve_location(args.database, demo=args.demo or args.command == "demo", plain=args.plain)
    if args.command in (None, "start"):
        from shelter_desk.app import run_gui  # Qt is loaded only when a window is wanted.

        return run_gui(location, demo=args.demo)
    try:
        unlocked = unlock(location, _ask_passphrase)
        if unlocked is None:
            raise DeskError(
                f"Deze database is versleuteld: geef de wachtwoordzin, zet {KEY_ENV} of gebruik een keyring."
            )
        return _run_task(args.command, unlocked, args)
    except DeskError as error:
        print(f"Fout: {error.message}", file=sys.stderr)
        return 1


def _ask_passphrase(is_new: bool) -> str | None:
    import getpass

    if not sys.stdin.isatty():
        return None
    if is_new:
        first = getpass.getpass("Kies een wachtwoordzin voor de nieuwe database: ")
        if getpass.getpass("Herhaal de wachtwoordzin: ") != first:
            raise DeskError("De twee wachtwoordzinnen zijn niet gelijk; er is niets aangemaakt.")
        return first
    return getpass.getpass("Wachtwoordzin van de database: ")


def _run_task(command: str, location: DatabaseLocation, args: argparse.Namespace) -> int:
    from shelter_desk.services.admin import open_and_prepare, summarise

    db = open_and_prepare(location)
    try:
        if command == "print":
            return _print(db, args)
        if command == "backup":
            return _backup(db, args)
        if command == "restore":
            return _restore(db, args)
        if command == "winter":
            return _winter_forecast(db, args)
        if command == "region":
            return _region(db, args)
        if command == "demo":
            from shelter_desk.services.admin import load_demo
            from shelter_desk.services.nights import current_shelter_night

            loaded = load_demo(db, current_shelter_night(db, datetime.now(UTC)))
            print("Demogegevens geladen." if loaded else "Deze database bevat de demogegevens al.")
        summary = summarise(db)
        print(
            f"Database gereed: {summary.label}\n"
            f"  voorzieningen: {summary.facilities}, personen: {summary.persons}"
            + ("\n  (demodatabase met fictieve personen)" if summary.is_demo else "")
        )
    finally:
        db.close()
    return 0


def _print(db: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from shelter_desk.services.beds import Layout, facility_by_name_or_id, occupancy_pdf
    from shelter_desk.services.desk import COMMAND_LINE, Desk

    desk = Desk(db, user=COMMAND_LINE)
    facility_id = facility_by_name_or_id(desk, args.facility)
    night = args.night or desk.tonight()
    layout = Layout.ROLL_CALL if args.layout == "roll-call" else Layout.OCCUPANCY
    from shelter_desk.services.printouts import save_printout

    out = Path(args.out)
    try:
        save_printout(out, occupancy_pdf(desk, facility_id, night, layout))
    except OSError as error:
        raise DeskError(f"Kan '{out}' niet schrijven: {error.strerror}.") from error
    print(f"Opgeslagen: {out}")
    return 0


def _winter_forecast(db: Database, args: argparse.Namespace) -> int:
    """One line per night of the file: its date, the felt temperature as shown, the phase."""
    from pathlib import Path

    from shelter_desk.services.desk import COMMAND_LINE, Desk
    from shelter_desk.services.winter import forecast_from_file, regions

    desk = Desk(db, user=COMMAND_LINE)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DeskError(f"Kan '{path}' niet lezen: {error.strerror}.") from error
    centre_code = _region_code(regions(desk), args.region) if args.region else None
    result = forecast_from_file(desk, data, centre_code)
    print(
        f"{result.source} uit {path.name}, wind in {result.unit}"
        + (f"; {result.region}" if result.region else "")
        + " (de datum is de avond waarop de nacht begint)"
    )
    for night in result.assessed:
        # A plain '-': a redirected Windows console writes cp1252, which has no '−' (U+2212).
        line = (
            f"{_WEEKDAYS[night.night.weekday()]} {night.night:%d-%m-%Y}  {night.felt.describe().replace('−', '-')}"
            f"  {night.phase.label}"
        )
        active = result.active.get(night.night)
        print(line + (f"  (al geactiveerd, {active.label})" if active is not None else ""))
    return 0


_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def _region_code(known: list[tuple[str, str]], asked: str) -> str:
    """The centrumgemeente code of a region named as typed: 'Assen', 'Regio Assen' or '0106'."""
    wanted = asked.strip().casefold()
    for code, name in known:
        if wanted in (code.casefold(), name.casefold(), name.casefold().removeprefix("regio ")):
            return code
    raise DeskError(f"Onbekende regio '{asked}'. Kies uit: {', '.join(name for _code, name in known) or '(geen)'}.")


def _backup(db: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from shelter_desk.services.desk import COMMAND_LINE, Desk
    from shelter_desk.services.trust import backup_now, default_backup_folder

    desk = Desk(db, user=COMMAND_LINE)
    folder = Path(args.folder) if args.folder else default_backup_folder(db)
    print(f"Back-up gemaakt: {backup_now(desk, folder)}")
    return 0


def _restore(db: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from shelter_desk.services.trust import restore

    desk = _administrator(db, "er is niets teruggezet")
    aside = restore(desk, Path(args.backup_file))
    print(f"Back-up teruggezet. De vorige stand staat in: {aside}")
    return 0


def _administrator(db: Database, nothing_done: str) -> Desk:
    """A desk signed in as an administrator, who types the account's name and password here."""
    import getpass

    from shelter_desk.services.desk import Desk
    from shelter_desk.services.trust import sign_in

    if not sys.stdin.isatty():
        raise DeskError(
            "Dit vraagt om de gebruikersnaam en het wachtwoord van een beheerder en moet daarom in een "
            f"terminal (opdrachtvenster) worden gestart; {nothing_done}."
        )
    desk = Desk(db)
    try:
        username = input("Gebruikersnaam (beheerder): ")
        password = getpass.getpass("Wachtwoord: ")
    except EOFError:
        raise DeskError(f"Geen gebruikersnaam of wachtwoord ontvangen; {nothing_done}.") from None
    sign_in(desk, username, password)
    return desk


def _region(db: Database, args: argparse.Namespace) -> int:
    from shelter_desk.persistence.log_chain_keys import (
        new_region_secret,
        region_fingerprint,
        show_fingerprint,
        store_region_secret,
    )
    from shelter_desk.services.desk import COMMAND_LINE, Desk
    from shelter_desk.services.trust import acknowledge_chain_break, adopt_region_key, region_check

    if args.region_task == "check":
        items = region_check(Desk(db, user=COMMAND_LINE))
        for item in items:
            print(item.line())
        wrong = sum(not item.ok for item in items)
        print("Alles in orde." if not wrong else f"{wrong} punt(en) niet in orde.")
        return 0 if not wrong else 1
    if args.region_task == "restore":
        from pathlib import Path

        from shelter_desk.services.trust import restore_into_new_database

        done = restore_into_new_database(
            _administrator(db, "er is niets teruggezet"), Path(args.backup_file), args.into
        )
        print(
            f"Back-up teruggezet in de nieuwe database '{done.database}'; {done.carried_lines} logregel(s) van na "
            "de back-up overgenomen. De huidige database is niet veranderd. Overschakelen:"
        )
        for number, step in enumerate(done.steps, 1):
            print(f"  {number}. {step}")
        return 0
    if args.region_task == "acknowledge":
        acknowledge_chain_break(_administrator(db, "er is niets erkend"), args.reason)
        print("De breuk is erkend en vastgelegd in het toegangslogboek.")
        return 0
    if args.key_task == "install":
        import getpass

        secret = (getpass.getpass("Logsleutel van de regio: ") if sys.stdin.isatty() else sys.stdin.readline()).strip()
        if len(secret) < 20:
            raise DeskError("Dat is geen logsleutel van een regio (te kort); er is niets opgeslagen.")
        where = store_region_secret(secret)
        print(f"Logsleutel opgeslagen in {where}; vingerafdruk {show_fingerprint(region_fingerprint(secret))}.")
        return 0
    desk = _administrator(db, "er is geen sleutel gemaakt")
    secret = new_region_secret()
    where = store_region_secret(secret)
    shown = adopt_region_key(desk, secret)
    print(
        f"Nieuwe logsleutel van de regio, vingerafdruk {shown}, opgeslagen in {where}.\n"
        "Zet hem op elke balie met 'shelter-desk region key install' (of in het bestand van "
        "SHELTER_DESK_LOG_KEY_FILE, alleen leesbaar voor de gebruiker) en bewaar hem ook op papier in de kluis:\n"
        f"  {secret}"
    )
    return 0
