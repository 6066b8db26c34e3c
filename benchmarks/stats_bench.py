"""Time ``compute_stats`` on the shared development export (imported once into SQLite).

    python benchmarks/stats_bench.py [--runs 10]

Prints the median, p50 and p95 wall time of computing every figure (overall, per group,
extras), and of one group with a period.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.adoption.figures.compute import StatsQuery, compute_stats  # noqa: E402
from bot.core.config import load_config  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.storage.database import Database  # noqa: E402

SHARED = Path(os.environ.get("VRAAGBAAK_SHARED", ROOT.parent / "shared")) / "whoknows-dev"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if not (SHARED / "export.zip").exists():
        print(f"{SHARED}/export.zip not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "vraagbaak.toml"
        config_file.write_text(
            (SHARED / "vraagbaak.toml").read_text(encoding="utf-8")
            + f'\n[database]\nurl = "sqlite:///{folder}/bench.db"\n',
            encoding="utf-8",
        )
        config = load_config(config_file)
        database = Database(config.database.url)
        database.upgrade()
        import_slack_export(database, config, SHARED / "export.zip")
        queries = {
            "all figures": StatsQuery(),
            "one group, one month": StatsQuery(date(2026, 3, 1), date(2026, 3, 31), "hr-po"),
        }
        for label, query in queries.items():
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                compute_stats(database.sync_engine, config, query)
                timings.append((time.perf_counter() - started) * 1000)
            print(
                f"{label}: median {statistics.median(timings):.0f} ms, "
                f"p50 {_percentile(timings, 0.5):.0f} ms, p95 {_percentile(timings, 0.95):.0f} ms "
                f"({args.runs} runs)"
            )
        database.sync_engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
