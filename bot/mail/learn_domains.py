"""Write ``knowledge/data/domain_words.json`` (:mod:`knowledge.domain_words`) from corpora
laid out like ``../shared/email-corpus``: ``vraagbaak.toml`` with the deployment's groups,
``expected.json`` with each question's group, ``emails/*.eml``.

Each question whose group is known is read as the desk reads it (signature, quotes and
personal data gone) and counted for the domains of its group that its words touch (all the
group's domains when none does). A word is kept only when questions of at least
``MIN_DEPLOYMENTS`` deployments use it.

``python -m bot.mail.learn_domains tests/mail/fresh_* ../shared/email-corpus`` rewrites the
shipped file; ``--out`` writes elsewhere."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.core.config import load_config
from bot.mail.understand import MailReader, config_router
from knowledge.domain_words import DomainWords, features
from knowledge.routing import Domain, tokens

MIN_DEPLOYMENTS = 2
_SHIPPED = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "domain_words.json"


@cache
def _domain_features(domain: Domain) -> frozenset[str]:
    return features(w for term in (*domain.anchors, *domain.terms) for w in tokens(term))


def _topic(question: frozenset[str], group_domains: Sequence[Domain]) -> list[str]:
    touched = [domain.id for domain in group_domains if question & _domain_features(domain)]
    return touched or [domain.id for domain in group_domains]


@dataclass
class DeploymentCounts:
    examples: dict[str, float] = field(default_factory=dict)  # domain -> questions
    words: dict[str, dict[str, float]] = field(default_factory=dict)  # domain -> stem -> n


def deployment_counts(corpus: Path) -> DeploymentCounts:
    """The questions and word counts per domain of one corpus."""
    config = load_config(corpus / "vraagbaak.toml", environ={})
    router = config_router(config, domain_words=DomainWords({}, {}))
    reader = MailReader(config, router)
    domains_of = {group.id: router.group_domains(group) for group in router.groups}
    expected = json.loads((corpus / "expected.json").read_text("utf-8"))
    counts = DeploymentCounts()
    for name, want in sorted(expected.items()):
        group = want.get("group")
        if want.get("kind") != "question" or not group or not domains_of.get(group):
            continue
        got = reader.read((corpus / "emails" / name).read_bytes())
        stems = features(tokens(f"{got.subject}\n{got.question}"))
        labels = _topic(stems, domains_of[group])
        share = 1.0 / len(labels)
        for domain in labels:
            counts.examples[domain] = counts.examples.get(domain, 0.0) + share
            slot = counts.words.setdefault(domain, {})
            for stem in stems:
                slot[stem] = slot.get(stem, 0.0) + share
    return counts


def learn(corpora: Sequence[Path]) -> dict[str, object]:
    counted = {corpus.name: deployment_counts(corpus) for corpus in corpora}
    used_in: dict[str, int] = {}
    for data in counted.values():
        for stem in {s for slot in data.words.values() for s in slot}:
            used_in[stem] = used_in.get(stem, 0) + 1
    deployments = {
        name: {
            "examples": {d: round(n, 3) for d, n in sorted(data.examples.items())},
            "words": {
                domain: {
                    stem: round(n, 3)
                    for stem, n in sorted(slot.items())
                    if used_in[stem] >= MIN_DEPLOYMENTS
                }
                for domain, slot in sorted(data.words.items())
            },
        }
        for name, data in sorted(counted.items())
    }
    return {
        "about": "Word counts per municipal domain from the questions of each evaluation set "
        "(knowledge/domain_words.py); written by python -m bot.mail.learn_domains",
        "deployments": deployments,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.mail.learn_domains")
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=_SHIPPED)
    args = parser.parse_args(argv)
    model = learn(args.corpora)
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{args.out}: {len(args.corpora)} deployments", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
