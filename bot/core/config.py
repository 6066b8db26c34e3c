"""Configuration: one TOML file, overridden by ``VRAAGBAAK_SECTION__KEY`` environment variables.

Built once in ``main`` and passed in; never created at import time.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import datetime
from email.utils import formataddr, getaddresses
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.core.config_error import ConfigError as ConfigError  # re-exported: the module's API

ENV_PREFIX = "VRAAGBAAK_"
CONFIG_ENV = "VRAAGBAAK_CONFIG"
DEFAULT_DATABASE_URL = "sqlite:///vraagbaak-data/vraagbaak.db"

Language = Literal["nl", "en"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BotSection(Section):
    language: Language = "nl"
    name: str = "vraagbaak"
    command_prefix: str = "!"
    data_dir: Path = Path("vraagbaak-data")
    admins: list[str] = Field(
        default_factory=list, description="e-mail addresses of administrators"
    )
    community_managers: list[str] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "console"


class DatabaseSection(Section):
    url: str = DEFAULT_DATABASE_URL
    echo: bool = False
    # PostgreSQL ends a transaction left open this long by a paused or hung process, so its
    # row locks cannot stall the other replicas (idle_in_transaction_session_timeout). Longer
    # than any chat call an event's transaction waits on (the answer is sent before commit).
    idle_in_transaction_seconds: float = Field(default=120, gt=0)

    @field_validator("url")
    @classmethod
    def _supported_url(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "sqlite+", "postgresql:", "postgresql+")):
            raise ValueError("only sqlite:/// and postgresql+psycopg:// URLs are supported")
        return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SIGNATURE_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
SIGNATURE_MAX_LINES = 12
SIGNATURE_MAX_CHARS = 1000


def mail_address_field(value: str | None) -> str | None:
    """``"Gemeente Harderwijk <vraag@harderwijk.nl>"`` or a bare address, checked: one
    address with a domain, no line breaks (it becomes a ``From:`` header)."""
    if value is None:
        return None
    if _CONTROL.search(value) or len(value) > 300:
        raise ValueError("must be one line: 'Name <address@domain>'")
    found = getaddresses([value.strip()])
    name, address = found[0] if len(found) == 1 else ("", "")
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain.strip(".") or any(c in address for c in " <>,"):
        raise ValueError(f"{value!r} is not one e-mail address such as 'Name <vraag@gemeente.nl>'")
    return formataddr((name.strip(), address.lower()))


def mail_signature_field(value: str | None) -> str | None:
    """A multi-line signature (team, phone, website) under answers and receipts."""
    if value is None:
        return None
    text = value.replace("\r\n", "\n").strip("\n")
    if _SIGNATURE_CONTROL.search(text):
        raise ValueError("may contain line breaks but no other control characters")
    if len(text) > SIGNATURE_MAX_CHARS or text.count("\n") >= SIGNATURE_MAX_LINES:
        raise ValueError(
            f"at most {SIGNATURE_MAX_LINES} lines and {SIGNATURE_MAX_CHARS} characters"
        )
    return "\n".join(line.rstrip() for line in text.split("\n"))


class OrganisationConfig(Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    domains: list[str] = Field(default_factory=list)
    # Glob patterns over Matrix user ids (``@*:vandijkbouw.nl``): Matrix accounts carry no
    # verified e-mail address, so this is how they get an organisation (issue 13).
    matrix_ids: list[str] = Field(default_factory=list)
    external: bool = False
    # Who answers by mail for this organisation (issue 15): the ``From:`` of answers and
    # receipts for the questions that belong to it, and the signature under them.
    mail_from: str | None = None
    mail_signature: str = ""

    @field_validator("mail_from")
    @classmethod
    def _mail_from(cls, value: str | None) -> str | None:
        return mail_address_field(value)

    @field_validator("mail_signature")
    @classmethod
    def _mail_signature(cls, value: str) -> str:
        return mail_signature_field(value) or ""

    @field_validator("domains")
    @classmethod
    def _lowercase_domains(cls, value: list[str]) -> list[str]:
        return [domain.strip().lower() for domain in value]

    @field_validator("matrix_ids")
    @classmethod
    def _matrix_patterns(cls, value: list[str]) -> list[str]:
        cleaned = [pattern.strip() for pattern in value]
        for pattern in cleaned:
            local, colon, server = pattern.partition(":")
            if not local.startswith("@") or not colon or not server or len(pattern) > 255:
                raise ValueError(
                    f"{pattern!r} is not a Matrix user id pattern such as '@*:vandijkbouw.nl'"
                )
        return cleaned

    def matches_matrix_id(self, user_id: str) -> bool:
        """Whether ``user_id`` matches one of ``matrix_ids``: the localpart exactly as
        written, the server name case-insensitively (DNS names are)."""
        local, colon, server = user_id.partition(":")
        if not colon or len(user_id) > 255:
            return False
        for pattern in self.matrix_ids:
            p_local, _, p_server = pattern.partition(":")
            if fnmatchcase(local, p_local) and fnmatchcase(server.lower(), p_server.lower()):
                return True
        return False


class GroupConfig(Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    email: str | None = None
    matrix_room: str | None = None
    slack_channel: str | None = None
    community_managers: list[str] = Field(default_factory=list)
    greeters: list[str] = Field(default_factory=list)
    moderators: list[str] = Field(default_factory=list)
    nudges: list[str] | None = None
    # The organisation that owns the group: answers to mail sent straight to the group come
    # from it. ``mail_from``/``mail_signature`` replace that organisation's for the
    # questions that belong to it (issue 15).
    organisation: str | None = None
    mail_from: str | None = None
    mail_signature: str | None = None
    # Accepting an answer shows the acceptor the exact mail first (!versturen sends it).
    answer_preview: bool = True

    @field_validator("mail_from")
    @classmethod
    def _mail_from(cls, value: str | None) -> str | None:
        return mail_address_field(value)

    @field_validator("mail_signature")
    @classmethod
    def _mail_signature(cls, value: str | None) -> str | None:
        return mail_signature_field(value)


class StatsSection(Section):
    ignore_groups: list[str] = Field(default_factory=list)
    activity_retention_days: int = Field(default=60, ge=1)


class NudgesSection(Section):
    """Scheduled nudges (docs/adoption.md). ``clock_*`` run the jobs on an accelerated clock,
    for tests and demonstrations only."""

    unanswered_after_hours: float = Field(default=4, gt=0)
    escalate_after_hours: float = Field(default=8, gt=0)
    introductions_every_days: int = Field(default=28, ge=1)
    tick_seconds: float = Field(default=300, gt=0)
    lease_seconds: float = Field(default=30, gt=0)
    clock_start: datetime | None = None
    clock_anchor: datetime | None = None
    clock_speed: float = Field(default=1.0, gt=0)


class MailSection(Section):
    general_address: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=2525, ge=0, le=65535)
    max_message_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    outgoing_host: str | None = None
    outgoing_port: int = Field(default=25, ge=1, le=65535)
    outgoing_username: str | None = None
    outgoing_password: str | None = None
    outgoing_starttls: bool = False
    imap_host: str | None = None
    imap_port: int = Field(default=993, ge=1, le=65535)
    imap_username: str | None = None
    imap_password: str | None = None
    imap_ssl: bool = True
    imap_folder: str = "INBOX"
    routing_threshold: float = Field(default=0.35, ge=0, le=1)
    # Routing learns each group's channel history: read again this often, and after a
    # person chose the group of a mail.
    router_refresh_minutes: float = Field(default=30.0, gt=0)
    keep_original_days: int = Field(default=90, ge=1)
    # Sender verification (docs/email.md): whose Authentication-Results are believed, and
    # which SMTP clients are the edge that adds them. Nothing is trusted by default.
    trusted_authserv_ids: list[str] = Field(default_factory=list)
    trusted_relays: list[str] = Field(default_factory=list)
    trusted_submission: list[str] = Field(default_factory=list)
    # Mail straight from the internet: verify DKIM ourselves (DNS via this resolver,
    # "host:port", or the system's).
    dkim_verify: bool = True
    # ... and SPF (the listener is that mail's receiving MTA: it stamps its own
    # Authentication-Results under ``edge_authserv_id`` and removes forged ones).
    spf_verify: bool = True
    edge_authserv_id: str = Field(default="vraagbaak-edge", pattern=r"^[A-Za-z0-9.\-]{1,64}$")
    dns_resolver: str | None = None
    # Bounded work: understanding one mail runs in a worker process.
    understand_seconds: float = Field(default=10.0, gt=0)
    understand_memory_mb: int = Field(default=1024, ge=64)
    understand_attempts: int = Field(default=3, ge=1)
    # Mail that starts a thread or follows up, per sender and per sender domain, per hour.
    max_per_sender_hour: int = Field(default=10, ge=1)
    max_per_domain_hour: int = Field(default=50, ge=1)

    @field_validator("trusted_relays", "trusted_submission")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        import ipaddress

        return [str(ipaddress.ip_network(v.strip(), strict=False)) for v in value]

    def peer_in(self, networks: list[str], peer: str | None) -> bool:
        import ipaddress

        if not peer:
            return False
        try:
            address = ipaddress.ip_address(peer.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address in ipaddress.ip_network(n) for n in networks)


class WhoKnowsSection(Section):
    """The expertise index ("who knows X?"); see docs/whoknows.md."""

    half_life_days: float = Field(default=60.0, gt=0)
    synonyms: list[list[str]] = Field(default_factory=list)
    thesaurus_files: list[Path] = Field(default_factory=list)
    # Word lists per language (one word a line), so that a correct word is never "corrected";
    # unset: those in /usr/share/dict where installed (Debian wdutch, wbritish, wngerman).
    word_lists: dict[str, Path] | None = None
    # Past questions close in meaning count too (knowledge/meaning.py): a multilingual
    # sentence encoder, run when the index is built and once per question.
    meaning: bool = True

    @field_validator("word_lists")
    @classmethod
    def _known_languages(cls, value: dict[str, Path] | None) -> dict[str, Path] | None:
        unknown = sorted(set(value or {}) - {"nl", "en", "de"})
        if unknown:
            raise ValueError(f"languages are nl, en and de, not {', '.join(unknown)}")
        return value


_CSS_PROPERTY = r"^--[a-z0-9-]{1,80}$"


class WebSection(Section):
    """The dashboard (docs/dashboard.md). ``base_url`` is what links point at, e.g. behind a
    reverse proxy; empty means ``http://host:port``. ``themes`` maps an organisation id to
    design-token overrides (``--utrecht-…`` custom properties) for the people of it."""

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    base_url: str = ""
    link_minutes: int = Field(default=15, ge=1, le=60 * 24)
    session_hours: float = Field(default=8, gt=0, le=24 * 7)
    figures_cache_seconds: float = Field(default=60, ge=0)
    themes: dict[str, dict[str, str]] = Field(default_factory=dict)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("themes")
    @classmethod
    def _token_overrides(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for tokens in value.values():
            for name, token in tokens.items():
                if not re.match(_CSS_PROPERTY, name):
                    raise ValueError(f"{name!r} is not a CSS custom property (--name)")
                if any(char in token for char in ";{}<>\\\n") or len(token) > 200:
                    raise ValueError(f"value of {name} may not contain ; {{ }} < > or \\")
        return value

    def public_url(self) -> str:
        return self.base_url or f"http://{self.host}:{self.port}"


class Config(Section):
    """The whole configuration, validated."""

    bot: BotSection = Field(default_factory=BotSection)
    database: DatabaseSection = Field(default_factory=DatabaseSection)
    organisations: list[OrganisationConfig] = Field(default_factory=list)
    groups: list[GroupConfig] = Field(default_factory=list)
    stats: StatsSection = Field(default_factory=StatsSection)
    nudges: NudgesSection = Field(default_factory=NudgesSection)
    mail: MailSection = Field(default_factory=MailSection)
    whoknows: WhoKnowsSection = Field(default_factory=WhoKnowsSection)
    web: WebSection = Field(default_factory=WebSection)
    # Platform sections are plain tables here and validated by their adapters' own models,
    # so the core does not depend on what a platform needs.
    matrix: dict[str, Any] | None = None
    slack: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Config:
        for label, items in (("organisations", self.organisations), ("groups", self.groups)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{label}: id {item.id!r} is used twice")
                seen.add(item.id)
        known = {o.id: o for o in self.organisations}
        for index, group in enumerate(self.groups):
            if group.organisation is None:
                continue
            owner = known.get(group.organisation)
            if owner is None:
                raise ValueError(
                    f"groups[{index}] (id = {group.id!r}): organisation {group.organisation!r} "
                    "is not one of [[organisations]]"
                )
            if owner.external:
                raise ValueError(
                    f"groups[{index}] (id = {group.id!r}): organisation {group.organisation!r} "
                    "is an external partner; a group is owned by one of the organisations"
                )
        return self

    def group(self, group_id: str) -> GroupConfig | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def organisation(self, organisation_id: str) -> OrganisationConfig | None:
        return next((o for o in self.organisations if o.id == organisation_id), None)

    def organisation_for_matrix_id(self, user_id: str) -> OrganisationConfig | None:
        """The organisation whose ``matrix_ids`` match; when a partner's pattern and a broad
        one both match (a shared homeserver), the partner's wins: fail closed."""
        found = [o for o in self.organisations if o.matches_matrix_id(user_id)]
        return next((o for o in found if o.external), found[0] if found else None)

    def organisation_for_account(
        self, platform: str, external_id: str, email: str | None
    ) -> OrganisationConfig | None:
        """The organisation of an account: by verified e-mail address, else (Matrix) by user
        id pattern. ``None`` means unknown, which is treated as an external partner."""
        if email:
            found = self.organisation_for_email(email)
            if found is not None:
                return found
        if platform == "matrix":
            return self.organisation_for_matrix_id(external_id)
        return None

    def organisation_for_email(self, email: str) -> OrganisationConfig | None:
        domain = email.rsplit("@", 1)[-1].strip().lower()
        for org in self.organisations:
            if domain in org.domains or any(domain.endswith("." + d) for d in org.domains):
                return org
        return None


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    """``VRAAGBAAK_BOT__LANGUAGE=en`` becomes ``{"bot": {"language": "en"}}``.

    Values are parsed as TOML values when they can be (numbers, booleans, arrays), else taken
    as strings.
    """
    overrides: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV:
            continue
        path = [part.lower() for part in name[len(ENV_PREFIX) :].split("__") if part]
        if len(path) < 2:
            continue
        try:
            value: Any = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        node = overrides
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return overrides


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _format_location(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    parts: list[str] = []
    node: Any = data
    for item in loc:
        if isinstance(item, int):
            label = ""
            if isinstance(node, list) and item < len(node) and isinstance(node[item], dict):
                ident = node[item].get("id")
                label = f" (id = {ident!r})" if ident else ""
            parts[-1] = f"{parts[-1]}[{item}]{label}" if parts else f"[{item}]"
        else:
            parts.append(str(item))
        try:
            node = node[item]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts) or "(top level)"


