"""``vraagbaak whoknows "QUERY" --json [--as EMAIL]``, ``vraagbaak whoknows --rebuild`` and
``vraagbaak eval whoknows --qrels FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Coroutine
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.common import add_config_argument, config_from

if TYPE_CHECKING:
    # For start-up time: type-checking only; the command loads them when it runs.
    import sqlite3

    from bot.core.config import Config
    from bot.expertise.finder import ExpertIndex
    from bot.storage.database import Database
    from knowledge.finder import Candidate, Ranking
    from knowledge.lexicon import Lexicon
    from knowledge.meaning import Meaning
    from knowledge.thesaurus import Thesaurus


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("whoknows", help="who knows about a topic (expertise index)")
    parser.add_argument("query", nargs="?", help='the question, e.g. "wie weet iets van Wmo?"')
    parser.add_argument("--json", action="store_true", help="print a JSON array, best first")
    parser.add_argument("--as", dest="as_email", help="answer as this person would be answered")
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument(
        "--lang", choices=("nl", "en"), help="language of 'why' (default: the question's)"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index first")
    parser.add_argument(
        "--meaning",
        action="store_true",
        help="also by meaning, as the bot answers (loading the sentence encoder takes 1-2 s)",
    )
    add_config_argument(parser)
    parser.set_defaults(func=_whoknows)

    evaluate = _eval_parser(subparsers).add_parser(
        "whoknows", help="P@1, MRR, nDCG@5 and Recall@5 against graded ground truth"
    )
    evaluate.add_argument("--qrels", type=Path, required=True, help="qrels.json")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_config_argument(evaluate)
    evaluate.set_defaults(func=_evaluate)


def _eval_parser(subparsers: Any) -> Any:
    """The ``eval`` group's subparsers, shared with other features' evaluations."""
    existing = subparsers.choices.get("eval")
    if existing is None:
        existing = subparsers.add_parser("eval", help="measure a feature against ground truth")
        inner = existing.add_subparsers(dest="eval_target", metavar="TARGET")
        inner.required = True
        return inner
    return next(a for a in existing._actions if isinstance(a, argparse._SubParsersAction))


def _thesaurus(config: Config) -> Thesaurus:
    # For start-up time: loaded only when the command runs.
    from knowledge.thesaurus import load_thesaurus

    return load_thesaurus(config.whoknows.synonyms, config.whoknows.thesaurus_files)


def _lexicon(config: Config, *, one_question: bool) -> Lexicon:
    """The word lists; for one question searched as they are, not first read into the
    bot's index of them (the Dutch list alone takes 0.4 s), with the same answers."""
    # For start-up time: loaded only when the command runs.
    from knowledge.lexicon import configured_lexicon
    from knowledge.word_search import SearchedLexicon

    lexicon = configured_lexicon(config.whoknows.word_lists)
    return SearchedLexicon(lexicon.lists) if one_question else lexicon


def _finder(config: Config, *, one_question: bool, meaning: bool = True) -> ExpertIndex:
    """``meaning``: through the sentence encoder too (a one-shot question asks for it)."""
    # For start-up time: loaded only when the command runs.
    from bot.expertise.finder import ExpertIndex
    from bot.expertise.sentence_encoder import configured_encoder

    return ExpertIndex(
        _thesaurus(config),
        half_life_days=config.whoknows.half_life_days,
        language=config.bot.language,
        lexicon=_lexicon(config, one_question=one_question),
        encoder=configured_encoder(config) if meaning else None,
    )


def _meaning(config: Config) -> Meaning | None:
    # For start-up time: numpy and the encoder only when meaning is asked for.
    from bot.expertise.sentence_encoder import configured_encoder
    from knowledge.vectors import SentenceMeaning

    encoder = configured_encoder(config)
    return SentenceMeaning(encoder) if encoder is not None else None


def _language(args: argparse.Namespace, config: Config) -> str:
    """The language of 'why': asked for, else the question's."""
    # For start-up time: loaded only when the command runs.
    from knowledge.language import detect

    return args.lang or ("en" if detect(args.query, config.bot.language) == "en" else "nl")


async def _person_id(database: Database, email: str) -> int | None:
    # For start-up time: loaded only when the command runs.
    from sqlmodel import select

    from bot.storage.models import Person

    async with database.session() as session:
        row = (await session.exec(select(Person.id).where(Person.email == email.lower()))).first()  # type: ignore[call-overload]
        return int(row) if row is not None else None


def _whoknows(args: argparse.Namespace) -> int:
    config = config_from(args)
    if args.query and not args.rebuild and not args.as_email:
        # For start-up time: a question to a SQLite file that needs no migration is read
        # with sqlite3, without loading SQLAlchemy; anything else goes through Database.
        from bot.storage.schema_version import open_if_current

        connection = open_if_current(config.database.url)
        if connection is not None:
            with closing(connection):
                ranking = _without_loop(_rank_in_file(connection, config, args))
            return _report(args, ranking.candidates, ranking.best_group)
    # For start-up time: loaded only when the command runs.
    from bot.storage.database import Database

    database = Database(config.database.url)
    try:
        database.upgrade_if_needed()
        if args.rebuild:
            # For start-up time: loaded only when the command runs.
            from bot.expertise.build_io import build_index
            from bot.expertise.sentence_encoder import configured_encoder

            build_index(
                database,
                config.whoknows.half_life_days,
                lambda s: print(s, file=sys.stderr),
                config.bot.language,
                encoder=configured_encoder(config),
            )
        if not args.query:
            if not args.rebuild:
                print("give a question, or --rebuild", file=sys.stderr)
                return 1
            return 0
        # For start-up time: loaded only when the command runs.
        import asyncio

        return asyncio.run(_answer(database, config, args))
    finally:
        database.sync_engine.dispose()


