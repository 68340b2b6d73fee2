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
    from shelter_desk.services.kernel import Desk

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
    printing = commands.add_parser("print", help="druk een lijst of een cliëntdocument af naar een PDF-bestand")
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
    for name, help_text in CLIENT_DOCUMENTS.items():
        document = layouts.add_parser(name, help=help_text)
        document.add_argument(
            "--person",
            type=int,
            required=name != "house-rules",
            metavar="ID",
            help="het nummer van de persoon" + (" (zonder: een leeg exemplaar)" if name == "house-rules" else ""),
        )
        document.add_argument(
            "--language", metavar="TAAL", help="taalcode, bijv. pl of ar (standaard: de taal van de persoon)"
        )
        document.add_argument("--out", required=True, metavar="BESTAND.pdf", help="waar de PDF komt")
    documents = commands.add_parser("documents", help="teksten van de cliëntdocumenten")
    document_tasks = documents.add_subparsers(
        dest="documents_task", metavar="TAAK", required=True, parser_class=DutchArgumentParser
    )
    document_tasks.add_parser(
        "check",
        help="toon per taal elke zin die ontbreekt (die komt in het Nederlands); exitcode 1 als er een ontbreekt",
    )
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
    export = commands.add_parser("export", help="cijfers voor het land en de gepseudonimiseerde regionale telling")
    export_tasks = export.add_subparsers(
        dest="export_task", metavar="TAAK", required=True, parser_class=DutchArgumentParser
    )
    national = export_tasks.add_parser("national", help="de halfjaarcijfers voor de landelijke uitvraag (CSV)")
    national.add_argument("--half-year", required=True, metavar="JJJJ-H", help="het halfjaar, bijv. 2026-2")
    national.add_argument("--out", required=True, metavar="BESTAND.csv", help="waar de CSV komt")
    pseudonymised = export_tasks.add_parser(
        "pseudonymised", help="één regel per persoon-verblijf met een sleutel-hash in plaats van de identiteit (CSV)"
    )
    pseudonymised.add_argument("--half-year", required=True, metavar="JJJJ-H", help="het halfjaar, bijv. 2026-2")
    pseudonymised.add_argument(
        "--key-file", required=True, metavar="SLEUTELBESTAND", help="de sleutel die de aanbieders van de regio delen"
    )
    pseudonymised.add_argument("--out", required=True, metavar="BESTAND.csv", help="waar de CSV komt")
    new_key = export_tasks.add_parser("new-key", help="maak een nieuw sleutelbestand (32 willekeurige bytes)")
    new_key.add_argument("key_file", metavar="BESTAND", help="het nieuwe sleutelbestand (wordt niet overschreven)")
    unique = commands.add_parser(
        "count-unique", help="tel unieke personen over gepseudonimiseerde bestanden van meerdere aanbieders"
    )
    unique.add_argument("files", nargs="+", metavar="BESTAND", help="de gepseudonimiseerde exports")
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


# The client documents `print` makes by person, in the person's document language (or --language).
CLIENT_DOCUMENTS = {
    "house-rules": "huisregels om te tekenen (met --person op naam, anders leeg)",
    "postal-consent": "toestemming voor een briefadres (exemplaar voor de cliënt)",
    "referral-slip": "verwijsbrief voor het bed dat vannacht voor de persoon gereserveerd is",
    "card": "clientkaart, voor- en achterkant (de geldige kaart van de persoon)",
    "transfer-letter": "brief aan de cliënt over de overdracht naar een andere regio",
}


def _night_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum als 2026-11-24") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "documents":
        return _check_documents()
    location = resolve_location(args.database, demo=args.demo or args.command == "demo", plain=args.plain)
    if args.command in (None, "start"):
        # Qt only, at first: the sign-in window shows while the database side loads behind it.
        from shelter_desk.launch import run_gui

        return run_gui(location, demo=args.demo)
    from shelter_desk.services.kernel import KEY_ENV, unlock  # the tasks load the database side

    try:
        if args.command == "count-unique" or (args.command == "export" and args.export_task == "new-key"):
            return _without_database(args)  # files only: no database is opened
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
        if command == "export":
            return _export(db, args)
        if command == "region":
            return _region(db, args)
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
    from shelter_desk.services.kernel import COMMAND_LINE, Desk, save_printout

    desk = Desk(db, user=COMMAND_LINE)
    if args.layout in CLIENT_DOCUMENTS:
        data = _client_document(desk, args.layout, args.person, args.language)
    else:
        facility_id = facility_by_name_or_id(desk, args.facility)
        night = args.night or desk.tonight()
        layout = Layout.ROLL_CALL if args.layout == "roll-call" else Layout.OCCUPANCY
        data = occupancy_pdf(desk, facility_id, night, layout)
    out = Path(args.out)
    try:
        save_printout(out, data)
    except OSError as error:
        raise DeskError(f"Kan '{out}' niet schrijven: {error.strerror}.") from error
    print(f"Opgeslagen: {out}")
    return 0


