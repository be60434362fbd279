"""The Social Media Protocol as validated, immutable data.

The text lives in a TOML file inside the package so that the wording can be checked against
the adopted protocol by anyone, and so that a later protocol version is a new file, not code.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from pcc_cases.domain.errors import (
    NotCitableClauseError,
    ProtocolFileError,
    ProtocolVersionError,
    UnknownClauseError,
    choices,
)
from pcc_cases.domain.tomldata import require
from pcc_cases.translation import N_

DEFAULT_VERSION = "pcc-smp-2013"


class ClauseKind(enum.StrEnum):
    """What a clause is: only rules, guidance and guidelines can be violated."""

    RULE = "rule"
    GUIDANCE = "guidance"
    GUIDELINE = "guideline"
    AWARENESS = "awareness"
    SANCTION = "sanction"

    @property
    def citable(self) -> bool:
        return self not in (ClauseKind.AWARENESS, ClauseKind.SANCTION)


AUDIENCES = ("student", "staff", "external")


@attrs.frozen
class Clause:
    """One numbered clause of an article, in Dutch and English."""

    id: str
    kind: ClauseKind
    applies_to: tuple[str, ...]
    text_nl: str
    text_en: str

    @property
    def article(self) -> int:
        return int(self.id.split(".")[0])

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_nl


@attrs.frozen
class Article:
    """A numbered article with its clauses."""

    number: int
    title_nl: str
    title_en: str
    clauses: tuple[Clause, ...]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl


@attrs.frozen
class Protocol:
    """One version of the protocol: the catalogue that cases cite."""

    version: str
    adopted: str
    title_nl: str
    title_en: str
    articles: tuple[Article, ...]

    _index: Mapping[str, Clause] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index = {c.id: c for a in self.articles for c in a.clauses}
        object.__setattr__(self, "_index", index)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(self._index.values())

    def clause(self, clause_id: str) -> Clause:
        """Look a clause up by id, or raise an error that lists the valid ids."""
        try:
            return self._index[clause_id]
        except KeyError:
            raise UnknownClauseError(
                N_(
                    "clause {clause_id!r} does not exist in protocol {version}; valid clauses: "
                    "{index}"
                ),
                clause_id=clause_id,
                version=self.version,
                index=choices(self._index),
            ) from None

    def citable_clause(self, clause_id: str, version: str | None = None) -> Clause:
        """The clause a case may cite; refuses awareness, sanction and other versions."""
        if version is not None and version != self.version:
            raise ProtocolVersionError(
                N_(
                    "clause {clause_id!r} is cited from protocol {version!r}, but this case falls "
                    "under {version2!r}"
                ),
                clause_id=clause_id,
                version=version,
                version2=self.version,
            )
        clause = self.clause(clause_id)
        if not clause.kind.citable:
            raise NotCitableClauseError(
                N_(
                    "clause {clause_id} is {kind} text and cannot be violated; citable clauses: "
                    "{clauses}"
                ),
                clause_id=clause_id,
                kind=clause.kind.value,
                clauses=choices(c.id for c in self.clauses if c.kind.citable),
            )
        return clause

    def article(self, number: int) -> Article:
        for article in self.articles:
            if article.number == number:
                return article
        raise UnknownClauseError(
            N_("article {number} does not exist; articles: {articles}"),
            number=number,
            articles=", ".join(str(a.number) for a in self.articles),
        )


_CLAUSE_ID = re.compile(r"^[1-9][0-9]*\.[1-9][0-9]*$")


def _field(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    return require(table, key, kind, where, ProtocolFileError)


def _parse_clause(table: Mapping[str, Any], where: str, article: int) -> Clause:
    clause_id = _field(table, "id", str, where)
    if not _CLAUSE_ID.match(clause_id) or int(clause_id.split(".")[0]) != article:
        raise ProtocolFileError(
            N_("{clause_id!r} is not of the form '{article}.N'"),
            field=f"{where}.id",
            clause_id=clause_id,
            article=article,
        )
    kind_text = _field(table, "kind", str, where)
    try:
        kind = ClauseKind(kind_text)
    except ValueError:
        raise ProtocolFileError(
            N_("{kind_text!r} is not one of {ClauseKind}"),
            field=f"{where}.kind",
            kind_text=kind_text,
            ClauseKind=choices(k.value for k in ClauseKind),
        ) from None
    applies_to = _field(table, "applies_to", list, where)
    if not applies_to or any(a not in AUDIENCES for a in applies_to):
        raise ProtocolFileError(
            N_("{applies_to!r} must be a non-empty list of {AUDIENCES}"),
            field=f"{where}.applies_to",
            applies_to=applies_to,
            AUDIENCES=choices(AUDIENCES),
        )
    return Clause(
        id=clause_id,
        kind=kind,
        applies_to=tuple(applies_to),
        text_nl=_field(table, "text_nl", str, where),
        text_en=_field(table, "text_en", str, where),
    )


def parse_protocol(data: Mapping[str, Any]) -> Protocol:
    """Build and validate a protocol from its TOML document."""
    head = _field(data, "protocol", dict, "")
    where = "protocol"
    version = _field(head, "version", str, where)
    adopted = _field(head, "adopted", str, where)
    if not re.match(r"^[0-9]{4}-(0[1-9]|1[0-2])$", adopted):
        raise ProtocolFileError(
            N_("{adopted!r} is not YYYY-MM"), field="protocol.adopted", adopted=adopted
        )
    articles: list[Article] = []
    seen: set[str] = set()
    for i, table in enumerate(_field(data, "articles", list, "")):
        where = f"articles[{i}]"
        if not isinstance(table, dict):
            raise ProtocolFileError(N_("expected a table"), field=where)
        number = _field(table, "number", int, where)
        if number != i + 1:
            raise ProtocolFileError(
                N_("expected {value}, got {number}"),
                field=f"{where}.number",
                value=i + 1,
                number=number,
            )
        clauses = []
        for j, clause_table in enumerate(_field(table, "clauses", list, where)):
            clause_where = f"{where}.clauses[{j}]"
            if not isinstance(clause_table, dict):
                raise ProtocolFileError(N_("expected a table"), field=clause_where)
            clause = _parse_clause(clause_table, clause_where, number)
            if clause.id in seen:
                raise ProtocolFileError(
                    N_("{clause_id!r} appears twice"),
                    field=f"{clause_where}.id",
                    clause_id=clause.id,
                )
            seen.add(clause.id)
            clauses.append(clause)
        if not clauses:
            raise ProtocolFileError(
                N_("an article needs at least one clause"), field=f"{where}.clauses"
            )
        articles.append(
            Article(
                number=number,
                title_nl=_field(table, "title_nl", str, where),
                title_en=_field(table, "title_en", str, where),
                clauses=tuple(clauses),
            )
        )
    if not articles:
        raise ProtocolFileError(N_("a protocol needs at least one article"), field="articles")
    return Protocol(
        version=version,
        adopted=adopted,
        title_nl=_field(head, "title_nl", str, "protocol"),
        title_en=_field(head, "title_en", str, "protocol"),
        articles=tuple(articles),
    )


def load_protocol_text(text: str) -> Protocol:
    """Parse TOML text into a validated protocol; a syntax error names the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolFileError(N_("protocol file is not valid TOML: {exc}"), exc=exc) from None
    return parse_protocol(data)


