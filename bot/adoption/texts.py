"""What nudges say, in Dutch and English. Registered through ``bot.adoption.commands.TEXTS``.

Every nudge says why it was sent and how to stop it.
"""

from __future__ import annotations

STOP_FOOTER = {
    "nl": "\n\n_{why} Geen herinneringen meer? Antwoord `stop`, of typ `!stil` of `!pauze 2w`._",
    "en": "\n\n_{why} No more reminders? Reply `stop`, or type `!mute` or `!pause 2w`._",
}

NUDGE_TEXTS: dict[str, dict[str, str]] = {
    "nudge.footer": STOP_FOOTER,
    "nudge.unanswered": {
        "nl": "Deze vraag wacht al {hours} werkuren op een antwoord.{who}",
        "en": "This question has been waiting {hours} working hours for an answer.{who}",
    },
    "nudge.unanswered_who": {
        "nl": " Weten {names} hier misschien iets van?",
        "en": " Might {names} know something about this?",
    },
    "nudge.unanswered_why": {
        "nl": "Je ziet dit omdat vragen zonder antwoord na {after} werkuren één herinnering "
        "krijgen; genoemde collega's zijn voorgesteld op basis van eerdere antwoorden.",
        "en": "You see this because unanswered questions get one reminder after {after} working "
        "hours; the colleagues named were suggested from earlier answers.",
    },
    "nudge.escalation": {
        "nl": "Een vraag in #{channel} heeft na een werkdag nog geen antwoord:\n> {excerpt}",
        "en": "A question in #{channel} still has no answer after a working day:\n> {excerpt}",
    },
    "nudge.escalation_why": {
        "nl": "Je krijgt dit als communitymanager van {group}.",
        "en": "You get this as community manager of {group}.",
    },
    "nudge.newcomer": {
        "nl": "Iemand stelt voor het eerst een vraag in #{channel}. Een snel antwoord of een "
        "welkom helpt:\n> {excerpt}",
        "en": "Someone asks their first question in #{channel}. A quick answer or a welcome "
        "helps:\n> {excerpt}",
    },
    "nudge.newcomer_why": {
        "nl": "Je krijgt dit als verwelkomer van {group}.",
        "en": "You get this as a greeter of {group}.",
    },
    "nudge.digest": {
        "nl": "**Wat je miste in Vraagbaak**",
        "en": "**What you missed in Vraagbaak**",
    },
    "nudge.digest_open": {
        "nl": "Open vragen die jij misschien kunt beantwoorden:",
        "en": "Open questions you might be able to answer:",
    },
    "nudge.digest_lively": {
        "nl": "Levendigste gesprekken:",
        "en": "Liveliest threads:",
    },
    "nudge.digest_item": {
        "nl": "- #{channel}: {excerpt}",
        "en": "- #{channel}: {excerpt}",
    },
    "nudge.digest_lively_item": {
        "nl": "- #{channel}: {excerpt} ({replies} reacties)",
        "en": "- #{channel}: {excerpt} ({replies} replies)",
    },
    "nudge.digest_why": {
        "nl": "Je krijgt dit omdat je de wekelijkse samenvatting aanzette (`!samenvatting uit` "
        "zet hem uit) en een week niet actief was.",
        "en": "You get this because you turned on the weekly digest (`!digest off` turns it "
        "off) and were not active for a week.",
    },
    "nudge.introduction": {
        "nl": "Maak kennis met {name} ({organisation}). Jullie houden je allebei bezig met: "
        "{topics}. Een kort berichtje is genoeg om te beginnen.",
        "en": "Meet {name} ({organisation}). You both work on: {topics}. A short message is "
        "enough to start.",
    },
    "nudge.introduction_why": {
        "nl": "Je krijgt dit omdat je je aanmeldde voor kennismakingen tussen organisaties "
        "(`!kennismaken uit` om te stoppen).",
        "en": "You get this because you signed up for introductions across organisations "
        "(`!introductions off` to stop).",
    },
    "nudge.introduction_dropped": {
        "nl": "Je reageerde drie rondes niet op een kennismaking, dus ik stuur je er geen meer. "
        "Wil je weer meedoen? Typ `!kennismaken aan`.",
        "en": "You did not respond to three rounds of introductions, so I will send you no "
        "more. Want to join again? Type `!introductions on`.",
    },
    "report.title": {
        "nl": "**Maandrapport Vraagbaak {month}**",
        "en": "**Vraagbaak monthly report {month}**",
    },
    "report.line": {
        "nl": "- {group}: {metric} {value} (doel {target}) {mark}",
        "en": "- {group}: {metric} {value} (target {target}) {mark}",
    },
    "report.no_goals": {
        "nl": "Er zijn nog geen doelen gezet. Een communitymanager zet er een met "
        "`!doel beantwoord 80%` in het kanaal van de groep.",
        "en": "No targets have been set yet. A community manager sets one with "
        "`!goal answered 80%` in the group's channel.",
    },
    "report.summary": {
        "nl": "Totaal: {threads} vragen, {answered} beantwoord, {posters} actieve deelnemers.",
        "en": "Overall: {threads} questions, {answered} answered, {posters} active posters.",
    },
    "metric.answered_share": {"nl": "beantwoord", "en": "answered"},
    "metric.answered_within_24h_share": {
        "nl": "beantwoord binnen 24 uur",
        "en": "answered within 24 hours",
    },
    "metric.median_hours_to_first_response": {
        "nl": "mediaan uren tot eerste reactie",
        "en": "median hours to first response",
    },
    "metric.accepted_share": {"nl": "geaccepteerd", "en": "accepted"},
    "metric.active_posters": {"nl": "actieve deelnemers", "en": "active posters"},
    "metric.cross_org_answer_share": {
        "nl": "antwoorden uit een andere organisatie",
        "en": "answers from another organisation",
    },
    "report.hidden": {
        "nl": "(verborgen: gaat over minder dan 5 personen)",
        "en": "(hidden: about fewer than 5 people)",
    },
}
