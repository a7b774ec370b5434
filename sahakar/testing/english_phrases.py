"""English phrases that must never show on a page in Khmer: each was seen untranslated once
(validation messages, legal-clock texts and law names, country names, audit record types,
notes meant for translators, Python reprs) or is chrome every page carries.

The browser suite (core/tests/test_browser_main_pages.py) looks for each, as whole words
and case-sensitively, in the text and labels of every main page shown in Khmer, outside
elements marked lang="en" (the language switch's "English", Latin-script names given so).
Add a phrase here when one is found untranslated; never add a word that Khmer pages may
rightly show (personal names, reference numbers, "kg", "API") or that records' own names
hold (an evidence store is named "Evidence registry, ..." by its agency).
"""

PHRASES: tuple[str, ...] = (
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
