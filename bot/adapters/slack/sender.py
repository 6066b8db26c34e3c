"""Outgoing Web API calls: bounded retries, ``Retry-After`` honoured.

A transient failure (429, 5xx, connection refused, timeout) is retried up to ``max_attempts``
times, waiting ``Retry-After`` (capped at ``max_retry_after``) or an exponential backoff. A
message Slack does not take now waits in the outbox (bot/delivery/outbox.py, ``delivery.py``), which
sends it in order once Slack is back, also after a restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.logs import get_logger
from bot.delivery.retry import Backoff

log = get_logger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class SlackCallError(Exception):
    """Slack refused the call for good (e.g. ``channel_not_found``); retrying will not help."""

    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"{method}: {error}")
        self.method = method
        self.error = error


class SlackUnavailableError(Exception):
    """Slack did not answer (or kept rate-limiting) through every attempt. ``maybe_done``:
    some attempt may have reached Slack before its answer was lost (a 5xx, a timeout, a
    broken connection), unlike a 429 or a connection that was never made."""

    def __init__(self, message: str, *, maybe_done: bool = False) -> None:
        super().__init__(message)
        self.maybe_done = maybe_done


# The defaults of the [slack] settings backoff_base, max_retry_after and max_attempts.
CALL_BACKOFF = Backoff(first=0.5, cap=60.0, max_attempts=5)


@dataclass(frozen=True)
class RetryPolicy:
    """How one Web API call is retried: the one backoff policy (bot/delivery/retry.py; its ``cap``
    also bounds a ``Retry-After``) and how long a handler may wait inline."""

    backoff: Backoff = CALL_BACKOFF
    # Longest wait inside a handler; a longer Retry-After sends the message to the outbox, so
    # the handler (and its database transaction) does not sit idle for a minute.
    inline_wait: float = 2.0


def _retry_after(error: SlackApiError) -> float | None:
    headers = getattr(error.response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(float(value if isinstance(value, str) else value[0]), 0.0)
            except (TypeError, ValueError, IndexError):
                return None
    return None


class _NotSlackJsonError(Exception):
    """The Web API answered with something other than a JSON object."""


def _error_of(error: SlackApiError) -> str | None:
    """Slack's ``error`` code, when the answer was Slack's JSON at all."""
    data = getattr(error.response, "data", None)
    if isinstance(data, dict):
        value = data.get("error")
        return str(value) if value else None
    return None


class SlackSender:
    def __init__(
        self,
        client: AsyncWebClient,
        policy: RetryPolicy,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._client = client
        self.policy = policy
        self._sleep = sleep
        self.last_failure: str | None = None

    async def call(
        self,
        method: str,
        args: dict[str, Any],
        *,
        verb: Literal["GET", "POST"] = "POST",
        patient: bool = False,
    ) -> dict[str, Any]:
        """One Web API call with bounded retries. Raises :class:`SlackCallError` for a
        refusal and :class:`SlackUnavailableError` when every attempt failed transiently.

        Impatient calls (from handlers) give up rather than wait longer than
        ``inline_wait``; the outbox drain is patient, up to ``max_retry_after`` per wait."""
        maybe_done = False
        for attempt in range(1, self.policy.backoff.max_attempts + 1):
            wait: float
            reached = True
            try:
                if verb == "GET":
                    response = await self._client.api_call(method, http_verb="GET", params=args)
                else:
                    response = await self._client.api_call(method, json=args)
                data = response.data
                if not isinstance(data, dict):
                    raise _NotSlackJsonError(type(data).__name__)
                self.last_failure = None
                return data
            except _NotSlackJsonError as exc:
                wait, reason = self.policy.backoff.seconds(attempt), f"answer not JSON ({exc})"
            except (AttributeError, TypeError, ValueError) as exc:
                # slack_sdk validates an answer by calling .get on its body, which is a str
                # when a proxy or an outage answers 200 with an HTML page (issue 11): that is
                # Slack not answering, so it is retried like a 5xx.
                wait, reason = self.policy.backoff.seconds(attempt), f"answer not JSON ({exc})"
            except SlackApiError as exc:
                status = getattr(exc.response, "status_code", 0)
                if status == 429:
                    after = _retry_after(exc)
                    wait = self.policy.backoff.seconds(attempt) if after is None else after
                    wait = min(wait, self.policy.backoff.cap)
                    reason, reached = "rate limited", False
                elif status >= 500:
                    wait, reason = self.policy.backoff.seconds(attempt), f"http {status}"
                elif (error := _error_of(exc)) is None and status < 400:
                    # 200 with no Slack JSON (an HTML page, an empty body): not an answer.
                    wait, reason = self.policy.backoff.seconds(attempt), f"http {status}, not JSON"
                else:
                    raise SlackCallError(method, error or f"http {status}") from None
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                wait, reason = self.policy.backoff.seconds(attempt), type(exc).__name__
                reached = not isinstance(exc, aiohttp.ClientConnectorError | ConnectionRefusedError)
            maybe_done = maybe_done or reached
            self.last_failure = reason
            log.warning(
                "slack call failed", method=method, attempt=attempt, reason=reason, wait=wait
            )
            if not patient and wait > self.policy.inline_wait:
                break
            if attempt < self.policy.backoff.max_attempts:
                await self._sleep(wait)
        raise SlackUnavailableError(f"{method}: {self.last_failure}", maybe_done=maybe_done)
