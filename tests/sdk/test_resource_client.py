"""JetEmail and AsyncJetEmail against the stand-in over loopback: the body as fields or as a model, the documented
union without None, the whole Response, per-call options, the constructor's defaults, and closing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jetemail_api_client import AsyncJetEmail, AuthenticatedClient, JetEmail
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.client import (
    API_KEY_ENVIRONMENT_VARIABLE,
    BASE_URL_ENVIRONMENT_VARIABLE,
    DEFAULT_DEADLINE,
    USER_AGENT,
)
from jetemail_api_client.errors import (
    ClientClosed,
    MissingApiKey,
    NotFoundError,
    RequestTimeout,
    SchemaViolation,
    UnexpectedStatus,
)
from jetemail_api_client.models import DeleteSmtpUserNotFound, DeleteSmtpUserOk, DeleteSmtpUserRequest
from jetemail_api_client.types import Response

from tests.support.calls import OPERATION, REQUEST, fields
from tests.support.loopback import Loopback, send
from tests.support.spec_contract import auth_scheme, server_url
from tools.standin import DEFAULT_API_KEY, FAULT_HEADER, SEED_USERS, StandIn

MODES = ("sync", "async")
FIELD = next(iter(OPERATION.request_example))  # the request body's field (username)


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


def delete(
    mode: str, standin: StandIn | Loopback, raw: bool = False, settings: dict[str, Any] | None = None, **call: Any
) -> Any:
    """client.outbound.smarthost.delete(**call) (or through with_raw_response) on a client of the mode, closed after."""
    settings = {"api_key": DEFAULT_API_KEY, "base_url": standin.url, **(settings or {})}
    if mode == "sync":
        with JetEmail(**settings) as client:
            return (client.with_raw_response if raw else client).outbound.smarthost.delete(**call)

    async def run() -> Any:
        async with AsyncJetEmail(**settings) as client:
            return await (client.with_raw_response if raw else client).outbound.smarthost.delete(**call)

    return asyncio.run(run())


@pytest.mark.parametrize("mode", MODES)
def test_fields_or_a_model_delete_the_user_and_a_second_delete_raises_not_found(mode: str, standin: StandIn) -> None:
    assert isinstance(delete(mode, standin, **fields(SEED_USERS[0])), DeleteSmtpUserOk)
    assert isinstance(delete(mode, standin, body=DeleteSmtpUserRequest(**fields(SEED_USERS[1]))), DeleteSmtpUserOk)
    with pytest.raises(NotFoundError) as raised:  # a documented error status raises, its model as `parsed`
        delete(mode, standin, **fields(SEED_USERS[0]))
    assert raised.value.status_code == 404 and isinstance(raised.value.parsed, DeleteSmtpUserNotFound)
    assert standin.users == set(SEED_USERS[2:])


@pytest.mark.parametrize("mode", MODES)
def test_the_raw_response_has_the_status_headers_body_and_the_parsed_model(mode: str, standin: StandIn) -> None:
    response = delete(mode, standin, raw=True, **fields(SEED_USERS[0]))

    assert isinstance(response, Response)
    assert response.status_code == OPERATION.success.status
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.parsed, DeleteSmtpUserOk)
    assert DeleteSmtpUserOk.from_dict(httpx.Response(200, content=response.content).json()) == response.parsed


@pytest.mark.parametrize("mode", MODES)
def test_an_undocumented_status_raises_and_never_returns_none(mode: str) -> None:
    undocumented = next(status for status in range(418, 600) if status not in OPERATION.statuses)
    with (
        Loopback(lambda handler: send(handler, undocumented, b"{}")) as server,
        pytest.raises(UnexpectedStatus) as raised,
    ):
        delete(mode, server, **fields(SEED_USERS[0]))
    assert raised.value.status_code == undocumented


@pytest.mark.parametrize("mode", MODES)
def test_fields_and_a_model_together_or_a_required_field_missing_is_a_type_error(mode: str, standin: StandIn) -> None:
    with pytest.raises(TypeError, match="not both"):
        delete(mode, standin, body=DeleteSmtpUserRequest(**fields(SEED_USERS[0])), **fields(SEED_USERS[1]))
    with pytest.raises(TypeError, match=FIELD):
        delete(mode, standin)
    assert standin.users == set(SEED_USERS)  # nothing was sent


@pytest.mark.parametrize("mode", MODES)
def test_a_calls_timeout_replaces_the_clients(mode: str, standin: StandIn) -> None:
    slow = {FAULT_HEADER: "slow"}
    with pytest.raises(RequestTimeout):
        delete(mode, standin, settings={"timeout": 60.0}, timeout=0.2, extra_headers=slow, **fields(SEED_USERS[0]))
    with pytest.raises(RequestTimeout):
        delete(mode, standin, settings={"timeout": 0.2}, extra_headers=slow, **fields(SEED_USERS[0]))


def recorded(**settings: Any) -> tuple[JetEmail, list[httpx.Request]]:
    """A JetEmail on an httpx client of the caller's, whose requests are recorded and answered 200."""
    client, seen, _ = recorded_with(**settings)
    return client, seen


