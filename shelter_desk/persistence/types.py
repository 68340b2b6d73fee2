"""Column types shared by the models: moments stored in UTC and always read back timezone-aware;
domain enums stored as their plain value."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import IntEnum, StrEnum
from typing import TypeVar, cast

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Refuses naive datetimes; stores UTC; returns aware UTC (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def stored_date(stored: str | date) -> date:
    """A date column read without SQLAlchemy's processing (`type_coerce(column, String)`): SQLite
    gives the ISO text, parsed here in C; PostgreSQL gives a date already. For reads of thousands."""
    return stored if isinstance(stored, date) else date.fromisoformat(stored)


def stored_moment(stored: str | datetime) -> datetime:
    """A `UtcDateTime` column read without SQLAlchemy's processing (`type_coerce(column, String)`):
    SQLite gives the naive UTC text, parsed here in C; PostgreSQL gives an aware moment. Aware UTC,
    as the column type reads it."""
    if isinstance(stored, datetime):
        return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


StrEnumT = TypeVar("StrEnumT", bound=StrEnum)
IntEnumT = TypeVar("IntEnumT", bound=IntEnum)


class StoredEnum(TypeDecorator[StrEnumT]):
    """A domain enum in the String column that holds its value: the schema stays plain text.

    Binds a member (or its value, as older code and merge snapshots give it) and reads back the
    member, so a model attribute is typed with the enum; an unknown value is refused both ways.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[StrEnumT], length: int) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: StrEnumT | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnumT | None:
        if value is None:
            return None
        # The member by its value without Enum.__call__ (a dict look-up: boards and monitors read
        # thousands); an unknown value still goes through the constructor, which refuses it.
        member = self.enum_class._value2member_map_.get(value)
        return self.enum_class(value) if member is None else cast(StrEnumT, member)


class StoredIntEnum(TypeDecorator[IntEnumT]):
    """A domain IntEnum in an Integer column, read back as the member."""

    impl = Integer
    cache_ok = True

    def __init__(self, enum_class: type[IntEnumT]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: IntEnumT | int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(self.enum_class(value))

    def process_result_value(self, value: int | None, dialect: Dialect) -> IntEnumT | None:
        return None if value is None else self.enum_class(value)
