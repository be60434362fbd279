"""Column types that keep the domain's guarantees at the database boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from pcc_cases.domain.errors import TimeInputError
from pcc_cases.domain.people import Role, format_roles, parse_roles
from pcc_cases.translation import N_


class UTCDateTime(TypeDecorator[pendulum.DateTime]):
    """Stores naive UTC (microseconds kept), refuses naive input, returns pendulum in UTC.

    One type for every timestamp: no backend's own time-zone handling is trusted, so the
    same instant comes back from SQLite, PostgreSQL and MariaDB.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            from sqlalchemy.dialects.mysql import DATETIME  # only when MariaDB is in use

            return dialect.type_descriptor(DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime(timezone=False))

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TimeInputError(N_("expected a datetime, got {name}"), name=type(value).__name__)
        if value.tzinfo is None or value.utcoffset() is None:
            raise TimeInputError(
                N_("refusing naive datetime {value}: give a time zone"), value=value.isoformat()
            )
        utc = value.astimezone(dt.UTC)
        return dt.datetime(  # noqa: DTZ001 - stored naive, always UTC
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
        )

    def process_result_value(self, value: Any, dialect: Dialect) -> pendulum.DateTime | None:
        if value is None:
            return None
        if isinstance(value, str):  # SQLite returns text when the column type is lost
            value = dt.datetime.fromisoformat(value)
        # The constructor, not pendulum.instance(): a list of cases reads thousands of
        # timestamps, and instance() is some twenty times slower for the same value.
        return pendulum.DateTime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=pendulum.UTC,
        )


class RoleSet(TypeDecorator[frozenset[Role]]):
    """A person's roles as one '|'-separated column: few values, read together."""

    impl = String(120)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return format_roles(frozenset(value or ()))

    def process_result_value(self, value: Any, dialect: Dialect) -> frozenset[Role]:
        return parse_roles(value)
