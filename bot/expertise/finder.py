"""The expertise index on the database: :class:`knowledge.finder.ExpertRanker` over the rows
:class:`bot.expertise.store.ExpertiseStore` reads in the caller's session.

Implements :class:`bot.core.ports.ExpertFinder`.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import Clock, SystemClock
from bot.core.ports import Suggestion
from bot.expertise.live import LiveEvidence
from bot.expertise.store import ExpertiseStore
from knowledge.finder import ExpertRanker, Ranking
from knowledge.language import Language
from knowledge.lexicon import Lexicon
from knowledge.query import AnalyzedQuery
from knowledge.thesaurus import Thesaurus
from knowledge.vectors import Encoder, SentenceMeaning


class ExpertIndex:
    """Who knows about a text, from the precomputed index."""

    def __init__(
        self,
        thesaurus: Thesaurus,
        clock: Clock | None = None,
        half_life_days: float = 60.0,
        language: Language = "nl",
        lexicon: Lexicon | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        """``language``: the deployment's, for a question too short to tell ("seed");
        ``lexicon``: the word lists of the languages asked in (no typo is a word);
        ``encoder``: past questions close in meaning count too (knowledge.meaning)."""
        self.ranker = ExpertRanker(
            thesaurus,
            half_life_days=half_life_days,
            language=language,
            lexicon=lexicon,
            meaning=SentenceMeaning(encoder) if encoder is not None else None,
        )
        self.encoder = encoder
        self.clock = clock or SystemClock()

    @property
    def thesaurus(self) -> Thesaurus:
        return self.ranker.thesaurus

    def invalidate(self) -> None:
        self.ranker.invalidate()

    def load_word_lists(self) -> None:
        """Reads the word lists now (blocking: call it in a thread), not on a first question."""
        if self.ranker.lexicon is not None:
            self.ranker.lexicon.load()

    async def meaning_in_use(self, session: AsyncSession) -> bool:
        """Whether questions will be encoded: meaning is on and the index holds vectors."""
        return self.encoder is not None and await ExpertiseStore(session).has_question_vectors()

    def load_encoder(self) -> None:
        """Reads the sentence encoder's model now (1–2 s, blocking: call it in a thread)."""
        if self.encoder is not None:
            self.encoder.encode(["vraagbaak"])

    async def live(self, session: AsyncSession) -> LiveEvidence:
        """The updater that adds evidence from chat as it arrives."""
        analyzer = await self.ranker.text_analyzer(ExpertiseStore(session))
        return LiveEvidence(analyzer, self.ranker.half_life_days)

    async def label(self, session: AsyncSession, term: str) -> str:
        return await self.ranker.label(ExpertiseStore(session), term)

    async def readable_label(self, session: AsyncSession, term: str) -> str | None:
        return await self.ranker.readable_label(ExpertiseStore(session), term)

    async def did_you_mean(self, session: AsyncSession, text: str) -> str | None:
        return await self.ranker.did_you_mean(ExpertiseStore(session), text)

    async def analyze(self, session: AsyncSession, text: str) -> AnalyzedQuery:
        return await self.ranker.analyze(ExpertiseStore(session), text)

    async def suggest(
        self,
        session: AsyncSession,
        text: str,
        *,
        asker_id: int | None = None,
        group_id: str | None = None,
        exclude: Collection[int] = (),
        limit: int = 3,
    ) -> list[Suggestion]:
        ranking = await self.rank(
            session, text, asker_id=asker_id, exclude=exclude, limit=limit, group_id=group_id
        )
        return [Suggestion(c.person_id, c.score, c.why) for c in ranking.candidates]

    async def rank(
        self,
        session: AsyncSession,
        text: str,
        *,
        asker_id: int | None = None,
        exclude: Collection[int] = (),
        limit: int = 3,
        lang: str = "nl",
        group_id: str | None = None,
        record: bool = False,
        asked: str | None = None,
    ) -> Ranking:
        """``asked``: the whole question as it was asked, when ``text`` is the topic taken
        out of it (meaning compares whole questions)."""
        return await self.ranker.rank(
            ExpertiseStore(session),
            text,
            asker_id=asker_id,
            exclude=exclude,
            limit=limit,
            lang=lang,
            group_id=group_id,
            record=record,
            now=self.clock.now(),
            asked=asked,
        )
