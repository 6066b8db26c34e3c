"""Reply trimming on shapes mail clients write: a localised "original message" title, an
attribution with "sent", text under a quote, an attribution glued to the last line, a rule
above a signature. Each with a text of the sender's own that looks alike and must stay."""

from __future__ import annotations

import time

from bot.mail.trim import trim_reply


def test_outlook_original_message_title_in_other_locales_is_cut() -> None:
    swedish_outlook = (
        "Dank u, dan kom ik dinsdag om 10 uur langs.\n\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Balie Burgerzaken [mailto:balie@gemeente.nl]\n"
        "Skickat: den 2 mars 2026 14:05\n"
        "Ämne: Afspraak paspoort\n\n"
        "U kunt dinsdag langskomen.\n"
    )
    assert trim_reply(swedish_outlook).text == "Dank u, dan kom ik dinsdag om 10 uur langs."
    english = "Thanks, that helps.\n\n-----Reply Message-----\n\nYour permit has been sent.\n"
    assert trim_reply(english).text == "Thanks, that helps."


def test_attribution_with_sent_needs_an_address() -> None:
    reply = (
        "Thank you, I will fill in the form tonight.\n\n"
        "On 3 Mar 2026, at 9:12 AM, Town Desk <desk@town.example> sent:\n\n"
        "> Please fill in the attached form.\n"
    )
    assert trim_reply(reply).text == "Thank you, I will fill in the form tonight."
    own = "On Monday I sent:\n- the form\n- two photos of the damage\n\nHas it arrived?"
    assert trim_reply(own).text == own


def test_answer_written_under_the_quote_is_kept() -> None:
    reply = (
        "Zie hieronder.\n\n"
        "Op 2 mrt. 2026 om 14:05 schreef Team Belastingen <belastingen@gemeente.nl>:\n\n"
        "> Wat is uw klantnummer?\n>\n> Met vriendelijke groet,\n> Team Belastingen\n\n"
        "Mijn klantnummer is 40213.\n"
    )
    assert trim_reply(reply).text == "Zie hieronder.\n\nMijn klantnummer is 40213."


def test_older_mail_under_the_quote_is_still_cut() -> None:
    older_unquoted = (
        "Prima, tot dan.\n\n"
        "On Tue, Mar 3, 2026 at 9:12 AM, Desk <desk@town.example> wrote:\n"
        "> See you Thursday.\n\n"
        "Op 2 mrt. 2026 om 14:05 schreef Jan <jan@example.nl>:\n"
        "Kan ik donderdag komen?\n"
    )
    assert trim_reply(older_unquoted).text == "Prima, tot dan."
    interleaved_history = (
        "Prima.\n\nOn Tue, Mar 3, 2026 at 9:12 AM, Desk <desk@town.example> wrote:\n"
        "> first part\nan old line the client did not quote\n> second part\n"
    )
    assert trim_reply(interleaved_history).text == "Prima."


def test_attribution_glued_to_the_last_line_is_cut() -> None:
    dutch = (
        "Bedankt voor het snelle antwoord--- Op di 3 mrt. 2026 om 09:12 schreef "
        "Gemeente <info@gemeente.nl>:\n> Uw aanvraag is binnen.\n"
    )
    assert trim_reply(dutch).text == "Bedankt voor het snelle antwoord"
    english = (
        "Thanks, see you Tuesday.\nBring the receipt? On Tue, Mar 3, 2026 at 9:12 AM, Desk "
        "<desk@town.example> wrote:\n> Your appointment is confirmed.\n"
    )
    assert trim_reply(english).text == "Thanks, see you Tuesday.\nBring the receipt?"
    own_sentence_first = (
        "Thanks. On Monday I came by. On Tue, 3 Mar 2026 at 9:12, Desk <desk@town.example> "
        "wrote:\n> Nobody was there.\n"
    )
    assert trim_reply(own_sentence_first).text == "Thanks. On Monday I came by."


def test_a_sentence_of_the_sender_that_reads_like_an_attribution_is_kept() -> None:
    text = (
        "Ik heb het nagevraagd. Op 3 maart om 10:00 schreef de medewerker:\n"
        "> Uw vergunning is verleend.\n"
    )
    assert "Op 3 maart om 10:00 schreef de medewerker:" in trim_reply(text).text


def test_glued_attributions_are_bounded_in_time() -> None:
    line = ("-- On 1@" * 50)[:392] + " wrote:"  # as many openers as a line can hold
    text = "\n".join([line, "> q"] * 2000)
    started = time.perf_counter()
    trim_reply(text)
    assert time.perf_counter() - started < 2.0


def test_rule_above_a_short_signature_is_cut() -> None:
    reply = (
        "Thanks, I will bring the papers on Tuesday.\n"
        "____________________\n"
        "Mark Jensen | Jensen Bouw\n"
        "T 0320 123 456\n"
    )
    assert trim_reply(reply).text == "Thanks, I will bring the papers on Tuesday."
    dutch = "Graag een afspraak na 16 uur.\n\n----------\nAnke de Vries\nKerkstraat 12, Ermelo\n"
    assert trim_reply(dutch).text == "Graag een afspraak na 16 uur."


def test_rules_that_are_part_of_the_text_are_kept() -> None:
    heading = "Melding\n-------\nDe lantaarnpaal bij nummer 4 is kapot.\nHij knippert al weken."
    assert trim_reply(heading).text == heading
    announced = "Hierbij mijn gegevens:\n--------------\nJan Smit\nDorpsstraat 3, Ermelo"
    assert trim_reply(announced).text == announced
    question = "Twee vragen.\n\n-----\nKan ik zaterdag ook komen?\nEn moet ik iets meenemen?"
    assert trim_reply(question).text == question
    table = "Dit krijg ik terug:\n\n status | aantal\n" + "-" * 120 + "\n open   | 4\n(1 row)"
    assert trim_reply(table).text == table


