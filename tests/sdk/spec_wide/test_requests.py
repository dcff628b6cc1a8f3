"""Every request carries what the spec describes: the route with its path parameters percent-encoded,
query parameters, headers and the body (JSON, form, multipart or raw bytes), all compared by meaning."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jetemail_api_client import AuthenticatedClient
from jetemail_api_client.client import RetryPolicy
from jetemail_api_client.errors import ResponseError

from tests.sdk.spec_wide.harness import BASE_URL, IDS, OPERATIONS, Recorder, draw, module_of, send
from tests.sdk.spec_wide.wire import check_body, check_cookies, check_headers, check_path, check_query
from tests.support.spec_contract import Operation


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_requests_carry_what_the_spec_describes(op: Operation, data: st.DataObject) -> None:
    drawn = draw(op, data)
    recorder = Recorder()

    send(op, recorder.client(), drawn.kwargs)

    (request,) = recorder.sent
    assert request.method == op.method
    base = httpx.URL(BASE_URL)
    assert (request.url.scheme, request.url.host, request.url.port) == (base.scheme, base.host, base.port)
    check_path(op, request, drawn)
    check_query(op, request, drawn)
    check_headers(op, request, drawn)
    check_cookies(op, request, drawn)
    check_body(request, drawn)


COPIES: dict[str, Callable[[Any], Any]] = {"deepcopy": copy.deepcopy, "pickle": lambda v: pickle.loads(pickle.dumps(v))}


@pytest.mark.parametrize("copied", COPIES.values(), ids=COPIES.keys())
@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_a_copied_or_pickled_call_sends_the_same_request(
    copied: Callable[[Any], Any], op: Operation, data: st.DataObject
) -> None:
    """Models and UNSET survive deepcopy and pickle (a worker process gets its models pickled): the copy's unset
    fields stay unset, and nothing else changes on the wire."""
    kwargs = draw(op, data).kwargs
    copy_of_kwargs = copied(kwargs)
    recorders = Recorder(), Recorder()

    send(op, recorders[0].client(), kwargs)
    send(op, recorders[1].client(), copy_of_kwargs)

    (original,), (replica,) = (recorder.sent for recorder in recorders)
    assert (replica.method, replica.url, replica.headers.multi_items(), replica.content) == (
        original.method,
        original.url,
        original.headers.multi_items(),
        original.content,
    )


RETRIED_METHODS = RetryPolicy().methods
RETRIED = [op for op in OPERATIONS if op.bodies and op.method in RETRIED_METHODS]


class Wire(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Reads each request's body from its stream, once, as a network transport does (httpx.MockTransport reads
    it into memory first, which would hide a stream that cannot be sent twice); answers 503, then 599."""

    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []  # each with the body as it came off the stream

    def _answer(self, request: httpx.Request, body: bytes) -> httpx.Response:
        self.sent.append(httpx.Request(request.method, request.url, headers=request.headers, content=body))
        return httpx.Response(503 if len(self.sent) == 1 else 599)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        return self._answer(request, b"".join(request.stream))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        return self._answer(request, b"".join([chunk async for chunk in request.stream]))


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "asyncio"])
@pytest.mark.parametrize("op", RETRIED, ids=[op.id for op in RETRIED])
@given(data=st.data())
def test_a_retried_request_sends_its_whole_body_again_from_either_client(
    op: Operation, asynchronous: bool, data: st.DataObject
) -> None:
    """A body read from a stream (a File) is sent whole by the async client, and again on the retry."""
    drawn = draw(op, data)
    wire = Wire()
    client = AuthenticatedClient(token="api_spec-wide", base_url=BASE_URL, httpx_args={"transport": wire})
    module = module_of(op)

    with contextlib.suppress(ResponseError):
        if asynchronous:
            asyncio.run(module.asyncio_detailed(client=client, **drawn.kwargs))
        else:
            module.sync_detailed(client=client, **drawn.kwargs)

    first, retry = wire.sent
    assert retry.content == first.content
    check_body(first, drawn)
