"""Issue 15: the bot edits its own status line in place (``chat.update``), the new text
rendered like any message it posts."""

from __future__ import annotations

from bot.core.events import ConversationRef
from tests.adapters.slack.conftest import SOCIAAL, SlackHarness


async def test_edit_updates_the_message_in_place(slack: SlackHarness) -> None:
    channel = ConversationRef("slack", SOCIAAL, "#sociaal-domein")
    root = await slack.adapter.post(channel, "vraag")
    line = await slack.adapter.post(channel, "📬 status: **open**", thread_id=root.message_id)
    await slack.adapter.edit(line, "📬 status: **gemaild** — <!channel> door Mark")
    [update] = await slack.mock.wait_for("chat.update")
    assert update.args["channel"] == SOCIAAL and update.args["ts"] == line.message_id
    assert update.args["text"].startswith("📬 status: *gemaild*")
    assert update.args["blocks"][0]["text"]["text"] == update.args["text"]
    assert len(slack.mock.of("chat.postMessage")) == 2  # edited, not posted again
