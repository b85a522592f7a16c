import dataclasses
from datetime import date

import pytest

from umis.accounts.roles import Role
from umis.core.errors import NotFound
from umis.eservices import registry
from umis.eservices.base import CHECK_CODES


def test_the_catalogue_discovers_exactly_the_declared_services():
    assert [s.code for s in registry.all_services()] == ["stay-registration", "trp-issue"]


def test_an_unknown_service_is_not_found_with_a_message_naming_it():
    with pytest.raises(NotFound) as caught:
        registry.get("no-such-service")
    assert "no-such-service" in caught.value.message


@pytest.mark.parametrize("service", registry.all_services(), ids=lambda s: s.code)
def test_every_declaration_is_complete_in_the_three_languages(service):
    names = service.names()
    descriptions = service.descriptions()
    assert set(names) == set(descriptions) == {"az", "ru", "en"}
    assert all(names.values()) and all(descriptions.values())
    # Translated, not the English text shown to everyone.
    assert names["az"] != names["en"] and names["ru"] != names["en"]
    assert descriptions["az"] != descriptions["en"]
    assert service.applicant_roles <= {Role.APPLICANT, Role.HOST, Role.EMPLOYER_REP}
    assert set(service.checks) <= CHECK_CODES
    assert all(str(d.label) for d in service.documents)


def test_the_declarations_say_who_may_apply_what_is_checked_and_what_is_issued():
    stay = registry.get("stay-registration")
    trp = registry.get("trp-issue")
    assert stay.applicant_roles == {Role.APPLICANT, Role.HOST}
    assert Role.EMPLOYER_REP in trp.applicant_roles and Role.HOST not in trp.applicant_roles
    always = ("payment", "criminal_record", "health", "entry_exit", "security_vetting")
    assert trp.checks_for({"grounds": "family"}) == always
    assert trp.checks_for({"grounds": "work"}) == (*always, "employer", "employment_contract")
    assert stay.checks_for({"host_kind": "citizen"}) == ("entry_exit", "host_citizen")
    assert stay.checks_for({"host_kind": "hotel"}) == ("entry_exit", "host_taxpayer")
    assert stay.checks_for({"host_kind": "organisation"}) == ("entry_exit", "host_taxpayer")
    assert stay.produces_document and trp.produces_document


def test_a_condition_can_only_be_set_on_a_declared_check():
    stay = registry.get("stay-registration")
    with pytest.raises(ValueError, match="conditions of undeclared checks"):
        dataclasses.replace(stay, check_conditions={"visa": lambda form: True})


@pytest.mark.django_db
def test_fees_come_from_the_policy_in_force():
    trp = registry.get("trp-issue")
    on = date(2026, 5, 4)
    assert trp.fee_azn(on=on, tier="fast", period="3m") == 40
    assert trp.fee_azn(on=on, tier="standard", period="36m") == 360
    assert registry.get("stay-registration").fee_azn(on=on) == 0
