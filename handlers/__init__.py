"""What happens: one module per capability. Handlers see core events and services only.
The modules the bot runs with are listed in ``bot/startup/app.py`` (``DEFAULT_MODULES``)."""
