"""``compute_stats`` (aggregating in the database) equals the plain-Python reference
(tests/stats/reference.py, the implementation before) on random histories that touch every
rule: bots and messages to the bot, the asker's own replies, replies by bot accounts, ✅ by
the asker and by others, on the question and on replies, other check marks, people without an
e-mail address or organisation, several channels per group, an ignored group, times with
microseconds across both DST changes and holidays, periods and a single group."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from bot.adoption.figures.compute import StatsQuery, compute_stats
from bot.core.config import Config, parse_config
from bot.storage.database import Database
from bot.storage.models import (
    Channel,
    Group,
    Message,
    Organisation,
    Person,
    Reaction,
    Thread,
    ThreadSource,
)
from tests.stats.reference import reference_stats

START = datetime(2026, 3, 20, 6, tzinfo=UTC)  # a week before summer time
ORGANISATIONS = [("ermelo", "ermelo.nl"), ("harderwijk", "harderwijk.nl"), ("bouw", "bouw.nl")]
GROUPS = ["sociaal-domein", "omgevingswet", "algemeen"]
EMOJI = ["white_check_mark", "✅", "heavy_check_mark", "+1"]


def build_history(database: Database, seed: int) -> None:
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    for n in range(rng.randint(6, 24)):
        organisation: str | None
        organisation, domain = rng.choice(ORGANISATIONS)
        email: str | None = f"p{n}@{domain}"
        if rng.random() < 0.1:
            email, organisation = None, None
        elif rng.random() < 0.1:
            email = f"p{n}@ELSEWHERE.example "  # a domain of no organisation, untidy
            organisation = None
        people.append(
            {
                "id": n + 1,
                "name": f"P{n}",
                "email": email,
                "organisation_id": organisation,
                "is_bot": rng.random() < 0.1,
            }
        )
    channels: list[dict[str, Any]] = [
        {"id": n + 1, "platform": "test", "external_id": f"C{n}", "group_id": group}
        for n, group in enumerate([*GROUPS, rng.choice(GROUPS[:2])])
    ]
    threads: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    reactions: list[dict[str, Any]] = []
    for n in range(rng.randint(5, 60)):
        chosen_channel = rng.choice(channels)
        asker = rng.choice(people)
        created = START + timedelta(microseconds=rng.randrange(40 * 86_400 * 10**6))
        thread_id = n + 1
        threads.append(
            {
                "id": thread_id,
                "channel_id": chosen_channel["id"],
                "root_external_id": f"T{n}",
                "author_id": asker["id"],
                "created_at": created,
                "source": ThreadSource.EMAIL if rng.random() < 0.2 else ThreadSource.CHAT,
                "by_bot": rng.random() < 0.1,
            }
        )
        thread_messages = [(asker["id"], created, True, False)]
        at = created
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            at += timedelta(microseconds=rng.randrange(3 * 86_400 * 10**6))
            replier = asker if rng.random() < 0.2 else rng.choice(people)
            thread_messages.append((replier["id"], at, False, rng.random() < 0.1))
        for author_id, moment, is_root, to_bot in thread_messages:
            message_id = len(messages) + 1
            messages.append(
                {
                    "id": message_id,
                    "channel_id": chosen_channel["id"],
                    "thread_id": thread_id,
                    "external_id": f"M{message_id}",
                    "author_id": author_id,
                    "created_at": moment,
                    "is_root": is_root,
                    "is_bot": to_bot,
                }
            )
            for key in EMOJI:
                if rng.random() < 0.25:
                    by = asker if rng.random() < 0.7 else rng.choice(people)
                    reactions.append(
                        {
                            "message_id": message_id,
                            "person_id": by["id"],
                            "key": key,
                            "created_at": moment,
                        }
                    )
    reactions = list({(r["message_id"], r["person_id"], r["key"]): r for r in reactions}.values())
    with Session(database.sync_engine) as session:
        session.add_all(Organisation(id=o, name=o, domains=[d]) for o, d in ORGANISATIONS)
        session.add_all(Group(id=g, name=g) for g in GROUPS)
        session.flush()
        session.add_all(Person(**row) for row in people)
        session.add_all(Channel(**row) for row in channels)
        session.flush()
        session.add_all(Thread(**row) for row in threads)
        session.flush()
        session.add_all(Message(**row) for row in messages)
        session.flush()
        session.add_all(Reaction(**row) for row in reactions)
        session.commit()


def config_for(url: str) -> Config:
    return parse_config(
        {"database": {"url": url}, "stats": {"ignore_groups": ["algemeen"]}}, "(test)"
    )


QUERIES = [
    StatsQuery(),
    StatsQuery(date(2026, 3, 23), date(2026, 4, 6)),  # across summer time and Easter
    StatsQuery(date(2026, 4, 1), None),
    StatsQuery(None, date(2026, 3, 29)),
    StatsQuery(group="omgevingswet"),
    StatsQuery(date(2026, 3, 28), date(2026, 3, 28), "sociaal-domein"),
    StatsQuery(group="algemeen"),
]


@pytest.mark.parametrize("seed", range(12))
def test_figures_equal_the_reference(database_url: str, seed: int) -> None:
    database = Database(database_url)
    database.upgrade()
    try:
        build_history(database, seed)
        config = config_for(database_url)
        for query in QUERIES:
            expected = reference_stats(database.sync_engine, config, query)
            assert compute_stats(database.sync_engine, config, query) == expected, query
    finally:
        database.sync_engine.dispose()
