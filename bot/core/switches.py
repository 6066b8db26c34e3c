"""On or off, as people type it in Dutch or English."""

from __future__ import annotations

from bot.core.errors import UserError

ON_WORDS = frozenset({"aan", "on", "ja", "yes"})
OFF_WORDS = frozenset({"uit", "off", "nee", "no", "weg"})


def switch(text: str, *, error_key: str, empty_means_on: bool = True) -> bool:
    """``True`` for on, ``False`` for off; nothing at all means on unless
    ``empty_means_on`` is off. Anything else is a :class:`UserError` with ``error_key``."""
    word = text.strip().lower()
    if word in ON_WORDS or (word == "" and empty_means_on):
        return True
    if word in OFF_WORDS:
        return False
    raise UserError(error_key)
