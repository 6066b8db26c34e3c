"""Adoption: whether the new way of working takes hold, and gentle nudges towards it.

One package, its imports pointing downward only::

    commands   chat commands and listeners (muting, pausing, digests, introductions,
      │        targets, the report room, the global pause, recording activity)
    jobs/      the timed jobs (unanswered questions, digest, introductions, the monthly
      │        report, activity retention), run by the generic scheduler in ``schedules/``
    rules, goals, settings, activity, texts
      │        what every nudge obeys, targets, the typed settings table, pseudonymised
      │        activity, what the nudges say
    figures/   the adoption figures (``vraagbaak stats``, the report, the dashboard)
      │
    bot/storage (tables), the core (services, events, i18n, clock, working time)

Nothing in the core imports this package; the features are loaded by ``handlers``
(the commands), ``bot/startup/runtime.py`` (the jobs) and the dashboard and command line (figures,
targets). See docs/adoption.md.
"""
