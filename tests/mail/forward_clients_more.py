"""More forwards, in locales and clients the first set lacks, written for this project on
2026-12-02 before any rule was changed for them (issue 14's third round). Same conventions as
``tests/mail/forward_clients.py``: the original is from Pieter Jansen with the subject
``Schutting bij de buren``; the forwarder's note, where there is one, is ``Kun je hier iets
mee?``."""

from __future__ import annotations

from tests.mail.forward_clients import NOTE, QUESTION, SENDER, SUBJECT

MORE_CASES: list[tuple[str, str, str]] = [
    (
        "outlook-pt-br-enviada-em",
        "ENC: Schutting bij de buren",
        f"""{NOTE}

________________________________
De: Pieter Jansen <{SENDER}>
Enviada em: terça-feira, 3 de março de 2026 10:40
Para: info@ermelo.nl
Cc: archief@ermelo.nl
Assunto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-es",
        "RV: Schutting bij de buren",
        f"""{NOTE}

________________________________
De: Pieter Jansen <{SENDER}>
Enviado el: martes, 3 de marzo de 2026 10:40
Para: info@ermelo.nl
CC: archief@ermelo.nl
Asunto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-de",
        "WG: Schutting bij de buren",
        f"""{NOTE}

Von: Pieter Jansen <{SENDER}>
Gesendet: Dienstag, 3. März 2026 10:40
An: info@ermelo.nl
Cc: archief@ermelo.nl
Betreff: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-sk",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Od: Pieter Jansen <{SENDER}>
Odoslané: utorok 3. marca 2026 10:40
Komu: info@ermelo.nl
Predmet: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-sl",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Od: Pieter Jansen <{SENDER}>
Poslano: torek, 3. marec 2026 10:40
Za: info@ermelo.nl
Zadeva: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-et",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Saatja: Pieter Jansen <{SENDER}>
Saadetud: teisipäev, 3. märts 2026 10:40
Adressaat: info@ermelo.nl
Teema: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-lv",
        "PĀRS: Schutting bij de buren",
        f"""{NOTE}

No: Pieter Jansen <{SENDER}>
Nosūtīts: otrdiena, 2026. gada 3. marts 10:40
Kam: info@ermelo.nl
Tēma: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-lt",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Nuo: Pieter Jansen <{SENDER}>
Išsiųsta: 2026 m. kovo 3 d., antradienis 10:40
Kam: info@ermelo.nl
Tema: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-el",
        "ΠΡΘ: Schutting bij de buren",
        f"""{NOTE}

Από: Pieter Jansen <{SENDER}>
Στάλθηκε: Τρίτη, 3 Μαρτίου 2026 10:40 πμ
Προς: info@ermelo.nl
Θέμα: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-bg",
        "FW: Schutting bij de buren",
        f"""{NOTE}

От: Pieter Jansen <{SENDER}>
Изпратено: вторник, 3 март 2026 г. 10:40
До: info@ermelo.nl
Тема: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-uk",
        "FW: Schutting bij de buren",
        f"""{NOTE}

Від: Pieter Jansen <{SENDER}>
Надіслано: вівторок, 3 березня 2026 р. 10:40
Кому: info@ermelo.nl
Тема: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "thunderbird-sv",
        "VB: Schutting bij de buren",
        f"""{NOTE}


-------- Vidarebefordrat meddelande --------
Ämne: \t{SUBJECT}
Datum: \tTue, 3 Mar 2026 10:40:54 +0100
Från: \tPieter Jansen <{SENDER}>
Till: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "thunderbird-fi",
        "VL: Schutting bij de buren",
        f"""{NOTE}


-------- Välitetty viesti --------
Aihe: \t{SUBJECT}
Päiväys: \tTue, 3 Mar 2026 10:40:54 +0100
Lähettäjä: \tPieter Jansen <{SENDER}>
Vastaanottaja: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "thunderbird-pt-br",
        "Enc: Schutting bij de buren",
        f"""{NOTE}


-------- Mensagem encaminhada --------
Assunto: \t{SUBJECT}
Data: \tTue, 3 Mar 2026 10:40:54 +0100
De: \tPieter Jansen <{SENDER}>
Para: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "thunderbird-ru",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}


-------- Пересылаемое сообщение --------
Тема: \t{SUBJECT}
Дата: \tTue, 3 Mar 2026 10:40:54 +0100
От: \tPieter Jansen <{SENDER}>
Кому: \tinfo@ermelo.nl



{QUESTION}
""",
    ),
    (
        "gmail-pt-br",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

---------- Mensagem encaminhada ---------
De: Pieter Jansen <{SENDER}>
Date: ter., 3 de mar. de 2026 às 10:40
Subject: {SUBJECT}
To: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "gmail-it",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

---------- Messaggio inoltrato ---------
Da: Pieter Jansen <{SENDER}>
Date: mar 3 mar 2026 alle ore 10:40
Subject: {SUBJECT}
To: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "gmail-de",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

---------- Weitergeleitete Nachricht ---------
Von: Pieter Jansen <{SENDER}>
Date: Di., 3. März 2026 um 10:40 Uhr
Subject: {SUBJECT}
To: <info@ermelo.nl>


{QUESTION}
""",
    ),
    (
        "apple-es",
        "RV: Schutting bij de buren",
        f"""{NOTE}

Inicio del mensaje reenviado:

De: Pieter Jansen <{SENDER}>
Asunto: {SUBJECT}
Fecha: 3 de marzo de 2026, 10:40:54 CET
Para: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-it",
        "I: Schutting bij de buren",
        f"""{NOTE}

Inizio messaggio inoltrato:

Da: Pieter Jansen <{SENDER}>
Oggetto: {SUBJECT}
Data: 3 marzo 2026, 10:40:54 CET
A: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-da",
        "VS: Schutting bij de buren",
        f"""{NOTE}

Start på videresendt besked:

Fra: Pieter Jansen <{SENDER}>
Emne: {SUBJECT}
Dato: 3. marts 2026 kl. 10.40.54 CET
Til: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-pt-br",
        "Fwd: Schutting bij de buren",
        f"""{NOTE}

Início da mensagem encaminhada:

De: Pieter Jansen <{SENDER}>
Assunto: {SUBJECT}
Data: 3 de março de 2026 10:40:54 BRT
Para: info@ermelo.nl

{QUESTION}
""",
    ),
    (
        "apple-fi",
        "VL: Schutting bij de buren",
        f"""{NOTE}

Välitetty viesti alkaa:

Lähettäjä: Pieter Jansen <{SENDER}>
Aihe: {SUBJECT}
Päiväys: 3. maaliskuuta 2026 klo 10.40.54 UTC+1
Vastaanottaja: info@ermelo.nl

{QUESTION}
""",
    ),
]

# Replies whose history is another client's header block: the reply keeps only its own text.
REPLY_CASES: list[tuple[str, str]] = [
    (
        "outlook-pt-br-reply",
        f"""Obrigado, vou aguardar a licença.

________________________________
De: Pieter Jansen <{SENDER}>
Enviada em: terça-feira, 3 de março de 2026 10:40
Para: info@ermelo.nl
Assunto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "outlook-es-reply",
        f"""Gracias, espero la licencia.

De: Pieter Jansen <{SENDER}>
Enviado el: martes, 3 de marzo de 2026 10:40
Para: info@ermelo.nl
Asunto: {SUBJECT}

{QUESTION}
""",
    ),
    (
        "thunderbird-sv-original",
        f"""Tack, jag väntar på tillståndet.

-------- Ursprungligt meddelande --------
Ämne: \t{SUBJECT}
Datum: \tTue, 3 Mar 2026 10:40:54 +0100
Från: \tPieter Jansen <{SENDER}>
Till: \tinfo@ermelo.nl

{QUESTION}
""",
    ),
]

MORE_PREFIXES = ["ΠΡΘ: Schutting bij de buren", "PĀRS: Schutting bij de buren"]
