"""Subject access (AVG art. 15) without other children: on every backend, the export of
one person names nobody else unless the FG asks for it with a logged reason, and the
reporter of a case stays hidden from its offender even then.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from pcc_cases import services as sv
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.privacy.subject_access import export_person, read_access_log
from tests.org import PEOPLE_CSV, record_photo_case, settings_at

NEAR = "s-alk10"  # an id that s-alk1 is the start of
EXTRA = f"{NEAR},student,Noor,Tienhoven,Alkmaar,2B,men-alk,,\n"
OTHERS = ["s-alk2", "s-alk3", NEAR, "vd-alk", "men-alk", "Lotte", "Jansen", "Daan", "Bakker",
          "Tienhoven", "Vera", "Directeur", "Mila"]  # fmt: skip


@pytest.fixture(scope="module")
def school(engine: Engine) -> dict[str, str]:
    with UnitOfWork(engine, write=True) as uow:
        import_people(uow, None, (PEOPLE_CSV + EXTRA).encode(), settings=settings_at())
    with UnitOfWork(engine, write=True) as uow:
        mine = record_photo_case(
            uow, targets=["s-alk2"], reporter="s-alk3",
            summary="Sem de Vries plaatste een foto van Lotte Jansen; Daan zag het (s-alk3)",
        )  # fmt: skip
        theirs = record_photo_case(uow, offenders=[NEAR], summary=f"{NEAR} alleen")
    with UnitOfWork(engine, write=True) as uow:  # an event that names only s-alk10
        sv.add_involvement(uow, "vd-alk", mine, NEAR, "witness", settings=settings_at())
    with UnitOfWork(engine, write=True) as uow:
        sv.show_case(uow, "vd-alk", mine, settings=settings_at())
    return {"mine": mine, "theirs": theirs}


def export(engine: Engine, reason: str | None = None) -> dict[str, Any]:
    with UnitOfWork(engine, write=True) as uow:
        return export_person(
            uow, "fg1", "s-alk1", show_others_because=reason, settings=settings_at()
        )


def test_the_export_names_nobody_else(engine: Engine, school: dict[str, str]) -> None:
    data = export(engine)
    text = json.dumps(data, ensure_ascii=False)
    assert [c["number"] for c in data["cases"]] == [school["mine"]]
    assert [word for word in OTHERS if word in text] == []
    assert "Sem de Vries" in text  # the subject's own name stays
    for placeholder in ("leerling 1", "leerling 2", "medewerker 1"):
        assert placeholder in text
    assert data["person"]["mentor_id"].startswith("medewerker")
    again = export(engine)
    assert again["cases"] == data["cases"]  # the same people get the same placeholders


def test_events_are_matched_by_exact_id(engine: Engine, school: dict[str, str]) -> None:
    shown = export(engine, "De ouders vragen wie er getuige was; overleg met de jurist")
    events = shown["cases"][0]["events_naming_them"]
    assert events and all(
        e["actor_id"] == "s-alk1" or "s-alk1" in json.dumps(e["data"]) for e in events
    )
    with UnitOfWork(engine) as uow:
        case = sv.show_case(uow, "vd-alk", school["mine"], settings=settings_at())
    only_near = {e.seq for e in case.events if e.data.get("person_id") == NEAR}
    assert only_near and not only_near & {x["seq"] for x in events}


def test_the_fg_may_show_the_others_with_a_reason_but_never_the_reporter(
    engine: Engine, school: dict[str, str]
) -> None:
    with pytest.raises(InvalidInputError) as empty:
        export(engine, "   ")
    assert empty.value.field == "reason"
    shown = export(engine, "Rechtszaak: de rechtbank vraagt het volledige dossier")
    text = json.dumps(shown, ensure_ascii=False)
    assert shown["others_shown"] is True
    assert "s-alk2" in text and "Lotte Jansen" in text and "vd-alk" in text
    assert "s-alk3" not in text and "Daan" not in text  # the reporter of the offender's case
    with UnitOfWork(engine, write=True) as uow:
        log = read_access_log(uow, "fg1", person_id="s-alk1", settings=settings_at())
    assert any(e.action == "subject-access" and "Rechtszaak" in (e.detail or "") for e in log)
