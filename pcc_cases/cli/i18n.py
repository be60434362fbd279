"""The few words the command line itself says, in Dutch and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "article": {"nl": "Artikel", "en": "Article"},
    "clause": {"nl": "Bepaling", "en": "Clause"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "applies_to": {"nl": "Geldt voor", "en": "Applies to"},
    "base": {"nl": "Basisernst", "en": "Base severity"},
    "text": {"nl": "Tekst", "en": "Text"},
    "adopted": {"nl": "vastgesteld", "en": "adopted"},
    "error": {"nl": "Fout", "en": "Error"},
    "unexpected": {
        "nl": "Onverwachte fout; meld dit aan de beheerder",
        "en": "Unexpected error; please report this to the administrator",
    },
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
