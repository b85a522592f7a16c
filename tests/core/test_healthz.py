import pytest


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_request_id_is_echoed_or_made(client):
    assert (
        client.get("/healthz", HTTP_X_REQUEST_ID="abcdef123456")["X-Request-ID"] == "abcdef123456"
    )
    assert len(client.get("/healthz", HTTP_X_REQUEST_ID="bad id!")["X-Request-ID"]) == 32
