"""The Events API end to end: signed requests into the real slack-bolt app, answers out to
the mock Web API."""

from __future__ import annotations

from sqlmodel import select

from bot.storage.inbox_models import InboxEvent, InboxStatus
from bot.storage.models import Account, Message, Person
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, SOCIAAL, SlackHarness
from tests.adapters.slack.mock_slack import BOT_TOKEN, BOT_USER_ID

# The delivery claims: inbox rows done (bot/delivery/inbox.py).
HANDLED = select(InboxEvent.delivery_id).where(InboxEvent.status == InboxStatus.DONE)


def mention(text: str, ts: str = "1700000000.000100", **extra: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": ANOUK.id,
        "text": text,
        "ts": ts,
        "channel": SOCIAAL,
        "event_ts": ts,
        **extra,
    }


def channel_message(text: str, ts: str = "1700000000.000200", **extra: str) -> dict[str, str]:
    return {
        "type": "message",
        "channel_type": "channel",
        "user": ANOUK.id,
        "text": text,
        "ts": ts,
        "channel": ALGEMEEN,
        "event_ts": ts,
        **extra,
    }


async def test_app_mention_is_answered_in_its_thread(slack: SlackHarness) -> None:
    status, _ = await slack.event(mention(f"<@{BOT_USER_ID}> wat kun je?"))
    assert status == 200
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["channel"] == SOCIAAL
    assert call.args["thread_ts"] == "1700000000.000100"
    assert "Dit kun je vragen" in call.args["text"]
    assert "*Vraagbaak*" in call.args["text"]  # Markdown bold rendered as mrkdwn
    assert call.args["blocks"][0]["text"]["type"] == "mrkdwn"
    assert call.token == BOT_TOKEN


async def test_mention_reaches_the_router_stripped_and_addressed(slack: SlackHarness) -> None:
    await slack.event(mention(f"<@{BOT_USER_ID}> wie weet iets van Woo?"))
    [call] = await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    # No command for it in this bot: the router, addressed, says it did not understand.
    assert "Dat begreep ik niet" in call.args["text"]
    async with slack.bot.services.db.session() as session:
        stored = (await session.exec(select(Message.text))).all()
    assert stored == ["wie weet iets van Woo?"]


async def test_command_in_a_channel_is_answered_in_the_thread(slack: SlackHarness) -> None:
    await slack.event(channel_message("!hulp"))
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["channel"] == ALGEMEEN
    assert call.args["thread_ts"] == "1700000000.000200"
    assert "`!hulp`" in call.args["text"]


async def test_command_in_a_thread_answers_in_that_thread(slack: SlackHarness) -> None:
    await slack.event(channel_message("!help", thread_ts="1700000000.000001"))
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["thread_ts"] == "1700000000.000001"
    assert "This is what you can ask" in call.args["text"]


async def test_plain_chat_is_recorded_but_not_answered(slack: SlackHarness) -> None:
    await slack.event(channel_message("goedemorgen allemaal"))
    await slack.event(channel_message("!hulp", ts="1700000000.000300"))
    await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    assert len(slack.mock.of("chat.postMessage")) == 1
    async with slack.bot.services.db.session() as session:
        texts = set((await session.exec(select(Message.text))).all())
    assert texts == {"goedemorgen allemaal", "!hulp"}


async def test_a_mention_arriving_as_message_and_app_mention_is_handled_once(
    slack: SlackHarness,
) -> None:
    text = f"<@{BOT_USER_ID}> wat kun je?"
    ts = "1700000000.000400"
    await slack.event(channel_message(text, ts=ts, channel=SOCIAAL))
    await slack.event(mention(text, ts=ts))
    await slack.mock.wait_for("chat.postMessage")
    await slack.event(channel_message("!hulp", ts="1700000000.000500"))
    await slack.mock.wait_for("chat.postMessage", 2)
    first, second = slack.mock.of("chat.postMessage")
    assert first.args["thread_ts"] == ts and second.args["thread_ts"] == "1700000000.000500"


