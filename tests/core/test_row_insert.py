"""Rows written by a statement built once per model: the same rows as save() writes."""

import pytest
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from tests.conftest import signed_in_applicant
from umis.accounts.models import Department, User
from umis.cases.models import IdempotencyRecord
from umis.core.row_insert import insert_row, insert_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    signed_in_applicant("row-writer")
    return User.objects.get(username="row-writer")


def record(user, key, **extra):
    return IdempotencyRecord(
        user=user, key=key, request_hash="h" * 64, response_status=201, **extra
    )


def test_the_row_is_the_one_save_would_write(user):
    before = timezone.now()
    mine = insert_row(record(user, "fast", response_body={"number": "UMIS-1", "n": [1, 2]}))
    theirs = record(user, "save", response_body={"number": "UMIS-1", "n": [1, 2]})
    theirs.save(force_insert=True)
    assert mine.pk is not None and mine.pk != theirs.pk
    assert mine._state.adding is False and mine._state.db == "default"
    assert before <= mine.created_at <= timezone.now()  # auto_now_add filled in
    fields = ["user_id", "request_hash", "status", "response_status", "response_body"]
    stored = IdempotencyRecord.objects.values(*fields, "created_at")
    assert {k: v for k, v in stored.get(pk=mine.pk).items() if k in fields} == {
        k: v for k, v in stored.get(pk=theirs.pk).items() if k in fields
    }
    assert stored.get(pk=mine.pk)["created_at"] == mine.created_at


def test_signals_are_sent_as_save_sends_them(user):
    seen = []

    def pre(sender, instance, **kwargs):
        seen.append(("pre", instance.pk, kwargs["raw"]))

    def post(sender, instance, created, **kwargs):
        seen.append(("post", instance.pk, created))

    pre_save.connect(pre, sender=IdempotencyRecord)
    post_save.connect(post, sender=IdempotencyRecord)
    try:
        row = insert_row(record(user, "signalled"))
    finally:
        pre_save.disconnect(pre, sender=IdempotencyRecord)
        post_save.disconnect(post, sender=IdempotencyRecord)
    assert seen == [("pre", None, False), ("post", row.pk, True)]


def test_a_taken_unique_value_writes_nothing_and_keeps_the_transaction_usable():
    taken = Department.objects.create(code="taken-code", kind="regional", name_az="A")
    with transaction.atomic():
        again = insert_row(
            Department(code="taken-code", kind="regional", name_az="B"), unless_taken="code"
        )
        assert again.pk is None and again._state.adding is True
        fresh = insert_row(
            Department(code="fresh-code", kind="regional", name_az="C"), unless_taken="code"
        )
    assert fresh.pk is not None
    assert Department.objects.get(code="taken-code").pk == taken.pk
    assert Department.objects.get(code="taken-code").name_az == "A"


def test_only_a_unique_field_can_be_the_one_that_may_be_taken():
    with pytest.raises(TypeError):
        insert_row(Department(code="x", kind="regional", name_az="x"), unless_taken="kind")


def test_several_rows_in_one_statement(user):
    insert_rows([record(user, "many-1"), record(user, "many-2"), record(user, "many-3")])
    assert sorted(
        IdempotencyRecord.objects.filter(key__startswith="many-").values_list("key", flat=True)
    ) == ["many-1", "many-2", "many-3"]
    assert IdempotencyRecord.objects.filter(key="many-1", created_at__isnull=False).exists()
    insert_rows([])  # nothing to write is no statement and no error
