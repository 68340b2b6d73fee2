"""Everything held about one person, as plain data, and its machine-readable form (AVG art. 15 and 20).

The same data makes the Dutch PDF (`inzage_pdf.py`) and the JSON file given to the person for
portability. `INZAGE_SCHEMA` is the JSON Schema (draft 2020-12) of that file, with a description
of every part: a receiving organisation reads what each field means from the file's schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

Value = str | int | bool | date | datetime | None

SCHEMA_ID = "https://shelter-desk.invalid/schema/inzage-1.json"


@dataclass(frozen=True)
class Section:
    """The rows of one kind of record about the person (for example "Verblijven")."""

    key: str  # the table the rows come from: stable, for machines
    title: str  # Dutch, for people
    columns: list[tuple[str, str]]  # (key, Dutch label), in the order shown
    rows: list[dict[str, Value]]


@dataclass(frozen=True)
class LogLine:
    """One line of the access log about this person: who did what, when, from where."""

    entry_id: int
    at: datetime
    username: str
    worker: str  # the worker's name as the account holds it ('' when the account is unknown)
    role: str  # Dutch role label ('' when unknown)
    workstation: str
    action: str
    fields: str
    detail: str


@dataclass(frozen=True)
class Inzage:
    person_id: int
    name: str
    made_at: datetime
    made_by: str
    sections: list[Section]
    access_log: list[LogLine]
    chain_intact: bool
    chain_statement: str  # Dutch: what the whole-log check found
    redaction: str  # Dutch: how other persons' names in shared texts were hidden


def _json_value(value: Value) -> str | int | bool | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def inzage_json(inzage: Inzage) -> bytes:
    """The file for the person (UTF-8 JSON, validated by `INZAGE_SCHEMA`)."""
    document: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "persoon_id": inzage.person_id,
        "naam": inzage.name,
        "gemaakt_op": inzage.made_at.isoformat(),
        "gemaakt_door": inzage.made_by,
        "afscherming": inzage.redaction,
        "onderdelen": [
            {
                "sleutel": section.key,
                "titel": section.title,
                "kolommen": [{"sleutel": key, "naam": label} for key, label in section.columns],
                "rijen": [{key: _json_value(row.get(key)) for key, _label in section.columns} for row in section.rows],
            }
            for section in inzage.sections
        ],
        "toegangslog": {
            "keten_in_orde": inzage.chain_intact,
            "controle": inzage.chain_statement,
            "regels": [
                {
                    "regel": line.entry_id,
                    "tijdstip": line.at.isoformat(),
                    "gebruiker": line.username,
                    "naam": line.worker,
                    "rol": line.role,
                    "werkplek": line.workstation,
                    "handeling": line.action,
                    "velden": line.fields,
                    "toelichting": line.detail,
                }
                for line in inzage.access_log
            ],
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


_TEXT = {"type": "string"}
_CELL = {"type": ["string", "integer", "boolean", "null"], "description": "Datum/tijd als ISO 8601-tekst."}

INZAGE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Inzage persoonsgegevens (Shelter Desk)",
    "description": (
        "Alle gegevens die de opvang over één persoon bewaart (AVG art. 15 en 20), met het "
        "toegangslogboek (NEN 7513) van dat dossier."
    ),
    "type": "object",
    "required": ["persoon_id", "naam", "gemaakt_op", "gemaakt_door", "afscherming", "onderdelen", "toegangslog"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string", "description": "Dit schema."},
        "persoon_id": {"type": "integer", "description": "Het nummer van het dossier in deze database."},
        "naam": {"type": "string", "description": "De naam zoals de balie die toont."},
        "gemaakt_op": {"type": "string", "format": "date-time", "description": "Wanneer dit bestand is gemaakt."},
        "gemaakt_door": {"type": "string", "description": "Wie het maakte (coördinator of beheerder)."},
        "afscherming": {
            "type": "string",
            "description": "Hoe namen van andere personen in gedeelde teksten zijn afgeschermd.",
        },
        "onderdelen": {
            "type": "array",
            "description": "Eén onderdeel per soort gegeven (persoonsgegevens, verblijven, nachten, post, ...).",
            "items": {
                "type": "object",
                "required": ["sleutel", "titel", "kolommen", "rijen"],
                "additionalProperties": False,
                "properties": {
                    "sleutel": {"type": "string", "description": "De tabel waaruit de rijen komen."},
                    "titel": {"type": "string", "description": "De Nederlandse titel van het onderdeel."},
                    "kolommen": {
                        "type": "array",
                        "description": "De velden van elke rij, met hun Nederlandse naam.",
                        "items": {
                            "type": "object",
                            "required": ["sleutel", "naam"],
                            "additionalProperties": False,
                            "properties": {"sleutel": _TEXT, "naam": _TEXT},
                        },
                    },
                    "rijen": {
                        "type": "array",
                        "description": "Eén object per bewaard gegeven; de sleutels zijn die van 'kolommen'.",
                        "items": {"type": "object", "additionalProperties": _CELL},
                    },
                },
            },
        },
        "toegangslog": {
            "type": "object",
            "description": "Wie dit dossier inzag of wijzigde, wanneer en vanaf welke werkplek (NEN 7513).",
            "required": ["keten_in_orde", "controle", "regels"],
            "additionalProperties": False,
            "properties": {
                "keten_in_orde": {
                    "type": "boolean",
                    "description": "Of de beveiligde keten van het hele logboek bij het maken klopte.",
                },
                "controle": {"type": "string", "description": "Wat de controle van de keten vond, in woorden."},
                "regels": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "regel",
                            "tijdstip",
                            "gebruiker",
                            "naam",
                            "rol",
                            "werkplek",
                            "handeling",
                            "velden",
                            "toelichting",
                        ],
                        "additionalProperties": False,
                        "properties": {
                            "regel": {"type": "integer", "description": "Regelnummer in het logboek."},
                            "tijdstip": {"type": "string", "format": "date-time"},
                            "gebruiker": {"type": "string", "description": "De gebruikersnaam."},
                            "naam": {"type": "string", "description": "De naam van de medewerker."},
                            "rol": {"type": "string", "description": "Baliemedewerker, coördinator of beheerder."},
                            "werkplek": {"type": "string", "description": "De computer (werkplek)."},
                            "handeling": {"type": "string", "description": "Inzien, wijzigen, afdrukken, ..."},
                            "velden": {"type": "string", "description": "Welke velden werden gewijzigd."},
                            "toelichting": _TEXT,
                        },
                    },
                },
            },
        },
    },
}
