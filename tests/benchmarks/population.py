"""Fill a desk database with many fictitious people, fast and reproducibly, for benchmarks.

Everything is drawn from `random.Random(seed)`: the same seed and count give the same people
(only `created_at` / `updated_at` are relative to `now`, which defaults to the current time).
The mix is meant to look like a Dutch shelter's register: mostly Dutch names, common ones far
more often than rare ones, with name particles ("van der Berg"), a long tail of rarer surnames,
~15% Polish, Romanian, Turkish, Moroccan and Cyrillic (Russian/Ukrainian) names, ~5% people known
by an alias only, ~10% with only an approximate birth year, ~60% with a BSN that passes the
elfproef, ~20% without a municipality of origin. All persons are invented.

`generate_stays` adds years of occupancy on top: night-shelter runs of 1-30 nights and short-stay
placements of 20-120 nights, ~90% of the beds taken, in a large fictitious region that
`add_large_region` creates (10 facilities, 285 beds plus 15 overflow beds) unless facilities exist.
Its keyword arguments change the run lengths and, with `strict=True`, keep every night of a stay
within the facility's ages and every short stay within its maximum, except the few it makes over
on purpose (`overstay_share`; their ids are added to `overstays`). `tests.benchmarks.dataset`
builds the full 10-year region (turnaways, restrictions, postal addresses...) on top of these.

Command line:  python -m tests.benchmarks.population PATH COUNT [--seed N]
                   [--nights N [--last-night YYYY-MM-DD]]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from sqlalchemy import func, insert, select
from stdnum.nl import bsn as stdnum_bsn

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.domain.stays import Outflow, StayUnit
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import Bed, BedNight, Facility, Municipality, Person, Stay

BATCH_SIZE = 5_000
HISTORY = timedelta(days=5 * 365)  # created_at / updated_at are spread over this period
FIRST_BIRTH, LAST_BIRTH = date(1940, 1, 1), date(2008, 12, 31)

# -- names ----------------------------------------------------------------------------------
# Roughly most common first, since they are drawn with a falling (Zipf-like) weight.

DUTCH_MEN = """
Jan Johannes Hendrik Henk Cornelis Kees Willem Wim Pieter Piet Gerrit Jacobus Jaap Johan Hans
Peter Klaas Dirk Arie Bert Albert Ad Bas Bram Chris Daan Dennis Erik Frank Frans Gert Gijs Harm
Herman Hugo Jeroen Joost Jos Kevin Koen Lars Leo Luuk Maarten Marco Mark Martijn Michel Niels
Nick Patrick Paul Rob Robert Roel Ronald Ruud Sander Sem Stefan Thijs Tim Tom Ton Wouter Youri
Jesse Jelle Sjoerd Tjeerd Wiebe Rutger Rick Ricardo Remco Ramon René Richard Roy Sven Ivo Jelmer
Jasper Job Jorrit Levi Mees Milan Noah Olaf Otto Pim Quinten Reinier Rens Rik Siem Stijn Thomas
Tijmen Vincent Wessel Wilco Wilfred Wybren Anton Bart Berend Boudewijn Casper Coen Derk Egbert
Evert Freek Fokke Geert Gerard Gerben Hein Hidde Huub Jochem Jorn Lucas Marcel Menno Mitchel Nico
Onno Teun Abraham Adriaan Aart Ben Benno Dick Douwe Eelco Ferdinand Gijsbert Gerrit-Jan Hessel
Jan-Willem Jeffrey Jordy Kenneth Lodewijk Mathijs Mike Nathan Pascal Raymond Sietse Theo Tjerk
Wim-Jan Yannick Auke Jouke Sytze Harmen Lammert Roelof Ewout Bauke
"""

DUTCH_WOMEN = """
Anna Anouk Maria Johanna Cornelia Annemieke Astrid Bianca Carla Daphne Debora Els Emma Esther Eva
Femke Fleur Gerda Hanneke Hilde Ilse Ingrid Iris Janneke Jolanda Karin Kim Lieke Linda Lisa Lotte
Maaike Manon Marieke Marjolein Marleen Monique Nicole Petra Renate Rianne Sandra Sanne Saskia
Sophie Tamara Tineke Wilma Yvonne Jannie Joke Mieke Truus Greet Ria Annie Dina Geertje Hendrika
Nel Riek Wendy Chantal Priscilla Sharon Shirley Naomi Demi Romy Roos Sara Tess Julia Noa Mila
Fenna Ineke Liesbeth Marloes Mirjam Anneke Baukje Charlotte Dorien Elske Froukje Gonnie Hennie
Ilona Jacqueline Kirsten Larissa Mariska Natasja Patricia Raquel Suzanne Tanja Ursula Vera Wietske
Anne-Marie Zoë Chloë Noëlle Desirée
"""

# Surnames as written in full; leading lowercase words are the particle (name_prefix).
DUTCH_SURNAMES = """
de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder
|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf
|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek
|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas
|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Jonge|Kuipers|van Wijk
|Post|Kuiper|Veenstra|Kramer|van den Brink|Scholten|van Wijngaarden|Martens|Vink|de Ruiter
|van der Berg|van der Laan|Hermans|Boer|Wijnands|van der Velden|Timmermans|Groen|Gerritsen|Bosch
|Koning|van der Pol|Jonker|Goossens|van Doorn|Hoogendoorn|Sanders|Postma|Evers|van Rijn
|Wouters|van Loon|Molenaar|Verbeek|Mol|Boersma|ten Cate|ter Horst|ten Brink|ten Hove|ter Haar
|van 't Hof|van der Zee|de Lange|Lammers|Schipper|Kroon|Hofman|Stam|Bosman|van Es|Verhagen
|van Gils|Zwart|Tol|Kooij|Wolters|Westerhof|Haverkamp|Hoving|Mulders|Nijhuis|Drenth|Bruins
|Oosterhuis|Siebring|Pranger|Tuin|Bulthuis|Zuidema|Kamminga|Wiersma|Bouma|de Vos|van Veen
|Jongsma|Hoogeveen|Kloosterman|Venema|Nijenhuis|Mulderij|Oosting|Smeenk|Wubs|Hulshof|Brink
|Bakkers|Snijders|Verschuren|Claassen|van Houten|Koopman|de Rooij|van Beek|Bouwman|Hendriksen
|de Kok|Mertens|Dijkman|Zijlstra|Sluis|van Os|Veldman|van Zanten|Groenewegen|Kamphuis|Hoek
|van der Ploeg|de Leeuw|Pieters|Aarts|Rutten|Verbruggen|Janse|Heijnen|Biesheuvel|Schoenmaker
|van Dongen|Broekhuizen|Dijkhuizen|Lubbers|Blokker|Buitenhuis|Kuijpers|van Schaik|de Winter
|van der Horst|Mos|Kapteijn|Wolff|Koenen|Arends|Beekman|Damen|Dirksen|Feenstra|Greven|Hartman
|Ietswaart|Jager|Kersten|Lindeman|Meester|Noordhuis|Oldenhof|Pool|Reinders|Spijker|Teunissen
|Uijterwaal|Vlietstra|Westra|IJzerman|Zomer|Müller|Muller|Schröder|Hölscher|Ruëgg|de Jager
|van Houweling|van der Kolk|van de Kamp|van der Meulen|van den Bosch|van Rossum|van Vugt
|van Kampen|van der Sluis|van den Hoek|de Wolf|Kroese|Lanting|Meijering|Nieboer|Oostra|Pruim
|Reitsma|Strating|Talsma|Ubbens|Vedder|Wieringa|Ykema|Zandstra|van Zuilen|Brugman|van Dalen
|Bijl|van der Werf|Harmsen|Stegeman|Hiemstra|Dijkema|Gorter|Haisma|Kingma|Terpstra|Sikkema
"""

# Roots and endings of rarer surnames (Hoek+stra, Tjal+sma, Ver+meer...): the long tail.
_TAIL_ROOTS = """Hoek Berg Veen Dijk Brink Meer Kamp Bos Wal Horst Sloot Heuvel Beek Hof Lind Wester
Ooster Noor Zuider Mol Kroon Stam Bult Klomp Scholt Wold Tjal Sieb Hoit Folk Jelt Wiers Pos Rein
Haan Bloem Smed Bak Ruin Schuur Ekker Rod Ven Geer Holt Eg Lam Ter""".split()
_TAIL_ENDINGS = """stra sma inga ema ens man mans ink ing enga huis veld kamp hof broek werf horst
dijk ker ers ert hold huizen beek sen""".split()

POLISH = (
    "Łukasz Krzysztof Piotr Tomasz Paweł Marcin Michał Grzegorz Jakub Kamil Mateusz Wojciech "
    "Andrzej Bogdan Dariusz Sławomir Zbigniew Rafał Przemysław Adam",
    "Agnieszka Katarzyna Małgorzata Magdalena Joanna Ewa Anna Monika Beata Dorota",
    "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
    "Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski "
    "Michalski Zając Wróbel Król Jabłoński Majewski Szczepański Grzegorczyk Ściślewski",
)
ROMANIAN = (
    "Ştefan Ion Gheorghe Mihai Andrei Alexandru Constantin Vasile Florin Marius Cristian Adrian "
    "Răzvan Ionuţ Bogdan Costel Dănuţ",
    "Maria Elena Ioana Iulia Andreea Mihaela Cristina Simona Alina Roxana",
    "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin "
    "Dumitrescu Marin Tudor Moldovan Lungu Ştefănescu Florea Dinu Bălan Niţă Oprea Sârbu Neagu",
)
TURKISH = (
    "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Emre Burak Serkan Erdal Cengiz Kemal",
    "Ayşe Fatma Emine Hatice Zeynep Elif Özlem Gül Sevgi Derya",
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
    "Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Erdoğan Aksoy Güneş",
)
MOROCCAN = (
    "Mohamed Mohammed Ahmed Youssef Abdelkader Hamid Karim Rachid Mustapha Said Khalid Hicham "
    "Nordin Driss Brahim Ayoub Bilal Othman",
    "Fatima Khadija Naima Samira Malika Nadia Hanane Latifa Souad Zohra",
    "el_Amrani el_Idrissi Bouzid Benali Ouali Aznag Boukhari Tahiri Ziani Chaoui Haddou el_Bakkali "
    "el_Khattabi el_Mansouri Azzouzi Ouazzani Benjelloun Belhaj Boulahrouz Haddadi Kaddouri Lahlou "
    "Mourabit Ouahabi Zaoui",
)
CYRILLIC = (
    "Дмитрий Александр Сергей Андрей Алексей Николай Иван Владимир Олег Юрий Михаил Виктор "
    "Олександр Тарас Богдан Євген",
    "Ольга Наталья Елена Ирина Светлана Татьяна Оксана Марина Юлія Людмила",
    "Иванов Петров Смирнов Кузнецов Попов Соколов Волков Морозов Новиков Козлов Лебедев Шевченко "
    "Бондаренко Коваленко Ткаченко Кравченко Петренко Мельник Бойко Коваль Олійник Шевчук Поліщук "
    "Лисенко Савченко Федоров Никитин",
)

ALIASES = """
Sjors Kapitein Vogel Dima Olga Rooie Lange Professor Dokter Zwerver Sjaak Tattoo Opa Ome_Piet
Kleine_Jan Mus Spijker Dikkie Tante_Rie Kikker Beer Wolf Haas Gitaar Harmonica Fietsenmaker
Cowboy Rocky Rambo Elvis Sinatra Boef Kruimel Bolle Spekkie Sjonnie Ko Bertus Lucky Tijger
Schipper Stuurman Matroos Duif Kraai Ekster Merel Specht Uil Koning Prins Baron Smid Poes Dropje
Snoepie Noorderling Amsterdammer Rotterdammer Groninger Fries Drent Tukker Brabander Limbo Sjef
Manus Teddy Krullenbol Bril Snor Baardmans Stille_Willem Zanger Dichter Schilder Kok Kapper
Postbode Kermis Circus Piraat Indiaantje Kabouter Reus Dwerg Vlieg Mug Rat Muis Kat Hond
"""


def _words(text: str) -> list[str]:
    return [word.replace("_", " ") for word in text.split()]


def _split_surname(full: str) -> tuple[str | None, str]:
    """'van der Berg' -> ('van der', 'Berg'); 'el Amrani' -> ('el', 'Amrani'); 'Jansen' -> (None, 'Jansen')."""
    words = full.split()
    cut = 0
    while cut < len(words) - 1 and words[cut].lstrip("'")[:1].islower():
        cut += 1
    return (" ".join(words[:cut]) or None), " ".join(words[cut:])


class _Pool:
    """Names drawn with a falling weight by rank: the first are common, the last rare."""

    def __init__(self, names: Sequence[Any], steepness: float = 0.9, offset: float = 8.0) -> None:
        self.names = list(names)
        self._cumulative = list(
            itertools.accumulate(1.0 / (rank + offset) ** steepness for rank in range(len(self.names)))
        )

    def draw(self, rng: random.Random) -> Any:
        pick = rng.random() * self._cumulative[-1]
        return self.names[min(bisect.bisect_right(self._cumulative, pick), len(self.names) - 1)]


class _Group:
    def __init__(
        self,
        men: str,
        women: str,
        surnames: str | Sequence[str],
        nationalities: Sequence[str | None],
        bsn_share: float,
        origin_share: float,
        feminine_surname: bool = False,
    ) -> None:
        self.men = _Pool(_words(men))
        self.women = _Pool(_words(women))
        full_names = _words(surnames) if isinstance(surnames, str) else surnames
        self.surnames = _Pool([_split_surname(name) for name in full_names], steepness=0.6)
        self.nationalities = nationalities
        self.bsn_share = bsn_share
        self.origin_share = origin_share
        self.feminine_surname = feminine_surname


_DUTCH = _Group(
    DUTCH_MEN,
    DUTCH_WOMEN,
    [name.strip() for name in DUTCH_SURNAMES.split("|") if name.strip()],
    nationalities=["Nederlandse"] * 19 + [None],
    bsn_share=0.68,
    origin_share=0.87,
)
_TAIL = [(None, root + ending) for root in _TAIL_ROOTS for ending in _TAIL_ENDINGS]
_TAIL_SHARE = 0.25  # of Dutch surnames, drawn uniformly from the tail

# (share of all persons, group); the rest (~5%) are alias-only.
_FOREIGN = (
    (0.040, _Group(*POLISH, nationalities=["Poolse"] * 9 + [None], bsn_share=0.25, origin_share=0.4)),
    (0.030, _Group(*ROMANIAN, nationalities=["Roemeense"] * 9 + [None], bsn_share=0.25, origin_share=0.4)),
    (0.025, _Group(*TURKISH, nationalities=["Turkse", "Nederlandse", "Nederlandse"], bsn_share=0.6, origin_share=0.85)),
    (
        0.030,
        _Group(
            *MOROCCAN, nationalities=["Marokkaanse", "Nederlandse", "Nederlandse"], bsn_share=0.6, origin_share=0.85
        ),
    ),
    (
        0.025,
        _Group(
            *CYRILLIC,
            nationalities=["Oekraïense", "Oekraïense", "Russische", None],
            bsn_share=0.2,
            origin_share=0.3,
            feminine_surname=True,
        ),
    ),
)
ALIAS_ONLY_SHARE = 0.05
EXTRA_ALIAS_SHARE = 0.03  # named people who are also known by an alias
APPROXIMATE_BIRTH_SHARE = 0.10
_ALIASES = _Pool(_words(ALIASES), steepness=0.5)

_CONSTANT_FIELDS = {
    "safety_notes": "",
    "last_street": "",
    "last_postcode": "",
    "last_city": "",
    "phone": "",
    "homelessness_route": "onbekend",
    "consent": "niet_gevraagd",
    "consent_date": None,
    "merged_into_id": None,
}


# -- generation -----------------------------------------------------------------------------


def _new_bsn(rng: random.Random, used: set[str]) -> str:
    """Nine digits passing the elfproef, not in `used`: 8 random digits plus their check digit."""
    while True:
        body = str(rng.randint(10_000_000, 69_999_999))
        check = stdnum_bsn.checksum(body + "0")  # the digit that makes the weighted sum divisible by 11
        if check == 10:
            continue  # no single digit completes this body
        number = body + str(check)
        if number not in used and stdnum_bsn.is_valid(number):
            used.add(number)
            return number


def _feminine(surname: str) -> str:
    """Russian surnames in -ов/-ев/-ин take -а for women (Иванов -> Иванова)."""
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def _person(rng: random.Random, group: _Group | None, codes: Sequence[str], used_bsns: set[str]) -> dict[str, Any]:
    first = prefix = last = alias = nationality = None
    if group is None:  # known by an alias only
        alias = _ALIASES.draw(rng)
        gender = rng.choice(("man", "man", "man", "vrouw", "onbekend", "onbekend"))
        nationality = "Nederlandse" if rng.random() < 0.3 else None
        bsn_share, origin_share = 0.05, 0.3
    else:
        woman = rng.random() < 0.2
        gender = "vrouw" if woman else "man"
        if rng.random() < 0.01:
            gender = "anders"
        first = (group.women if woman else group.men).draw(rng)
        if group is _DUTCH and rng.random() < _TAIL_SHARE:
            prefix, last = rng.choice(_TAIL)
        else:
            prefix, last = group.surnames.draw(rng)
        if woman and group.feminine_surname:
            last = _feminine(last)
        if rng.random() < EXTRA_ALIAS_SHARE:
            alias = _ALIASES.draw(rng)
        nationality = rng.choice(group.nationalities)
        bsn_share, origin_share = group.bsn_share, group.origin_share

    born: date | None
    approximate = False
    if group is None and rng.random() < 0.4:
        born = None  # nobody knows
    elif rng.random() < APPROXIMATE_BIRTH_SHARE:
        born, approximate = date(rng.randint(FIRST_BIRTH.year, LAST_BIRTH.year), 1, 1), True
    else:
        born = date.fromordinal(rng.randint(FIRST_BIRTH.toordinal(), LAST_BIRTH.toordinal()))

    return {
        "first_name": first,
        "name_prefix": prefix,
        "last_name": last,
        "alias": alias,
        "date_of_birth": born,
        "date_of_birth_approximate": approximate,
        "gender": gender,
        "bsn": _new_bsn(rng, used_bsns) if rng.random() < bsn_share else None,
        "nationality": nationality,
        "origin_municipality_code": rng.choice(codes) if codes and rng.random() < origin_share else None,
        **_CONSTANT_FIELDS,
    }


def _pick_group(rng: random.Random) -> _Group | None:
    roll = rng.random()
    for share, group in _FOREIGN:
        if roll < share:
            return group
        roll -= share
    return None if roll < ALIAS_ONLY_SHARE else _DUTCH


def _moments(rng: random.Random, count: int, now: datetime) -> Iterator[tuple[datetime, datetime]]:
    """(created_at, updated_at) pairs in creation order, spread over the last five years."""
    seconds = HISTORY.total_seconds()
    for fraction in sorted(rng.random() for _ in range(count)):
        created = now - timedelta(seconds=seconds * (1.0 - fraction))
        if rng.random() < 0.55:
            updated = created  # never changed after registration
        else:
            updated = created + (now - created) * rng.random()
        yield created, updated


def generate_people(db: Database, count: int, seed: int = 1, *, now: datetime | None = None) -> None:
    """Insert `count` fictitious persons into `db`, in batches, reproducibly for a given `seed`.

    Persons already in the database stay; their BSNs are avoided. `now` (aware, default the current
    time) is the end of the five years over which creation and update moments are spread.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    rng = random.Random(seed)
    with db.read() as session:
        codes = sorted(session.scalars(select(Municipality.code)))
        used_bsns = set(session.scalars(select(Person.bsn).where(Person.bsn.is_not(None))))
    statement = insert(Person.__table__)
    batch: list[dict[str, Any]] = []
    for created, updated in _moments(rng, count, now):
        row = _person(rng, _pick_group(rng), codes, used_bsns)
        row["created_at"], row["updated_at"] = created, updated
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            _insert(db, statement, batch)
            batch = []
    if batch:
        _insert(db, statement, batch)


