"""One client, many owners: a fork, successive event loops, threads making their first call together, a closed
client. Each gets correct answers or a JetEmailError, never another caller's answer or a plain RuntimeError."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.errors import ClientClosed
from jetemail_api_client.models import DeleteSmtpUserRequest

from tests.support.calls import OPERATION, call, either_client, reply
from tests.support.loopback import Loopback, body_of, send
from tests.support.spec_contract import python_name

SUCCESS = OPERATION.success
assert SUCCESS.schema is not None and OPERATION.request_schema is not None
# A text field of the request and one of the success body: the echo server copies the one into the other, so
# each caller can tell its own answer from another's.
SENT_FIELD = next(
    name for name, schema in OPERATION.request_schema["properties"].items() if schema.get("type") == "string"
)
ECHO_FIELD = next(name for name, schema in SUCCESS.schema["properties"].items() if schema.get("type") == "string")
ECHO_ATTRIBUTE = python_name(SUCCESS.model_name or "", ECHO_FIELD)


def echo(handler: BaseHTTPRequestHandler) -> None:
    sent = json.loads(body_of(handler))[SENT_FIELD]
    send(handler, SUCCESS.status, json.dumps({**SUCCESS.example, ECHO_FIELD: sent}).encode())


def request_for(value: str) -> DeleteSmtpUserRequest:
    return DeleteSmtpUserRequest.from_dict({**OPERATION.request_example, SENT_FIELD: value})


CLIENT_CLASSES = [Client, AuthenticatedClient]


def new_client(client_class: type[Client | AuthenticatedClient], url: str, **settings: Any) -> Any:
    """A client of either class on url, without retries (a retry would hide a wrong answer)."""
    return either_client(client_class, base_url=url, retries=0, **settings)


def answers_match(client: Client | AuthenticatedClient, who: str, calls: int) -> int:
    """How many of `calls` answers were another caller's."""
    wrong = 0
    for number in range(calls):
        sent = f"{who}-{number}"
        result = endpoint.sync(client=client, body=request_for(sent))
        wrong += getattr(result, ECHO_ATTRIBUTE) != sent
    return wrong


@pytest.fixture
def echo_server() -> Iterator[Loopback]:
    with Loopback(echo) as server:
        yield server


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_after_a_fork_parent_and_child_each_read_only_their_own_answers(
    client_class: type[Client | AuthenticatedClient], echo_server: Loopback
) -> None:
    client = new_client(client_class, echo_server.url)
    assert answers_match(client, "before", 1) == 0  # a pooled keep-alive connection, inherited by the child
    parent_client = client.get_httpx_client()

    pid = os.fork()
    if pid == 0:  # the child reports through its exit status; it must never return into pytest
        try:
            wrong = answers_match(client, "child", 60)
            fresh = client.get_httpx_client() is not parent_client
            os._exit(0 if wrong == 0 and fresh else 1)
        except BaseException:
            os._exit(2)
    with client:
        wrong_in_parent = answers_match(client, "parent", 60)
    _, status = os.waitpid(pid, 0)

    assert wrong_in_parent == 0
    assert os.waitstatus_to_exitcode(status) == 0
    assert client._client is parent_client  # the parent kept its pool


# A loop's connections cannot be closed once that loop has closed: the client drops them for fresh ones, and their
# sockets close when collected, with the ResourceWarning Python shows in development mode. Collected here.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_one_client_serves_successive_event_loops(
    client_class: type[Client | AuthenticatedClient], echo_server: Loopback
) -> None:
    def three_runs() -> list[Any]:
        client = new_client(client_class, echo_server.url)

        async def one_call(sent: str) -> Any:
            return await endpoint.asyncio(client=client, body=request_for(sent))

        # each asyncio.run() has a loop of its own; the second used to hit 'Event loop is closed'
        return [getattr(asyncio.run(one_call(f"run-{run}")), ECHO_ATTRIBUTE) for run in range(3)]

    assert three_runs() == ["run-0", "run-1", "run-2"]
    gc.collect()


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_one_async_client_in_one_loop_is_built_once(
    client_class: type[Client | AuthenticatedClient], echo_server: Loopback
) -> None:
    client = new_client(client_class, echo_server.url)

    async def twice() -> tuple[httpx.AsyncClient, httpx.AsyncClient]:
        async with client:
            first = client.get_async_httpx_client()
            await endpoint.asyncio(client=client, body=request_for("x"))
            return first, client.get_async_httpx_client()

    first, second = asyncio.run(twice())
    assert first is second


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_threads_making_their_first_call_together_build_one_httpx_client(
    kind: str, client_class: type[Client | AuthenticatedClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = new_client(client_class, "https://api.example.test")
    built: list[object] = []
    cls = httpx.Client if kind == "sync" else httpx.AsyncClient
    original_init = cls.__init__

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(cls, "__init__", counting_init)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: a race shows if there is one
    start = threading.Barrier(16)
    got: list[object] = []

    def first_call() -> None:
        start.wait()
        got.append(client.get_httpx_client() if kind == "sync" else client.get_async_httpx_client())

    threads = [threading.Thread(target=first_call) for _ in range(16)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert len(built) == 1
    assert len(got) == 16 and all(each is built[0] for each in got)


@pytest.mark.parametrize("variant", ["sync", "asyncio"])
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_a_closed_client_refuses_with_a_jetemail_error(
    variant: str, client_class: type[Client | AuthenticatedClient]
) -> None:
    handler = reply(SUCCESS.status, json.dumps(SUCCESS.example).encode())
    client = new_client(
        client_class, "https://api.example.test", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    if variant == "sync":
        with client:
            call(variant, client)
    else:

        async def use_and_close() -> None:
            async with client:
                await endpoint.asyncio(client=client, body=request_for("x"))

        asyncio.run(use_and_close())

    with pytest.raises(ClientClosed, match="closed"):
        call(variant, client)
    with pytest.raises(ClientClosed):  # entering it again too (httpx raises a plain RuntimeError)
        if variant == "sync":
            client.__enter__()
        else:
            asyncio.run(client.__aenter__())
