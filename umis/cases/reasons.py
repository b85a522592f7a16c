"""Grounds for refusal, declared as data: a code that history and letters keep, a label.

A refusal cites at least one general ground of the law; the officer's own words explain
how it applies. The chosen codes travel in the history event's ``details["grounds"]``, so
a report or a refusal letter can name them in any language later.

The lists follow the general grounds of the Migration Code for residence permits and the
registration rules for a place of stay. They are a working list for the Service's lawyers
to confirm; adding a ground is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RESIDENCE_PERMIT = "residence_permit"
REGISTRATION = "registration"
ANY = "any"

# Which list of grounds applies to each e-service; a service not named here gets the
# grounds common to every application only.
SERVICE_KINDS: dict[str, str] = {
    "trp-issue": RESIDENCE_PERMIT,
    "trp-extend": RESIDENCE_PERMIT,
    "prp-issue": RESIDENCE_PERMIT,
    "prp-extend": RESIDENCE_PERMIT,
    "stay-registration": REGISTRATION,
    "stay-extension": REGISTRATION,
}


@dataclass(frozen=True)
class RefusalGround:
    code: str
    label: Promise
    kind: str


GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "false_information",
        _("The application contains false information or forged documents."),
        ANY,
    ),
    RefusalGround(
        "documents_missing",
        _("The required documents were not submitted, also after a request."),
        ANY,
    ),
    RefusalGround(
        "national_security",
        _("The applicant's activity threatens national security or public order."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "criminal_record",
        _("The applicant has an unspent conviction for a serious or especially serious crime."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "entry_ban",
        _("An entry ban or an expulsion decision is in force for the applicant."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "health",
        _("The applicant has a disease that endangers public health."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "no_means",
        _("The applicant has no sufficient means of subsistence or no housing."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "grounds_not_confirmed",
        _("The grounds for the permit (work, family, study, investment) are not confirmed."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "migration_violations",
        _("The applicant repeatedly broke the migration rules within the last year."),
        RESIDENCE_PERMIT,
    ),
    RefusalGround(
        "address_not_found",
        _("The address of stay does not exist or is not a place where one can stay."),
        REGISTRATION,
    ),
    RefusalGround(
        "host_not_entitled",
        _("The host may not receive the foreigner at this address."),
        REGISTRATION,
    ),
    RefusalGround(
        "no_entry_record",
        _("There is no record of the foreigner's entry into the country."),
        REGISTRATION,
    ),
    RefusalGround(
        "stay_not_lawful",
        _("The foreigner's lawful period of stay has ended."),
        REGISTRATION,
    ),
    RefusalGround("other", _("Other grounds of the law, explained in the reason."), ANY),
)

_BY_CODE = {g.code: g for g in GROUNDS}


def refusal_grounds_for(service_code: str) -> list[RefusalGround]:
    """The grounds an officer may cite for this service, common ones first, "other" last."""
    kind = SERVICE_KINDS.get(service_code)
    return [g for g in GROUNDS if g.kind in (ANY, kind)]


def ground_label(code: str) -> str:
    ground = _BY_CODE.get(code)
    return str(ground.label) if ground else code


def grounds_valid_for(service_code: str, codes: list[str]) -> bool:
    allowed = {g.code for g in refusal_grounds_for(service_code)}
    return bool(codes) and set(codes) <= allowed
