"""A server that trickles, inflates or redirects: every call still ends, bounded in time and memory, with the
key kept on the API's origin and the method never changed behind the caller's back."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client import _base_client as base_client
from jetemail_api_client import client as client_module
from jetemail_api_client.client import DEFAULT_MAX_RESPONSE_BYTES
from jetemail_api_client.errors import (
    PREVIEW_BYTES,
    MalformedResponse,
    RedirectRefused,
    RequestTimeout,
    ResponseTooLarge,
)

from tests.support.calls import OPERATION, TOKEN, VARIANTS, call, client_for, either_client, parsed
from tests.support.loopback import Loopback
from tests.support.spec_contract import server_url
from tests.support.spec_values import meaning

SUCCESS = OPERATION.success
SUCCESS_BODY = json.dumps(SUCCESS.example).encode()


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that never ends, one byte per read: what a trickling server sends."""

    def __init__(self) -> None:
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.sent += 1
            yield b" "

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            self.sent += 1
            yield b" "


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_endless_body_ends_at_the_deadline(variant: str, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(0, 10**9, 1))  # each look at the clock is a second later: no test waits for time
    monkeypatch.setattr(base_client, "time", SimpleNamespace(monotonic=lambda: float(next(clock))))
    body = Endless()

    with pytest.raises(RequestTimeout, match="deadline"):
        call(variant, client_for(lambda request: httpx.Response(SUCCESS.status, stream=body), deadline=5.0, retries=0))

    assert body.sent <= 6  # the deadline, not the per-read timeout, ended it


