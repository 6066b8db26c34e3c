"""The ``[matrix]`` table, validated by the adapter's own model (unknown keys are refused)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.core.config import Config, ConfigError

USER_ID_PATTERN = r"^@[^:\s]+:[^\s]+$"


class MatrixSettings(BaseModel):
    """Everything the Matrix adapter needs. Either ``password`` (log in once, then the device
    is restored from the store folder) or ``access_token`` + ``device_id``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    homeserver: str = Field(pattern=r"^https?://")
    user_id: str = Field(pattern=USER_ID_PATTERN)
    password: str | None = None
    access_token: str | None = None
    device_id: str | None = None
    device_name: str = "Vraagbaak"
    # The name people see and address the bot with; set on the account at the first login.
    display_name: str = "Vraagbaak"
    store_path: Path | None = Field(
        default=None,
        description="folder for the device's credentials and encryption keys "
        "(default: <bot.data_dir>/matrix-store)",
    )
    # Who may invite the bot: full user ids (``@ann:example.org``) or server names
    # (``example.org``). Empty means: users of the bot's own homeserver.
    allowed_inviters: list[str] = Field(default_factory=list)
    # Matrix users who get the administrator role (Matrix accounts carry no e-mail address).
    admins: list[str] = Field(default_factory=list)
    # Place accounts by their verified e-mail address (3PID) from the Synapse admin API; the
    # bot's account must be a server administrator (issue 13).
    verified_emails: bool = False
    leave_when_alone: bool = True
    sync_timeout_ms: int = Field(default=30_000, ge=0, le=120_000)
    # How many timeline events one sync returns per room; a burst beyond this is fetched
    # with /messages (the gap), so nothing is skipped.
    sync_timeline_limit: int = Field(default=20, ge=1, le=500)
    max_rate_limit_retries: int = Field(default=8, ge=0, le=100)
    max_backoff_seconds: float = Field(default=30.0, gt=0, le=600)

    @field_validator("homeserver")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("admins")
    @classmethod
    def _valid_admins(cls, value: list[str]) -> list[str]:
        for item in value:
            if not item.startswith("@") or ":" not in item:
                raise ValueError(f"{item!r} is not a Matrix user id like @name:server")
        return value

    @model_validator(mode="after")
    def _credentials(self) -> MatrixSettings:
        if self.password is None and self.access_token is None:
            raise ValueError("set password, or access_token and device_id")
        if self.access_token is not None and self.device_id is None:
            raise ValueError("access_token needs device_id (the device whose keys we keep)")
        return self

    @property
    def server_name(self) -> str:
        return self.user_id.split(":", 1)[1]

    def store_folder(self, data_dir: Path) -> Path:
        return self.store_path if self.store_path is not None else data_dir / "matrix-store"


def matrix_settings(config: Config, source: str = "(config)") -> MatrixSettings | None:
    """The validated ``[matrix]`` table, or ``None`` when Matrix is not configured."""
    if config.matrix is None:
        return None
    return parse_matrix_settings(config.matrix, source)


def parse_matrix_settings(data: dict[str, Any], source: str = "(config)") -> MatrixSettings:
    try:
        return MatrixSettings.model_validate(data)
    except ValidationError as exc:
        problems = [
            (
                ".".join(["matrix", *(str(p) for p in err["loc"])]),
                "unknown key" if err["type"] == "extra_forbidden" else err["msg"],
            )
            for err in exc.errors()
        ]
        raise ConfigError(source, problems) from None
