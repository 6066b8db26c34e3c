"""A mail the desk posted just before its process was killed: the next process takes the mail
over at once (not when a five-minute lease runs out), finds the post on Slack by its key and
records it, without posting it again (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage

import pytest
from sqlmodel import select

from bot.app import Bot, build_bot
from bot.mail.component import MailComponent
from bot.mail.posting import MailPoster
from bot.mail.store import store_raw
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import OutboxItem, OutboxStatus
from tests.adapters.slack.conftest import SOCIAAL, slack_groups, slack_table, start_adapter
from tests.adapters.slack.mock_slack import MockSlack
from tests.conftest import make_config
from tests.mail import mails


@asynccontextmanager
async def running(database_url: str, mock: MockSlack) -> AsyncIterator[Bot]:
    """One process: the whole bot (every handler) on Slack."""
    config = make_config(database_url, slack=slack_table(mock), groups=slack_groups())  # type: ignore[arg-type]
    bot = build_bot(config)
    await bot.prepare()
    adapter = await start_adapter(bot)
    try:
        yield bot
    finally:
        await adapter.stop()
        await bot.close()


@pytest.fixture
async def mock_slack() -> AsyncIterator[MockSlack]:
    mock = MockSlack(channels={SOCIAAL: "sociaal-domein"})
    await mock.start()
    try:
        yield mock
    finally:
        await mock.stop()


class Killed(BaseException):
    """SIGKILL, as far as the code running at that moment can tell."""


async def _no_mail(_message: EmailMessage) -> None:
    return None


async def test_a_mail_posted_before_a_kill_is_recorded_not_posted_again(
    database_url: str, mock_slack: MockSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = bytes(
        mails.plain("Hoe werkt de bijstand bij een erfenis?", to="sociaal-domein@vraagbaak.example")
    )
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=_no_mail, smtp=False)
        await store_raw(
            bot.services.db,
            raw,
            source="imap",
            recipients=["sociaal-domein@vraagbaak.example"],
        )

        async def killed(*_args: object, **_kwargs: object) -> None:
            raise Killed

        # Slack takes the thread, then the process dies before the desk records it.
        with monkeypatch.context() as patch:
            patch.setattr(MailPoster, "_record_question", killed)
            with pytest.raises(Killed):
                await mail.desk.process_pending()
        await mail.desk.close()
        [posted] = mock_slack.posted(SOCIAAL)
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=_no_mail, smtp=False)
        assert await mail.desk.process_pending() == 1  # at once, no lease to wait out
        await mail.desk.close()
        async with bot.services.db.session() as session:
            row = (await session.exec(select(InboundEmail))).one()
            items = (await session.exec(select(OutboxItem))).all()
    assert mock_slack.posted(SOCIAAL) == [posted]  # one thread
    assert row.status is InboundStatus.POSTED and row.root_external_id == posted["ts"]
    [thread_post] = [i for i in items if i.channel == "slack"]
    assert thread_post.status is OutboxStatus.SENT and thread_post.result["ts"] == posted["ts"]
