"""Every documented response comes back as the type the SDK declares for it, meaning what the server sent:
JSON bodies (examples and schema-drawn ones) as models, lists, enums and scalars whose fields are reachable by
the generator's Python names; raw bytes and text as they came; no content as None; ranges and `default`."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jetemail_api_client.errors import MalformedResponse
from jetemail_api_client.types import FieldError

from tests.sdk.spec_wide.harness import OPERATIONS, Recorder, draw, module_of
from tests.support.spec_contract import DocumentedResponse, Operation, model
from tests.support.spec_values import conforms, field_schema, generated_class, is_of_type, meaning, strategy, to_json

RESPONSES = [(op, response) for op in OPERATIONS for response in op.responses]
RESPONSE_IDS = [f"{op.id} {response.pattern}" for op, response in RESPONSES]


def status_for(op: Operation, response: DocumentedResponse) -> int:
    """A status the response, and no more specific one, covers: what a server answering it would send."""
    exact = {r.status for r in op.responses if r.exact}
    ranges = [(r.low, r.high) for r in op.responses if not r.exact and r.low is not None]
    if response.exact:
        return response.status
    candidates = range(response.low, (response.high or 0) + 1) if response.low is not None else range(599, 99, -1)
    for status in candidates:
        covered = status in exact or (response.low is None and any(lo <= status <= hi for lo, hi in ranges if hi))
        if not covered:
            return status
    pytest.skip(f"{op.id} {response.pattern}: every status it covers is documented more specifically")


def body_for(response: DocumentedResponse, data: st.DataObject) -> tuple[Any, bytes]:
    """(what the body means, its bytes) for a response the SDK reads as `response.source`."""
    if response.source == "json":
        schema = response.schema if response.schema is not None else {}
        values = strategy(schema)
        example = _example(response)
        if example is not None and conforms(schema, example):  # a spec's own example can break its schema
            values = st.just(example) | values
        value = data.draw(values, label="body")
        return value, json.dumps(value).encode()
    if response.source == "text":
        text = data.draw(st.text(max_size=40), label="body")
        return text, text.encode()
    if response.source == "bytes":
        raw = data.draw(st.binary(max_size=64), label="body")
        return raw, raw
    return None, b""


def _example(response: DocumentedResponse) -> Any:
    try:
        return response.example
    except LookupError:
        return None


@pytest.mark.parametrize(("op", "response"), RESPONSES, ids=RESPONSE_IDS)
@given(data=st.data())
def test_documented_responses_come_back_as_their_declared_types(
    op: Operation, response: DocumentedResponse, data: st.DataObject
) -> None:
    status = status_for(op, response)
    value, content = body_for(response, data)
    headers = {"content-type": response.content_type} if response.content_type else {}
    recorder = Recorder(lambda request: httpx.Response(status, content=content, headers=headers))
    arguments = draw(op, data).kwargs

    result = module_of(op).sync_detailed(client=recorder.client(raise_on_unexpected_status=True), **arguments)

    assert result.status_code == status and result.content == content
    parsed = result.parsed
    if response.source == "none":
        assert parsed is None
        return
    assert is_of_type(response.type, parsed), (response.type, parsed)
    if response.source == "json":
        assert meaning(to_json(parsed), response.schema) == meaning(value, response.schema)
        if response.type.kind == "model" and isinstance(value, dict):
            fields_are_reachable_by_their_python_names(response, parsed, value)
    else:
        assert to_json(parsed) == (value if response.source == "text" else content)


def fields_are_reachable_by_their_python_names(
    response: DocumentedResponse, parsed: Any, value: dict[str, Any]
) -> None:
    class_name = response.type.class_name or ""
    assert isinstance(parsed, generated_class(class_name))
    for json_name, python_name in model(class_name).fields.items():
        if json_name in value:
            schema = field_schema(response.schema, json_name)
            assert meaning(to_json(getattr(parsed, python_name)), schema) == meaning(value[json_name], schema), (
                json_name
            )


def objects_with(keyword: str) -> list[tuple[Operation, DocumentedResponse]]:
    """The JSON responses whose schema is an object that names its properties and has `keyword` (required, ...)."""
    return [
        (op, response)
        for op, response in RESPONSES
        if response.source == "json"
        and isinstance(response.schema, dict)
        and isinstance(response.schema.get("properties"), dict)
        and response.schema.get(keyword)
    ]


REQUIRING = objects_with("required")


@pytest.mark.parametrize(
    ("op", "response"), REQUIRING or [pytest.param(None, None, marks=pytest.mark.skip("no response requires a field"))]
)
@given(data=st.data())
def test_a_required_field_missing_names_the_model_and_the_field(
    op: Operation, response: DocumentedResponse, data: st.DataObject
) -> None:
    assert isinstance(response.schema, dict)
    value, _ = body_for(response, data)
    missing = next(name for name in response.schema["required"] if name in response.schema["properties"])
    content = json.dumps({key: item for key, item in value.items() if key != missing}).encode()
    recorder = Recorder(lambda request: httpx.Response(status_for(op, response), content=content))

    with pytest.raises(MalformedResponse) as raised:
        module_of(op).sync_detailed(client=recorder.client(raise_on_unexpected_status=True), **draw(op, data).kwargs)

    cause = raised.value.__cause__
    assert isinstance(cause, FieldError) and cause.reason == "required field missing", raised.value
    assert f"{cause.model}.{'.'.join(cause.path)}: required field missing" in str(raised.value)
