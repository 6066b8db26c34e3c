from __future__ import annotations

from bot.adapters.slack.blocks import message_blocks
from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.core.inert import bot_mention


def test_emphasis() -> None:
    assert to_mrkdwn("**vet** en _schuin_ en *ook schuin*") == "*vet* en _schuin_ en _ook schuin_"
    assert to_mrkdwn("~~weg~~") == "~weg~"
    assert to_mrkdwn("2*3*4 blijft") == "2*3*4 blijft"


def test_links_headings_bullets_quotes() -> None:
    assert (
        to_mrkdwn("[de site](https://ermelo.nl/a?b=1&c=2)")
        == "<https://ermelo.nl/a?b=1&amp;c=2|de site>"  # escaped, as Slack writes URLs
    )
    assert to_mrkdwn("## Overzicht") == "*Overzicht*"
    assert to_mrkdwn("- een\n  - twee") == "• een\n  • twee"
    assert to_mrkdwn("> vraag\n> regel 2") == "> vraag\n> regel 2"


def test_escaping_spares_only_the_tokens_the_bot_marked_and_code() -> None:
    assert to_mrkdwn("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    marked = f"vraag het {bot_mention('<@U123>')} of {bot_mention('<#C9>')}"
    assert to_mrkdwn(marked) == "vraag het <@U123> of <#C9>"
    # Unmarked tokens are text, whoever wrote them; a mass mention is never live.
    assert to_mrkdwn("<@U123> <#C9|kanaal> <!here>") == (
        "&lt;@U123&gt; &lt;#C9|kanaal&gt; &lt;!here&gt;"
    )
    assert to_mrkdwn(bot_mention("<!channel>")) == "&lt;!channel&gt;"
    assert to_mrkdwn("`**niet vet**`") == "`**niet vet**`"
    assert to_mrkdwn("```\nx = a<b\n```") == "```\nx = a&lt;b\n```"


def test_long_messages_are_split_into_sections() -> None:
    text = "\n".join(f"regel {i} " + "x" * 90 for i in range(100))
    blocks = message_blocks(text)
    assert len(blocks) > 1
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert "\n".join(b["text"]["text"] for b in blocks) == text
