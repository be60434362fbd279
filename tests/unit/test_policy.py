"""The default policy: severity, recommendation, duties, and validation of a replaced file."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.errors import InvalidInputError, PolicyError
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.policy_file import default_policy, default_policy_text, load_policy_text
from pcc_cases.domain.protocol import load_protocol
from tests.strategies import clause_sets, factors

POLICY = default_policy()
PROTOCOL = load_protocol()


def level(clause_ids: list[str], **kw: Any) -> int:
    clauses = [PROTOCOL.clause(c) for c in clause_ids]
    return POLICY.severity.assess(clauses, Factors(**kw)).level


def test_base_follows_the_design_table() -> None:
    assert level(["1.1"]) == 1
    assert level(["1.2"]) == level(["1.3"]) == level(["2.1"]) == level(["6.3"]) == 2
    assert level(["3.3"]) == level(["5.1"]) == 3
    assert level(["3.2"]) == level(["6.7"]) == level(["1.4"]) == 1
    assert level(["1.1", "5.1", "6.3"]) == 3  # highest base wins


def test_quoting_a_teacher_publicly_and_on_purpose() -> None:
    # 1.2: "citaten van medeleerlingen of medewerkers", posted publicly and deliberately.
    assert level(["1.2"], reach="public", intent="deliberate") == 4


def test_removed_and_apologised_lowers_but_not_below_one() -> None:
    assert level(["1.3"], removed_and_apologised=True) == 1
    assert level(["1.1"], removed_and_apologised=True) == 1


def test_harm_and_confidential_count_once() -> None:
    assert level(["1.1"], harm="person", confidential=True) == 2
    assert level(["1.1"], confidential=True) == 2


def test_criminal_aspect_is_always_four_and_creates_police_referral() -> None:
    assert level(["6.5"], criminal=True, removed_and_apologised=True) == 4
    duties = POLICY.duties_for("fact:criminal", PersonKind.STUDENT)
    assert [d.kind for d in duties] == ["police-referral"]


def test_severity_needs_a_clause() -> None:
    with pytest.raises(InvalidInputError, match="at least one clause"):
        POLICY.severity.assess([], Factors())


@given(clause_sets, factors)
def test_severity_is_always_between_one_and_four(clause_ids: list[str], f: Factors) -> None:
    result = level(clause_ids, **_kw(f))
    assert 1 <= result <= 4
    if f.criminal:
        assert result == 4


def _kw(f: Factors) -> dict[str, Any]:
    return {
        "reach": f.reach,
        "intent": f.intent,
        "harm": f.harm,
        "confidential": f.confidential,
        "criminal": f.criminal,
        "removed_and_apologised": f.removed_and_apologised,
    }


AGGRAVATIONS: dict[str, list[Any]] = {
    "reach": list(Reach),
    "intent": list(Intent),
    "harm": list(Harm),
}


@given(
    clause_sets,
    factors,
    st.sampled_from(["reach", "intent", "harm", "confidential", "criminal", "clause"]),
    st.data(),
)
def test_severity_never_decreases_when_an_aggravating_factor_is_added(
    clause_ids: list[str], f: Factors, what: str, data: st.DataObject
) -> None:
    before = level(clause_ids, **_kw(f))
    kw = _kw(f)
    more = list(clause_ids)
    if what in AGGRAVATIONS:
        values = AGGRAVATIONS[what]
        kw[what] = data.draw(st.sampled_from(values[values.index(kw[what]) :]))
    elif what == "clause":
        more.append(data.draw(st.sampled_from([c.id for c in PROTOCOL.clauses if c.kind.citable])))
    else:
        kw[what] = True
    assert level(list(dict.fromkeys(more)), **kw) >= before


def test_recommendation_follows_severity_and_history() -> None:
    rec = POLICY.recommend
    assert rec(PersonKind.STUDENT, 1, 0).step == "talk-mentor"
    assert rec(PersonKind.STUDENT, 2, 0).step == "talk-management"
    assert rec(PersonKind.STUDENT, 3, 0).step == "internal-suspension"
    assert rec(PersonKind.STUDENT, 4, 0).step == "suspension"
    assert rec(PersonKind.STUDENT, 1, 2).step == "internal-suspension"
    assert rec(PersonKind.STUDENT, 2, 9).step == "suspension"
    assert rec(PersonKind.STUDENT, 2, 9).consider is None
    assert rec(PersonKind.STUDENT, 4, 0).consider == "expulsion"
    assert rec(PersonKind.STAFF, 2, 0).step == "written-warning"
    assert rec(PersonKind.STAFF, 4, 1).consider == "dismissal"
    assert rec(PersonKind.EXTERNAL, 4, 9).step == "referred"  # no measure by the school


@given(
    st.sampled_from([PersonKind.STUDENT, PersonKind.STAFF]),
    st.integers(1, 4),
    st.integers(0, 20),
    st.integers(0, 1),
    st.integers(0, 3),
)
def test_recommendation_is_monotone_and_never_expulsion(
    kind: PersonKind, severity: int, prior: int, more_severity: int, more_prior: int
) -> None:
    ladder = POLICY.ladder(kind)
    first = POLICY.recommend(kind, severity, prior)
    second = POLICY.recommend(kind, min(4, severity + more_severity), prior + more_prior)
    assert first.step not in ("expulsion", "dismissal")
    assert ladder.index(second.step) >= ladder.index(first.step)


def test_suspension_duties_depend_on_length() -> None:
    one_day = {d.kind for d in POLICY.duties_for("step:suspension", PersonKind.STUDENT, 1)}
    three = {d.kind for d in POLICY.duties_for("step:suspension", PersonKind.STUDENT, 3)}
    assert one_day == {"written-decision", "inform-leerplicht", "objection-term"}
    assert three == one_day | {"report-inspectie"}
    staff = POLICY.duties_for("step:suspension", PersonKind.STAFF, 3)
    assert [d.kind for d in staff] == ["objection-term"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('authority = "mentor"', 'authority = "conciërge"', r"ladders\.student\[0\]\.authority"),
        ("lookback_days = 365", "lookback_days = -1", r"lookback_days: -1"),
        (
            '"talk-mentor", "talk-management", "internal',
            '"talk-management", "talk-mentor", "internal',
            "must go up the ladder",
        ),
        ('trigger = "fact:criminal"', 'trigger = "fact:weather"', r"duties\[\d+\]\.trigger"),
        ('reach = ["public", "viral"]', 'reach = ["global"]', r"severity\.aggravating\.reach"),
        ('"5.1" = 3', '"5.1" = 7', r"severity\.clause_base\.5\.1"),
        (
            "holidays = []",
            'holidays = [{name = "x", first = 2026-01-02, last = 2026-01-01}]',
            "before first day",
        ),
        ('never = ["expulsion", "dismissal"]', 'never = ["suspension"]', "recommendation.never"),
    ],
)
def test_invalid_policy_file_is_refused_with_the_key(old: str, new: str, message: str) -> None:
    text = default_policy_text()
    assert old in text
    with pytest.raises(PolicyError, match=message):
        load_policy_text(text.replace(old, new, 1))
