"""Reporting progress of long work (an export, an import, a purge) to whoever waits for it.

A long-running function takes ``progress``: it is called with how much is done and the
total when known (None while unknown). The command line turns the calls into a bar on
stderr; an embedding system may log them or ignore them.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]


def no_progress(_done: int, _total: int | None) -> None:
    """The default: nobody is watching."""
