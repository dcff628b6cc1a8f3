"""Spec-wide contract: every operation of openapi.json, covered the moment it is regenerated.

Each operation has generated code with its call variants; every documented JSON response (its
example, and schema-generated bodies) parses into its model; every request (path parameters
URL-encoded, query parameters, body) is what the spec describes. No case is written by hand.
"""

from __future__ import annotations

import json
from importlib import import_module
from types import ModuleType
from typing import Any
from urllib.parse import quote

import httpx
import jetemail_api_client.models
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jetemail_api_client import AuthenticatedClient

from scripts.oas import operations_of
from tests.spec_contract import SPEC, VALIDATOR, DocumentedResponse, Operation, json_schema, operations, server_url

OPERATIONS = operations()
IDS = [f"{op.method} {op.path}" for op in OPERATIONS]
RESPONSES = [(op, response) for op in OPERATIONS for response in op.responses if response.model_name]
RESPONSE_IDS = [f"{op.method} {op.path} {response.status}" for op, response in RESPONSES]


def module_of(op: Operation) -> ModuleType:
    try:
        return import_module(op.module)
    except ImportError as error:
        raise AssertionError(f"{op.method} {op.path}: no generated module {op.module}; run `make generate`") from error


def model(name: str) -> Any:
    found = getattr(jetemail_api_client.models, name, None)
    assert found is not None, f"generated/ lacks the model {name}: run `make generate`"
    return found


def test_the_generator_handles_every_operation_in_the_spec() -> None:
    in_spec = {f"{method} {path}" for method, path, _ in operations_of(SPEC)}
    skipped = sorted(in_spec - set(IDS))
    assert not skipped, f"operations the generator skipped or could not handle: {skipped}"


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_every_operation_has_its_call_variants(op: Operation) -> None:
    module = module_of(op)
    variants = ["sync_detailed", "asyncio_detailed"]
    if any(response.model_name for response in op.responses):  # plain sync/asyncio exist when there is a model
        variants += ["sync", "asyncio"]
    for variant in variants:
        assert callable(getattr(module, variant, None)), f"{op.method} {op.path} has no {variant}()"


def arguments(op: Operation, data: st.DataObject) -> dict[str, Any]:
    """Values for the operation's parameters and body, drawn from their schemas."""
    kwargs: dict[str, Any] = {}
    for parameter in op.parameters:
        if parameter.required or data.draw(st.booleans(), label=f"send {parameter.name}"):
            strategy = from_schema(json_schema(parameter.schema))
            if parameter.location == "path":
                strategy = strategy.filter(lambda value: str(value) != "")
            kwargs[parameter.python_name] = data.draw(strategy, label=parameter.name)
    has_body = op.request_schema is not None and op.request_model_name is not None
    if has_body and (op.request_required or data.draw(st.booleans(), label="send body")):
        assert op.request_schema is not None
        kwargs["body"] = data.draw(from_schema(json_schema(op.request_schema)), label="body")
    return kwargs


def as_query(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_requests_conform_to_the_spec(op: Operation, data: st.DataObject) -> None:
    values = arguments(op, data)
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(599)  # undocumented: nothing to parse

    client = AuthenticatedClient(
        token="api_x", httpx_args={"transport": httpx.MockTransport(record)}, raise_on_unexpected_status=False
    )
    call = dict(values)
    if "body" in call:
        call["body"] = model(op.request_model_name or "").from_dict(call["body"])
    module_of(op).sync_detailed(client=client, **call)

    (request,) = sent
    assert request.method == op.method
    expected_path = op.path
    for parameter in op.parameters:
        if parameter.location == "path":
            value = quote(str(values[parameter.python_name]), safe="")
            expected_path = expected_path.replace(f"{{{parameter.name}}}", value)
    assert request.url.raw_path.split(b"?")[0].decode() == expected_path
    assert str(request.url).startswith(server_url())
    for parameter in op.parameters:
        if parameter.location == "query" and parameter.python_name in values:
            assert request.url.params[parameter.name] == as_query(values[parameter.python_name])
        elif parameter.location == "query":
            assert parameter.name not in request.url.params
    if "body" in values:
        assert request.headers["content-type"] == op.request_content_type
        assert op.request_schema is not None
        payload = json.loads(request.content)
        VALIDATOR(op.request_schema).validate(payload)
        assert payload == values["body"]
    else:
        assert request.content == b""


def path_arguments(op: Operation) -> dict[str, Any]:
    return {p.python_name: p.schema.get("example", "x") for p in op.parameters if p.required}


@pytest.mark.parametrize(("op", "response"), RESPONSES, ids=RESPONSE_IDS)
@given(data=st.data())
def test_documented_json_responses_parse_into_their_models(
    op: Operation, response: DocumentedResponse, data: st.DataObject
) -> None:
    assert response.schema is not None
    strategy = from_schema(json_schema(response.schema))
    if _has_example(response):
        strategy = st.just(response.example) | strategy
    body = data.draw(strategy, label="body")
    handler = httpx.MockTransport(lambda request: httpx.Response(response.status, json=body))
    client = AuthenticatedClient(token="api_x", httpx_args={"transport": handler})
    call = path_arguments(op)
    if op.request_required and op.request_schema is not None and op.request_model_name:
        call["body"] = model(op.request_model_name).from_dict(op.request_example)

    result = module_of(op).sync_detailed(client=client, **call)

    assert type(result.parsed) is model(response.model_name or "")
    assert result.parsed.to_dict() == body


def _has_example(response: DocumentedResponse) -> bool:
    try:
        return bool(response.example)
    except LookupError:
        return False
