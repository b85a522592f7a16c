"""The one-query look-up every public share-code check makes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.permits.share_helpers import make_code
from umis.permits.share_codes import share_code_digest
from umis.permits.share_selectors import share_to_check

pytestmark = pytest.mark.django_db


def test_the_look_up_reads_what_the_orm_reads_in_one_query(trp_permit):
    share, code = make_code(trp_permit)
    holder = trp_permit.holder
    share_to_check("no-such-digest")  # a connection's first look-up prepares it, once
    with CaptureQueriesContext(connection) as queries:
        found = share_to_check(share_code_digest(code))
    assert len(queries) == 1
    assert found is not None
    assert (found.id, found.purpose, found.permit_number) == (
        share.pk,
        share.purpose,
        trp_permit.number,
    )
    # Datetimes come back aware on every database, as the ORM gives them.
    assert found.valid_until == share.valid_until
    assert found.valid_until.tzinfo is not None
    assert found.permit_valid_to == trp_permit.valid_to
    assert (found.holder_surname, found.birth_year, found.birth_month, found.birth_day) == (
        holder.surname_latin,
        holder.birth_year,
        holder.birth_month,
        holder.birth_day,
    )
    assert found.grounds == trp_permit.application.form_data.get("grounds")


def test_an_unknown_digest_finds_nothing(trp_permit):
    make_code(trp_permit)
    assert share_to_check(share_code_digest("AAA-AAA-AAA")) is None


@pytest.mark.django_db(transaction=True)
def test_checks_answered_by_the_group_writer_are_recorded_and_chained(
    reference_data_reloaded, trp_permit, settings
):
    from tests.permits.share_helpers import check
    from umis.audit.models import AuditEntry
    from umis.audit.verify import audit_chain_verify
    from umis.permits.share_models import ShareCheck

    settings.UMIS_GROUP_COMMIT = True
    _share, code = make_code(trp_permit)
    answers = [check(code) for _ in range(3)]
    assert all(answer is not None for answer in answers)
    references = {answer.reference for answer in answers}
    assert set(ShareCheck.objects.values_list("reference", flat=True)) == references
    logged = AuditEntry.objects.filter(action="permit.share_code_check")
    assert {entry.details["check"] for entry in logged} == references
    assert audit_chain_verify().ok
