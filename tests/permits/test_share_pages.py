"""The share-code pages and API: the holder's "Prove your status" and the public check."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from tests.permits.share_helpers import make_code
from umis.audit.models import AuditEntry
from umis.permits.models import ShareCheck, ShareCode

pytestmark = pytest.mark.django_db


def _holder_client(permit) -> Client:
    client = Client()
    client.force_login(permit.application.applicant)
    return client


def test_the_holder_makes_a_code_sees_it_once_and_revokes_it(trp_permit):
    client = _holder_client(trp_permit)
    page = client.get("/prove/")
    assert page.status_code == 200 and trp_permit.number in page.content.decode()
    made = client.post(
        "/prove/", {"permit": trp_permit.number, "purpose": "right_to_rent", "days": "30"}
    )
    body = made.content.decode()
    share = ShareCode.objects.get()
    assert made.status_code == 200 and "data-share-code" in body
    assert client.get("/prove/").content.decode().count("data-share-code") == 0
    assert share.code_hint in body and share.purpose == "right_to_rent"
    revoked = client.post(f"/prove/codes/{share.pk}/revoke/")
    assert revoked.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_create_errors_sit_beside_the_fields_and_keep_the_input(trp_permit):
    client = _holder_client(trp_permit)
    page = client.post("/prove/", {"permit": trp_permit.number, "purpose": "", "days": "120"})
    body = html.unescape(page.content.decode())
    assert 'id="id_purpose_error"' in body and 'id="id_days_error"' in body
    assert "at most 90 days" in body and 'value="120"' in body
    assert not ShareCode.objects.exists()


def test_signed_out_people_are_sent_to_sign_in_and_others_codes_are_404(trp_permit):
    assert Client().get("/prove/").status_code == 302
    share, _code = make_code(trp_permit)
    from tests.cases.checks_helpers import confirmed_applicant

    other = Client()
    other.force_login(confirmed_applicant("someone"))
    assert other.post(f"/prove/codes/{share.pk}/revoke/").status_code == 404
    assert trp_permit.number not in other.get("/prove/").content.decode()


def test_the_public_check_page_answers_and_the_holder_sees_the_check(trp_permit):
    _share, code = make_code(trp_permit, "right_to_work")
    page = Client().post(
        "/check/", {"code": code, "birth_date": "17.04.1988", "organisation": "Caspian Ltd"}
    )
    body = page.content.decode()
    reference = ShareCheck.objects.get().reference
    assert (
        page.status_code == 200 and reference in body and 'data-condition="right_to_work"' in body
    )
    assert trp_permit.number not in body
    assert "data-no-photo" in body and "data-photo" not in body  # it came without one
    log = _holder_client(trp_permit).get("/prove/").content.decode()
    assert "Caspian Ltd" in log and reference in log
    assert "REMOTE_ADDR" not in log and "127.0.0.1" not in log


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_check_page_errors_sit_beside_the_fields_in_every_language(db, language):
    client = Client()
    page = client.post(
        "/check/",
        {"code": "", "birth_date": "31.02.1988", "organisation": "Caspian"},
        HTTP_ACCEPT_LANGUAGE=language,
        headers={"Cookie": f"django_language={language}"},
    )
    body = page.content.decode()
    assert 'id="id_code_error"' in body and 'id="id_birth_date_error"' in body
    assert 'value="Caspian"' in body
    with translation.override(language):
        from django.utils.translation import gettext

        assert html.escape(gettext("Enter the share code.")) in body


def test_a_mismatch_on_the_page_says_the_same_whatever_did_not_match(trp_permit):
    _share, code = make_code(trp_permit)
    client = Client()

    def answer(**data):
        form = {"code": code, "birth_date": "1988-04-17", "organisation": "X", **data}
        body = client.post("/check/", form).content.decode()
        start = body.index('id="id_code_error"')
        return body[start : body.index("</span>", start)]

    assert answer(code="WWW-WWW-WWW") == answer(birth_date="1988-04-18")


def test_the_api_checks_lists_creates_and_revokes(trp_permit):
    client = _holder_client(trp_permit)
    made = client.post(
        "/api/v1/share-codes",
        {"permit_number": trp_permit.number, "purpose": "right_to_work", "days": 7},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    code, share_id = made.json()["code"], made.json()["id"]
    too_long = client.post(
        "/api/v1/share-codes",
        {"permit_number": trp_permit.number, "purpose": "other", "days": 91},
        content_type="application/json",
    )
    assert too_long.status_code == 422 and "days" in too_long.json()["error"]["fields"]
    listed = client.get("/api/v1/share-codes").json()
    assert [c["id"] for c in listed] == [share_id] and "code" not in listed[0]
    public = Client()
    ok = public.post(
        "/api/v1/share-codes/check",
        {"code": code, "birth_date": "1988-04-17", "organisation": "Bank"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["answer"]["condition_met"] is True
    wrong = public.post(
        "/api/v1/share-codes/check",
        {"code": code, "birth_date": "1988-04-18", "organisation": "Bank"},
        content_type="application/json",
    )
    unknown = public.post(
        "/api/v1/share-codes/check",
        {"code": "WWW-WWW-WWW", "birth_date": "1988-04-17", "organisation": "Bank"},
        content_type="application/json",
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    checks = client.get("/api/v1/share-codes/checks").json()
    assert [c["outcome"] for c in checks] == ["birth_date_mismatch", "shown"]
    assert checks[1]["reference"] == ok.json()["reference"] and checks[0]["reference"] == ""
    assert client.post(f"/api/v1/share-codes/{share_id}/revoke").json()["state"] == "revoked"
    assert Client().get("/api/v1/share-codes").status_code == 401
    assert AuditEntry.objects.filter(action="permit.share_code_revoke").count() == 1


def test_the_api_check_is_rate_limited(trp_permit, settings):
    settings.UMIS_SHARE_CHECKS_PER_ADDRESS = 3
    public = Client()
    statuses = [
        public.post(
            "/api/v1/share-codes/check",
            {"code": f"WWW-WWW-WW{c}", "birth_date": "1988-04-17", "organisation": "Bank"},
            content_type="application/json",
        ).status_code
        for c in "23456"
    ]
    assert statuses == [404, 404, 404, 429, 429]
