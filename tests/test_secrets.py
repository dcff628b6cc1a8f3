"""The API key never shows: not in repr or str of client objects, not in errors, not in DEBUG logs."""

from __future__ import annotations

import asyncio
import json
import logging
import traceback

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.errors import JetEmailError

from tests.calls import OPERATION, REQUEST, TOKEN, VARIANTS, call, client_for, reply
from tests.spec_contract import wrong_type_value
from tools.standin import StandIn

SUCCESS = OPERATION.success
assert SUCCESS.schema is not None
FIELD, FIELD_SCHEMA = next(iter(SUCCESS.schema["properties"].items()))
WRONG_FIELD_TYPE = {**SUCCESS.example, FIELD: wrong_type_value(FIELD_SCHEMA)}


def assert_no_token(text: str) -> None:
    assert TOKEN not in text
    assert TOKEN[4:] not in text  # not even without its api_ prefix


def shown(client: AuthenticatedClient) -> str:
    return repr(client) + str(client)


@pytest.mark.parametrize("variant", VARIANTS)
def test_client_repr_and_str_never_show_the_token(variant: str) -> None:
    client = client_for(reply(SUCCESS.status, json.dumps(SUCCESS.example).encode()), headers={"X-Custom": "1"})
    assert_no_token(shown(client))

    call(variant, client)

    assert_no_token(shown(client))
    for copy in (client.with_headers({"X-Other": "2"}), client.with_cookies({"c": "1"}), client.with_timeout(None)):  # type: ignore[arg-type]
        assert_no_token(shown(copy))
    assert_no_token(repr(client.get_httpx_client().headers))  # httpx masks it too


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "handler",
    [
        reply(418, b"no"),
        reply(SUCCESS.status, b"<html>proxy</html>"),
        reply(SUCCESS.status, json.dumps(WRONG_FIELD_TYPE).encode()),
        lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)),
    ],
    ids=["unexpected status", "malformed body", "wrong field type", "transport failure"],
)
def test_errors_never_show_the_token(variant: str, handler: object) -> None:
    with pytest.raises(JetEmailError) as raised:
        call(variant, client_for(handler, retries=0))  # type: ignore[arg-type]

    assert_no_token("".join(traceback.format_exception(raised.value)) + repr(raised.value))


def test_debug_logs_of_a_real_retried_request_never_show_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    async def call_async(base_url: str) -> object:
        async with AuthenticatedClient(base_url=base_url, token=TOKEN) as client:
            return await endpoint.asyncio(client=client, body=REQUEST)

    with StandIn(api_key=TOKEN) as standin:
        standin.arm("unavailable", times=2)  # one retried 503 for each call
        with AuthenticatedClient(base_url=standin.url, token=TOKEN) as client:
            assert endpoint.sync(client=client, body=REQUEST) is not None
        assert asyncio.run(call_async(standin.url)) is not None
        assert standin.served[503] == 2

    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "httpx_retries"} <= loggers, loggers  # the logs did run at DEBUG
    assert_no_token(caplog.text + "".join(repr(record.__dict__) for record in caplog.records))
