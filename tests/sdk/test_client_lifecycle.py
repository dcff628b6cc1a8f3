"""Both client classes, Client and AuthenticatedClient, through each variant: what closing does to the httpx
clients the SDK built and to one the caller gave (set_httpx_client), what a caller's client sends (the SDK's
headers and base URL, the operation's own headers), and the errors of a body or client that fails mid-call."""

from __future__ import annotations

import asyncio
import gzip
import inspect
import json
import re
from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client.client import USER_AGENT
from jetemail_api_client.errors import ClientClosed, MalformedResponse

from tests.support.calls import CLIENT_CLASSES, OPERATION, TOKEN, VARIANTS, Handler, call, either_client, reply
from tests.support.spec_contract import server_url

SUCCESS = OPERATION.success
ANSWER = reply(SUCCESS.status, json.dumps(SUCCESS.example).encode(), {"content-type": "application/json"})
ASYNC = ("asyncio", "asyncio_detailed")
ClientClass = type[Client | AuthenticatedClient]


EVERY_VARIANT_OF_EITHER_CLASS = pytest.mark.parametrize(
    ("client_class", "variant"),
    [(client_class, variant) for client_class in CLIENT_CLASSES for variant in VARIANTS],
    ids=[f"{client_class.__name__}-{variant}" for client_class in CLIENT_CLASSES for variant in VARIANTS],
)


def recording() -> tuple[list[httpx.Request], Handler]:
    """The requests a handler received, and the handler: each answered as documented."""
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ANSWER(request)

    return seen, record


def sdk_client(client_class: ClientClass, **settings: Any) -> Any:
    settings.setdefault("httpx_args", {"transport": httpx.MockTransport(ANSWER)})
    return either_client(client_class, base_url=server_url(), headers={"X-Team": "billing"}, **settings)


def callers_client(variant: str, **settings: Any) -> httpx.Client | httpx.AsyncClient:
    transport = httpx.MockTransport(settings.pop("handler", ANSWER))
    return (httpx.AsyncClient if variant in ASYNC else httpx.Client)(transport=transport, **settings)


def give(client: Any, variant: str, mine: httpx.Client | httpx.AsyncClient) -> None:
    if variant in ASYNC:
        client.set_async_httpx_client(mine)
    else:
        client.set_httpx_client(mine)


def built(client: Any, variant: str) -> httpx.Client | httpx.AsyncClient:
    used: httpx.Client | httpx.AsyncClient = (
        client.get_async_httpx_client() if variant in ASYNC else client.get_httpx_client()
    )
    return used


def close(client: Any, variant: str) -> None:
    if variant in ASYNC:
        asyncio.run(client.aclose())
    else:
        client.close()


@EVERY_VARIANT_OF_EITHER_CLASS
def test_closing_closes_the_httpx_client_the_sdk_built_and_refuses_later_calls(
    client_class: ClientClass, variant: str
) -> None:
    client = sdk_client(client_class)
    call(variant, client)
    used = built(client, variant)

    close(client, variant)

    assert used.is_closed
    with pytest.raises(ClientClosed, match="closed"):
        call(variant, client)


@EVERY_VARIANT_OF_EITHER_CLASS
def test_closing_a_client_that_never_sent_refuses_later_calls_and_builds_nothing(
    client_class: ClientClass, variant: str
) -> None:
    client = sdk_client(client_class)

    close(client, variant)
    close(client, variant)  # again: nothing more

    with pytest.raises(ClientClosed):
        call(variant, client)


@EVERY_VARIANT_OF_EITHER_CLASS
def test_a_client_whose_block_ended_stays_closed_even_given_a_new_httpx_client(
    client_class: ClientClass, variant: str
) -> None:
    client = sdk_client(client_class)
    if variant in ASYNC:

        async def block() -> None:
            async with client:
                pass

        asyncio.run(block())
    else:
        with client:
            pass

    give(client, variant, callers_client(variant))

    with pytest.raises(ClientClosed):
        call(variant, client)


