"""What an adversarial review of JetEmail and AsyncJetEmail found, each kept fixed: closing twice or before use,
a wrong body or http_client, framing headers, a client closed by another thread, the key in an error's cause, a
password in repr, a base URL that would swallow the path, and log lines a server could forge. (An undecodable
body, also found then, is tested for both client classes in tests/sdk/test_client_lifecycle.py.)"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import textwrap
from typing import Any

import httpx
import pytest
from jetemail_api_client import AsyncJetEmail, AuthenticatedClient, JetEmail
from jetemail_api_client.client import LOG_ENVIRONMENT_VARIABLE
from jetemail_api_client.errors import (
    ClientClosed,
    InvalidSetting,
    SchemaViolation,
    TransportError,
)

from tests.support.calls import OPERATION, TOKEN, call, client_for, fields

ANSWER = httpx.Response(OPERATION.success.status, json=OPERATION.success.example)


def answered(handler: Any = None) -> tuple[JetEmail, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request) if handler else httpx.Response(ANSWER.status_code, content=ANSWER.content)

    return JetEmail(api_key=TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(record))), seen


def test_closing_twice_or_before_any_call_is_quiet_and_builds_nothing() -> None:
    client = JetEmail(api_key=TOKEN)
    client.close()
    client.close()
    assert client._client._client is None  # no httpx client was built just to be closed
    with pytest.raises(ClientClosed), JetEmail(api_key=TOKEN) as inside:
        inside.close()  # leaving the block closes again: nothing more
        inside.outbound.smarthost.delete(**fields("a"))

    async def twice() -> None:
        async_client = AsyncJetEmail(api_key=TOKEN)
        await async_client.aclose()
        await async_client.aclose()
        with pytest.raises(ClientClosed):
            await async_client.outbound.smarthost.delete(**fields("a"))

    asyncio.run(twice())


def test_aclose_from_a_later_loop_closes_the_pool_that_was_used() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(ANSWER.status_code, content=ANSWER.content))
    client = AsyncJetEmail(api_key=TOKEN)
    client._client._httpx_args["transport"] = transport
    asyncio.run(client.outbound.smarthost.delete(**fields("a")))
    used = client._client._async_client
    assert used is not None
    asyncio.run(client.aclose())
    assert used.is_closed


@pytest.mark.parametrize("body", [None, {"username": "a"}, "a"])
def test_a_body_that_is_not_the_model_is_a_type_error_before_sending(body: object) -> None:
    client, seen = answered()
    method: Any = client.outbound.smarthost.delete
    with pytest.raises(TypeError, match="body must be"):
        method(body=body)
    assert seen == []


@pytest.mark.parametrize(
    "extra_headers",
    ["abc", [("X-A", "secret-value")], {"Content-Length": "3"}, {"transfer-encoding": "chunked"}, {"Host": "x"}],
)
def test_extra_headers_that_are_not_a_mapping_or_would_reframe_the_body_are_refused(extra_headers: Any) -> None:
    client, seen = answered()
    with pytest.raises(SchemaViolation) as refused:
        client.outbound.smarthost.delete(**fields("a"), extra_headers=extra_headers)
    assert "secret-value" not in str(refused.value)
    assert seen == []


def test_an_http_client_of_the_other_kind_is_refused_at_construction() -> None:
    with pytest.raises(InvalidSetting, match=r"httpx\.Client"):
        JetEmail(api_key=TOKEN, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(InvalidSetting, match=r"httpx\.AsyncClient"):
        AsyncJetEmail(api_key=TOKEN, http_client=httpx.Client())  # type: ignore[arg-type]


def test_a_caller_client_closed_by_another_thread_mid_call_is_client_closed() -> None:
    class ClosedOnSend(httpx.Client):
        def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
            self.close()  # another thread got there first
            return super().send(request, **kwargs)

    client = JetEmail(api_key=TOKEN, http_client=ClosedOnSend(transport=httpx.MockTransport(lambda r: ANSWER)))
    with pytest.raises(ClientClosed):
        client.outbound.smarthost.delete(**fields("a"))


def test_the_httpx_error_behind_a_transport_error_has_its_key_redacted_too() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(TransportError) as raised:
        call("sync", client_for(refuse, retries=0))
    cause = raised.value.__cause__
    assert isinstance(cause, httpx.ConnectError)
    assert cause.request.headers["authorization"] == "[redacted]"


def test_a_password_in_the_base_url_is_never_shown() -> None:
    url = "https://user:pass-word-1@api.example.test"
    for shown in (repr(JetEmail(api_key=TOKEN, base_url=url)), repr(AuthenticatedClient(token=TOKEN, base_url=url))):
        assert "pass-word-1" not in shown and "[redacted]" in shown


@pytest.mark.parametrize("base_url", ["", "https://api.example.test/v1?x=1", "https://api.example.test/v1#frag"])
def test_a_base_url_that_is_empty_or_would_swallow_the_path_is_refused(base_url: str) -> None:
    with pytest.raises(InvalidSetting, match="base_url"):
        JetEmail(api_key=TOKEN, base_url=base_url)


def test_the_environment_proxy_is_not_checked_for_a_caller_owned_http_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "not a url")
    with pytest.raises(InvalidSetting):
        JetEmail(api_key=TOKEN)
    client, seen = answered()
    client.outbound.smarthost.delete(**fields("a"))
    assert len(seen) == 1


def test_a_redirect_cannot_forge_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="jetemail_api_client")
    forged = "/x%0A[2099-01-01 jetemail_api_client INFO] FAKE%0D"
    replies = iter([httpx.Response(307, headers={"Location": forged}), httpx.Response(503), ANSWER])
    client = client_for(lambda request: next(replies), follow_redirects=True)
    call("sync", client)
    messages = [record.getMessage() for record in caplog.records if record.name.startswith("jetemail_api_client")]
    assert any("%0A" in message for message in messages)
    assert not any("\n" in message or "\r" in message for message in messages)


def test_jetemail_log_writes_each_line_once_whatever_the_application_configured() -> None:
    script = textwrap.dedent(
        """
        import importlib, logging
        logging.basicConfig(level=logging.DEBUG)
        import jetemail_api_client.client as client
        importlib.reload(client)  # a second import of the module adds no second handler
        logging.getLogger("jetemail_api_client.client").info("one line")
        """
    )
    env = {**os.environ, LOG_ENVIRONMENT_VARIABLE: "info", "PYTHONPATH": "generated"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stderr.count("one line") == 1, result.stderr
