"""Forwards from many mail clients and locales, measured on a checkout of third-party
fixtures that this repository does not contain.

    python benchmarks/forward_fixtures.py --fixtures DIR [--library] [--misses] [--json]

``DIR`` is a checkout of crisp-oss/email-forward-parser (MIT; ``DIR/test/index.js`` and
``DIR/test/fixtures/*.txt``; ``DIR/test`` works too). Its ``index.js`` names, per test, the
fixtures (a body file, optionally a subject file) and declares the expected subject, sender,
body and forwarder's message as constants: they are read from there, so nothing of the
fixtures is copied here. A case whose files are missing in the checkout is skipped and
counted as such.

Each case is made into a plain-text mail (``Subject:`` from the subject file, else none) and
read as Vraagbaak reads a forward: ``find_forward``, then the question and the note cleaned
as intake cleans them (quotes, header lines, signatures). A case is **right** when all of
these hold:

* the forward is found (or, for the "not forwarded" test, not found);
* the original sender's address is the expected one (the test without any address: skipped);
* the subject without prefixes is the expected one;
* the question is the expected body (whitespace normalised): equal for the plain cases,
  starting with it where the fixture has more history or a signature below it;
* the note is empty where the test says there is no message, and the expected message
  where it says there is one.

Figures per client, per locale and per half (``tune`` / ``held-out``, a hash of the case's
file names: ``knowledge.evaluation.dev_half``). ``--library`` measures the PyPI package
``email-forward-parser`` (a Python port of crisp's parser, if installed) on the same cases
by the same criteria, with its ``message`` as the note and its ``body`` as the question.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.mail.forwards import clean_subject, find_forward  # noqa: E402
from bot.mail.parse import parse_bytes  # noqa: E402
from bot.mail.understand import clean_text  # noqa: E402
from knowledge.evaluation import dev_half  # noqa: E402

_CONSTANT = re.compile(r'^const\s+(\w+)\s*=\s*("(?:[^"\\]|\\.)*")\s*;', re.MULTILINE)
_TEST = re.compile(r"^\s*(test\w+)\s*:\s*function", re.MULTILINE)
_PAIR = re.compile(r'\[\s*"([\w.-]+)"\s*,\s*"([\w.-]+)"\s*\]')
_SINGLE = re.compile(r'"([\w.-]+)"')
_LOCALE = re.compile(r"^(.*?)_((?:[a-z]{2})(?:_br)?)_(?:body|subject)")
_WS = re.compile(r"\s+")

# What crisp's tests assert besides the common fields: the test whose mails are not
# forwards, the test whose sender has no address, and the tests that expect the forwarder's
# message (the others expect none, or do not check it).
NOT_FORWARDED = {"testAlternative4"}
NO_SENDER_ADDRESS = {"testAlternative12"}
NO_MESSAGE = {"testCommon"}
WITH_MESSAGE = {
    "testAlternative2",
    "testAlternative8",
    "testAlternative9",
    "testAlternative10",
    "testAlternative13",
    "testAlternative14",
    "testAlternative15",
}
EXACT_BODY = {"testCommon", "testAlternative1", "testAlternative2", "testAlternative3"}


@dataclass(frozen=True)
class Case:
    test: str
    body_file: str
    subject_file: str | None

    @property
    def key(self) -> str:
        return f"{self.body_file}+{self.subject_file or ''}"

    @property
    def client(self) -> str:
        found = _LOCALE.match(self.body_file)
        return found.group(1) if found else self.body_file.split("_body")[0]

    @property
    def locale(self) -> str:
        for name in (self.subject_file or "", self.body_file):
            found = _LOCALE.match(name)
            if found:
                return {"cz": "cs"}.get(found.group(2), found.group(2))
        return "?"


@dataclass
class Got:
    forwarded: bool
    sender: str | None
    subject: str
    question: str
    note: str


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def read_expectations(test_dir: Path) -> tuple[dict[str, str], list[Case]]:
    source = (test_dir / "index.js").read_text(encoding="utf-8")
    constants = {name: json.loads(value) for name, value in _CONSTANT.findall(source)}
    cases: list[Case] = []
    marks = list(_TEST.finditer(source))
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(source)
        block = source[mark.end() : end]
        block = block.split("(result", 1)[0]  # the entry list comes before the checks
        block = block[block.find("[") :] if "[" in block else ""
        for pair in _PAIR.finditer(block):
            cases.append(Case(mark.group(1), pair.group(1), pair.group(2)))
        rest = _PAIR.sub("", block)
        for single in _SINGLE.finditer(rest):
            cases.append(Case(mark.group(1), single.group(1), None))
    return constants, cases


def _mail(body: str, subject: str | None) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Forwarder <forwarder@example.org>"
    message["To"] = "vraag@example.org"
    if subject is not None:
        message["Subject"] = subject.strip()
    message.set_content(body)
    return bytes(message)


def vraagbaak(body: str, subject: str | None) -> Got:
    mail = parse_bytes(_mail(body, subject))
    forward = find_forward(mail)
    if forward is None or forward.original_sender is None:
        return Got(False, None, clean_subject(mail.subject), "", "")
    question, _ = clean_text(forward.text, [forward.original_sender.name])
    note, _ = clean_text(forward.note, [])
    return Got(
        True,
        forward.original_sender.email,
        clean_subject(forward.subject or mail.subject),
        question,
        note,
    )


def library(body: str, subject: str | None) -> Got:
    from emailforwardparser.forward_parser import (  # type: ignore[import-not-found,import-untyped,unused-ignore]
        get_forwarded_metadata,
    )

    result = get_forwarded_metadata(body, subject.strip() if subject else None)
    if not result.forwarded or result.email is None:
        return Got(False, None, "", "", "")
    sender = result.email.from_
    return Got(
        True,
        sender.address if sender is not None else None,
        result.email.subject or "",
        result.email.body or "",
        result.message or "",
    )


def judge(case: Case, got: Got, constants: dict[str, str]) -> list[str]:
    """What is wrong (empty: all right)."""
    if case.test in NOT_FORWARDED:
        return ["taken for a forward"] if got.forwarded else []
    if not got.forwarded:
        return ["forward not found"]
    wrong: list[str] = []
    if case.test not in NO_SENDER_ADDRESS and got.sender != constants.get("FROM_ADDRESS"):
        wrong.append(f"sender {got.sender}")
    if normalise(got.subject) != normalise(constants.get("SUBJECT", "")):
        wrong.append(f"subject {got.subject!r}")
    body, question = normalise(constants.get("BODY", "")), normalise(got.question)
    if case.test in EXACT_BODY and question != body:
        wrong.append(f"question {question[:80]!r}…")
    elif not question.startswith(body):
        wrong.append(f"question starts {question[:80]!r}")
    if case.test in NO_MESSAGE and normalise(got.note):
        wrong.append(f"note {normalise(got.note)[:60]!r}")
    if case.test in WITH_MESSAGE and normalise(got.note) != normalise(constants.get("MESSAGE", "")):
        wrong.append(f"note {normalise(got.note)[:60]!r}")
    return wrong


def _ratio(good: int, total: int) -> str:
    return f"{good}/{total}" + (f" ({100 * good / total:.0f} %)" if total else "")


def measure(
    fixtures: Path, reader: Callable[[str, str | None], Got]
) -> tuple[dict[str, Any], list[str]]:
    test_dir = fixtures / "test" if (fixtures / "test" / "index.js").exists() else fixtures
    constants, cases = read_expectations(test_dir)
    files = test_dir / "fixtures"
    per: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = []
    skipped = 0
    for case in cases:
        body_path = files / f"{case.body_file}.txt"
        subject_path = files / f"{case.subject_file}.txt" if case.subject_file else None
        if not body_path.exists() or (subject_path is not None and not subject_path.exists()):
            skipped += 1
            continue
        subject = subject_path.read_text(encoding="utf-8") if subject_path else None
        try:
            got = reader(body_path.read_text(encoding="utf-8"), subject)
            wrong = judge(case, got, constants)
        except Exception as error:  # a crash is a miss, not the end of the measurement
            wrong = [f"raised {type(error).__name__}: {error}"]
        right = int(not wrong)
        for axis, value in (
            ("all", "all"),
            ("half", dev_half(case.key)),
            ("client", case.client),
            ("locale", case.locale),
            ("test", case.test),
        ):
            per[axis][value][0] += right
            per[axis][value][1] += 1
        if wrong:
            misses.append(f"[{dev_half(case.key)}] {case.key} ({case.test}): {'; '.join(wrong)}")
    figures: dict[str, Any] = {
        axis: {name: _ratio(*counts) for name, counts in sorted(values.items())}
        for axis, values in per.items()
    }
    figures["skipped (files missing)"] = skipped
    return figures, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, required=True)
    parser.add_argument("--library", action="store_true", help="email-forward-parser too")
    parser.add_argument("--misses", action="store_true", help="list what is wrong per case")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    readers: dict[str, Callable[[str, str | None], Got]] = {"vraagbaak": vraagbaak}
    if args.library:
        readers["email-forward-parser"] = library
    report: dict[str, Any] = {}
    for name, reader in readers.items():
        figures, misses = measure(args.fixtures, reader)
        report[name] = figures
        if args.misses:
            report[name]["misses"] = misses
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for name, figures in report.items():
        print(f"== {name}")
        for axis in ("all", "half", "client", "locale", "test"):
            values = figures.get(axis, {})
            print(f"  {axis}: " + ", ".join(f"{k} {v}" for k, v in values.items()))
        print(f"  skipped (files missing): {figures['skipped (files missing)']}")
        for miss in figures.get("misses", []):
            print("   -", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
