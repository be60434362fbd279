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


def changed_line(old: str, new: str) -> bytes:
    assert old in PEOPLE_CSV
    return PEOPLE_CSV.replace(old, new).encode()


GRANT = ("norole,staff,Nina,Docent,Alkmaar,,,,", "norole,staff,Nina,Docent,Alkmaar,,,teamleider,")
REMOVE = ("tl-alk,staff,Tom,Leider,Alkmaar,,,teamleider,", "tl-alk,staff,Tom,Leider,Alkmaar,,,,")


@pytest.mark.parametrize("change", [GRANT, REMOVE], ids=["grant", "remove"])
def test_only_the_board_grants_or_removes_roles(new_uow: Any, change: tuple[str, str]) -> None:
    data = changed_line(*change)
    person = change[0].split(",")[0]
    with new_uow() as uow, pytest.raises(InvalidInputError, match="column roles") as refused:
        import_people(uow, "fg1", data, settings=S)
    assert "only the board (cvb)" in str(refused.value)
    with new_uow() as uow:
        before = uow.people.get(person).roles
    with new_uow() as uow:
        import_people(uow, "cvb1", data, settings=S)
    with new_uow() as uow:
        assert uow.people.get(person).roles != before


def test_a_new_person_with_roles_needs_the_board(new_uow: Any) -> None:
    data = (PEOPLE_CSV + "st-new,staff,Ad,Nieuw,Alkmaar,,,vestigingsdirecteur,\n").encode()
    with new_uow() as uow, pytest.raises(InvalidInputError, match="line 18, column roles"):
        import_people(uow, "fg1", data, settings=S)


@pytest.mark.parametrize(
    ("actor", "old", "new"),
    [
        ("cvb1", "cvb1,staff,Carla,Bestuur,,,,cvb,", "cvb1,staff,Carla,Bestuur,,,,cvb|fg,"),
        ("fg1", "fg1,staff,Frank,Gegevens,,,,fg,", "fg1,staff,Frank,Gegevens,,,,fg,2030-07-31"),
        ("cvb1", "cvb1,staff,Carla,Bestuur,,,,cvb,", "cvb1,external,Carla,Bestuur,,,,,"),
    ],
)
def test_nobody_changes_their_own_roles_kind_or_leaving_date(
    new_uow: Any, actor: str, old: str, new: str
) -> None:
    with new_uow() as uow, pytest.raises(InvalidInputError, match="their own roles"):
        import_people(uow, actor, changed_line(old, new), settings=S)
    with new_uow() as uow:
        assert uow.people.get(actor).left_on is None


def test_a_pseudonym_is_the_purges_alone(new_uow: Any) -> None:
    data = (PEOPLE_CSV + "anon-99,student,X,Y,Alkmaar,2B,,,\n").encode()
    with new_uow() as uow, pytest.raises(InvalidInputError, match="line 18, column id"):
        import_people(uow, "cvb1", data, settings=S)


def test_a_people_import_is_logged_with_ids_and_fields_not_names(new_uow: Any) -> None:
    data = (
        changed_line(
            "s-alk3,student,Daan,Bakker,Alkmaar,3A", "s-alk3,student,Daan,Baker,Alkmaar,4A"
        )
        + NEW_ROWS.encode()
    )
    with new_uow() as uow:
        import_people(uow, "fg1", data, settings=S)
    logged = _last_import_entry(new_uow)
    assert logged.actor_id == "fg1" and logged.allowed
    assert logged.detail == "created 1: s-new; updated 1: s-alk3 (last_name/class_name)"


def _last_import_entry(new_uow: Any) -> Any:
    from sqlalchemy import select

    from pcc_cases.adapters import tables as t
    from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of

    with new_uow() as uow:
        if isinstance(uow, UnitOfWork):
            rows = session_of(uow).execute(
                select(t.access_log).where(t.access_log.c.action == "import-people")
            )
            return rows.all()[-1]
        return [e for e in uow.access_log.entries if e.action == "import-people"][-1]
