"""Share codes: made and revoked by their holder, checked by anyone with the birth date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.permits.conftest import issue
from tests.permits.share_helpers import BIRTH, check, make_code
from umis.audit.models import AuditEntry
from umis.core.errors import NotFound, ValidationFailed
from umis.core.readable_codes import READABLE_ALPHABET as ALPHABET
from umis.permits.models import ShareCheck, ShareCode
from umis.permits.services import permit_revoke
from umis.permits.share_codes import normalise_code, share_code_digest
from umis.permits.share_services import TooManyChecks, share_code_create, share_code_revoke

pytestmark = pytest.mark.django_db


def test_a_code_is_nine_unambiguous_characters_in_groups_and_kept_only_as_a_digest(trp_permit):
    share, code = make_code(trp_permit)
    groups = code.split("-")
    assert [len(g) for g in groups] == [3, 3, 3]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("01ILOUV") & set(code)
    assert share.code_digest == share_code_digest(code) != code
    assert normalise_code(code) not in share.code_digest
    assert share.code_hint == code[-3:]
    assert share.holder == trp_permit.application.applicant
    entry = AuditEntry.objects.get(action="permit.share_code_create")
    assert entry.target_id == trp_permit.number
    assert code not in str(entry.details)


def test_at_most_90_days_and_a_known_purpose(trp_permit):
    holder = trp_permit.application.applicant
    for days in (0, 91, -5):
        with pytest.raises(ValidationFailed) as exc:
            share_code_create(holder=holder, permit=trp_permit, purpose="other", days=days)
        assert "days" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        share_code_create(holder=holder, permit=trp_permit, purpose="spying", days=10)
    assert "purpose" in exc.value.fields
    share, _code = share_code_create(holder=holder, permit=trp_permit, purpose="other", days=90)
    assert share.valid_until - timezone.now() <= timedelta(days=90)
    assert ShareCode.objects.count() == 1


def test_only_the_holders_own_active_permits(trp_permit, applicant, staff):
    from tests.cases.checks_helpers import confirmed_applicant

    stranger = confirmed_applicant("stranger")
    with pytest.raises(NotFound):
        share_code_create(holder=stranger, permit=trp_permit, purpose="other", days=10)
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="expulsion")
    with pytest.raises(ValidationFailed) as exc:
        share_code_create(holder=applicant, permit=trp_permit, purpose="other", days=10)
    assert "permit" in exc.value.fields
    assert not ShareCode.objects.exists()


def test_revoking_stops_the_code_and_only_the_holder_may(trp_permit):
    from tests.cases.checks_helpers import confirmed_applicant

    share, code = make_code(trp_permit)
    with pytest.raises(NotFound):
        share_code_revoke(holder=confirmed_applicant("other"), share_code=share)
    share = share_code_revoke(holder=trp_permit.application.applicant, share_code=share)
    assert share.revoked_at is not None
    assert check(code) is None
    assert AuditEntry.objects.filter(action="permit.share_code_revoke").count() == 1


def test_right_to_work_shows_only_what_it_needs_and_a_reference(trp_permit):
    _share, code = make_code(trp_permit, "right_to_work")
    result = check(code.lower().replace("-", " "))
    answer = result.answer
    assert "REZAEI" in answer.name.upper()
    assert answer.condition == "right_to_work" and answer.condition_met is True
    assert answer.status == "active" and answer.valid_until == trp_permit.valid_to
    assert answer.photo is None  # this application came without a photograph
    shown = " ".join(str(v) for v in vars(answer).values())
    assert trp_permit.number not in shown and (trp_permit.fin or "FIN?") not in shown
    assert "1988" not in shown
    assert result.reference.startswith("CHK-")


def test_each_purpose_has_its_own_condition(applicant, staff):
    family = issue(applicant, staff, grounds="family")
    _s, work_code = make_code(family, "right_to_work")
    _s, rent_code = make_code(family, "right_to_rent")
    _s, other_code = make_code(family, "other")
    assert check(work_code).answer.condition_met is False  # family grounds: no right to work
    rent = check(rent_code).answer
    assert rent.condition == "right_to_rent" and rent.condition_met is True
    other = check(other_code).answer
    assert other.condition == "" and other.condition_met is None


def test_wrong_code_wrong_birth_date_expired_and_revoked_answer_alike(trp_permit):
    _s, good = make_code(trp_permit)
    _s, old = make_code(trp_permit)
    ShareCode.objects.filter(code_digest=share_code_digest(old)).update(
        valid_until=timezone.now() - timedelta(minutes=1)
    )
    revoked, gone = make_code(trp_permit)
    share_code_revoke(holder=trp_permit.application.applicant, share_code=revoked)
    answers = [
        check("WWW-WWW-WWW"),
        check(good, birth=date(1988, 4, 18)),
        check(old),
        check(gone),
        check(""),
    ]
    assert answers == [None] * 5
    outcomes = sorted(ShareCheck.objects.values_list("outcome", flat=True))
    assert outcomes == ["birth_date_mismatch", "expired", "revoked"]
    assert check(good) is not None


def test_each_check_is_logged_for_the_holder_and_audited(trp_permit):
    _s, code = make_code(trp_permit)
    result = check(code, organisation="  Caspian   Ltd ")
    check(code, birth=date(1990, 1, 1), organisation="Somebody")
    check("ZZZ-ZZZ-ZZZ")
    rows = list(ShareCheck.objects.order_by("id"))
    assert [(r.organisation, r.outcome) for r in rows] == [
        ("Caspian Ltd", "shown"),
        ("Somebody", "birth_date_mismatch"),
    ]
    assert rows[0].reference == result.reference and rows[0].purpose == "right_to_work"
    assert rows[0].at == result.checked_at  # the time the verifier is given is the logged one
    entries = AuditEntry.objects.filter(action="permit.share_code_check").order_by("seq")
    assert [e.outcome for e in entries] == ["success", "failure", "failure"]
    assert [e.target_id for e in entries] == [trp_permit.number, trp_permit.number, "-"]
    assert all(code not in str(e.details) for e in entries)


def test_a_thousand_guesses_get_rate_limited_not_enumerated(trp_permit, settings):
    settings.UMIS_SHARE_CHECKS_PER_ADDRESS = 20
    _s, code = make_code(trp_permit)
    answered, refused = 0, 0
    for n in range(1000):
        guess = "".join(ALPHABET[(n // 29**i) % 29] for i in range(9))
        try:
            assert check(guess) is None
            answered += 1
        except TooManyChecks:
            refused += 1
    assert answered == 20 and refused == 980
    with pytest.raises(TooManyChecks):  # even the right code, from that address
        check(code)
    assert not ShareCheck.objects.exists()
    assert (
        AuditEntry.objects.filter(action="permit.share_code_check", outcome="denied").count() > 900
    )


def test_one_code_is_limited_whatever_the_address(trp_permit, settings):
    settings.UMIS_SHARE_CHECKS_PER_CODE = 5
    _s, code = make_code(trp_permit)
    for n in range(5):
        check(code, birth=date(1970, 1, 1 + n), address=f"198.51.100.{n}")
    with pytest.raises(TooManyChecks):
        check(code, birth=BIRTH, address="198.51.100.99")