def _insert(db: Database, statement: Any, rows: list[dict[str, Any]]) -> None:
    with db.write() as session:
        session.execute(statement, rows)


# -- facilities and stays -------------------------------------------------------------------

LARGE_REGION_CENTRE = "0106"  # Assen: every facility below belongs to this one MO region
STAY_BATCH_SIZE = 10_000  # bed-nights per insert (with the stays they belong to)
OCCUPANCY = 0.9  # the share of (non-overflow) bed-nights taken
NIGHTLY_RUN = (1, 30)  # consecutive nights in one bed of a night or youth shelter
PLACEMENT_RUN = (20, 120)  # nights of a short-stay, trajectory or crisis placement
NIGHT_FEE_CENTS = 400
REGULARS_SKEW = 2.0  # persons are drawn as persons[n * random() ** skew]: low ids come back more often


@dataclass(frozen=True)
class RegionFacility:
    name: str
    kind: FacilityKind
    beds: int
    overflow: int = 0
    min_age: int | None = 23
    max_age: int | None = None
    max_stay_days: int | None = None
    street: str = ""
    city: str = ""


# The demo's facilities scaled up to a large region: 285 beds and 15 overflow beds.
LARGE_REGION = (
    RegionFacility(
        "Nachtopvang Havenkade Assen (groot)",
        FacilityKind.NIGHT_SHELTER,
        60,
        overflow=8,
        street="Havenkade",
        city="Assen",
    ),
    RegionFacility(
        "Nachtopvang Jongeren Havenkade Assen (groot)",
        FacilityKind.YOUTH_SHELTER,
        20,
        min_age=18,
        max_age=22,
        street="Havenkade",
        city="Assen",
    ),
    RegionFacility(
        "Kortdurende Opvang Assen (groot)",
        FacilityKind.SHORT_STAY,
        40,
        max_stay_days=91,
        street="Havenkade",
        city="Assen",
    ),
    RegionFacility(
        "Trajectkamers Jongeren Assen (groot)", FacilityKind.TRAJECTORY_ROOM, 15, min_age=18, max_age=22, city="Assen"
    ),
    RegionFacility(
        "De Breehof Nachtopvang Emmen (groot)", FacilityKind.NIGHT_SHELTER, 35, overflow=5, min_age=18, city="Emmen"
    ),
    RegionFacility(
        "De Breehof Kortdurende Opvang Emmen (groot)",
        FacilityKind.SHORT_STAY,
        40,
        min_age=18,
        max_stay_days=91,
        city="Emmen",
    ),
    RegionFacility("De Breehof Crisisopvang Emmen (groot)", FacilityKind.CRISIS, 20, min_age=18, city="Emmen"),
    RegionFacility("Nachtopvang Meppel (groot)", FacilityKind.NIGHT_SHELTER, 25, overflow=2, city="Meppel"),
    RegionFacility(
        "Kortdurende Opvang Hoogeveen (groot)", FacilityKind.SHORT_STAY, 20, max_stay_days=91, city="Hoogeveen"
    ),
    RegionFacility(
        "Nachtopvang Jongeren Emmen (groot)", FacilityKind.YOUTH_SHELTER, 10, min_age=18, max_age=22, city="Emmen"
    ),
)


