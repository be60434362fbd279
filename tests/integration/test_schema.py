"""The schema is fully named, so migrations can alter any constraint years from now."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.sql.elements import conv

from pcc_cases.adapters.tables import metadata


def test_every_constraint_and_index_has_a_name() -> None:
    unnamed = []
    for table in metadata.tables.values():
        for constraint in table.constraints:
            kinds = (CheckConstraint, ForeignKeyConstraint, PrimaryKeyConstraint, UniqueConstraint)
            assert isinstance(constraint, kinds)
            if constraint.name is None:
                unnamed.append(f"{table.name}: {constraint!r}")
        unnamed += [f"{table.name}: {i!r}" for i in table.indexes if i.name is None]
    assert unnamed == []
    assert all(
        isinstance(c.name, str | conv) for tb in metadata.tables.values() for c in tb.constraints
    )


def test_names_follow_the_convention() -> None:
    cases = metadata.tables["pcc_cases"]
    names = {c.name for c in cases.constraints} | {i.name for i in cases.indexes}
    assert {
        "pk_pcc_cases",
        "uq_pcc_cases_number",
        "ix_pcc_cases_state",
        "ck_pcc_cases_case_state",
    } <= names
    assert all(name.startswith("pcc_") for name in metadata.tables)
