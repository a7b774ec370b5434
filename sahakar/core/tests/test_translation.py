"""The Khmer catalogue: complete, compiled, and used once a user switches to Khmer."""

import gettext
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sahakar.testing import factories as f

KM = Path(settings.LOCALE_PATHS[0]) / "km" / "LC_MESSAGES"
KHMER_SCRIPT = re.compile("[\u1780-\u17ff]")

# What every signed-in user sees: the record types of the main navigation (model
# verbose_name_plural), the tools of the top bar and the everyday buttons.
MAIN_STRINGS = [
    "operations",
    "seizures",
    "venues",
    "arrests",
    "persons",
    "audit entries",
    "Main",
    "Security",
    "Sign in",
    "Sign out",
    "Home",
    "Save",
    "Cancel",
    "Edit",
    "Delete",
    "Search",
    "Search and filter",
    "Export CSV",
    "Record a seizure",
    "Record an arrest",
    "Plan an operation",
]


def compiled_catalogue() -> dict[Any, str]:
    with open(KM / "django.mo", "rb") as mo:
        catalogue: dict[Any, str] = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
        return catalogue


def test_it_compiles_the_main_strings_into_khmer() -> None:
    catalogue = compiled_catalogue()
    for msgid in MAIN_STRINGS:
        # msgfmt leaves untranslated and fuzzy entries out of the .mo.
        assert msgid in catalogue, f"{msgid!r} is untranslated or fuzzy"
        assert KHMER_SCRIPT.search(catalogue[msgid]), f"{msgid!r} is not in Khmer"


def test_it_translates_the_everyday_words() -> None:
    with translation.override("km"):
        assert translation.gettext("Seizures") == "ការរឹបអូស"
        assert translation.gettext("Sign out") == "ចាកចេញ"
        assert translation.gettext("Save") == "រក្សាទុក"
        assert translation.gettext("Sign in") == "ចូលប្រព័ន្ធ"
        assert (
            translation.ngettext("%(counter)s record", "%(counter)s records", 3) % {"counter": 3}
            == "កំណត់ត្រាចំនួន 3"
        )


def test_it_keeps_no_untranslated_or_fuzzy_entry_in_the_catalogue() -> None:
    po = (KM / "django.po").read_text(encoding="utf-8")
    header, _, body = po.partition("\n\n")
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert "#, fuzzy" not in po
    # An empty msgstr not continued on the next line (a long one starts with "").
    untranslated = re.findall(r'^msgstr(?:\[\d+\])? ""$(?!\n")', body, re.M)
    assert len(untranslated) == 0


def test_it_ships_a_compiled_catalogue_as_new_as_the_source() -> None:
    po = (KM / "django.po").read_text(encoding="utf-8")
    catalogue = compiled_catalogue()

    def unquote(text: str) -> str:
        return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, re.M)
    assert len(pairs) > 100
    stale = [m for m, s in pairs if catalogue.get(unquote(m)) != unquote(s)]
    assert stale == [], "django.mo is older than django.po: run compilemessages -l km"


@pytest.mark.django_db
def test_it_shows_the_home_page_in_khmer_after_switching(client: Any) -> None:
    user = f.make_user("u", "field_officer", f.unit("12"), "ADB-PP")
    client.force_login(user)
    with translation.override("km"):
        expected = translation.gettext("Record a seizure")
        seizures = translation.gettext("seizures")
    assert expected != "Record a seizure" and KHMER_SCRIPT.search(expected)
    with translation.override("en"):  # the middleware activates km for this thread
        response = client.post("/i18n/setlang/", {"language": "km", "next": "/"})
        assert response.status_code == 302
        page = client.get("/").content.decode()
    assert '<html lang="km">' in page
    assert expected in page
    assert seizures in page  # the main navigation
    assert "Record a seizure" not in page


@pytest.mark.django_db
def test_it_renders_the_everyday_pages_in_khmer(client: Any) -> None:
    user = f.make_user("u", "field_officer", f.unit("12"), "ADB-PP")
    operation = f.make_operation(f.unit("12"))
    seizure = f.make_seizure(f.unit("12"))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    with translation.override("en"):
        nav = [item["url"] for item in client.get("/").context["nav_items"]]
        pages = [
            *nav,
            reverse("seizures:seizure_add"),
            reverse("arrests:arrest_add"),
            reverse("arrests:due"),
            reverse("operations:operation_add"),
            reverse("security:overview"),
            operation.get_absolute_url(),
            seizure.get_absolute_url(),
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert '<html lang="km">' in response.content.decode(), url
    assert len(nav) >= 4
