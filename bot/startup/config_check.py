"""The one validation ``config check`` and ``run`` share (issue 13): the core model, then each
configured platform's own model, then warnings about configurations that run but leak."""

from __future__ import annotations

from bot.adapters.matrix.config import matrix_settings
from bot.adapters.slack.config import load_slack_config
from bot.core.config import Config, ConfigError


def validate_platforms(config: Config, source: str = "(config)") -> list[str]:
    """Raise :class:`ConfigError` for what ``run`` would refuse; return warnings."""
    problems: list[tuple[str, str]] = []
    if config.slack is not None:
        try:
            load_slack_config(config.slack, source)
        except ConfigError as exc:
            problems.extend(exc.problems)
    if config.matrix is not None:
        try:
            matrix_settings(config, source)
        except ConfigError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ConfigError(source, problems)
    return warnings(config)


def warnings(config: Config) -> list[str]:
    found: list[str] = []
    if config.matrix is not None and not any(o.matrix_ids for o in config.organisations):
        found.append(
            "[matrix] is set but no [[organisations]] has matrix_ids: every Matrix account "
            "will be treated as an external partner (add e.g. matrix_ids = "
            '["@*:gemeente.nl"])'
        )
    return found + mail_identity_warnings(config)


def mail_identity_warnings(config: Config) -> list[str]:
    """Answers by mail that would come from an address the asker never wrote to, or from a
    domain the organisation does not list (its SPF/DKIM must allow the smarthost)."""
    takes_mail = bool(config.mail.general_address or any(g.email for g in config.groups))
    if not takes_mail:
        return []
    found: list[str] = []
    for organisation in config.organisations:
        if organisation.external:
            continue
        if organisation.mail_from is None:
            found.append(
                f"organisations (id = {organisation.id!r}) has no mail_from: answers to the "
                "questions its people forward come from the group's Vraagbaak address, which "
                'the asker never wrote to (add e.g. mail_from = "Gemeente X <vraag@x.nl>")'
            )
            continue
        domain = organisation.mail_from.rsplit("@", 1)[-1].rstrip(">").lower()
        if organisation.domains and not any(
            domain == d or domain.endswith("." + d) for d in organisation.domains
        ):
            found.append(
                f"organisations (id = {organisation.id!r}): mail_from is on {domain}, not one "
                "of its domains; make sure the smarthost may send for it (SPF, DKIM)"
            )
    for group in config.groups:
        if group.email and group.organisation is None and group.mail_from is None:
            found.append(
                f"groups (id = {group.id!r}) takes mail at {group.email} but has no "
                "organisation or mail_from: answers to mail sent straight to it come from "
                "that address, signed with the group's name"
            )
    return found