def test_each_timeout_of_an_attempt_is_cut_to_the_deadline() -> None:
    seen: list[dict[str, float]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(SUCCESS.status, json=SUCCESS.example)

    call("sync", client_for(record, deadline=2.0, timeout=httpx.Timeout(30.0, connect=1.0)))

    assert seen == [{"connect": 1.0, "read": 2.0, "write": 2.0, "pool": 2.0}]


def test_no_deadline_leaves_the_timeouts_alone() -> None:
    seen: list[dict[str, float]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(SUCCESS.status, json=SUCCESS.example)

    call("sync", client_for(record, deadline=None, timeout=httpx.Timeout(30.0, connect=1.0)))

    assert seen == [{"connect": 1.0, "read": 30.0, "write": 30.0, "pool": 30.0}]


def test_a_real_trickle_over_loopback_ends_at_the_deadline_not_at_the_read_timeout() -> None:
    trickled: list[int] = []

    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(SUCCESS.status)
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        while not server.stopping.wait(0.05):  # a byte every 50 ms, each well within the read timeout
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:  # the client gave up
                return
            trickled.append(1)

    with Loopback(trickle) as server:
        client = client_module.AuthenticatedClient(base_url=server.url, token=TOKEN, deadline=0.5, retries=0)
        with client, pytest.raises(RequestTimeout):
            call("sync", client)

    assert 0 < len(trickled) < 40  # 0.5 s of 50 ms gaps, not the 50 s a 5 s read timeout per byte would allow


def bomb(inflated: int) -> bytes:
    return gzip.compress(b"\0" * inflated, compresslevel=9)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_body_past_the_cap_raises_and_memory_stays_bounded(variant: str) -> None:
    inflated = 20 * DEFAULT_MAX_RESPONSE_BYTES
    compressed = bomb(inflated)
    handler = lambda request: httpx.Response(  # noqa: E731 (a stream: content= would be inflated by the handler)
        SUCCESS.status, stream=httpx.ByteStream(compressed), headers={"Content-Encoding": "gzip", "X-Request-Id": "r7"}
    )

    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge) as raised:
            call(variant, client_for(handler))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert isinstance(raised.value, MalformedResponse)
    assert raised.value.status_code == SUCCESS.status and raised.value.headers["X-Request-Id"] == "r7"
    assert str(DEFAULT_MAX_RESPONSE_BYTES) in str(raised.value)
    assert peak < inflated / 4  # the inflated body never was in memory whole


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_cap_is_the_clients_setting(variant: str) -> None:
    body = SUCCESS_BODY + b" " * 100
    handler = lambda request: httpx.Response(SUCCESS.status, content=body)  # noqa: E731

    result = call(variant, client_for(handler, max_response_bytes=len(body)))
    assert meaning(parsed(variant, result).to_dict(), SUCCESS.schema) == meaning(SUCCESS.example, SUCCESS.schema)
    with pytest.raises(ResponseTooLarge):
        call(variant, client_for(handler, max_response_bytes=len(body) - 1))


OTHER_ORIGIN = "https://elsewhere.example.net"


def redirecting(status: int, location: str, seen: list[httpx.Request]) -> Any:
    """A handler: the API's origin redirects once to `location`, which answers the documented success."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(status, headers={"Location": location})
        return httpx.Response(SUCCESS.status, json=SUCCESS.example)

    return handle


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("header", ["Authorization", "X-Api-Key"])
def test_a_redirect_to_another_origin_never_carries_the_key(variant: str, header: str) -> None:
    seen: list[httpx.Request] = []
    handler = redirecting(307, OTHER_ORIGIN + OPERATION.path, seen)

    call(variant, client_for(handler, follow_redirects=True, auth_header_name=header))

    assert [request.url.host for request in seen] == [httpx.URL(server_url()).host, "elsewhere.example.net"]
    assert TOKEN in seen[0].headers[header]
    assert header not in seen[1].headers
    assert all(TOKEN not in value for value in seen[1].headers.values())


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_redirect_within_the_origin_keeps_the_key_and_the_method(variant: str) -> None:
    seen: list[httpx.Request] = []
    handler = redirecting(308, server_url().rstrip("/") + OPERATION.path + "-moved", seen)

    call(variant, client_for(handler, follow_redirects=True, auth_header_name="X-Api-Key"))

    assert [request.method for request in seen] == [OPERATION.method] * 2
    assert TOKEN in seen[1].headers["X-Api-Key"]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("status", [302, 303])
def test_a_redirect_that_would_change_the_method_is_refused(variant: str, status: int) -> None:
    assert OPERATION.method not in ("GET", "HEAD")
    seen: list[httpx.Request] = []
    handler = redirecting(status, server_url().rstrip("/") + "/somewhere", seen)

    with pytest.raises(RedirectRefused) as raised:
        call(variant, client_for(handler, follow_redirects=True))

    assert len(seen) == 1  # nothing was sent as GET (which once read as "deleted")
    assert raised.value.status_code == status
    assert raised.value.headers["Location"].endswith("/somewhere")
    assert OPERATION.method in str(raised.value)


CLIENT_CLASSES = [Client, AuthenticatedClient]


def either(
    client_class: type[Client | AuthenticatedClient], handler: Any, event_hooks: Any = None, **settings: Any
) -> Any:
    """A client of either class on the spec's server whose requests reach handler in-process."""
    httpx_args = {"transport": httpx.MockTransport(handler), **({"event_hooks": event_hooks} if event_hooks else {})}
    return either_client(client_class, base_url=server_url(), httpx_args=httpx_args, **settings)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_either_client_refuses_a_method_changing_redirect_and_follows_a_keeping_one(
    variant: str, client_class: type[Client | AuthenticatedClient]
) -> None:
    refused: list[httpx.Request] = []
    with pytest.raises(RedirectRefused):
        call(variant, either(client_class, redirecting(303, "/elsewhere", refused), follow_redirects=True))
    followed: list[httpx.Request] = []
    call(variant, either(client_class, redirecting(307, OTHER_ORIGIN + "/x", followed), follow_redirects=True))
    assert len(refused) == 1 and [request.method for request in followed] == [OPERATION.method] * 2


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_the_callers_event_hooks_still_run_beside_the_redirect_guard(
    variant: str, client_class: type[Client | AuthenticatedClient]
) -> None:
    heard: list[str] = []

    def on_request(request: httpx.Request) -> None:
        heard.append(f"request {request.url.host}")

    def on_response(response: httpx.Response) -> None:
        heard.append(f"response {response.status_code}")

    async def on_request_async(request: httpx.Request) -> None:
        on_request(request)

    async def on_response_async(response: httpx.Response) -> None:
        on_response(response)

    hooks = (
        {"request": [on_request], "response": [on_response]}
        if variant.startswith("sync")
        else {"request": [on_request_async], "response": [on_response_async]}
    )
    seen: list[httpx.Request] = []
    handler = redirecting(307, OTHER_ORIGIN + "/x", seen)
    client = either(client_class, handler, event_hooks=hooks, follow_redirects=True)

    call(variant, client)

    host = httpx.URL(server_url()).host
    assert heard == [f"request {host}", "response 307", "request elsewhere.example.net", f"response {SUCCESS.status}"]


METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


@pytest.mark.parametrize("status", [300, 301, 302, 303, 304, 305, 306, 307, 308])
@pytest.mark.parametrize("method", METHODS)
def test_the_method_change_rule_is_httpxs_own(status: int, method: str) -> None:
    request = httpx.Request(method, "https://api.example.test/x")
    response = httpx.Response(status, headers={"Location": "/y"}, request=request)
    httpx_would = httpx.Client()._redirect_method(request, response)  # the oracle: httpx's private rule

    assert base_client._redirect_method_changes(request, status) == (httpx_would != method)


class Recorded(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that records being closed."""

    def __init__(self, content: bytes) -> None:
        self.content, self.closed = content, False

    def __iter__(self) -> Iterator[bytes]:
        yield self.content

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.content

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
@pytest.mark.parametrize("cap", [None, 5], ids=["read whole", "past the cap"])
def test_the_connection_is_given_back_whether_the_body_was_read_or_refused(
    variant: str, client_class: type[Client | AuthenticatedClient], cap: int | None
) -> None:
    body = Recorded(SUCCESS_BODY)
    client = either(
        client_class,
        lambda request: httpx.Response(SUCCESS.status, stream=body),
        **({"max_response_bytes": cap} if cap else {}),
    )

    if cap:
        with pytest.raises(ResponseTooLarge) as raised:
            call(variant, client)
        assert raised.value.content == SUCCESS_BODY[:PREVIEW_BYTES]
    else:
        call(variant, client)

    assert body.closed


@pytest.mark.parametrize("variant", ["sync", "asyncio"])
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_either_client_stops_a_gzip_bomb_at_the_cap(
    variant: str, client_class: type[Client | AuthenticatedClient]
) -> None:
    compressed = bomb(8 * DEFAULT_MAX_RESPONSE_BYTES)
    handler = lambda request: httpx.Response(  # noqa: E731
        SUCCESS.status, stream=httpx.ByteStream(compressed), headers={"Content-Encoding": "gzip"}
    )
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge):
            call(variant, either(client_class, handler))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * DEFAULT_MAX_RESPONSE_BYTES  # the body kept up to the cap (a bytearray grows by copying)
