"""What answering for the audience costs (issue 13): median and p95 latency of `!wieweet`
through the dispatcher, on the who-knows test export (SQLite), for three audiences:

- a colleague in a direct message (colleagues only: the ranking as it is),
- a colleague in a channel a partner reads (restricted: ranked deeper, filtered, reasons
  rebuilt from shared evidence),
- the partner in a direct message.

    python benchmarks/visibility_bench.py [--rounds 200]

Small data on purpose: it isolates the policy's own cost (a few queries per answer); the
ranking's scale is measured by whoknows_scale.py.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.clock import ManualClock  # noqa: E402
from bot.core.events import AccountRef, ConversationRef, MessageEvent  # noqa: E402
from bot.expertise.build_io import build_index  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.startup.app import build_bot  # noqa: E402
from tests.conftest import make_config  # noqa: E402
from tests.support.recording_adapter import RecordingAdapter  # noqa: E402
from tests.support.whoknows_export import END, write_export  # noqa: E402

ANOUK = AccountRef("slack", "U01", "Anouk Jansen", "anouk@ermelo.nl")
GERRIT = AccountRef("slack", "U07", "Gerrit Aannemer", "gerrit@vandijkbouw.nl")
BOUW = ConversationRef("slack", "C5", "#bouw")
TOPICS = ["leerlingenvervoer", "bouwverkeer", "Wmo huishoudelijke hulp", "aanbesteding"]


def dm(account: AccountRef) -> ConversationRef:
    return ConversationRef("slack", f"D{account.external_id}", "", is_direct=True)


async def measure(rounds: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="vraagbaak-visibility-"))
    bot = build_bot(make_config(f"sqlite:///{folder / 'bench.db'}"), clock=ManualClock(END))
    await bot.prepare()
    import_slack_export(bot.services.db, bot.services.config, write_export(folder))
    build_index(bot.services.db, bot.services.config.whoknows.half_life_days)
    adapter = RecordingAdapter(platform="slack")
    bot.services.adapters.add(adapter)
    cases = {
        "colleague, direct message": (ANOUK, dm(ANOUK)),
        "colleague, channel a partner reads": (ANOUK, BOUW),
        "partner, direct message": (GERRIT, dm(GERRIT)),
    }
    timings: dict[str, list[float]] = {name: [] for name in cases}
    counter = 0
    try:
        for n in range(rounds + 10):
            for name, (who, where) in cases.items():
                counter += 1
                topic = TOPICS[n % len(TOPICS)]
                event = MessageEvent(where, f"b{counter}", who, f"!wieweet {topic}", timestamp=END)
                event = replace(event, delivery_id=f"bench-{counter}")
                start = time.perf_counter()
                await bot.dispatcher.dispatch(adapter, event)
                if n >= 10:  # the first rounds warm the caches, as in a running bot
                    timings[name].append((time.perf_counter() - start) * 1000)
    finally:
        await bot.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    timings = asyncio.run(measure(args.rounds))
    for name, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name}: p50 {statistics.median(values):.1f} ms, p95 {p95:.1f} ms (n={len(values)})")


if __name__ == "__main__":
    main()
