"""The privacy officer's trail: how many items of each kind were removed from a mail (never
the values), in words a moderator reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KIND_NAMES: dict[str, dict[str, str]] = {
    "bsn": {"nl": "BSN", "en": "BSN"},
    "iban": {"nl": "IBAN", "en": "IBAN"},
    "phone": {"nl": "telefoonnummer", "en": "phone number"},
    "email": {"nl": "e-mailadres", "en": "e-mail address"},
    "address": {"nl": "adres", "en": "address"},
    "birthdate": {"nl": "geboortedatum", "en": "date of birth"},
    "name": {"nl": "naam", "en": "name"},
    "licence_plate": {"nl": "kenteken", "en": "licence plate"},
    "id_document": {"nl": "documentnummer", "en": "document number"},
    "tax_id": {"nl": "fiscaal nummer", "en": "tax number"},
    "customer_number": {"nl": "klantnummer", "en": "customer number"},
    "case_reference": {"nl": "kenmerk", "en": "reference"},
    "health": {"nl": "gezondheidsgegeven", "en": "health detail"},
}


def counts_of(stored: Any) -> dict[str, int]:
    """Counts from a stored parse result: ``{kind: n}``, or the older list of
    ``{"type", "count"}``."""
    if isinstance(stored, Mapping):
        return {str(k): int(v) for k, v in stored.items() if isinstance(v, int) and v > 0}
    if isinstance(stored, list):
        found: dict[str, int] = {}
        for item in stored:
            if isinstance(item, Mapping) and isinstance(item.get("count"), int):
                found[str(item.get("type"))] = found.get(str(item.get("type")), 0) + item["count"]
        return found
    return {}


def summary(counts: Mapping[str, int], language: str) -> str:
    """``2× telefoonnummer, 1× BSN`` (most first); empty when nothing was removed."""
    lang = "en" if language == "en" else "nl"
    items = sorted(((n, k) for k, n in counts.items() if n > 0), key=lambda p: (-p[0], p[1]))
    return ", ".join(f"{n}× {KIND_NAMES.get(k, {}).get(lang, k)}" for n, k in items)
