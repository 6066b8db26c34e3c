"""Signatures and disclaimers in shapes recognised by their structure, not by a list of known
lines: a contact block without a closing, a job title with the organisation, confidentiality
and "we never ask" footers in other wordings. Written the way municipal staff and residents
write them; the question itself must stay whole."""

from __future__ import annotations

import pytest

from bot.mail.signature import cut_signature

QUESTION = (
    "Goedemiddag,\n\nMijn buurman wil een schutting van drie meter bouwen op de erfgrens. "
    "Mag dat zonder vergunning, en wat kan ik doen als hij het toch doet?"
)

SHAPES: list[tuple[str, str, list[str]]] = [
    (
        "title-pipe-organisation",
        """

mr. A.J. (Anne) de Vries
Juridisch adviseur | Gemeente Zeewolde
T 036 - 521 88 40 | M 06 - 12 34 56 78
www.zeewolde.nl""",
        ["Juridisch adviseur", "036 - 521 88 40", "www.zeewolde.nl"],
    ),
    (
        "contact-block-without-closing",
        """

Karin Smit
Team Vergunningen
Gemeente Harderwijk
Postbus 149, 3840 AC Harderwijk
Tel.: (0341) 411 911""",
        ["Team Vergunningen", "Postbus 149", "411 911"],
    ),
    (
        "confidentiality-other-wording",
        """

Met vriendelijke groet,
Jan

Dit bericht kan informatie bevatten die niet voor u bestemd is. Bent u niet de
geadresseerde of heeft u dit bericht per vergissing ontvangen, verwijder het dan en
laat het de afzender weten.""",
        ["niet voor u bestemd", "per vergissing"],
    ),
    (
        "confidentiality-without-closing",
        """

De informatie in deze e-mail is uitsluitend bedoeld voor de persoon aan wie hij is
gericht. Gebruik door anderen is niet toegestaan; heeft u deze mail onterecht
ontvangen, dan verzoeken wij u de afzender te informeren en de e-mail te verwijderen.""",
        ["uitsluitend bedoeld", "onterecht"],
    ),
    (
        "never-asks-footer",
        """

Gemeente Harderwijk vraagt nooit per e-mail om uw wachtwoord, pincode of
bankgegevens. Twijfelt u over een bericht? Neem dan contact op via 14 0341.""",
        ["vraagt nooit per e-mail", "14 0341"],
    ),
    (
        "english-confidentiality",
        """

Kind regards,
Tom Baker

CONFIDENTIALITY NOTICE: The contents of this email are confidential and may be
legally privileged. If you are not the intended recipient, please notify the sender
and delete it.""",
        ["CONFIDENTIALITY", "intended recipient"],
    ),
    (
        "environment-and-title-line",
        """

Groet,
Wendy Kramer
Senior beleidsmedewerker Wonen – Gemeente Ermelo
Bereikbaar ma t/m do

Denk aan het milieu voordat u deze e-mail print.""",
        ["beleidsmedewerker", "milieu"],
    ),
    (
        "bij-voorbaat-dank-and-phone",
        """

Bij voorbaat dank,
Pieter Jansen
tel. 0320 - 24 56 17""",
        ["Bij voorbaat dank", "0320 - 24 56 17"],
    ),
]


@pytest.mark.parametrize(("name", "tail", "gone"), SHAPES, ids=[s[0] for s in SHAPES])
def test_signature_shapes_are_cut(name: str, tail: str, gone: list[str]) -> None:
    text, cut = cut_signature(QUESTION + tail, ["Pieter Jansen"])
    assert " ".join(text.split()) == " ".join(QUESTION.split()), name
    for line in gone:
        assert line not in text
    assert cut


@pytest.mark.parametrize(
    "question",
    [
        # a resident asking about a data breach uses the disclaimer's words: it stays
        QUESTION + "\n\nMijn gegevens zijn per vergissing naar de verkeerde ontvanger "
        "gestuurd in een e-mail van de gemeente. Wie is daarvoor aansprakelijk?",
        # a contact question with a phone number in the text
        QUESTION + "\n\nU kunt mij bellen op 036 - 521 88 40, ik ben er de hele dag.",
        # short lines that are the question's own list
        QUESTION + "\n\nHet gaat om:\n- de hoogte\n- de afstand tot de grens\n- het materiaal",
    ],
)
def test_the_question_itself_is_never_cut(question: str) -> None:
    text, _cut = cut_signature(question, ["Pieter Jansen"])
    assert " ".join(text.split()) == " ".join(question.split())


