"""The language of a response: Dutch unless the caller prefers English."""

from __future__ import annotations

from typing import Any

from litestar import Request

LANGUAGES = ("nl", "en")


def request_language(request: Request[Any, Any, Any]) -> str:
    """The first of ``nl`` and ``en`` in ``Accept-Language`` by weight; ``nl`` otherwise."""
    best, best_weight = "nl", 0.0
    for part in request.headers.get("accept-language", "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        base = tag.strip().lower().split("-")[0]
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if base in LANGUAGES and weight > best_weight:
            best, best_weight = base, weight
    return best
