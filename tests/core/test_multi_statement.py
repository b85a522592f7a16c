import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from umis.core.multi_statement import (
    Preparable,
    _numbered,
    execute_together,
    prepared_definitions,
    text_protocol_cursor,
)

pytestmark = pytest.mark.django_db

DOUBLED = Preparable("SELECT %s::bigint * 2")


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("strings of several statements are for PostgreSQL")


def _run(statements) -> list:
    """The first row of each statement's result."""
    rows = []
    with text_protocol_cursor() as cursor:
        execute_together(cursor, statements)
        rows.append(cursor.fetchone())
        while cursor.nextset():
            rows.append(cursor.fetchone())
    return rows


def test_placeholders_become_numbered_and_an_escaped_percent_a_percent():
    assert _numbered("SELECT %s::text || '%%' || %s::text") == "SELECT $1::text || '%' || $2::text"


def test_a_preparable_statement_is_prepared_once_per_connection_and_run_by_name():
    _postgresql_only()
    with CaptureQueriesContext(connection) as first:
        assert _run([(DOUBLED, [21]), ("SELECT %s::text", ["plain"])]) == [(42,), ("plain",)]
    with CaptureQueriesContext(connection) as second:
        assert _run([(DOUBLED, [5])]) == [(10,)]
    sent_first = [q["sql"] for q in first.captured_queries]
    assert len(sent_first) == 2 and sent_first[0].startswith("PREPARE umis_prepared_")
    assert "EXECUTE umis_prepared_" in sent_first[1] and "'plain'" in sent_first[1]
    sent_second = [q["sql"] for q in second.captured_queries]
    assert len(sent_second) == 1 and sent_second[0].startswith("EXECUTE umis_prepared_")


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_it_again():
    _postgresql_only()
    assert _run([(DOUBLED, [1])]) == [(2,)]
    known = prepared_definitions()
    connection.close()  # the new connection has none of the old one's statements
    assert _run([(DOUBLED, [2])]) == [(4,)]
    assert prepared_definitions() == known  # the same name: nothing grows per connection


def test_a_string_that_fails_after_the_prepare_leaves_the_statement_usable():
    """PREPARE outlives the rollback of the transaction it was sent in: the next call runs
    the statement by name, it does not prepare the name a second time."""
    _postgresql_only()
    fresh = Preparable("SELECT %s::bigint + 1")
    with pytest.raises(DatabaseError), transaction.atomic():
        _run([(fresh, [1]), ("SELECT 1 / 0", [])])
    with CaptureQueriesContext(connection) as after:
        assert _run([(fresh, [41])]) == [(42,)]
    assert [q["sql"].split(" ")[0] for q in after.captured_queries] == ["EXECUTE"]
