"""Puts the expertise index into the bot's services (for handlers and for nudges)."""

from __future__ import annotations

from bot.expertise.finder import ExpertIndex
from bot.ports import ExpertFinder
from bot.services import Services
from knowledge.thesaurus import load_thesaurus


def provide_expert_finder(services: Services) -> ExpertIndex:
    settings = services.config.whoknows
    index = ExpertIndex(
        load_thesaurus(settings.synonyms, settings.thesaurus_files),
        clock=services.clock,
        half_life_days=settings.half_life_days,
        language=services.config.bot.language,
    )
    services.provide(index)
    services.provide(index, as_type=ExpertFinder)
    return index
