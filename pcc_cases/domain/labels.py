"""Every code a person reads, with its label in both languages, and back again.

The codes (``closed``, ``offender``, ``public``) are what the database, the JSON and the
API keep; people read and type the labels (``gesloten``, ``overtreder``, ``openbaar``).
The labels are English message ids translated by the catalogues; steps, duties and
articles carry their labels in the policy and protocol files, which a school may change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pcc_cases.domain.case_parts import EvidenceKind, HeardParty, InvolvementRole, Platform
from pcc_cases.domain.errors import InvalidInputError, Problem
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.letters import LETTER_LABELS
from pcc_cases.domain.lifecycle import STATE_LABELS
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.policy import Policy
from pcc_cases.domain.protocol import ClauseKind
from pcc_cases.translation import N_, translate

CODE_LABELS: Mapping[str, Mapping[str, str]] = {
    "state": STATE_LABELS,
    "person-kind": {
        PersonKind.STUDENT: N_("student"),
        PersonKind.STAFF: N_("staff member"),
        PersonKind.EXTERNAL: N_("external"),
    },
    "role": {
        Role.MENTOR: N_("mentor"),
        Role.TEAMLEIDER: N_("team leader"),
        Role.VESTIGINGSDIRECTEUR: N_("location director"),
        Role.PR: N_("communications (PR)"),
        Role.CVB: N_("executive board"),
        Role.FG: N_("data protection officer"),
    },
    "involvement": {
        InvolvementRole.OFFENDER: N_("offender"),
        InvolvementRole.TARGET: N_("target"),
        InvolvementRole.WITNESS: N_("witness"),
        InvolvementRole.REPORTER: N_("reporter"),
    },
    "platform": {
        Platform.INSTAGRAM: N_("Instagram"),
        Platform.TIKTOK: N_("TikTok"),
        Platform.SNAPCHAT: N_("Snapchat"),
        Platform.WHATSAPP: N_("WhatsApp"),
        Platform.X: N_("X (Twitter)"),
        Platform.FACEBOOK: N_("Facebook"),
        Platform.YOUTUBE: N_("YouTube"),
        Platform.LINKEDIN: N_("LinkedIn"),
        Platform.OTHER: N_("other"),
    },
    "event": {
        EventKind.RECORDED: N_("recorded"),
        EventKind.INVESTIGATION_STARTED: N_("investigation started"),
        EventKind.INVOLVEMENT_ADDED: N_("person involved"),
        EventKind.INVOLVEMENT_REMOVED: N_("person no longer involved"),
        EventKind.CLAUSE_CITED: N_("clause cited"),
        EventKind.CLAUSE_WITHDRAWN: N_("clause withdrawn"),
        EventKind.ASSESSED: N_("assessed"),
        EventKind.SEVERITY_OVERRIDDEN: N_("severity overridden"),
        EventKind.DECIDED: N_("decided"),
        EventKind.OBLIGATION_COMPLETED: N_("duty done"),
        EventKind.CLOSED: N_("closed"),
        EventKind.DISMISSED: N_("dismissed"),
        EventKind.OBJECTION_FILED: N_("objection filed"),
        EventKind.OBJECTION_UPHELD: N_("objection upheld"),
        EventKind.OBJECTION_REJECTED: N_("objection rejected"),
        EventKind.STEP_PREPARED: N_("step prepared"),
        EventKind.HEARING_RECORDED: N_("hearing recorded"),
        EventKind.TAKEDOWN_RECORDED: N_("takedown recorded"),
        EventKind.LETTER_ISSUED: N_("letter made"),
    },
    "reach": {
        Reach.PRIVATE: N_("private"),
        Reach.GROUP: N_("group"),
        Reach.PUBLIC: N_("public"),
        Reach.VIRAL: N_("viral"),
    },
    "intent": {
        Intent.ACCIDENTAL: N_("accidental"),
        Intent.NEGLIGENT: N_("careless"),
        Intent.DELIBERATE: N_("deliberate"),
    },
    "harm": {
        Harm.NONE: N_("none"),
        Harm.EMBARRASSMENT: N_("embarrassment"),
        Harm.REPUTATION: N_("reputation"),
        Harm.PERSON: N_("a person"),
    },
    "evidence": {EvidenceKind.LINK: N_("link"), EvidenceKind.FILE_HASH: N_("file fingerprint")},
    "heard": {
        HeardParty.STUDENT: N_("student"),
        HeardParty.PARENTS: N_("parents"),
        HeardParty.TEACHERS: N_("teachers"),
    },
    "clause-kind": {
        ClauseKind.RULE: N_("rule"),
        ClauseKind.GUIDANCE: N_("guidance"),
        ClauseKind.GUIDELINE: N_("guideline (tip)"),
        ClauseKind.AWARENESS: N_("awareness (not citable)"),
        ClauseKind.SANCTION: N_("sanction basis (not citable)"),
    },
    "letter": LETTER_LABELS,
    "severity": {
        "1": N_("1 light"),
        "2": N_("2 moderate"),
        "3": N_("3 serious"),
        "4": N_("4 very serious"),
    },
}
"""Per kind of code: each code and its label (an English message id)."""

FIELDS: Mapping[str, str] = {
    "state": N_("state"),
    "person-kind": N_("kind of person"),
    "role": N_("role"),
    "involvement": N_("involvement"),
    "platform": N_("platform"),
    "event": N_("event"),
    "reach": N_("reach"),
    "intent": N_("intent"),
    "harm": N_("harm"),
    "evidence": N_("evidence"),
    "heard": N_("heard"),
    "clause-kind": N_("kind of clause"),
    "severity": N_("severity"),
    "step": N_("step"),
    "letter": N_("letter"),
}
"""The name of each kind of code, as a field name in messages."""


def label(kind: str, code: str, lang: str) -> str:
    """The label of ``code`` in ``lang``; an unknown code is shown as itself."""
    message = CODE_LABELS[kind].get(code)
    return code if message is None else translate(message, lang)


def labels(kind: str, lang: str) -> list[str]:
    """Every label of ``kind`` in ``lang``, in the codes' order."""
    return [translate(message, lang) for message in CODE_LABELS[kind].values()]


