"""Numbers, dates and times as a person reads them, in Dutch or English.

Dutch writes ``14,0`` and ``1.000.000``, ``24 november 2026`` and ``21:30``; English
``14.0``, ``1,000,000``, ``24 November 2026``. Every time a person reads is in Amsterdam
time, to the minute (no seconds, no microseconds). Machine formats (JSON, the cases file)
keep ISO 8601 and plain numbers; only what is shown to a person goes through here.
"""

from __future__ import annotations

import datetime as dt

import pendulum

LOCAL_TIME_ZONE = "Europe/Amsterdam"
_SEPARATORS = {"nl": (",", "."), "en": (".", ",")}  # decimal mark, digit group


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """``value`` with the language's decimal mark and digit grouping.

    Whole numbers below 10,000 are not grouped (a year, a count of cases); ``decimals``
    fixes the digits after the mark (a median of days: ``14,0``).
    """
    mark, group = _SEPARATORS.get(lang, _SEPARATORS["nl"])
    if decimals is None and isinstance(value, int | bool):
        text = f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
        return text.replace(",", group)
    text = f"{value:,.{1 if decimals is None else decimals}f}"
    whole, _, fraction = text.partition(".")
    if abs(value) < 10_000:
        whole = whole.replace(",", "")
    return whole.replace(",", group) + (mark + fraction if fraction else "")


def local(moment: dt.datetime) -> pendulum.DateTime:
    """``moment`` in Amsterdam time."""
    return pendulum.instance(moment).in_timezone(LOCAL_TIME_ZONE)


def day(value: dt.date, lang: str, *, weekday: bool = False) -> str:
    """A calendar day: ``24 november 2026`` (with ``weekday``: ``dinsdag 24 november 2026``).

    A datetime is first put in Amsterdam time, so that the day is the one a person there saw.
    """
    if isinstance(value, dt.datetime):
        value = local(value).date()
    shown = pendulum.date(value.year, value.month, value.day)
    return shown.format(("dddd " if weekday else "") + "D MMMM YYYY", locale=lang)


def clock(moment: dt.datetime) -> str:
    """The time of day in Amsterdam, to the minute: ``21:30``."""
    return local(moment).format("HH:mm")


def moment(value: dt.datetime, lang: str) -> str:
    """Day and time in Amsterdam: ``24 november 2026 21:30``."""
    return f"{day(value, lang)} {clock(value)}"


def short_moment(value: dt.datetime) -> str:
    """Day and time in Amsterdam for a table column: ``24-11-2026 21:30``."""
    return local(value).format("DD-MM-YYYY HH:mm")


def short_day(value: dt.date) -> str:
    """A day for a table column: ``24-11-2026``."""
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
