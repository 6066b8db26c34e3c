"""Issue 11: what a hostile or broken peer sends does not take the Slack edge down.

A correctly signed request whose body is not what Slack sends gets 400 and the next good
request is served; an HTML error page from the Web API (a proxy's 502) is a transient
failure that is retried, and the message is delivered exactly once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.adapters.slack.conftest import SlackHarness
from tests.adapters.slack.test_http_events import channel_message

_BAD_GATEWAY = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center></body></html>"
)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: this is about the HTTP edge, not the database."""
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


async def _still_serving(slack: SlackHarness) -> None:
    status, _ = await slack.event(channel_message("!hulp"))
    assert status == 200
    (answer,) = await slack.mock.wait_for("chat.postMessage", 1)
    assert "Dit kun je vragen" in answer.args["text"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('["an", "array"]', "application/json"),
        ("payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        ("payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        ("payload=%ZZ%ZZ", "application/x-www-form-urlencoded"),
        ("\xff\xfe garbage", "application/x-www-form-urlencoded"),
        ('{"type": "event_callback", "event": "not an object"}', "application/json"),
    ],
)
async def test_signed_malformed_body_gets_400_and_the_next_request_is_served(
    slack: SlackHarness, body: str, content_type: str
) -> None:
    status, _ = await slack.post(body, content_type)
    assert status == 400
    await _still_serving(slack)


async def test_signed_payload_of_the_wrong_shape_is_refused_not_crashed(
    slack: SlackHarness,
) -> None:
    status, _ = await slack.form({"payload": json.dumps({"type": "block_actions"})})
    assert status < 500  # bolt answers 404 for what no listener takes
    await _still_serving(slack)


async def test_html_502_from_the_web_api_is_retried_and_delivered_once(
    slack: SlackHarness,
) -> None:
    slack.mock.fail("chat.postMessage", status=502, body=_BAD_GATEWAY)
    status, _ = await slack.event(channel_message("!hulp"))
    assert status == 200
    first, second = await slack.mock.wait_for("chat.postMessage", 2)
    await slack.settle()
    assert second.args["text"] == first.args["text"]
    assert "Dit kun je vragen" in second.args["text"]
    assert len(slack.mock.of("chat.postMessage")) == 2  # the failed try and one delivery
    assert second.response.get("ok") is True


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (200, _BAD_GATEWAY, "text/html"),
        (200, "not json at all", "text/plain"),
        (200, '"a json string"', "application/json"),
        (503, "", "text/plain"),
    ],
)
async def test_a_non_json_answer_is_a_transient_failure_not_an_exception(
    slack: SlackHarness, status: int, body: str, content_type: str
) -> None:
    slack.mock.fail("chat.postMessage", status=status, body=body, content_type=content_type)
    answer = await slack.adapter.sender.call("chat.postMessage", {"channel": "CALGEMEEN"})
    assert answer.get("ok") is True
    assert len(slack.mock.of("chat.postMessage")) == 2


async def test_unsigned_or_badly_timestamped_requests_get_401_not_a_parse(
    slack: SlackHarness,
) -> None:
    url = slack.url
    async with slack.http.post(
        url, data=b"{not json", headers={"Content-Type": "application/json"}
    ) as r:
        assert r.status == 401
    bad_clock = {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"}
    async with slack.http.post(url, data=b"{}", headers=bad_clock) as r:
        assert r.status == 401
    await _still_serving(slack)
