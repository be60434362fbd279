"""The preview before saving shows what recording the incident then gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases import services as sv
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.factors import Factors
from pcc_cases.services.preview import preview_incident
from tests.fakes import FakeUnitOfWork
from tests.org import bootstrap, settings_at
from tests.services.test_case_services import OCCURRED, record
from tests.strategies import STUDENT_CLAUSES, factors

S = settings_at()


@settings(max_examples=60, deadline=None)
@given(chosen=factors, clauses=st.lists(st.sampled_from(STUDENT_CLAUSES), min_size=1, unique=True))
def test_the_preview_is_what_recording_gives(chosen: Factors, clauses: list[str]) -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    shown = preview_incident(
        uow, "vd-alk", occurred_at=OCCURRED, offenders=["s-alk1"], clauses=clauses,
        factors=chosen, settings=S,
    )  # fmt: skip
    number = record(uow, clauses=clauses, factors=chosen)
    advice = sv.recommend_steps(uow, "vd-alk", number, settings=S)["s-alk1"]
    assert advice is not None and len(shown) == 1
    assessed = uow.cases.get(number).assessment_of("s-alk1")
    assert assessed is not None and shown[0].severity.level == assessed.level
    assert shown[0].recommendation.step == advice.step


def test_the_preview_is_logged_and_a_student_out_of_scope_is_as_unknown() -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    preview_incident(
        uow, "vd-alk", occurred_at=OCCURRED, offenders=["s-alk1"], clauses=["1.2"],
        factors=Factors(), settings=S,
    )  # fmt: skip
    logged = [(e.action, e.person_id) for e in uow.access_log.entries]
    assert logged[-1] == ("preview-incident", "s-alk1") and not uow.cases.stored
    with pytest.raises(InvalidInputError, match="not found"):
        preview_incident(
            uow, "vd-alk", occurred_at=OCCURRED, offenders=["s-ber1"], clauses=["1.2"],
            factors=Factors(), settings=S,
        )  # fmt: skip
