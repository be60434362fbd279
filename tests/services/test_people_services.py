"""People import and reading, on the fake and on SQLite."""

from __future__ import annotations

from typing import Any

import pytest

from pcc_cases import services as sv
from pcc_cases.domain.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from pcc_cases.interchange.people_csv import import_people
from tests.org import PEOPLE_CSV, settings_at

S = settings_at()
NEW_ROWS = "s-new,student,Ali,Yilmaz,Bergen,1C,men-ber,,\n"


def test_importing_the_same_file_twice_changes_nothing(new_uow: Any) -> None:
    with new_uow() as uow:
        result = import_people(uow, "cvb1", PEOPLE_CSV.encode(), settings=S)
    assert (result.created, result.updated, result.unchanged) == ((), (), 16)


def test_rows_upsert_by_id_and_dry_run_writes_nothing(new_uow: Any) -> None:
    changed = PEOPLE_CSV.replace(
        "s-alk3,student,Daan,Bakker,Alkmaar,3A", "s-alk3,student,Daan,Bakker,Alkmaar,4A"
    )
    data = (changed + NEW_ROWS).encode()
    with new_uow() as uow:
        dry = import_people(uow, "fg1", data, dry_run=True, settings=S)
    assert (dry.created, dry.updated, dry.dry_run) == (("s-new",), ("s-alk3",), True)
    with new_uow() as uow:
        assert uow.people.find("s-new") is None
    with new_uow() as uow:
        done = import_people(uow, "fg1", data, settings=S)
    assert (done.created, done.updated) == (("s-new",), ("s-alk3",))
    with new_uow() as uow:
        assert uow.people.get("s-alk3").class_name == "4A"
        assert uow.people.get("s-new").mentor_id == "men-ber"


def test_one_bad_row_aborts_the_whole_import(new_uow: Any) -> None:
    data = (PEOPLE_CSV + NEW_ROWS + "s-bad,student,Bo,Li,Bergen,1C,nobody,,\n").encode()
    with new_uow() as uow, pytest.raises(InvalidInputError, match="line 19, column mentor_id"):
        import_people(uow, "cvb1", data, settings=S)
    with new_uow() as uow:
        assert uow.people.find("s-new") is None


def test_only_cvb_and_fg_may_import_once_people_exist(new_uow: Any) -> None:
    with new_uow() as uow, pytest.raises(PermissionDeniedError):
        import_people(uow, "vd-alk", PEOPLE_CSV.encode(), settings=S)


def test_people_are_seen_within_scope_and_reads_are_logged(new_uow: Any) -> None:
    with new_uow() as uow:
        mine = [p.id for p in sv.list_people(uow, "men-alk", settings=S)]
    assert mine == ["men-alk", "s-alk1", "s-alk2"]
    with new_uow() as uow:
        bergen = {p.id for p in sv.list_people(uow, "tl-ber", settings=S)}
    assert bergen == {"vd-ber", "tl-ber", "men-ber", "s-ber1", "s-ber2"}
    with new_uow() as uow, pytest.raises(PermissionDeniedError):
        sv.list_people(uow, "pr1", settings=S)
    with new_uow() as uow, pytest.raises(NotFoundError):  # as if there were no such person
        sv.show_person(uow, "men-alk", "s-ber1", settings=S)
    with new_uow() as uow:
        assert sv.show_person(uow, "fg1", "s-ber1", settings=S).last_name == "Visser"
