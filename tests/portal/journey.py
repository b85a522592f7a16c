"""Walking through the portal's form pages the way a person does."""

from __future__ import annotations

from umis.cases.models import Application
from umis.eservices import registry


def start(client, service_code: str) -> tuple[Application, str]:
    """Start a draft; returns it and the first page's address."""
    response = client.post(f"/apply/{service_code}/")
    assert response.status_code == 302, response.content.decode()[:500]
    number = response["Location"].split("/")[2]
    return Application.objects.get(number=number), response["Location"]


def fill_all(client, application: Application, data: dict) -> str:
    """Post every page of the form with ``data``; returns where the last page led."""
    location = ""
    for step in registry.get(application.service_code).form.form_steps():
        answers = {name: data[name] for name in step.fields}
        response = client.post(f"/apply/{application.number}/{step.slug}/", answers)
        assert response.status_code == 302, response.content.decode()
        location = response["Location"]
    return location