async def test_messages_from_bots_are_ignored(slack: SlackHarness) -> None:
    await slack.event(
        {**channel_message("!hulp"), "subtype": "bot_message", "bot_id": "BOTHER", "user": ""}
    )
    await slack.event(channel_message("!hulp", ts="1700000000.000900", user=BOT_USER_ID))
    await slack.event(channel_message("!hulp", ts="1700000000.001000"))
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["thread_ts"] == "1700000000.001000"


async def test_redelivered_event_is_handled_once(slack: SlackHarness) -> None:
    event = channel_message("!hulp")
    assert (await slack.event(event, event_id="EvSAME"))[0] == 200
    assert (await slack.event(event, event_id="EvSAME", **{"X-Slack-Retry-Num": "1"}))[0] == 200
    assert (await slack.event(event, event_id="EvSAME", **{"X-Slack-Retry-Num": "2"}))[0] == 200
    await slack.event(channel_message("!hulp", ts="1700000000.000600"), event_id="EvOTHER")
    await slack.mock.wait_for("chat.postMessage", 2)
    await slack.settle()
    threads = [c.args["thread_ts"] for c in slack.mock.of("chat.postMessage")]
    assert sorted(threads) == ["1700000000.000200", "1700000000.000600"]
    async with slack.bot.services.db.session() as session:
        ids = set((await session.exec(HANDLED)).all())
    assert ids == {"EvSAME", "EvOTHER"}


async def test_bad_signature_is_rejected_and_nothing_happens(slack: SlackHarness) -> None:
    import json

    from tests.adapters.slack.mock_slack import event_envelope, sign

    body = json.dumps(event_envelope(channel_message("!hulp"), event_id="EvFORGED"))
    forged = {**sign(body, secret="not-the-secret"), "Content-Type": "application/json"}
    async with slack.http.post(slack.url, data=body.encode(), headers=forged) as response:
        assert response.status == 401
    stale = {**sign(body, timestamp=1_000_000_000), "Content-Type": "application/json"}
    async with slack.http.post(slack.url, data=body.encode(), headers=stale) as response:
        assert response.status == 401
    # A genuine event afterwards is handled, and is the only thing that was.
    await slack.event(channel_message("!hulp", ts="1700000000.000700"), event_id="EvREAL")
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["thread_ts"] == "1700000000.000700"
    await slack.settle()
    assert [c.method for c in slack.mock.calls if c.method != "auth.test"].count("users.info") == 1
    async with slack.bot.services.db.session() as session:
        ids = set((await session.exec(HANDLED)).all())
        texts = (await session.exec(select(Message.external_id))).all()
    assert ids == {"EvREAL"}
    assert texts == ["1700000000.000700"]


async def test_slack_user_is_the_same_person_as_their_matrix_account(
    slack: SlackHarness,
) -> None:
    from bot.core.events import AccountRef

    async with slack.bot.services.db.session() as session:
        matrix = await slack.bot.services.identity.person_for(
            session, AccountRef("matrix", "@anouk:ermelo.nl", "Anouk", "anouk@ermelo.nl")
        )
        await session.commit()
    await slack.event(channel_message("!hulp"))
    await slack.event(channel_message("!hulp", ts="1700000000.000800"))
    await slack.mock.wait_for("chat.postMessage", 2)
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        accounts = (await session.exec(select(Account))).all()
        people = (await session.exec(select(Person))).all()
    assert {(a.platform, a.person_id) for a in accounts} == {
        ("matrix", matrix.id),
        ("slack", matrix.id),
    }
    assert len(people) == 1
    slack_account = next(a for a in accounts if a.platform == "slack")
    assert slack_account.verified_email == "anouk@ermelo.nl"
    assert len(slack.mock.of("users.info")) == 1  # cached
