"""The resource-style clients reach every operation where scripts/resources.py says, and send exactly what the
operation's module function sends: the same method, URL, headers and body, with the body's fields as keyword
arguments where the layout flattens it, or the model as body=."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jetemail_api_client import AsyncJetEmail, JetEmail
from jetemail_api_client.errors import ResponseError
from jetemail_api_client.types import Unset

from tests.sdk.spec_wide.harness import BASE_URL, IDS, OPERATIONS, Recorder, draw, send
from tests.support.spec_contract import Operation, placement

KEY = "api_spec-wide"  # the harness's Recorder client sends this key too


def method_of(client: Any, op: Operation) -> Any:
    where = placement(op)
    for name in where.chain:
        client = getattr(client, name)
    return getattr(client, where.method)


def as_fields(op: Operation, kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The call with the body's fields as keyword arguments, where the layout flattens its body and the drawn body
    has no properties beyond its fields; and the module function's call it stands for, whose body model is built
    by its constructor, as the resource method builds it (defaults filled in, where from_dict leaves them out).
    An optional body none of whose fields is given is not sent."""
    body = kwargs.get("body")
    if not placement(op).flat_body or body is None or getattr(body, "additional_properties", None):
        return kwargs, kwargs
    fields = {field.name: getattr(body, field.name) for field in attrs.fields(type(body)) if field.init}
    passed = {name: value for name, value in fields.items() if not isinstance(value, Unset)}
    others = {name: value for name, value in kwargs.items() if name != "body"}
    if not passed and not op.request_required:  # no field given: no body, as when the model is not passed
        return others, others
    return {**others, **passed}, {**others, "body": type(body)(**passed)}


def resource_requests(op: Operation, kwargs: dict[str, Any], asynchronous: bool) -> list[httpx.Request]:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        return httpx.Response(599)

    if asynchronous:

        async def call() -> None:
            mine = httpx.AsyncClient(transport=httpx.MockTransport(record))
            async with AsyncJetEmail(api_key=KEY, base_url=BASE_URL, http_client=mine) as client:
                with contextlib.suppress(ResponseError):
                    await method_of(client.with_raw_response, op)(**kwargs)
            await mine.aclose()

        asyncio.run(call())
    else:
        with (
            httpx.Client(transport=httpx.MockTransport(record)) as mine,
            JetEmail(api_key=KEY, base_url=BASE_URL, http_client=mine) as client,
            contextlib.suppress(ResponseError),
        ):
            method_of(client, op)(**kwargs)
    return sent


def seen(request: httpx.Request) -> tuple[Any, ...]:
    return request.method, str(request.url), sorted(request.headers.multi_items()), request.content


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data(), asynchronous=st.booleans())
def test_the_resource_method_sends_what_the_module_function_sends(
    op: Operation, data: st.DataObject, asynchronous: bool
) -> None:
    resource_call, module_call = as_fields(op, draw(op, data).kwargs)
    module_call = copy.deepcopy(module_call)  # each call reads its own copy of a File body's stream
    recorder = Recorder()
    send(op, recorder.client(cookies={}, raise_on_unexpected_status=True), module_call)

    (expected,) = recorder.sent
    (request,) = resource_requests(op, resource_call, asynchronous)
    assert seen(request) == seen(expected)
