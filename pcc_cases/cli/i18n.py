"""The few words the command line itself says, in Dutch and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "clause": {"nl": "Bepaling", "en": "Clause"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "base": {"nl": "Basisernst", "en": "Base severity"},
    "text": {"nl": "Tekst", "en": "Text"},
    "adopted": {"nl": "vastgesteld", "en": "adopted"},
    "rule": {"nl": "regel", "en": "rule"},
    "guidance": {"nl": "advies", "en": "guidance"},
    "guideline": {"nl": "richtlijn (tip)", "en": "guideline (tip)"},
    "awareness": {"nl": "bewustwording (niet citeerbaar)", "en": "awareness (not citable)"},
    "sanction": {"nl": "sanctiegrondslag (niet citeerbaar)", "en": "sanction basis (not citable)"},
    "student": {"nl": "leerling", "en": "student"},
    "staff": {"nl": "medewerker", "en": "staff"},
    "external": {"nl": "extern", "en": "external"},
}


def t(key: str, lang: str) -> str:
    """The message in the language, falling back to the key itself."""
    return MESSAGES.get(key, {}).get(lang, key)