def _reason(error_type: str, message: str) -> str:
    if error_type == "extra_forbidden":
        return "unknown key"
    if error_type == "literal_error":
        return message.replace("Input should be", "must be")
    return message


def parse_config(data: dict[str, Any], source: str) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = [
            (_format_location(tuple(err["loc"]), data), _reason(err["type"], err["msg"]))
            for err in exc.errors()
        ]
        raise ConfigError(source, problems) from None


def load_config(path: Path | str | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read the TOML file (or the embedded defaults when there is none) and apply overrides."""
    env = dict(os.environ if environ is None else environ)
    chosen = path if path is not None else env.get(CONFIG_ENV)
    data: dict[str, Any] = {}
    source = "(embedded defaults)"
    if chosen:
        file = Path(chosen)
        source = str(file)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(source, [("(file)", "file not found")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(source, [("(syntax)", str(exc))]) from None
    return config_with_overrides(data, source, env)


def config_with_overrides(
    data: dict[str, Any], source: str, environ: dict[str, str] | None = None
) -> Config:
    """Validate ``data`` (from ``source``) after applying the ``VRAAGBAAK_...`` overrides."""
    overrides = _env_overrides(dict(os.environ if environ is None else environ))
    if overrides:
        data = _merge(data, overrides)
    return parse_config(data, source)
