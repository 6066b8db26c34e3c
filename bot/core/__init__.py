"""The vocabulary every part shares: events, handler registry, errors, texts, configuration."""