def test_structure_checks_are_bounded_on_hostile_input() -> None:
    import time

    hostile = [
        "1" * 200_000,
        ("0 " * 50_000) + "\n\n" + ("T 0" + " -" * 40_000),
        "\n\n".join(["bericht vertrouwelijk " * 400] * 50),
        "\n".join(["Gemeente | " * 10] * 5_000),
    ]
    started = time.perf_counter()
    for text in hostile:
        cut_signature(QUESTION + "\n\n" + text)
    assert time.perf_counter() - started < 3.0


# Issue 14, fourth round: closings and signature lines in further shapes (own examples).
MORE_SHAPES: list[tuple[str, str, list[str]]] = [
    (
        "closing-with-any-adjective",
        """

Met muzikale groet,
Harmonie De Eendracht
secretaris@harmonie-eendracht.example""",
        ["muzikale groet", "secretaris@harmonie-eendracht.example"],
    ),
    (
        "german-closing",
        """

Viele Grüße aus Emmerich
Jörg Wittkamp
Tel. +49 2822 123 45""",
        ["Viele Grüße", "Wittkamp"],
    ),
    (
        "english-closing-with-two-words",
        """

With kind regards,
Sarah O'Neill
Facilities coordinator""",
        ["With kind regards", "Facilities coordinator"],
    ),
    (
        "formal-dutch-closing",
        """

Hoogachtend,
mr. drs. F.C. Bosman""",
        ["Hoogachtend", "Bosman"],
    ),
    (
        "english-notice-in-plain-words",
        """

Thanks,
Tom

This message and anything attached to it may hold private information. If it was not
meant for you, let the sender know and remove it from your system.""",
        ["private information", "remove it from your system"],
    ),
    (
        "links-written-as-text-and-target",
        """

Met vriendelijke groet,

Dirk Brouwer
Werkvoorbereider | Aannemersbedrijf Brouwer & Zn.
[cid:image002.jpg@01DC11A0.55B2E3F0]
www.brouwer-zn.example<https://www.brouwer-zn.example/?utm_source=signature&utm_medium=email> | Facebook<https://www.facebook.com/aannemersbedrijfbrouwer/>""",
        ["Werkvoorbereider", "cid:image002", "Facebook"],
    ),
    (
        "a closing in two languages above a contractor's block and certifications",
        """

Met vriendelijke groet / Kind regards,

Martijn Oosterveld
Uitvoerder

Van Dijk Bouw B.V.
Industrieweg 22 | 3846 BD Harderwijk
T: +31 (0)341 - 46 29 00

VCA** gecertificeerd | ISO 9001 | CO2-Prestatieladder niveau 5""",
        ["Uitvoerder", "Industrieweg", "VCA**"],
    ),
]


# Issue 14, tenth round: closings in German and Polish, an organisation's privacy notice, a
# virus scanner's line (own examples).
MORE_SHAPES += [
    (
        "german-thanks-and-greetings",
        "\n\nVielen Dank und freundliche Grüße\nFamilie Hoffmann\nKaiserstraße 4, 40489 Düsseldorf",
        ["Vielen Dank", "Hoffmann"],
    ),
    ("polish-closing", "\n\nDziękuję bardzo,\nPiotr", ["Dziękuję"]),
    (
        "privacy-notice-under-a-contact-block",
        """

Groetjes,
Sanne Visser
Consulent Wmo | Gemeente Harderwijk
Bereikbaar ma t/m do

Gemeente Harderwijk hecht veel waarde aan de bescherming van uw persoonsgegevens. Lees onze \
privacyverklaring op www.harderwijk.nl/privacy.""",
        ["Consulent Wmo", "privacyverklaring", "Bereikbaar"],
    ),
    (
        "virus-scanner-line",
        """

Met vriendelijke groet,
Jan

---
Deze e-mail is gecontroleerd op virussen door Avast antivirussoftware. www.avast.com""",
        ["Avast", "gecontroleerd"],
    ),
    (
        "association-officer",
        """

Met carnavalleske groet,

Ellen Martens
Secretaris CV De Turfgaoters
www.turfgaoters.nl

Dit bericht is uitsluitend bestemd voor de geadresseerde(n). Alaaf!""",
        ["Secretaris CV", "turfgaoters.nl", "Alaaf"],
    ),
    (
        "treasurer-of-a-foundation",
        """

Groet,
Hennie
penningmeester Stichting Dorpshuis De Turfschuur""",
        ["penningmeester Stichting"],
    ),
]


