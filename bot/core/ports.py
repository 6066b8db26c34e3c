"""Interfaces between features, so one can use another without importing its insides."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    score: float
    why: str


class ExpertFinder(Protocol):
    """Who knows about a text. Implemented by the expertise index (``knowledge/``); the nudges
    reach it as ``services.expert_finder`` (a test builds the bot with another finder)."""

    async def suggest(
        self,
        session: AsyncSession,
        text: str,
        *,
        asker_id: int | None = None,
        group_id: str | None = None,
        exclude: Collection[int] = (),
        limit: int = 3,
    ) -> list[Suggestion]: ...
