"""The figures the country asks twice a year, and the keyed pseudonym that lets a region's providers
count a person once across their files.

The national questions (seed 002 §6.1 goal 6) count inflow by age band 18–22, 23–26 and 27 and
older (the policy's youth, young adults and adults), by CBS route and by where the person slept
before intake. The pseudonym is HMAC-SHA-256 under a key the region's providers share: of the
BSN when there is one, else of the normalised name and birth date; without the key nobody can
test a guess, and the key never leaves the providers.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import secrets
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind

MIN_KEY_BYTES = 32
_HALF_YEAR = re.compile(r"^\s*(\d{4})\s*[-/ ]\s*([12])\s*$")


def parse_half_year(text: str) -> Period:
    """'2026-2' → the second half of 2026 (1 July to 31 December)."""
    found = _HALF_YEAR.match(text)
    if found is None:
        raise DeskError(f"‘{text}’ is geen halfjaar: schrijf het als JJJJ-1 of JJJJ-2 (bijvoorbeeld 2026-2).")
    return Period.of(PeriodKind.HALF_YEAR, int(found.group(1)), int(found.group(2)))


AGE_BANDS = ("onder_18", "18-22", "23-26", "27+", "onbekend")


def age_band(age: int | None) -> str:
    if age is None:
        return "onbekend"
    if age < 18:
        return "onder_18"
    if age <= 22:
        return "18-22"
    return "23-26" if age <= 26 else "27+"


def median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def new_key() -> bytes:
    """A fresh key for a region: 32 random bytes, written as 64 hexadecimal characters."""
    return secrets.token_hex(MIN_KEY_BYTES).encode("ascii") + b"\n"


def read_key(content: bytes) -> bytes:
    """The key from a key file: hexadecimal text (as `new_key` writes) or raw bytes; at least 32 bytes."""
    text = content.strip()
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        key = content
    if len(key) < MIN_KEY_BYTES:
        raise DeskError(
            f"Het sleutelbestand is te kort ({len(key)} bytes; minstens {MIN_KEY_BYTES}). "
            "Maak een sleutel met ‘shelter-desk export new-key BESTAND’ en deel die met de aanbieders van de regio."
        )
    return key


def normalised_name(first_name: str | None, name_prefix: str | None, last_name: str | None) -> str:
    """Lower case, without accents, spaces or punctuation: 'Jan van der Berg' = 'jan vanderberg'."""
    joined = " ".join(part for part in (first_name, name_prefix, last_name) if part)
    plain = unicodedata.normalize("NFKD", joined)
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    return "".join(char for char in plain if char.isalnum())


def pseudonym(key: bytes, bsn: str | None, name: str, born: date | None) -> str | None:
    """The keyed hash that stands for the person; None when neither a BSN nor name and birth date are known."""
    if bsn:
        message = f"bsn:{bsn}"
    elif name and born is not None:
        message = f"naam:{name}|{born.isoformat()}"
    else:
        return None
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class UniqueCount:
    unique: int  # distinct pseudonyms over all files
    rows: int  # person-stays read
    without_pseudonym: int  # rows that cannot be matched (no BSN, no full name and birth date)


def count_unique(files: Sequence[tuple[str, bytes]]) -> UniqueCount:
    """Combine several providers' pseudonymised files (name, content): each pseudonym counts once."""
    seen: set[str] = set()
    rows = without = 0
    for name, content in files:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DeskError(f"{name} is geen UTF-8-tekstbestand; is het wel een gepseudonimiseerde export?") from None
        reader = csv.DictReader(io.StringIO(text), delimiter=";")
        if reader.fieldnames is None or "pseudoniem" not in reader.fieldnames:
            raise DeskError(f"{name} heeft geen kolom ‘pseudoniem’; is het wel een gepseudonimiseerde export?")
        for row in reader:
            rows += 1
            keyed = (row.get("pseudoniem") or "").strip()
            if not keyed:
                without += 1
            elif not _HEX_64.match(keyed):
                raise DeskError(f"{name}, regel {reader.line_num}: ‘{keyed[:20]}’ is geen pseudoniem.")
            else:
                seen.add(keyed)
    return UniqueCount(len(seen), rows, without)


_HEX_64 = re.compile(r"^[0-9a-f]{64}$")
