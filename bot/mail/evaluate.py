"""Measure the intake on a corpus laid out like ``../shared/email-corpus``: ``emails/*.eml``,
``expected.json``, ``vraagbaak.toml``, ``trimmer/*.txt`` with ``*.trimmed.txt`` and, when a
group's channel has members of an external organisation, ``external_groups.txt`` (one group id
a line; a deployment reads this from the channel members).

A question whose expected ``group`` is ``null`` has no single right group: the desk asking
is the right outcome. ``posted_right``/``posted_wrong``/``asked``/``posted_external`` count
what the desk would do with each routed question (post it, or ask below
``mail.routing_threshold`` and for a group with external members). ``posted_external`` is a
post into a group with external members that routing chose alone; a mail sent to that group's
own address was addressed there by its writer and counts as posted right or wrong.

``python -m bot.mail.evaluate ../shared/email-corpus [--config OTHER.toml] [--history
EXPORT.zip]`` (the groups' channel history from a Slack export) prints the
figures as JSON, for all mails and for the tune and held-out halves; the tests run the same
function and fail below the targets.

``--learn-half tune`` (or ``held-out``) measures learning from history the way the desk
gets it: each question of that half with a single right group becomes a past text of that
group (its understood subject and question, as the desk records the thread it posts), as if
a moderator had chosen the group; figures are printed for the other half only (compare them
with the same half of a run without the option). ``--no-domains`` routes without the
municipal domain vocabulary (``Router(profiles, domains=[])``): what the groups' own words
and their history carry alone."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.config import Config, load_config
from bot.importers.slack_export_reader import SlackExport
from bot.mail.policy import asks_for_group
from bot.mail.trim import trim_reply
from bot.mail.understand import MailReader, config_router
from knowledge.domain_words import load_domain_words
from knowledge.evaluation import HALVES, dev_half
from knowledge.routing import Domain, Router

TARGETS = {
    "kind": 1.0,
    "pii_leaked": 0,
    "group": 0.90,
    "group_by_text": 0.90,
    "original_sender": 0.95,
    "subject": 0.95,
    "must_contain": 0.95,
    "must_not_contain": 0.90,
    "trimmer": 0.90,
    "posted_external": 0,
}
_WS = re.compile(r"\s+")


AUTOMATIC = ("bounce", "auto_reply")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class Evaluation:
    figures: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def below_targets(self) -> list[str]:
        problems = []
        for key, target in TARGETS.items():
            value = self.figures.get(key)
            if value is None:
                continue
            if key in ("pii_leaked", "posted_external"):
                if value > target:
                    problems.append(f"{key}: {value} > {target}")
            elif value < target:
                problems.append(f"{key}: {value:.3f} < {target}")
        return problems


def leaks(value: str, public: str) -> bool:
    """``value`` stands in ``public`` as itself: the name "Noor" is not leaked by the
    "Noord" of a place (a value that starts or ends with a letter or digit must not run on
    into another one)."""
    wanted = normalise(value)
    if not wanted:
        return False
    start = r"(?<![\w])" if wanted[0].isalnum() else ""
    end = r"(?![\w])" if wanted[-1].isalnum() else ""
    return re.search(start + re.escape(wanted) + end, public) is not None


def _ratio(good: int, total: int) -> float:
    return round(good / total, 4) if total else 1.0


def external_groups(corpus: Path) -> list[str]:
    """The groups ``external_groups.txt`` of a corpus names (none without the file)."""
    listed = corpus / "external_groups.txt"
    if not listed.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in listed.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def past_texts_from_export(export: Path, limit: int = 300) -> dict[str, list[str]]:
    """The latest ``limit`` message texts of each channel of a Slack export, by channel name
    (a group's id is its channel's name): the history the desk routes with."""
    reader = SlackExport(export)
    try:
        past: dict[str, list[str]] = {}
        for channel in reader.channels():
            texts = [
                m.text
                for m in reader.messages(channel.name, set())
                if m.text and not m.is_bot and not m.is_join
            ]
            past[channel.name] = texts[-limit:][::-1]
        return past
    finally:
        reader.close()


def _unseen_router(
    corpus: Path,
    config: Config,
    past: Mapping[str, Sequence[str]] | None,
    domains: Sequence[Domain] | None,
) -> Router:
    """The router of a corpus's configuration; the corpus measured is unseen data, so its
    own questions are left out of the learned domain words."""
    domain_words = load_domain_words(exclude={corpus.name}) if domains is None else None
    return config_router(config, past, external_groups(corpus), domains, domain_words)


def past_texts_from_half(
    corpus: Path,
    half: str,
    config_file: Path | None = None,
    past: Mapping[str, Sequence[str]] | None = None,
    domains: Sequence[Domain] | None = None,
) -> dict[str, list[str]]:
    """``past`` (the channels' history, if any) and, for each question of ``half`` of the
    corpus whose expected group is a single group, the text the desk records when it posts
    it there (``subject``, a blank line, ``question``; the thread :mod:`bot.mail.posting`
    records): a channel's history after moderators chose the groups of that half."""
    config = load_config(config_file or corpus / "vraagbaak.toml", environ={})
    reader = MailReader(config, _unseen_router(corpus, config, past, domains))
    learned = {group_id: list(texts) for group_id, texts in (past or {}).items()}
    expected: dict[str, dict[str, Any]] = json.loads((corpus / "expected.json").read_text())
    for name, want in sorted(expected.items()):
        if dev_half(name) != half or want["kind"] != "question" or not want.get("group"):
            continue
        got = reader.read((corpus / "emails" / name).read_bytes())
        # newest first, as the desk reads a channel
        learned.setdefault(want["group"], []).insert(0, f"{got.subject}\n\n{got.question}")
    return learned


def evaluate_corpus(
    corpus: Path,
    half: str | None = None,
    config_file: Path | None = None,
    past: dict[str, list[str]] | None = None,
    domains: Sequence[Domain] | None = None,
) -> Evaluation:
    """The figures on every item, or only on one half of the corpus (``tune`` or
    ``held-out``, by :func:`knowledge.evaluation.dev_half` of the file name).
    ``config_file``: groups other than the corpus's own (e.g. terse descriptions without
    keywords, as a fresh deployment has). ``group_by_text`` is the group routing alone
    finds, the group addresses a mail was sent to left aside. ``past``: the texts of each
    group's channel history (:func:`past_texts_from_export`, :func:`past_texts_from_half`).
    ``domains``: another domain vocabulary (``[]``: none) than the shipped one."""
    config = load_config(config_file or corpus / "vraagbaak.toml", environ={})
    external = external_groups(corpus)
    reader = MailReader(config, _unseen_router(corpus, config, past, domains))
    threshold = config.mail.routing_threshold
    expected: dict[str, dict[str, Any]] = json.loads((corpus / "expected.json").read_text())
    if half is not None:
        expected = {name: want for name, want in expected.items() if dev_half(name) == half}
    result = Evaluation()
    counts = dict.fromkeys(("kind", "group", "by_text", "sender", "subject", "mc", "mnc"), 0)
    desk = dict.fromkeys(("posted_right", "posted_wrong", "asked", "posted_external"), 0)
    questions = leaked = 0
    for name, want in sorted(expected.items()):
        got = reader.read((corpus / "emails" / name).read_bytes())
        public = normalise(f"{got.subject}\n{got.note}\n{got.question}")
        # A set's labels may know only questions and automatic replies: a bounce is one.
        if got.kind.value == want["kind"] or (got.kind.value, want["kind"]) == AUTOMATIC:
            counts["kind"] += 1
        else:
            result.failures.append(f"{name}: kind {got.kind.value} != {want['kind']}")
        sender = got.original_sender.email if got.original_sender else None
        if sender == (want.get("original_sender") or "").lower():
            counts["sender"] += 1
        else:
            result.failures.append(f"{name}: original_sender {sender} != {want['original_sender']}")
        if normalise(got.subject) == normalise(want.get("subject") or ""):
            counts["subject"] += 1
        else:
            result.failures.append(f"{name}: subject {got.subject!r} != {want['subject']!r}")
        question = normalise(got.question)
        # what the thread shows: the question, and a forwarder's note quoted under it (the
        # colleague's "Kunnen jullie dit oppakken?" is kept there)
        shown = normalise(f"{got.question}\n{got.note}")
        missing = [p for p in want.get("must_contain", []) if normalise(p) not in shown]
        if missing:
            result.failures.append(f"{name}: lost {missing}")
        else:
            counts["mc"] += 1
        present = [p for p in want.get("must_not_contain", []) if normalise(p) in question]
        if present:
            result.failures.append(f"{name}: kept {present}")
        else:
            counts["mnc"] += 1
        for item in want.get("pii", []):
            if leaks(item["value"], public):
                leaked += 1
                result.failures.append(f"{name}: leaked {item['type']}")
        if want["kind"] == "question":
            questions += 1
            right = want.get("group")
            asks = asks_for_group(got, threshold)
            if asks:
                desk["asked"] += 1
            elif got.group in external and got.routed_by == "routing":
                desk["posted_external"] += 1
            else:
                desk["posted_right" if got.group == right else "posted_wrong"] += 1
            if got.group == right or (right is None and asks):
                counts["group"] += 1
            else:
                result.failures.append(f"{name}: group {got.group} ({got.confidence}) != {right}")
            routed = reader.router.route(f"{got.subject}\n{got.note}\n{got.question}")
            routed_asks = routed.confidence < threshold or routed.needs_choice
            if routed.group_id == right or (right is None and routed_asks):
                counts["by_text"] += 1
            else:
                result.failures.append(
                    f"{name}: by text {routed.group_id} ({routed.confidence}) "
                    f"!= {want.get('group')}"
                )
    total = len(expected)
    result.figures.update(
        messages=total,
        questions=questions,
        kind=_ratio(counts["kind"], total),
        pii_leaked=leaked,
        group=_ratio(counts["group"], questions),
        group_by_text=_ratio(counts["by_text"], questions),
        original_sender=_ratio(counts["sender"], total),
        subject=_ratio(counts["subject"], total),
        must_contain=_ratio(counts["mc"], total),
        must_not_contain=_ratio(counts["mnc"], total),
        **desk,
    )
    trimmer = corpus / "trimmer"
    if trimmer.is_dir():
        good = fixtures = 0
        for expected_file in sorted(trimmer.glob("*.trimmed.txt")):
            if half is not None and dev_half(expected_file.name) != half:
                continue
            source = expected_file.with_name(expected_file.name.replace(".trimmed.txt", ".txt"))
            fixtures += 1
            got_text = trim_reply(source.read_text(encoding="utf-8")).text
            if normalise(got_text) == normalise(expected_file.read_text(encoding="utf-8")):
                good += 1
            else:
                result.failures.append(f"trimmer/{source.name}: differs")
        result.figures.update(trimmer=_ratio(good, fixtures), trimmer_fixtures=fixtures)
    return result


def main(argv: list[str] | None = None) -> int:
    """Prints ``{"all": figures, "tune": figures, "held-out": figures}``; the misses of each
    half follow on standard error."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.mail.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("../shared/email-corpus"))
    parser.add_argument("--config", type=Path, help="another vraagbaak.toml for the groups")
    parser.add_argument("--history", type=Path, help="a Slack export: the channels' history")
    parser.add_argument(
        "--learn-half",
        choices=HALVES,
        help="this half's questions become past texts of their groups; measure the other half",
    )
    parser.add_argument(
        "--no-domains", action="store_true", help="route without the municipal domain vocabulary"
    )
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    if not (corpus / "expected.json").is_file():
        parser.error(f"{corpus}: no expected.json (a corpus holds emails/ and expected.json)")
    config_file: Path | None = args.config
    past = past_texts_from_export(args.history) if args.history else None
    domains: list[Domain] | None = [] if args.no_domains else None
    halves: tuple[str | None, ...] = (None, *HALVES)
    if args.learn_half:
        past = past_texts_from_half(corpus, args.learn_half, config_file, past, domains)
        halves = tuple(half for half in HALVES if half != args.learn_half)
    figures: dict[str, dict[str, float]] = {}
    problems: list[str] = []
    for half in halves:
        evaluation = evaluate_corpus(corpus, half, config_file, past, domains)
        name = half or "all"
        figures[name] = evaluation.figures
        if half is not None:
            for failure in evaluation.failures:
                print(f"  - [{name}]", failure, file=sys.stderr)
        problems += [f"[{name}] {problem}" for problem in evaluation.below_targets()]
    print(json.dumps(figures, indent=2))
    for problem in problems:
        print("below target:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
