"""The protocol catalogue: the articles and clauses that a case can cite."""

from pcc_cases.protocol.catalogue import (
    DEFAULT_VERSION,
    Article,
    Clause,
    ClauseKind,
    Protocol,
    load_protocol,
    load_protocol_text,
    parse_protocol,
    protocol_to_toml,
)

__all__ = [
    "DEFAULT_VERSION",
    "Article",
    "Clause",
    "ClauseKind",
    "Protocol",
    "load_protocol",
    "load_protocol_text",
    "parse_protocol",
    "protocol_to_toml",
]
