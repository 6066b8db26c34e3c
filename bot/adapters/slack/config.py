"""The ``[slack]`` table, validated by the adapter itself (the core keeps it a plain dict)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.core.config import ConfigError

SLACK_API_URL = "https://slack.com/api/"

# Values copied from a template and never filled in; refused at start (the FastAPI template's
# "changethis" rule) so a bot never runs half-configured.
_PLACEHOLDERS = {"", "changeme", "changethis", "xoxb-...", "xapp-...", "secret", "todo"}


def _not_placeholder(value: str | None, what: str) -> str | None:
    if value is not None and value.strip().lower() in _PLACEHOLDERS:
        raise ValueError(f"{what} is a placeholder; fill in the real value")
    return value


class SlackConfig(BaseModel):
    """Socket Mode when ``app_token`` is set; the HTTP Events API when ``signing_secret`` is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bot_token: str = Field(description="bot token, xoxb-…")
    app_token: str | None = Field(default=None, description="app-level token (Socket Mode)")
    signing_secret: str | None = Field(default=None, description="HTTP Events API")
    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=0, le=65535)
    path: str = "/slack/events"
    api_url: str = SLACK_API_URL
    request_timeout: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=5, ge=1, le=20)
    max_retry_after: float = Field(default=60.0, ge=0)
    inline_wait: float = Field(default=2.0, ge=0)
    backoff_base: float = Field(default=0.5, ge=0)
    outbox_interval: float = Field(default=5.0, gt=0)
    user_cache_seconds: float = Field(default=3600.0, ge=0)
    shortcut_callback_id: str = "stel_openbaar_in_groep"

    @field_validator("bot_token")
    @classmethod
    def _bot_token(cls, value: str) -> str:
        _not_placeholder(value, "bot_token")
        if not value.startswith("xoxb-"):
            raise ValueError("bot_token must be a bot token (xoxb-…)")
        return value

    @field_validator("app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        _not_placeholder(value, "app_token")
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("app_token must be an app-level token (xapp-…)")
        return value

    @field_validator("signing_secret")
    @classmethod
    def _secret(cls, value: str | None) -> str | None:
        return _not_placeholder(value, "signing_secret")

    @field_validator("api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("api_url must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("path must start with /")
        return value

    @model_validator(mode="after")
    def _one_transport(self) -> SlackConfig:
        if self.app_token and self.signing_secret:
            raise ValueError(
                "set app_token (Socket Mode) or signing_secret (HTTP Events API), not both"
            )
        if not self.app_token and not self.signing_secret:
            raise ValueError(
                "set app_token for Socket Mode, or signing_secret (and port) for the Events API"
            )
        return self

    @property
    def transport(self) -> Literal["socket", "http"]:
        return "socket" if self.app_token else "http"


def load_slack_config(table: dict[str, Any], source: str = "[slack]") -> SlackConfig:
    """Validate the ``[slack]`` table, phrasing problems like the rest of the configuration."""
    try:
        return SlackConfig.model_validate(table)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = "slack." + ".".join(str(p) for p in err["loc"]) if err["loc"] else "slack"
            reason = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            problems.append((key, reason.removeprefix("Value error, ")))
        raise ConfigError(source, problems) from None
