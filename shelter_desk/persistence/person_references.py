"""Where the schema points at a person: found from the foreign keys, so a new table is never missed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column

from shelter_desk.persistence.models import Base


def person_reference_columns() -> list[Column[Any]]:
    """Every column in the schema that points at a person, except the merge bookkeeping itself."""
    columns = []
    for table in Base.metadata.sorted_tables:
        if table.name in ("person", "person_merge"):
            continue
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table.name == "person":
                columns.append(foreign_key.parent)
    return columns
