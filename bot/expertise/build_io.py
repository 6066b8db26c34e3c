"""The index build's reading and writing: the stored history in as plain data
(:class:`knowledge.index_build.History`), the computed tables out as rows, on the synchronous
engine (after an import, or ``vraagbaak whoknows --rebuild``)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlmodel import col

from bot.core.events import ACCEPT_REACTIONS, POSITIVE_REACTIONS
from bot.expertise.question_vectors import write_question_vectors
from bot.importers.slack_mentions import mentioned_accounts
from bot.storage.bulk import insert_rows
from bot.storage.database import Database
from bot.storage.expertise_models import (
    ExpertiseEvidence,
    ExpertisePerson,
    ExpertiseRelated,
    ExpertiseSurface,
    ExpertiseTerm,
    ExpertiseThreadTerm,
    ExpertiseWeight,
)
from bot.storage.models import (
    Account,
    Channel,
    Message,
    Person,
    Question,
    Reaction,
    StateEntry,
    Thread,
)
from knowledge.index_build import (
    History,
    HistoryMessage,
    HistoryReaction,
    IndexReport,
    IndexTables,
    Progress,
    compute_index,
)
from knowledge.language import Language
from knowledge.state_keys import AS_OF_KEY, THREADS_KEY
from knowledge.vectors import Encoder

_CHUNK = 20_000


def build_index(
    database: Database,
    half_life_days: float,
    progress: Progress | None = None,
    language: Language = "nl",
    before: datetime | None = None,
    encoder: Encoder | None = None,
) -> IndexReport:
    """``language``: the deployment's language, for messages too short to tell.
    ``before``: build from the history before this moment only, as the index stood then
    (for evaluating on the questions that came later; see benchmarks/whoknows_later.py).
    ``encoder``: also encode the answered questions not encoded before (knowledge.meaning)."""
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    with database.sync_engine.connect() as conn:
        tables = compute_index(read_history(conn, before), half_life_days, say, language)
    write_index(database, tables)
    if encoder is not None:
        encoded = write_question_vectors(database, encoder)
        say(f"index: {encoded} questions encoded for their meaning")
    report = tables.report
    report.seconds = time.perf_counter() - started
    say(f"index: built in {report.seconds:.1f} s")
    return report


def read_history(conn: Connection, before: datetime | None = None) -> History:
    """Everything but the messages at once; the messages stream, thread by thread.
    ``before``: only the threads begun, the messages written and the reactions and
    acceptances on messages written before it; nothing later reaches the index, its term
    statistics or its translation model."""
    people = {
        pid: (bool(active), bool(is_bot))
        for pid, active, is_bot in conn.execute(select(Person.id, Person.active, Person.is_bot))  # type: ignore[call-overload]
    }
    accounts: dict[str, int] = dict(
        conn.execute(select(Account.external_id, Account.person_id)).tuples().all()  # type: ignore[call-overload]
    )
    channel_group = dict(conn.execute(select(Channel.id, Channel.group_id)).tuples().all())  # type: ignore[call-overload]
    thread_query = select(col(Thread.id), col(Thread.channel_id), col(Thread.author_id))
    reaction_query = select(col(Reaction.message_id), col(Reaction.person_id), col(Reaction.key))
    accepted_query = select(col(Question.accepted_message_id)).where(
        col(Question.accepted_message_id).is_not(None)
    )
    if before is not None:
        thread_query = thread_query.where(col(Thread.created_at) < before)
        # a reaction has no time of its own in every source: it goes with its message
        reaction_query = reaction_query.join(
            Message, col(Message.id) == col(Reaction.message_id)
        ).where(col(Message.created_at) < before, col(Reaction.created_at) < before)
        accepted_query = (
            accepted_query.join(Message, col(Message.id) == col(Question.accepted_message_id))
            .where(col(Message.created_at) < before)
            .where(col(Question.created_at) < before)
        )
    threads = {tid: (cid, author) for tid, cid, author in conn.execute(thread_query)}
    reactions: dict[int, list[HistoryReaction]] = defaultdict(list)
    for mid, pid, key in _rows(conn, reaction_query):
        reactions[mid].append(
            HistoryReaction(pid, key in ACCEPT_REACTIONS, key in POSITIVE_REACTIONS)
        )
    accepted_by_mail = {mid for (mid,) in conn.execute(accepted_query)}
    newest = select(func.max(Message.created_at))
    if before is not None:
        newest = newest.where(col(Message.created_at) < before)
    as_of_value = conn.execute(newest).scalar()
    return History(
        people=people,
        channel_group=channel_group,
        threads=threads,
        reactions=reactions,
        accepted_by_mail=accepted_by_mail,
        as_of=as_of_value or datetime.now(UTC),
        messages=_messages(conn, accounts, set(threads) if before is not None else None, before),
    )


def _messages(
    conn: Connection,
    accounts: dict[str, int],
    threads: set[int] | None = None,
    before: datetime | None = None,
) -> Iterator[HistoryMessage]:
    statement = (
        select(  # type: ignore[call-overload]
            Message.id,
            Message.thread_id,
            Message.author_id,
            Message.created_at,
            Message.is_root,
            Message.is_bot,
            Message.has_files,
            Message.text,
        )
        .where(Message.thread_id.is_not(None))  # type: ignore[union-attr]
        .order_by(Message.thread_id, Message.created_at)
    )
    if before is not None:
        statement = statement.where(col(Message.created_at) < before)
    for mid, tid, author, at, is_root, is_bot, has_files, text in _rows(conn, statement):
        if threads is not None and tid not in threads:
            continue
        uids = mentioned_accounts(text)
        mentioned = tuple(accounts[uid] for uid in uids if uid in accounts) if uids else ()
        yield HistoryMessage(mid, tid, author, at, is_root, is_bot, has_files, text, mentioned)


def write_index(database: Database, tables: IndexTables) -> None:
    """Replaces the index's tables in one transaction."""
    with database.sync_engine.begin() as conn:
        for model in (
            ExpertiseWeight,
            ExpertiseTerm,
            ExpertiseSurface,
            ExpertiseThreadTerm,
            ExpertiseEvidence,
            ExpertiseRelated,
            ExpertisePerson,
        ):
            conn.execute(delete(model))
        for model, columns, rows, dates in (
            (
                ExpertiseWeight,
                ("term", "person_id", "weight", "answers", "accepted", "last_at", "group_id"),
                tables.weights,
                ("last_at",),
            ),
            (ExpertiseTerm, ("term", "df", "focus"), tables.terms, ()),
            (ExpertiseSurface, ("surface", "df"), tables.surfaces, ()),
            (ExpertiseThreadTerm, ("term", "thread_id"), tables.thread_terms, ()),
            (ExpertiseEvidence, ("thread_id", "person_id", "weight"), tables.evidence, ()),
            (ExpertiseRelated, ("term", "related", "weight"), tables.related, ()),
            (ExpertisePerson, ("person_id", "weight", "answers", "accepted"), tables.people, ()),
        ):
            insert_rows(conn, _table(model), columns, rows, ignore_conflicts=False, dates=dates)
        _set_state(conn, AS_OF_KEY, tables.as_of.isoformat())
        _set_state(conn, THREADS_KEY, str(tables.threads))


def _rows(conn: Connection, statement: Any) -> Iterator[Any]:
    result = conn.execution_options(yield_per=_CHUNK).execute(statement)
    yield from result


def _table(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


def _set_state(conn: Connection, key: str, value: str) -> None:
    table = _table(StateEntry)
    conn.execute(delete(StateEntry).where(StateEntry.key == key))  # type: ignore[arg-type]
    conn.execute(table.insert(), [{"key": key, "value": value, "updated_at": datetime.now(UTC)}])
