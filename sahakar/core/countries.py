"""Country names in the language of the page, from CLDR (Babel's locale data).

django-countries translates its names through its own catalogues, which have no Khmer, so
the Khmer pages listed every country in English. settings.COUNTRIES_OVERRIDE gives each code
a lazy name instead: CLDR's name in the active language (Babel's `territories`), or
django-countries' own English name (its common names: "Bolivia", "Iran") in English or when
CLDR has none. The names are read when shown, so one running process serves both languages:
forms, lists, detail pages, filters and exports alike.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.encoding import force_str
from django.utils.functional import lazy
from django.utils.translation import get_language, override
from django_countries.base import CountriesBase
from django_countries.data import COUNTRIES


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def english_name(code: str) -> str:
    """django-countries' English name of `code` (its common name where it has one)."""
    with override("en"):
        return force_str(CountriesBase.COMMON_NAMES.get(code) or COUNTRIES[code])


def country_name(code: str) -> str:
    """The name of `code` in the active language."""
    language = get_language() or "en"
    if not language.startswith("en"):
        name = _territories(language).get(code)
        if name:
            return name
    return english_name(code)


_lazy_name = lazy(country_name, str)


def names_by_language() -> dict[str, Any]:
    """COUNTRIES_OVERRIDE: every code's name, read in the language active when it is shown."""
    return {code: _lazy_name(code) for code in COUNTRIES}
