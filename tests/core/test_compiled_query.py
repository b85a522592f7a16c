import pytest
from django.db import DatabaseError, connection, transaction

from umis.accounts.models import Department, District
from umis.core.compiled_query import CompiledQuery
from umis.core.multi_statement import prepared_definitions

pytestmark = pytest.mark.django_db


def test_each_call_runs_with_its_own_value():
    districts = list(District.objects.order_by("pk")[:2])
    assert len(districts) == 2, "reference data should seed districts"
    query = CompiledQuery(lambda code: District.objects.filter(code=code).values_list("pk"))
    assert query.first(districts[0].code) == (districts[0].pk,)
    assert query.first(districts[1].code) == (districts[1].pk,)
    assert query.first("no-such-district") is None


def test_a_query_that_does_not_use_its_marker_once_is_refused():
    query = CompiledQuery(lambda _marker: District.objects.values_list("pk"))
    with pytest.raises(AssertionError):
        query.first("x")


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_it_is_prepared_once_per_connection_and_again_after_reconnecting():
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL prepares it")
    code = Department.objects.create(code="compiled", kind="regional", name_az="x").code
    query = CompiledQuery(lambda value: Department.objects.filter(code=value).values_list("code"))

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    before = prepared()
    assert query.first(code) == (code,)
    assert query.first("no-such-district") is None
    assert prepared() == before + 1
    known = prepared_definitions()
    connection.close()  # a new connection has none of the old one's statements
    assert query.first(code) == (code,)
    assert prepared() == 1
    # Prepared again under the same name: what the process keeps does not grow with each
    # new connection.
    assert prepared_definitions() == known


def test_a_query_keyed_by_an_integer_finds_each_row():
    districts = list(District.objects.order_by("pk")[:2])
    query = CompiledQuery(lambda pk: District.objects.filter(pk=pk).values_list("code"), key=int)
    assert [query.first(d.pk) for d in districts] == [(d.code,) for d in districts]
    assert query.first(-1) is None


def test_only_text_and_integer_keys_are_compiled():
    with pytest.raises(TypeError):
        CompiledQuery(lambda day: District.objects.filter(pk=day).values_list("pk"), key=float)


def test_a_first_call_that_fails_after_preparing_does_not_break_the_connection():
    """PREPARE outlives the failure of the rest of its string (it is not transactional):
    the next call must not try to prepare the same name again."""
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL prepares it")
    district = District.objects.order_by("pk").first()
    query = CompiledQuery(lambda pk: District.objects.filter(pk=pk).values_list("code"), key=int)
    with pytest.raises(DatabaseError), transaction.atomic():
        query.first(2**70)  # prepared, then refused: out of the key's range
    assert query.first(district.pk) == (district.code,)
    assert query.first(district.pk) == (district.code,)
