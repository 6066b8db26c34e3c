"""Timed jobs (escalation, digests, reports, introductions) and the rules every nudge obeys."""
