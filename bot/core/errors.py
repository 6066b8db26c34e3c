"""Two tiers of errors: one the user sees, and everything else (logged with a reference);
and one that is no error yet: something the event needs is on its way, try it later."""

from __future__ import annotations


class UserError(Exception):
    """An error whose text the user sees, looked up in the user's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class RetryLater(Exception):  # noqa: N818 (not an error: a request to come back)
    """The event cannot be handled yet (what it refers to is still being recorded): it is
    handled again later from the inbox (bot/delivery/inbox.py); nobody is told anything now."""
