"""The people CSV parser: round trips in every dialect, every problem named, junk refused."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases.domain.errors import PeopleFileError
from pcc_cases.domain.people import Person, Role, format_roles
from pcc_cases.interchange.people_csv import COLUMNS, parse_people_csv

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,10}", fullmatch=True)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s != "")


@st.composite
def people(draw: st.DrawFn) -> list[Person]:
    chosen = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    result = []
    for pid in chosen:
        kind = draw(st.sampled_from(["student", "staff", "external"]))
        result.append(
            Person(
                id=pid,
                kind=kind,
                first_name=draw(names),
                last_name=draw(names),
                location=draw(st.sampled_from([None, "Alkmaar", "Bergen"])),
                class_name=draw(st.sampled_from([None, "2B"])) if kind == "student" else None,
                roles=draw(st.frozensets(st.sampled_from(list(Role))))
                if kind == "staff"
                else frozenset(),
                left_on=draw(st.none() | st.dates()),
            )
        )
    return result


def to_csv(persons: list[Person], delimiter: str, bom: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(COLUMNS)
    for p in persons:
        writer.writerow(
            [
                p.id,
                p.kind.value,
                p.first_name,
                p.last_name,
                p.location or "",
                p.class_name or "",
                p.mentor_id or "",
                format_roles(p.roles),
                p.left_on.isoformat() if p.left_on else "",
            ]
        )
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


@settings(max_examples=60)
@given(persons=people(), delimiter=st.sampled_from([",", ";"]), bom=st.booleans())
def test_any_people_round_trip_in_either_dialect(
    persons: list[Person], delimiter: str, bom: bool
) -> None:
    parsed = [row.person for row in parse_people_csv(to_csv(persons, delimiter, bom))]
    fields = ("id", "kind", "first_name", "last_name", "location", "class_name", "roles", "left_on")
    assert [[getattr(p, f) for f in fields] for p in parsed] == [
        [getattr(p, f) for f in fields] for p in persons
    ]


@given(junk=st.binary(max_size=300))
def test_junk_bytes_give_a_people_file_error_or_parse(junk: bytes) -> None:
    try:
        parse_people_csv(junk)
    except PeopleFileError as exc:
        problems, message = exc.problems, str(exc)
    else:
        return
    assert problems and "nothing was imported" in message


HEADER = ",".join(COLUMNS)


def test_every_problem_is_listed_with_line_and_column() -> None:
    data = (
        f"{HEADER}\n"
        "a1,leerling,Sam,Vries,,,,,\n"
        "a2,staff,,Jansen,,,,baas,\n"
        "a3,student,Lot,Smit,,,,,31-12-2025\n"
        "a1,student,Sam,Vries,,,,,\n"
        "a4,student,Kim\n"
    ).encode()
    with pytest.raises(PeopleFileError) as info:
        parse_people_csv(data)
    problems = info.value.problems
    assert [(p.line, p.column) for p in problems] == [
        (2, "kind"),
        (3, "first_name"),
        (3, "roles"),
        (4, "left_on"),
        (5, "id"),
        (6, None),
    ]
    text = [str(p) for p in problems]
    assert text[0].startswith("line 2, column kind: 'leerling'")
    assert "cvb" in text[2] and "line 2" in text[4]
    assert text[5].startswith("line 6: 3 fields")
    assert (info.value.line, info.value.column, info.value.code) == (2, "kind", "people-file")


@pytest.mark.parametrize("column", ["bsn", "BSN_nummer", "burgerservicenummer"])
def test_a_bsn_column_is_refused(column: str) -> None:
    with pytest.raises(PeopleFileError, match="BSN"):
        parse_people_csv(f"{HEADER},{column}\n".encode())


def test_missing_and_unknown_columns_are_named() -> None:
    with pytest.raises(PeopleFileError) as info:
        parse_people_csv(b"id;kind;naam\n")
    text = str(info.value)
    assert "'naam': unknown" in text and "missing column(s) first_name" in text


def test_not_utf8_names_the_line() -> None:
    with pytest.raises(PeopleFileError, match="line 2: not UTF-8"):
        parse_people_csv(f"{HEADER}\n".encode() + b"x1,student,J\xe9r\xf4me,A,,,,,\n")