def code_of(kind: str, text: str, lang: str) -> str:
    """The code that ``text`` names: the code itself, or its label in either language, in
    any letter case and with spaces around.

    Raises:
        InvalidInputError: no code of ``kind`` is named so; the message lists the labels.
    """
    names = {
        code: [code, message, translate(message, "nl")]
        for code, message in CODE_LABELS[kind].items()
    }
    return _match(kind, text, names.items(), labels(kind, lang))


def step_of(policy: Policy, text: str, lang: str) -> str:
    """The step that ``text`` names (its code, or its Dutch or English name, in any case).

    Raises:
        InvalidInputError: no step of the policy is named so; the message lists them.
    """
    steps = {s.name: s for ladder in policy.ladders.values() for s in ladder.steps}
    names = [(name, [name, s.nl, s.en]) for name, s in steps.items()]
    shown = [s.en if lang == "en" else s.nl for s in steps.values()]
    return _match("step", text, names, shown)


def _match(kind: str, text: str, names: Iterable[tuple[str, list[str]]], shown: list[str]) -> str:
    wanted = " ".join(str(text).split()).casefold()
    for code, spelled in names:
        if wanted in {" ".join(n.split()).casefold() for n in spelled}:
            return code
    raise InvalidInputError(
        N_("{value!r} is not allowed for {what}; choose from: {allowed}"),
        field=kind,
        value=text,
        what=Problem(FIELDS[kind]),
        allowed=", ".join(shown),
    )


def step_label(policy: Policy, step: str, lang: str) -> str:
    """The name of a step of the school's ladders in ``lang``; an unknown step as itself."""
    for ladder in policy.ladders.values():
        if any(s.name == step for s in ladder.steps):
            return ladder.step(step).label(lang)
    return step


def duty_label(policy: Policy, kind: str, lang: str) -> str:
    """What a duty asks, in ``lang`` (the policy's text); an unknown kind as itself."""
    return next((d.text(lang) for d in policy.duties if d.kind == kind), kind)


PERSON_FIELDS: Mapping[str, str] = {
    "id": N_("number"),
    "kind": N_("kind of person"),
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "location": N_("location"),
    "class": N_("class"),
    "mentor_id": N_("mentor"),
    "roles": N_("roles"),
    "left_on": N_("left on"),
}
