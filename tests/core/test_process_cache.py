"""Reference data cached in the process: forgotten after its time, or at once on a change."""

from datetime import date

import pytest

from umis.core import process_cache
from umis.core.models import PolicyValue
from umis.core.policy import policy_value
from umis.core.process_cache import ProcessCache


def test_a_value_is_loaded_once_until_it_expires(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(process_cache.time, "monotonic", lambda: clock[0])
    cache = ProcessCache(seconds=60, models=())
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    assert cache.get("k", load) == 1
    clock[0] += 59
    assert cache.get("k", load) == 1
    clock[0] += 2
    assert cache.get("k", load) == 2


@pytest.mark.django_db
def test_a_policy_change_in_this_process_is_seen_at_once(django_assert_num_queries):
    key = "test.cache.days"
    PolicyValue.objects.create(key=key, value=15, effective_from=date(2020, 1, 1))
    assert policy_value(key, on=date(2026, 11, 30)) == 15
    with django_assert_num_queries(0):
        assert policy_value(key, on=date(2026, 11, 30)) == 15
    # A new rule from 1 December: saving it clears the cache.
    PolicyValue.objects.filter(key=key).update(effective_to=date(2026, 11, 30))
    PolicyValue.objects.create(key=key, value=10, effective_from=date(2026, 12, 1))
    assert policy_value(key, on=date(2026, 11, 30)) == 15
    assert policy_value(key, on=date(2026, 12, 1)) == 10
