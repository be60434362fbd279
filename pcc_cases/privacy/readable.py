"""The subject-access export as a parent reads it: labels instead of field names and codes,
days and times in Amsterdam in words, yes and no instead of ``True`` and ``False``.

``readable_export`` turns the data of ``export_person`` into sections of text only, so that
every page or file made from it (HTML today) shows the same words and no Python value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.labels import FIELDS, PERSON_FIELDS, duty_label, label, step_label
from pcc_cases.domain.policy import Policy
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import Protocol, load_protocol
from pcc_cases.formatting import day, moment
from pcc_cases.translation import N_, translate

NOTHING = "-"


@attrs.frozen
class Table:
    """Rows of text under a title; with no header, a list of (label, value) pairs."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class CasePart:
    """One case the person appears in: its facts, and what was done about the person."""

    title: str
    facts: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...]


@attrs.frozen
class ReadableExport:
    """Everything of a subject-access export, as text in one language."""

    title: str
    intro: tuple[str, ...]
    person: Table
    cases_title: str
    cases: tuple[CasePart, ...]
    access_log: Table


def readable_export(
    data: Mapping[str, Any],
    lang: str,
    *,
    policy: Policy | None = None,
    protocol: Protocol | None = None,
) -> ReadableExport:
    """The export ``data`` (from ``export_person``) as text in ``lang``.

    Raises:
        InvalidInputError: ``data`` is not the shape ``export_person`` returns.
    """
    try:
        return _Words(lang, policy or default_policy(), protocol or load_protocol()).export(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidInputError(
            N_("not a subject-access export: {problem}"), field="export", problem=repr(error)
        ) from error


@attrs.frozen
class _Words:
    """The formatting of every value of the export in one language."""

    lang: str
    policy: Policy
    protocol: Protocol

    def t(self, message: str, **params: Any) -> str:
        text = translate(message, self.lang)
        return text.format(**params) if params else text

    def export(self, data: Mapping[str, Any]) -> ReadableExport:
        person = data["person"]
        name = f"{person['first_name']} {person['last_name']}".strip()
        intro = [
            self.t(
                N_(
                    "Everything the school's case register holds about {name}: the person's "
                    "record, the cases the person appears in, and who looked at them."
                ),
                name=name,
            ),
            self.t(N_("Made on {moment}."), moment=self.when(data["generated_at"])),
        ]
        if not data["others_shown"]:
            intro.append(
                self.t(
                    N_(
                        "Other people appear as “leerling 1”, “medewerker 2” or “betrokkene "
                        "3”: their data is not part of this export."
                    )
                )
            )
        log_header = (
            self.t(N_("When")),
            self.t(N_("Who")),
            self.t(N_("What")),
            self.t(N_("Allowed")),
            self.t(N_("Case")),
            self.t(N_("Person")),
        )
        return ReadableExport(
            title=self.t(N_("Subject access: {name}"), name=name),
            intro=tuple(intro),
            person=Table(self.t(N_("Person")), (), tuple(self.person(person))),
            cases_title=self.t(N_("Cases ({count})"), count=len(data["cases"])),
            cases=tuple(self.case(case) for case in data["cases"]),
            access_log=Table(
                self.t(N_("Who looked ({count})"), count=len(data["access_log"])),
                log_header,
                tuple(self.access(entry) for entry in data["access_log"]),
            ),
        )

    # --- values -------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        """Any plain value: nothing as '-', yes/no, a list joined, never a Python repr."""
        if value is None or value in ("", []):
            return NOTHING
        if isinstance(value, bool):
            return self.t(N_("yes")) if value else self.t(N_("no"))
        if isinstance(value, list | tuple):
            return ", ".join(self.text(item) for item in value)
        if isinstance(value, dict):
            return "; ".join(f"{self.field(k)}: {self.text(v)}" for k, v in value.items())
        return str(value)

    def when(self, value: str | None) -> str:
        if not value:
            return NOTHING
        return moment(pendulum.parse(value), self.lang)  # type: ignore[arg-type]

    def on(self, value: str | None) -> str:
        return day(dt.date.fromisoformat(value), self.lang) if value else NOTHING

    def level(self, value: int | None) -> str:
        return NOTHING if value is None else label("severity", str(value), self.lang)

    def step(self, value: str | None) -> str:
        return step_label(self.policy, value, self.lang) if value else NOTHING

    def field(self, key: str) -> str:
        message = _DETAIL_FIELDS.get(key) or FIELDS.get(key)
        return translate(message, self.lang) if message else key.replace("_", " ")

    def clause(self, clause_id: str) -> str:
        try:
            found = self.protocol.clause(clause_id)
        except InvalidInputError:
            return clause_id
        return f"{clause_id} {found.text(self.lang)}"

    # --- parts --------------------------------------------------------------------------

    def person(self, record: Mapping[str, Any]) -> list[tuple[str, str]]:
        shown: dict[str, Callable[[Any], str]] = {
            "kind": lambda v: label("person-kind", v, self.lang),
            "roles": lambda v: self.text([label("role", r, self.lang) for r in v]),
            "left_on": self.on,
        }
        return [
            (translate(PERSON_FIELDS[key], self.lang).capitalize(), shown.get(key, self.text)(v))
            for key, v in record.items()
            if key in PERSON_FIELDS
        ]

    def case(self, case: Mapping[str, Any]) -> CasePart:
        facts = [
            (
                N_("Role in the case"),
                ", ".join(label("involvement", r, self.lang) for r in case["roles"]),
            ),
            (N_("Happened on"), self.when(case["occurred_at"])),
            (N_("Location"), self.text(case["location"])),
            (N_("Platform"), label("platform", case["platform"], self.lang)),
            (N_("What happened"), self.text(case["summary"])),
            (N_("State"), label("state", case["state"], self.lang)),
            (N_("Clauses broken"), "\n".join(self.clause(c) for c in case["clauses"]) or NOTHING),
        ]
        tables = [
            *(self.assessment(a, n) for n, a in enumerate(case["assessments"], start=1)),
            *(self.decision(d, n) for n, d in enumerate(case["decisions"], start=1)),
        ]
        if case["obligations"]:
            tables.append(self.obligations(case["obligations"]))
        if case["events_naming_them"]:
            tables.append(self.history(case["events_naming_them"]))
        return CasePart(
            title=self.t(N_("Case {number}"), number=case["number"]),
            facts=tuple((self.t(name), value) for name, value in facts),
            tables=tuple(tables),
        )

    def assessment(self, a: Mapping[str, Any], number: int) -> Table:
        rows = [
            (N_("Assessed on"), self.when(a["assessed_at"])),
            (N_("By"), self.text(a["assessed_by"])),
            (N_("Reach"), label("reach", a["reach"], self.lang)),
            (N_("Intent"), label("intent", a["intent"], self.lang)),
            (N_("Harm"), label("harm", a["harm"], self.lang)),
            (N_("Confidential information"), self.text(a["confidential"])),
            (N_("Possibly a criminal offence"), self.text(a["criminal"])),
            (N_("Removed and apologised"), self.text(a["removed_and_apologised"])),
            (N_("Severity computed"), self.level(a["computed_level"])),
            (N_("Severity set by a director"), self.level(a["override_level"])),
            (N_("Reason for setting it"), self.text(a["override_reason"])),
        ]
        title = self.t(N_("Assessment {number}"), number=number)
        return Table(title, (), tuple((self.t(k), v) for k, v in rows))

    def decision(self, d: Mapping[str, Any], number: int) -> Table:
        rows = [
            (N_("Measure"), self.step(d["step"])),
            (N_("Recommended measure"), self.step(d["recommended_step"])),
            (N_("Days"), self.text(d["days"])),
            (N_("First day"), self.on(d["first_day"])),
            (N_("Last day"), self.on(d["last_day"])),
            (N_("Reason"), self.text(d["reason"])),
            (N_("Decided by"), self.text(d["decided_by"])),
            (N_("Decided on"), self.when(d["decided_at"])),
            (N_("Revoked after an objection"), self.text(d["revoked"])),
        ]
        title = self.t(N_("Decision {number}"), number=number)
        return Table(title, (), tuple((self.t(k), v) for k, v in rows))

    def obligations(self, duties: Sequence[Mapping[str, Any]]) -> Table:
        header = (self.t(N_("Duty")), self.t(N_("Due")), self.t(N_("Done on")), self.t(N_("By")))
        rows = tuple(
            (
                duty_label(self.policy, o["kind"], self.lang),
                self.on(o["due_on"]),
                self.on(o["done_on"]),
                self.text(o["done_by"]),
            )
            for o in duties
        )
        return Table(self.t(N_("Duties")), header, rows)

    def history(self, events: Sequence[Mapping[str, Any]]) -> Table:
        header = (
            self.t(N_("When")),
            self.t(N_("What")),
            self.t(N_("Who")),
            self.t(N_("State after")),
            self.t(N_("Reason")),
            self.t(N_("Details")),
        )
        rows = tuple(
            (
                self.when(e["at"]),
                label("event", e["kind"], self.lang),
                self.text(e["actor_id"]),
                label("state", e["state"], self.lang),
                self.text(e["reason"]),
                self.details(e["data"]),
            )
            for e in events
        )
        return Table(self.t(N_("History naming the person")), header, rows)

    def details(self, data: Mapping[str, Any]) -> str:
        """An event's data as lines of ``label: value``."""
        return (
            "\n".join(f"{self.field(k)}: {self.detail(k, v)}" for k, v in data.items()) or NOTHING
        )

    def detail(self, key: str, value: Any) -> str:
        pairs = {"involvements": "involvement", "violations": None}
        if key in pairs and isinstance(value, list):
            kind = pairs[key]
            return (
                ", ".join(
                    f"{who} ({label(kind, what, self.lang) if kind else what})"
                    for who, what in value
                )
                or NOTHING
            )
        formats: dict[str, Callable[[Any], str]] = {
            "role": lambda v: label("involvement", v, self.lang),
            "step": self.step,
            "recommended_step": self.step,
            "kind": lambda v: duty_label(self.policy, v, self.lang),
            "letter": lambda v: label("letter", v, self.lang),
            "previous_state": lambda v: label("state", v, self.lang),
            "level": self.level,
            "computed_level": self.level,
            "heard": lambda v: self.text([label("heard", p, self.lang) for p in v]),
            "hearing_at": self.when,
            "factors": self.factors,
            "language": lambda v: {"nl": "Nederlands", "en": "English"}.get(v, v),
        }
        if key in formats:
            return formats[key](value) if value is not None else NOTHING
        if key.endswith(("_day", "_on")) or key == "dated":
            return self.on(value)
        return self.text(value)

    def factors(self, factors: Mapping[str, Any]) -> str:
        coded = {"reach", "intent", "harm"}
        return "; ".join(
            f"{self.field(k)}: {label(k, v, self.lang) if k in coded else self.text(v)}"
            for k, v in factors.items()
        )

    def access(self, entry: Mapping[str, Any]) -> tuple[str, ...]:
        return (
            self.when(entry["at"]),
            self.text(entry["actor_id"]),
            self.action(entry["action"]),
            self.text(entry["allowed"]),
            self.text(entry["case_number"]),
            self.text(entry["person_id"]),
        )

    def action(self, action: str) -> str:
        """What was done, in words: ``view`` is ``zaak ingezien``; ``report:2025-2026``
        is the report of that school year.
        """
        head, _, rest = action.partition(":")
        message = ACTIONS.get(head)
        if message is None:
            return action
        if rest == "all":
            rest = self.t(N_("every period"))
        return f"{translate(message, self.lang)} {rest}".strip()


# The names of the keys of events' data and assessments, where the error fields lack one.
_DETAIL_FIELDS: Mapping[str, str] = {
    "involvements": N_("people involved"),
    "violations": N_("clauses cited"),
    "person_id": N_("person"),
    "offender_id": N_("offender"),
    "clause_id": N_("clause"),
    "level": N_("severity"),
    "computed_level": N_("computed severity"),
    "reasons": N_("reasons"),
    "recommended_step": N_("recommended measure"),
    "seq": N_("duty number"),
    "kind": N_("duty"),
    "done_on": N_("done on"),
    "open_duties": N_("duties still open"),
    "previous_state": N_("state before"),
    "late": N_("late"),
    "term_ended_on": N_("term ended on"),
    "revoked_for": N_("revoked for"),
    "held_on": N_("held on"),
    "heard": N_("heard"),
    "attendees": N_("present"),
    "views": N_("views heard"),
    "completes": N_("completes duties"),
    "evidence": N_("evidence number"),
    "asked_on": N_("asked on"),
    "removed_on": N_("removed on"),
    "letter": N_("letter"),
    "sha256": N_("fingerprint (SHA-256)"),
    "dated": N_("dated"),
    "language": N_("language"),
    "hearing_at": N_("hearing at"),
    "sent_on": N_("sent on"),
    "factors": N_("factors"),
    "reach": N_("reach"),
    "intent": N_("intent"),
    "harm": N_("harm"),
    "confidential": N_("confidential information"),
    "criminal": N_("possibly a criminal offence"),
    "removed_and_apologised": N_("removed and apologised"),
}

# What an access-log entry records that someone did.
ACTIONS: Mapping[str, str] = {
    "view": N_("case viewed"),
    "record": N_("incident recorded"),
    "handle": N_("case handled"),
    "decide": N_("measure decided"),
    "close": N_("case closed"),
    "review": N_("objection decided"),
    "recommend": N_("recommendation shown"),
    "view-people": N_("people viewed"),
    "view-person": N_("person's record viewed"),
    "list-people": N_("people listed"),
    "list-cases": N_("cases listed"),
    "list-obligations": N_("duties listed"),
    "import-people": N_("people imported"),
    "name-person": N_("person named"),
    "identify": N_("sign-in refused"),
    "read-access-log": N_("access log read"),
    "report": N_("report of"),
    "report-unsuppressed": N_("report with small counts"),
    "export": N_("cases exported of"),
    "export-cases": N_("cases exported"),
    "import-cases": N_("cases imported"),
    "subject-access": N_("subject-access export made"),
    "purge": N_("data deleted under the retention policy"),
    "purge-plan": N_("deletion prepared"),
    "manage-accounts": N_("accounts managed"),
    "login": N_("logged in"),
    "login-failed": N_("login failed"),
    "logout": N_("logged out"),
    "enrol": N_("second factor set up"),
    "token-use": N_("API token used"),
    "token-refused": N_("API token refused"),
    "token-create": N_("API token created"),
    "token-revoke": N_("API token revoked"),
    "account-create": N_("account created"),
    "account-reset": N_("account reset"),
    "account-disable": N_("account disabled"),
}
