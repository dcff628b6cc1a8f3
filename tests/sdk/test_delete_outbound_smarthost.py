"""Contract tests for DELETE /outbound/smarthost, with every case derived from openapi.json.

The documented statuses parametrise the tests; examples and schemas come from the spec. All four
call variants run against an in-process httpx.MockTransport.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import httpx
import jetemail_api_client.models
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.errors import UnexpectedStatus
from jetemail_api_client.models import DeleteSmtpUserRequest

from tests.support.calls import OPERATION, REQUEST, TOKEN, VARIANTS, call, client_for, parsed, reply
from tests.support.spec_contract import JSON, VALIDATOR, DocumentedResponse, auth_scheme, python_name, server_url
from tests.support.spec_values import field_schema, meaning, strategy, to_json

DOCUMENTED = OPERATION.statuses
WITH_SCHEMA = tuple(r.status for r in OPERATION.responses if r.schema is not None)
UNDOCUMENTED = tuple(status for status in HTTPStatus if status not in DOCUMENTED)
assert OPERATION.request_schema is not None
REQUEST_SCHEMA: dict[str, Any] = OPERATION.request_schema


def model_for(documented: DocumentedResponse) -> type[Any]:
    model = getattr(jetemail_api_client.models, documented.model_name or "", None)
    assert model is not None, (
        f"the spec documents {documented.status} with model {documented.model_name}, "
        "which generated/ lacks: run `make generate`"
    )
    return model  # type: ignore[no-any-return]


def test_every_documented_status_has_a_model() -> None:
    assert DOCUMENTED, "the spec documents no status for this operation"
    for status in DOCUMENTED:
        model_for(OPERATION.response(status))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("status", WITH_SCHEMA)
def test_documented_example_parses_into_its_model(status: int, variant: str) -> None:
    documented = OPERATION.response(status)
    example = documented.example
    raw = json.dumps(example).encode()
    headers = {"content-type": JSON, "x-request-id": f"req-{status}"}

    result = call(variant, client_for(reply(status, raw, headers)))

    model = parsed(variant, result)
    assert type(model) is model_for(documented)
    schema = documented.schema  # values are compared by what the schema says they are (a date-time is an instant)
    assert meaning(model.to_dict(), schema) == meaning(example, schema)
    for field, value in example.items():  # each JSON property is an attribute under the generator's Python name
        attribute = to_json(getattr(model, python_name(documented.model_name or "", field)))
        assert meaning(attribute, field_schema(schema, field)) == meaning(value, field_schema(schema, field))
    if variant.endswith("_detailed"):
        assert result.status_code == status
        assert result.headers["x-request-id"] == f"req-{status}"
        assert result.content == raw


@pytest.mark.parametrize("status", WITH_SCHEMA)
@pytest.mark.parametrize("shape", ["no optional field", "an extra property"])
def test_optional_fields_and_extra_properties_survive(status: int, shape: str) -> None:
    documented = OPERATION.response(status)
    assert documented.schema is not None
    required = {name: documented.example[name] for name in documented.schema.get("required", [])}
    body = required if shape == "no optional field" else {**documented.example, "x-extra": {"nested": [1, None]}}

    model = endpoint.sync(client=client_for(reply(status, json.dumps(body).encode())), body=REQUEST)

    assert model is not None
    assert type(model) is model_for(documented)
    assert meaning(model.to_dict(), documented.schema) == meaning(body, documented.schema)


@pytest.mark.parametrize("status", WITH_SCHEMA)
@given(data=st.data())
def test_schema_generated_bodies_round_trip(status: int, data: st.DataObject) -> None:
    documented = OPERATION.response(status)
    assert documented.schema is not None
    body = data.draw(strategy(documented.schema), label="body")

    result = endpoint.sync_detailed(client=client_for(reply(status, json.dumps(body).encode())), body=REQUEST)

    assert result.parsed is not None
    assert type(result.parsed) is model_for(documented)
    assert meaning(result.parsed.to_dict(), documented.schema) == meaning(body, documented.schema)


@pytest.mark.parametrize("variant", VARIANTS)
@given(body=strategy(REQUEST_SCHEMA))
def test_request_conforms_to_the_spec(variant: str, body: dict[str, Any]) -> None:
    sent: list[httpx.Request] = []
    ok = OPERATION.success

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(ok.status, json=ok.example)

    call(variant, client_for(record), DeleteSmtpUserRequest.from_dict(body))

    (request,) = sent
    assert request.method == OPERATION.method
    assert request.url == httpx.URL(server_url() + OPERATION.path)
    assert request.headers["content-type"] == OPERATION.request_content_type
    assert request.headers["authorization"] == f"{auth_scheme()} {TOKEN}"
    payload = json.loads(request.content)
    VALIDATOR(REQUEST_SCHEMA).validate(payload)
    assert meaning(payload, REQUEST_SCHEMA) == meaning(body, REQUEST_SCHEMA)


@pytest.mark.parametrize("variant", VARIANTS)
def test_undocumented_status_returns_none_when_not_raising(variant: str) -> None:
    for status in UNDOCUMENTED:
        client = client_for(reply(status, b"{}"), raise_on_unexpected_status=False)
        result = call(variant, client)
        assert parsed(variant, result) is None, status
        if variant.endswith("_detailed"):
            assert result.status_code == status


@pytest.mark.parametrize("variant", VARIANTS)
def test_undocumented_status_raises_unexpected_status_when_raising(variant: str) -> None:
    for status in UNDOCUMENTED:
        client = client_for(reply(status, b"raw body"), raise_on_unexpected_status=True)
        with pytest.raises(UnexpectedStatus) as raised:
            call(variant, client)
        assert raised.value.status_code == status
        assert raised.value.content == b"raw body"
