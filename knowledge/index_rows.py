"""What the finder reads from the stored index, as plain data: the protocol the storage side
(:class:`bot.expertise.store.ExpertiseStore`) implements, and the rows it hands back."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol


class Posting(NamedTuple):
    person_id: int
    weight: float
    answers: int
    accepted: int
    last_at: datetime | str | None  # raw from the database; see finder._moment
    group_id: str | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    email: str | None
    organisation_id: str | None
    active: bool
    is_bot: bool


@dataclass(frozen=True, slots=True)
class SettingsRow:
    person_id: int
    suggest_opt_out: bool
    hidden_topics: list[str]
    do_not_disturb: bool
    away_until: datetime | None


class IndexRows(Protocol):
    """The index's rows and the people they name, read (and suggestions recorded) in the
    caller's transaction."""

    async def state_value(self, key: str) -> str | None: ...

    async def surfaces(self) -> dict[str, int]: ...

    async def external_organisations(self) -> set[str]: ...

    async def postings(self, wanted: Sequence[tuple[str, int]]) -> list[tuple[str, Posting]]:
        """Per (term, depth): the ``depth`` strongest people on the term."""
        ...

    async def thread_terms(self, terms: Sequence[str], depth: int) -> list[tuple[str, int]]:
        """Per term: the newest ``depth`` threads whose question has it, as (term, thread)."""
        ...

    async def thread_evidence(
        self, thread_ids: Collection[int]
    ) -> list[tuple[int, int, float, str | None]]:
        """(thread, person, weight, group) of everyone with evidence in those threads."""
        ...

    async def question_vectors(self) -> list[tuple[int, str | None, bytes]]:
        """Every past question's vector: (thread id, its channel's group, the vector)."""
        ...

    async def strongest_terms(
        self, person_ids: Sequence[int], depth: int
    ) -> list[tuple[int, str, float]]:
        """Per person: their ``depth`` strongest (person, term, weight)."""
        ...

    async def weights(
        self, terms: Collection[str], person_ids: Collection[int]
    ) -> list[tuple[str, int, float]]: ...

    async def overall_weights(self, person_ids: Collection[int]) -> dict[int, float]: ...

    async def related(self, terms: Collection[str]) -> list[tuple[str, str, float]]: ...

    async def term_stats(self, terms: Collection[str]) -> list[tuple[str, int, float]]:
        """(term, df, focus)."""
        ...

    async def skills(self) -> list[tuple[int, str]]:
        """(person, topic) of every declared skill."""
        ...

    async def organisation_of(self, person_id: int) -> str | None: ...

    async def channels_of(self, person_id: int) -> set[int]: ...

    async def people(self, ids: Collection[int]) -> list[tuple[PersonRow, SettingsRow | None]]: ...

    async def sharing(self, ids: Collection[int], channels: Collection[int]) -> set[int]:
        """Those of ``ids`` who are members of one of ``channels``."""
        ...

    async def recent_suggestions(self, ids: Collection[int], since: datetime) -> dict[int, int]: ...

    async def record_suggestions(self, ids: Sequence[int], at: datetime) -> None: ...
