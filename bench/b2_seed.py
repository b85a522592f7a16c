"""B2's data: many applications written by one INSERT ... SELECT generate_series.

Deterministic (every choice is a hash of the row number, no random state) and shaped like
the Service's case load: most applications closed long ago, the open ones recent; Baku's
districts busiest, then the regional centres; stay registration the commonest service.
Seeding is not measured.
"""

from __future__ import annotations

import time

from umis.core.readable_codes import READABLE_ALPHABET

# (value, weight): weights are relative; see _weighted().
SERVICES = [
    ("stay-registration", 45),
    ("stay-extension", 12),
    ("trp-issue", 12),
    ("trp-extend", 8),
    ("work-permit-issue", 7),
    ("work-permit-extend", 5),
    ("prp-issue", 3),
    ("prp-extend", 2),
    ("citizenship-application", 2),
    ("citizenship-determination", 2),
    ("refugee-status", 2),
]
STATUSES = [
    ("draft", 3),
    ("submitted", 4),
    ("accepted", 3),
    ("under_review", 5),
    ("awaiting_approval", 2),
    ("approved", 8),
    ("issued", 55),
    ("refused", 8),
    ("withdrawn", 6),
    ("returned", 6),
]
OPEN = ("submitted", "accepted", "under_review", "awaiting_approval")
ACCEPTED_OR_LATER = (
    "accepted",
    "under_review",
    "awaiting_approval",
    "approved",
    "issued",
    "refused",
)
DECIDED = ("approved", "issued", "refused", "returned")

NUMBER_ALPHABET = READABLE_ALPHABET  # as umis.cases.services numbers applications
# A multiplier coprime to 29**8 scrambles row numbers into distinct 8-character codes.
_SCRAMBLE, _SPACE = 123_456_789_011, 29**8


def _weighted(choices: list[tuple[object, int]], slots: int = 1000) -> list[object]:
    """A lookup table in which each value fills a share of slots given by its weight."""
    total = sum(weight for _, weight in choices)
    table: list[object] = []
    for value, weight in choices:
        table += [value] * max(1, round(slots * weight / total))
    return table


def _array(values: list[object], cast: str) -> str:
    from django.db import connection

    if cast == "text":
        items = ",".join(connection.ops.compose_sql("%s", [str(v)]) for v in values)
    else:
        items = ",".join(str(int(v)) for v in values)
    return f"(ARRAY[{items}]::{cast}[])"


def _pick(array_sql: str, length: int, salt: int) -> str:
    return f"{array_sql}[1 + ((hashint8extended(g.i, {salt}) & 2147483647) % {length})]"


def _unit(salt: int) -> str:
    """A number in [0, 1) drawn from the row number."""
    return f"((hashint8extended(g.i, {salt}) & 2147483647)::float8 / 2147483648)"


def district_weights() -> list[tuple[int, int]]:
    """Baku's districts busiest, each regional department's seat next, the rest alike."""
    from umis.accounts.models import District

    weights = []
    for district in District.objects.select_related("department"):
        if district.department.is_headquarters:
            weight = 10
        elif district.code in {district.department.code, f"{district.department.code}-city"}:
            weight = 3
        else:
            weight = 1
        weights.append((district.pk, weight))
    return weights


def _number_sql() -> str:
    digits = " || ".join(
        f"substr('{NUMBER_ALPHABET}', "
        f"(((s.i * {_SCRAMBLE}) % {_SPACE}) / {29**k} % 29)::int + 1, 1)"
        for k in range(8)
    )
    return f"'UMIS-' || extract(year FROM s.created_at)::int || '-' || {digits}"