def test_a_word_that_ends_in_an_attribution_verb_is_no_attribution() -> None:
    """ "afgeschreven" holds "geschreven", "rewrote" holds "wrote": a paragraph that opens with
    "Op 28 februari" or "On Monday" and uses such a word is the writer's own text."""
    dutch = (
        "Geachte heer/mevrouw,\n\n"
        "Op 3 maart is er twee keer hetzelfde bedrag van mijn rekening afgeschreven.\n\n"
        "Kunt u één betaling terugstorten?\n"
    )
    assert "twee keer hetzelfde bedrag" in trim_reply(dutch).text
    english = "On Monday the contractor rewrote the schedule:\n\nWhen will the road open?\n"
    assert "When will the road open?" in trim_reply(english).text


def test_a_mail_apps_footer_goes_with_its_long_link() -> None:
    """Yahoo's and Outlook's footers carry a link of a few hundred characters; the footer is
    still a footer, in Dutch as in English."""
    link = "https://mail.onelink.me/107872968?pid=nativeplacement&c=" + "x" * 300
    for footer in (
        f"[Verzonden vanaf Yahoo Mail op Android]({link})",
        "Outlook voor Android downloaden<https://aka.ms/AAb9ysg>",
        f"Get Outlook for iOS<{link}>",
        "Verzonden vanuit Yahoo Mail voor iPhone",
        "Gesendet von Yahoo Mail auf Android",
    ):
        text = f"Kan de gemeente de stoep repareren?\n\nB. Nijenhuis\n\n{footer}"
        assert "Android" not in trim_reply(text).text.replace("iOS", "Android").replace(
            "iPhone", "Android"
        )
    kept = "Ik heb de app Outlook voor Android maar die werkt niet, wie helpt me?"
    assert trim_reply(kept).text == kept
    starts = "Outlook voor Android werkt bij mij niet meer sinds de update, wie helpt?"
    assert trim_reply(starts).text == starts


def test_outlooks_app_footer_goes_in_any_of_its_languages() -> None:
    """A resident's phone speaks Polish, Turkish or Portuguese: the footer is a short last
    line naming the app and the phone's system, whatever the words around them."""
    for footer in (
        "Pobierz aplikację Outlook dla systemu Android",
        "Android için Outlook'u edinin<https://aka.ms/AAb9ysg>",
        "Obter o Outlook para iOS",
    ):
        text = f"Kan ik de aanslag in termijnen betalen?\n\nMarta\n\n{footer}\n"
        assert "Outlook" not in trim_reply(text).text, footer
    # a last line that asks or tells is the writer's own
    for kept in ("Mijn Outlook op Android doet het niet, wie helpt?", "Outlook op iOS crasht!"):
        text = f"Hallo,\n\n{kept}\n"
        assert kept in trim_reply(text).text


def test_a_polish_outlook_reply_header_block_is_cut_with_the_history_under_it() -> None:
    text = (
        "Dziękuję, czy mogę zapłacić w ratach?\n\n"
        "Od: Belastingen Maasoever <belastingen@maasoever.example>\n"
        "Wysłane: wtorek, 13 października 2026 10:14\n"
        "Do: Jan <jan@example.com>\n"
        "Temat: Uw aanslag\n\n"
        "Dat regelt u via Mijn Belastingen.\n"
    )
    trimmed = trim_reply(text).text
    assert "zapłacić w ratach" in trimmed
    assert "Wysłane" not in trimmed and "Mijn Belastingen" not in trimmed


INTERLEAVED = """Hallo,

Ik heb mijn antwoorden tussen uw tekst gezet.

Op 3 mrt. 2026 om 09:12 schreef Vergunningen <info@gemeente.nl>:
> Geachte mevrouw,
>
> 1. Voor een schutting hoger dan 2 meter heeft u een vergunning nodig.

Hij wordt 1,80 meter, dus dat is goed.

> 2. Een tuinhuis achter de woning mag tot 30 m2.

Hier zit mijn vraag: telt de overkapping aan het tuinhuis ook mee voor die 30 m2?

> Met vriendelijke groet,
> Team Vergunningen

Groet,
Anja
"""


def test_answers_typed_between_quoted_lines_are_kept_and_the_quotes_go() -> None:
    trimmed = trim_reply(INTERLEAVED)
    assert "Hij wordt 1,80 meter, dus dat is goed." in trimmed.text
    assert "telt de overkapping aan het tuinhuis ook mee voor die 30 m2?" in trimmed.text
    assert "Een tuinhuis achter de woning mag tot 30 m2." not in trimmed.text
    assert "Voor een schutting" not in trimmed.text
    assert "Ik heb mijn antwoorden tussen uw tekst gezet." in trimmed.text


def test_an_earlier_mail_under_a_quote_is_no_answer_between_quotes() -> None:
    text = (
        "Zie hieronder.\n\nOp 3 mrt. 2026 om 09:12 schreef Piet <piet@example.com>:\n"
        "> Kan dit?\n\nVan: Klaas <klaas@example.com>\nVerzonden: maandag 2 maart 2026\n"
        "Aan: Piet\nOnderwerp: schutting\n\nMag een schutting van 2 meter?\n> oud citaat\n"
        "\nNog een regel van Klaas.\n"
    )
    assert "Mag een schutting" not in trim_reply(text).text
