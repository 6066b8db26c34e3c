"""Who-knows on the questions that came later, the StackExchange way, on any chat export.

    python benchmarks/whoknows_later.py --export ../shared/whoknows-dev/export.zip \
        --config ../shared/whoknows-dev/vraagbaak.toml [--weeks 8 | --cutoff 2026-05-10] [--json]

The history is cut in time: the index (evidence, term statistics, known words, the learned
translations) is built only from what was written before the cut-off (``build_index(...,
before=cutoff)``). Every later thread whose question was answered is then one query: the
question as its asker wrote it (the thread's first message), asked as that person, in its
channel's group (nudges for unanswered questions ask the same way), at the moment it was asked.
The truth is who actually answered it, read from the stored messages without the index's code:

- grade 3: an answer the asker accepted (✅ or another accepting reaction by the asker);
- grade 2: a substantive reply by someone other than the asker (at least six words once chat
  markup is removed, and not interest, thanks or "no idea");
- grade 1: someone mentioned in the thread by another person (recommended), who did not answer.

Deactivated people and bots are left out of the truth (nobody can suggest them), and a thread
without a grade-2 person is no query. Next to Vraagbaak, the popularity baselines: the most
active answerers before the cut-off (substantive replies in other people's threads, by the
same rule), overall and in the question's channel. The figures are P@1 (grade ≥ 2), MRR
(grade ≥ 1), nDCG@5, R@5 (``knowledge.evaluation``), for all queries and for the ``tune`` and
``held-out`` half (a hash of channel and time of the question): tune on the first only.

Without ``--db`` the export is imported into a temporary SQLite database first (seconds for
the development export). ``--db sqlite:///x.db`` reuses a database that holds the import; the
index in it is rebuilt from before the cut-off (rebuild it afterwards for normal use).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlmodel import col  # noqa: E402

from bot.core.clock import ManualClock  # noqa: E402
from bot.core.config import load_config  # noqa: E402
from bot.core.events import ACCEPT_REACTIONS  # noqa: E402
from bot.expertise.build_io import build_index  # noqa: E402
from bot.expertise.finder import ExpertIndex  # noqa: E402
from bot.expertise.sentence_encoder import configured_encoder  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import Channel, Message, Person, Reaction, Thread  # noqa: E402
from knowledge.evaluation import METRICS, QueryScore, dev_half, score_query, summarise  # noqa: E402
from knowledge.thesaurus import load_thesaurus  # noqa: E402

MIN_WORDS = 6
MISSES: list[int] = []  # --misses N: print that many missed tune-half questions
MARKUP = re.compile(r"<[^>]*>|:[a-z0-9_+\-]+:|https?://\S+")
MENTION = re.compile(r"<@([A-Za-z0-9._-]+)>")
# Replies that are no answer, in any wording of these kinds: interest, thanks, not knowing.
NO_ANSWER = re.compile(
    r"\b(volg ik|ben (ook )?benieuwd|zou ik ook graag|geen idee|weet ik (niet|niks|niets)|"
    r"geen flauw idee|no idea|following|same question|don't know|dont know|"
    r"keine ahnung)\b|^(top|super|thanks|thank you|dank|bedankt|helder|oké|ok|mooi)\b",
    re.IGNORECASE,
)


def substantive(text: str | None) -> bool:
    plain = MARKUP.sub(" ", text or "").strip()
    return len(plain.split()) >= MIN_WORDS and not NO_ANSWER.search(plain)


@dataclass
class LaterQuestion:
    qid: str
    text: str
    asker: int
    channel: str
    group: str | None
    at: datetime
    relevant: dict[int, int] = field(default_factory=dict)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_threads(
    database: Database, cutoff: datetime
) -> tuple[list[LaterQuestion], Counter[int], Counter[tuple[str, int]], dict[int, str]]:
    """The later questions with their truth, and the substantive answers per person before
    the cut-off (overall and per channel), from the stored messages."""
    with database.sync_engine.connect() as conn:
        people = {
            pid: (bool(active) and not bool(is_bot), email or "")
            for pid, active, is_bot, email in conn.execute(
                select(col(Person.id), col(Person.active), col(Person.is_bot), col(Person.email))
            )
        }
        channels = {
            cid: (name, group)
            for cid, name, group in conn.execute(
                select(col(Channel.id), col(Channel.name), col(Channel.group_id))
            )
        }
        threads = {
            tid: (cid, author, _aware(at), bool(by_bot))
            for tid, cid, author, at, by_bot in conn.execute(
                select(
                    col(Thread.id),
                    col(Thread.channel_id),
                    col(Thread.author_id),
                    col(Thread.created_at),
                    col(Thread.by_bot),
                )
            )
        }
        accepted: dict[int, set[int]] = defaultdict(set)
        for mid, pid in conn.execute(
            select(col(Reaction.message_id), col(Reaction.person_id)).where(
                col(Reaction.key).in_(sorted(ACCEPT_REACTIONS))
            )
        ):
            accepted[mid].add(pid)
        from bot.storage.models import Account

        accounts = {
            external: pid
            for external, pid in conn.execute(
                select(col(Account.external_id), col(Account.person_id))
            )
        }
        messages: dict[int, list[tuple[int, int | None, datetime, bool, bool, str | None]]]
        messages = defaultdict(list)
        for mid, tid, author, at, is_root, is_bot, text in conn.execute(
            select(
                col(Message.id),
                col(Message.thread_id),
                col(Message.author_id),
                col(Message.created_at),
                col(Message.is_root),
                col(Message.is_bot),
                col(Message.text),
            ).where(col(Message.thread_id).is_not(None))
        ):
            messages[tid].append((mid, author, _aware(at), bool(is_root), bool(is_bot), text))
    overall: Counter[int] = Counter()
    in_channel: Counter[tuple[str, int]] = Counter()
    later: list[LaterQuestion] = []
    for tid, items in messages.items():
        if tid not in threads:
            continue
        cid, asker, started, by_bot = threads[tid]
        root = next((m for m in items if m[3]), None)
        if by_bot or asker is None or root is None or root[4] or not root[5]:
            continue
        channel, group = channels.get(cid, ("", None))
        if started < cutoff:
            for _mid, author, at, is_root, is_bot, text in items:
                if is_root or is_bot or author in (None, asker) or at >= cutoff:
                    continue
                if substantive(text):
                    overall[author] += 1  # type: ignore[index]
                    in_channel[(channel, author)] += 1  # type: ignore[index]
            continue
        question = LaterQuestion(
            f"{channel}:{started.isoformat()}", root[5], asker, channel, group, started
        )
        for mid, author, _at, is_root, is_bot, text in items:
            if is_root or is_bot or author is None or author == asker:
                continue
            for external in MENTION.findall(text or ""):
                mentioned = accounts.get(external)
                if mentioned is not None and mentioned not in (asker, author):
                    question.relevant.setdefault(mentioned, 1)
            if substantive(text):
                grade = 3 if asker in accepted.get(mid, ()) else 2
                question.relevant[author] = max(question.relevant.get(author, 0), grade)
        question.relevant = {
            pid: grade for pid, grade in question.relevant.items() if people.get(pid, (False,))[0]
        }
        if any(grade >= 2 for grade in question.relevant.values()):
            later.append(question)
    later.sort(key=lambda q: q.at)
    emails = {pid: email for pid, (_ok, email) in people.items()}
    active = {pid for pid, (ok, _e) in people.items() if ok}
    return later, Counter({p: n for p, n in overall.items() if p in active}), in_channel, emails


def popular(
    question: LaterQuestion,
    overall: Counter[int],
    in_channel: Counter[tuple[str, int]] | None,
    limit: int = 10,
) -> list[int]:
    def key(pid: int) -> tuple[int, int, int]:
        local = in_channel[(question.channel, pid)] if in_channel is not None else 0
        return (-local, -overall[pid], pid)

    pool = [pid for pid in overall if pid != question.asker]
    return sorted(pool, key=key)[:limit]


async def evaluate(
    database: Database,
    config: Any,
    questions: list[LaterQuestion],
    overall: Counter[int],
    in_channel: Counter[tuple[str, int]],
    emails: dict[int, str],
) -> dict[str, list[QueryScore]]:
    clock = ManualClock(datetime.now(UTC))
    finder = ExpertIndex(
        load_thesaurus(config.whoknows.synonyms, config.whoknows.thesaurus_files),
        clock=clock,
        half_life_days=config.whoknows.half_life_days,
        language=config.bot.language,
        encoder=configured_encoder(config),
    )
    systems: dict[str, list[QueryScore]] = defaultdict(list)
    for question in questions:
        relevant = {emails[pid] or str(pid): grade for pid, grade in question.relevant.items()}
        clock.set(question.at)

        def named(pids: list[int]) -> list[str]:
            return [emails.get(pid) or str(pid) for pid in pids]

        for system, group in (("vraagbaak", question.group), ("vraagbaak, no channel", None)):
            async with database.session() as session:
                ranking = await finder.rank(
                    session, question.text, asker_id=question.asker, limit=10, group_id=group
                )
            ranked = named([c.person_id for c in ranking.candidates])
            scored = score_query(ranked, relevant)
            systems[system].append(QueryScore(question.qid, "all", scored))
            if (
                MISSES
                and system == "vraagbaak"
                and dev_half(question.qid) == "tune"
                and scored["P@1"] == 0.0
            ):
                MISSES.pop()
                top = [e.split("@")[0] for e in ranked[:3]]
                truth = {e.split("@")[0]: g for e, g in relevant.items()}
                print(f"MISS {question.channel}: {question.text[:160]!r}")
                print(f"  got {top} want {truth}")
        for system, local in (("popular overall", None), ("popular in channel", in_channel)):
            ranked = named(popular(question, overall, local))
            systems[system].append(QueryScore(question.qid, "all", score_query(ranked, relevant)))
    await database.dispose()
    return systems


def report(systems: dict[str, list[QueryScore]]) -> dict[str, dict[str, dict[str, float]]]:
    result: dict[str, dict[str, dict[str, float]]] = {}
    for half in ("all", "tune", "held-out"):
        result[half] = {}
        for system, scores in systems.items():
            chosen = [s for s in scores if half == "all" or dev_half(s.qid) == half]
            if chosen:
                result[half][system] = summarise(chosen)["overall"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", type=Path, help="a Slack export (zip or folder)")
    parser.add_argument("--config", type=Path, required=True, help="vraagbaak.toml")
    parser.add_argument("--db", help="a database URL that holds the import (default: import)")
    parser.add_argument("--weeks", type=float, default=8.0, help="later = the last N weeks")
    parser.add_argument("--cutoff", help="later = from this date (YYYY-MM-DD, UTC) on")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", type=int, default=0, help="print missed tune questions")
    args = parser.parse_args()
    MISSES.extend([0] * args.misses)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/later.db"
        config = load_config(args.config, environ={"VRAAGBAAK_DATABASE__URL": url})
        database = Database(config.database.url)
        database.upgrade_if_needed()
        if args.db is None:
            if args.export is None:
                parser.error("--export or --db is needed")
            import_slack_export(database, config, args.export)
        with database.sync_engine.connect() as conn:
            newest = conn.execute(select(func.max(Message.created_at))).scalar()
        if newest is None:
            parser.error("the database holds no messages")
        if args.cutoff:
            cutoff = datetime.fromisoformat(args.cutoff).replace(tzinfo=UTC)
        else:
            cutoff = _aware(newest) - timedelta(weeks=args.weeks)
        started = time.perf_counter()
        build_index(
            database,
            config.whoknows.half_life_days,
            language=config.bot.language,
            before=cutoff,
            encoder=configured_encoder(config),
        )
        questions, overall, in_channel, emails = read_threads(database, cutoff)
        systems = asyncio.run(evaluate(database, config, questions, overall, in_channel, emails))
        database.sync_engine.dispose()
    figures = report(systems)
    if args.json:
        print(
            json.dumps(
                {"cutoff": cutoff.isoformat(), "queries": len(questions), "figures": figures},
                indent=2,
            )
        )
        return 0
    print(
        f"cut-off {cutoff:%Y-%m-%d %H:%M} UTC: {len(questions)} later questions "
        f"({time.perf_counter() - started:.1f} s)"
    )
    for half, table in figures.items():
        print(f"\n{half}:")
        print(f"{'system':<24} {'n':>4} " + " ".join(f"{m:>7}" for m in METRICS))
        for system, values in table.items():
            print(
                f"{system:<24} {int(values['n']):>4} "
                + " ".join(f"{values[m]:>7.3f}" for m in METRICS)
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
