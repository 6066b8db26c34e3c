"""Which municipal domain a question is about, learned from questions whose team was known.

Every evaluation set of this project is a deployment of its own: its groups, its mails and,
for each question, the group a front office would choose. A group stands for the domains of
:data:`knowledge/data/municipal_domains.toml` its name and description name, so each of those
questions is an example of a domain, in a deployment that is not the one being routed. The
words of the examples, counted per domain, are a multinomial naive Bayes model (the classic
text classifier): P(domain | words) for a new question in any deployment, whatever its teams
are called. The counts, not the texts, are shipped (``data/domain_words.json``, written by
``python -m bot.mail.learn_domains``); only words used in questions of at least two
deployments are kept, so that no name or phrase of one mail survives and a word has to be the
field's, not one writer's.

Counts are kept per deployment, so that a deployment can be left out of the model when it is
the one measured (:func:`load_domain_words` with ``exclude``)."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import TypedDict

from knowledge.text import STOPWORDS, light_stem

_MIN_LENGTH = 3
# placeholders redaction leaves in a question: no evidence of anything
_PLACEHOLDER_WORDS = frozenset(
    ("naam", "verwijderd", "adres", "telefoonnummer", "removed", "name", "address", "entfernt")
)


def features(words: Iterable[str]) -> frozenset[str]:
    """The stems a question's words give the model (each counted once: a long mail does not
    weigh more than a short one)."""
    return frozenset(
        light_stem(word)
        for word in words
        if len(word) >= _MIN_LENGTH
        and word not in STOPWORDS
        and word not in _PLACEHOLDER_WORDS
        and not any(ch.isdigit() for ch in word)
    )


class DomainWords:
    """Examples and word counts per domain, summed over the deployments kept."""

    SMOOTHING = 0.1

    def __init__(
        self, examples: Mapping[str, float], counts: Mapping[str, Mapping[str, float]]
    ) -> None:
        self.examples = dict(examples)
        self.counts = {domain: dict(words) for domain, words in counts.items()}
        self.vocabulary = frozenset(stem for words in self.counts.values() for stem in words)
        self._totals = {
            domain: sum(self.counts.get(domain, {}).values()) for domain in self.examples
        }

    def probabilities(self, stems: Collection[str]) -> dict[str, float]:
        """P(domain | stems); empty when no stem is known to the model (a question in words
        it has never seen says nothing about its domain)."""
        known = [stem for stem in stems if stem in self.vocabulary]
        if not known or not self.examples:
            return {}
        total_examples = sum(self.examples.values())
        denominator = self.SMOOTHING * len(self.vocabulary)
        logs: dict[str, float] = {}
        for domain, examples in self.examples.items():
            words = self.counts.get(domain, {})
            below = self._totals[domain] + denominator
            likelihood = sum(
                math.log((words.get(stem, 0.0) + self.SMOOTHING) / below) for stem in known
            )
            logs[domain] = math.log(examples / total_examples) + likelihood
        top = max(logs.values())
        weights = {domain: math.exp(value - top) for domain, value in logs.items()}
        norm = sum(weights.values())
        return {domain: weight / norm for domain, weight in weights.items()}


class DeploymentData(TypedDict):
    """One deployment's part of ``domain_words.json``."""

    examples: dict[str, float]  # domain -> questions
    words: dict[str, dict[str, float]]  # domain -> stem -> questions that use it


def combine(
    per_deployment: Mapping[str, DeploymentData], exclude: Collection[str] = ()
) -> DomainWords:
    """One model from the per-deployment counts of ``domain_words.json``, leaving out the
    deployments in ``exclude``."""
    examples: dict[str, float] = {}
    counts: dict[str, dict[str, float]] = {}
    for deployment, data in per_deployment.items():
        if deployment in exclude:
            continue
        for domain, number in data["examples"].items():
            examples[domain] = examples.get(domain, 0.0) + float(number)
        for domain, words in data["words"].items():
            slot = counts.setdefault(domain, {})
            for stem, number in words.items():
                slot[stem] = slot.get(stem, 0.0) + float(number)
    return DomainWords(examples, counts)


def load_domain_words(exclude: Collection[str] = (), text: str | None = None) -> DomainWords:
    """The shipped model (or ``text`` in its format) without the deployments in ``exclude``."""
    if text is None:
        return _shipped(frozenset(exclude))
    deployments: dict[str, DeploymentData] = json.loads(text).get("deployments", {})
    return combine(deployments, exclude)


@lru_cache(maxsize=32)
def _shipped(exclude: frozenset[str]) -> DomainWords:
    folder = resources.files("knowledge").joinpath("data")
    return load_domain_words(exclude, folder.joinpath("domain_words.json").read_text("utf-8"))
