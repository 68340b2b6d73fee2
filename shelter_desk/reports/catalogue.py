"""The sentences of the client documents in each language: gettext `.po` catalogues, read with Babel.

Each msgid is a sentence key ("house_rules.rule_1"); `nl.po` holds the Dutch text of every key and
is the fallback, sentence by sentence: a key another language lacks (or leaves empty, or marks
fuzzy) prints in Dutch, never as its key. The shipped catalogues are `resources/documents/*.po`;
an organisation edits them, or adds a language or its own wording as `.po` files in the
`documenten` folder of the user data folder (or the folder in `SHELTER_DESK_DOCUMENTS`), which
win key by key. `missing_sentences()` lists what each language lacks (`shelter-desk documents check`).

Dates, numbers and money follow the language through Babel's CLDR data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import localedata
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from platformdirs import user_data_path

from shelter_desk.domain.errors import DeskError
from shelter_desk.paths import resource

DUTCH = "nl"
FOLDER_ENV = "SHELTER_DESK_DOCUMENTS"
_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def catalogue_folders() -> list[Path]:
    """Where catalogues are read from, later folders winning key by key."""
    own = os.environ.get(FOLDER_ENV)
    return [
        resource("documents"),
        Path(own) if own else user_data_path("shelter-desk", appauthor=False) / "documenten",
    ]


@dataclass(frozen=True)
class Language:
    code: str  # "pl"
    name: str  # its own name: "Polski"
    dutch_name: str  # "Pools"
    right_to_left: bool

    @property
    def label(self) -> str:
        """As the desk's list shows it: 'Pools (Polski)', 'Nederlands'."""
        return self.dutch_name if self.name == self.dutch_name else f"{self.dutch_name} ({self.name})"


@dataclass(frozen=True)
class Missing:
    language: str
    key: str
    dutch: str  # the sentence that is printed instead
    reason: str  # "ontbreekt", "leeg", "onzeker (fuzzy)", "andere invulplekken: {fee}"


class Catalogues:
    """Every language's sentences as read from the folders; built once per process by `catalogues()`."""

    def __init__(self, folders: list[Path]) -> None:
        self._texts: dict[str, dict[str, str]] = {}
        self._missing: list[Missing] = []
        self.problems: list[str] = []  # unreadable files, in Dutch
        fuzzy: dict[str, set[str]] = {}
        for folder in folders:
            for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
                code = path.stem
                if not _CODE.match(code):
                    self.problems.append(f"{path.name}: de bestandsnaam is geen taalcode (zoals pl.po).")
                    continue
                try:
                    with path.open("rb") as file:
                        catalogue = read_po(file, locale=code)
                except (OSError, ValueError, UnknownLocaleError) as error:
                    self.problems.append(f"{path}: niet te lezen ({error}).")
                    continue
                texts = self._texts.setdefault(code, {})
                for message in catalogue:
                    if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str):
                        continue
                    if message.fuzzy:
                        fuzzy.setdefault(code, set()).add(message.id)
                        texts.pop(message.id, None)
                    elif message.string.strip():
                        texts[message.id] = message.string
                        fuzzy.get(code, set()).discard(message.id)
        dutch = self._texts.get(DUTCH, {})
        for code in sorted(self._texts):
            if code == DUTCH:
                continue
            for key, source in dutch.items():
                own = self._texts[code].get(key)
                if own is None:
                    reason = "onzeker (fuzzy)" if key in fuzzy.get(code, set()) else "ontbreekt of is leeg"
                    self._missing.append(Missing(code, key, source, reason))
                elif set(_PLACEHOLDER.findall(own)) != set(_PLACEHOLDER.findall(source)):
                    self._missing.append(Missing(code, key, source, "andere invulplekken dan het Nederlands"))
                    del self._texts[code][key]

    def languages(self) -> list[Language]:
        """Dutch first, then the others by their Dutch name."""
        found = [self.language(code) for code in self._texts]
        return sorted(found, key=lambda language: (language.code != DUTCH, language.dutch_name))

    def knows(self, code: str) -> bool:
        return code in self._texts

    def language(self, code: str) -> Language:
        texts = self._texts.get(code, {})
        return Language(
            code,
            texts.get("meta.language_name", code),
            texts.get("meta.language_name_dutch", texts.get("meta.language_name", code)),
            texts.get("meta.direction", "ltr") == "rtl",
        )

    def missing(self) -> list[Missing]:
        return list(self._missing)

    def text(self, code: str, key: str, **values: str) -> str:
        """The sentence in `code`, else in Dutch; placeholders filled with the (already formatted) values."""
        sentence = self._texts.get(code, {}).get(key) or self._texts.get(DUTCH, {}).get(key)
        if sentence is None:
            raise DeskError(f"De documenttekst '{key}' ontbreekt ook in het Nederlands (nl.po).")
        return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), sentence)

    def dutch_only(self, code: str, key: str) -> bool:
        """Whether the sentence prints in Dutch because `code` lacks it."""
        return key not in self._texts.get(code, {})


@cache
def catalogues() -> Catalogues:
    return Catalogues(catalogue_folders())


def check_language(code: str) -> str:
    """`code` when a catalogue for it exists; else a Dutch refusal naming the languages there are."""
    found = catalogues()
    if not found.knows(code):
        names = ", ".join(f"{language.code} ({language.dutch_name})" for language in found.languages())
        raise DeskError(f"Voor de taal '{code}' zijn geen documentteksten. Kies uit: {names}.")
    return code


def _locale(code: str) -> Locale:
    """Babel's locale for `code`; Dutch when its CLDR data is not there (the bundle ships only the
    shipped languages' data)."""
    try:
        return Locale.parse(code if localedata.exists(code) else DUTCH)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DUTCH)


def long_date(day: date, code: str) -> str:
    """'25 november 2026', '25 listopada 2026', '٢٥ نوفمبر ٢٠٢٦' (as the language writes it)."""
    return format_date(day, format="long", locale=_locale(code))


def weekday_date(day: date, code: str) -> str:
    """'dinsdag 24 november', 'Tuesday 24 November' (each in the language's own order)."""
    return format_date(day, format="EEEE d MMMM", locale=_locale(code))


def clock(moment: time | datetime, code: str) -> str:
    return format_time(moment, format="short", locale=_locale(code))


def money(amount: Decimal, code: str) -> str:
    """'€ 2,50', '2,50 €', 'EUR 2.50' as the language writes euros."""
    return format_currency(amount, "EUR", locale=_locale(code))


def number(value: int | Decimal, code: str) -> str:
    return format_decimal(value, locale=_locale(code))
