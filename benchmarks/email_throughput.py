"""Throughput of the e-mail intake on one core: parse, clean, redact and route every message of
a corpus many times, against the floor of the standard library alone parsing the same mails and
decoding their bodies. Prints both rates (p50/p95 over rounds), the ratio and peak memory.

    python benchmarks/email_throughput.py [CORPUS] [--rounds N]
"""

from __future__ import annotations

import argparse
import email
import statistics
import sys
import time
import tracemalloc
from email import policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.config import load_config
from bot.mail.understand import MailReader


def floor(raw: bytes) -> None:
    message = email.message_from_bytes(raw, policy=policy.default)
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                part.get_content()
            except (LookupError, UnicodeDecodeError):
                part.get_payload(decode=True)


def rates(work, corpus: list[bytes], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    result = []
    for _ in range(rounds):
        started = time.perf_counter()
        for raw in corpus:
            work(raw)
        result.append(len(corpus) / (time.perf_counter() - started))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="../shared/email-corpus")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    corpus_dir = Path(args.corpus)
    mails = [p.read_bytes() for p in sorted((corpus_dir / "emails").glob("*.eml"))]
    if not mails:
        print(f"no mails in {corpus_dir / 'emails'}", file=sys.stderr)
        return 1
    reader = MailReader(load_config(corpus_dir / "vraagbaak.toml", environ={}))
    reader.read(mails[0])  # warm up imports and caches
    # Rounds alternate between the two, so load from other jobs hits both alike.
    floor_rates: list[float] = []
    ours: list[float] = []
    for _ in range(args.rounds):
        floor_rates += rates(floor, mails, 1)
        ours += rates(reader.read, mails, 1)
    ratios = [o / f for o, f in zip(ours, floor_rates, strict=True)]
    # Memory in a separate pass: tracing would slow the timed rounds down.
    tracemalloc.start()
    rates(reader.read, mails, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def show(label: str, values: list[float]) -> float:
        p50 = statistics.median(values)
        p95 = sorted(values)[max(0, int(len(values) * 0.05) - 1)]  # 95 % of rounds were faster
        print(f"{label:<34} p50 {p50:8.1f} msg/s   p95(slowest 5%) {p95:8.1f} msg/s")
        return p50

    print(f"{len(mails)} messages × {args.rounds} rounds, one core")
    base = show("floor (stdlib parse + decode)", floor_rates)
    full = show("vraagbaak (parse+clean+redact+route)", ours)
    print(
        f"ratio of medians {full / base:.3f}; median per-round ratio "
        f"{statistics.median(ratios):.3f} (target ≥ 0.25)"
    )
    print(f"peak traced memory during the vraagbaak rounds: {peak / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
