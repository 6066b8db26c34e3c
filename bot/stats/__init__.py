"""Adoption figures: SQL over the tables (:mod:`bot.stats.rows`) plus pure aggregation
(:mod:`bot.stats.figures`). Definitions for community managers: docs/adoption.md."""
