"""The shipped case schema is current, every exported record satisfies it, and the codec
round-trips any developed case (hypothesis, no database).
"""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases.domain.case import Case
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.snapshot import case_snapshot
from pcc_cases.interchange.case_codec import case_to_record, record_to_case
from pcc_cases.interchange.case_schema import case_schema, shipped_schema
from tests.builders import PROTOCOL, developed
from tests.docs_text import DOCS
from tests.strategies import cases, factors

DOCS_COPY = DOCS / "case.schema.json"


def test_the_shipped_schema_and_its_docs_copy_are_current() -> None:
    assert shipped_schema() == case_schema(), "run python -m pcc_cases.interchange.case_schema"
    assert json.loads(DOCS_COPY.read_text(encoding="utf-8")) == case_schema()


@settings(max_examples=60)
@given(case=cases(), f=factors, depth=st.integers(0, 3), seq=st.integers(1, 9999))
def test_records_satisfy_the_schema_and_read_back_equal(
    case: Case, f: Factors, depth: int, seq: int
) -> None:
    developed(case, f, depth)
    case.number = f"{case.school_year}-{seq:04d}"
    record = json.loads(json.dumps(case_to_record(case)))
    jsonschema.validate(record, shipped_schema())
    assert case_snapshot(record_to_case(record, PROTOCOL)) == case_snapshot(case)