@EVERY_VARIANT_OF_EITHER_CLASS
def test_a_callers_httpx_client_given_after_the_sdk_built_one_is_used_and_left_open(
    client_class: ClientClass, variant: str
) -> None:
    seen, record = recording()
    client = sdk_client(client_class)
    call(variant, client)  # the SDK builds its own first
    mine = callers_client(variant, handler=record)
    give(client, variant, mine)

    call(variant, client)
    close(client, variant)

    assert len(seen) == 1
    assert not mine.is_closed  # the caller's to close


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
@pytest.mark.parametrize("callers_base_url", ["", "https://proxy.example.test/jetemail"])
def test_a_callers_httpx_client_sends_the_sdk_headers_and_the_operations_own(
    client_class: ClientClass, variant: str, callers_base_url: str
) -> None:
    seen, record = recording()
    client = sdk_client(client_class)
    give(client, variant, callers_client(variant, handler=record, base_url=callers_base_url, headers={"X-Mine": "1"}))

    call(variant, client)

    (request,) = seen
    assert str(request.url) == (callers_base_url or server_url()) + OPERATION.path  # its base URL, else the SDK's
    assert request.headers["user-agent"] == USER_AGENT and request.headers["x-team"] == "billing"
    assert request.headers["x-mine"] == "1"
    assert request.headers["content-type"] == "application/json"  # the operation's header, kept
    assert ("authorization" in request.headers) is (client_class is AuthenticatedClient)
    if client_class is AuthenticatedClient:
        assert request.headers["authorization"] == f"Bearer {TOKEN}"


@EVERY_VARIANT_OF_EITHER_CLASS
def test_a_body_its_content_encoding_cannot_decode_is_malformed(client_class: ClientClass, variant: str) -> None:
    def gzipped(raw: bytes) -> Any:  # streamed, as from the network: decoded as the SDK reads it
        headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        return lambda request: httpx.Response(SUCCESS.status, stream=httpx.ByteStream(raw), headers=headers)

    def over(handler: Any) -> Any:
        return sdk_client(client_class, httpx_args={"transport": httpx.MockTransport(handler)})

    with pytest.raises(MalformedResponse, match="cannot be decoded"):
        call(variant, over(gzipped(b"not gzip at all")))
    assert call(variant, over(gzipped(gzip.compress(json.dumps(SUCCESS.example).encode())))) is not None


class ClosedOnSend(httpx.Client):
    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self.close()  # another thread closed it since the call began
        return super().send(request, **kwargs)


class AsyncClosedOnSend(httpx.AsyncClient):
    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        await self.aclose()
        return await super().send(request, **kwargs)


@EVERY_VARIANT_OF_EITHER_CLASS
def test_a_client_closed_mid_call_is_client_closed_and_another_runtime_error_is_the_callers(
    client_class: ClientClass, variant: str
) -> None:
    closing = (AsyncClosedOnSend if variant in ASYNC else ClosedOnSend)(transport=httpx.MockTransport(ANSWER))
    client = sdk_client(client_class)
    give(client, variant, closing)
    with pytest.raises(ClientClosed):
        call(variant, client)

    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("the caller's transport broke")

    client = sdk_client(client_class)
    give(client, variant, callers_client(variant, handler=broken))
    with pytest.raises(RuntimeError, match="the caller's transport broke") as raised:
        call(variant, client)
    assert not isinstance(raised.value, ClientClosed)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_the_constructor_and_repr_show_settings_not_bookkeeping(client_class: ClientClass) -> None:
    client = sdk_client(client_class)
    client.close()

    assert not {"built_for", "lock", "closed"} & set(inspect.signature(client_class).parameters)
    assert not {"built_for", "lock", "closed"} & {name.lstrip("_") for name in re.findall(r"(\w+)=", repr(client))}


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_a_sync_call_made_inside_an_event_loop_uses_the_same_pool_as_outside(client_class: ClientClass) -> None:
    """The sync pool belongs to the process, not to an event loop (only the async one does): the same pool outside
    any loop and inside one loop, then another."""
    client = sdk_client(client_class)

    async def from_async_code() -> httpx.Client:
        call("sync", client)
        used: httpx.Client = client.get_httpx_client()
        return used

    inside = asyncio.run(from_async_code())
    call("sync", client)
    in_another_loop = asyncio.run(from_async_code())

    assert client.get_httpx_client() is inside is in_another_loop and not inside.is_closed


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_every_setting_is_keyword_only(client_class: ClientClass) -> None:
    """No argument binds by position (a key passed first must not land in some other setting)."""
    assert all(
        parameter.kind is inspect.Parameter.KEYWORD_ONLY
        for parameter in inspect.signature(client_class).parameters.values()
    )
    with pytest.raises(TypeError, match="positional"):
        untyped: Any = client_class  # (mypy refuses the call too)
        untyped("api_by-position", base_url=server_url())


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_the_smallest_positive_settings_are_accepted(client_class: ClientClass) -> None:
    client = sdk_client(client_class, max_response_bytes=1, deadline=0.001, retries=0)
    assert client is not None


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_clients_with_the_same_settings_are_equal_whatever_their_bookkeeping(client_class: ClientClass) -> None:
    transport = httpx.MockTransport(ANSWER)
    first, second = (sdk_client(client_class, httpx_args={"transport": transport}) for _ in range(2))
    assert first == second  # each has a lock of its own
    first.close()
    assert first == second  # closed or not
