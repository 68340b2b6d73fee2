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

if TYPE_CHECKING:  # the tasks import what they need when they run
    from shelter_desk.persistence.engine import Database

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
    importing = commands.add_parser(
        "import", help="lees een spreadsheet (CSV of XLSX) met personen, postadressen of verblijven in"
    )
    importing.add_argument(
        "kind", choices=("persons", "postal", "stays"), metavar="SOORT", help="persons, postal of stays"
    )
    importing.add_argument("file", metavar="BESTAND", help="het CSV- of XLSX-bestand")
    importing.add_argument(
        "--dry-run", action="store_true", help="proefrun: toon per rij wat er zou gebeuren, sla niets op"
    )
    importing.add_argument(
        "--template", action="store_true", help="schrijf in plaats daarvan een leeg voorbeeldbestand naar BESTAND"
    )
    season = winter_tasks.add_parser(
        "season",
        help="seizoensrapport van een regio als PDF, met KNMI-daggegevens ook de controle van verwachting "
        "en besluit tegen het gemeten weer",
    )
    season.add_argument("--region", required=True, metavar="NAAM", help="de regio (naam of centrumgemeente)")
    season.add_argument(
        "--from", dest="first", type=_night_argument, metavar="JJJJ-MM-DD", help="eerste nacht (standaard 1 oktober)"
    )
    season.add_argument(
        "--to", dest="last", type=_night_argument, metavar="JJJJ-MM-DD", help="laatste nacht (standaard 30 april)"
    )
    season.add_argument(
        "--observed", metavar="KNMI-BESTAND", help="KNMI-daggegevens (etmgeg) van een station in de regio"
    )
    season.add_argument("--out", required=True, metavar="BESTAND.pdf", help="waar de PDF komt")
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
        # Qt only, at first: the sign-in window shows while the database side loads behind it.
        from shelter_desk.launch import run_gui

        return run_gui(location, demo=args.demo)
    from shelter_desk.services.kernel import KEY_ENV, unlock  # the tasks load the database side

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
    from shelter_desk.services.kernel import open_and_prepare, summarise

    db = open_and_prepare(location)
    try:
        if command == "print":
            return _print(db, args)
        if command == "backup":
            return _backup(db, args)
        if command == "restore":
            return _restore(db, args)
        if command == "winter":
            return _winter_forecast(db, args) if args.winter_task == "forecast" else _winter_season(db, args)
        if command == "import":
            return _import(db, args)
        if command == "demo":
            from shelter_desk.services.demo import load_demo
            from shelter_desk.services.kernel import current_shelter_night

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
    from shelter_desk.services.kernel import COMMAND_LINE, Desk

    desk = Desk(db, user=COMMAND_LINE)
    facility_id = facility_by_name_or_id(desk, args.facility)
    night = args.night or desk.tonight()
    layout = Layout.ROLL_CALL if args.layout == "roll-call" else Layout.OCCUPANCY
    from shelter_desk.services.kernel import save_printout

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

    from shelter_desk.services.kernel import COMMAND_LINE, Desk
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


def _winter_season(db: Database, args: argparse.Namespace) -> int:
    """The season report of one region as a PDF; with --observed, checked against the KNMI file."""
    from pathlib import Path

    from shelter_desk.services.kernel import COMMAND_LINE, Desk, save_printout
    from shelter_desk.services.winter import regions, season_report_pdf, winter_season

    desk = Desk(db, user=COMMAND_LINE)
    centre_code = _region_code(regions(desk), args.region)
    default_first, default_last = winter_season(desk.tonight())
    first, last = args.first or default_first, args.last or default_last
    observed = Path(args.observed) if args.observed else None
    try:
        data = observed.read_bytes() if observed else None
    except OSError as error:
        raise DeskError(f"Kan '{observed}' niet lezen: {error.strerror}.") from error
    out = Path(args.out)
    pdf = season_report_pdf(desk, centre_code, first, last, data, observed.name if observed else "")
    try:
        save_printout(out, pdf)
    except OSError as error:
        raise DeskError(f"Kan '{out}' niet schrijven: {error.strerror}.") from error
    print(f"Seizoensrapport {first:%d-%m-%Y} t/m {last:%d-%m-%Y} opgeslagen: {out}")
    return 0


_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def _region_code(known: list[tuple[str, str]], asked: str) -> str:
    """The centrumgemeente code of a region named as typed: 'Assen', 'Regio Assen' or '0106'."""
    wanted = asked.strip().casefold()
    for code, name in known:
        if wanted in (code.casefold(), name.casefold(), name.casefold().removeprefix("regio ")):
            return code
    raise DeskError(f"Onbekende regio '{asked}'. Kies uit: {', '.join(name for _code, name in known) or '(geen)'}.")


def _import(db: Database, args: argparse.Namespace) -> int:
    """The report, one line per row ('rij N: ...'); exit 1 when any row was refused."""
    from pathlib import Path

    from shelter_desk.services.imports import ImportKind, import_template, run_import
    from shelter_desk.services.kernel import COMMAND_LINE, Desk

    kind = ImportKind(args.kind)
    path = Path(args.file)
    if args.template:
        try:
            path.write_bytes(import_template(kind, xlsx=path.suffix.lower() == ".xlsx"))
        except OSError as error:
            raise DeskError(f"Kan '{path}' niet schrijven: {error.strerror}.") from error
        print(f"Voorbeeldbestand voor {kind.label} geschreven: {path}")
        return 0
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DeskError(f"Kan '{path}' niet lezen: {error.strerror}.") from error
    report = run_import(Desk(db, user=COMMAND_LINE), kind, data, path.name, dry_run=args.dry_run)
    for line in report.lines():
        print(line)
    return 0 if report.all_accepted else 1


def _backup(db: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from shelter_desk.services.kernel import COMMAND_LINE, Desk
    from shelter_desk.services.trust import backup_now, default_backup_folder

    desk = Desk(db, user=COMMAND_LINE)
    folder = Path(args.folder) if args.folder else default_backup_folder(db)
    print(f"Back-up gemaakt: {backup_now(desk, folder)}")
    return 0


def _restore(db: Database, args: argparse.Namespace) -> int:
    import getpass
    from pathlib import Path

    from shelter_desk.services.kernel import Desk
    from shelter_desk.services.trust import restore, sign_in

    if not sys.stdin.isatty():
        raise DeskError(
            "Terugzetten vraagt om de gebruikersnaam en het wachtwoord van een beheerder en moet "
            "daarom in een terminal (opdrachtvenster) worden gestart. Er is niets teruggezet."
        )
    desk = Desk(db)
    try:
        username = input("Gebruikersnaam (beheerder): ")
        password = getpass.getpass("Wachtwoord: ")
    except EOFError:
        raise DeskError("Geen gebruikersnaam of wachtwoord ontvangen; er is niets teruggezet.") from None
    sign_in(desk, username, password)
    aside = restore(desk, Path(args.backup_file))
    print(f"Back-up teruggezet. De vorige stand staat in: {aside}")
    return 0
