"""``--output FILE``: written whole or not at all, private, never through a symlink.

What is written is personal data. It goes first to a new temporary file beside FILE,
created with mode 0600 (only the owner can read it) and refusing to follow a symlink;
only when the command has succeeded (authorised, computed, written) does it take FILE's
place. An existing FILE is kept unless ``--force`` says to replace it; a rename replaces
a symlink at FILE itself, never the file it points to.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--output FILE`` and ``--force``."""
    function = click.option(
        "--force", is_flag=True, help="Replace FILE if it exists / Overschrijf FILE."
    )(function)
    return click.option(
        "--output",
        metavar="FILE",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file (mode 0600) instead of the screen.",
    )(function)


def _refuse_existing(path: Path) -> None:
    raise InvalidInputError(
        N_("'{path}' exists already; choose another name, or add --force to replace it"),
        field="--output",
        path=path,
    )


@contextmanager
def written(path: Path, *, force: bool, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle on a private temporary file that becomes ``path`` when the block succeeds.

    Raises:
        InvalidInputError: ``path`` exists (without ``force``) or its folder does not.
    """
    if not force and (path.exists() or path.is_symlink()):
        _refuse_existing(path)
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise InvalidInputError(
            N_("there is no folder '{folder}' to write into"), field="--output", folder=folder
        )
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.partial"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb")
            if binary
            else os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            temporary.replace(path)
        else:
            try:  # refuses atomically if FILE appeared meanwhile
                os.link(temporary, path, follow_symlinks=False)
            except FileExistsError:
                _refuse_existing(path)
    finally:
        temporary.unlink(missing_ok=True)
