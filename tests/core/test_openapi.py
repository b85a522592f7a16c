"""Every operation of the API is described, and every JSON body comes with an example."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def test_every_operation_has_a_summary_and_every_json_body_an_example(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    missing = []
    for method, path, operation in _operations(schema):
        if not operation.get("summary"):
            missing.append(f"{method} {path}: summary")
        content = operation.get("requestBody", {}).get("content", {})
        body = content.get("application/json")
        if body is None:
            continue
        name = body["schema"].get("$ref", "").rsplit("/", 1)[-1]
        if not (body.get("example") or body.get("examples") or components[name].get("examples")):
            missing.append(f"{method} {path}: example")
    assert missing == []
    assert len(list(_operations(schema))) > 20