def add_large_region(
    db: Database, facilities: Sequence[RegionFacility] = LARGE_REGION, centre: str = LARGE_REGION_CENTRE
) -> list[int]:
    """Create the facilities (with their beds) that are not there yet; the ids of all of them."""
    from shelter_desk.services.kernel.reference_data import ensure_region

    ids = []
    with db.write() as session:
        region = ensure_region(session, centre)
        existing = {name: facility_id for facility_id, name in session.execute(select(Facility.id, Facility.name))}
        for spec in facilities:
            if spec.name in existing:
                ids.append(existing[spec.name])
                continue
            facility = Facility(
                region=region,
                name=spec.name,
                kind=spec.kind,
                min_age=spec.min_age,
                max_age=spec.max_age,
                max_stay_length=spec.max_stay_days,
                max_stay_unit=StayUnit.DAYS if spec.max_stay_days else None,
                provider="Leger des Heils",
                street=spec.street,
                city=spec.city,
            )
            for position in range(spec.beds + spec.overflow):
                overflow = position >= spec.beds
                label = f"U{position - spec.beds + 1}" if overflow else str(position + 1)
                facility.beds.append(Bed(label=label, position=position, is_overflow=overflow))
            session.add(facility)
            session.flush()
            ids.append(facility.id)
    return ids


