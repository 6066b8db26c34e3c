# ruff: noqa: E501 - the clients write these header blocks on one long line
"""Forwards as mail clients in several locales write them in text/plain, written for this
project from how those clients format a forward (not copied from any other test suite).

Each case: (name, subject of the forwarding mail, body). The original is always from
``Pieter Jansen <pieter.jansen@example.nl>`` with the subject ``Schutting bij de buren``
and the text starts with ``Mijn buurman`` (the forwarder's note, where there is one, is
``Kun je hier iets mee?``)."""

from __future__ import annotations

SENDER = "pieter.jansen@example.nl"
SUBJECT = "Schutting bij de buren"
QUESTION = "Mijn buurman wil een schutting van drie meter bouwen. Mag dat zonder vergunning?"
NOTE = "Kun je hier iets mee?"

CASES: list[tuple[str, str, str]] = [
    (
        "yahoo-en-one-line",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

----- Forwarded Message ----- From: Pieter Jansen <{SENDER}>To: Gemeente <info@ermelo.nl>Sent: Tuesday, 3 March 2026, 10:40:54 CETSubject: {SUBJECT}
{QUESTION}
""",
    ),
    (
        "yahoo-nl-one-line",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

----- Doorgestuurd bericht ----- Van: Pieter Jansen <{SENDER}> Aan: info@ermelo.nl <info@ermelo.nl> Verzonden: dinsdag 3 maart 2026 10:40:54 CET Onderwerp: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "yahoo-de-one-line",
        "WG: Schutting bij de buren",
        f"""----- Weitergeleitete Nachricht ----- Von: Pieter Jansen <{SENDER}>An: info@ermelo.nl <info@ermelo.nl>Gesendet: Dienstag, 3. März 2026, 10:40:54 MEZBetreff: {SUBJECT}
{QUESTION}
""",
    ),
    (
        "outlook-cs",
        "PD: Schutting bij de buren",
        f"""{NOTE}

________________________________
Od: Pieter Jansen <{SENDER}>
Odesláno: úterý 3. března 2026 10:40
Komu: info@ermelo.nl
Kopie: archief@ermelo.nl
Předmět: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-da",
        "VS: Schutting bij de buren",
        f"""{NOTE}

Fra: Pieter Jansen <{SENDER}>
Sendt: 3. marts 2026 10:40
Til: info@ermelo.nl
Emne: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "gmail-da",
        "Videresend: Schutting bij de buren",
        f"""{NOTE}

---------- Videresendt meddelelse ---------
Fra: Pieter Jansen <{SENDER}>
Dato: tir. 3. mar. 2026 kl. 10.40
Emne: {SUBJECT}
Til: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "gmail-pl",
        "PD: Schutting bij de buren",
        f"""---------- Przekazana wiadomość ---------
Od: Pieter Jansen <{SENDER}>
Date: wt., 3 mar 2026 o 10:40
Subject: {SUBJECT}
To: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "outlook-pl",
        "PD: Schutting bij de buren",
        f"""{NOTE}

Od: Pieter Jansen <{SENDER}>
Wysłano: wtorek, 3 marca 2026 10:40
Do: info@ermelo.nl
DW: archief@ermelo.nl
Temat: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-sv",
        "VB: Schutting bij de buren",
        f"""{NOTE}

Från: Pieter Jansen <{SENDER}>
Skickat: den 3 mars 2026 10:40
Till: info@ermelo.nl
Kopia: archief@ermelo.nl
Ämne: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-fi",
        "VL: Schutting bij de buren",
        f"""{NOTE}

Lähettäjä: Pieter Jansen <{SENDER}>
Lähetetty: tiistai 3. maaliskuuta 2026 10.40
Vastaanottaja: info@ermelo.nl
Aihe: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-tr",
        "İLT: Schutting bij de buren",
        f"""{NOTE}

Kimden: Pieter Jansen <{SENDER}>
Gönderildi: 3 Mart 2026 Salı 10:40
Kime: info@ermelo.nl
Konu: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-ro",
        "Redir.: Schutting bij de buren",
        f"""{NOTE}

De la: Pieter Jansen <{SENDER}>
Trimis: marți, 3 martie 2026 10:40
Către: info@ermelo.nl
Subiect: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-hu",
        "Továbbítás: Schutting bij de buren",
        f"""{NOTE}

Feladó: Pieter Jansen <{SENDER}>
Elküldve: 2026. március 3. 10:40
Címzett: info@ermelo.nl
Tárgy: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-no",
        "VS: Schutting bij de buren",
        f"""{NOTE}

Fra: Pieter Jansen <{SENDER}>
Sendt: tirsdag 3. mars 2026 10:40
Til: info@ermelo.nl
Kopi: archief@ermelo.nl
Emne: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-fr",
        "TR: Schutting bij de buren",
        f"""{NOTE}

De : Pieter Jansen <{SENDER}>
Envoyé : mardi 3 mars 2026 10:40
À : info@ermelo.nl
Objet : {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-pt",
        "ENC: Schutting bij de buren",
        f"""{NOTE}

De: Pieter Jansen <{SENDER}>
Enviado: terça-feira, 3 de março de 2026 10:40
Para: info@ermelo.nl
Assunto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-it",
        "I: Schutting bij de buren",
        f"""{NOTE}

Da: Pieter Jansen <{SENDER}>
Inviato: martedì 3 marzo 2026 10:40
A: info@ermelo.nl
Oggetto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "thunderbird-nl",
        "Doorst: Schutting bij de buren",
        f"""{NOTE}


-------- Doorgestuurd bericht --------
Onderwerp: \t{SUBJECT}
Datum: \tTue, 3 Mar 2026 10:40:54 +0100
Van: \tPieter Jansen <{SENDER}>
Aan: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "apple-nl",
        "Doorst.: Schutting bij de buren",
        f"""{NOTE}

Begin doorgestuurd bericht:

> Van: Pieter Jansen <{SENDER}>
> Onderwerp: {SUBJECT}
> Datum: 3 maart 2026 om 10:40:54 CET
> Aan: info@ermelo.nl
>
> {QUESTION}
""",
    ),
    (
        "mailmate-en",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

Forwarded message:

> From: Pieter Jansen <{SENDER}>
> To: info@ermelo.nl
> Subject: {SUBJECT}
> Date: 3 Mar 2026, at 10:40
>
> {QUESTION}
""",
    ),
    (
        "gmail-cs-attribution",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

Dne út 3. 3. 2026 v 10:40 odesílatel Pieter Jansen <{SENDER}> napsal:

> {QUESTION}
""",
    ),
    (
        "outlook-nl-bold-labels",
        "FW: Schutting bij de buren",
        f"""{NOTE}

*Van:* Pieter Jansen <{SENDER}>
*Verzonden:* dinsdag 3 maart 2026 10:40
*Aan:* info@ermelo.nl
*Onderwerp:* {SUBJECT}

{QUESTION}
""",
    ),
    (
        "new-outlook-nl",
        "Doorgestuurd: Schutting bij de buren",
        f"""{NOTE}

________________________________
Van: Pieter Jansen <{SENDER}>
Verzonden: dinsdag, maart 3, 2026 10:40
Aan: info@ermelo.nl <info@ermelo.nl>
Onderwerp: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-ru",
        "Пересл: Schutting bij de buren",
        f"""{NOTE}

От: Pieter Jansen <{SENDER}>
Отправлено: 3 марта 2026 г. 10:40
Кому: info@ermelo.nl
Тема: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "gmail-cs",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

---------- Přeposlaná zpráva ---------
Od: Pieter Jansen <{SENDER}>
Date: út 3. 3. 2026 v 10:40
Subject: {SUBJECT}
To: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "apple-de",
        "WG: Schutting bij de buren",
        f"""{NOTE}

Anfang der weitergeleiteten Nachricht:

Von: Pieter Jansen <{SENDER}>
Betreff: {SUBJECT}
Datum: 3. März 2026 um 10:40:54 MEZ
An: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-sv",
        "VB: Schutting bij de buren",
        f"""{NOTE}

Vidarebefordrat brev:

Från: Pieter Jansen <{SENDER}>
Ämne: {SUBJECT}
Datum: 3 mars 2026 10:40:54 CET
Till: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-pl",
        "PD: Schutting bij de buren",
        f"""{NOTE}

Początek przekazywanej wiadomości:

Od: Pieter Jansen <{SENDER}>
Temat: {SUBJECT}
Data: 3 marca 2026 o 10:40:54 CET
Do: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "outlook-nl-importance-and-attachments",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Van: Pieter Jansen <{SENDER}>
Verzonden: dinsdag 3 maart 2026 10:40
Aan: info@ermelo.nl
CC: archief@ermelo.nl
Onderwerp: {SUBJECT}
Urgentie: Hoog
Bijlagen: foto-erfgrens.jpg

{QUESTION}
""",
    ),
    # Issue 14: forwards without a forward prefix in the subject (a client that adds none,
    # or a prefix in a language not listed): the block is announced by a line of its own in
    # any language, or nothing of the sender's own stands above it.
    (
        "thunderbird-fr-no-prefix",
        "Schutting bij de buren",
        f"""-------- Message transféré --------
Sujet : \t{SUBJECT}
Date : \tTue, 3 Mar 2026 10:40:54 +0100
De : \tPieter Jansen <{SENDER}>
Pour : \tinfo@ermelo.nl
Copie à : \tarchief@ermelo.nl



{QUESTION}
""",
    ),
    (
        "thunderbird-pl-no-prefix",
        "Schutting bij de buren",
        f"""{NOTE}

-------- Przekazana wiadomość --------
Temat: \t{SUBJECT}
Data: \tTue, 3 Mar 2026 10:40:54 +0100
Nadawca: \tPieter Jansen <{SENDER}>
Adresat: \tinfo@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-hr-quoted-no-prefix",
        "Schutting bij de buren",
        f"""> Početak proslijeđene poruke:
>
> Šalje: Pieter Jansen <{SENDER}>
> Predmet: {SUBJECT}
> Datum: 3. ožujka 2026. u 10:40:54 CET
> Prima: info@ermelo.nl
>
> {QUESTION}
>
""",
    ),
    (
        "yahoo-cs-no-prefix",
        "Schutting bij de buren",
        f"""{NOTE}

   ----- Přeposlaná zpráva ----- Od: Pieter Jansen <{SENDER}>Komu: "info@ermelo.nl" <info@ermelo.nl>Datum: úterý 3. března 2026 10:40:54 SEČPředmět: {SUBJECT}
 {QUESTION}
""",
    ),
    (
        "apple-lt-labels-not-listed",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

> Persiųstas laiškas prasideda:
>
> Siuntėjas: Pieter Jansen <{SENDER}>
> Tema: {SUBJECT}
> Data: 2026 m. kovo 3 d. 10:40:54 CET
> Gavėjas: info@ermelo.nl
>
> {QUESTION}
""",
    ),
    (
        "thunderbird-hr",
        "Schutting bij de buren",
        f"""-------- Proslijeđena poruka --------
Naslov: \t{SUBJECT}
Datum: \tTue, 3 Mar 2026 10:40:54 +0100
Šalje: \tPieter Jansen <{SENDER}>
Prima: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "gmail-separator-quoted-text",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

---------- Forwarded message ----------
From: Pieter Jansen <{SENDER}>
Date: March 3, 2026 at 10:40 AM
To: info@ermelo.nl
Subject: {SUBJECT}

> {QUESTION}
>
""",
    ),
    (
        "thunderbird-de-kopie-cc",
        "WG: Schutting bij de buren",
        f"""-------- Weitergeleitete Nachricht --------
Betreff: \t{SUBJECT}
Datum: \tTue, 3 Mar 2026 10:40:54 +0100
Von: \tPieter Jansen <{SENDER}>
An: \tinfo@ermelo.nl
Kopie (CC): \tarchief@ermelo.nl



{QUESTION}
""",
    ),
]
