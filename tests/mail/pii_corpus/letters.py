"""Letters as citizens, partners and colleagues write them to a municipality, each with the
personal data it contains (``pii``: kind and value as written) and phrases that must survive
redaction (``keep``). ``build.py`` renders every letter in two mail clients' forms.

Numbers are made up but pass their check digits (BSN 11-proef, IBAN mod 97, Steuer-IdNr),
because the redactor rightly leaves numbers that fail them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Letter:
    id: str
    subject: str
    body: str
    pii: list[tuple[str, str]]
    keep: list[str]
    name: str = ""  # the citizen's display name in From:
    email: str = ""
    language: str = "nl"
    files: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


NBSP = "\u00a0"
L = Letter

LETTERS: list[Letter] = [
    L(
        "bijstand-bsn-spaties",
        "Vraag over mijn uitkering",
        "Goedemiddag,\n\nIk heb sinds maart een bijstandsuitkering. Nu krijg ik misschien een "
        "bijbaantje van 8 uur per week in de bibliotheek. Hoeveel mag ik bijverdienen zonder dat "
        "mijn uitkering stopt?\n\nMijn BSN is 772 095 735.\n\nMet vriendelijke groet,\n"
        "Henk Bosman",
        [("bsn", "772 095 735"), ("name", "Henk Bosman")],
        ["Hoeveel mag ik bijverdienen", "bijbaantje van 8 uur per week"],
        "Henk Bosman",
        "h.bosman64@hotmail.com",
    ),
    L(
        "wmo-traplift-nbsp",
        "traplift",
        f"Beste mensen,\n\nMijn moeder (88) kan de trap niet meer op. Kan zij een traplift "
        f"aanvragen via de Wmo of moet ze verhuizen? Haar burgerservicenummer: "
        f"130{NBSP}554{NBSP}364."
        f"\nZe woont aan de Julianalaan 14 in Ermelo.\n\nGroetjes,\nPetra",
        [("bsn", f"130{NBSP}554{NBSP}364"), ("address", "Julianalaan 14"), ("name", "Petra")],
        ["Kan zij een traplift aanvragen via de Wmo", "moet ze verhuizen"],
        "Petra Willems",
        "petrawillems@ziggo.nl",
    ),
    L(
        "paspoort-spoed-slash",
        "spoed paspoort!!",
        "hallo ik moet vrijdag naar turkije voor een begrafenis en mijn paspoort is verlopen. "
        "kan ik nog een nooddocument krijgen? bsn 248/091/578 tel 06-41829375\n\nalvast bedankt "
        "Emre",
        [("bsn", "248/091/578"), ("phone", "06-41829375"), ("name", "Emre")],
        ["kan ik nog een nooddocument krijgen", "mijn paspoort is verlopen"],
        "Emre Yilmaz",
        "emre.y1987@gmail.com",
    ),
    L(
        "bezwaar-woz-underscore",
        "Bezwaar WOZ 2026 kenmerk 2026-118",
        "Geachte heer/mevrouw,\n\nHierbij maak ik bezwaar tegen de WOZ-beschikking 2026 van mijn "
        "woning aan de Stationsweg 112b, 3841 CK Harderwijk. De waarde van € 412.000 is te hoog: "
        "de woning heeft funderingsproblemen.\n\nBSN: 1250_31610\nIBAN voor een eventuele "
        "terugbetaling: NL83 INGB 2292 4889 60\n\nHoogachtend,\n\nmr. A.J. Verbeek",
        [
            ("bsn", "1250_31610"),
            ("address", "Stationsweg 112b, 3841 CK Harderwijk"),
            ("iban", "NL83 INGB 2292 4889 60"),
            ("name", "A.J. Verbeek"),
            # the objection's reference names this person's case (issue 14, eighth round)
            ("case_reference", "2026-118"),
        ],
        ["maak ik bezwaar tegen de WOZ-beschikking 2026", "funderingsproblemen", "€ 412.000"],
        "A.J. Verbeek",
        "verbeek@verbeek-advocatuur.nl",
    ),
    L(
        "bsn-acht-cijfers",
        "aanvraag kwijtschelding",
        "Hallo,\n\nIk wil kwijtschelding aanvragen voor de afvalstoffenheffing. Ik heb alleen "
        "AOW. Mijn burgerservicenummer is 90776471 (het nummer op mijn pas begint met een 0 "
        "maar die laat ik weg).\nWelke papieren moet ik meesturen?\n\nGr. Wilma de Jong",
        [("bsn", "90776471"), ("name", "Wilma de Jong")],
        [
            "kwijtschelding aanvragen voor de afvalstoffenheffing",
            "Welke papieren moet ik meesturen",
        ],
        "W. de Jong",
        "wilmadejong@kpnmail.nl",
    ),
    L(
        "telefoon-plus31-nul",
        "Terugbelverzoek parkeervergunning",
        "Goedemorgen,\n\nKunt u mij terugbellen over mijn aanvraag voor een parkeervergunning? "
        "Ik ben het beste bereikbaar op +31 (0)6 - 12 87 44 91, liefst na 16.00 uur.\n\n"
        "Vriendelijke groet,\nMarco van Leeuwen",
        [("phone", "+31 (0)6 - 12 87 44 91"), ("name", "Marco van Leeuwen")],
        ["aanvraag voor een parkeervergunning", "liefst na 16.00 uur"],
        "Marco van Leeuwen",
        "marco.vanleeuwen@outlook.com",
    ),
    L(
        "telefoon-0031-slash",
        "afspraak rijbewijs",
        "Beste,\nIk woon in Duitsland maar sta nog ingeschreven in Nederland. Kan ik mijn "
        "rijbewijs bij jullie verlengen? Bel me gerust: 0031/6/43218765.\nDank!\nSabine",
        [("phone", "0031/6/43218765"), ("name", "Sabine")],
        ["Kan ik mijn rijbewijs bij jullie verlengen"],
        "Sabine Krämer",
        "s.kraemer@web.de",
    ),
    L(
        "telefoon-en-dash",
        "Re: melding losliggende stoeptegel",
        "Hoi,\n\nDe stoeptegel voor nummer 9 ligt er nog steeds los, mijn buurvrouw is er gisteren "
        "over gestruikeld. Wanneer wordt dit gemaakt? Bereikbaar op 06–32547698.\n\nAnouk",
        [("phone", "06–32547698"), ("name", "Anouk")],
        ["De stoeptegel voor nummer 9 ligt er nog steeds los", "Wanneer wordt dit gemaakt"],
        "Anouk Smit",
        "anouksmit@live.nl",
    ),
    L(
        "telefoon-nb-hyphen",
        "Vraag over kapvergunning",
        "Goedendag,\n\nIn onze voortuin staat een berk van zo'n 12 meter. Hij hangt over de weg. "
        "Heb ik een kapvergunning nodig om hem te laten snoeien of kappen?\n"
        "Mijn nummer is 06‑18273645.\n\nM.vr.gr.\nG. Hoekstra",
        [("phone", "06‑18273645"), ("name", "G. Hoekstra")],
        [
            "Heb ik een kapvergunning nodig om hem te laten snoeien of kappen",
            "berk van zo'n 12 meter",
        ],
        "G. Hoekstra",
        "g.hoekstra@planet.nl",
    ),
    L(
        "whatsapp-link",
        "Gft-container kapot",
        "Hallo gemeente,\n\nDe deksel van onze groene container is afgebroken bij het legen. "
        "Kunnen jullie een nieuwe brengen? Stuur maar een appje: wa.me/31618273645\n\nGroet,\n"
        "Fam. Bakker",
        [("phone", "wa.me/31618273645"), ("name", "Bakker")],
        ["De deksel van onze groene container is afgebroken", "Kunnen jullie een nieuwe brengen"],
        "Jan Bakker",
        "bakkerfamilie@xs4all.nl",
    ),
    L(
        "vaste-lijn-spaties",
        "Ophalen grofvuil",
        "Geachte medewerker,\n\nWij willen grofvuil laten ophalen: een bank en twee kasten. "
        "Wat kost dat en wanneer kan het? U kunt ons bellen op 036 - 521 88 40.\n\n"
        "Met vriendelijke groet,\nechtpaar Dijkstra",
        [("phone", "036 - 521 88 40"), ("name", "Dijkstra")],
        ["Wat kost dat en wanneer kan het", "een bank en twee kasten"],
        "R. Dijkstra",
        "rdijkstra@hetnet.nl",
    ),
    L(
        "adres-onderwerp",
        "Dorpsstraat 45 - lekkage riool",
        "Beste,\n\nBij ons in de kelder komt bij elke regenbui water naar binnen, volgens de "
        "loodgieter door een verstopping in het gemeentelijke riool. Wie is hiervoor "
        "verantwoordelijk?\n\nMvg Ruud",
        [("address", "Dorpsstraat 45"), ("name", "Ruud")],
        ["Wie is hiervoor verantwoordelijk", "verstopping in het gemeentelijke riool"],
        "Ruud Maas",
        "ruudmaas@gmail.com",
    ),
    L(
        "postcode-huisnummer",
        "Aanmelding container",
        "Goedemiddag,\n\nWij zijn net verhuisd en hebben nog geen containers. Postcode: 3842 KM, "
        "huisnummer 17. Kunnen die worden bezorgd?\n\nVriendelijke groeten,\nLisa en Tom",
        [("address", "3842 KM"), ("address", "huisnummer 17"), ("name", "Lisa en Tom")],
        ["Wij zijn net verhuisd en hebben nog geen containers", "Kunnen die worden bezorgd"],
        "Lisa Vermeer",
        "lisa.vermeer@icloud.com",
    ),
    L(
        "adres-lowercase",
        "vraag over dakkapel",
        "goedenavond, ik wil een dakkapel op de achterkant van mijn huis aan de "
        "stationsweg 112b, 3841ck harderwijk. moet ik een vergunning aanvragen of is het "
        "vergunningvrij? groeten kees",
        [("address", "stationsweg 112b, 3841ck harderwijk"), ("name", "kees")],
        ["moet ik een vergunning aanvragen of is het vergunningvrij"],
        "Kees Mulder",
        "keesmulder@ziggo.nl",
    ),
    L(
        "adresblok",
        "Verhuizing doorgeven",
        "Geachte heer, mevrouw,\n\nPer 1 februari verhuis ik naar het volgende adres:\n\n"
        "Kerkstraat 12\n3841 AB Harderwijk\n\nMoet ik dit zelf bij u doorgeven of gaat dat "
        "automatisch via de verhuurder?\n\nMet vriendelijke groet,\n\nJ. Post",
        [("address", "Kerkstraat 12"), ("address", "3841 AB Harderwijk"), ("name", "J. Post")],
        ["Moet ik dit zelf bij u doorgeven of gaat dat automatisch via de verhuurder"],
        "J. Post",
        "jpost@telfort.nl",
    ),
    L(
        "geboortedatum-iso",
        "Aanvraag Ooievaarspas",
        "Hallo,\n\nIk wil graag een Ooievaarspas aanvragen voor mij en mijn dochter.\n"
        "Mijn geboortedatum: 1951-06-23\nDochter geboren op 14 maart 2015.\n"
        "Wat moet ik nog opsturen?\n\nGroet, Fatima",
        [("birthdate", "1951-06-23"), ("birthdate", "14 maart 2015"), ("name", "Fatima")],
        ["Ik wil graag een Ooievaarspas aanvragen", "Wat moet ik nog opsturen"],
        "Fatima El Idrissi",
        "f.elidrissi@hotmail.com",
    ),
    L(
        "geb-datum",
        "rijbewijs keuring",
        "Beste,\nmijn vader moet voor zijn rijbewijs gekeurd worden, hij is 87. geb. datum "
        "12-03-1938. Kan dat bij de gemeente of moet dat via het CBR?\nGroet Peter",
        [("birthdate", "12-03-1938"), ("name", "Peter")],
        ["Kan dat bij de gemeente of moet dat via het CBR"],
        "Peter de Wit",
        "pdewit@kpnplanet.nl",
    ),
    L(
        "geboren-kort",
        "vraag AOW en huurtoeslag",
        "Geachte,\n\nIk ben geboren 4 apr. '41 en woon sinds kort alleen. Kan ik hulp krijgen bij "
        "het aanvragen van huurtoeslag?\n\nMet hartelijke groet,\nmevrouw Pietersen",
        [("birthdate", "4 apr. '41"), ("name", "Pietersen")],
        ["Kan ik hulp krijgen bij het aanvragen van huurtoeslag", "woon sinds kort alleen"],
        "A. Pietersen",
        "apietersen@hetnet.nl",
    ),
    L(
        "english-dob",
        "Registration at the municipality",
        "Hello,\n\nI moved to Harderwijk last month for work. How do I register at the "
        "municipality and get a BSN? My details: Sarah Thompson, date of birth June 11, 1988, "
        "passport number 533421987 (UK). I can be reached at +44 7700 900123.\n\nKind regards,\n"
        "Sarah",
        [
            ("name", "Sarah Thompson"),
            ("birthdate", "June 11, 1988"),
            ("id_document", "533421987"),
            ("phone", "+44 7700 900123"),
            ("name", "Sarah"),
        ],
        ["How do I register at the municipality and get a BSN"],
        "Sarah Thompson",
        "sarah.thompson@gmail.com",
        "en",
    ),
    L(
        "duits-geboren",
        "Anmeldung / inschrijving",
        "Guten Tag,\n\nich ziehe im Mai nach Ermelo. Welche Unterlagen brauche ich für die "
        "Anmeldung? Ich heiße Jürgen Schmidt, geboren am 02.05.1979, Steuer-IdNr. 92610436864.\n\n"
        "Mit freundlichen Grüßen\nJürgen Schmidt",
        [("name", "Jürgen Schmidt"), ("birthdate", "02.05.1979"), ("tax_id", "92610436864")],
        ["Welche Unterlagen brauche ich für die Anmeldung"],
        "Jürgen Schmidt",
        "j.schmidt@t-online.de",
    ),
    L(
        "geboortedatum-is",
        "Vraag over de ID-kaart van mijn zoon",
        "Goedendag,\n\nMijn zoon heeft een ID-kaart nodig voor een schoolreis. Hij is minderjarig. "
        "Moeten beide ouders toestemming geven?\nZijn geboortedatum is 14-03-2010.\n\nGroet,\n"
        "Naima Amrani",
        [("birthdate", "14-03-2010"), ("name", "Naima Amrani")],
        ["Moeten beide ouders toestemming geven", "heeft een ID-kaart nodig voor een schoolreis"],
        "Naima Amrani",
        "naima.amrani@gmail.com",
    ),
    L(
        "email-obfuscated",
        "Nieuwsbrief afmelden",
        "Hallo, ik krijg nog steeds de nieuwsbrief van de gemeente terwijl ik me heb afgemeld. "
        "Kunt u p.devries [at] ziggo [punt] nl van de lijst halen? Bedankt, Pieter",
        [("email", "p.devries [at] ziggo [punt] nl"), ("name", "Pieter")],
        ["ik krijg nog steeds de nieuwsbrief van de gemeente"],
        "Pieter de Vries",
        "pieter.devries.1960@gmail.com",
    ),
    L(
        "email-spaties",
        "subsidie buurtfeest",
        "Beste,\n\nOnze straat wil in juni een buurtfeest organiseren. "
        "Kunnen we daar subsidie voor "
        "krijgen? Mail graag terug naar r.vandam @ hotmail.com want dit adres "
        "lees ik niet vaak.\n\n"
        "Rianne",
        [("email", "r.vandam @ hotmail.com"), ("name", "Rianne")],
        ["Kunnen we daar subsidie voor krijgen", "buurtfeest organiseren"],
        "Rianne van Dam",
        "info@buurtverenigingdeweide.nl",
    ),
    L(
        "email-procent40",
        "link werkt niet",
        "De link in jullie mail werkt niet: https://formulieren.example.nl/aanvraag?mail="
        "sandra.mulder%40live.nl&stap=2 . Hoe kan ik het formulier toch invullen?",
        [("email", "sandra.mulder%40live.nl")],
        ["Hoe kan ik het formulier toch invullen"],
        "Sandra Mulder",
        "sandra.mulder@live.nl",
    ),
    L(
        "mevrouw-kerkstraat",
        "Vraag over mijn vuilnisbak",
        "Ik ben mevrouw Pietersen en ik woon aan de Kerkstraat 45 in Zeewolde. Mijn grijze "
        "container is al twee keer niet geleegd. Wat moet ik doen?",
        [("name", "Pietersen"), ("address", "Kerkstraat 45")],
        ["Mijn grijze container is al twee keer niet geleegd", "Wat moet ik doen"],
        "Truus Pietersen",
        "t.pietersen@kpnmail.nl",
    ),
    L(
        "kenteken",
        "gehandicaptenparkeerkaart",
        "Goedemiddag, ik heb een gehandicaptenparkeerplaats aangevraagd op kenteken 12-XKR-7. "
        "Hoe lang duurt de beoordeling door de GGD? groet, dhr. De Vries",
        [("licence_plate", "12-XKR-7"), ("name", "De Vries")],
        ["Hoe lang duurt de beoordeling door de GGD"],
        "Jan de Vries",
        "jdevries52@hetnet.nl",
    ),
    L(
        "kenteken-oude-sidecode",
        "Parkeerboete onterecht",
        "Ik heb een parkeerboete gekregen voor auto met kenteken 45-TN-BD maar ik had een geldige "
        "vergunning (nummer V-2025-0042). Hoe kan ik bezwaar maken?\n\nGr Sanne",
        [("licence_plate", "45-TN-BD"), ("name", "Sanne")],
        ["Hoe kan ik bezwaar maken", "vergunning (nummer V-2025-0042)"],
        "Sanne Jacobs",
        "sanne.jacobs@gmail.com",
    ),
    L(
        "paspoort-id-rijbewijs",
        "Documenten kwijt",
        "Beste,\n\nMijn tas is gestolen met daarin mijn paspoort (nummer NW3F7K9L1), mijn ID-kaart "
        "IR82HJ3P4 en mijn rijbewijs, rijbewijsnummer 5012345678. Ik heb aangifte gedaan. Moet ik "
        "alles opnieuw aanvragen bij de gemeente?\n\nGroeten, Ilse Brouwer",
        [
            ("id_document", "NW3F7K9L1"),
            ("id_document", "IR82HJ3P4"),
            ("id_document", "5012345678"),
            ("name", "Ilse Brouwer"),
        ],
        ["Ik heb aangifte gedaan", "Moet ik alles opnieuw aanvragen bij de gemeente"],
        "Ilse Brouwer",
        "ilsebrouwer@gmail.com",
    ),
    L(
        "belgisch-rijksregister",
        "Inschrijving vanuit België",
        "Dag,\n\nIk verhuis van Antwerpen naar Nijkerk. Mijn rijksregisternummer is "
        "85.03.14-100.25. Moet ik mij eerst uitschrijven in België?\n\nMet vriendelijke groeten,\n"
        "Joke Peeters",
        [("tax_id", "85.03.14-100.25"), ("name", "Joke Peeters")],
        ["Moet ik mij eerst uitschrijven in België"],
        "Joke Peeters",
        "joke.peeters@telenet.be",
    ),
    L(
        "poolse-werknemer",
        "Zameldowanie / inschrijving BRP",
        "Dzień dobry,\n\nI work in Nijkerk at a greenhouse. My employer says I must register in "
        "the BRP. My name is Tomasz Kowalski, data urodzenia 17 października 1990, phone "
        "+48 601 234 567. Where can I make an appointment?\n\nPozdrawiam\nTomasz",
        [
            ("name", "Tomasz Kowalski"),
            ("birthdate", "17 października 1990"),
            ("phone", "+48 601 234 567"),
            ("name", "Tomasz"),
        ],
        ["Where can I make an appointment", "My employer says I must register in the BRP"],
        "Tomasz Kowalski",
        "tomek.kowalski90@wp.pl",
        "en",
    ),
    L(
        "turks-nederlands",
        "vraag over bijzondere bijstand",
        "Merhaba, goedendag,\n\nMijn vader Mehmet Öztürk (doğum tarihi 05.08.1949) heeft een "
        "nieuwe bril nodig maar kan die niet betalen. Kan hij bijzondere bijstand krijgen? Hij "
        "woont op de Eikenlaan 7-A. Mijn nummer 0612 345 678.\n\nSaygılarımla,\nAyşe Öztürk",
        [
            ("name", "Mehmet Öztürk"),
            ("birthdate", "05.08.1949"),
            ("address", "Eikenlaan 7-A"),
            ("phone", "0612 345 678"),
            ("name", "Ayşe Öztürk"),
        ],
        [
            "heeft een nieuwe bril nodig maar kan die niet betalen",
            "Kan hij bijzondere bijstand krijgen",
        ],
        "Ayşe Öztürk",
        "ayse.ozturk@hotmail.nl",
    ),
    L(
        "iban-teruggave",
        "terugbetaling leges",
        "Goedemorgen, mijn aanvraag omgevingsvergunning is ingetrokken. Krijg ik de leges van "
        "€ 1.250 terug? Rekeningnummer NL34RABO0309218565 t.n.v. L. Vos.",
        [("iban", "NL34RABO0309218565"), ("name", "L. Vos")],
        ["Krijg ik de leges van € 1.250 terug", "mijn aanvraag omgevingsvergunning is ingetrokken"],
        "Laura Vos",
        "laura.vos@gmail.com",
    ),
    L(
        "iban-belgisch",
        "Restitutie toeristenbelasting",
        "Geachte,\n\nWij hebben als Belgische camping twee keer toeristenbelasting betaald over "
        "kwartaal 3. Graag terugstorten op BE38 6920 1133 6527.\n\nHoogachtend,\nDirk Janssens\n"
        "Camping De Lier",
        [("iban", "BE38 6920 1133 6527"), ("name", "Dirk Janssens")],
        ["twee keer toeristenbelasting betaald over kwartaal 3"],
        "Dirk Janssens",
        "dirk@campingdelier.be",
    ),
    L(
        "jeugdhulp-bsn-punten",
        "Verlenging jeugdhulp",
        "Beste consulent,\n\nDe indicatie voor de jeugdhulp van onze zoon Daan (BSN 2928.77.213) "
        "loopt in april af. Hoe vragen we een verlenging aan en moet er weer een gesprek komen?\n\n"
        "Groet,\nMaaike en Erik Janssen",
        [("bsn", "2928.77.213"), ("name", "Maaike en Erik Janssen"), ("name", "Daan")],
        ["Hoe vragen we een verlenging aan", "moet er weer een gesprek komen"],
        "Maaike Janssen",
        "maaike.janssen@xs4all.nl",
    ),
    L(
        "mantelzorg-telefoon-haakjes",
        "mantelzorgwaardering",
        "Hallo,\nIk zorg al 3 jaar voor mijn buurman, de heer Van den Heuvel. Kom ik in aanmerking "
        "voor de mantelzorgwaardering? Bel gerust (0341) 41 13 27.\nGroetjes Ria",
        [("name", "Van den Heuvel"), ("phone", "(0341) 41 13 27"), ("name", "Ria")],
        ["Kom ik in aanmerking voor de mantelzorgwaardering"],
        "Ria Kok",
        "riakok@hotmail.com",
    ),
    L(
        "schuldhulp-tabel",
        "Aanmelding schuldhulpverlening",
        "Hierbij meld ik mij aan voor schuldhulp.\n\n| Naam | Karin Visser |\n"
        "| Adres | Zeeweg 88 |\n| Postcode | 3851 KL |\n| Telefoon | 06 55 44 33 21 |\n"
        "| Geboortedatum | 30-09-1975 |\n\nIk heb ongeveer € 14.000 schuld. Hoe lang is de "
        "wachttijd?",
        [
            ("name", "Karin Visser"),
            ("address", "Zeeweg 88"),
            ("address", "3851 KL"),
            ("phone", "06 55 44 33 21"),
            ("birthdate", "30-09-1975"),
        ],
        ["Hoe lang is de wachttijd", "ongeveer € 14.000 schuld"],
        "Karin Visser",
        "k.visser75@gmail.com",
    ),
    L(
        "leerlingenvervoer-dob-woorden",
        "Leerlingenvervoer aanvragen",
        "Goedemiddag,\n\nOnze dochter Lotte is geboren op 3 november 2014 en gaat na de zomer naar "
        "speciaal onderwijs in Amersfoort, 24 km verderop. Hebben wij recht op leerlingenvervoer?\n"
        "\nGroet,\nfamilie Hendriksen",
        [("birthdate", "3 november 2014"), ("name", "Lotte"), ("name", "Hendriksen")],
        ["Hebben wij recht op leerlingenvervoer", "24 km verderop"],
        "B. Hendriksen",
        "hendriksen.b@kpnmail.nl",
    ),
    L(
        "partner-ggd",
        "Doorverwijzing cliënt naar Wmo",
        "Beste collega's,\n\nVanuit de GGD verwijzen wij mevr. S. el Amrani door voor "
        "huishoudelijke hulp. Zij is slechtziend en woont alleen aan de Lindenlaan 3 in "
        "Harderwijk. Telefoon 0341-418263. Kunnen jullie een keukentafelgesprek plannen?\n\n"
        "Met collegiale groet,\nIngrid Schouten\nSociaal verpleegkundige GGD",
        [
            ("name", "S. el Amrani"),
            ("address", "Lindenlaan 3"),
            ("phone", "0341-418263"),
            # a condition said of her: health data (AVG article 9)
            ("health", "slechtziend"),
            ("name", "Ingrid Schouten"),
        ],
        ["Kunnen jullie een keukentafelgesprek plannen", "huishoudelijke hulp"],
        "Ingrid Schouten",
        "i.schouten@ggd-partner.example",
    ),
    L(
        "woningcorporatie-overlast",
        "Overlast melding",
        "Goedemiddag,\n\nWij ontvangen klachten over geluidsoverlast op het adres Populierenweg "
        "21-3. De huurder, dhr. Bakkal, reageert niet op brieven. Kan de wijkagent of de "
        "gemeente een gesprek organiseren?\n\nMet vriendelijke groet,\nTeam Wonen",
        [("address", "Populierenweg 21-3"), ("name", "Bakkal")],
        ["Kan de wijkagent of de gemeente een gesprek organiseren", "geluidsoverlast"],
        "Team Wonen",
        "wonen@corporatie-partner.example",
    ),
    L(
        "advocaat-bezwaar",
        "Bezwaarschrift namens cliënt",
        "Geachte heer, mevrouw,\n\nNamens mijn cliënt, de heer R.M. Kaya, geboren 11 januari "
        "1983, wonende te Ermelo aan de Horsterweg 204, maak ik bezwaar tegen het besluit van 3 "
        "maart jl. inzake de terugvordering bijstand. BSN cliënt: 632491577.\n\nHoogachtend,\n"
        "mr. drs. E. van Rijn",
        [
            ("name", "R.M. Kaya"),
            ("birthdate", "11 januari 1983"),
            ("address", "Horsterweg 204"),
            ("bsn", "632491577"),
            ("name", "E. van Rijn"),
        ],
        ["maak ik bezwaar tegen het besluit", "terugvordering bijstand"],
        "E. van Rijn",
        "vanrijn@rijnadvocaten.example",
    ),
    L(
        "english-expat-address",
        "Parking permit for new address",
        "Hi,\n\nWe just moved into 27 Vondellaan? No sorry, it is Vondellaan 27, 3843 BH "
        "Harderwijk. How do we apply for a resident parking permit? Our car is a Tesla, plate "
        "G-123-BB.\n\nThanks,\nMark & Julia O'Brien",
        [
            ("address", "Vondellaan 27, 3843 BH Harderwijk"),
            ("licence_plate", "G-123-BB"),
            ("name", "Mark & Julia O'Brien"),
        ],
        ["How do we apply for a resident parking permit"],
        "Julia O'Brien",
        "julia.obrien@gmail.com",
        "en",
    ),
    L(
        "english-phone-dob",
        "question about the WMO",
        "Dear Sir/Madam,\n\nMy mother, Mrs. Evans (born 2 February 1940), lives with us and "
        "needs a wheelchair. Can we apply for one through the municipality? You can call me on "
        "06 2468 1357.\n\nBest regards,\nDavid Evans",
        [
            ("name", "Evans"),
            ("birthdate", "2 February 1940"),
            ("phone", "06 2468 1357"),
            ("name", "David Evans"),
        ],
        ["Can we apply for one through the municipality", "needs a wheelchair"],
        "David Evans",
        "d.evans@protonmail.com",
        "en",
    ),
    L(
        "bsn-streepjes-in-zin",
        "Uitkering niet ontvangen",
        "Mijn uitkering is deze maand niet betaald!! Ik heb huur te betalen. bsn is 927-916-654 "
        "en mijn rekening NL02INGB8231441227. Bel me AUB 0687654321",
        [("bsn", "927-916-654"), ("iban", "NL02INGB8231441227"), ("phone", "0687654321")],
        ["Mijn uitkering is deze maand niet betaald", "Ik heb huur te betalen"],
        "Dennis Groen",
        "dennisgroen1990@gmail.com",
    ),
    L(
        "sofinummer-oud",
        "Vraag van een oudere inwoner",
        "Geachte gemeente,\n\nIk ben 91 jaar en heb geen computer. Mijn kleindochter typt dit. "
        "Mijn sofinummer is 380 01 66 79. Ik wil weten of ik een gehandicaptenparkeerkaart kan "
        "krijgen. Mijn adres is Beukenlaan 2, Nunspeet.\n\nHoogachtend,\nmevrouw W. Hofman-Schaap",
        [("bsn", "380 01 66 79"), ("address", "Beukenlaan 2"), ("name", "W. Hofman-Schaap")],
        ["of ik een gehandicaptenparkeerkaart kan krijgen", "heb geen computer"],
        "Lieke Hofman",
        "liekehofman@gmail.com",
    ),
    L(
        "huwelijk-twee-personen",
        "Trouwen op locatie",
        "Hoi!\n\nIk (Sevda Kaya, 06-24681012) en mijn verloofde Jeroen Smits "
        "willen op 12 september "
        "trouwen op het strand van Ermelo. Kan dat en wat kost een trouwambtenaar op locatie?\n\n"
        "Liefs Sevda",
        [
            ("name", "Sevda Kaya"),
            ("phone", "06-24681012"),
            ("name", "Jeroen Smits"),
            ("name", "Sevda"),
        ],
        ["wat kost een trouwambtenaar op locatie", "trouwen op het strand"],
        "Sevda Kaya",
        "sevda.kaya@outlook.com",
    ),
    L(
        "markdown-bold-telefoon",
        "Reactie op brief bijzondere bijstand",
        "Beste meneer/mevrouw,\n\nIk heb uw brief ontvangen over de bijzondere bijstand voor de "
        "wasmachine. Ik begrijp niet waarom het is afgewezen. Kunt u mij bellen op **06**-"
        "**11223344**?\n\nGroet,\nSamira",
        [("phone", "06**-**11223344"), ("name", "Samira")],
        ["Ik begrijp niet waarom het is afgewezen", "bijzondere bijstand voor de wasmachine"],
        "Samira Haddou",
        "samira.h@live.nl",
    ),
    L(
        "leerplicht-geboortedatum-voluit",
        "Vrijstelling leerplicht",
        "Geachte leerplichtambtenaar,\n\nOnze zoon Finn, geboortedatum 7 juli 2012, is langdurig "
        "ziek. Kunnen wij vrijstelling aanvragen voor de rest van het schooljaar?\n\n"
        "Met vriendelijke groet,\nA. en B. Koster\nMolenweg 3a\n3851 AD Ermelo",
        [
            ("name", "Finn"),
            ("birthdate", "7 juli 2012"),
            ("name", "Koster"),
            ("address", "Molenweg 3a"),
            ("address", "3851 AD Ermelo"),
        ],
        ["Kunnen wij vrijstelling aanvragen voor de rest van het schooljaar", "langdurig ziek"],
        "Bas Koster",
        "bas.koster@kpnmail.nl",
    ),
    L(
        "gewone-vraag-zonder-pii-1",
        "Openingstijden milieustraat",
        "Hallo, wat zijn de openingstijden van de milieustraat op zaterdag? En mag ik daar "
        "asbestplaten inleveren als ze verpakt zijn in plastic? Groet",
        [],
        ["wat zijn de openingstijden van de milieustraat op zaterdag", "asbestplaten inleveren"],
        "Bert",
        "bert1961@gmail.com",
    ),
    L(
        "gewone-vraag-zonder-pii-2",
        "Vergunning evenement 2026",
        "Goedemiddag,\n\nOp 14 juni 2026 organiseren wij een sportdag voor ongeveer 300 mensen in "
        "het Stadspark. Hoeveel weken van tevoren moeten we de evenementenvergunning aanvragen? "
        "Er komen 2 foodtrucks en een geluidsinstallatie van 80 dB.\n\nMet sportieve groet,\n"
        "Stichting Sportief Ermelo",
        [],
        [
            "Hoeveel weken van tevoren moeten we de evenementenvergunning aanvragen",
            "Op 14 juni 2026",
            "ongeveer 300 mensen",
            "80 dB",
        ],
        "Stichting Sportief Ermelo",
        "info@sportiefermelo.example",
    ),
    L(
        "gewone-vraag-zonder-pii-3",
        "Bouwvergadering 17 maart",
        "Hoi allemaal,\n\nKunnen we de bouwvergadering van 17 maart verplaatsen naar 24 maart om "
        "10.30 uur? Het prefab-element voor blok 3 wordt pas op 20 maart geleverd. Zie ook artikel "
        "4.2 van het bestek en de planning van week 12.\n\nGroet",
        [],
        [
            "de bouwvergadering van 17 maart verplaatsen naar 24 maart om 10.30 uur",
            "artikel 4.2 van het bestek",
            "blok 3",
            "week 12",
        ],
        "Aannemer Bouwbedrijf",
        "planning@bouwbedrijf.example",
    ),
    L(
        "gewone-vraag-zonder-pii-4",
        "Question about waste collection",
        "Hello, since January the paper bin in our street is collected every 4 weeks instead of "
        "every 2 weeks. Is that permanent? Our street has 45 houses and the bins overflow. Thanks",
        [],
        ["every 4 weeks instead of every 2 weeks", "Our street has 45 houses"],
        "Neighbours",
        "street.committee@gmail.com",
        "en",
    ),
    L(
        "gewone-vraag-zonder-pii-5",
        "Subsidieregeling 2025-2028",
        "Beste,\n\nIn de Subsidieregeling Duurzaam Wonen 2025-2028 staat in artikel 7 lid 2 dat "
        "het maximum € 2.500 per woning is. Geldt dat ook voor een VvE met 12 appartementen, of "
        "is het dan 12 x € 2.500? Ons kenmerk is SUB-2025-00413.\n\nGroet,\nVvE Het Bolwerk",
        [],
        ["artikel 7 lid 2", "€ 2.500 per woning", "VvE met 12 appartementen", "SUB-2025-00413"],
        "VvE Het Bolwerk",
        "bestuur@vvehetbolwerk.example",
    ),
    L(
        "colleague-names-stay",
        "Wie weet iets van de Omgevingswet?",
        "Hoi,\n\nAnouk Jansen vroeg mij of iemand weet hoe we omgaan met een omgevingsplan-"
        "activiteit voor een dakopbouw. Volgens Bram van der Meer moet dat via het DSO. Klopt "
        "dat?\n\nGroet,\nMark Hendriks",
        [],
        ["Anouk Jansen vroeg mij", "Volgens Bram van der Meer moet dat via het DSO"],
        "Mark Hendriks",
        "m.hendriks@ermelo.nl",
    ),
    L(
        "zwangerschap-geboren",
        "Aangifte geboorte",
        "Hallo,\n\nOnze zoon is op 28-11-2026 geboren in het ziekenhuis in Harderwijk. Moeten we "
        "binnen 3 dagen aangifte doen en kan dat ook digitaal?\n\nTrotse ouders,\nYusuf en Lina",
        [("birthdate", "28-11-2026"), ("name", "Yusuf en Lina")],
        ["Moeten we binnen 3 dagen aangifte doen", "kan dat ook digitaal"],
        "Yusuf Benali",
        "y.benali@gmail.com",
    ),
    L(
        "handtekening-citizen",
        "Re: Uw aanvraag Wmo",
        "Dank voor uw brief. Ik wil graag het keukentafelgesprek op dinsdag om 14.00 uur.\n\n"
        "Met vriendelijke groet,\n\nGerrit van Wijk\nBosrand 14\n3852 PP Ermelo\n06 - 19 28 37 46",
        [
            ("name", "Gerrit van Wijk"),
            ("address", "Bosrand 14"),
            ("address", "3852 PP Ermelo"),
            ("phone", "06 - 19 28 37 46"),
        ],
        ["Ik wil graag het keukentafelgesprek op dinsdag om 14.00 uur"],
        "Gerrit van Wijk",
        "gvanwijk@hetnet.nl",
    ),
    L(
        "zero-width-bsn",
        "BSN voor aanvraag",
        "Hierbij mijn BSN voor de aanvraag: 275\u200b990\u200b175. Kunt u bevestigen dat "
        "de aanvraag compleet is?",
        [("bsn", "275\u200b990\u200b175")],
        ["Kunt u bevestigen dat de aanvraag compleet is"],
        "Omar Saidi",
        "omar.saidi@gmail.com",
    ),
    L(
        "fullwidth-digits",
        "bsn",
        "bsn ２９６１４１９１４ graag bevestiging van ontvangst",
        [("bsn", "２９６１４１９１４")],
        ["graag bevestiging van ontvangst"],
        "Li Wei",
        "li.wei@qq.example",
    ),
    L(
        "vervallen-passport-english",
        "Passport expired abroad",
        "Hello,\n\nI'm Dutch, living in Canada. My Dutch passport ND7K2L9P3 expired last month. "
        "Can I renew it at the municipality when I visit in July, or only at the embassy? My "
        "BSN is 678235636.\n\nRegards,\nKevin Mulder",
        [("id_document", "ND7K2L9P3"), ("bsn", "678235636"), ("name", "Kevin Mulder")],
        ["Can I renew it at the municipality when I visit in July"],
        "Kevin Mulder",
        "kmulder@shaw.example",
        "en",
    ),
    L(
        "email-in-tekst",
        "contact opnemen",
        "Goedemiddag, kunt u contact opnemen met mijn dochter over mijn aanvraag? Haar e-mail is "
        "linda.boer1979@gmail.com en haar telefoon 06 47 58 69 70. Ik hoor slecht.\n\n"
        "Met vriendelijke groet, mevrouw Boer",
        [("email", "linda.boer1979@gmail.com"), ("phone", "06 47 58 69 70"), ("name", "Boer")],
        ["kunt u contact opnemen met mijn dochter over mijn aanvraag", "Ik hoor slecht"],
        "J. Boer",
        "jboer@planet.nl",
    ),
    L(
        "adres-met-toevoeging",
        "Lantaarnpaal kapot",
        "De lantaarnpaal tegenover Prinses Beatrixstraat 18 hs is al twee weken kapot. Het is "
        "erg donker op het fietspad. Wanneer wordt die gerepareerd?",
        [("address", "Prinses Beatrixstraat 18 hs")],
        ["Wanneer wordt die gerepareerd", "Het is erg donker op het fietspad"],
        "Buurtbewoner",
        "bewoner.beatrix@gmail.com",
    ),
    L(
        "meerdere-telefoons",
        "Terugbellen graag",
        "Bel mij op 06-12345678 of anders mijn man op 0612 34 56 79, overdag ook vast "
        "0341 567 321. Het gaat om de aanvraag voor de schuldhulp.",
        [("phone", "06-12345678"), ("phone", "0612 34 56 79"), ("phone", "0341 567 321")],
        ["Het gaat om de aanvraag voor de schuldhulp"],
        "Mirjam Pos",
        "mirjampos@ziggo.nl",
    ),
    L(
        "kenteken-zonder-streepjes",
        "Milieuzone ontheffing",
        "Goedendag, ik wil ontheffing voor de milieuzone voor mijn bestelbus, kenteken VGL12B. "
        "Het is een diesel uit 2012. Welke kosten zijn daaraan verbonden?",
        [("licence_plate", "VGL12B")],
        ["Welke kosten zijn daaraan verbonden", "een diesel uit 2012"],
        "Klusbedrijf Hans",
        "hans@klusbedrijfhans.example",
    ),
    L(
        "pools-adres",
        "Wniosek / aanvraag huisvesting",
        "Dzień dobry,\n\nWe are 6 Polish workers living at Nieuwstraat 44 in Nijkerk. The landlord "
        "wants to register only 2 of us. Is that allowed? Contact: Piotr Nowak, tel. 0031 6 "
        "87654321.\n\nDziękuję",
        [("address", "Nieuwstraat 44"), ("name", "Piotr Nowak"), ("phone", "0031 6 87654321")],
        ["The landlord wants to register only 2 of us", "Is that allowed"],
        "Piotr Nowak",
        "piotr.nowak@o2.pl",
        "en",
    ),
    L(
        "bijlage-naam-bsn",
        "Loonstrook voor aanvraag",
        "Hierbij stuur ik mijn loonstrook van november en een kopie van mijn ID voor de aanvraag "
        "bijzondere bijstand.",
        [],
        ["Hierbij stuur ik mijn loonstrook van november"],
        "Karim El Idrissi",
        "k.elidrissi@gmail.com",
        files=[
            (
                "Loonstrook nov BSN 125031610 El Idrissi.pdf",
                [("bsn", "125031610"), ("name", "El Idrissi")],
            ),
            ("ID-kaart Karim geb 14-02-1990.jpg", [("birthdate", "14-02-1990"), ("name", "Karim")]),
        ],
    ),
    L(
        "bijlage-iban-exe",
        "Betaling",
        "Zie bijlage voor het betalingsbewijs.",
        [],
        ["Zie bijlage voor het betalingsbewijs"],
        "Ahmed Ouali",
        "ahmed.ouali@hotmail.com",
        files=[("betaling_NL94INGB7990151392.exe", [("iban", "NL94INGB7990151392")])],
    ),
    L(
        "bijlage-scan-paspoort",
        "Kopie paspoort",
        "Hierbij de scan van mijn paspoort zoals gevraagd.",
        [],
        ["Hierbij de scan van mijn paspoort zoals gevraagd"],
        "Eva Dekker",
        "eva.dekker@gmail.com",
        files=[
            (
                "scan_paspoort_Eva_Dekker_NX4P8R2T6.pdf",
                [("id_document", "NX4P8R2T6"), ("name", "Dekker")],
            )
        ],
    ),
    L(
        "postcode-onderwerp",
        "Melding 3851 KL - boom omgewaaid",
        "Er is vannacht een boom omgewaaid op het fietspad bij ons. Hij blokkeert de hele weg. "
        "Kan iemand komen?",
        [("address", "3851 KL")],
        ["Er is vannacht een boom omgewaaid op het fietspad", "Kan iemand komen"],
        "Tim Bos",
        "timbos@gmail.com",
    ),
    L(
        "duitse-iban-adres",
        "Zweitwohnung / tweede woning",
        "Sehr geehrte Damen und Herren,\n\nwir haben ein Ferienhaus in Ermelo, Strandweg 9. Müssen "
        "wir Toeristenbelasting zahlen? Unsere Bankverbindung: DE86 7743 1510 5563 3441 33.\n\n"
        "Mit freundlichen Grüßen\nFrau Müller",
        [("address", "Strandweg 9"), ("iban", "DE86 7743 1510 5563 3441 33"), ("name", "Müller")],
        ["Müssen wir Toeristenbelasting zahlen"],
        "Gabi Müller",
        "gabi.mueller@gmx.de",
    ),
    L(
        "huisarts-brief",
        "Medische verklaring parkeerkaart",
        "Geachte collega,\n\nHierbij bevestig ik dat mijn patiënt, mw. J.H. Scholten-Van Dijk, "
        "geb. 19-12-1944, niet meer dan 100 meter kan lopen.\n\nMet collegiale groet,\n"
        "H. de Graaf, huisarts",
        [("name", "J.H. Scholten-Van Dijk"), ("birthdate", "19-12-1944"), ("name", "H. de Graaf")],
        ["niet meer dan 100 meter kan lopen"],
        "Huisartsenpraktijk De Graaf",
        "assistente@huisartsdegraaf.example",
    ),
    L(
        "inschrijving-student",
        "Inschrijven op kamer",
        "hoi! ik ga op kamers in harderwijk, adres: Vischmarkt 3 kamer 2. moet ik me inschrijven "
        "als ik er maar 4 dagen per week ben? groetjes noor (geboren 2005)",
        [("address", "Vischmarkt 3"), ("birthdate", "2005"), ("name", "noor")],
        ["moet ik me inschrijven als ik er maar 4 dagen per week ben"],
        "Noor Kuipers",
        "noortjekuipers@icloud.com",
    ),
    L(
        "buurman-naam-zonder-titel",
        "Klacht over buurman",
        "Mijn buurman Henk Vos van nummer 23 zet zijn caravan al 3 maanden op de stoep. Mag dat "
        "zomaar? Ik durf hem er niet op aan te spreken.",
        # the neighbour's house by its number is his address (issue 14's twelfth round)
        [("name", "Henk Vos"), ("address", "nummer 23")],
        ["zet zijn caravan al 3 maanden op de stoep", "Mag dat zomaar"],
        "Anoniem",
        "bezorgde.buur@gmail.com",
    ),
    L(
        "doorgestuurd-door-burger",
        "Fwd: uw aanvraag",
        "Hallo, zie hieronder. Ik snap de brief niet, kunt u het uitleggen? Mijn nummer 06 81 92 "
        "73 64.\n\nGroet Hans Timmer",
        [("phone", "06 81 92 73 64"), ("name", "Hans Timmer")],
        ["Ik snap de brief niet, kunt u het uitleggen"],
        "Hans Timmer",
        "hanstimmer@kpnmail.nl",
    ),
    L(
        "verhuizing-engels-adresblok",
        "Change of address",
        "Hello,\n\nPlease note our new address from 1 March:\n\nSarah and Ben Cole\n"
        "Hoge Varenweg 41\n3844 DV Harderwijk\n\nDo we also need to tell the tax office "
        "ourselves?\n\nCheers, Ben",
        [
            ("name", "Sarah and Ben Cole"),
            ("address", "Hoge Varenweg 41"),
            ("address", "3844 DV Harderwijk"),
            ("name", "Ben"),
        ],
        ["Do we also need to tell the tax office ourselves"],
        "Ben Cole",
        "ben.cole@outlook.com",
        "en",
    ),
    L(
        "woz-zonder-postcode",
        "WOZ-waarde klopt niet",
        "Goedemiddag,\n\nDe WOZ-waarde voor mijn woning op de Zuiderzeestraatweg 88 is met 18% "
        "gestegen terwijl de buren maar 6% stijging hebben. Hoe kan dat?\n\nMvg, R. Hoogland",
        [("address", "Zuiderzeestraatweg 88"), ("name", "R. Hoogland")],
        ["is met 18% gestegen terwijl de buren maar 6% stijging hebben", "Hoe kan dat"],
        "Rob Hoogland",
        "rob.hoogland@gmail.com",
    ),
    L(
        "leeftijd-blijft",
        "Vraag over taxivervoer",
        "Mijn vader van 82 jaar wil de regiotaxi gebruiken voor bezoek aan zijn vrouw in het "
        "verpleeghuis. Hoeveel ritten per jaar heeft hij recht op?",
        [],
        ["Mijn vader van 82 jaar wil de regiotaxi gebruiken", "Hoeveel ritten per jaar"],
        "Carla Smit",
        "carla.smit@ziggo.nl",
    ),
]

# Written after the patterns were tuned on the letters above and never tuned on: the first
# run's figures on these are the honest estimate for unseen mail (docs/privacy.md).
FRESH: list[Letter] = [
    L(
        "fresh-bsn-4-2-3",
        "Aanvraag individuele inkomenstoeslag",
        "Goedemiddag,\n\nIk wil de individuele inkomenstoeslag aanvragen. Ik zit al 6 jaar in de "
        "bijstand. BSN-nummer: 9649.98.166. Graag hoor ik welke bewijsstukken nodig zijn.\n\n"
        "Met vriendelijke groet,\nmw. A. de Boer-Jansen",
        [("bsn", "9649.98.166"), ("name", "A. de Boer-Jansen")],
        ["Ik wil de individuele inkomenstoeslag aanvragen", "welke bewijsstukken nodig zijn"],
        "Annie de Boer",
        "annie.deboer@kpnmail.nl",
    ),
    L(
        "fresh-phone-forms",
        "terugbellen svp",
        "Wilt u mij terugbellen over de vergunning voor de schutting? Mobiel +31-6-2233 4455, "
        "thuis 0577 - 45 12 90. Na 18.00 uur ben ik thuis.",
        [("phone", "+31-6-2233 4455"), ("phone", "0577 - 45 12 90")],
        ["Wilt u mij terugbellen over de vergunning voor de schutting", "Na 18.00 uur"],
        "Wim Verhoef",
        "wimverhoef@planet.nl",
    ),
    L(
        "fresh-belgian-born",
        "Vraag over inschrijving",
        "Beste,\n\nIk ben Belg en woon sinds kort in Ermelo. Jan Peeters, °12-04-1967, "
        "Oranjelaan 5 te Ermelo. Moet ik een afspraak maken om mij in te schrijven?\n\n"
        "Vriendelijke groeten",
        [("name", "Jan Peeters"), ("birthdate", "12-04-1967"), ("address", "Oranjelaan 5")],
        ["Moet ik een afspraak maken om mij in te schrijven"],
        "Jan Peeters",
        "jan.peeters@skynet.be",
    ),
    L(
        "fresh-dob-english-words",
        "Blue badge application",
        "Dear team,\n\nI would like to apply for a disabled parking card for my husband, "
        "Mr. Robert Hughes, born on the 5th of May 1950. He cannot walk more than 50 metres.\n\n"
        "Many thanks,\nMargaret Hughes",
        [("name", "Robert Hughes"), ("birthdate", "5th of May 1950"), ("name", "Margaret Hughes")],
        ["I would like to apply for a disabled parking card", "cannot walk more than 50 metres"],
        "Margaret Hughes",
        "maggie.hughes@btinternet.example",
        "en",
    ),
    L(
        "fresh-german-dob",
        "Frage zur Hundesteuer",
        "Hallo,\n\nwir verbringen den Sommer mit unserem Hund in Ermelo. Müssen wir Hundesteuer "
        "zahlen? Halterin: Frau Petra Lang, Geburtsdatum: 5. Mai 1958, Tel. +49 171 2345678.\n\n"
        "Viele Grüße",
        [("name", "Petra Lang"), ("birthdate", "5. Mai 1958"), ("phone", "+49 171 2345678")],
        ["Müssen wir Hundesteuer zahlen"],
        "Petra Lang",
        "p.lang@gmx.example",
    ),
    L(
        "fresh-email-at-upper",
        "inschrijven nieuwsbrief",
        "Graag wil ik de nieuwsbrief over de dorpsvernieuwing ontvangen op jan.smit(at)gmail.com "
        "of op het adres van mijn vrouw: anna AT hotmail DOT com. Dank u.",
        [("email", "jan.smit(at)gmail.com"), ("email", "anna AT hotmail DOT com")],
        ["de nieuwsbrief over de dorpsvernieuwing ontvangen"],
        "Jan Smit",
        "jan.smit@gmail.com",
    ),
    L(
        "fresh-iban-lower",
        "teruggave precariobelasting",
        "Ik heb de precariobelasting voor mijn terras twee keer betaald. Kunt u het teveel "
        "betaalde terugstorten op nl73 rabo 8351 6861 31? Groet, café De Zwaan",
        [("iban", "nl73 rabo 8351 6861 31")],
        ["precariobelasting voor mijn terras twee keer betaald"],
        "Café De Zwaan",
        "info@cafedezwaan.example",
    ),
    L(
        "fresh-plate-documents",
        "Parkeervergunning bezoek",
        "Hallo,\nvoor mijn mantelzorgbezoek wil ik een bezoekersvergunning. Kenteken: XT-901-B. "
        "Mijn paspoortnr. NP1R3F5D8 als ik me moet legitimeren.\nGroet, Yvonne",
        [("licence_plate", "XT-901-B"), ("id_document", "NP1R3F5D8"), ("name", "Yvonne")],
        ["wil ik een bezoekersvergunning"],
        "Yvonne Claassen",
        "yvonne.claassen@ziggo.nl",
    ),
    L(
        "fresh-title-lowercase-tussen",
        "Klacht afvalinzameling",
        "Geachte heer van Dijk,\n\nU heeft mij vorige week beloofd dat de container zou worden "
        "omgeruild. Er is nog niets gebeurd. Ik woon op Burg. Ruijsstraat 7.\n\nMet groet,\n"
        "de familie Çelik",
        [("name", "van Dijk"), ("address", "Burg. Ruijsstraat 7"), ("name", "Çelik")],
        ["dat de container zou worden omgeruild", "Er is nog niets gebeurd"],
        "Ali Çelik",
        "ali.celik@hotmail.example",
    ),
    L(
        "fresh-html-signature-block",
        "Vraag over jeugdzorg",
        "Beste medewerker,\n\nOnze pleegdochter Amira heeft extra begeleiding nodig op school. "
        "Valt dat onder de Jeugdwet of onder passend onderwijs?\n\nHartelijke groet,\n\n"
        "Ellen Vos | pleegouder\nLaan van Nieuw Oosteinde 4\n3852 ZX Ermelo\n06-98765432",
        [
            ("name", "Amira"),
            ("name", "Ellen Vos"),
            ("address", "Laan van Nieuw Oosteinde 4"),
            ("address", "3852 ZX Ermelo"),
            ("phone", "06-98765432"),
        ],
        ["Valt dat onder de Jeugdwet of onder passend onderwijs"],
        "Ellen Vos",
        "ellen.vos@outlook.example",
    ),
    L(
        "fresh-tax-and-bsn",
        "Bijstand en werk in Duitsland",
        "Guten Tag / goedendag,\n\nik werk deels in Duitsland (Steuer-ID 28015314670) en deels in "
        "Nederland (BSN 910591544). Hoe wordt mijn inkomen verrekend met de bijstand?\n\nM.v.g.\n"
        "Stefan Koch",
        [("tax_id", "28015314670"), ("bsn", "910591544"), ("name", "Stefan Koch")],
        ["Hoe wordt mijn inkomen verrekend met de bijstand"],
        "Stefan Koch",
        "stefan.koch@web.example",
    ),
    L(
        "fresh-quoted-dob-age",
        "vraag over pgb",
        "hoi, mijn moeder is 79 en krijgt nu zorg in natura. Kan ze overstappen naar een pgb zodat "
        "mijn zus kan helpen? ze is geboren op 23/6/1946, ik ben haar contactpersoon "
        "(Linda, 06 3344 5566).",
        [("birthdate", "23/6/1946"), ("name", "Linda"), ("phone", "06 3344 5566")],
        ["Kan ze overstappen naar een pgb zodat mijn zus kan helpen", "mijn moeder is 79"],
        "Linda Hermans",
        "lindahermans@gmail.com",
    ),
]
