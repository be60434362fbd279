"""Stored text made safe to show: control characters become visible escapes.

Input refuses control characters (``checks.text_problem``), but text can reach the
database by other ways (an older version, another program, a restore). Whatever is
shown to a person passes through here, so that an ESC, a C1 CSI or a right-to-left
override in stored text cannot move a terminal's cursor, hide a line, recolour an error
or turn a name around: it is shown as a visible escape (backslash, x, 1b).
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, bidirectional overrides and isolates, lone
# surrogates, and the two non-characters U+FFFE/U+FFFF.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
# The same minus what JSON escapes itself (json.dumps escapes C0 even without ASCII).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every unsafe character replaced by its visible escape."""
    return _UNSAFE.sub(_escape, text)


def json_safe(encoded: str) -> str:
    """JSON text with the unsafe characters JSON leaves raw written as JSON escapes (the
    decoded value is unchanged).
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)


def visible(value: object) -> object:
    """For templates (Jinja's ``finalize``): strings made printable; markup the template
    built itself (``__html__``, e.g. a chart) and other values as they are.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return printable(value)
    return value
