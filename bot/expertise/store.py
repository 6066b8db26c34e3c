"""The finder's queries: the expertise index's rows and the people they name, read in the
caller's session and handed to :mod:`knowledge.finder` as plain data
(:class:`knowledge.index_rows.IndexRows`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import text as sql
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.expertise_models import (
    ExpertiseEvidence,
    ExpertisePerson,
    ExpertiseQuestionVector,
    ExpertiseRelated,
    ExpertiseSuggestion,
    ExpertiseSurface,
    ExpertiseTerm,
    ExpertiseWeight,
)
from bot.storage.models import (
    Channel,
    ChannelMember,
    Organisation,
    Person,
    PersonSettings,
    Skill,
    StateEntry,
    Thread,
)
from knowledge.index_rows import PersonRow, Posting, SettingsRow


class ExpertiseStore:
    """:class:`knowledge.index_rows.IndexRows` on a database session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def state_value(self, key: str) -> str | None:
        value = (
            await self.session.exec(select(StateEntry.value).where(StateEntry.key == key))  # type: ignore[call-overload]
        ).first()
        return str(value) if value else None

    async def surfaces(self) -> dict[str, int]:
        return dict(
            (await self.session.exec(select(ExpertiseSurface.surface, ExpertiseSurface.df))).all()  # type: ignore[call-overload]
        )

    async def external_organisations(self) -> set[str]:
        return set(
            (
                await self.session.exec(
                    select(Organisation.id).where(col(Organisation.external).is_(True))
                )
            ).all()
        )

    async def postings(self, wanted: Sequence[tuple[str, int]]) -> list[tuple[str, Posting]]:
        if not wanted:
            return []
        parts = []
        params: dict[str, object] = {}
        for n, (term, depth) in enumerate(wanted):
            parts.append(
                f"SELECT * FROM (SELECT term, person_id, weight, answers, accepted, last_at, "
                f"group_id FROM expertise_weight WHERE term = :t{n} "
                f"ORDER BY weight DESC LIMIT {int(depth)}) AS p{n}"
            )
            params[f"t{n}"] = term
        connection = await self.session.connection()
        result = await connection.execute(sql(" UNION ALL ".join(parts)), params)
        return [
            (term, Posting(person_id, weight, answers, accepted, last_at, group))
            for term, person_id, weight, answers, accepted, last_at, group in result.all()
        ]

    async def thread_terms(self, terms: Sequence[str], depth: int) -> list[tuple[str, int]]:
        parts = []
        params: dict[str, object] = {}
        for n, term in enumerate(terms):
            parts.append(
                f"SELECT * FROM (SELECT term, thread_id FROM expertise_thread_term "
                f"WHERE term = :t{n} ORDER BY thread_id DESC LIMIT {int(depth)}) AS s{n}"
            )
            params[f"t{n}"] = term
        connection = await self.session.connection()
        result = await connection.execute(sql(" UNION ALL ".join(parts)), params)
        return [(term, thread_id) for term, thread_id in result.all()]

    async def thread_evidence(
        self, thread_ids: Collection[int]
    ) -> list[tuple[int, int, float, str | None]]:
        rows = (
            await self.session.exec(
                select(  # type: ignore[call-overload]
                    ExpertiseEvidence.thread_id,
                    ExpertiseEvidence.person_id,
                    ExpertiseEvidence.weight,
                    Channel.group_id,
                )
                .join(Thread, Thread.id == ExpertiseEvidence.thread_id)  # type: ignore[arg-type]
                .join(Channel, Channel.id == Thread.channel_id)  # type: ignore[arg-type]
                .where(ExpertiseEvidence.thread_id.in_(list(thread_ids)))  # type: ignore[attr-defined]
            )
        ).all()
        return [(tid, pid, weight, group) for tid, pid, weight, group in rows]

    async def has_question_vectors(self) -> bool:
        found = await self.session.exec(select(col(ExpertiseQuestionVector.thread_id)).limit(1))
        return found.first() is not None

    async def question_vectors(self) -> list[tuple[int, str | None, bytes]]:
        rows = (
            await self.session.exec(
                select(  # type: ignore[call-overload]
                    ExpertiseQuestionVector.thread_id,
                    Channel.group_id,
                    ExpertiseQuestionVector.vector,
                )
                .join(Thread, Thread.id == ExpertiseQuestionVector.thread_id)  # type: ignore[arg-type]
                .join(Channel, Channel.id == Thread.channel_id)  # type: ignore[arg-type]
                .order_by(col(ExpertiseQuestionVector.thread_id))
            )
        ).all()
        return [(tid, group, bytes(vector)) for tid, group, vector in rows]

    async def strongest_terms(
        self, person_ids: Sequence[int], depth: int
    ) -> list[tuple[int, str, float]]:
        parts = [
            f"SELECT * FROM (SELECT person_id, term, weight FROM expertise_weight "
            f"WHERE person_id = :p{n} ORDER BY weight DESC LIMIT {int(depth)}) AS f{n}"
            for n in range(len(person_ids))
        ]
        connection = await self.session.connection()
        rows = (
            await connection.execute(
                sql(" UNION ALL ".join(parts)), {f"p{n}": pid for n, pid in enumerate(person_ids)}
            )
        ).all()
        return [(int(pid), str(term), float(weight)) for pid, term, weight in rows]

    async def weights(
        self, terms: Collection[str], person_ids: Collection[int]
    ) -> list[tuple[str, int, float]]:
        rows = (
            await self.session.exec(
                select(  # type: ignore[call-overload]
                    ExpertiseWeight.term, ExpertiseWeight.person_id, ExpertiseWeight.weight
                ).where(
                    col(ExpertiseWeight.term).in_(list(terms)),
                    col(ExpertiseWeight.person_id).in_(list(person_ids)),
                )
            )
        ).all()
        return [(term, int(pid), float(weight)) for term, pid, weight in rows]

    async def overall_weights(self, person_ids: Collection[int]) -> dict[int, float]:
        rows = (
            await self.session.exec(
                select(ExpertisePerson.person_id, ExpertisePerson.weight).where(  # type: ignore[call-overload]
                    col(ExpertisePerson.person_id).in_(list(person_ids))
                )
            )
        ).all()
        return {int(pid): float(weight) for pid, weight in rows}

    async def related(self, terms: Collection[str]) -> list[tuple[str, str, float]]:
        rows = (
            await self.session.exec(
                select(  # type: ignore[call-overload]
                    ExpertiseRelated.term, ExpertiseRelated.related, ExpertiseRelated.weight
                ).where(ExpertiseRelated.term.in_(list(terms)))  # type: ignore[attr-defined]
            )
        ).all()
        return [(term, related, float(weight)) for term, related, weight in rows]

    async def term_stats(self, terms: Collection[str]) -> list[tuple[str, int, float]]:
        rows = (
            await self.session.exec(
                select(ExpertiseTerm.term, ExpertiseTerm.df, ExpertiseTerm.focus).where(  # type: ignore[call-overload]
                    ExpertiseTerm.term.in_(list(terms))  # type: ignore[attr-defined]
                )
            )
        ).all()
        return [(term, df, focus) for term, df, focus in rows]

    async def skills(self) -> list[tuple[int, str]]:
        rows = (await self.session.exec(select(Skill.person_id, Skill.topic))).all()  # type: ignore[call-overload]
        return [(person_id, topic) for person_id, topic in rows]

    async def organisation_of(self, person_id: int) -> str | None:
        person = await self.session.get(Person, person_id)
        return person.organisation_id if person else None

    async def channels_of(self, person_id: int) -> set[int]:
        return set(
            (
                await self.session.exec(
                    select(ChannelMember.channel_id).where(ChannelMember.person_id == person_id)  # type: ignore[call-overload]
                )
            ).all()
        )

    async def people(self, ids: Collection[int]) -> list[tuple[PersonRow, SettingsRow | None]]:
        found = await self.session.exec(
            select(Person, PersonSettings)
            .join(
                PersonSettings,
                col(PersonSettings.person_id) == col(Person.id),
                isouter=True,
            )
            .where(col(Person.id).in_(list(ids)))
        )
        result: list[tuple[PersonRow, SettingsRow | None]] = []
        for person, setting in found.all():
            if person.id is None:
                continue
            result.append(
                (
                    PersonRow(
                        person.id,
                        person.name,
                        person.email,
                        person.organisation_id,
                        person.active,
                        person.is_bot,
                    ),
                    SettingsRow(
                        setting.person_id,
                        setting.suggest_opt_out,
                        setting.hidden_topics,
                        setting.do_not_disturb,
                        setting.away_until,
                    )
                    if setting is not None
                    else None,
                )
            )
        return result

    async def sharing(self, ids: Collection[int], channels: Collection[int]) -> set[int]:
        rows = (
            await self.session.exec(
                select(ChannelMember.person_id).where(  # type: ignore[call-overload]
                    ChannelMember.person_id.in_(list(ids)),  # type: ignore[attr-defined]
                    ChannelMember.channel_id.in_(list(channels)),  # type: ignore[attr-defined]
                )
            )
        ).all()
        return set(rows)

    async def recent_suggestions(self, ids: Collection[int], since: datetime) -> dict[int, int]:
        rows = (
            await self.session.exec(
                select(col(ExpertiseSuggestion.person_id), func.count())
                .where(
                    col(ExpertiseSuggestion.person_id).in_(list(ids)),
                    ExpertiseSuggestion.at >= since,
                )
                .group_by(col(ExpertiseSuggestion.person_id))
            )
        ).all()
        return {pid: int(n) for pid, n in rows}

    async def record_suggestions(self, ids: Sequence[int], at: datetime) -> None:
        for person_id in ids:
            self.session.add(ExpertiseSuggestion(person_id=person_id, at=at))
        await self.session.flush()
