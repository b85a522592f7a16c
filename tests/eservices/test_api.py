"""GET /api/v1/services: exactly the services of the registry, with their rules today."""

from __future__ import annotations

import pytest

from umis.eservices import registry

pytestmark = pytest.mark.django_db

URL = "/api/v1/services"


def test_the_catalogue_lists_exactly_the_registered_services(client):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert [s["code"] for s in data] == [s.code for s in registry.all_services()]
    for item in data:
        service = registry.get(item["code"])
        assert item["names"] == service.names()
        assert set(item["names"]) == {"az", "ru", "en"}
        assert item["applicant_roles"] == sorted(service.applicant_roles)
        assert [d["kind"] for d in item["documents"]] == [d.kind for d in service.documents]
        assert item["form_schema"]["properties"].keys() == service.form.model_fields.keys()
        stepped = [name for step in item["steps"] for name in step["fields"]]
        assert sorted(stepped) == sorted(service.form.model_fields)


def test_fees_and_deadlines_are_the_policy_values_in_force(client):
    by_code = {s["code"]: s for s in client.get(URL).json()}
    stay = by_code["stay-registration"]
    assert stay["fee"] == {
        "currency": "AZN",
        "amount": 0.0,
        "by_tier": None,
        "by_period": None,
    }
    assert stay["deadline"]["days"] == 1 and stay["deadline"]["unit"] == "working_days"
    trp = by_code["trp-issue"]
    assert trp["fee"]["by_tier"]["fast"]["36m"] == 480
    assert trp["fee"]["by_tier"]["standard"]["3m"] == 30
    assert trp["deadline"]["by_tier"] == {"fast": 15, "standard": 20}
    assert trp["choices_labels"]["grounds"]["work"]["en"] == "Work"
    assert trp["choices_labels"]["period"]["12m"]["en"] == "1 year"
    assert trp["documents"][0]["labels"]["en"] == "Passport or travel document"
    assert trp["steps"][0]["titles"]["en"] == "The applicant"


def test_the_catalogue_is_documented_with_an_example(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/services"]["get"]
    assert operation["summary"]
    components = schema["components"]["schemas"]
    assert components["ServiceOut"]["examples"][0]["code"] == "stay-registration"
