"""English phrases that must never appear on a page shown in Khmer.

Each phrase is a piece of text that Sahakar, Django or a library writes in English when a
translation is missing: our own labels, Django's validation messages, the legal-clock texts and
law names, country names, audit record types and notes meant for the people who keep the data.
Tests of Khmer pages (the page tests here and the browser suite) look for them in the visible
text of a page with `english_phrases_in`; a phrase is matched as written (case matters), so a
word that is also a person's or a place's name in Latin script is not listed.

When a Khmer page is found to show English, add the phrase here, then translate it.
"""

from __future__ import annotations

import re

# Sahakar's own labels, headings and menu entries.
LABELS = [
    "Suspected offences",
    "Sign out",
    "Sign in",
    "Operations",
    "Seizures",
    "Arrests",
    "Case files",
    "Evidence",
    "Prevention",
    "Statistics",
    "Reference number",
    "Org unit",
    "Nationality",
    "Date of birth",
    "Previous",
    "Next",
    "Filter",
    "Export",
    "Save",
    "Cancel",
    "No records",
]

# Django's own validation messages (forms, models, password validators).
VALIDATION = [
    "This field is required.",
    "Enter a valid",
    "Enter a whole number.",
    "Enter a number.",
    "Select a valid choice",
    "Ensure this value",
    "Ensure that there are no more than",
    "already exists.",
    "This password is too short",
    "This password is too common",
    "This password is entirely numeric",
    "The password is too similar",
    "Please correct the",
    "Enter a number as this page writes them",
]

# Legal-clock texts, law names and notes for the people who keep the reference data.
LEGAL = [
    "Code of Criminal Procedure",
    "Law on Drug Control",
    "Pre-trial detention limit",
    "Judgment in immediate appearance",
    "hours of custody from the arrival",
    "extensions of up to",
    "extension of up to",
    "cannot be extended",
    "Police custody",
    "felony",
    "misdemeanour",
    "art. ",
    "Khmer label to be reviewed",
    "legal translator",
    "UNVERIFIED",
    "official text",
    "quantity threshold",
]

# Record types as Django names them when nobody translated them ("Persons | person").
RECORD_TYPES = [
    "Persons | person",
    "Seizures | seizure",
    "Arrests | arrest",
    "Cases | case",
    " | person",
    " | seizure",
    " | arrest",
]

# Country names as django-countries writes them in English.
COUNTRIES = [
    "Cambodia",
    "Thailand",
    "Viet Nam",
    "Vietnam",
    "Lao People's",
    "Myanmar",
    "Malaysia",
    "China",
    "Nigeria",
]

# Dates and times in Django's English formats.
DATES = [
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "a.m.",
    "p.m.",
    "midnight",
    "noon",
]

ENGLISH_PHRASES: list[str] = LABELS + VALIDATION + LEGAL + RECORD_TYPES + COUNTRIES + DATES


def english_phrases_in(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """The phrases of ENGLISH_PHRASES found in `text` (the visible text of a Khmer page).

    Whole-word phrases are matched at word boundaries ("Next" is not found in "Nextel");
    `allowed` lists phrases a page may show (an English name typed by a user, for example)."""
    found = []
    for phrase in ENGLISH_PHRASES:
        if phrase in allowed:
            continue
        pattern = re.escape(phrase)
        if phrase[:1].isalnum():
            pattern = r"(?<![A-Za-z])" + pattern
        if phrase[-1:].isalnum():
            pattern += r"(?![A-Za-z])"
        if re.search(pattern, text):
            found.append(phrase)
    return found


# What the browser suite looks for on every main page in Khmer: the lists above, with the
# chrome every page carries and the Python values that must never show. "Evidence" is left out
# there: evidence stores are named "Evidence registry, ..." by their agencies.
_PAGE_CHROME_AND_REPRS = (
    # Chrome on every page.
    "Skip to content",
    "Sign out",
    "Sign in",
    "Search",
    "Filter",
    "Next",
    "Previous",
    "Save",
    "Cancel",
    "Security",
    "Statistics",
    "Seizures",
    "Arrests",
    "Operations",
    "Persons",
    "Venues",
    "one shared record for every agency",
    # Django's own validation messages.
    "This field is required.",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    # Legal-clock texts and law names.
    "Code of Criminal Procedure",
    "Law on Drug Control",
    "Pre-trial detention",
    "police custody",
    "past its legal deadline",
    # A note meant for translators.
    "to be reviewed by a legal translator",
    # Country names.
    "Cambodia",
    "Thailand",
    "Viet Nam",
    "Lao People",
    # Audit record types ("Persons | person").
    " | person",
    " | seizure",
    " | arrest",
    # Python reprs.
    "None",
    "{'",
    "True",
    "False",
)

PHRASES: tuple[str, ...] = tuple(
    dict.fromkeys(p for p in [*ENGLISH_PHRASES, *_PAGE_CHROME_AND_REPRS] if p != "Evidence")
)
