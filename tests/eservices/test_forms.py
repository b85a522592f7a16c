from datetime import date

import pytest

from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.core.errors import ValidationFailed
from umis.eservices import registry

TODAY = date(2026, 5, 4)

pytestmark = pytest.mark.django_db


def stay_form(**changes):
    dates = {"arrival_date": "2026-05-01", "stay_until": "2026-06-15"}
    return stay_registration_data(TODAY, **{**dates, **changes})


def errors_of(service_code, data):
    with pytest.raises(ValidationFailed) as caught:
        registry.get(service_code).validate_form(data, today=TODAY)
    return caught.value.fields


def test_a_good_stay_registration_form_is_accepted_and_cleaned():
    form = registry.get("stay-registration").validate_form(stay_form(), today=TODAY)
    assert form.nationality == "IRN"
    assert form.arrival_date == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"arrival_date": "2026-05-05"}, "arrival_date", "future"),
        ({"arrival_date": "2025-04-01"}, "arrival_date", "year"),
        ({"stay_until": "2026-04-30"}, "stay_until", "after the arrival"),
        ({"stay_until": "2026-05-01"}, "stay_until", "after the arrival"),
        ({"district": "atlantis"}, "district", "atlantis"),
        ({"host_identifier": "12345"}, "host_identifier", "FIN"),
        ({"host_identifier": "5OBC7DE"}, "host_identifier", "FIN"),
        ({"host_kind": "hotel", "host_identifier": "5ABC7DE"}, "host_identifier", "10 digits"),
        ({"host_kind": "organisation", "host_identifier": "123456789"}, "host_identifier", "10"),
        ({"nationality": "ZZZ"}, "nationality", "ZZZ"),
        ({"host_kind": "embassy"}, "host_kind", "Host"),
        ({"address": ""}, "address", "Address"),
    ],
)
def test_stay_registration_rejects_bad_input_naming_the_field(changes, field, words):
    fields = errors_of("stay-registration", stay_form(**changes))
    assert field in fields
    assert words in fields[field]


def test_an_organisation_host_is_known_by_its_tin():
    data = stay_form(host_kind="organisation", host_identifier="1700123451")
    assert registry.get("stay-registration").validate_form(data, today=TODAY)


def test_a_missing_field_and_an_unknown_field_are_named():
    data = stay_form(colour="blue")
    del data["district"]
    fields = errors_of("stay-registration", data)
    assert "District" in fields["district"] and "required" in fields["district"]
    assert "colour" in fields


def test_messages_are_translated():
    from django.utils import translation

    with translation.override("ru"):
        fields = errors_of("stay-registration", stay_form(arrival_date="2026-05-05"))
    assert "future" not in fields["arrival_date"]


def trp_form(**changes):
    return trp_issue_data(
        TODAY, **{"fee_tier": "fast", "current_stay_end": "2026-06-03", **changes}
    )


def test_trp_accepts_a_stay_ending_exactly_the_required_days_ahead():
    # 2026-05-04 + 30 days = 2026-06-03: the earliest acceptable end of stay.
    form = registry.get("trp-issue").validate_form(trp_form(), today=TODAY)
    assert form.fee_tier == "fast"


def test_trp_refuses_a_stay_ending_too_soon_and_says_the_date():
    fields = errors_of("trp-issue", trp_form(current_stay_end="2026-06-02"))
    message = fields["current_stay_end"]
    assert "End of the current stay" in message
    assert "30" in message and "June 3, 2026" in message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period": "5m"}, "period"),
        ({"fee_tier": "slow"}, "fee_tier"),
        ({"grounds": "x"}, "grounds"),
    ],
)
def test_trp_refuses_unknown_choices(changes, field):
    fields = errors_of("trp-issue", trp_form(**changes))
    assert list(fields) == [field]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"surname": "Резаи"}, "surname", "Latin"),
        ({"given_names": ""}, "given_names", "required"),
        ({"birth_date": "2026-05-05"}, "birth_date", "future"),
        ({"birth_date": "1899-12-31"}, "birth_date", "1900"),
        ({"sex": "Q"}, "sex", "Sex"),
        ({"document_number": "П123"}, "document_number", "Latin"),
        ({"nationality": "XYZ"}, "nationality", "XYZ"),
    ],
)
def test_the_person_section_names_the_field_at_fault(changes, field, words):
    for service_code, data in (
        ("stay-registration", stay_form(**changes)),
        ("trp-issue", trp_form(**changes)),
    ):
        fields = errors_of(service_code, data)
        assert words in fields[field], (service_code, fields)


def test_every_form_field_is_on_exactly_one_page():
    for service in registry.all_services():
        stepped = [name for step in service.form.form_steps() for name in step.fields]
        assert sorted(stepped) == sorted(service.form.model_fields)
        assert len(service.form.form_steps()) > 1


@pytest.mark.parametrize(
    ("employer_tin", "words"),
    [
        ("", "on work grounds, enter the employer's tax identification number"),
        ("140234567", "10 digits"),
        ("14023456AB", "10 digits"),
    ],
)
def test_work_grounds_need_the_employers_tin_and_the_message_names_it(employer_tin, words):
    fields = errors_of("trp-issue", trp_form(employer_tin=employer_tin))
    assert list(fields) == ["employer_tin"]
    assert fields["employer_tin"].startswith("Employer's TIN:") and words in fields["employer_tin"]


def test_the_employers_tin_is_kept_on_work_grounds_and_dropped_on_others():
    trp = registry.get("trp-issue")
    assert trp.validate_form(trp_form(employer_tin="1402 345 671"), today=TODAY).employer_tin == (
        "1402345671"
    )
    family = trp.validate_form(trp_form(grounds="family"), today=TODAY)
    assert family.employer_tin == ""  # typed before the grounds changed: not the applicant's
    data = trp_form(grounds="study")
    del data["employer_tin"]  # a form from before the question existed
    assert trp.validate_form(data, today=TODAY).employer_tin == ""


def test_the_employers_tin_message_is_translated():
    from django.utils import translation

    for language in ("az", "ru"):
        with translation.override(language):
            message = errors_of("trp-issue", trp_form(employer_tin=""))["employer_tin"]
        assert "Employer's TIN" not in message and message
