"""Judge the redaction of the corpus: which personal data reached the public text (a leak),
which useful phrases were lost, and which redactions hit text that is no personal data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.config import load_config
from bot.mail.understand import MailReader, Understanding
from bot.redaction import Redactor
from tests.mail.pii_corpus.build import CHAT_PEOPLE, CorpusMail, corpus
from tests.mail.pii_corpus.letters import FRESH, LETTERS

CONFIG = Path(__file__).with_name("vraagbaak.toml")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad*"), None)


def flat(text: str) -> str:
    """Compare as a reader sees it: no invisible characters or emphasis, one kind of space
    and dash, digits as digits."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def public_text(u: Understanding) -> str:
    """Everything of the mail a thread shows."""
    parts = [u.subject, u.question, u.note, u.forwarder_label, *u.attachment_names,
             *u.dropped_names]  # fmt: skip
    return "\n".join(parts)


def leaked(value: str, public: str) -> bool:
    value_flat = flat(value)
    if re.search(rf"(?<!\w){re.escape(value_flat)}(?!\w)", flat(public)):
        return True
    # A partial redaction leaves the number's long digit runs behind.
    digits = re.sub(r"\s", "", public)
    return any(run in digits for run in re.findall(r"\d{5,}", value_flat.replace(" ", "")))


@dataclass
class Judgement:
    mails: int = 0
    items: int = 0
    leaks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def reader() -> MailReader:
    return MailReader(load_config(CONFIG, environ={}), colleagues=CHAT_PEOPLE)


def judge(mails: list[CorpusMail] | None = None) -> dict[str, Judgement]:
    read = reader()
    halves = {"tune": Judgement(), "held_out": Judgement(), "fresh": Judgement()}
    for mail in corpus() if mails is None else mails:
        verdict = halves[mail.half]
        u = read.read(mail.raw)
        public = public_text(u)
        verdict.mails += 1
        for kind, value in mail.pii:
            verdict.items += 1
            if leaked(value, public):
                verdict.leaks.append(f"{mail.name}: {kind} {value!r}")
        question = flat(f"{u.subject}\n{u.question}")
        for phrase in mail.letter.keep:
            if flat(phrase) not in question:
                verdict.lost.append(f"{mail.name}: lost {phrase!r}")
    return halves


def false_redactions() -> tuple[int, list[str]]:
    """Redactions in the letters' own text that cover no listed personal data."""
    found: list[str] = []
    total = 0
    for letter in LETTERS + FRESH:
        redactor = Redactor(CHAT_PEOPLE, [letter.name] if letter.name else [])
        for text in (letter.subject, letter.body):
            personal = [
                (m.start(), m.end())
                for _, value in letter.pii
                for m in re.finditer(re.escape(value), text)
            ]
            for start, end, kind in redactor.findings(text):
                total += 1
                if not any(start < e and s < end for s, e in personal):
                    found.append(f"{letter.id}: {kind} {text[start:end]!r}")
    return total, found
