"""The running process: the bot built from its configuration, `vraagbaak run`, seeding."""
