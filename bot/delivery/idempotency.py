"""What the posts made while handling one thing are called, and whether they may have been
made before.

Handling an inbox event (or a stored mail) is a *scope*: its posts get the keys
``<scope>#1``, ``<scope>#2``, … in the order they are made. Handling the same thing again after a
crash makes the same posts in the same order, so they get the same keys, and the outbox
(bot/delivery/outbox.py) sends each key once. A scope that is a retry (``retried``) tells the outbox
that its posts may already be on the platform, so it looks before it posts.

While the dispatcher's transaction is open the scope carries its session: posts are recorded
in that transaction (on SQLite a second writer would wait for it to end).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass
class PostScope:
    prefix: str
    retried: bool = False
    session: AsyncSession | None = None
    # The inbox row being handled: the dispatcher marks it done in the event's own
    # transaction (``finished``), so a crash never separates the two.
    inbox_id: int | None = None
    finished: bool = False
    # When the thing handled arrived: a retry's posts, if out already, are not older.
    since: datetime | None = None
    _count: int = field(default=0, repr=False)

    def next_key(self) -> str:
        self._count += 1
        return f"{self.prefix}#{self._count}"


_current: ContextVar[PostScope | None] = ContextVar("post_scope", default=None)


def current_scope() -> PostScope | None:
    return _current.get()


@contextmanager
def post_scope(
    prefix: str,
    *,
    retried: bool = False,
    inbox_id: int | None = None,
    since: datetime | None = None,
) -> Iterator[PostScope]:
    scope = PostScope(prefix, retried, inbox_id=inbox_id, since=since)
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


@contextmanager
def in_transaction(scope: PostScope, session: AsyncSession) -> Iterator[None]:
    """Posts made meanwhile are recorded in ``session``'s transaction."""
    previous, scope.session = scope.session, session
    try:
        yield
    finally:
        scope.session = previous
