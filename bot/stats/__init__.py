"""Adoption figures: which rows count, aggregated by the database (:mod:`bot.stats.queries`),
turned into figures by pure functions (:mod:`bot.stats.figures`), for ``vraagbaak stats``,
the monthly report and the dashboard (:mod:`bot.stats.report`, :mod:`bot.stats.worker`).
Definitions for community managers: docs/adoption.md."""
