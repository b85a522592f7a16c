"""Policy values: the value in force on a date, changes over time, and the loader."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from umis.audit.models import AuditEntry
from umis.core.errors import ValidationFailed
from umis.core.models import PolicyValue
from umis.core.policy import (
    PolicyNotInForce,
    policy_value,
    policy_values,
    policy_values_load,
)

pytestmark = pytest.mark.django_db

KEY = "trp-issue.decision_working_days.fast"


def test_the_shipped_defaults_are_in_force_after_migrating():
    on = date(2026, 5, 20)
    assert policy_value("stay-registration.register_within_days", on=on) == 15
    assert policy_value("stay-registration.required_after_days", on=on) == 15
    assert policy_value("stay-registration.required_after_days.nationality.KAZ", on=on) == 30
    assert policy_value("stay-registration.address_change_working_days", on=on) == 5
    assert policy_value("stay-registration.fee_azn", on=on) == 0
    assert policy_value(KEY, on=on) == 15
    assert policy_value("trp-issue.decision_working_days.standard", on=on) == 20
    assert policy_value("trp-issue.apply_before_stay_end_days", on=on) == 30


def test_fees_by_validity_come_as_one_map_and_interpolated_ones_say_so():
    fees = policy_values("trp-issue.fee_azn.fast.", on=date(2026, 1, 1))
    assert fees == {
        "trp-issue.fee_azn.fast.3m": 40,
        "trp-issue.fee_azn.fast.6m": 80,
        "trp-issue.fee_azn.fast.12m": 160,
        "trp-issue.fee_azn.fast.24m": 320,
        "trp-issue.fee_azn.fast.36m": 480,
    }
    standard = policy_values("trp-issue.fee_azn.standard.", on=date(2026, 1, 1))
    assert standard["trp-issue.fee_azn.standard.3m"] == 30
    assert standard["trp-issue.fee_azn.standard.36m"] == 360
    interpolated = PolicyValue.objects.filter(note__startswith="interpolated")
    assert {v.key.rsplit(".", 1)[1] for v in interpolated} == {"6m", "12m", "24m"}
    assert interpolated.count() == 6


def test_a_missing_value_names_the_key_and_the_date():
    with pytest.raises(PolicyNotInForce) as caught:
        policy_value("trp-issue.no_such_rule", on=date(2026, 1, 1))
    assert "trp-issue.no_such_rule" in str(caught.value)
    assert "2026-01-01" in str(caught.value)
    # Nothing was in force before the defaults' start date either.
    with pytest.raises(PolicyNotInForce, match=KEY):
        policy_value(KEY, on=date(2023, 12, 31))


def test_a_change_takes_effect_on_its_date_and_older_applications_keep_the_old_value():
    policy_values_load(
        source="test decree",
        records=[
            # Close the current period the day before the new rule starts...
            {"key": KEY, "value": 15, "effective_from": "2024-01-01", "effective_to": "2026-06-30"},
            # ...and open the new one.
            {"key": KEY, "value": 10, "effective_from": "2026-07-01"},
        ],
    )
    assert policy_value(KEY, on=date(2026, 6, 30)) == 15
    assert policy_value(KEY, on=date(2026, 7, 1)) == 10
    # An application made in May is decided under the rule of its own date.
    applied_on = date(2026, 5, 4)
    assert policy_value(KEY, on=applied_on) == 15
    assert policy_values("trp-issue.decision_working_days.", on=date(2027, 1, 1)) == {
        KEY: 10,
        "trp-issue.decision_working_days.standard": 20,
    }


def test_an_overlapping_period_is_refused_and_nothing_is_saved():
    before = list(PolicyValue.objects.filter(key=KEY).values_list("effective_from", "value"))
    with pytest.raises(ValidationFailed) as caught:
        policy_values_load(
            source="test decree",
            records=[{"key": KEY, "value": 10, "effective_from": "2026-07-01"}],
        )
    assert KEY in caught.value.fields
    assert "overlaps" in caught.value.fields[KEY]
    after = list(PolicyValue.objects.filter(key=KEY).values_list("effective_from", "value"))
    assert after == before
    assert policy_value(KEY, on=date(2026, 8, 1)) == 15


def test_bad_records_are_refused_naming_the_field():
    with pytest.raises(ValidationFailed) as caught:
        policy_values_load(
            source="t", records=[{"key": "x.y", "value": 1, "effective_from": "01.01.2026"}]
        )
    assert "values[0].effective_from" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        policy_values_load(
            source="t",
            records=[
                {"key": "x.y", "value": 1, "effective_from": "2026-02-01"},
                {
                    "key": "x.z",
                    "value": 1,
                    "effective_from": "2026-02-01",
                    "effective_to": "2026-01-01",
                },
            ],
        )
    assert "values[1].effective_to" in caught.value.fields
    assert not PolicyValue.objects.filter(key__startswith="x.").exists()


def test_the_loader_is_idempotent_and_audits_only_real_changes():
    PolicyValue.objects.all().delete()
    out = StringIO()
    call_command("load_policies", stdout=out)
    assert "trp-issue.json: 13 value(s)" in out.getvalue()
    assert "stay-registration.json: 6 value(s)" in out.getvalue()
    count = PolicyValue.objects.count()
    audited = AuditEntry.objects.filter(action="policy.load").count()
    assert audited == count

    out = StringIO()
    call_command("load_policies", stdout=out)
    assert "trp-issue.json: 0 value(s)" in out.getvalue()
    assert PolicyValue.objects.count() == count
    assert AuditEntry.objects.filter(action="policy.load").count() == audited


def test_the_migrated_defaults_match_the_shipped_data_files():
    # The migration holds a frozen copy; loading the files over it changes nothing.
    out = StringIO()
    call_command("load_policies", stdout=out)
    assert "stay-registration.json: 0 value(s)" in out.getvalue()
    assert "trp-issue.json: 0 value(s)" in out.getvalue()


def test_the_command_reports_a_bad_file_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"values": [{"key": KEY, "value": 9}]}))
    with pytest.raises(CommandError, match="effective_from"):
        call_command("load_policies", str(bad), stdout=StringIO())


def _administrator():
    from tests.accounts.factories import UserFactory
    from umis.accounts.models import Department
    from umis.accounts.roles import Role

    return UserFactory(
        role=Role.ADMINISTRATOR, department=Department.objects.get(code="hq"), is_staff=True
    )


def test_administrators_keep_policies_and_calendar_and_the_admin_refuses_an_overlap(client):
    from tests.accounts.factories import sign_in_verified

    sign_in_verified(client, _administrator())
    assert client.get("/admin/core/policyvalue/").status_code == 200
    assert client.get("/admin/core/calendaroverride/").status_code == 200
    response = client.post(
        "/admin/core/policyvalue/add/",
        {
            "key": KEY,
            "value": "10",
            "effective_from": "2026-07-01",
            "effective_to": "",
            "source": "test",
            "note": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "overlaps the one from 2024-01-01" in response.content.decode()
    assert not PolicyValue.objects.filter(key=KEY, effective_from=date(2026, 7, 1)).exists()


@pytest.mark.parametrize("role", ["case_officer", "hq_officer", "auditor"])
def test_other_staff_cannot_touch_policies_or_the_calendar(client, role):
    from tests.accounts.factories import UserFactory, sign_in_verified
    from umis.accounts.models import Department

    user = UserFactory(role=role, department=Department.objects.get(code="hq"), is_staff=True)
    sign_in_verified(client, user)
    assert client.get("/admin/core/policyvalue/").status_code == 403
    assert client.get("/admin/core/calendaroverride/").status_code == 403
