"""The person an application is about: the same section opens every service's form.

The applicant may be someone else (a host registering a guest, an employer applying for a
worker), so the subject is always asked, in the Latin script of the travel document. The
public status check asks for the subject's birth date; the officer matches the subject to
a person file.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationInfo, field_validator

from umis.eservices.base import ServiceForm
from umis.eservices.validation import address_in_country, district_code, nationality, today_from
from umis.people.names import clean_name, is_latin_name
from umis.people.validation import EARLIEST_BIRTH_YEAR, NAME_MAX, normalise_document_number

SUBJECT_FIELDS = (
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "document_number",
)
_DOCUMENT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class SubjectForm(ServiceForm):
    """Identity of the person concerned, as written in their passport's Latin line."""

    subject_labels: ClassVar[dict[str, Promise]] = {
        "surname": gettext_lazy("Surname (as in the passport, Latin letters)"),
        "given_names": gettext_lazy("Given names (as in the passport, Latin letters)"),
        "birth_date": gettext_lazy("Date of birth"),
        "sex": gettext_lazy("Sex"),
        "nationality": gettext_lazy("Nationality"),
        "document_number": gettext_lazy("Passport or travel document number"),
    }

    surname: str
    given_names: str
    birth_date: date
    sex: Literal["F", "M", "X"]
    nationality: str
    document_number: str

    @field_validator("surname", "given_names")
    @classmethod
    def _latin_name(cls, value: str, info: ValidationInfo) -> str:
        label = cls.subject_labels[info.field_name]
        text = clean_name(value)
        if not text:
            raise ValueError(_("%(field)s: this field is required.") % {"field": label})
        if len(text) > NAME_MAX:
            raise ValueError(_("%(field)s: at most 200 characters.") % {"field": label})
        if not is_latin_name(text):
            raise ValueError(
                _(
                    "%(field)s: use Latin letters as printed in the passport "
                    "(spaces, hyphens and apostrophes are allowed)."
                )
                % {"field": label}
            )
        return text

    @field_validator("birth_date")
    @classmethod
    def _birth_date(cls, value: date, info: ValidationInfo) -> date:
        if value > today_from(info):
            raise ValueError(_("Date of birth: the date cannot be in the future."))
        if value.year < EARLIEST_BIRTH_YEAR:
            raise ValueError(
                _("Date of birth: the year must be %(year)s or later.")
                % {"year": EARLIEST_BIRTH_YEAR}
            )
        return value

    @field_validator("nationality")
    @classmethod
    def _nationality(cls, value: str) -> str:
        return nationality(value, label=_("Nationality"))

    @field_validator("document_number")
    @classmethod
    def _document_number(cls, value: str) -> str:
        number = normalise_document_number(value)
        if not number:
            raise ValueError(_("Passport or travel document number: this field is required."))
        if len(number) > 30 or not set(number) <= _DOCUMENT_CHARS:
            raise ValueError(
                _("Passport or travel document number: only Latin letters and digits, at most 30.")
            )
        return number


class PlaceInCountryForm(ServiceForm):
    """Where the person lives or stays: the district decides which department handles the
    case (jurisdiction follows the place of stay)."""

    address: str
    district: str

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return address_in_country(value)

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return district_code(value)