@functools.cache
def load_protocol(version: str = DEFAULT_VERSION) -> Protocol:
    """The bundled protocol of that version (loaded once, validated on load)."""
    package = resources.files("pcc_cases.domain") / "protocols"
    available = sorted(
        p.name.removesuffix(".toml") for p in package.iterdir() if p.name.endswith(".toml")
    )
    if version not in available:
        raise ProtocolVersionError(
            N_("protocol version {version!r} is not bundled; available: {available}"),
            version=version,
            available=", ".join(available),
        )
    protocol = load_protocol_text((package / f"{version}.toml").read_text(encoding="utf-8"))
    if protocol.version != version:
        raise ProtocolFileError(
            N_("protocol.version says {version!r}"),
            field=f"{version}.toml",
            version=protocol.version,
        )
    return protocol


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(
        c if (c >= " " and c != "\x7f") or c == "\t" else f"\\u{ord(c):04x}" for c in escaped
    )
    return f'"{escaped}"'


def protocol_to_toml(protocol: Protocol) -> str:
    """Write a protocol back to TOML, so that a school can start a new version from a copy."""
    lines = [
        "[protocol]",
        f"version = {_toml_string(protocol.version)}",
        f"adopted = {_toml_string(protocol.adopted)}",
        f"title_nl = {_toml_string(protocol.title_nl)}",
        f"title_en = {_toml_string(protocol.title_en)}",
    ]
    for article in protocol.articles:
        lines += [
            "",
            "[[articles]]",
            f"number = {article.number}",
            f"title_nl = {_toml_string(article.title_nl)}",
            f"title_en = {_toml_string(article.title_en)}",
        ]
        for clause in article.clauses:
            audience = ", ".join(_toml_string(a) for a in clause.applies_to)
            lines += [
                "",
                "[[articles.clauses]]",
                f"id = {_toml_string(clause.id)}",
                f"kind = {_toml_string(clause.kind.value)}",
                f"applies_to = [{audience}]",
                f"text_nl = {_toml_string(clause.text_nl)}",
                f"text_en = {_toml_string(clause.text_en)}",
            ]
    return "\n".join(lines) + "\n"
