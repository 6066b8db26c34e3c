"""Keeps the expertise index current as chat arrives: an answer in a thread, an accepted
answer (✅ by the asker), a positive reaction or a recommendation adds evidence right away,
with the same weights as the batch build (:mod:`knowledge.index_build`). The storage side of
the evidence model (:mod:`knowledge.evidence`): it reads and writes the index's rows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import ACCEPT_REACTIONS, POSITIVE_REACTIONS
from bot.storage.expertise_models import (
    ExpertiseEvidence,
    ExpertisePerson,
    ExpertiseTerm,
    ExpertiseThreadTerm,
    ExpertiseWeight,
)
from bot.storage.models import Channel, Message, StateEntry, Thread
from knowledge import evidence as ev
from knowledge.analysis import Analyzer
from knowledge.state_keys import AS_OF_KEY


class LiveEvidence:
    def __init__(self, analyzer: Analyzer, half_life_days: float) -> None:
        self.analyzer = analyzer
        self.half_life_days = half_life_days

    async def _reference(self, session: AsyncSession, now: datetime) -> datetime:
        entry = await session.get(StateEntry, AS_OF_KEY)
        if entry is None:
            session.add(StateEntry(key=AS_OF_KEY, value=now.isoformat(), updated_at=now))
            await session.flush()
            return now
        return datetime.fromisoformat(entry.value)

    async def question(self, session: AsyncSession, message: Message) -> None:
        """A new thread: its words help find it as a similar question later."""
        if message.thread_id is None or message.is_bot:
            return
        terms = self.analyzer.text_terms(message.text or "")
        for term in terms:
            if await session.get(ExpertiseThreadTerm, (term, message.thread_id)) is None:
                session.add(ExpertiseThreadTerm(term=term, thread_id=message.thread_id))
            row = await session.get(ExpertiseTerm, term)
            if row is None:
                session.add(ExpertiseTerm(term=term, df=1, focus=1.0))
            else:
                row.df += 1
                session.add(row)
        await session.flush()

    async def answer(self, session: AsyncSession, message: Message) -> None:
        """A reply by someone other than the asker."""
        thread = await session.get(Thread, message.thread_id) if message.thread_id else None
        if thread is None or message.author_id is None or message.is_bot:
            return
        if message.author_id == thread.author_id:
            return
        quality = ev.answer_quality(message.text or "")
        earlier = (
            await session.exec(
                select(Message.id).where(
                    Message.thread_id == thread.id,
                    Message.author_id == message.author_id,
                    Message.id != message.id,
                    Message.is_root == False,  # noqa: E712
                )
            )
        ).first()
        base = ev.FOLLOW_UP if earlier is not None else ev.ANSWER
        gained = base * quality + (ev.FILE_SHARED if message.has_files else 0.0)
        own = self.analyzer.text_terms(message.text or "")
        await self._credit(
            session,
            thread,
            message.author_id,
            gained,
            message.created_at,
            own=own,
            answered=earlier is None and quality >= 0.5,
        )

    async def recommended(
        self, session: AsyncSession, thread_id: int, person_id: int, at: datetime
    ) -> None:
        thread = await session.get(Thread, thread_id)
        if thread is None or person_id == thread.author_id:
            return
        await self._credit(session, thread, person_id, ev.RECOMMENDED, at)

    async def accepted_by_mail_flow(self, session: AsyncSession, message: Message) -> None:
        """An answer accepted for an e-mailed question (``!antwoord`` or ✅ by the forwarder
        or a moderator): it counts as an accepted answer, as the asker's ✅ in chat does."""
        thread = await session.get(Thread, message.thread_id) if message.thread_id else None
        if thread is None or message.author_id is None or message.is_root or message.is_bot:
            return
        await self._credit(
            session, thread, message.author_id, ev.ACCEPTED, message.created_at, accepted=True
        )

    async def reaction(
        self, session: AsyncSession, message: Message, reactor_id: int, key: str, at: datetime
    ) -> None:
        """✅ by the asker on an answer, or a positive reaction by someone else."""
        thread = await session.get(Thread, message.thread_id) if message.thread_id else None
        if thread is None or message.author_id is None or message.is_root:
            return
        if reactor_id == message.author_id:
            return
        if key in ACCEPT_REACTIONS and reactor_id == thread.author_id:
            # (an e-mailed question's acceptance is credited by accepted_by_mail_flow)
            await self._credit(session, thread, message.author_id, ev.ACCEPTED, at, accepted=True)
        elif key in POSITIVE_REACTIONS:
            await self._credit(session, thread, message.author_id, ev.POSITIVE_REACTION, at)

    async def _credit(
        self,
        session: AsyncSession,
        thread: Thread,
        person_id: int,
        gained: float,
        at: datetime,
        *,
        own: set[str] | None = None,
        answered: bool = False,
        accepted: bool = False,
    ) -> None:
        if gained <= 0 or thread.id is None:
            return
        reference = await self._reference(session, at)
        weight = gained * ev.decay(at, reference, self.half_life_days)
        root = (
            await session.exec(
                select(Message.text).where(Message.thread_id == thread.id, Message.is_root == True)  # noqa: E712
            )
        ).first()
        spread: dict[str, float] = {t: ev.OWN_TERM for t in own or ()}
        spread.update({t: ev.ROOT_TERM for t in self.analyzer.text_terms(root or "")})
        channel = await session.get(Channel, thread.channel_id)
        group = channel.group_id if channel is not None else None
        # In one order everywhere: two events crediting the same person lock the same rows
        # in the same order, so one waits for the other instead of a deadlock.
        for term, share in sorted(spread.items()):
            if share >= ev.OWN_TERM and await session.get(ExpertiseTerm, term) is None:
                # a word met first in an answer: known from now on, so it can be asked about
                session.add(ExpertiseTerm(term=term, df=1, focus=1.0))
            row = await session.get(ExpertiseWeight, (term, person_id))
            if row is None:
                row = ExpertiseWeight(term=term, person_id=person_id, group_id=group)
            row.weight += weight * share
            if share >= ev.OWN_TERM:
                row.answers += int(answered)
                row.accepted += int(accepted)
                # an accepted answer is an answer, however short: never "1 vraag, 2 geaccepteerd"
                row.answers = max(row.answers, row.accepted)
            if row.last_at is None or at >= row.last_at:
                row.last_at = at
                row.group_id = group
            session.add(row)
        piece = await session.get(ExpertiseEvidence, (thread.id, person_id))
        if piece is None:
            piece = ExpertiseEvidence(thread_id=thread.id, person_id=person_id)
        piece.weight += weight
        session.add(piece)
        overall = await session.get(ExpertisePerson, person_id)
        if overall is None:
            overall = ExpertisePerson(person_id=person_id)
        overall.weight += weight
        overall.answers += int(answered)
        overall.accepted += int(accepted)
        overall.answers = max(overall.answers, overall.accepted)
        session.add(overall)
        await session.flush()
