"""How a service declares the permit it issues, and the public status by number."""

from __future__ import annotations

from datetime import date

import pytest

from umis.eservices import registry
from umis.eservices.base import PermitEffect, months_from_issue
from umis.permits.selectors import permit_public_status
from umis.permits.services import permit_revoke
from umis.permits.types import PermitType


def test_the_two_services_declare_their_permit():
    trp = registry.get("trp-issue").permit
    stay = registry.get("stay-registration").permit
    assert trp.permit_type == PermitType.TEMPORARY_RESIDENCE
    assert stay.permit_type == PermitType.REGISTRATION
    assert trp.validity({"period": "3m"}, date(2026, 11, 30)) == (
        date(2026, 11, 30),
        date(2027, 2, 28),  # no 30 February: the end of the month
    )
    form = {"arrival_date": "2026-05-01", "stay_until": "2026-06-15", "moved_on": ""}
    assert stay.validity(form, date(2026, 5, 3)) == (date(2026, 5, 1), date(2026, 6, 15))
    moved = {**form, "moved_on": "2026-05-20"}
    assert stay.validity(moved, date(2026, 5, 21)) == (date(2026, 5, 20), date(2026, 6, 15))


def test_months_from_issue_follows_the_period_asked():
    validity = months_from_issue("term", {"a": 12})
    assert validity({"term": "a"}, date(2028, 2, 29)) == (date(2028, 2, 29), date(2029, 2, 28))


def test_a_declaration_with_a_wrong_permit_is_refused():
    from dataclasses import replace

    service = registry.get("trp-issue")
    effect = PermitEffect("no_such_type", months_from_issue("period", {}))
    with pytest.raises(ValueError, match="unknown permit type"):
        replace(service, permit=effect)
    with pytest.raises(ValueError, match="issues a document"):
        replace(service, produces_document=False)


@pytest.mark.django_db
def test_the_public_status_is_the_status_and_nothing_else(trp_permit, staff):
    assert permit_public_status(trp_permit.number) == "active"
    assert permit_public_status(f" {trp_permit.number.lower()} ") == "active"
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    assert permit_public_status(trp_permit.number) == "revoked"
    assert permit_public_status("TRP-1999-0000001") is None
    assert permit_public_status("") is None
    assert permit_public_status("X" * 500) is None