@dataclass(frozen=True)
class _Place:
    """An open, active, non-overflow bed and what generation needs of its facility."""

    bed_id: int
    facility_id: int
    min_age: int | None
    max_age: int | None
    planned_days: int | None
    nightly: bool  # a night or youth shelter: runs of nights with a fee, check-in and check-out times
    start_chance: float  # per free night: the chance that a new stay starts in this bed


def _start_chance(mean_length: float, occupancy: float) -> float:
    """A free bed starting a stay with chance p waits (1-p)/p nights on average; choose p for the occupancy."""
    mean_gap = mean_length * (1.0 / occupancy - 1.0)
    return 1.0 / (1.0 + mean_gap)


def _places(
    db: Database,
    occupancy: float,
    nightly_run: tuple[int, int] = NIGHTLY_RUN,
    placement_run: tuple[int, int] = PLACEMENT_RUN,
    capped: bool = False,
) -> list[_Place]:
    with db.read() as session:
        rows = session.execute(
            select(Bed.id, Facility.id, Facility.kind, Facility.min_age, Facility.max_age, Facility.max_stay_length)
            .join(Facility, Facility.id == Bed.facility_id)
            .where(Bed.active.is_(True), Bed.is_overflow.is_(False), Facility.active.is_(True))
            .order_by(Facility.id, Bed.position, Bed.id)
        ).all()
    places = []
    for bed_id, facility_id, kind, min_age, max_age, max_stay_days in rows:
        nightly = FacilityKind(kind).allocated_per_night
        shortest, longest = nightly_run if nightly else placement_run
        if capped and max_stay_days and not nightly:
            longest = max(shortest, min(longest, max_stay_days))  # strict runs stop at the maximum
        places.append(
            _Place(
                bed_id,
                facility_id,
                min_age,
                max_age,
                max_stay_days,
                nightly,
                _start_chance((shortest + longest) / 2, occupancy),
            )
        )
    return places


