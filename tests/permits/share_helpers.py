"""Shared by the share-code tests: a request from an address, a fresh code."""

from __future__ import annotations

from datetime import date

from django.test import RequestFactory

from umis.permits.share_services import share_code_check, share_code_create

BIRTH = date(1988, 4, 17)  # the subject's birth date in the test form data


def from_address(address: str = "203.0.113.7"):
    return RequestFactory().post("/check/", REMOTE_ADDR=address)


def make_code(permit, purpose: str = "right_to_work", days: int = 30):
    return share_code_create(
        holder=permit.application.applicant, permit=permit, purpose=purpose, days=days
    )


def check(code: str, birth: date = BIRTH, organisation: str = "Caspian Ltd", address=None):
    return share_code_check(
        code=code,
        birth_date=birth,
        organisation=organisation,
        request=from_address(address or "203.0.113.7"),
    )
