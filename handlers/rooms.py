"""Rooms and groups: an administrator links the room they are in to a group."""

from __future__ import annotations

from bot.core.errors import UserError
from bot.core.inert import inert
from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.storage.models import Group, Role

TEXTS = {
    "rooms.link_help": {
        "nl": "Deze ruimte aan een groep koppelen (beheerders): `!koppel groep-id`",
        "en": "Link this room to a group (administrators): `!link group-id`",
    },
    "rooms.link_usage": {
        "nl": "Gebruik: `!koppel groep-id`. Bekende groepen: {groups}.",
        "en": "Usage: `!link group-id`. Known groups: {groups}.",
    },
    "rooms.link_unknown": {
        "nl": "De groep `{group}` bestaat niet. Bekende groepen: {groups}.",
        "en": "There is no group `{group}`. Known groups: {groups}.",
    },
    "rooms.link_direct": {
        "nl": "Een privégesprek kan niet aan een groep gekoppeld worden.",
        "en": "A direct conversation cannot be linked to a group.",
    },
    "rooms.linked": {
        "nl": "Deze ruimte hoort nu bij de groep **{name}** (`{group}`).",
        "en": "This room now belongs to the group **{name}** (`{group}`).",
    },
}


def _known(ctx: CommandContext) -> str:
    ids = [f"`{group.id}`" for group in ctx.services.config.groups]
    return ", ".join(ids) if ids else "-"


@command("koppel", "link", help_key="rooms.link_help", role=Role.ADMIN)
async def link_room(ctx: CommandContext, args: str) -> None:
    if ctx.event.is_direct:
        raise UserError("rooms.link_direct")
    group_id = args.strip().lower()
    if not group_id:
        raise UserError("rooms.link_usage", groups=_known(ctx))
    group = await ctx.session.get(Group, group_id)
    if group is None:
        raise UserError("rooms.link_unknown", group=inert(group_id), groups=_known(ctx))
    ctx.channel.group_id = group.id
    ctx.session.add(ctx.channel)
    await ctx.respond(ctx.t("rooms.linked", name=group.name, group=group.id))
