"""State codes: ISO 3166-1 alpha-3 plus the ICAO Doc 9303 codes for special cases."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# ICAO Doc 9303 Part 3: nationality codes for persons without an ordinary one.
SPECIAL_NATIONALITIES = {
    "XXA": _("Stateless person"),
    "XXB": _("Refugee (1951 Convention)"),
    "XXC": _("Refugee (other)"),
    "XXX": _("Unspecified nationality"),
}

# Codes that appear in machine-readable zones but are not ISO 3166-1 alpha-3 (ICAO Doc 9303
# Part 3, section 5). "D" is Germany's code in an MRZ (written "D<<"). Only used to read an
# MRZ; a person's nationality is stored as ISO alpha-3 or one of the X codes above.
MRZ_ONLY_STATES = {
    "D": "DEU",
    "EUE": None,  # European Union
    "GBD": "GBR",  # British Overseas Territories citizen
    "GBN": "GBR",  # British National (Overseas)
    "GBO": "GBR",  # British Overseas citizen
    "GBP": "GBR",  # British protected person
    "GBS": "GBR",  # British subject
    "UNO": None,  # United Nations organisation
    "UNA": None,  # United Nations specialised agency
    "UNK": None,  # UN interim administration in Kosovo
    "XBA": None,  # African Development Bank
    "XCC": None,  # Caribbean Community
    "XCE": None,  # Council of Europe
    "XCO": None,  # Common Market for Eastern and Southern Africa
    "XEC": None,  # Economic Community of West African States
    "XES": None,  # Organisation of Eastern Caribbean States
    "XIM": None,  # African Export-Import Bank
    "XOM": None,  # Sovereign Military Order of Malta
    "XPO": None,  # Interpol
    "RKS": None,  # Kosovo
}


@lru_cache(maxsize=1)
def iso_alpha3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def is_nationality_code(code: str) -> bool:
    """A code a person's nationality or a document's issuing state may be stored as."""
    return code in iso_alpha3_codes() or code in SPECIAL_NATIONALITIES


def is_mrz_state_code(code: str) -> bool:
    return is_nationality_code(code) or code in MRZ_ONLY_STATES


def mrz_state_to_nationality(code: str) -> str | None:
    """The stored code an MRZ state code stands for ('D' -> 'DEU'); None if there is none."""
    if is_nationality_code(code):
        return code
    return MRZ_ONLY_STATES.get(code)


@lru_cache(maxsize=16)
def _iso_catalogue(language: str) -> gettext.NullTranslations:
    # pycountry ships the iso-codes translations; fall back to English names.
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def state_name(code: str) -> str:
    """The display name of a stored code in the current language."""
    if code in SPECIAL_NATIONALITIES:
        return str(SPECIAL_NATIONALITIES[code])
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    return _iso_catalogue((get_language() or "en")[:2]).gettext(english)


def nationality_choices() -> list[tuple[str, str]]:
    """Codes with names for a select box, ordered by name."""
    codes = sorted(iso_alpha3_codes() | set(SPECIAL_NATIONALITIES))
    return sorted(((code, state_name(code)) for code in codes), key=lambda pair: pair[1])