def _age_fits(born: date | None, night: date, minimum: int | None, maximum: int | None) -> bool:
    if born is None:
        return maximum is None  # unknown age: adult facilities only
    age = night.year - born.year - ((night.month, night.day) < (born.month, born.day))
    return (minimum is None or age >= minimum) and (maximum is None or age <= maximum)


class _PersonPicker:
    """Draws a person who is free from night `index` and whose age the facility admits."""

    ATTEMPTS = 40

    def __init__(self, rng: random.Random, persons: Sequence[tuple[int, date | None]]) -> None:
        self.rng = rng
        self.persons = list(persons)
        self.by_birth_year: dict[int, list[tuple[int, date | None]]] = {}
        for person in self.persons:
            if person[1] is not None:
                self.by_birth_year.setdefault(person[1].year, []).append(person)
        self.free_from: dict[int, int] = {}  # person id -> first night index they are free again

    def pick(self, place: _Place, index: int, night: date, until: date | None = None) -> int | None:
        """`until`: the stay's last night, when the ages must fit on every night (else the first only)."""
        rng, count = self.rng, len(self.persons)
        for _ in range(self.ATTEMPTS):
            if place.max_age is not None:  # few people are young: draw from the fitting birth years
                year = night.year - rng.randint(place.min_age or 0, place.max_age) - rng.randint(0, 1)
                bucket = self.by_birth_year.get(year)
                if not bucket:
                    continue
                person_id, born = bucket[rng.randrange(len(bucket))]
            else:
                person_id, born = self.persons[int(count * rng.random() ** REGULARS_SKEW)]
            if self.free_from.get(person_id, 0) > index:
                continue
            if _age_fits(born, night, place.min_age, place.max_age) and (
                until is None or _age_fits(born, until, place.min_age, place.max_age)
            ):
                return person_id
        return None


