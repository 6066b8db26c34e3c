"""Slack in the one outbox: messages wait while Slack is down, in order, survive a restart,
and are posted once — a retry after an answer that never came looks for the message's key
first (on SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlmodel import select

from bot.adapters.slack.delivery import key_metadata
from bot.adapters.slack.provisional import is_provisional
from bot.core.events import ConversationRef, utcnow
from bot.delivery.idempotency import post_scope
from bot.delivery.outbox import LEASE
from bot.delivery.retry import Backoff
from bot.people.recorder import record_posted_question
from bot.storage.models import Message, OutboxItem, OutboxStatus, Thread
from tests.adapters.slack.conftest import ALGEMEEN, SlackHarness, open_harness
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.test_http_events import channel_message

QUICK = Backoff(first=0.05, cap=0.2)


async def _items(slack: SlackHarness) -> list[OutboxItem]:
    async with slack.bot.services.db.session() as session:
        return list((await session.exec(select(OutboxItem).order_by(OutboxItem.id))).all())


async def test_messages_wait_in_the_outbox_while_slack_is_down(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack, max_attempts=3) as slack:
        slack.bot.services.outbox.backoff = QUICK
        slack.mock.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
        await slack.event(channel_message("!hulp"))
        await slack.mock.wait_for("chat.postMessage", 3)
        await slack.settle()
        [item] = await _items(slack)
        assert item.status is OutboxStatus.PENDING
        assert item.payload["method"] == "chat.postMessage"
        assert item.payload["args"]["thread_ts"] == "1700000000.000200"
        assert item.uncertain  # a 503 after sending: look before posting again
        # While the first waits, the next one queues behind it: the order is kept.
        await slack.event(channel_message("!help", ts="1700000000.000300"))
        await slack.settle()
        assert slack.bot.services.outbox.backlog("slack")
        slack.mock.failures.clear()  # Slack is back
        before = len(slack.mock.of("chat.postMessage"))
        calls = await slack.mock.wait_for("chat.postMessage", before + 2)
        delivered = [c.args["thread_ts"] for c in calls if c.response.get("ok")]
        assert delivered == ["1700000000.000200", "1700000000.000300"]
        await slack.bot.services.outbox.deliver_due()
        items = await _items(slack)
        assert [i.status for i in items] == [OutboxStatus.SENT, OutboxStatus.SENT]
        assert [i.payload for i in items] == [{"method": "chat.postMessage"}] * 2
        assert not slack.bot.services.outbox.backlog("slack")
        async with slack.http.get(f"http://127.0.0.1:{slack.adapter.port}/health") as health:
            assert health.status == 200


async def test_an_answer_lost_after_slack_posted_is_found_not_posted_again(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack, max_attempts=1) as slack:
        slack.bot.services.outbox.backoff = QUICK
        # Slack posts the message, then the answer is lost (a 500 on the way back).
        slack.mock.fail("chat.postMessage", status=500, after_doing=True)
        await slack.event(channel_message("!hulp"))
        await slack.mock.wait_for("conversations.replies")
        await slack.settle()
        await slack.bot.services.outbox.deliver_due()
        [posted] = slack.mock.posted(ALGEMEEN)
        assert "Dit kun je vragen" in posted["text"]
        assert len(slack.mock.of("chat.postMessage")) == 1  # found, not posted again
        [lookup] = slack.mock.of("conversations.replies")
        assert lookup.args["ts"] == "1700000000.000200"
        assert lookup.args["include_all_metadata"] == "true"
        [item] = await _items(slack)
        assert item.status is OutboxStatus.SENT and item.result["ts"] == posted["ts"]
        assert posted["metadata"]["event_payload"]["key"] == item.dedupe_key


async def test_a_post_of_a_killed_process_is_checked_then_finished(
    database_url: str, mock_slack: MockSlack
) -> None:
    """A process wrote two posts down and was killed: Slack has the first (its answer never
    got recorded), not the second. The next process posts the second only."""
    async with open_harness(database_url, mock_slack) as slack:
        services = slack.bot.services
        slack.mock.messages[ALGEMEEN] = [
            {
                "type": "message",
                "ts": "1800000000.000500",
                "text": "Vraag per e-mail",
                "metadata": key_metadata("mail:7:post#1"),
            }
        ]
        async with services.db.session() as session:
            for key, text in (("mail:7:post#1", "Vraag per e-mail"), ("mail:8:post#1", "Nog")):
                session.add(
                    OutboxItem(
                        channel="slack",
                        payload={
                            "method": "chat.postMessage",
                            "args": {"channel": ALGEMEEN, "text": text},
                        },
                        dedupe_key=key,
                        lease_owner="host:999:dead00",  # SIGKILL while sending
                        lease_until=utcnow() + LEASE,
                    )
                )
            await session.commit()
        await services.outbox.deliver_due()
        assert [m["text"] for m in slack.mock.posted(ALGEMEEN)] == ["Vraag per e-mail", "Nog"]
        assert len(slack.mock.of("chat.postMessage")) == 1
        assert len(slack.mock.of("conversations.history")) == 2  # both looked for first
        assert {i.status for i in await _items(slack)} == {OutboxStatus.SENT}
        # The desk, posting the first again with the same key, gets Slack's answer back.
        with post_scope("mail:7:post"):
            again = await slack.adapter.post(ConversationRef("slack", ALGEMEEN), "Vraag")
        assert again.message_id == "1800000000.000500"
        assert len(slack.mock.of("chat.postMessage")) == 1


async def test_a_long_retry_after_sends_the_message_to_the_outbox_at_once(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack) as slack:
        slack.bot.services.outbox.backoff = QUICK
        slack.mock.fail("chat.postMessage", status=429, retry_after=30)
        await slack.event(channel_message("!hulp"))
        # The handler did not wait 30 s: the message went to the outbox, and the loop
        # (every 0.2 s here) delivered it once Slack accepted it.
        _refused, second = await slack.mock.wait_for("chat.postMessage", 2, within=5)
        assert second.response["ok"] and second.args["thread_ts"] == "1700000000.000200"
        await slack.settle()
        await slack.bot.services.outbox.deliver_due()
        [item] = await _items(slack)
        assert item.status is OutboxStatus.SENT
        assert slack.mock.of("conversations.replies") == []  # a 429: nothing was posted


async def test_a_thread_posted_while_slack_is_down_gets_its_real_id(
    database_url: str, mock_slack: MockSlack
) -> None:
    """A question posted while Slack is down starts a thread known by a provisional id; once
    delivered, the thread's records and a reply queued behind it follow the real ``ts``, so an
    answer in that thread is recorded in it."""
    async with open_harness(database_url, mock_slack, max_attempts=2) as slack:
        services = slack.bot.services
        services.outbox.backoff = QUICK
        await services.outbox.stop()  # delivered by hand below
        slack.mock.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
        conversation = ConversationRef("slack", ALGEMEEN, "algemeen")
        root = await slack.adapter.post(conversation, "Vraag uit een e-mail")
        assert is_provisional(root.message_id)
        async with services.db.session() as session:
            channel = await services.channels.channel_for(session, conversation)
            await record_posted_question(
                session, channel, root, text="Vraag uit een e-mail", group_id="sociaal-domein"
            )
            await session.commit()
        await slack.adapter.reply(root, "Ik zoek iemand die het weet.")
        slack.mock.failures.clear()  # Slack is back
        assert await services.outbox.deliver_due() == 2
        first, second = [c for c in slack.mock.of("chat.postMessage") if c.response.get("ok")]
        real_ts = first.response["ts"]
        assert "thread_ts" not in first.args and second.args["thread_ts"] == real_ts
        async with services.db.session() as session:
            thread = (await session.exec(select(Thread))).one()
            stored_root = (await session.exec(select(Message))).one()
        assert thread.root_external_id == real_ts and stored_root.external_id == real_ts
        services.outbox.start(0.2)
        await slack.event(
            channel_message("Dat weet ik!", ts="1800000099.000001", thread_ts=real_ts)
        )
        await slack.settle()
        async with services.db.session() as session:
            thread = (await session.exec(select(Thread))).one()
        assert thread.reply_count == 1


async def test_messages_waiting_at_a_restart_are_sent_by_the_next_process(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack, max_attempts=1) as slack:
        slack.mock.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
        root = await slack.adapter.post(ConversationRef("slack", ALGEMEEN), "vraag")
        await slack.adapter.reply(root, "antwoord")
    mock_slack.failures.clear()
    async with open_harness(database_url, mock_slack) as slack:
        await slack.mock.wait_until(
            lambda c: c.method == "chat.postMessage" and c.args.get("text") == "antwoord"
        )
        first, second = [c for c in slack.mock.of("chat.postMessage") if c.response.get("ok")]
        assert first.args["text"] == "vraag"
        assert second.args["thread_ts"] == first.response["ts"]
