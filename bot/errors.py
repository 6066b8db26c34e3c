"""Two tiers of errors: one the user sees, and everything else (logged with a reference)."""

from __future__ import annotations


class UserError(Exception):
    """An error whose text the user sees, looked up in the user's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
