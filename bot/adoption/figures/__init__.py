"""Adoption figures: which rows count, aggregated by the database (:mod:`.queries`), turned
into figures by pure functions (:mod:`.tally`, :mod:`.privacy`), for ``vraagbaak stats``, the
monthly report and the dashboard (:mod:`.compute`, :mod:`.worker`). Imports only the core
and storage. Definitions for community managers: docs/adoption.md."""
