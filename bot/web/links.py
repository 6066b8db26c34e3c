"""Links to a thread on its own platform, as each platform forms them."""

from __future__ import annotations

from urllib.parse import quote


def thread_link(platform: str, channel_id: str, root_id: str) -> str | None:
    if platform == "slack":
        # slack.com forwards an archives link to the workspace the reader is signed in to.
        return f"https://slack.com/archives/{quote(channel_id)}/p{quote(root_id.replace('.', ''))}"
    if platform == "matrix":
        return f"https://matrix.to/#/{quote(channel_id, safe='!:')}/{quote(root_id, safe='$')}"
    return None
