"""Case numbers YYYY-NNNN per school year: unique and gap-free under concurrent writers.

A counter row per school year is incremented inside the writer's own transaction: the row
lock serialises concurrent writers, and a rolled-back transaction gives its number back.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_cases.adapters.tables import case_number_counters as counters


def reserve_numbers(session: Session, school_year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers of ``school_year``; returns the first."""
    dialect = session.get_bind().dialect.name
    values = {"school_year": school_year, "last_number": count}
    bump = {"last_number": counters.c.last_number + count}
    # Each backend's dialect module is imported only when it is the one in use: importing
    # them all would slow every command down (PostgreSQL's alone takes tens of ms).
    if dialect in ("mysql", "mariadb"):
        from sqlalchemy.dialects import mysql

        session.execute(mysql.insert(counters).values(values).on_duplicate_key_update(bump))
        last = session.execute(
            select(counters.c.last_number).where(counters.c.school_year == school_year)
        ).scalar_one()
    elif dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg_upsert = postgresql.insert(counters).values(values)
        last = session.execute(
            pg_upsert.on_conflict_do_update(index_elements=["school_year"], set_=bump).returning(
                counters.c.last_number
            )
        ).scalar_one()
    else:
        from sqlalchemy.dialects import sqlite

        lite_upsert = sqlite.insert(counters).values(values)
        last = session.execute(
            lite_upsert.on_conflict_do_update(index_elements=["school_year"], set_=bump).returning(
                counters.c.last_number
            )
        ).scalar_one()
    return int(last) - count + 1


def format_number(school_year: int, sequence: int) -> str:
    return f"{school_year}-{sequence:04d}"


def raise_counter(session: Session, school_year: int, at_least: int) -> None:
    """Make sure the counter of ``school_year`` is at least ``at_least`` (imported numbers)."""
    current = session.execute(
        select(counters.c.last_number).where(counters.c.school_year == school_year)
    ).scalar_one_or_none()
    if current is None:
        session.execute(counters.insert().values(school_year=school_year, last_number=at_least))
    elif current < at_least:
        session.execute(
            counters.update()
            .where(counters.c.school_year == school_year)
            .values(last_number=at_least)
        )
