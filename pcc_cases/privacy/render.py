"""The subject-access export as a readable, printable HTML page."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from pcc_cases.domain.display import visible
from pcc_cases.privacy.readable import readable_export
from pcc_cases.translation import N_, translate

_ENV = Environment(
    loader=PackageLoader("pcc_cases.privacy", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    finalize=visible,
)


def person_html(data: dict[str, Any], lang: str, organisation: str = "") -> str:
    """A subject-access export (from ``export_person``) as one printable HTML page, in the
    words of ``lang``; ``organisation`` names the school at the top.

    Raises:
        MissingExtraError: the ``reports`` extra (Jinja2) is not installed.
        InvalidInputError: ``data`` is not the shape ``export_person`` returns.
    """
    export = readable_export(data, lang)
    return _ENV.get_template("person.html.j2").render(
        lang=lang,
        export=export,
        organisation=organisation,
        page_title=translate(N_("Subject access"), lang),
        person_id=data["person"]["id"],
        when=translate(N_("When"), lang),
    )
