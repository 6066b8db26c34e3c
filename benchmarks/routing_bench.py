"""Routing cost (issue 14): loading the learned domain words, building a router for a
deployment, and routing one question, with and without the learned domain words; and the
router's cost on the longest text the intake lets through.

    python benchmarks/routing_bench.py [--repeats 5]

Questions are the subjects and bodies of every mail of the project's evaluation sets
(``tests/mail/fresh_*``), routed with each set's own groups. Times are CPU seconds of this
process (``time.process_time``), medians of ``--repeats`` runs.
"""

from __future__ import annotations

import argparse
import email
import statistics
import sys
import time
from collections.abc import Callable
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.config import load_config  # noqa: E402
from knowledge.domain_words import DomainWords, load_domain_words  # noqa: E402
from knowledge.routing import Router, profiles_from  # noqa: E402


def cpu(run: Callable[[], object], repeats: int) -> float:
    """Median CPU seconds of ``run``."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def questions(corpus: Path) -> list[str]:
    texts = []
    for path in sorted((corpus / "emails").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        texts.append(f"{message.get('subject', '')}\n{text}")
    return texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sets = sorted((ROOT / "tests" / "mail").glob("fresh_*"))
    deployments = []
    for corpus in sets:
        config = load_config(corpus / "vraagbaak.toml", environ={})
        deployments.append((profiles_from(config.groups, organisations=config.organisations),
                            questions(corpus)))  # fmt: skip
    total = sum(len(texts) for _, texts in deployments)
    text = (ROOT / "knowledge" / "data" / "domain_words.json").read_text("utf-8")
    load = cpu(lambda: load_domain_words(text=text), args.repeats)
    model = load_domain_words()
    none = DomainWords({}, {})
    print(f"{len(sets)} deployments, {total} mails; model: {len(model.vocabulary)} words, "
          f"{len(model.examples)} domains, loaded in {load * 1000:.1f} ms")  # fmt: skip
    for name, words in (("without learned words", none), ("with learned words", model)):

        def build(words: DomainWords = words) -> list[Router]:
            return [Router(profiles, None, words) for profiles, _ in deployments]

        routers = build()

        def route_all(routers: list[Router] = routers) -> None:
            for router, (_, texts) in zip(routers, deployments, strict=True):
                for text in texts:
                    router.route(text)

        built = cpu(build, args.repeats) / len(deployments) * 1000
        routed = cpu(route_all, args.repeats) / total * 1000
        print(f"{name}: build {built:.1f} ms per deployment, route {routed:.2f} ms per mail")
    router = Router(deployments[0][0], None, model)
    flood = "boom " * 4_000 + "x" * 20_000
    hostile = cpu(lambda: router.route(flood), args.repeats) * 1000
    print(f"hostile 40,000 characters: {hostile:.1f} ms (medians of {args.repeats} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
