"""A request body that breaks the spec's request schema is refused before anything is sent."""

from __future__ import annotations

import json
from typing import Any

import attrs
import httpx
import pytest
from jetemail_api_client.errors import SchemaViolation
from jetemail_api_client.models import DeleteSmtpUserRequest

from tests.calls import OPERATION, VARIANTS, call, client_for
from tests.spec_contract import python_name, wrong_type_value

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
