"""The dashboard's words, Dutch (default) and English. ``(nl, en)`` pairs, registered as
``web.…`` texts of :mod:`bot.core.i18n`."""

from __future__ import annotations

_PAIRS: dict[str, tuple[str, str]] = {
    # frame
    "skip": ("Direct naar de inhoud", "Skip to content"),
    "nav_label": ("Hoofdmenu", "Main menu"),
    "sign_out": ("Uitloggen", "Sign out"),
    "footer": (
        "Vraagbaak — cijfers over minder dan 5 personen worden niet getoond.",
        "Vraagbaak — figures about fewer than 5 people are not shown.",
    ),
    "csv": ("Download als CSV", "Download as CSV"),
    "save": ("Opslaan", "Save"),
    "to_profile": ("Naar mijn profiel", "To my profile"),
    "on": ("aan", "on"),
    "off": ("uit", "off"),
    # sign-in
    "signin_title": ("Inloggen", "Sign in"),
    "signin_help": (
        "Inloggen gaat zonder wachtwoord: typ `!dashboard` in de chat met Vraagbaak. Je krijgt "
        "dan privé een link die 15 minuten geldig is en één keer werkt.",
        "You sign in without a password: type `!dashboard` in the chat with Vraagbaak. You "
        "then get a private link that is valid for 15 minutes and works once.",
    ),
    "signin_as": ("Je logt in als {name}.", "You are signing in as {name}."),
    "signin_continue": ("Inloggen", "Sign in"),
    "link_unknown": ("Deze link werkt niet", "This link does not work"),
    "link_used": ("Deze link is al gebruikt", "This link was already used"),
    "link_expired": ("Deze link is verlopen", "This link has expired"),
    "link_unknown_explain": (
        "Deze inloglink bestaat niet (meer). Vraag een nieuwe aan.",
        "This sign-in link does not exist (any more). Ask for a new one.",
    ),
    "link_used_explain": (
        "Deze inloglink is al gebruikt. Een link werkt maar één keer; vraag een nieuwe aan.",
        "This sign-in link was already used. A link works only once; ask for a new one.",
    ),
    "link_expired_explain": (
        "Deze inloglink is verlopen (een link is 15 minuten geldig). Vraag een nieuwe aan.",
        "This sign-in link has expired (a link is valid for 15 minutes). Ask for a new one.",
    ),
    # refusals
    "status_400": ("Dat verzoek klopt niet", "That request is not valid"),
    "status_401": ("Niet ingelogd", "Not signed in"),
    "status_403": ("Geen toegang", "No access"),
    "status_404": ("Niet gevonden", "Not found"),
    "status_405": ("Niet toegestaan", "Not allowed"),
    "status_410": ("Link werkt niet meer", "Link no longer works"),
    "status_413": ("Te groot", "Too large"),
    "status_500": ("Er ging iets mis", "Something went wrong"),
    "status_500_explain": (
        "Er ging iets mis aan onze kant; het is gelogd. Probeer het later nog eens.",
        "Something went wrong on our side; it was logged. Please try again later.",
    ),
    "not_signed_in": (
        "Je bent niet (meer) ingelogd.",
        "You are not signed in (any more).",
    ),
    "managers_only": (
        "Deze pagina is alleen voor communitymanagers en beheerders. Je kunt wel je eigen "
        "profiel en instellingen bekijken.",
        "This page is for community managers and administrators only. You can see your own "
        "profile and settings.",
    ),
    "not_your_group": (
        "Deze groep beheer je niet; je ziet alleen de groepen waarvan je communitymanager bent.",
        "You do not manage this group; you only see the groups you are community manager of.",
    ),
    "csrf_failed": (
        "Dit formulier is verlopen of kwam niet van deze site. Laad de pagina opnieuw en "
        "probeer het nog eens; er is niets gewijzigd.",
        "This form has expired or did not come from this site. Reload the page and try "
        "again; nothing was changed.",
    ),
    "too_large": ("Dit formulier is te groot.", "This form is too large."),
    "topic_bad": (
        "Een onderwerp is 1 tot 80 tekens (en hooguit 100 onderwerpen).",
        "A topic is 1 to 80 characters (and at most 100 topics).",
    ),
    # period
    "period_label": ("Periode kiezen", "Choose the period"),
    "period_from": ("Van (eerste dag)", "From (first day)"),
    "period_to": ("Tot en met (laatste dag)", "To (last day, included)"),
    "period_show": ("Toon", "Show"),
    "period_quick": ("Snel kiezen", "Quick choice"),
    "period_last_month": ("Vorige maand (het maandrapport)", "Last month (the monthly report)"),
    "period_this_month": ("Deze maand tot nu", "This month so far"),
    "period_everything": ("Hele geschiedenis", "Whole history"),
    "period_all": (
        "Periode: de hele geschiedenis (Nederlandse tijd).",
        "Period: the whole history (Dutch time).",
    ),
    "computed_at": ("Berekend op {at}.", "Computed at {at}."),
    "period_shown": ("Periode: {van} tot en met {tot}.", "Period: {van} to {tot}, included."),
    "period_bad": (
        "Die datum begrijp ik niet (gebruik JJJJ-MM-DD); de hele geschiedenis staat hieronder.",
        "I can't read that date (use YYYY-MM-DD); the whole history is shown below.",
    ),
    "period_reversed": (
        "De laatste dag ligt vóór de eerste; de hele geschiedenis staat hieronder.",
        "The last day lies before the first; the whole history is shown below.",
    ),
    # figures
    "overview_title": ("Overzicht", "Overview"),
    "group_title": ("Groep", "Group"),
    "groups_nav": ("Groepen", "Groups"),
    "groups_heading": ("Per groep", "Per group"),
    "group_no_channel": (
        "Deze groep heeft nog geen kanaal, dus nog geen cijfers.",
        "This group has no channel yet, so no figures yet.",
    ),
    "figures_heading": ("Cijfers", "Figures"),
    "figures_caption": (
        "Cijfers per bereik (dezelfde als vraagbaak stats --json)",
        "Figures per scope (the same as vraagbaak stats --json)",
    ),
    "scope": ("Bereik", "Scope"),
    "overall": ("Totaal", "Overall"),
    "fig.threads": ("Vragen", "Questions"),
    "fig.answered": ("Beantwoord", "Answered"),
    "fig.answered_within_24h": ("Beantwoord binnen 24 uur", "Answered within 24 hours"),
    "fig.median_hours_to_first_response": (
        "Mediaan uren tot eerste reactie",
        "Median hours to first response",
    ),
    "fig.accepted": ("Geaccepteerd antwoord", "Accepted answer"),
    "fig.active_posters": ("Actieve deelnemers", "Active posters"),
    "fig.cross_org_answer_share": (
        "Aandeel antwoorden uit andere organisatie",
        "Share of answers from another organisation",
    ),
    "hidden_short": ("verborgen", "hidden"),
    "goals_caption": ("Cijfers tegen de doelen", "Figures against the targets"),
    "group": ("Groep", "Group"),
    "goal": ("Doel", "Target"),
    "value": ("Waarde", "Value"),
    "met": ("Gehaald", "Met"),
    "met_yes": ("ja", "yes"),
    "met_no": ("nee", "no"),
    "met_unknown": ("onbekend (geen of verborgen cijfer)", "unknown (no or hidden figure)"),
    "no_goals": ("Nog geen doelen.", "No targets yet."),
    "hidden_caption": ("Verborgen bereiken", "Hidden scopes"),
    "hidden_none": (
        "Geen: alle bereiken gaan over 5 of meer personen.",
        "None: every scope is about 5 people or more.",
    ),
    "reason": ("Reden", "Reason"),
    "hidden_reason": (
        "gaat over minder dan 5 personen; verborgen om niemand herkenbaar te maken (AVG)",
        "about fewer than 5 people; hidden so no one can be recognised (GDPR)",
    ),
    "trend_heading": ("Trend per week", "Trend per week"),
    "chart_title": ("Actieve deelnemers per week", "Active posters per week"),
    "chart_desc": (
        "Staafdiagram: per ISO-week het aantal actieve deelnemers; elk getal staat boven zijn "
        "staaf en in de tabel ernaast. Verborgen weken hebben een gestippelde staaf.",
        "Bar chart: the number of active posters per ISO week; each number stands above its "
        "bar and in the table beside it. Hidden weeks have a dotted bar.",
    ),
    "weekly_caption": ("Actieve deelnemers per week", "Active posters per week"),
    "week": ("Week", "Week"),
    "no_data": ("Nog geen gegevens.", "No data yet."),
    "matrix_heading": ("Hulp tussen organisaties", "Help between organisations"),
    "matrix_explain": (
        "Per rij de organisatie die hielp, per kolom de organisatie die vroeg: het aantal "
        "antwoorden.",
        "Each row is the organisation that helped, each column the one that asked: the "
        "number of answers.",
    ),
    "matrix_caption": (
        "Antwoorden van de ene organisatie op vragen van de andere",
        "Answers by one organisation to questions of another",
    ),
    "matrix_corner": ("Hielp ↓ / vroeg →", "Helped ↓ / asked →"),
    "matrix_empty": (
        "Nog geen hulp tussen organisaties (of alles verborgen).",
        "No help between organisations yet (or all hidden).",
    ),
    "matrix_hidden": (
        "{count} paar/paren verborgen: over minder dan 5 personen.",
        "{count} pair(s) hidden: about fewer than 5 people.",
    ),
    "unanswered_heading": ("Onbeantwoorde vragen", "Unanswered questions"),
    "unanswered_caption": (
        "Onbeantwoorde vragen, oudste eerst",
        "Unanswered questions, oldest first",
    ),
    "unanswered_none": ("Geen onbeantwoorde vragen.", "No unanswered questions."),
    "asked_at": ("Gesteld op", "Asked at"),
    "channel": ("Kanaal", "Channel"),
    "thread": ("Draad", "Thread"),
    "open_thread": ("Open de draad", "Open the thread"),
    "no_link": ("(geen link op dit platform)", "(no link on this platform)"),
    # mail desk
    "mail_title": ("Maildesk", "Mail desk"),
    "mail_caption": ("Wachtende mail, oudste eerst", "Mail waiting, oldest first"),
    "mail_none": ("Er wacht geen mail.", "No mail is waiting."),
    "mail_no_desk": (
        "Deze Vraagbaak neemt geen mail aan (geen [mail] in de configuratie).",
        "This Vraagbaak takes no mail (no [mail] in the configuration).",
    ),
    "mail_number": ("Nummer", "Number"),
    "mail_received": ("Ontvangen", "Received"),
    "mail_subject": ("Onderwerp", "Subject"),
    "mail_sender": ("Afzender", "Sender"),
    "mail_waits_for": ("Wacht op", "Waits for"),
    "mail_held": (
        "een moderator: de afzender hoort bij geen bekende organisatie",
        "a moderator: the sender belongs to no known organisation",
    ),
    "mail_needs_group": (
        "een groepskeuze: Vraagbaak twijfelde over de groep",
        "a choice of group: Vraagbaak was unsure about the group",
    ),
    "mail_heading": ("Mail {id}: {subject}", "Mail {id}: {subject}"),
    "mail_verification": ("Afzender gecontroleerd", "Sender checked"),
    "mail_known_org": ("hoort bij {org}", "belongs to {org}"),
    "mail_unknown_org": ("onbekende afzender", "unknown sender"),
    "mail_verified": ("afzender geverifieerd", "sender verified"),
    "mail_not_verified": ("afzender niet geverifieerd", "sender not verified"),
    "mail_redactions": ("Weggelakt", "Redacted"),
    "mail_no_redactions": ("niets", "nothing"),
    "mail_text": ("Tekst (persoonsgegevens weggelakt)", "Text (personal data redacted)"),
    "mail_choose_group": ("Groep", "Group"),
    "mail_group_routing": ("zoals Vraagbaak kiest", "as Vraagbaak chooses"),
    "mail_release": ("Vrijgeven", "Release"),
    "mail_send_to_group": ("Naar deze groep", "Send to this group"),
    "mail_reject": ("Afwijzen", "Reject"),
    "mail_bad_group": (
        "Die groep bestaat niet of beheer je niet.",
        "That group does not exist or is not yours.",
    ),
    # targets
    "targets_title": ("Doelen en herinneringen", "Targets and nudges"),
    "targets_explain": (
        "Schrijf een doel zoals je het zegt: “80 % beantwoord”, “reactie binnen 4 uur”, "
        "“90 % binnen 24 uur”. Hetzelfde werkt in de chat met !doel.",
        "Write a target the way you say it: “80 % answered”, “response within 4 hours”, "
        "“90 % within 24 hours”. The same works in the chat with !goal.",
    ),
    "targets_caption": ("Alle doelen", "All targets"),
    "set_at": ("Gezet op", "Set on"),
    "goal_new": ("Nieuw doel", "New target"),
    "goal_examples": (
        "Bijvoorbeeld: 80 % beantwoord · reactie binnen 4 uur · 50 % geaccepteerd · 10 deelnemers",
        "For example: 80 % answered · response within 4 hours · 50 % accepted · 10 posters",
    ),
    "goal_save": ("Doel opslaan", "Save target"),
    "goal_remove": ("Weghalen", "Remove"),
    "nudges_heading": ("Herinneringen per groep", "Nudges per group"),
    "nudges_explain": (
        "Welke herinneringen elke groep krijgt. Zonder keuze hier geldt de configuratie "
        "([[groups]] nudges). Herinneringen houden zich altijd aan werktijden, feestdagen en "
        "wie ze heeft uitgezet.",
        "Which nudges each group gets. Without a choice here the configuration applies "
        "([[groups]] nudges). Nudges always respect working hours, holidays and opt-outs.",
    ),
    "nudges_legend": ("Herinneringen voor {group}", "Nudges for {group}"),
    "nudges_save": ("Herinneringen opslaan", "Save nudges"),
    "nudges_caption": ("Herinneringen per groep", "Nudges per group"),
    "nudge.unanswered": ("Onbeantwoorde vraag", "Unanswered question"),
    "nudge.escalation": ("Doorzetten naar communitymanager", "Escalation to the manager"),
    "nudge.newcomer": ("Welkom voor nieuwkomers", "Welcome for newcomers"),
    "report_heading": ("Maandrapport", "Monthly report"),
    "report_now": (
        "Het maandrapport gaat naar {name} ({platform}).",
        "The monthly report goes to {name} ({platform}).",
    ),
    "report_off_now": (
        "Er is geen kanaal voor het maandrapport: het staat uit.",
        "There is no channel for the monthly report: it is off.",
    ),
    "report_choose": ("Kanaal voor het maandrapport", "Channel for the monthly report"),
    "report_none": ("geen (maandrapport uit)", "none (monthly report off)"),
    "report_partners": (
        "Het rapport heeft de cijfers van alle groepen: een kanaal met externe partners erin "
        "kan niet.",
        "The report has every group's figures: a channel with external partners in it cannot "
        "be chosen.",
    ),
    # profile
    "profile_title": ("Mijn profiel", "My profile"),
    "name": ("Naam", "Name"),
    "organisation": ("Organisatie", "Organisation"),
    "role": ("Rol", "Role"),
    "role.member": ("deelnemer", "member"),
    "role.community_manager": ("communitymanager", "community manager"),
    "role.admin": ("beheerder", "administrator"),
    "skills_heading": ("Wat ik weet", "What I know"),
    "skills_caption": ("Onderwerpen die ik zelf opgaf", "Topics I declared myself"),
    "skills_none": ("Nog geen onderwerpen.", "No topics yet."),
    "topic": ("Onderwerp", "Topic"),
    "declared_at": ("Opgegeven op", "Declared on"),
    "skill_new": ("Nieuw onderwerp", "New topic"),
    "skill_add": ("Toevoegen", "Add"),
    "skill_remove": ("{topic} weghalen", "Remove {topic}"),
    "hidden_topics_heading": ("Verborgen onderwerpen", "Hidden topics"),
    "hidden_topics_explain": (
        "Bij deze onderwerpen noemt Vraagbaak je niet als iemand vraagt wie iets weet.",
        "For these topics Vraagbaak does not name you when someone asks who knows.",
    ),
    "hidden_topics_caption": (
        "Onderwerpen waarbij ik niet genoemd word",
        "Topics I am not named for",
    ),
    "hidden_topics_none": ("Geen.", "None."),
    "topic_new": ("Onderwerp verbergen", "Topic to hide"),
    "topic_hide": ("Verbergen", "Hide"),
    "topic_show": ("{topic} weer tonen", "Show {topic} again"),
    "settings_heading": ("Instellingen", "Settings"),
    "settings_legend": ("Berichten van Vraagbaak", "Messages from Vraagbaak"),
    "setting_mute": ("Geen herinneringen (stil)", "No reminders (mute)"),
    "setting_digest": ("Wekelijkse samenvatting", "Weekly digest"),
    "setting_introductions": (
        "Kennismaken met iemand van een andere organisatie",
        "Introductions to someone from another organisation",
    ),
    "setting_dnd": ("Niet storen", "Do not disturb"),
    "setting_mail_copy": (
        "Een kopie (cc) van de antwoordmail op vragen die ik doorstuurde (uit: bericht in de chat)",
        "A copy (cc) of the answer mail to questions I forwarded (off: a message in the chat)",
    ),
    "setting_pause": (
        "Herinneringen gepauzeerd tot (leeg: geen pauze)",
        "Reminders paused until (empty: no pause)",
    ),
    "setting_away": ("Afwezig tot (leeg: aanwezig)", "Away until (empty: present)"),
    "setting_language": ("Taal", "Language"),
    "settings_date_bad": (
        "Een datum moet na vandaag liggen en binnen een jaar; er is niets gewijzigd.",
        "A date must lie after today and within a year; nothing was changed.",
    ),
    # messages after a form
    "flash.saved": ("Opgeslagen.", "Saved."),
    "flash.goal_saved": ("Het doel is opgeslagen.", "The target was saved."),
    "flash.goal_removed": ("Het doel is weggehaald.", "The target was removed."),
    "flash.report_off": ("Het maandrapport staat uit.", "The monthly report is off."),
    "flash.report_set": (
        "Het kanaal voor het maandrapport is gezet.",
        "The monthly report's channel was set.",
    ),
    "flash.mail_released": (
        "De mail is vrijgegeven; Vraagbaak plaatst hem zo.",
        "The mail was released; Vraagbaak posts it shortly.",
    ),
    "flash.mail_rejected": (
        "De mail is afgewezen en wordt niet geplaatst.",
        "The mail was rejected and will not be posted.",
    ),
    "flash.mail_not_waiting": (
        "Die mail wacht niet (meer).",
        "That mail is not waiting (any more).",
    ),
    "flash.answer_sent": (
        "De antwoordmail is verstuurd; de thread toont wanneer hij weg is.",
        "The answer mail was sent; the thread shows when it has left.",
    ),
    "flash.answer_edited": (
        "Het antwoord in de mail is aangepast; bekijk hem hieronder.",
        "The answer in the mail was changed; look at it below.",
    ),
    "flash.answer_cancelled": (
        "De antwoordmail is niet verstuurd; de vraag staat weer open.",
        "The answer mail was not sent; the question is open again.",
    ),
    "flash.answer_not_waiting": (
        "Die antwoordmail wacht niet (meer).",
        "That answer mail is not waiting (any more).",
    ),
    "flash.answer_edit_bad": (
        "Er is niets aangepast: het nieuwe antwoord was leeg of te lang.",
        "Nothing was changed: the new answer was empty or too long.",
    ),
    "flash.signed_out": ("Je bent uitgelogd.", "You are signed out."),
    "flash.skill_added": ("Toegevoegd.", "Added."),
    "flash.skill_removed": ("Weggehaald.", "Removed."),
    "flash.topic_hidden": ("Dat onderwerp is verborgen.", "That topic is hidden."),
    "flash.topic_shown": ("Dat onderwerp wordt weer getoond.", "That topic is shown again."),
    # answer mails waiting for the acceptor (issue 15)
    "answers_heading": ("Jouw antwoordmails die wachten", "Your answer mails waiting"),
    "answers_explain": (
        "Je accepteerde deze antwoorden; ze gaan pas weg als je ze verstuurt. Dezelfde "
        "keuzes als !versturen, !aanpassen en !annuleren in de chat.",
        "You accepted these answers; they leave only when you send them. The same choices "
        "as !send, !edit and !cancel in the chat.",
    ),
    "answer_heading": ("Antwoordmail {reference}", "Answer mail {reference}"),
    "answer_to": ("Aan", "To"),
    "answer_cc": ("Cc", "Cc"),
    "answer_from": ("Van", "From"),
    "answer_reply_to": ("Antwoorden naar", "Reply-To"),
    "answer_subject": ("Onderwerp", "Subject"),
    "answer_mail": ("De mail", "The mail"),
    "answer_send": ("Versturen", "Send"),
    "answer_new_text": (
        "Nieuw antwoord (aanhef en ondertekening blijven)",
        "New answer (greeting and signature stay)",
    ),
    "answer_edit": ("Antwoord aanpassen", "Change the answer"),
    "answer_cancel": ("Niet versturen", "Do not send"),
    "answer_not_yours": (
        "Deze antwoordmail is door iemand anders geaccepteerd; alleen die kan hem versturen, "
        "aanpassen of annuleren.",
        "Someone else accepted this answer mail; only they can send, edit or cancel it.",
    ),
    "answer_not_allowed": (
        "Je mag dit antwoord niet meer versturen: je rol bij deze groep is veranderd.",
        "You may no longer send this answer: your role in this group changed.",
    ),
    # the !dashboard command
    "dashboard_help": (
        "een inloglink voor het dashboard (privé, 15 minuten geldig)",
        "a sign-in link for the dashboard (private, valid for 15 minutes)",
    ),
    "dashboard_link": (
        "Je inloglink voor het Vraagbaak-dashboard (werkt één keer, {minutes} minuten "
        "geldig; deel hem met niemand): {url}",
        "Your sign-in link for the Vraagbaak dashboard (works once, valid for {minutes} "
        "minutes; share it with no one): {url}",
    ),
}

TEXTS: dict[str, dict[str, str]] = {
    f"web.{key}": {"nl": nl, "en": en} for key, (nl, en) in _PAIRS.items()
}
