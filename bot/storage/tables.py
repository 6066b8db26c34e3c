"""Imports every module that defines tables, so ``SQLModel.metadata`` is complete.

A feature that adds tables in a module of its own adds one import here.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from bot.storage import (  # noqa: F401
    adoption_models,
    authority_models,
    expertise_models,
    inbox_models,
    mail_models,
    models,
)
from bot.web import models as web_models  # noqa: F401

metadata = SQLModel.metadata
