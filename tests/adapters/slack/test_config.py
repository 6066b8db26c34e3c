from __future__ import annotations

import pytest

from bot.adapters.slack.config import load_slack_config
from bot.core.config import ConfigError


def test_http_and_socket_modes() -> None:
    http = load_slack_config({"bot_token": "xoxb-1", "signing_secret": "s3cr3t", "port": 3001})
    assert http.transport == "http" and http.port == 3001
    assert http.api_url == "https://slack.com/api/"
    socket = load_slack_config({"bot_token": "xoxb-1", "app_token": "xapp-1"})
    assert socket.transport == "socket"
    assert (
        load_slack_config(
            {"bot_token": "xoxb-1", "app_token": "xapp-1", "api_url": "http://127.0.0.1:9/api"}
        ).api_url
        == "http://127.0.0.1:9/api/"
    )


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"bot_token": "xoxb-1"}, "set app_token for Socket Mode"),
        ({"bot_token": "xoxb-1", "app_token": "xapp-1", "signing_secret": "s"}, "not both"),
        ({"bot_token": "xoxp-1", "app_token": "xapp-1"}, "slack.bot_token"),
        ({"bot_token": "xoxb-1", "app_token": "xapp-1", "tokne": "x"}, "slack.tokne: unknown key"),
        ({"bot_token": "xoxb-1", "signing_secret": "changeme"}, "placeholder"),
        ({"bot_token": "xoxb-1", "signing_secret": "s", "port": 70000}, "slack.port"),
    ],
)
def test_problems_are_named(table: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError) as problem:
        load_slack_config(table)
    assert fragment in str(problem.value)