@pytest.mark.parametrize(("name", "tail", "gone"), MORE_SHAPES, ids=[s[0] for s in MORE_SHAPES])
def test_more_signature_shapes_are_cut(name: str, tail: str, gone: list[str]) -> None:
    text, cut = cut_signature(QUESTION + tail, [])
    assert " ".join(text.split()) == " ".join(QUESTION.split()), name
    for part in gone:
        assert part not in text
    assert cut


@pytest.mark.parametrize(
    "tail",
    [
        # a closing, then a question after a link: the question stays
        "\n\nMet vriendelijke groet,\nAnke\n\nPS is mijn aanvraag van vorige week al "
        "binnen? Zie<https://www.example.nl/aanvraag>",
        # a closing in the sentence, not on a line of its own
        "\n\nMet sportieve groet van het hele team: mogen we de kantine ook in de zomer gebruiken?",
        # short lines under a closing that are questions
        "\n\nGroetjes,\nMarja\n\nNog iets: kan dat ook op zaterdag?",
        # a resident's paragraph in the notices' words, asking for themselves
        "\n\nThe message with the attached form went to the wrong recipient and I want "
        "it removed. Who is liable for that?",
    ],
)
def test_a_question_that_looks_like_a_signature_is_kept(tail: str) -> None:
    text, _cut = cut_signature(QUESTION + tail, ["Anke", "Marja"])
    assert "?" in text.split(QUESTION.split()[-1], 1)[1]


def test_a_signature_line_asking_vragen_is_still_a_signature() -> None:
    """ "Vragen? Bel ons" is a signature's invitation, not the resident's question."""
    tail = "\n\nMet vriendelijke groet,\nTeam Vergunningen\nVragen? Bel 14 0341"
    text, cut = cut_signature(QUESTION + tail, [])
    assert "Vragen? Bel" not in text
    assert cut


def test_long_lines_of_pipes_and_link_targets_are_cut_in_bounded_time() -> None:
    import time

    hostile = [
        "Met vriendelijke groet,\n" + " | " * 100_000,
        "Groet,\nJan\n" + "x<https://" + "a" * 100_000 + ">",
        "Met vriendelijke groet,\n" + "<http://a> " * 30_000 + "?",
        "\n".join(["Beleidsmedewerker | Team | Gemeente | " * 5] * 3_000),
    ]
    started = time.perf_counter()
    for text in hostile:
        cut_signature(QUESTION + "\n\n" + text)
    assert time.perf_counter() - started < 3.0


def test_a_one_line_notice_under_a_contact_block_goes_with_it() -> None:
    question = "Kunnen jullie de folder herschrijven in eenvoudige taal?"
    mail = (
        f"Hallo,\n\n{question}\n\nMet vriendelijke groet,\n\nAnouk Smit\nKlantmanager\n"
        "Sociale Dienst Noorderkwartier\nT 0229 - 25 60 00\n\n"
        "De Sociale Dienst voert de Participatiewet uit voor drie gemeenten. Dit bericht kan "
        "vertrouwelijke informatie bevatten."
    )
    kept, _ = cut_signature(mail)
    assert question in kept
    assert "vertrouwelijke" not in kept
    assert "Klantmanager" not in kept


def test_a_paragraph_with_one_notice_word_and_no_contact_block_above_stays() -> None:
    mail = (
        "Goedemiddag,\n\nIk heb gisteren een vertrouwelijk bericht gestuurd.\n\n"
        "Het bericht ging over de buren en is vertrouwelijk bedoeld."
    )
    kept, _ = cut_signature(mail)
    assert "vertrouwelijk bedoeld" in kept


def test_a_closing_at_the_end_of_a_one_paragraph_mail_goes_with_what_follows_it() -> None:
    text = (
        "Beste mensen, wij willen trouwen zonder poespas, kan dat gratis op het gemeentehuis, "
        "ik hoop dat u mij kunt helpen, met vriendelijke groet G.J. Dekker tel 0341-123456"
    )
    body, cut = cut_signature(text, ["G.J. Dekker"])
    assert body.endswith("ik hoop dat u mij kunt helpen.")
    assert "Dekker" not in body and "0341" not in body
    assert cut == [", met vriendelijke groet G.J. Dekker tel 0341-123456"]


def test_a_question_about_the_privacy_statement_stays() -> None:
    question = "Klopt het dat in jullie privacyverklaring staat dat mijn gegevens 7 jaar blijven?"
    assert cut_signature(f"Hallo,\n\n{question}\n\nGroet, Els")[0].endswith(question)


