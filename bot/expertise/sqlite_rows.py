"""The finder's queries on a plain ``sqlite3`` connection: :class:`knowledge.index_rows.IndexRows`
for a command line call that only asks (``vraagbaak whoknows``) and should not wait for
SQLAlchemy to load. The same statements as :class:`bot.expertise.store.ExpertiseStore`
compiles for SQLite, with the values converted as its column types convert them, so both
give the same rows in the same order."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from knowledge.index_rows import PersonRow, Posting, SettingsRow

# How SQLAlchemy's DateTime stores a time in SQLite (UTC, without an offset).
_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"


def _marks(values: Collection[object]) -> str:
    return ", ".join("?" * len(values))


def _stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_STORED_TIME)


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _union(parts: Iterable[str]) -> str:
    return " UNION ALL ".join(parts)


class SqliteIndexRows:
    """:class:`knowledge.index_rows.IndexRows` on a ``sqlite3`` connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _all(self, statement: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self.connection.execute(statement, params).fetchall()

    async def state_value(self, key: str) -> str | None:
        found = self._all(
            'SELECT stateentry.value FROM stateentry WHERE stateentry."key" = ?', [key]
        )
        return str(found[0][0]) if found and found[0][0] else None

    async def surfaces(self) -> dict[str, int]:
        return dict(
            self._all(
                "SELECT expertise_surface.surface, expertise_surface.df FROM expertise_surface"
            )
        )

    async def external_organisations(self) -> set[str]:
        return {
            row[0]
            for row in self._all(
                "SELECT organisation.id FROM organisation WHERE organisation.external IS 1"
            )
        }

    async def postings(self, wanted: Sequence[tuple[str, int]]) -> list[tuple[str, Posting]]:
        if not wanted:
            return []
        statement = _union(
            f"SELECT * FROM (SELECT term, person_id, weight, answers, accepted, last_at, "
            f"group_id FROM expertise_weight WHERE term = :t{n} "
            f"ORDER BY weight DESC LIMIT {int(depth)}) AS p{n}"
            for n, (_term, depth) in enumerate(wanted)
        )
        params = {f"t{n}": term for n, (term, _depth) in enumerate(wanted)}
        return [
            (term, Posting(person_id, weight, answers, accepted, last_at, group))
            for term, person_id, weight, answers, accepted, last_at, group in self._all(
                statement, params
            )
        ]

    async def thread_terms(self, terms: Sequence[str], depth: int) -> list[tuple[str, int]]:
        statement = _union(
            f"SELECT * FROM (SELECT term, thread_id FROM expertise_thread_term "
            f"WHERE term = :t{n} ORDER BY thread_id DESC LIMIT {int(depth)}) AS s{n}"
            for n in range(len(terms))
        )
        params = {f"t{n}": term for n, term in enumerate(terms)}
        return [(term, thread_id) for term, thread_id in self._all(statement, params)]

    async def thread_evidence(
        self, thread_ids: Collection[int]
    ) -> list[tuple[int, int, float, str | None]]:
        ids = list(thread_ids)
        if not ids:
            return []
        rows = self._all(
            "SELECT expertise_evidence.thread_id, expertise_evidence.person_id, "
            "expertise_evidence.weight, channel.group_id FROM expertise_evidence "
            "JOIN thread ON thread.id = expertise_evidence.thread_id "
            "JOIN channel ON channel.id = thread.channel_id "
            f"WHERE expertise_evidence.thread_id IN ({_marks(ids)})",
            ids,
        )
        return [(tid, pid, weight, group) for tid, pid, weight, group in rows]

    async def question_vectors(self) -> list[tuple[int, str | None, bytes]]:
        rows = self._all(
            "SELECT expertise_question_vector.thread_id, channel.group_id, "
            "expertise_question_vector.vector FROM expertise_question_vector "
            "JOIN thread ON thread.id = expertise_question_vector.thread_id "
            "JOIN channel ON channel.id = thread.channel_id "
            "ORDER BY expertise_question_vector.thread_id"
        )
        return [(tid, group, bytes(vector)) for tid, group, vector in rows]

    async def strongest_terms(
        self, person_ids: Sequence[int], depth: int
    ) -> list[tuple[int, str, float]]:
        statement = _union(
            f"SELECT * FROM (SELECT person_id, term, weight FROM expertise_weight "
            f"WHERE person_id = :p{n} ORDER BY weight DESC LIMIT {int(depth)}) AS f{n}"
            for n in range(len(person_ids))
        )
        rows = self._all(statement, {f"p{n}": pid for n, pid in enumerate(person_ids)})
        return [(int(pid), str(term), float(weight)) for pid, term, weight in rows]

    async def weights(
        self, terms: Collection[str], person_ids: Collection[int]
    ) -> list[tuple[str, int, float]]:
        wanted, ids = list(terms), list(person_ids)
        if not wanted or not ids:
            return []
        rows = self._all(
            "SELECT expertise_weight.term, expertise_weight.person_id, expertise_weight.weight "
            f"FROM expertise_weight WHERE expertise_weight.term IN ({_marks(wanted)}) "
            f"AND expertise_weight.person_id IN ({_marks(ids)})",
            [*wanted, *ids],
        )
        return [(term, int(pid), float(weight)) for term, pid, weight in rows]

    async def overall_weights(self, person_ids: Collection[int]) -> dict[int, float]:
        ids = list(person_ids)
        if not ids:
            return {}
        rows = self._all(
            "SELECT expertise_person.person_id, expertise_person.weight FROM expertise_person "
            f"WHERE expertise_person.person_id IN ({_marks(ids)})",
            ids,
        )
        return {int(pid): float(weight) for pid, weight in rows}

    async def related(self, terms: Collection[str]) -> list[tuple[str, str, float]]:
        wanted = list(terms)
        if not wanted:
            return []
        rows = self._all(
            "SELECT expertise_related.term, expertise_related.related, expertise_related.weight "
            f"FROM expertise_related WHERE expertise_related.term IN ({_marks(wanted)})",
            wanted,
        )
        return [(term, related, float(weight)) for term, related, weight in rows]

    async def term_stats(self, terms: Collection[str]) -> list[tuple[str, int, float]]:
        wanted = list(terms)
        if not wanted:
            return []
        rows = self._all(
            "SELECT expertise_term.term, expertise_term.df, expertise_term.focus "
            f"FROM expertise_term WHERE expertise_term.term IN ({_marks(wanted)})",
            wanted,
        )
        return [(term, df, focus) for term, df, focus in rows]

    async def skills(self) -> list[tuple[int, str]]:
        rows = self._all("SELECT skill.person_id, skill.topic FROM skill")
        return [(person_id, topic) for person_id, topic in rows]

    async def organisation_of(self, person_id: int) -> str | None:
        found = self._all(
            "SELECT person.organisation_id FROM person WHERE person.id = ?", [person_id]
        )
        return found[0][0] if found else None

    async def channels_of(self, person_id: int) -> set[int]:
        rows = self._all(
            "SELECT channelmember.channel_id FROM channelmember WHERE channelmember.person_id = ?",
            [person_id],
        )
        return {row[0] for row in rows}

    async def people(self, ids: Collection[int]) -> list[tuple[PersonRow, SettingsRow | None]]:
        wanted = list(ids)
        if not wanted:
            return []
        rows = self._all(
            "SELECT person.id, person.name, person.email, person.organisation_id, person.active, "
            "person.is_bot, personsettings.person_id, personsettings.suggest_opt_out, "
            "personsettings.hidden_topics, personsettings.do_not_disturb, "
            "personsettings.away_until FROM person LEFT OUTER JOIN personsettings "
            f"ON personsettings.person_id = person.id WHERE person.id IN ({_marks(wanted)})",
            wanted,
        )
        result: list[tuple[PersonRow, SettingsRow | None]] = []
        for pid, name, email, org, active, is_bot, sid, opt_out, hidden, dnd, away in rows:
            result.append(
                (
                    PersonRow(pid, name, email, org, bool(active), bool(is_bot)),
                    SettingsRow(sid, bool(opt_out), json.loads(hidden), bool(dnd), _moment(away))
                    if sid is not None
                    else None,
                )
            )
        return result

    async def sharing(self, ids: Collection[int], channels: Collection[int]) -> set[int]:
        people, rooms = list(ids), list(channels)
        if not people or not rooms:
            return set()
        rows = self._all(
            "SELECT channelmember.person_id FROM channelmember "
            f"WHERE channelmember.person_id IN ({_marks(people)}) "
            f"AND channelmember.channel_id IN ({_marks(rooms)})",
            [*people, *rooms],
        )
        return {row[0] for row in rows}

    async def recent_suggestions(self, ids: Collection[int], since: datetime) -> dict[int, int]:
        wanted = list(ids)
        if not wanted:
            return {}
        rows = self._all(
            "SELECT expertise_suggestion.person_id, count(*) AS count_1 "
            f"FROM expertise_suggestion WHERE expertise_suggestion.person_id IN ({_marks(wanted)}) "
            "AND expertise_suggestion.at >= ? GROUP BY expertise_suggestion.person_id",
            [*wanted, _stored(since)],
        )
        return {pid: int(n) for pid, n in rows}

    async def record_suggestions(self, ids: Sequence[int], at: datetime) -> None:
        self.connection.executemany(
            "INSERT INTO expertise_suggestion (person_id, at) VALUES (?, ?)",
            [(person_id, _stored(at)) for person_id in ids],
        )
