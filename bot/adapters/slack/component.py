"""``vraagbaak run`` starts the Slack adapter when ``[slack]`` is configured."""

from __future__ import annotations

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.slack.config import SlackConfig, load_slack_config
from bot.startup.app import Bot


class SlackComponent:
    name = "slack"

    def __init__(self, bot: Bot, config: SlackConfig) -> None:
        self._bot = bot
        self.adapter = SlackAdapter(config, bot.services)

    async def start(self) -> None:
        self._bot.services.adapters.add(self.adapter)
        await self.adapter.start(self._bot.dispatcher.for_adapter(self.adapter))

    async def stop(self) -> None:
        await self.adapter.stop()
        self._bot.services.adapters.remove(self.adapter.platform)

    def healthy(self) -> bool:
        return self.adapter.healthy()


def slack_component(bot: Bot) -> SlackComponent | None:
    table = bot.services.config.slack
    if not table:
        return None
    return SlackComponent(bot, load_slack_config(table))
