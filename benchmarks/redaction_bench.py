"""Redaction cost (issues 11 and 12): time against input size up to the intake's body limit,
for ordinary text and for the hostile shapes that froze the old redactor; per-mail p50/p99 of
understanding (parse, clean, redact, route) and of redaction alone on the project's own
personal-data corpus; the process's memory with the redactor loaded; and ``vraagbaak email
parse --json`` end to end, as a script calls it.

    python benchmarks/redaction_bench.py [--repeats 3] [--cli-runs 10]

Times are CPU seconds of this process (``time.process_time``), medians of ``--repeats``
runs, so that other work on a shared host does not inflate them; the CLI run reports wall
time and the child's CPU time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BASELINE_MB = rss_mb()
started_import = time.perf_counter()
from bot.mail.parse import MAX_TEXT_CHARS  # noqa: E402
from bot.redaction import Redactor, redact  # noqa: E402

IMPORT_S = time.perf_counter() - started_import
REDACTOR_MB = rss_mb()

from tests.mail.pii_corpus.build import CHAT_PEOPLE, corpus, write  # noqa: E402
from tests.mail.pii_corpus.judge import CONFIG, reader  # noqa: E402
from tests.mail.pii_corpus.letters import FRESH, LETTERS  # noqa: E402

SIZES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, MAX_TEXT_CHARS]
HOSTILE = ["A. ", "a'", "1 ", "1-", "a@", "Kerkstraat ", "mevrouw A ", "geboren ", "+31 ",
           "| Naam | ", "NW3F7K9L", " \u00a0"]  # fmt: skip


def median_time(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        begin = time.process_time()
        work()
        times.append(time.process_time() - begin)
    return statistics.median(times)


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def scaling(repeats: int) -> None:
    ordinary = "\n\n".join(letter.body for letter in LETTERS + FRESH)
    print("size_chars  ordinary_ms  us/char   worst_hostile_ms  us/char  (shape)")
    for size in SIZES:
        text = fill(ordinary + "\n\n", size)
        plain = median_time(lambda t=text: redact(t), repeats)  # type: ignore[misc]
        worst, shape = 0.0, ""
        for unit in HOSTILE:
            hostile = fill(unit, size)
            took = median_time(lambda h=hostile: redact(h), repeats)  # type: ignore[misc]
            if took > worst:
                worst, shape = took, unit
        print(
            f"{size:>10}  {plain * 1e3:>11.1f}  {plain / size * 1e6:>7.2f}   "
            f"{worst * 1e3:>16.1f}  {worst / size * 1e6:>7.2f}  ({shape!r})"
        )


def per_mail(repeats: int) -> None:
    mails = [m.raw for m in corpus()]
    read = reader()
    understand: list[float] = []
    redaction: list[float] = []
    for _ in range(repeats):
        for raw in mails:
            begin = time.process_time()
            read.read(raw)
            understand.append(time.process_time() - begin)
    texts = [letter.body for letter in LETTERS + FRESH]
    redactor = Redactor(CHAT_PEOPLE, ["Henk Bosman"])
    for _ in range(repeats):
        for text in texts:
            begin = time.process_time()
            redactor.redact(text)
            redaction.append(time.process_time() - begin)
    for label, values in (("understand (parse+clean+redact+route)", understand),
                          ("redaction of one letter", redaction)):  # fmt: skip
        print(
            f"{label:<40} n={len(values):>4}  p50 {percentile(values, 0.5) * 1e3:6.2f} ms"
            f"  p99 {percentile(values, 0.99) * 1e3:6.2f} ms"
        )


def cli(runs: int) -> None:
    executable = Path(sys.executable).with_name("vraagbaak")
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp))
        sample = sorted((Path(tmp) / "emails").glob("*.eml"))[:: max(1, 150 // runs)][:runs]
        times: list[float] = []
        cpu: list[float] = []
        for path in sample:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            begin = time.perf_counter()
            subprocess.run(
                [str(executable), "email", "parse", str(path), "--json", "--config", str(CONFIG)],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - begin)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"vraagbaak email parse --json (new process) n={len(times)}  wall p50 "
        f"{statistics.median(times):.2f} s max {max(times):.2f} s; CPU p50 "
        f"{statistics.median(cpu):.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cli-runs", type=int, default=10)
    args = parser.parse_args()
    print(f"import of the redactor: {IMPORT_S * 1e3:.0f} ms")
    print(
        f"peak RSS: {BASELINE_MB:.1f} MB interpreter, {REDACTOR_MB:.1f} MB with the redactor "
        f"loaded (+{REDACTOR_MB - BASELINE_MB:.1f} MB)"
    )
    scaling(args.repeats)
    per_mail(args.repeats)
    print(f"peak RSS after the corpus: {rss_mb():.1f} MB")
    if args.cli_runs:
        cli(args.cli_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
