"""The words of each letter, in Dutch or English, from the facts of the case.

Each builder takes a :class:`~pcc_cases.domain.letters.LetterFacts` and returns a
:class:`~pcc_cases.documents.layout.Document`. Every sentence is a message of the
catalogues; the facts fill its blanks, dates and times in the reader's conventions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pcc_cases.documents.layout import Document, Section
from pcc_cases.domain.case_parts import HeardParty
from pcc_cases.domain.labels import label
from pcc_cases.domain.letters import LetterFacts, LetterKind
from pcc_cases.formatting import clock, day
from pcc_cases.translation import N_, translate


class _Words:
    """The messages of one language, with their blanks filled."""

    def __init__(self, facts: LetterFacts) -> None:
        self.facts, self.lang = facts, facts.language

    def __call__(self, message: str, **params: Any) -> str:
        return translate(message, self.lang).format(**params)

    def day(self, value: Any, *, weekday: bool = False) -> str:
        return day(value, self.lang, weekday=weekday)


def build(facts: LetterFacts) -> Document:
    """The document ``facts`` describe."""
    return _BUILDERS[facts.letter](facts, _Words(facts))


# ----------------------------------------------------------------- shared parts
def _frame(
    facts: LetterFacts,
    t: _Words,
    *,
    title: str,
    recipient: tuple[str, ...],
    subject: str,
    salutation: str,
    sections: tuple[Section, ...],
    copies: tuple[str, ...] = (),
) -> Document:
    head = facts.letterhead
    place = head.get("location") or head.get("organisation") or ""
    dated = t.day(facts.dated)
    return Document(
        title=title,
        recipient=recipient,
        place_and_date=f"{place}, {dated}" if place else dated,
        reference=t(
            N_("Our reference: case {number}, duty {seq}"),
            number=facts.case_number,
            seq=facts.obligation.seq,
        ),
        case_reference=f"{facts.case_number}/{facts.obligation.seq}",
        subject=subject[:1].upper() + subject[1:],
        salutation=salutation,
        sections=sections,
        closing=t(N_("Kind regards,")),
        signatory=facts.signatory,
        copies=copies,
    )


def _family(facts: LetterFacts, t: _Words) -> tuple[str, ...]:
    """The address lines of a letter to a student and the parents."""
    student = facts.offender
    lines = [
        t(N_("To the parents or guardians of {name}"), name=student.full_name),
        t(N_("and {name}"), name=student.full_name),
    ]
    if student.class_name:
        lines.append(t(N_("class {name}"), name=student.class_name))
    return tuple(lines)


def _family_salutation(facts: LetterFacts, t: _Words) -> str:
    return t(N_("Dear parents or guardians, dear {name},"), name=facts.offender.first_name)


def _inspectie(t: _Words) -> tuple[str, ...]:
    return (t(N_("Inspectie van het Onderwijs")), t(N_("through the Internet Schooldossier")))


def _what_happened(facts: LetterFacts, t: _Words) -> Section:
    return Section(
        heading=t(N_("What happened")),
        paragraphs=(
            t(
                N_("On {day} at {time}, on {platform}:"),
                day=t.day(facts.occurred_at, weekday=True),
                time=clock(facts.occurred_at),
                platform=label("platform", facts.platform, t.lang),
            ),
            facts.summary,
        ),
    )


def _rules(facts: LetterFacts, t: _Words) -> Section:
    organisation = facts.letterhead.get("organisation") or t(N_("the school"))
    return Section(
        heading=t(N_("The rules that were broken")),
        paragraphs=(
            t(
                N_("This breaks the following rules of the Social Media Protocol of {name}:"),
                name=organisation,
            ),
        ),
        quoted=tuple(
            t(N_("Clause {id}: {text}"), id=c.id, text=c.text(t.lang)) for c in facts.clauses
        ),
    )


def _reasons(facts: LetterFacts, t: _Words) -> Section:
    paragraphs = []
    if facts.level is not None:
        paragraphs.append(
            t(
                N_("We assessed the breach as {level}."),
                level=label("severity", str(facts.level), t.lang),
            )
        )
    decision = facts.decision
    if decision is not None and decision.reason:
        paragraphs.append(t(N_("Reasons for this measure: {reason}"), reason=decision.reason))
    if decision is not None:
        paragraphs.append(
            t(
                N_("The decision was taken on {day} by {name}."),
                day=t.day(decision.decided_at),
                name=facts.decided_by.full_name if facts.decided_by else decision.decided_by,
            )
        )
    return Section(heading=t(N_("Reasons")), paragraphs=tuple(paragraphs))


def _length(facts: LetterFacts, t: _Words) -> Section | None:
    decision = facts.decision
    if decision is None or decision.days is None or decision.first_day is None:
        return None
    last = decision.last_day or decision.first_day
    if decision.days == 1:
        text = t(
            N_("The measure lasts one school day: {first}."),
            first=t.day(decision.first_day, weekday=True),
        )
    else:
        text = t(
            N_("The measure lasts {days} school days: from {first} up to and including {last}."),
            days=decision.days,
            first=t.day(decision.first_day, weekday=True),
            last=t.day(last, weekday=True),
        )
    return Section(heading=t(N_("How long")), paragraphs=(text,))


def _objection(facts: LetterFacts, t: _Words) -> Section:
    head = facts.letterhead
    board = t(
        N_("the executive board of {name}"),
        name=head.get("organisation") or t(N_("the school")),
    )
    where = f"{board}, {head['address']}" if head.get("address") else board
    if facts.objection_ends_on is not None:
        term = t(
            N_(
                "If you do not agree with this decision, you may object (bezwaar) in writing "
                "within six weeks after it was taken, that is up to and including {day}."
            ),
            day=t.day(facts.objection_ends_on),
        )
    else:
        term = t(
            N_(
                "If you do not agree with this decision, you may object (bezwaar) in writing "
                "within six weeks after it was taken."
            )
        )
    return Section(
        heading=t(N_("Objection")),
        paragraphs=(
            term,
            t(
                N_(
                    "Send the objection, signed, with your name, the date and your reasons, "
                    "to {where}."
                ),
                where=where,
            ),
            t(N_("An objection does not stop the measure while it is being considered.")),
        ),
    )


def _sections(*parts: Section | None) -> tuple[Section, ...]:
    return tuple(p for p in parts if p is not None)


# ----------------------------------------------------------------- the letters
_MEANWHILE: Mapping[str, str] = {
    "suspension": N_(
        "During the suspension {name} does not come to school. The mentor makes sure that "
        "{name} has schoolwork to do at home, so that as little as possible is missed. After "
        "the suspension we talk with {name} and with you about how to go on."
    ),
    "internal-suspension": N_(
        "During the internal suspension {name} comes to school at the usual time but does not "
        "take part in the lessons: {name} works on schoolwork in a separate room, under "
        "supervision. Afterwards we talk with {name} and with you about how to go on."
    ),
    "expulsion": N_(
        "The expulsion takes effect once another school has agreed to admit {name}, or when "
        "we have searched for eight weeks without success. Until then {name} stays enrolled "
        "at our school, and we look for another school together with you."
    ),
}

_STAFF_CONSEQUENCE: Mapping[str, str] = {
    "written-warning": N_(
        "This written warning is kept in your personnel file. A further breach may lead to "
        "a heavier measure."
    ),
    "reprimand": N_(
        "This reprimand is a disciplinary measure and is kept in your personnel file. A "
        "further breach may lead to suspension or dismissal."
    ),
}


def _decision(facts: LetterFacts, t: _Words) -> Document:
    if facts.for_staff:
        return _staff_decision(facts, t)
    student = facts.offender
    step = facts.step_name or ""
    code = facts.decision.step if facts.decision else ""
    meanwhile = _MEANWHILE.get(code)
    expulsion = code == "expulsion"
    return _frame(
        facts,
        t,
        title=t(N_("Decision: {step}"), step=step),
        recipient=_family(facts, t),
        subject=t(N_("Decision: {step} of {name}"), step=step, name=student.full_name),
        salutation=_family_salutation(facts, t),
        sections=_sections(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "We have decided on the measure {step} for {name}. This letter "
                            "gives the decision in writing, with its reasons, as the law requires."
                        ),
                        step=step,
                        name=student.full_name,
                    ),
                )
            ),
            _what_happened(facts, t),
            _rules(facts, t),
            _reasons(facts, t),
            _length(facts, t),
            Section(
                heading=t(N_("Meanwhile")),
                paragraphs=(t(meanwhile, name=student.first_name),),
            )
            if meanwhile
            else None,
            _objection(facts, t),
            Section(
                paragraphs=(
                    t(
                        N_(
                            "We trust that {name} will keep to the protocol from now on. If you "
                            "have any questions, please contact us."
                        ),
                        name=student.first_name,
                    ),
                )
            ),
        ),
        copies=(
            t(
                N_(
                    "Copy to: the Inspectie van het Onderwijs and the school attendance "
                    "officer (leerplichtambtenaar)"
                )
            ),
        )
        if expulsion
        else (),
    )


def _staff_decision(facts: LetterFacts, t: _Words) -> Document:
    person = facts.offender
    step = facts.step_name or ""
    code = facts.decision.step if facts.decision else ""
    consequence = _STAFF_CONSEQUENCE.get(code)
    return _frame(
        facts,
        t,
        title=t(N_("Decision: {step}"), step=step),
        recipient=(person.full_name,),
        subject=t(N_("{step} for {name}"), step=step, name=person.full_name),
        salutation=t(N_("Dear {name},"), name=person.full_name),
        sections=_sections(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "With this letter you receive the measure {step}, because of your "
                            "conduct on social media described below."
                        ),
                        step=step,
                    ),
                )
            ),
            _what_happened(facts, t),
            _rules(facts, t),
            _reasons(facts, t),
            _length(facts, t),
            Section(heading=t(N_("What this means")), paragraphs=(t(consequence),))
            if consequence
            else None,
            _objection(facts, t),
        ),
    )


def _student_fields(facts: LetterFacts, t: _Words) -> tuple[tuple[str, str], ...]:
    head, student = facts.letterhead, facts.offender
    return (
        (t(N_("School")), head.get("organisation", "")),
        (t(N_("Location")), head.get("location") or student.location or ""),
        (t(N_("Address")), head.get("address", "")),
        (t(N_("Student")), f"{student.full_name} ({student.id})"),
        (t(N_("Class")), student.class_name or ""),
    )


def _clause_list(facts: LetterFacts) -> str:
    return ", ".join(c.id for c in facts.clauses)


def _inspectie_notice(facts: LetterFacts, t: _Words) -> Document:
    decision = facts.decision
    first = decision.first_day if decision else None
    last = (decision.last_day or first) if decision else None
    fields = (
        *_student_fields(facts, t),
        (t(N_("Decision taken on")), t.day(decision.decided_at) if decision else ""),
        (t(N_("First day of the suspension")), t.day(first) if first else ""),
        (t(N_("Last day of the suspension")), t.day(last) if last else ""),
        (t(N_("Number of school days")), str(decision.days or "") if decision else ""),
        (
            t(N_("Reason")),
            t(
                N_("breach of the Social Media Protocol, clauses {clauses}"),
                clauses=_clause_list(facts),
            ),
        ),
        (
            t(N_("Parents informed in writing on")),
            t.day(facts.parents_informed_on) if facts.parents_informed_on else t(N_("not yet")),
        ),
        (t(N_("Contact")), ", ".join(p for p in facts.signatory if p)),
    )
    return _frame(
        facts,
        t,
        title=t(N_("Notice of a suspension")),
        recipient=_inspectie(t),
        subject=t(N_("Notice of a suspension longer than one school day")),
        salutation=t(N_("Dear Sir or Madam,")),
        sections=(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "As the law requires, we report a suspension of more than one "
                            "school day."
                        )
                    ),
                ),
                fields=fields,
            ),
            _rules(facts, t),
            _reasons(facts, t),
        ),
    )


def _leerplicht_notice(facts: LetterFacts, t: _Words) -> Document:
    student = facts.offender
    decision = facts.decision
    preparing = facts.obligation.cause.startswith("prepare:")
    if preparing:
        subject = t(N_("Intended {step} of {name}"), step=facts.step_name, name=student.full_name)
        opening = t(
            N_(
                "We inform you that we intend to decide on the measure {step} for {name}, "
                "because of a serious breach of our Social Media Protocol. Before we decide, we "
                "hear the student, the parents and the teachers, and we consult the Inspectie "
                "van het Onderwijs. You will receive a copy of the decision."
            ),
            step=facts.step_name,
            name=student.full_name,
        )
    else:
        subject = t(N_("{step} of {name}"), step=facts.step_name, name=student.full_name)
        opening = t(
            N_(
                "We inform you that {name} has been given the measure {step} because of a "
                "breach of our Social Media Protocol (clauses {clauses})."
            ),
            step=facts.step_name,
            name=student.full_name,
            clauses=_clause_list(facts),
        )
    return _frame(
        facts,
        t,
        title=t(N_("Notice to the school attendance officer")),
        recipient=(t(N_("The school attendance officer (leerplichtambtenaar)")),),
        subject=subject,
        salutation=t(N_("Dear Sir or Madam,")),
        sections=_sections(
            Section(paragraphs=(opening,), fields=_student_fields(facts, t)),
            None if preparing or decision is None else _length(facts, t),
            Section(
                paragraphs=(
                    t(
                        N_("If you have any questions, please contact {name}."),
                        name=", ".join(p for p in facts.signatory if p),
                    ),
                )
            ),
        ),
    )


def _hearing_invitation(facts: LetterFacts, t: _Words) -> Document:
    student = facts.offender
    head = facts.letterhead
    at = facts.hearing_at
    place = ", ".join(p for p in (head.get("location"), head.get("address")) if p)
    return _frame(
        facts,
        t,
        title=t(N_("Invitation to a hearing")),
        recipient=_family(facts, t),
        subject=t(N_("Invitation to a hearing about {name}"), name=student.full_name),
        salutation=_family_salutation(facts, t),
        sections=(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "We intend to decide on the measure {step} for {name}, because of the "
                            "breach of the Social Media Protocol described below. Before we "
                            "decide, we want to hear you and {first}."
                        ),
                        step=facts.step_name,
                        name=student.full_name,
                        first=student.first_name,
                    ),
                )
            ),
            _what_happened(facts, t),
            _rules(facts, t),
            Section(
                heading=t(N_("The hearing")),
                fields=(
                    (t(N_("Day")), t.day(at, weekday=True) if at else ""),
                    (t(N_("Time")), clock(at) if at else ""),
                    (t(N_("Place")), place),
                ),
                after=(
                    t(
                        N_(
                            "You may bring someone to assist you. If you cannot come at this "
                            "time, please let us know before the hearing, so that we can find "
                            "another time. We also hear the teachers of {name}."
                        ),
                        name=student.first_name,
                    ),
                    t(N_("What is said at the hearing is written down; you receive the record.")),
                ),
            ),
        ),
    )


def _heard(facts: LetterFacts, t: _Words) -> str:
    hearing = facts.hearing
    if hearing is None:
        return ""
    return ", ".join(label("heard", HeardParty(p), t.lang) for p in hearing.parties)


def _hearing_record(facts: LetterFacts, t: _Words) -> Document:
    student = facts.offender
    hearing = facts.hearing
    return _frame(
        facts,
        t,
        title=t(N_("Record of a hearing")),
        recipient=_family(facts, t),
        subject=t(N_("Record of the hearing about {name}"), name=student.full_name),
        salutation=_family_salutation(facts, t),
        sections=(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "This is the record of the hearing about the intended measure {step} "
                            "for {name}."
                        ),
                        step=facts.step_name,
                        name=student.full_name,
                    ),
                ),
                fields=(
                    (t(N_("Held on")), t.day(hearing.held_on, weekday=True) if hearing else ""),
                    (t(N_("Present")), hearing.attendees if hearing else ""),
                    (t(N_("Heard")), _heard(facts, t)),
                ),
            ),
            Section(
                heading=t(N_("The views heard")),
                paragraphs=(hearing.views if hearing else "",),
            ),
            Section(
                paragraphs=(
                    t(
                        N_(
                            "This record is part of the file of case {number}. If anything in it "
                            "is not right, please let us know as soon as possible."
                        ),
                        number=facts.case_number,
                    ),
                )
            ),
        ),
    )


def _inspectie_consultation(facts: LetterFacts, t: _Words) -> Document:
    hearing = facts.hearing
    return _frame(
        facts,
        t,
        title=t(N_("Consultation about an intended expulsion")),
        recipient=_inspectie(t),
        subject=t(N_("Consultation about the intended {step} of a student"), step=facts.step_name),
        salutation=t(N_("Dear Sir or Madam,")),
        sections=(
            Section(
                paragraphs=(
                    t(
                        N_(
                            "We intend to decide on the measure {step} for a student, because of "
                            "a serious breach of our Social Media Protocol. As the law requires, "
                            "we consult you before we decide."
                        ),
                        step=facts.step_name,
                    ),
                ),
                fields=(
                    *_student_fields(facts, t),
                    (
                        t(N_("Hearing held on")),
                        t.day(hearing.held_on) if hearing else t(N_("not yet")),
                    ),
                    (t(N_("Heard")), _heard(facts, t) or t(N_("not yet"))),
                ),
            ),
            _rules(facts, t),
            _reasons(facts, t),
            Section(
                paragraphs=(
                    t(
                        N_("We would like to hear your view. Please contact {name}."),
                        name=", ".join(p for p in facts.signatory if p),
                    ),
                )
            ),
        ),
    )


_BUILDERS: Mapping[LetterKind, Callable[[LetterFacts, _Words], Document]] = {
    LetterKind.DECISION: _decision,
    LetterKind.INSPECTIE_NOTICE: _inspectie_notice,
    LetterKind.LEERPLICHT_NOTICE: _leerplicht_notice,
    LetterKind.HEARING_INVITATION: _hearing_invitation,
    LetterKind.HEARING_RECORD: _hearing_record,
    LetterKind.INSPECTIE_CONSULTATION: _inspectie_consultation,
}
