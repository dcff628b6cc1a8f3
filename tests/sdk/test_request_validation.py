"""A request body that breaks the spec's request schema is refused before anything is sent."""

from __future__ import annotations

import json
from typing import Any

import attrs
import httpx
import pytest
from jetemail_api_client.errors import SchemaViolation
from jetemail_api_client.models import DeleteSmtpUserRequest

from tests.support.calls import OPERATION, VARIANTS, call, client_for
from tests.support.spec_contract import python_name, wrong_type_value

assert OPERATION.request_schema is not None
PROPERTIES: dict[str, Any] = OPERATION.request_schema["properties"]
WRONG = [(field, wrong_type_value(schema)) for field, schema in PROPERTIES.items()]
WRONG += [(field, None) for field, schema in PROPERTIES.items() if not schema.get("nullable")]


def attribute(field: str) -> str:
    return python_name(OPERATION.request_model_name or "", field)


@pytest.mark.parametrize(("field", "value"), WRONG)
def test_wrong_json_type_is_refused_when_the_body_is_built(field: str, value: Any) -> None:
    with pytest.raises(SchemaViolation, match=attribute(field)):
        attrs.evolve(DeleteSmtpUserRequest.from_dict(OPERATION.request_example), **{attribute(field): value})
    with pytest.raises(SchemaViolation, match=attribute(field)):
        DeleteSmtpUserRequest.from_dict({**OPERATION.request_example, field: value})


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("field", "value"), WRONG)
def test_a_refused_value_is_never_stored_so_what_is_sent_stays_valid(field: str, value: Any, variant: str) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(OPERATION.success.status, json=OPERATION.success.example)

    body = DeleteSmtpUserRequest.from_dict(OPERATION.request_example)
    with pytest.raises(SchemaViolation, match=attribute(field)):
        setattr(body, attribute(field), value)
    call(variant, client_for(record), body)

    (request,) = sent
    assert json.loads(request.content) == OPERATION.request_example


TEXT_FIELDS = [field for field, schema in PROPERTIES.items() if schema.get("type") == "string"]
NOT_JSON = {"a set": {1, 2}, "an object": object(), "NaN": float("nan"), "bytes": b"raw"}


def nothing_sent() -> tuple[list[httpx.Request], Any]:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(OPERATION.success.status, json=OPERATION.success.example)

    return sent, record


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_a_lone_surrogate_in_a_field_is_refused_before_sending(field: str, variant: str) -> None:
    sent, record = nothing_sent()
    body = DeleteSmtpUserRequest.from_dict({**OPERATION.request_example, field: "smtp-\ud800"})

    with pytest.raises(SchemaViolation, match="JSON"):
        call(variant, client_for(record), body=body)
    assert sent == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("value", NOT_JSON.values(), ids=NOT_JSON.keys())
def test_an_extra_property_json_cannot_carry_is_refused_before_sending(value: object, variant: str) -> None:
    sent, record = nothing_sent()
    body = DeleteSmtpUserRequest.from_dict(OPERATION.request_example)
    body["extra"] = value

    with pytest.raises(SchemaViolation, match="JSON"):
        call(variant, client_for(record), body=body)
    assert sent == []


def test_the_json_sent_is_what_httpx_would_send() -> None:
    sent, record = nothing_sent()
    body = DeleteSmtpUserRequest.from_dict(OPERATION.request_example)
    body["note"] = "ünïcode ✓"

    call("sync", client_for(record), body=body)

    assert sent[0].content == httpx.Request("POST", "http://x", json=body.to_dict()).content
    assert sent[0].headers["Content-Type"] == OPERATION.request_content_type