def test_a_greeting_inside_a_paragraph_with_a_question_after_it_stays() -> None:
    text = "Met vriendelijke groet van mijn moeder, zij vraagt: wanneer komt de taxi? Dank!"
    assert cut_signature(text)[0] == text


@pytest.mark.parametrize(
    "closing", ["Mei freonlike groetnis,", "Groetnis,", "Freonlike groetnissen"]
)
def test_a_frisian_closing_goes_with_the_name_and_role_under_it(closing: str) -> None:
    question = "Kin ik de steiger by it botenhûs ferfange sûnder fergunning?"
    mail = f"Goeie,\n\n{question}\n\n{closing}\nAnnie Terpstra\nsecretaris Doarpsbelang"
    kept, _ = cut_signature(mail)
    assert kept.endswith(question)
    assert "Terpstra" not in kept


def test_a_corporate_signature_with_a_row_of_logos_and_a_notice_line_is_cut() -> None:
    """Outlook's plain text puts a reference where each logo was and a LinkedIn address on
    one line; a "we moved" notice runs past 90 characters. None of it is prose a reader
    sees as the mail's own."""
    logos = " ".join(f"[cid:image00{i}.png@01DC3C41.2D8E5A60]" for i in range(1, 4))
    tail = (
        "\n\nMet vriendelijke groet,\n\nIlse Bos\nMedewerker debiteurenbeheer | Financiële "
        f"administratie\nVan Dijk Bouw B.V.\nwww.vandijkbouw.nl\n\n{logos}\n"
        "VCA** | ISO 9001 | ISO 14001 | CO2-Prestatieladder niveau 5\n"
        "[cid:image004.png@01DC3C41.2D8E5A60] Volg ons op LinkedIn: "
        "https://www.linkedin.com/company/van-dijk-bouw-example\n\n"
        "Let op: ons hoofdkantoor is verhuisd. Nieuw adres per 1 september 2027: "
        "Industrieweg 40, 3846 BD Harderwijk."
    )
    text, cut = cut_signature(QUESTION + tail, [])
    assert text == QUESTION
    assert "ISO 9001" in cut[0]


def test_a_long_line_after_a_closing_that_tells_more_than_a_signature_stays() -> None:
    tail = (
        "\n\nMet vriendelijke groet,\nAnke\n\nPS: de aannemer begint volgens de planning al op "
        "maandag 4 oktober met het weghalen van de bomen langs de hele Stationslaan en de kade."
    )
    text, _cut = cut_signature(QUESTION + tail, ["Anke"])
    assert "de aannemer begint" in text


def test_a_letter_pasted_below_the_signature_is_no_part_of_the_question() -> None:
    """ "Ik zet de brief hieronder": the writer's closing, signature and a separator line end
    their own text; the pasted letter (someone else's words, other people's names) goes."""
    mail = (
        "Geachte heer of mevrouw,\n\nIk heb deze brief gekregen, ik zet hem hieronder.\n\n"
        "Kan de regiotaxi mij dan nog thuis ophalen?\n\nMet vriendelijke groet,\n"
        "mevr. G. Verbeek\nWaaldijk 88\n\n-----\nWaterschap Betuwestroom\n"
        "Geachte bewoner,\n\nDe Waaldijk wordt van 1 november tot 17 december afgesloten.\n\n"
        "Met vriendelijke groet,\nhet projectteam"
    )
    text, cut = cut_signature(mail, ["G. Verbeek"])
    assert text.endswith("Kan de regiotaxi mij dan nog thuis ophalen?")
    assert "afgesloten" in "".join(cut) and "Waaldijk 88" not in text


@pytest.mark.parametrize(
    "mail",
    [
        # a separator between the writer's own questions, with no closing before it
        "Vraag 1: mag de schutting hoger?\n\n-----\n\nVraag 2: wanneer komt de container?",
        # a closing with a question after it, then a separator and more of the writer
        "Met vriendelijke groet,\nmaar mag de schutting nu hoger?\n\n-----\nen de container?",
    ],
)
def test_a_separator_without_a_closing_and_signature_before_it_keeps_the_text(
    mail: str,
) -> None:
    text, _cut = cut_signature(mail)
    assert "container" in text and "schutting" in text


def test_many_separator_lines_are_read_in_linear_time() -> None:
    import time

    hostile = QUESTION + "\n\nMet vriendelijke groet,\nJan\n" + "-----\nx\n" * 50_000
    started = time.perf_counter()
    text, _cut = cut_signature(hostile)
    assert time.perf_counter() - started < 3.0
    assert text.startswith("Goedemiddag")
