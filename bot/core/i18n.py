"""User-facing texts in Dutch (default) and English.

Each feature module registers its own texts with :func:`register`; :func:`t` looks them up.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")

_CATALOG: dict[str, dict[str, str]] = {"nl": {}, "en": {}}


def register(texts: dict[str, dict[str, str]]) -> None:
    """Add texts: ``{"key": {"nl": "...", "en": "..."}}``. Every key needs both languages."""
    for key, versions in texts.items():
        missing = [lang for lang in LANGUAGES if lang not in versions]
        if missing:
            raise ValueError(f"text {key!r} lacks {', '.join(missing)}")
        for lang in LANGUAGES:
            _CATALOG[lang][key] = versions[lang]


def t(lang: str, key: str, **values: object) -> str:
    language = lang if lang in _CATALOG else "nl"
    template = _CATALOG[language].get(key) or _CATALOG["nl"].get(key)
    if template is None:
        raise KeyError(f"no text registered for {key!r}")
    return template.format(**values) if values else template


def normalise_language(value: str | None) -> Lang | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    aliases: dict[str, Lang] = {
        "nl": "nl",
        "nederlands": "nl",
        "dutch": "nl",
        "nld": "nl",
        "en": "en",
        "engels": "en",
        "english": "en",
        "eng": "en",
    }
    return aliases.get(lowered)
