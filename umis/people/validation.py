"""Checking what is entered about a person or a document: one translated message per field.

Pure functions over plain values (plus a district look-up), used by the services; a
problem never raises midway, so that every field at fault is reported at once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.accounts.jurisdiction import district_ids_visible_to
from umis.accounts.models import District
from umis.people.countries import is_nationality_code
from umis.people.dates import PartialDate
from umis.people.models import DocumentType, Sex
from umis.people.names import clean_name, is_latin_name, is_native_name

NAME_MAX = 200
ADDRESS_MAX = 500
EARLIEST_BIRTH_YEAR = 1900

LABELS = {
    "surname_latin": gettext_lazy("Surname (Latin script)"),
    "given_names_latin": gettext_lazy("Given names (Latin script)"),
    "patronymic_latin": gettext_lazy("Patronymic (Latin script)"),
    "surname_native": gettext_lazy("Surname (as in the document)"),
    "given_names_native": gettext_lazy("Given names (as in the document)"),
    "patronymic_native": gettext_lazy("Patronymic (as in the document)"),
}
LATIN_NAME_FIELDS = ("surname_latin", "given_names_latin", "patronymic_latin")
NATIVE_NAME_FIELDS = ("surname_native", "given_names_native", "patronymic_native")
PERSON_FIELDS = frozenset(
    {
        *LATIN_NAME_FIELDS,
        *NATIVE_NAME_FIELDS,
        "birth_date",
        "sex",
        "nationality",
        "email",
        "phone",
        "place_of_stay_district",
        "address",
    }
)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")
_DOCUMENT_NUMBER = re.compile(r"^[A-Z0-9]{1,30}$")


class FieldErrors(dict[str, str]):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, message)


def has_control_characters(text: str, *, allow_newlines: bool = False) -> bool:
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(c) in {"Cc", "Cs"} and c not in allowed for c in text)


def _name(field: str, value: Any, errors: FieldErrors) -> str:
    text = clean_name(str(value or ""))
    label = LABELS[field]
    if not text:
        return ""
    if len(text) > NAME_MAX:
        errors.add(field, _("%(field)s is too long (at most 200 characters).") % {"field": label})
    elif field in LATIN_NAME_FIELDS and not is_latin_name(text):
        errors.add(
            field,
            _("%(field)s may contain only Latin letters, spaces, hyphens and apostrophes.")
            % {"field": label},
        )
    elif field in NATIVE_NAME_FIELDS and not is_native_name(text):
        errors.add(
            field,
            _("%(field)s may contain only letters, spaces, hyphens and apostrophes.")
            % {"field": label},
        )
    return text


def birth_date_error(value: PartialDate, today: date) -> str | None:
    if value.is_in_future(today):
        return _("The date of birth cannot be in the future.")
    if value.year < EARLIEST_BIRTH_YEAR:
        return _("The year of birth must be %(year)s or later.") % {"year": EARLIEST_BIRTH_YEAR}
    return None


def nationality_error(code: str, *, field_label: str) -> str | None:
    if is_nationality_code(code):
        return None
    return _(
        "%(field)s “%(code)s” is not a known code: use the three-letter ISO 3166-1 code, "
        "or XXA (stateless), XXB, XXC (refugee) or XXX (unspecified)."
    ) % {"field": field_label, "code": code}


def _district(value: Any, actor: Any, errors: FieldErrors) -> District | None:
    visible = district_ids_visible_to(actor) if actor is not None else None
    if value in (None, ""):
        if visible is not None:
            # Regional staff only see persons placed in their districts: a person without
            # a place of stay would vanish from their view the moment it is saved.
            errors.add("place_of_stay_district", _("Choose the district of the place of stay."))
        return None
    district = value if isinstance(value, District) else None
    if district is None:
        try:
            district = District.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError, OverflowError):
            district = None
    if district is None:
        errors.add("place_of_stay_district", _("Choose a district from the list."))
        return None
    if visible is not None and district.pk not in visible:
        errors.add(
            "place_of_stay_district",
            _("The place of stay must be in a district of your department."),
        )
    return district


def clean_person_fields(
    data: dict[str, Any], *, required: set[str], actor: Any, today: date
) -> tuple[dict[str, Any], FieldErrors]:
    """Cleaned model values for the given fields (``birth_date`` becomes birth_year,
    birth_month, birth_day), and the errors found."""
    errors = FieldErrors()
    unknown = set(data) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    clean: dict[str, Any] = {}
    for field in (*LATIN_NAME_FIELDS, *NATIVE_NAME_FIELDS):
        if field in data:
            clean[field] = _name(field, data[field], errors)
    if "surname_latin" in required | set(data) and not clean.get("surname_latin"):
        errors.add("surname_latin", _("Enter the surname in Latin script."))

    if "birth_date" in data and data["birth_date"] not in (None, ""):
        try:
            birth = PartialDate.coerce(data["birth_date"])
        except ValueError as exc:
            errors.add("birth_date", str(exc))
        else:
            problem = birth_date_error(birth, today)
            if problem:
                errors.add("birth_date", problem)
            clean.update(birth_year=birth.year, birth_month=birth.month, birth_day=birth.day)
    elif "birth_date" in required | set(data):
        errors.add("birth_date", _("Enter the date of birth (at least the year)."))

    if "sex" in data or "sex" in required:
        sex = str(data.get("sex") or "").strip().upper()
        if sex not in Sex.values:
            errors.add("sex", _("Sex must be M (male), F (female) or X (unspecified)."))
        clean["sex"] = sex

    if "nationality" in data or "nationality" in required:
        code = str(data.get("nationality") or "").strip().upper()
        if not code:
            errors.add("nationality", _("Enter the nationality."))
        else:
            problem = nationality_error(code, field_label=_("Nationality"))
            if problem:
                errors.add("nationality", problem)
        clean["nationality"] = code

    if "email" in data:
        email = str(data["email"] or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.add("email", _("Enter a valid e-mail address."))
        clean["email"] = email
    if "phone" in data:
        phone = str(data["phone"] or "").strip()
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            errors.add(
                "phone", _("Enter the phone number with digits only, e.g. +994 12 345 67 89.")
            )
        clean["phone"] = phone
    if "address" in data:
        address = str(data["address"] or "").strip()
        if len(address) > ADDRESS_MAX:
            errors.add("address", _("The address is too long (at most 500 characters)."))
        elif has_control_characters(address, allow_newlines=True):
            errors.add("address", _("The address contains characters that are not allowed."))
        clean["address"] = address
    if "place_of_stay_district" in data or "place_of_stay_district" in required:
        clean["place_of_stay_district"] = _district(
            data.get("place_of_stay_district"), actor, errors
        )
    return clean, errors


def normalise_document_number(value: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2014]", "", unicodedata.normalize("NFKC", value)).upper()


def clean_document_fields(
    *,
    type: str,
    number: str,
    issuing_state: str,
    issue_date: date | None,
    expiry_date: date | None,
    today: date,
) -> tuple[dict[str, Any], FieldErrors]:
    errors = FieldErrors()
    if type not in DocumentType.values:
        errors.add("type", _("Choose the type of document from the list."))
    clean_number = normalise_document_number(number or "")
    if not clean_number:
        errors.add("number", _("Enter the document number."))
    elif not _DOCUMENT_NUMBER.match(clean_number):
        errors.add(
            "number",
            _("The document number may contain only Latin letters and digits (at most 30)."),
        )
    state = (issuing_state or "").strip().upper()
    if not state:
        errors.add("issuing_state", _("Enter the issuing state."))
    else:
        problem = nationality_error(state, field_label=_("Issuing state"))
        if problem:
            errors.add("issuing_state", problem)
    if issue_date is not None and issue_date > today:
        errors.add("issue_date", _("The date of issue cannot be in the future."))
    booklet = type in {
        DocumentType.PASSPORT,
        DocumentType.STATELESS_TRAVEL_DOCUMENT,
        DocumentType.REFUGEE_TRAVEL_DOCUMENT,
    }
    if expiry_date is None and booklet:
        errors.add("expiry_date", _("Enter the expiry date of the document."))
    if issue_date is not None and expiry_date is not None and expiry_date <= issue_date:
        errors.add("expiry_date", _("The expiry date must be after the date of issue."))
    clean = {
        "type": type,
        "number": clean_number,
        "issuing_state": state,
        "issue_date": issue_date,
        "expiry_date": expiry_date,
    }
    return clean, errors


def mrz_disagreements(
    parsed: Any, *, person: Any, number: str, issuing_state: str, expiry_date: date | None
) -> FieldErrors:
    """Where a parsed MRZ and the entered fields disagree; all mismatches go under "mrz",
    and the entered document fields at fault are marked too."""
    problems: list[str] = []
    errors = FieldErrors()
    if normalise_document_number(parsed.document_number) != number:
        problems.append(_("The document number in the MRZ does not match the number entered."))
        errors.add("number", _("The number does not match the MRZ."))
    if parsed.issuing_state_code != issuing_state:
        problems.append(
            _("The issuing state in the MRZ (%(code)s) does not match the issuing state entered.")
            % {"code": parsed.issuing_state}
        )
        errors.add("issuing_state", _("The issuing state does not match the MRZ."))
    if expiry_date is not None and parsed.expiry_date != expiry_date:
        problems.append(_("The expiry date in the MRZ does not match the expiry date entered."))
        errors.add("expiry_date", _("The expiry date does not match the MRZ."))
    if parsed.birth_year is not None and not person.birth_date.agrees_with(
        PartialDate(parsed.birth_year, parsed.birth_month, parsed.birth_day)
    ):
        problems.append(
            _("The date of birth in the MRZ does not match the person's date of birth.")
        )
    if parsed.nationality_code != person.nationality:
        problems.append(
            _("The nationality in the MRZ (%(code)s) does not match the person's nationality.")
            % {"code": parsed.nationality}
        )
    if parsed.sex in ("M", "F") and parsed.sex != person.sex:
        problems.append(_("The sex in the MRZ does not match the person's sex."))
    if problems:
        errors["mrz"] = " ".join(problems)
    return errors
