"""Production defaults: finite timeouts, the spec's server, the API key from the environment, a
User-Agent of our own, unfollowed redirects, and the stock client API kept intact."""

from __future__ import annotations

import asyncio
import inspect
import re
import ssl
import sys
from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.client import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_TOTAL_SLEEP,
    RetryPolicy,
)
from jetemail_api_client.errors import MissingApiKey, TransportError, UnexpectedStatus

from scripts.generate import OUTPUT
from scripts.version_policy import built_version
from tests.support.calls import OPERATION, REQUEST, TOKEN, VARIANTS, Handler, call, client_for, either_client
from tests.support.spec_contract import SPEC, server_url
from tools.standin import StandIn

SUCCESS = OPERATION.success


def recorder() -> tuple[list[httpx.Request], Handler]:
    """A handler answering the documented success, and the requests it saw."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(SUCCESS.status, json=SUCCESS.example)

    return seen, handle


@pytest.mark.parametrize("client_class", [Client, AuthenticatedClient])
def test_default_timeout_is_finite_for_connect_and_read(client_class: type[Client | AuthenticatedClient]) -> None:
    client = client_class(token=TOKEN) if client_class is AuthenticatedClient else client_class()
    for timeout in (client.get_httpx_client().timeout, client.get_async_httpx_client().timeout):
        assert timeout == DEFAULT_TIMEOUT
        assert timeout.connect is not None and 0 < timeout.connect <= 10
        assert timeout.read is not None and 0 < timeout.read <= 60


def test_timeout_is_overridable_per_client_and_with_timeout() -> None:
    custom = httpx.Timeout(2.5)
    client = AuthenticatedClient(token=TOKEN, timeout=custom)
    assert client.get_httpx_client().timeout == custom
    assert client.with_timeout(httpx.Timeout(9.0)).get_async_httpx_client().timeout == httpx.Timeout(9.0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_base_url_defaults_to_the_specs_first_server(variant: str) -> None:
    seen, handle = recorder()
    client = AuthenticatedClient(token=TOKEN, httpx_args={"transport": httpx.MockTransport(handle)})

    call(variant, client)

    assert str(seen[0].url) == SPEC["servers"][0]["url"] + OPERATION.path


def test_token_comes_from_the_environment_when_not_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JETEMAIL_API_KEY", "api_from-environment")
    seen, handle = recorder()

    call("sync", AuthenticatedClient(httpx_args={"transport": httpx.MockTransport(handle)}))

    assert seen[0].headers["authorization"] == "Bearer api_from-environment"


@pytest.mark.parametrize("value", [None, ""])
def test_no_api_key_at_all_is_a_clear_error_when_the_client_is_built(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("JETEMAIL_API_KEY", raising=False)
    else:
        monkeypatch.setenv("JETEMAIL_API_KEY", value)
    with pytest.raises(MissingApiKey, match="JETEMAIL_API_KEY"):
        AuthenticatedClient()


@pytest.mark.parametrize("variant", VARIANTS)
def test_user_agent_names_the_sdk_its_version_python_and_httpx(variant: str) -> None:
    seen, handle = recorder()

    call(variant, client_for(handle))

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    expected = f"jetemail-api-client/{built_version()} python/{python} httpx/{httpx.__version__}"
    assert seen[0].headers["user-agent"] == expected
    assert re.fullmatch(r"jetemail-api-client/\S+ python/3\.\d+ httpx/\S+", expected)


@pytest.mark.parametrize("variant", VARIANTS)
def test_redirect_to_another_host_is_not_followed_and_never_gets_the_token(variant: str) -> None:
    hosts: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(307, headers={"location": "https://attacker.test/collect"})

    with pytest.raises(UnexpectedStatus) as raised:
        call(variant, client_for(handle))

    assert raised.value.status_code == 307
    assert hosts == [httpx.URL(server_url()).host]


def test_even_a_followed_cross_host_redirect_drops_the_token() -> None:
    received: dict[str, httpx.Headers] = {}

    def handle(request: httpx.Request) -> httpx.Response:
        received[request.url.host] = request.headers
        if request.url.host == "attacker.test":
            return httpx.Response(SUCCESS.status, json=SUCCESS.example)
        return httpx.Response(307, headers={"location": "https://attacker.test/collect"})

    call("sync", client_for(handle, follow_redirects=True))

    assert "authorization" in received[httpx.URL(server_url()).host]
    assert "authorization" not in received["attacker.test"]


def test_stock_client_api_is_kept_with_headers_set_httpx_client_and_httpx_args() -> None:
    seen, handle = recorder()
    hooked: list[httpx.Request] = []
    hooks = {"request": [hooked.append]}
    client = AuthenticatedClient(
        token=TOKEN, httpx_args={"transport": httpx.MockTransport(handle), "event_hooks": hooks}
    ).with_headers({"X-Trace": "t-1"})

    call("sync", client)
    assert seen[-1].headers["x-trace"] == "t-1"
    assert len(hooked) == 1

    own, own_handle = recorder()
    client.set_httpx_client(httpx.Client(base_url="https://elsewhere.test", transport=httpx.MockTransport(own_handle)))
    call("sync", client)
    assert own[-1].url.host == "elsewhere.test"


def test_the_package_readme_states_the_defaults_the_code_has() -> None:
    readme = (OUTPUT / "README.md").read_text(encoding="utf-8")
    assert f"**timeout**: {DEFAULT_TIMEOUT.connect:g} s to connect, {DEFAULT_TIMEOUT.read:g} s to read" in readme
    assert f"**retries**: {DEFAULT_RETRIES} retries" in readme
    assert f"`Retry-After` in seconds or as an HTTP date up to {RetryPolicy().max_retry_after:g} s" in readme
    backoff = RetryPolicy().backoff_factor
    assert f"full jitter (up to {backoff * 2:g} s, then\n  {backoff * 4:g} s)" in readme
    assert f"the sleeps of one call add up to {MAX_TOTAL_SLEEP:g} s at most" in readme
    assert f"**deadline**: {DEFAULT_DEADLINE:g} s for one attempt" in readme
    assert f"**max_response_bytes**: {DEFAULT_MAX_RESPONSE_BYTES // 2**20} MiB of body" in readme
    assert DEFAULT_MAX_RESPONSE_BYTES % 2**20 == 0


@pytest.mark.parametrize("exempt", [False, True])
def test_the_environment_proxy_is_honoured_unless_no_proxy_exempts_the_host(
    monkeypatch: pytest.MonkeyPatch, exempt: bool
) -> None:
    with StandIn(api_key=TOKEN) as proxy:  # the stand-in answers absolute-form requests: a proxy for http:// URLs
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        if exempt:
            monkeypatch.setenv("NO_PROXY", "jetemail.invalid")
        with AuthenticatedClient(base_url="http://api.jetemail.invalid", token=TOKEN, retries=0) as client:
            if exempt:  # straight to a host that does not exist
                with pytest.raises(TransportError):
                    call("sync", client)
            else:
                assert call("sync", client) is not None
                assert sum(proxy.served.values()) == 1


CLIENT_CLASSES = [Client, AuthenticatedClient]


def built(client_class: type[Client | AuthenticatedClient], **settings: object) -> Client | AuthenticatedClient:
    return either_client(client_class, **settings)  # type: ignore[no-any-return]


def pools(client: Client | AuthenticatedClient) -> list[Any]:
    """The httpcore pools the SDK built under its retrying and guarding transports, sync and async."""
    found = []
    for httpx_client in (client.get_httpx_client(), client.get_async_httpx_client()):
        transport: Any = httpx_client._transport
        found.append(transport._pool)
    return found


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_tls_is_verified_unless_turned_off(client_class: type[Client | AuthenticatedClient]) -> None:
    for pool in pools(built(client_class)):
        assert pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
        assert pool._ssl_context.check_hostname
    for pool in pools(built(client_class, verify_ssl=False)):
        assert pool._ssl_context.verify_mode == ssl.CERT_NONE


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_http2_and_limits_in_httpx_args_reach_the_pool(client_class: type[Client | AuthenticatedClient]) -> None:
    settings = {"httpx_args": {"http2": True, "limits": httpx.Limits(max_connections=3)}}
    for pool in pools(built(client_class, **settings)):
        assert pool._http2 and pool._max_connections == 3
    for pool in pools(built(client_class)):
        assert not pool._http2


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_a_proxy_in_httpx_args_is_used(client_class: type[Client | AuthenticatedClient]) -> None:
    for pool in pools(built(client_class, httpx_args={"proxy": "http://proxy.example:3128"})):  # env not consulted
        assert type(pool).__name__ in ("HTTPProxy", "AsyncHTTPProxy")
    for pool in pools(built(client_class, httpx_args={"trust_env": False})):
        assert type(pool).__name__ in ("ConnectionPool", "AsyncConnectionPool")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_every_setting_reaches_the_request(variant: str, client_class: type[Client | AuthenticatedClient]) -> None:
    seen, handle = recorder()
    client = built(
        client_class,
        base_url="https://api.example.test/v9",
        headers={"X-Trace": "t-1"},
        cookies={"session": "s-1"},
        timeout=httpx.Timeout(3.0, connect=1.0),
        follow_redirects=True,
        httpx_args={"transport": httpx.MockTransport(handle)},
    )

    call(variant, client)  # type: ignore[arg-type]

    request = seen[0]
    assert str(request.url) == "https://api.example.test/v9" + OPERATION.path
    assert request.headers["x-trace"] == "t-1" and request.headers["cookie"] == "session=s-1"
    assert request.extensions["timeout"]["connect"] == 1.0 and request.extensions["timeout"]["read"] == 3.0
    assert ("authorization" in request.headers) == (client_class is AuthenticatedClient)
    httpx_client = client.get_httpx_client() if variant.startswith("sync") else client.get_async_httpx_client()
    assert httpx_client.follow_redirects
    assert not built(client_class).get_httpx_client().follow_redirects


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_with_headers_cookies_and_timeout_return_independent_copies(
    client_class: type[Client | AuthenticatedClient],
) -> None:
    seen, handle = recorder()
    original = built(client_class, httpx_args={"transport": httpx.MockTransport(handle)})
    for variant in ("sync", "asyncio"):  # both httpx clients of the original exist before the copies are made
        call(variant, original)  # type: ignore[arg-type]
    copies = [
        original.with_headers({"X-Copy": "1"}),
        original.with_cookies({"copy": "1"}),
        original.with_timeout(httpx.Timeout(1.5)),
    ]
    for copy in copies:
        for variant in ("sync", "asyncio"):
            call(variant, copy)  # type: ignore[arg-type]
    copied = seen[2:]
    for variant in ("sync", "asyncio"):
        call(variant, original)  # type: ignore[arg-type]

    assert [request.headers.get("x-copy") for request in copied[:2]] == ["1", "1"]
    assert [request.headers.get("cookie") for request in copied[2:4]] == ["copy=1", "copy=1"]
    assert [request.extensions["timeout"]["read"] for request in copied[4:]] == [1.5, 1.5]
    for request in seen[-2:]:  # the original, unchanged
        assert "x-copy" not in request.headers and "cookie" not in request.headers
        assert request.extensions["timeout"]["read"] == DEFAULT_TIMEOUT.read


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_the_constructors_take_keyword_arguments_only(client_class: type[Client | AuthenticatedClient]) -> None:
    parameters = list(inspect.signature(client_class).parameters.values())
    assert [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY] == []
    names = {p.name for p in parameters}
    settings = {"base_url", "cookies", "headers", "timeout", "retries", "deadline", "max_response_bytes", "httpx_args"}
    assert settings <= names
    assert not {"_client", "_async_client", "_lock", "_built_for", "additional_properties"} & names
    # a key passed positionally (the stock generator's first argument is base_url) never lands in base_url or repr
    construct: Any = client_class  # mypy refuses the call too ("too many positional arguments")
    with pytest.raises(TypeError) as refused:
        construct(TOKEN)
    assert TOKEN not in str(refused.value)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_repr_leaves_out_what_may_hold_secrets_and_clients_of_equal_settings_are_equal(
    client_class: type[Client | AuthenticatedClient],
) -> None:
    proxy = "http://user:proxy-secret@proxy.example:3128"
    settings: dict[str, Any] = {
        "headers": {"X-Secret": "header-secret"},
        "cookies": {"session": "cookie-secret"},
        "httpx_args": {"proxy": proxy, "trust_env": False},
    }
    client = built(client_class, **settings)
    client.get_httpx_client()  # built: its lock and the record of what it was built for exist
    shown = repr(client)
    assert "header-secret" not in shown and "cookie-secret" not in shown and "proxy-secret" not in shown
    assert built(client_class, **settings) == built(client_class, **settings)


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_entering_returns_the_client_and_a_given_httpx_client_is_kept_as_given(
    client_class: type[Client | AuthenticatedClient],
) -> None:
    client = built(client_class)
    with client as entered:
        assert entered is client

    async def enter() -> None:
        async with client as entered_async:
            assert entered_async is client

    asyncio.run(enter())

    seen, handle = recorder()
    own = httpx.Client(base_url="https://elsewhere.test", transport=httpx.MockTransport(handle))
    own_async = httpx.AsyncClient(base_url="https://elsewhere.test", transport=httpx.MockTransport(handle))
    given = built(client_class)
    assert given.set_httpx_client(own) is given and given.set_async_httpx_client(own_async) is given
    assert given.get_httpx_client() is own
    for _ in range(2):  # two event loops: the caller's client is the caller's to manage, never replaced
        call("asyncio", given)  # type: ignore[arg-type]
        assert given.get_async_httpx_client() is own_async
    assert [request.url.host for request in seen] == ["elsewhere.test"] * 2


@pytest.mark.parametrize("client_class", CLIENT_CLASSES)
def test_an_async_client_built_outside_any_loop_follows_the_loops_that_use_it(
    client_class: type[Client | AuthenticatedClient],
) -> None:
    _, handle = recorder()
    client = built(client_class, httpx_args={"transport": httpx.MockTransport(handle)})
    outside = client.get_async_httpx_client()  # no running loop: the first loop to call adopts it

    async def current() -> httpx.AsyncClient:
        await endpoint.asyncio(client=client, body=REQUEST)
        return client.get_async_httpx_client()

    first, second = asyncio.run(current()), asyncio.run(current())
    assert first is outside and second is not first
