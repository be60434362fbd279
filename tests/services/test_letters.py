"""Making letters through the service, on the fake and on SQLite: what the case keeps."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest

from pcc_cases import services as sv
from pcc_cases.documents import render_letter
from pcc_cases.domain.errors import (
    InvalidInputError,
    NotFoundError,
    PccCasesError,
    TimeInputError,
)
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.letters import LetterKind
from tests.documents.scenario import HEARING_AT, LETTERHEAD, S, duty, expulsion, suspension


def _make(uow: Any, obligation_id: str, actor: str = "vd-alk", **options: Any) -> sv.MadeLetter:
    return sv.make_letter(
        uow, actor, obligation_id, render=render_letter, letterhead=LETTERHEAD, settings=S,
        **options,
    )  # fmt: skip


def test_the_hash_of_the_exact_bytes_is_kept_once(new_uow: Any) -> None:
    with new_uow() as uow:
        number = suspension(uow)
        decision = duty(uow, number, "written-decision")
    with new_uow() as uow:
        first = _make(uow, decision)
    with new_uow() as uow:
        again = _make(uow, decision)
    assert first.recorded and not again.recorded
    assert first.content == again.content
    assert first.sha256 == hashlib.sha256(first.content).hexdigest()
    with new_uow() as uow:
        case = uow.cases.get(number)
    [kept] = case.letters
    assert (kept.letter, kept.sha256, kept.language) == (LetterKind.DECISION, first.sha256, "nl")
    assert kept.dated == dt.date(2025, 10, 6) and kept.sent_on is None
    assert [e.kind for e in case.events].count(EventKind.LETTER_ISSUED) == 1
    assert case.obligation(kept.seq).done_on is None  # made is not sent


def test_each_language_is_its_own_letter(new_uow: Any) -> None:
    with new_uow() as uow:
        decision = duty(uow, suspension(uow), "written-decision")
        dutch, english = _make(uow, decision), _make(uow, decision, language="en")
    assert dutch.sha256 != english.sha256 and english.recorded
    with pytest.raises(InvalidInputError, match="'fr'"):
        _make(uow, decision, language="fr")


def test_sending_marks_the_duty_done_on_that_day(new_uow: Any) -> None:
    with new_uow() as uow:
        number = suspension(uow)
        decision = duty(uow, number, "written-decision")
        _make(uow, decision)
    with new_uow() as uow:
        sent = _make(uow, decision, sent_on=dt.date(2025, 10, 6))
    assert sent.recorded  # the same bytes, now with the day they were sent
    with new_uow() as uow:
        case = uow.cases.get(number)
    assert case.letters[-1].sent_on == dt.date(2025, 10, 6)
    assert case.obligation(case.letters[-1].seq).done_on == dt.date(2025, 10, 6)
    with new_uow() as uow:  # the Inspectie notice now says when the parents were told
        notice = _make(uow, duty(uow, number, "report-inspectie"))
    assert notice.facts.parents_informed_on == dt.date(2025, 10, 6)


@pytest.mark.parametrize(
    ("sent_on", "error", "words"),
    [
        (dt.date(2025, 10, 7), InvalidInputError, "in de toekomst"),
        (dt.date(2025, 10, 5), InvalidInputError, "gedateerd 6 oktober 2025"),
        ("6-10-2025", InvalidInputError, "sent_on"),
    ],
)
def test_a_sending_day_that_cannot_be_is_refused(
    new_uow: Any, sent_on: Any, error: type[PccCasesError], words: str
) -> None:
    with new_uow() as uow:
        number = suspension(uow)
        decision = duty(uow, number, "written-decision")
    with new_uow() as uow, pytest.raises(error) as raised:
        _make(uow, decision, sent_on=sent_on)
    assert words in raised.value.translated("nl") + str(getattr(raised.value, "field", ""))
    with new_uow() as uow:
        assert uow.cases.get(number).letters == []  # nothing half-kept


def test_a_duty_without_a_letter_says_which_duties_have_one(new_uow: Any) -> None:
    with new_uow() as uow:
        number = suspension(uow)
        support = duty(uow, number, "offer-support")
        with pytest.raises(InvalidInputError) as raised:
            _make(uow, support)
    message = raised.value.translated("nl")
    assert "offer-support" in message and "written-decision" in message
    assert raised.value.field == "obligation"


def test_the_invitation_needs_the_time_once_and_keeps_it(new_uow: Any) -> None:
    with new_uow() as uow:
        number = expulsion(uow, heard=False)
        hearing = duty(uow, number, "hear-parties")
    with new_uow() as uow, pytest.raises(InvalidInputError) as raised:
        _make(uow, hearing, "cvb1")
    assert raised.value.field == "hearing_at"
    with new_uow() as uow:
        invited = _make(uow, hearing, "cvb1", hearing_at=HEARING_AT)
    with new_uow() as uow:
        again = _make(uow, hearing, "cvb1")  # the time is the one the invitation gave
    assert invited.facts.letter is LetterKind.HEARING_INVITATION
    assert again.content == invited.content and not again.recorded
    with new_uow() as uow, pytest.raises(TimeInputError):
        _make(uow, hearing, "cvb1", hearing_at=dt.datetime(2025, 10, 9, 15))  # no zone


def test_once_heard_the_hearing_duty_gives_its_record(new_uow: Any) -> None:
    with new_uow() as uow:
        number = expulsion(uow, decided=False)
        made = _make(uow, duty(uow, number, "hear-parties"), "cvb1")
    assert made.facts.letter is LetterKind.HEARING_RECORD
    with new_uow() as uow:
        invitation = _make(
            uow,
            duty(uow, number, "hear-parties"),
            "cvb1",
            letter="uitnodiging",
            hearing_at=HEARING_AT,
        )
    assert invitation.facts.letter is LetterKind.HEARING_INVITATION
    with new_uow() as uow, pytest.raises(InvalidInputError) as raised:
        _make(uow, duty(uow, number, "hear-parties"), "cvb1", letter="besluit")
    assert "uitnodiging, verslag" in raised.value.translated("nl")


def test_a_case_out_of_scope_has_no_letters_to_make(new_uow: Any) -> None:
    with new_uow() as uow:
        decision = duty(uow, suspension(uow), "written-decision")
    for outsider in ("vd-ber", "men-ber"):
        with new_uow() as uow, pytest.raises(NotFoundError):
            _make(uow, decision, outsider)
    with new_uow() as uow, pytest.raises(NotFoundError):
        _make(uow, decision.replace("/", "/9"))
