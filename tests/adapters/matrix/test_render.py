"""Outgoing content: m.notice, HTML, mentions, threads, reactions."""

from __future__ import annotations

from bot.adapters.matrix import render


def test_everything_the_bot_says_is_a_notice_with_html() -> None:
    content = render.notice("**Vraagbaak** helpt\n\n- `!hulp` — hulp")
    assert content["msgtype"] == "m.notice"
    assert content["body"].startswith("**Vraagbaak** helpt")
    assert "<strong>Vraagbaak</strong>" in content["formatted_body"]
    assert "<li><code>!hulp</code>" in content["formatted_body"]
    assert content["m.mentions"] == {"user_ids": []}


def test_mentions_become_pills_and_intentional_mentions() -> None:
    text = f"Vraag het {render.pill('@bram:vraagbaak.test', 'Bram [WOZ]')}"
    content = render.notice(text)
    assert content["m.mentions"] == {"user_ids": ["@bram:vraagbaak.test"]}
    assert content["body"] == "Vraag het Bram (WOZ)"
    assert 'href="https://matrix.to/#/@bram:vraagbaak.test"' in content["formatted_body"]


def test_thread_answer_has_the_reply_fallback() -> None:
    content = render.in_thread(render.notice("ja"), "$root", "$question")
    assert content["m.relates_to"] == {
        "rel_type": "m.thread",
        "event_id": "$root",
        "is_falling_back": True,
        "m.in_reply_to": {"event_id": "$question"},
    }


def test_plain_reply_inside_a_thread_stays_in_it() -> None:
    relation = render.as_reply(render.notice("ja"), "$q", "$root")["m.relates_to"]
    assert relation["rel_type"] == "m.thread" and relation["is_falling_back"] is False
    assert render.as_reply(render.notice("ja"), "$q", None)["m.relates_to"] == {
        "m.in_reply_to": {"event_id": "$q"}
    }


def test_reaction_is_an_annotation() -> None:
    assert render.reaction("$m", "👍") == {
        "m.relates_to": {"rel_type": "m.annotation", "event_id": "$m", "key": "👍"}
    }


def test_files_plain_and_encrypted() -> None:
    plain = render.file_message("plan.pdf", "application/pdf", 10, "mxc://s/a")
    assert plain["msgtype"] == "m.file" and plain["url"] == "mxc://s/a"
    keys = {"v": "v2", "key": {"k": "x"}, "iv": "i", "hashes": {"sha256": "h"}}
    secret = render.file_message("kaart.png", "image/png", 10, "mxc://s/b", encrypted_file=keys)
    assert secret["msgtype"] == "m.image" and "url" not in secret
    assert secret["file"] == {**keys, "url": "mxc://s/b"}


def test_an_edit_replaces_the_bots_message_and_pings_nobody() -> None:
    content = render.replacement("status: **gemaild** @room", "$status")
    assert content["m.relates_to"] == {"rel_type": "m.replace", "event_id": "$status"}
    assert content["m.new_content"]["msgtype"] == "m.notice"
    assert content["m.new_content"]["body"] == "status: **gemaild** @room"
    assert "<strong>gemaild</strong>" in content["m.new_content"]["formatted_body"]
    assert content["body"].startswith("* ") and content["m.mentions"] == {}
