"""The half-year figures for the country and the pseudonymised person-stays as CSV (semicolon,
UTF-8 with BOM, as Dutch Excel opens it), from plain data; small numbers masked as the monitor's."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from shelter_desk.domain.monitor import masked

COLUMNS = ("periode", "gebied", "gemeentecode", "figuur", "categorie", "waarde")
PSEUDONYM_COLUMNS = (
    "pseudoniem",
    "grondslag",
    "centrumgemeente",
    "soort_voorziening",
    "eerste_nacht",
    "laatste_nacht",
    "uitstroom",
    "leeftijdsgroep",
)


@dataclass(frozen=True)
class NationalFigure:
    area: str  # "organisatie" or the centrumgemeente's name
    code: str  # the centrumgemeente's CBS code ("" for the organisation)
    figure: str
    category: str
    value: int | float | None  # a count, or an average/median (None: nothing to average)
    base: int  # how many people or stays the figure rests on (decides the masking)


def render_national_csv(period_label: str, figures: list[NationalFigure], threshold: int) -> bytes:
    """One row per area, figure and category; counts, and figures resting on few people, masked ('<5')."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for f in figures:
        writer.writerow([period_label, f.area, f.code, f.figure, f.category, shown(f, threshold)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def shown(figure: NationalFigure, threshold: int) -> str:
    if isinstance(figure.value, int):
        return masked(figure.value, threshold)
    if figure.value is None:
        return ""
    if 0 < figure.base < threshold:
        return masked(figure.base, threshold)
    return f"{figure.value:.1f}".replace(".", ",")


def render_pseudonymised_csv(rows: list[tuple[str, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(PSEUDONYM_COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