def recorded_with(**settings: Any) -> tuple[JetEmail, list[httpx.Request], httpx.Client]:
    """As recorded, with the caller's httpx client."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(OPERATION.success.status, json=OPERATION.success.example)

    mine = httpx.Client(transport=httpx.MockTransport(answer), **settings)
    return JetEmail(api_key=DEFAULT_API_KEY, http_client=mine), seen, mine


def test_per_call_options_reach_the_request() -> None:
    client, seen = recorded()
    client.outbound.smarthost.delete(**fields("a"), timeout=2.5, extra_headers={"X-Trace": "t-1", "user-agent": "me"})
    client.outbound.smarthost.delete(**fields("a"), timeout=httpx.Timeout(1.0, connect=0.5))
    client.outbound.smarthost.delete(**fields("a"), timeout=None)

    first, second, third = seen
    assert first.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
    assert (first.headers["x-trace"], first.headers["user-agent"]) == ("t-1", "me")
    assert second.extensions["timeout"] == httpx.Timeout(1.0, connect=0.5).as_dict()
    assert third.extensions["timeout"] == httpx.Timeout(DEFAULT_DEADLINE).as_dict()  # no timeout: the deadline
    assert "x-trace" not in second.headers  # per call, not kept


@pytest.mark.parametrize("value", ["a\nb", "caf\u00e9", "\u2019"])
def test_an_extra_header_http_cannot_carry_is_refused_before_sending(value: str) -> None:
    client, seen = recorded()
    with pytest.raises(SchemaViolation):
        client.outbound.smarthost.delete(**fields("a"), extra_headers={"X-Trace": value})
    assert seen == []


def test_a_caller_owned_http_client_gets_the_key_user_agent_and_base_url_and_stays_open() -> None:
    client, seen, mine = recorded_with()
    client.outbound.smarthost.delete(**fields("a"))
    (request,) = seen
    assert request.headers["authorization"] == f"{auth_scheme()} {DEFAULT_API_KEY}"
    assert request.headers["user-agent"] == USER_AGENT
    assert str(request.url) == server_url().rstrip("/") + OPERATION.path
    client.close()
    with pytest.raises(ClientClosed):
        client.outbound.smarthost.delete(**fields("a"))
    assert not mine.is_closed  # the caller's, left open
    client.close()  # again: nothing more

    own_base, seen = recorded(base_url="https://proxy.example.test/jetemail")
    own_base.outbound.smarthost.delete(**fields("a"))
    assert str(seen[0].url) == "https://proxy.example.test/jetemail" + OPERATION.path


def test_the_module_function_and_the_resource_method_agree(standin: StandIn) -> None:
    with JetEmail(api_key=DEFAULT_API_KEY, base_url=standin.url) as client:
        by_method = client.with_raw_response.outbound.smarthost.delete(**fields(SEED_USERS[0]))
    with AuthenticatedClient(token=DEFAULT_API_KEY, base_url=standin.url) as old_style:
        by_function = endpoint.sync_detailed(client=old_style, body=DeleteSmtpUserRequest(**fields(SEED_USERS[1])))
    assert (by_method.status_code, type(by_method.parsed)) == (by_function.status_code, type(by_function.parsed))


@pytest.mark.parametrize("mode", MODES)
def test_per_call_retries_replace_the_clients(mode: str, standin: StandIn) -> None:
    unavailable = {FAULT_HEADER: "unavailable"}
    for client_retries, call_retries in ((0, 2), (2, 0)):
        before = standin_requests(standin)
        with pytest.raises(UnexpectedStatus):
            delete(
                mode,
                standin,
                settings={"retries": client_retries},
                retries=call_retries,
                extra_headers=unavailable,
                **fields(SEED_USERS[0]),
            )
        assert standin_requests(standin) - before == 1 + call_retries


def standin_requests(standin: StandIn, status: int = 503) -> int:
    """How many times the stand-in answered with this status."""
    stats: dict[str, Any] = httpx.get(f"{standin.url}/_standin/stats").json()
    return int(stats["served"].get(str(status), 0))


def test_the_key_and_base_url_come_from_the_environment_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, "api_from-env")
    monkeypatch.setenv(BASE_URL_ENVIRONMENT_VARIABLE, "https://env.example.test")
    assert repr(JetEmail()) == "JetEmail(base_url='https://env.example.test')"
    assert repr(JetEmail(base_url="https://given.example.test")) == "JetEmail(base_url='https://given.example.test')"
    monkeypatch.delenv(API_KEY_ENVIRONMENT_VARIABLE)
    monkeypatch.delenv(BASE_URL_ENVIRONMENT_VARIABLE)
    assert repr(AsyncJetEmail(api_key="api_x")) == f"AsyncJetEmail(base_url={server_url()!r})"
    with pytest.raises(MissingApiKey):
        JetEmail()
    construct: Any = JetEmail  # keyword arguments only (mypy refuses a positional one too)
    with pytest.raises(TypeError):
        construct("api_positional")


@pytest.mark.parametrize("mode", MODES)
def test_a_closed_client_refuses_with_client_closed(mode: str, standin: StandIn) -> None:
    if mode == "sync":
        client = JetEmail(api_key=DEFAULT_API_KEY, base_url=standin.url)
        client.close()
        with pytest.raises(ClientClosed):
            client.outbound.smarthost.delete(**fields(SEED_USERS[0]))
    else:

        async def run() -> None:
            client = AsyncJetEmail(api_key=DEFAULT_API_KEY, base_url=standin.url)
            await client.aclose()
            with pytest.raises(ClientClosed):
                await client.outbound.smarthost.delete(**fields(SEED_USERS[0]))

        asyncio.run(run())
    assert standin.users == set(SEED_USERS)


def test_a_required_body_field_missing_is_a_type_error_naming_it() -> None:
    client, seen = recorded()
    required = next(iter(OPERATION.request_example))  # the body's one required field, by the spec

    with pytest.raises(TypeError, match=f"{type(REQUEST).__name__} needs {required}: pass {required}="):
        client.outbound.smarthost.delete()  # type: ignore[call-overload]

    assert seen == []  # refused before anything was sent
