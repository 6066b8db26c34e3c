"""People and records: identity, roles, what an audience may see, channels, recorded messages."""