def seed_applications(rows: int, applicant_ids: list[int]) -> dict[str, float]:
    """Insert ``rows`` applications; returns timings (seconds) for the record."""
    from django.db import connection

    from bench.sqlgen import column_values, table
    from umis.cases.models import Application

    services = _weighted(SERVICES)
    statuses = _weighted(STATUSES)
    districts = _weighted(district_weights())
    open_list = ",".join(f"'{s}'" for s in OPEN)
    later_list = ",".join(f"'{s}'" for s in ACCEPTED_OR_LATER)
    decided_list = ",".join(f"'{s}'" for s in DECIDED)
    # Open cases are recent, drafts very recent, closed ones spread over three years.
    inner = f"""
        SELECT g.i,
            {_pick(_array(services, "text"), len(services), 1)} AS service_code,
            {_pick(_array(statuses, "text"), len(statuses), 2)} AS status,
            {_pick(_array(districts, "bigint"), len(districts), 3)} AS district_id,
            {_pick(_array(applicant_ids, "bigint"), len(applicant_ids), 4)} AS applicant_id,
            {_unit(5)} AS u_age, {_unit(6)} AS u_accept, {_unit(7)} AS u_decide,
            10 + ({_unit(8)} * 50)::int AS legal_days
        FROM generate_series(1, {int(rows)}) AS g(i)
    """  # noqa: S608 - built from this module's constants and the model's names
    timed = f"""
        SELECT t.*,
            now() - make_interval(secs => 86400 * u_age * CASE
                WHEN status = 'draft' THEN 30 WHEN status IN ({open_list}) THEN 60 ELSE 1095 END
            ) AS created_at
        FROM ({inner}) t
    """  # noqa: S608
    given = {
        "number": _number_sql(),
        "service_code": "s.service_code",
        "applicant": "s.applicant_id",
        "place_of_stay_district": "s.district_id",
        "status": "s.status",
        "created_at": "s.created_at",
        "updated_at": "s.created_at + interval '40 days' * s.u_decide",
        "submitted_at": "CASE WHEN s.status = 'draft' THEN NULL "
        "ELSE s.created_at + interval '20 minutes' END",
        "accepted_at": f"CASE WHEN s.status IN ({later_list}) "
        "THEN s.created_at + interval '3 days' * s.u_accept END",
        "due_date": f"CASE WHEN s.status IN ({later_list}) "
        "THEN (s.created_at + interval '3 days' * s.u_accept)::date + s.legal_days END",
        "decided_at": f"CASE WHEN s.status IN ({decided_list}) "
        "THEN s.created_at + interval '3 days' + interval '40 days' * s.u_decide END",
        "version": "CASE WHEN s.status = 'draft' THEN 1 ELSE 2 + (s.u_decide * 4)::int END",
        "form_data": "jsonb_build_object('surname', 'Surname ' || (s.i % 50000), "
        "'given_names', 'Given ' || (s.i % 977), 'birth_date', "
        "to_char(date '1960-01-01' + (s.i % 15000), 'YYYY-MM-DD'), 'sex', "
        "CASE WHEN s.i % 2 = 0 THEN 'M' ELSE 'F' END, 'nationality', 'IRN', "
        "'document_number', 'P' || lpad((s.i % 100000000)::text, 8, '0'), "
        "'address', 'Street ' || (s.i % 3000) || ', apt. ' || (s.i % 90))",
        "access_code_hash": "'pbkdf2_sha256$1000000$' || md5(s.i::text) || '$' || md5(s.i::text)",
    }
    columns, values = column_values(Application, given)
    # Identifiers come from the model, values from this module: nothing from outside.
    statement = (
        f"INSERT INTO {table(Application)} ({columns}) "  # noqa: S608
        f"SELECT {values} FROM ({timed}) s"
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement)
    inserted = time.perf_counter()
    with connection.cursor() as cursor:
        # The visibility map lets count(*) read the index alone, as a live table would.
        cursor.execute(f"VACUUM ANALYZE {table(Application)}")
    return {
        "insert_seconds": round(inserted - began, 1),
        "vacuum_analyze_seconds": round(time.perf_counter() - inserted, 1),
    }
