"""The configuration error on its own: the command line catches it without loading the
configuration machinery (pydantic) for ``--help``."""

from __future__ import annotations


class ConfigError(Exception):
    """A configuration problem, phrased for the administrator: file, key and reason."""

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: {key}: {reason}" for key, reason in problems]
        super().__init__("\n".join(lines))
