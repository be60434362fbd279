"""Inputs at the edges end in a clear input error, never "Unexpected error": dates outside
1900..2100, CSV fields over the csv module's limit, lone surrogates, digits other than
0-9, and numbers wider than 64 bits. The database is unchanged after each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pcc_cases.interchange.people_csv import COLUMNS
from tests.clirun import RECORD, run
from tests.dbstate import fingerprint
from tests.org import PEOPLE_CSV

INPUT_ERROR, USAGE_ERROR = 5, 2
HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("edges") / "edges.sqlite3"
    people = path.with_name("people.csv")
    people.write_text(PEOPLE_CSV, encoding="utf-8")
    url = f"sqlite:///{path}"
    assert run("--db", url, "db", "upgrade").returncode == 0
    assert run("--db", url, "people", "import", str(people)).returncode == 0
    return url


def with_occurred(when: str) -> list[str]:
    args = list(RECORD)
    args[args.index("--occurred") + 1] = when
    return args


@pytest.mark.parametrize(
    ("args", "code", "named"),
    [
        (with_occurred("0205-11-20 20:15"), INPUT_ERROR, "tussen de jaren 1900 en 2100"),
        (with_occurred("9999-12-31 23:59"), INPUT_ERROR, "tussen de jaren 1900 en 2100"),
        (with_occurred("٢٠٢٥-11-20 20:15"), INPUT_ERROR, "JJJJ-MM-DD UU:MM"),
        (
            ["report", "severity", "--from", "0001-01-01", "--to", "0001-12-31"],
            INPUT_ERROR,
            "tussen de jaren 1900 en 2100",
        ),
        (
            ["report", "severity", "--from", "2100-12-01", "--to", "9999-12-31"],
            INPUT_ERROR,
            "tussen de jaren 1900 en 2100",
        ),
        (["report", "severity", "--school-year", "٢٠٢٥-٢٠٢٦"], INPUT_ERROR, "2025-2026"),
        (["report", "severity", "--school-year", "2100-2101"], INPUT_ERROR, "1900 en 2100"),
        (["case", "list", "--limit", "٣"], USAGE_ERROR, "cijfers 0-9"),
        (["case", "list", "--limit", "²"], USAGE_ERROR, "cijfers 0-9"),
        (["case", "list", "--limit", "9" * 30], USAGE_ERROR, "cijfers 0-9"),
        (["case", "list", "--limit", "0"], USAGE_ERROR, "is niet 1 tot en met"),
        (["obligation", "done", "2025-0001/٣"], INPUT_ERROR, "ZAAK/NR"),
        (["obligation", "done", "2025-0001/²"], INPUT_ERROR, "ZAAK/NR"),
        (["obligation", "done", "2025-0001/" + "9" * 30], INPUT_ERROR, "ZAAK/NR"),
        (
            [
                "case",
                "decide",
                "2025-0001",
                "--offender",
                "s-alk1",
                "--step",
                "suspension",
                "--days",
                "9" * 25,
            ],
            USAGE_ERROR,
            "cijfers 0-9",
        ),
    ],
    ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else None,
)
def test_an_edge_input_is_an_input_error(db: str, args: list[str], code: int, named: str) -> None:
    before = fingerprint(db)
    ran = run("--db", db, "--as", "cvb1", *args)
    assert ran.returncode == code, ran.stderr
    assert named in ran.stderr
    assert "Unexpected" not in ran.stderr and "Onverwacht" not in ran.stderr
    assert fingerprint(db) == before


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (f"{HEADER}\nx1,student,{'a' * 200_000},b,Alkmaar,,,,\n".encode(), "field larger"),
        (
            f"{HEADER}\nx2,student,".encode() + b"\xed\xb3\xbf" + b",b,Alkmaar,,,,\n",
            "losse UTF-16-surrogaat",
        ),
    ],
    ids=["field over the csv limit", "lone surrogate"],
)
def test_a_people_file_at_the_edge_is_an_input_error(
    db: str, tmp_path: Path, content: bytes, named: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    before = fingerprint(db)
    ran = run("--db", db, "--as", "cvb1", "people", "import", str(path))
    assert ran.returncode == INPUT_ERROR, ran.stderr
    assert named in ran.stderr and "regel 2" in ran.stderr
    assert fingerprint(db) == before


def test_a_case_line_with_a_lone_surrogate_is_an_input_error(db: str, tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"schema": "pcc-cases.case", "summary": "\\udcff"}\n', encoding="utf-8")
    before = fingerprint(db)
    ran = run("--db", db, "--as", "cvb1", "import", "cases", str(path))
    assert ran.returncode == INPUT_ERROR, ran.stderr
    assert "regel 1: een kapot teken" in ran.stderr
    assert fingerprint(db) == before