def _without_loop(ranked: Coroutine[Any, Any, Ranking]) -> Ranking:
    """The ranking, run to its end without an event loop (and asyncio's import): on a sqlite3
    connection every await returns at once."""
    try:
        ranked.send(None)
    except StopIteration as finished:
        result: Ranking = finished.value
        return result
    ranked.close()
    raise RuntimeError("ranking on a sqlite3 connection waited for something")


async def _rank_in_file(
    connection: sqlite3.Connection, config: Config, args: argparse.Namespace
) -> Ranking:
    """As :func:`_answer` ranks for nobody in particular, on the rows of a SQLite file."""
    # For start-up time: loaded only when the command runs.
    from bot.core.clock import SystemClock
    from bot.expertise.sqlite_rows import SqliteIndexRows
    from knowledge.finder import ExpertRanker

    ranker = ExpertRanker(
        _thesaurus(config),
        half_life_days=config.whoknows.half_life_days,
        language=config.bot.language,
        lexicon=_lexicon(config, one_question=True),
        meaning=_meaning(config) if args.meaning else None,
    )
    lang = _language(args, config)
    return await ranker.rank(
        SqliteIndexRows(connection),
        args.query,
        limit=args.limit,
        lang=lang,
        now=SystemClock().now(),
    )


async def _answer(database: Database, config: Config, args: argparse.Namespace) -> int:
    asker_id = None
    if args.as_email:
        asker_id = await _person_id(database, args.as_email)
        if asker_id is None:
            print(f"{args.as_email}: no such person", file=sys.stderr)
            await database.dispose()
            return 1
    finder = _finder(config, one_question=True, meaning=args.meaning)
    lang = _language(args, config)
    async with database.session() as session:
        if asker_id is None:
            ranking = await finder.rank(
                session, args.query, asker_id=asker_id, limit=args.limit, lang=lang
            )
            candidates = ranking.candidates
        else:
            # Answered as this person reads it: the visibility policy filters the ranking.
            from bot.people import visibility

            audience = await visibility.audience_of(session, [asker_id])
            ranking = await finder.rank(
                session, args.query, asker_id=asker_id, limit=args.limit * 4, lang=lang
            )
            candidates = await visibility.for_audience(
                session,
                audience,
                ranking.candidates,
                ranking.query.primary_terms,
                finder.clock.now(),
                lang,
                args.limit,
            )
            if (
                not candidates
                and ranking.best_group
                and not await visibility.group_visible(session, audience, ranking.best_group)
            ):
                ranking.best_group = None
    await database.dispose()
    return _report(args, candidates, ranking.best_group)


def _report(args: argparse.Namespace, candidates: list[Candidate], best_group: str | None) -> int:
    items = [
        {
            "email": c.email,
            "name": c.name,
            "organisation": c.organisation,
            "score": c.score,
            "why": c.why,
            "available": c.available,
        }
        for c in candidates
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
    elif not items:
        print(f"nobody fits; best group: {best_group or '-'}")
    else:
        for item in items:
            print(f"{item['score']:.3f}  {item['name']} <{item['email']}> ({item['organisation']})")
            print(f"       {item['why']}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    config = config_from(args)
    try:
        qrels = json.loads(args.qrels.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.qrels}: {exc}", file=sys.stderr)
        return 1
    # For start-up time: loaded only when the command runs.
    from bot.storage.database import Database

    database = Database(config.database.url)
    try:
        database.upgrade_if_needed()
        # For start-up time: loaded only when the command runs.
        import asyncio

        summary = asyncio.run(evaluate_qrels(database, config, qrels))
    finally:
        database.sync_engine.dispose()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    metrics = ("P@1", "MRR", "nDCG@5", "R@5")
    header = f"{'form':<12} {'n':>4} " + " ".join(f"{m:>7}" for m in metrics)
    halves: dict[str, Any] = summary.get("halves", {})
    for title, table in (("all queries", summary), *halves.items()):
        print(f"{title}:" if title == "all queries" else f"\n{title} half:")
        print(header)
        for form, values in table.items():
            if form == "halves":
                continue
            print(
                f"{form:<12} {int(values['n']):>4} "
                + " ".join(f"{values[m]:>7.3f}" for m in ("P@1", "MRR", "nDCG@5", "R@5"))
            )
    return 0


async def evaluate_qrels(
    database: Database, config: Config, qrels: list[dict[str, Any]]
) -> dict[str, Any]:
    """The figures overall and per form, and under ``halves`` the same for the ``tune`` and
    the ``held-out`` half of the queries (:func:`knowledge.evaluation.dev_half` of the qid)."""
    # For start-up time: loaded only when the command runs.
    from knowledge.evaluation import QueryScore, score_query, summarise, summarise_halves

    finder = _finder(config, one_question=False)
    scores = []
    for item in qrels:
        asker = await _person_id(database, item["asker_email"]) if item.get("asker_email") else None
        async with database.session() as session:
            ranking = await finder.rank(session, item["query"], asker_id=asker, limit=10)
        ranked = [c.email or "" for c in ranking.candidates]
        scores.append(
            QueryScore(item["qid"], item.get("form", "all"), score_query(ranked, item["relevant"]))
        )
    await database.dispose()
    result: dict[str, Any] = dict(summarise(scores))
    halves = summarise_halves(scores)
    result["halves"] = {half: halves[half] for half in halves if half != "all"}
    return result
