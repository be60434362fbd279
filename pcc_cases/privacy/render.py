"""The subject-access export as a readable, printable HTML page."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from pcc_cases.domain.display import visible

_ENV = Environment(
    loader=PackageLoader("pcc_cases.privacy", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    finalize=visible,
)


def person_html(data: dict[str, Any], lang: str) -> str:
    """A subject-access export (from ``export_person``) as one printable HTML page.

    Raises:
        MissingExtraError: the ``reports`` extra (Jinja2) is not installed.
    """
    nl = lang != "en"
    return _ENV.get_template("person.html.j2").render(
        lang=lang,
        data=data,
        title="Inzage persoonsgegevens" if nl else "Subject access export",
        intro=(
            "Alles wat pcc_cases over deze persoon bewaart: het persoonsrecord, de zaken "
            "waarin de persoon voorkomt, en wie die zaken heeft ingezien."
            if nl
            else "Everything pcc_cases holds about this person: their record, the cases "
            "they appear in, and who looked at those cases."
        ),
        labels={
            "person": "Persoon" if nl else "Person",
            "cases": "Zaken" if nl else "Cases",
            "log": "Toegangslog" if nl else "Access log",
        },
    )
