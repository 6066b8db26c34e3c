"""Scale benchmark of the expertise index on SQLite: import time and rate, index build time,
database size, peak memory, and who-knows latency (p50/p95), next to the naive floor: a plain
SQLite FTS5 BM25 top-100 query (query words OR-ed, no stemming) over the same message texts.

    python benchmarks/whoknows_scale.py [--export benchmarks/data/export-20k]
        [--people 20000] [--messages 1000000] [--queries 300]

Generates the export first when the folder does not exist (see generate_slack_export.py).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_slack_export import TOPICS, generate  # noqa: E402

from bot.core.config import Config, parse_config  # noqa: E402
from bot.expertise.build_io import build_index  # noqa: E402
from bot.expertise.finder import ExpertIndex  # noqa: E402
from bot.expertise.sentence_encoder import configured_encoder  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from knowledge.thesaurus import load_thesaurus  # noqa: E402
from knowledge.vectors import Encoder  # noqa: E402

FORMS = [
    "wie weet iets van {t}?",
    "heeft iemand ervaring met {t}?",
    "Bij wie kan ik terecht met vragen over {t}?",
    "who knows about {t}?",
    "wie heeft verstand van {t} bij een {w} en {v}?",
]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries(count: int, rng: random.Random) -> list[str]:
    topics = sorted({t for ts in TOPICS.values() for t in ts})
    filler = ["inwoner", "aanvraag", "termijn", "formulier", "collega", "gemeente", "besluit"]
    result = []
    for n in range(count):
        topic = rng.choice(topics)
        if n % 4 == 3:
            topic = typo(topic, rng)
        form = FORMS[n % len(FORMS)]
        result.append(form.format(t=topic, w=rng.choice(filler), v=rng.choice(filler)))
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def whoknows_latency(
    database: Database, texts: list[str], encoder: Encoder | None
) -> list[float]:
    index = ExpertIndex(load_thesaurus(), encoder=encoder)
    timings = []
    async with database.session() as session:
        await index.rank(session, texts[0])  # load the vocabulary once, as a running bot has
    for text in texts:
        async with database.session() as session:
            started = time.perf_counter()
            await index.rank(session, text, limit=3)
            timings.append((time.perf_counter() - started) * 1000)
    await database.dispose()
    return timings


def fts_floor(db_path: Path, texts: list[str]) -> tuple[float, list[float]]:
    conn = sqlite3.connect(db_path)
    started = time.perf_counter()
    conn.execute("DROP TABLE IF EXISTS message_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE message_fts USING fts5(text, content='message', content_rowid='id')"
    )
    conn.execute("INSERT INTO message_fts(message_fts) VALUES('rebuild')")
    conn.commit()
    build = time.perf_counter() - started
    timings = []
    for text in texts:
        words = re.findall(r"\w+", text.lower())
        match = " OR ".join(f'"{w}"' for w in words)
        started = time.perf_counter()
        conn.execute(
            "SELECT rowid, bm25(message_fts) AS s FROM message_fts WHERE message_fts MATCH ? "
            "ORDER BY s LIMIT 100",
            (match,),
        ).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    conn.execute("DROP TABLE message_fts")
    conn.commit()
    conn.close()
    return build, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=ROOT / "benchmarks/data/export-20k")
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks/data/scale.db")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of a previous run (latency only)"
    )
    parser.add_argument("--no-floor", action="store_true", help="skip the FTS5 floor")
    parser.add_argument(
        "--no-meaning",
        action="store_true",
        help="words alone: no sentence encoder (knowledge/meaning.py)",
    )
    args = parser.parse_args()
    config = parse_config(
        {"database": {"url": f"sqlite:///{args.db}"}, "whoknows": {"meaning": not args.no_meaning}},
        "(benchmark)",
    )
    if not (args.reuse and args.db.exists()):
        prepare(args, config)
    texts = queries(args.queries, random.Random(7))
    encoder = configured_encoder(config)
    timings = asyncio.run(whoknows_latency(Database(config.database.url), texts, encoder))
    print(
        f"who-knows ({len(texts)} queries): p50 {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    if args.no_floor:
        return
    build, floor = fts_floor(args.db, texts)
    print(
        f"naive FTS5 BM25 top-100 floor (index built in {build:.0f} s): "
        f"p50 {statistics.median(floor):.1f} ms, p95 {percentile(floor, 0.95):.1f} ms"
    )


def prepare(args: argparse.Namespace, config: Config) -> None:
    if not args.export.exists():
        started = time.perf_counter()
        figures = generate(args.export, args.people, args.messages)
        print(
            f"generated {figures['messages']:,} messages in {time.perf_counter() - started:.0f} s"
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    database = Database(config.database.url)
    database.upgrade()
    report = import_slack_export(database, config, args.export)
    print(
        f"import: {report.messages_seen:,} messages, {report.people:,} people in "
        f"{report.seconds:.1f} s = {report.rate:,.0f} messages/s"
    )
    index = build_index(
        database, config.whoknows.half_life_days, encoder=configured_encoder(config)
    )
    print(
        f"index: {index.rows:,} person × term weights, {index.terms:,} terms in "
        f"{index.seconds:.1f} s; import + index = "
        f"{report.messages_seen / (report.seconds + index.seconds):,.0f} messages/s"
    )
    with database.sync_engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.sync_engine.dispose()
    size = sum(
        Path(f"{args.db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{args.db}{s}").exists()
    )
    print(f"database: {size / 1e6:,.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (import + index): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
