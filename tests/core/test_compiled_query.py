import pytest

from umis.accounts.models import District
from umis.core.compiled_query import CompiledQuery

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
