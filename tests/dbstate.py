"""What a database holds, in one comparable value: to prove that a refusal changed nothing."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select, text

from pcc_cases.adapters import tables as t


def fingerprint(url: str) -> tuple[int, ...]:
    """Row counts of people, cases and events, and a checksum of the people's names."""
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.people, t.cases, t.case_events)
        )
        checksum = conn.execute(
            text(
                "SELECT count(*), coalesce(sum(length(first_name || last_name || coalesce(class_name, ''))), 0) FROM pcc_people"
            )
        ).one()
    engine.dispose()
    return (*counts, *checksum)
