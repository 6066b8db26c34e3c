"""Issue 11: a mail's subject, body, names and attachment names come out inert in the
thread, on Slack and on Matrix, whatever the sender wrote.

First the pure path (parse → understand → thread text → each platform's renderer), for the
whole hostile corpus; then one mail over real SMTP through the desk."""

from __future__ import annotations

import asyncio
import smtplib
from email import policy
from email.header import Header
from typing import Any

import pytest

from bot.adapters.matrix import render
from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.core.config import Config
from bot.core.i18n import register
from bot.mail import thread_text
from bot.mail.component import MailComponent
from bot.mail.understand import MailReader
from bot.startup.app import Bot
from handlers import email_questions
from tests.conftest import make_config
from tests.mail import mails
from tests.mail.test_flow import GROUP_CHANNEL, eventually, mail, sink  # noqa: F401
from tests.support import hostile_text
from tests.support.recording_adapter import RecordingAdapter


def _assert_inert(markdown: str) -> None:
    mrkdwn = to_mrkdwn(markdown)
    assert hostile_text.slack_live_tokens(mrkdwn) == [], mrkdwn
    assert hostile_text.slack_mismatched_links(mrkdwn) == [], mrkdwn
    assert not hostile_text.has_control_characters(mrkdwn)
    content = render.notice(markdown)
    assert hostile_text.matrix_problems(content) == [], content
    for host in hostile_text.PHISH_HOSTS:
        # A link may be shown, but only as its own address.
        if host in mrkdwn:
            assert f"|{host}" not in mrkdwn


def _encoded(text: str, linesep: bytes = b"\n") -> bytes:
    """A header value as an attacker sends it: an RFC 2047 encoded word decodes to anything."""
    return Header(text, "utf-8").encode().encode("ascii").replace(b"\n", linesep)


def _hostile_mail(payload: str) -> bytes:
    message = mails.plain(
        f"Goedemiddag,\n\n{payload}\n\nKunt u mij helpen met de aanvraag?\n",
        subject="SUBJECT-HERE",
        sender="NAME-HERE <m.hendriks@ermelo.nl>",
    )
    name = f"{payload[:40]}.pdf".replace("\n", " ").replace("/", "_")
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename=name)
    message.add_attachment(
        b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename=f"{name}.exe"
    )
    raw = bytes(message)
    raw = raw.replace(b"SUBJECT-HERE", _encoded(f"Vraag {payload}"))
    return raw.replace(b"NAME-HERE", _encoded(payload[:60]))


def _html_mail(payload: str) -> bytes:
    """An HTML-only mail, as many mail clients and every phishing kit send."""
    message = mails.plain("-", subject="Vraag over de Wmo")
    message.set_content(
        f"<html><body><p>Goedemiddag,</p><p>{payload}</p>"
        '<p>Zie <a href="https://phish.example/login">https://www.ermelo.nl/wmo</a>.</p>'
        "</body></html>",
        subtype="html",
    )
    return bytes(message)


@pytest.fixture(scope="module")
def reader() -> MailReader:
    register(email_questions.TEXTS)  # what building the bot does; no database needed here
    config: Config = make_config("sqlite:///unused.db")
    return MailReader(config)


@pytest.mark.parametrize("payload", hostile_text.ALL)
def test_every_part_of_a_hostile_mail_is_inert_in_the_thread(
    reader: MailReader, payload: str
) -> None:
    for message in (_hostile_mail(payload), _html_mail(payload)):
        understood = reader.read(message)
        _assert_inert(thread_text.question_thread(understood, "Omgevingswet", "nl"))
        _assert_inert(thread_text.follow_up(understood, "nl"))


def test_a_forward_with_a_hostile_forwarder_and_note(reader: MailReader) -> None:
    body = (
        "<!channel> [Klik hier](https://phish.example/login) @room\n\n"
        + mails.OUTLOOK_FORWARD.replace("Schutting", "<!here> Schutting")
    )
    message = mails.plain(
        body,
        subject="FW: <@U0123ABCD> Schutting",
        sender='"<!everyone> Petra <script>x</script>" <p.jansen@ermelo.nl>',
    )
    understood = reader.read(bytes(message))
    assert understood.forwarded_by is not None
    text = thread_text.question_thread(understood, "Omgevingswet", "nl")
    _assert_inert(text)
    shown = to_mrkdwn(text)
    assert "&lt;!everyone&gt; Petra" in shown  # the name is shown, as text
    assert "phish.example/login" in shown


def test_the_html_link_shows_where_it_goes(reader: MailReader) -> None:
    understood = reader.read(_html_mail("Hallo"))
    shown = to_mrkdwn(thread_text.question_thread(understood, "Omgevingswet", "nl"))
    assert "https://phish.example/login" in shown
    assert "<https://phish.example/login|" not in shown
    assert "www.ermelo.nl/wmo" not in shown


def _send_raw(port: int, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("m.hendriks@ermelo.nl", ["omgevingswet@vraagbaak.example"], raw)


def _all_texts(adapter: RecordingAdapter) -> list[str]:
    return [s.text for s in adapter.sent]


async def test_a_hostile_mail_over_smtp_posts_an_inert_thread(
    bot: Bot,
    adapter: RecordingAdapter,
    mail: MailComponent,  # noqa: F811
) -> None:
    port = mail.listener.port if mail.listener else 0
    payload = "<!channel> <@U0123ABCD> [https://www.ermelo.nl/wmo](https://phish.example/x)"
    message = mails.plain(
        mails.OUTLOOK_FORWARD.replace("Kan iemand", f"{payload}\n\nKan iemand"),
        subject="SUBJECT-HERE",
        sender="NAME-HERE <m.hendriks@ermelo.nl>",
        to="omgevingswet@vraagbaak.example",
    )
    raw = message.as_bytes(policy=policy.SMTP)
    raw = raw.replace(b"SUBJECT-HERE", _encoded(f"FW: Schutting <!here> {payload}", b"\r\n"))
    raw = raw.replace(b"NAME-HERE", _encoded("<!subteam^S0123ABCD> Mark", b"\r\n"))
    await asyncio.to_thread(_send_raw, port, raw)

    async def posted() -> bool:
        return any(s.conversation == GROUP_CHANNEL and s.thread_id is None for s in adapter.sent)

    await eventually(posted)
    for text in _all_texts(adapter):
        _assert_inert(text)
    root: Any = next(s for s in adapter.sent if s.conversation == GROUP_CHANNEL)
    shown = to_mrkdwn(root.text)
    # The forwarder's note is quoted as they wrote it, and the link shows where it goes.
    assert "&lt;!channel&gt; &lt;@U0123ABCD&gt; https://phish.example/x" in shown
