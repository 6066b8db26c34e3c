"""The one validation ``config check`` and ``run`` share (issue 13): the core model, then each
configured platform's own model, then warnings about configurations that run but leak."""

from __future__ import annotations

from bot.config import Config, ConfigError


def validate_platforms(config: Config, source: str = "(config)") -> list[str]:
    """Raise :class:`ConfigError` for what ``run`` would refuse; return warnings."""
    problems: list[tuple[str, str]] = []
    if config.slack is not None:
        from bot.adapters.slack.config import load_slack_config

        try:
            load_slack_config(config.slack, source)
        except ConfigError as exc:
            problems.extend(exc.problems)
    if config.matrix is not None:
        from bot.adapters.matrix.config import matrix_settings

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
    return found