OVERSTAY_WINDOW = 60  # a deliberate overstay is at most this many nights over the maximum


def generate_stays(
    db: Database,
    nights: int,
    first_night: date,
    seed: int = 1,
    *,
    occupancy: float = OCCUPANCY,
    nightly_run: tuple[int, int] = NIGHTLY_RUN,
    placement_run: tuple[int, int] = PLACEMENT_RUN,
    strict: bool = False,
    overstay_share: float = 0.0,
    overstays: list[int] | None = None,
) -> int:
    """Fill the beds for `nights` consecutive nights from `first_night`; the number of bed-nights added.

    Uses the database's active, non-overflow beds (`add_large_region` first when there are no
    facilities) and its persons (not merged ones; run `generate_people` first). Each bed is taken
    ~`occupancy` of the nights: by runs of 1-30 nights of one person in night and youth shelters
    (€ 4,00 a night, paid; check-in and check-out times), by placements of 20-120 nights elsewhere;
    every run is a Stay. A person is in one bed a night, a bed has one person, and ages fit the
    facility. Nights before the last are 'uitgecheckt'; the last night is 'ingecheckt' or (at night
    shelters, ~45%) 'gereserveerd' with the fee still owed, and its stays are still open.
    Refuses a range that already has bed-nights. Reproducible for a given seed and database.

    `nightly_run` / `placement_run` are the (shortest, longest) runs. The defaults draw exactly
    what they always did. With `strict`, the person's age fits the facility on the stay's last
    night too (not only its first), and a placement at a facility with a maximum stay ends within
    it; only when such a placement could run on to the last night over its maximum (by at most
    OVERSTAY_WINDOW nights) does it do so, with chance `overstay_share`: still open, flagged
    'over maximum' by `stays_to_review`, and its stay id appended to `overstays`.
    """
    if nights <= 0:
        return 0
    last_night = first_night + timedelta(days=nights - 1)
    with db.read() as session:
        has_facilities = session.scalar(select(func.count()).select_from(Facility)) or 0
    if not has_facilities:
        add_large_region(db)
    places = _places(db, occupancy, nightly_run, placement_run, capped=strict)
    with db.read() as session:
        if session.scalar(select(BedNight.id).where(BedNight.night.between(first_night, last_night)).limit(1)):
            raise ValueError(f"bed_night already has rows between {first_night} and {last_night}")
        persons = session.execute(
            select(Person.id, Person.date_of_birth).where(Person.merged_into_id.is_(None)).order_by(Person.id)
        ).all()
        next_stay_id = (session.scalar(select(func.max(Stay.id))) or 0) + 1
    if not persons:
        raise ValueError("no persons to put in the beds: call generate_people first")
    if not places:
        raise ValueError("no open beds to fill")

    rng = random.Random(seed)
    picker = _PersonPicker(rng, [(person_id, born) for person_id, born in persons])
    days = [first_night + timedelta(days=index) for index in range(nights + 1)]
    # Evening 19:00 and morning 07:00 local time per night, in UTC (the clock changes twice a year).
    evenings = [datetime.combine(day, clock_time(19, 0), AMSTERDAM).astimezone(UTC) for day in days]
    mornings = [datetime.combine(day, clock_time(7, 0), AMSTERDAM).astimezone(UTC) for day in days]
    outflows = [outflow.value for outflow in Outflow]
    bed_free_from = [0] * len(places)

    stay_rows: list[dict[str, Any]] = []
    night_rows: list[dict[str, Any]] = []
    added = 0
    stay_statement, night_statement = insert(Stay.__table__), insert(BedNight.__table__)

    def flush() -> None:
        with db.write() as session:
            if stay_rows:
                session.execute(stay_statement, stay_rows)
            if night_rows:
                session.execute(night_statement, night_rows)
        stay_rows.clear()
        night_rows.clear()

    for index in range(nights):
        night = days[index]
        for number, place in enumerate(places):
            if bed_free_from[number] > index or rng.random() >= place.start_chance:
                continue
            over = False
            if strict:  # the length first: the person must fit the facility until its last night
                shortest, longest = nightly_run if place.nightly else placement_run
                maximum = None if place.nightly else place.planned_days
                if maximum:
                    shortest, longest = min(shortest, maximum), min(longest, maximum)
                end = min(index + rng.randint(shortest, longest), nights)  # exclusive
                remaining = nights - index
                if maximum and maximum < remaining <= maximum + OVERSTAY_WINDOW and rng.random() < overstay_share:
                    end, over = nights, True
                person_id = picker.pick(place, index, night, until=days[end - 1])
                if person_id is None:
                    continue
            else:
                person_id = picker.pick(place, index, night)
                if person_id is None:
                    continue
                shortest, longest = nightly_run if place.nightly else placement_run
                end = min(index + rng.randint(shortest, longest), nights)  # exclusive
            bed_free_from[number] = picker.free_from[person_id] = end
            still_open = end == nights
            stay_id, next_stay_id = next_stay_id, next_stay_id + 1
            if over and overstays is not None:
                overstays.append(stay_id)
            stay_rows.append(
                {
                    "id": stay_id,
                    "person_id": person_id,
                    "facility_id": place.facility_id,
                    "start_night": night,
                    "planned_end_night": night + timedelta(days=place.planned_days) if place.planned_days else None,
                    "end_night": None if still_open else days[end - 1],
                    "outflow": None
                    if still_open
                    else (Outflow.UNKNOWN.value if place.nightly and rng.random() < 0.8 else rng.choice(outflows)),
                    "outflow_to_origin": False,
                    "created_at": evenings[index] + timedelta(minutes=rng.randint(0, 240)),
                }
            )
            for at in range(index, end):
                last = at == nights - 1
                if place.nightly:
                    reserved = last and rng.random() < 0.45
                    check_in = None if reserved else evenings[at] + timedelta(minutes=rng.randint(30, 270))
                    check_out = None if last else mornings[at + 1] + timedelta(minutes=rng.randint(0, 150))
                    status = ("gereserveerd" if reserved else "ingecheckt") if last else "uitgecheckt"
                    fee_cents, fee_status = NIGHT_FEE_CENTS, "openstaand" if reserved else "betaald"
                else:
                    check_in = check_out = None
                    status = "ingecheckt" if last else "uitgecheckt"
                    fee_cents, fee_status = 0, "geen"
                night_rows.append(
                    {
                        "stay_id": stay_id,
                        "person_id": person_id,
                        "bed_id": place.bed_id,
                        "night": days[at],
                        "status": status,
                        "check_in_at": check_in,
                        "check_out_at": check_out,
                        "fee_cents": fee_cents,
                        "fee_status": fee_status,
                        "override_reason": "",
                    }
                )
            added += end - index
            if len(night_rows) >= STAY_BATCH_SIZE:
                flush()
    if stay_rows or night_rows:
        flush()
    return added


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.population", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="SQLite file to create or open")
    parser.add_argument("count", type=int, help="number of persons to add")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--nights",
        type=int,
        default=None,
        help="also fill the beds for this many nights (a large region is added if no facilities)",
    )
    parser.add_argument(
        "--last-night", type=date.fromisoformat, default=None, help="the last night filled, YYYY-MM-DD (default: today)"
    )
    arguments = parser.parse_args(argv)

    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.services.kernel.database_setup import open_and_prepare, summarise

    db = open_and_prepare(resolve_location(arguments.path, plain=True))
    try:
        started = time.perf_counter()
        generate_people(db, arguments.count, arguments.seed)
        took = time.perf_counter() - started
        if arguments.nights is not None:
            last_night = arguments.last_night or date.today()
            first_night = last_night - timedelta(days=arguments.nights - 1)
            stays_started = time.perf_counter()
            bed_nights = generate_stays(db, arguments.nights, first_night, arguments.seed)
            stays_took = time.perf_counter() - stays_started
        summary = summarise(db)
    finally:
        db.close()
    print(
        f"{arguments.count:,} persons added in {took:.1f} s "
        f"({arguments.count / took:,.0f} per second); {summary.label} now holds {summary.persons:,}."
    )
    if arguments.nights is not None:
        print(
            f"{bed_nights:,} bed-nights added for {arguments.nights:,} nights {first_night} .. {last_night} "
            f"in {stays_took:.1f} s ({bed_nights / max(stays_took, 1e-9):,.0f} per second); "
            f"{summary.facilities} facilities."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