def _client_document(desk: Desk, name: str, person_id: int | None, language: str | None) -> bytes:
    """The PDF of one client document for a person (the same use cases the window calls)."""
    from shelter_desk.services.beds import person_tonight, referral_slip_pdf
    from shelter_desk.services.cards import card_pdf, cards_of
    from shelter_desk.services.documents import client_transfer_letter_pdf, house_rules_pdf, postal_consent_pdf

    if name == "house-rules":
        return house_rules_pdf(desk, person_id, language)
    assert person_id is not None  # argparse requires --person for the others
    if name == "postal-consent":
        return postal_consent_pdf(desk, person_id, language)
    if name == "transfer-letter":
        return client_transfer_letter_pdf(desk, person_id, language)
    if name == "card":
        valid = [card for card in cards_of(desk, person_id) if card.valid]
        if not valid:
            raise DeskError(f"Persoon {person_id} heeft geen geldige clientkaart; geef eerst een kaart uit.")
        return card_pdf(desk, valid[0].card_id, language)
    tonight = person_tonight(desk, person_id, desk.tonight())
    if tonight.bed_night_id is None:
        raise DeskError(f"Voor persoon {person_id} is vannacht geen bed gereserveerd; er is geen verwijsbrief.")
    return referral_slip_pdf(desk, tonight.bed_night_id, language)


def _check_documents() -> int:
    """Every sentence a language lacks (printed in Dutch instead); 1 when there is one."""
    from shelter_desk.reports.catalogue import catalogue_folders, catalogues

    found = catalogues()
    for problem in found.problems:
        print(f"Fout: {problem}")
    missing = found.missing()
    for language in found.languages():
        own = [item for item in missing if item.language == language.code]
        if own:
            print(f"{language.label} [{language.code}]: {len(own)} zin(nen) ontbreken (afgedrukt in het Nederlands):")
            for item in own:
                print(f"  {item.key} ({item.reason}): {item.dutch}")
        else:
            print(f"{language.label} [{language.code}]: compleet")
    print("Gelezen uit: " + ", ".join(str(folder) for folder in catalogue_folders() if folder.is_dir()))
    return 1 if missing or found.problems else 0


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
    from pathlib import Path

    from shelter_desk.services.trust import restore

    desk = _administrator(db, "er is niets teruggezet")
    aside = restore(desk, Path(args.backup_file))
    print(f"Back-up teruggezet. De vorige stand staat in: {aside}")
    return 0


def _administrator(db: Database, nothing_done: str) -> Desk:
    """A desk signed in as an administrator, who types the account's name and password here."""
    import getpass

    from shelter_desk.services.kernel import Desk
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
    from shelter_desk.services.kernel import COMMAND_LINE, Desk
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


def _export(db: Database, args: argparse.Namespace) -> int:
    """The national half-year figures, or the pseudonymised person-stays under the region's key."""
    from pathlib import Path

    from shelter_desk.domain.national import parse_half_year, read_key
    from shelter_desk.services.kernel import COMMAND_LINE, Desk, save_printout
    from shelter_desk.services.monitor import national_csv, pseudonymised_csv

    desk = Desk(db, user=COMMAND_LINE)
    period = parse_half_year(args.half_year)
    if args.export_task == "national":
        data = national_csv(desk, period)
    else:
        key_path = Path(args.key_file)
        try:
            key = read_key(key_path.read_bytes())
        except OSError as error:
            raise DeskError(f"Kan het sleutelbestand '{key_path}' niet lezen: {error.strerror}.") from error
        data = pseudonymised_csv(desk, period, key)
    out = Path(args.out)
    save_printout(out, data)
    print(f"Opgeslagen: {out} ({period.describe()})")
    return 0


def _without_database(args: argparse.Namespace) -> int:
    """A new key file, or the unique count over several providers' pseudonymised files."""
    import os
    from pathlib import Path

    from shelter_desk.domain.national import count_unique, new_key

    if args.command == "export":
        path = Path(args.key_file)
        try:
            # Exclusive and readable by this user only: a key is never overwritten, nor left open to others.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise DeskError(
                f"'{path}' bestaat al; een sleutel wordt nooit overschreven. Kies een andere naam."
            ) from None
        except OSError as error:
            raise DeskError(f"Kan '{path}' niet schrijven: {error.strerror}.") from error
        with os.fdopen(handle, "wb") as file:
            file.write(new_key())
        print(f"Sleutel gemaakt: {path}. Deel hem alleen met de aanbieders van de regio, via een veilige weg.")
        return 0
    files = []
    for name in args.files:
        try:
            files.append((name, Path(name).read_bytes()))
        except OSError as error:
            raise DeskError(f"Kan '{name}' niet lezen: {error.strerror}.") from error
    result = count_unique(files)
    print(f"Gelezen: {len(files)} bestand(en), {result.rows} persoon-verblijven.")
    if result.without_pseudonym:
        print(f"Zonder pseudoniem (geen BSN en geen volledige naam met geboortedatum): {result.without_pseudonym}.")
    print("Unieke personen:")
    print(result.unique)
    return 0
