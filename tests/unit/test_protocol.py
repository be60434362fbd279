"""The protocol catalogue: lookups, citability, validation of the data file, TOML round trip."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.errors import (
    NotCitableClauseError,
    ProtocolFileError,
    ProtocolVersionError,
    UnknownClauseError,
)
from pcc_cases.domain.protocol import (
    Article,
    Clause,
    ClauseKind,
    Protocol,
    load_protocol,
    load_protocol_text,
    protocol_to_toml,
)

PROTOCOL = load_protocol()


def test_bundled_protocol_has_seven_articles_with_their_titles() -> None:
    assert PROTOCOL.version == "pcc-smp-2013"
    assert PROTOCOL.adopted == "2013-03"
    assert [a.number for a in PROTOCOL.articles] == [1, 2, 3, 4, 5, 6, 7]
    assert PROTOCOL.article(2).title_nl == "Persprotocol blijft gelden"
    assert PROTOCOL.article(4).title_nl == "Internet 'onthoudt' alles"


def test_clause_texts_follow_the_protocol_wording() -> None:
    assert "citaten van medeleerlingen of medewerkers" in PROTOCOL.clause("1.2").text_nl
    assert "stafmedewerker PR & Voorlichting en/of het College van Bestuur" in (
        PROTOCOL.clause("2.1").text_nl
    )
    assert PROTOCOL.clause("3.3").text_nl.startswith("Medewerkers en leerlingen communiceren")
    assert PROTOCOL.clause("6.10").text_nl == "Bij twijfel een bericht nooit plaatsen."
    assert PROTOCOL.clause("6.8").text_en.startswith("Spot messages")


def test_kinds_as_the_design_lists_them() -> None:
    kinds = {c.id: c.kind for c in PROTOCOL.clauses}
    assert {kinds[i] for i in ("1.1", "1.2", "1.3", "2.1", "3.1", "3.2", "3.3", "5.1")} == {
        ClauseKind.RULE
    }
    assert kinds["1.4"] is ClauseKind.GUIDANCE
    assert all(kinds[f"6.{n}"] is ClauseKind.GUIDELINE for n in range(1, 11))
    assert kinds["4.1"] is ClauseKind.AWARENESS
    assert kinds["7.1"] is ClauseKind.SANCTION


@pytest.mark.parametrize("clause_id", ["4.1", "7.1"])
def test_awareness_and_sanction_clauses_cannot_be_cited(clause_id: str) -> None:
    with pytest.raises(NotCitableClauseError, match=r"cannot be violated.*citable clauses: 1\.1"):
        PROTOCOL.citable_clause(clause_id)


def test_unknown_clause_lists_valid_ids_in_natural_order() -> None:
    with pytest.raises(UnknownClauseError) as info:
        PROTOCOL.clause("8.1")
    assert "valid clauses: 1.1, 1.2" in str(info.value)
    assert "6.9, 6.10, 7.1" in str(info.value)


def test_clause_of_another_version_is_refused() -> None:
    with pytest.raises(ProtocolVersionError, match="pcc-smp-2030"):
        PROTOCOL.citable_clause("1.1", version="pcc-smp-2030")
    with pytest.raises(ProtocolVersionError, match="available: pcc-smp-2013"):
        load_protocol("pcc-smp-1999")


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            lambda t: t.replace('kind = "rule"', 'kind = "law"', 1),
            r"articles\[0\]\.clauses\[0\]\.kind: 'law'",
        ),
        (lambda t: t.replace('id = "1.2"', 'id = "1.1"', 1), r"'1\.1' appears twice"),
        (lambda t: t.replace('id = "2.1"', 'id = "3.1"', 1), r"is not of the form '2\.N'"),
        (lambda t: t.replace('adopted = "2013-03"', 'adopted = "maart"'), r"protocol\.adopted"),
        (lambda t: t.replace("number = 2", "number = 3", 1), r"articles\[1\]\.number: expected 2"),
        (
            lambda t: t.replace('text_en = "Everything', 'text_xx = "Everything', 1),
            r"text_en: missing",
        ),
        (lambda t: t + "\n[[[", r"not valid TOML"),
        (lambda t: t.replace('applies_to = ["staff"]', 'applies_to = ["pupils"]'), r"applies_to"),
    ],
)
def test_broken_protocol_file_names_the_key(mutation: Callable[[str], str], message: str) -> None:
    from importlib import resources

    text = (resources.files("pcc_cases.domain") / "protocols" / "pcc-smp-2013.toml").read_text(
        "utf-8"
    )
    with pytest.raises(ProtocolFileError, match=message):
        load_protocol_text(mutation(text))


texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda s: s.strip())


@st.composite
def protocols(draw: st.DrawFn) -> Protocol:
    articles = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        clauses = tuple(
            Clause(
                id=f"{number}.{n}",
                kind=draw(st.sampled_from(list(ClauseKind))),
                applies_to=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(["student", "staff", "external"]),
                            min_size=1,
                            max_size=3,
                            unique=True,
                        )
                    )
                ),
                text_nl=draw(texts),
                text_en=draw(texts),
            )
            for n in range(1, draw(st.integers(1, 4)) + 1)
        )
        articles.append(
            Article(number=number, title_nl=draw(texts), title_en=draw(texts), clauses=clauses)
        )
    return Protocol(
        version=draw(texts),
        adopted="2013-03",
        title_nl=draw(texts),
        title_en=draw(texts),
        articles=tuple(articles),
    )


@given(protocols())
def test_any_valid_protocol_round_trips_through_toml(protocol: Protocol) -> None:
    assert load_protocol_text(protocol_to_toml(protocol)) == protocol


def test_bundled_protocol_round_trips() -> None:
    assert load_protocol_text(protocol_to_toml(PROTOCOL)) == PROTOCOL
