"""Junk from hypothesis through the command line: always exit 5, a message that names the
problem, no traceback, and the database exactly as it was. Run in-process (the same
``main`` as the installed command) so that many examples stay fast.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases.interchange.people_csv import COLUMNS
from tests.clirun import run
from tests.dbstate import fingerprint
from tests.org import PEOPLE_CSV


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("junk") / "junk.sqlite3"
    people = path.with_name("people.csv")
    people.write_text(PEOPLE_CSV, encoding="utf-8")
    url = f"sqlite:///{path}"
    assert run("--db", url, "db", "upgrade").returncode == 0
    ran = run("--db", url, "people", "import", str(people))
    code, _out, err = ran.returncode, ran.stdout, ran.stderr
    assert code == 0, err
    return url


cells = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)


@st.composite
def junk_people_files(draw: st.DrawFn) -> bytes:
    """A header that is right or almost right, and rows of random cells, one surely wrong."""
    header = list(COLUMNS)
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from(["bsn", "naam", ""]))
    rows = draw(st.lists(st.lists(cells, min_size=len(COLUMNS), max_size=len(COLUMNS)), max_size=4))
    bad = [draw(st.sampled_from(["", "has space"])), draw(st.sampled_from(["leerling", "staff"]))]
    rows.append([*bad, "A", "B", "", "", "", "boss", "31-12-2025"])
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(header)] + [
        delimiter.join(
            c.replace(delimiter, " ").replace("\n", " ").replace("\r", " ").replace('"', "")
            for c in row
        )
        for row in rows
    ]
    return "\n".join(lines).encode()


@settings(max_examples=30)
@given(data=junk_people_files())
def test_junk_people_files_exit_5_and_change_nothing(
    db: str, data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    before = fingerprint(db)
    path = tmp_path_factory.mktemp("file") / "people.csv"
    path.write_bytes(data)
    ran = run("--db", db, "--as", "cvb1", "people", "import", str(path))
    code, _out, err = ran.returncode, ran.stdout, ran.stderr
    assert code == 5, err
    assert "regel " in err and "er is niets geïmporteerd" in err and "Traceback" not in err
    assert fingerprint(db) == before


junk_options = st.fixed_dictionaries(
    {},
    optional={
        "--occurred": st.sampled_from(
            ["2026-02-30 10:00", "gisteren", "2026-03-29 02:30", "2999-01-01 10:00"]
        ),
        "--offender": st.sampled_from(["ghost", "s alk1", "", "x" * 41]),
        "--clause": st.sampled_from(["4.1", "7.1", "9.9", "3.1", "1"]),
        "--location": st.sampled_from(["Atlantis", ""]),
        "--summary": st.sampled_from(["", "x" * 4001]),
    },
).filter(bool)


@settings(max_examples=30)
@given(junk=junk_options)
def test_junk_incidents_exit_5_naming_the_problem(db: str, junk: dict[str, str]) -> None:
    options = {
        "--occurred": "2026-11-20 20:15",
        "--platform": "instagram",
        "--location": "Alkmaar",
        "--summary": "Foto gedeeld",
        "--offender": "s-alk1",
        "--clause": "1.2",
        **junk,
    }
    before = fingerprint(db)
    args = [arg for pair in options.items() for arg in pair]
    ran = run("--db", db, "--as", "vd-alk", "incident", "record", *args)
    code, out, err = ran.returncode, ran.stdout, ran.stderr
    assert code == 5, (junk, out, err)
    assert err.startswith("Fout: ") and "Traceback" not in err
    assert fingerprint(db) == before
