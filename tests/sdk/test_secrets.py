"""The API key never shows: not in repr or str of client objects, not in errors, not in DEBUG logs."""

from __future__ import annotations

import asyncio
import json
import logging
import pickle
import traceback

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, JetEmail
from jetemail_api_client.api.outbound import delete_outbound_smarthost as endpoint
from jetemail_api_client.client import API_KEY_ENVIRONMENT_VARIABLE, safe_url
from jetemail_api_client.errors import InvalidApiKey, JetEmailError, MissingApiKey

from tests.support.calls import OPERATION, REQUEST, TOKEN, VARIANTS, call, client_for, reply
from tests.support.spec_contract import wrong_type_value
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


def fail_with(error: type[httpx.TransportError]) -> object:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error("failed", request=request)

    return fail


def everything_shown(error: BaseException) -> str:
    """What reaches a log, a crash report or another process: str, repr, the formatted chain, the pickle."""
    return "".join(traceback.format_exception(error)) + repr(error) + str(error) + repr(pickle.dumps(error))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("header", ["Authorization", "X-Api-Key"])
@pytest.mark.parametrize(
    ("handler", "settings"),
    [
        (reply(418, b"no"), {}),
        (reply(SUCCESS.status, b"<html>proxy</html>"), {}),
        (reply(SUCCESS.status, json.dumps(WRONG_FIELD_TYPE).encode()), {}),
        (fail_with(httpx.ConnectError), {}),
        (fail_with(httpx.ReadTimeout), {}),
        (fail_with(httpx.RemoteProtocolError), {}),
        (reply(SUCCESS.status, b" " * 100), {"max_response_bytes": 10}),
        (reply(429, b"", {"Retry-After": "100000"}), {"retries": 1}),
        (reply(303, b"", {"Location": "/elsewhere"}), {"follow_redirects": True}),
    ],
    ids=[
        "unexpected status",
        "malformed body",
        "wrong field type",
        "transport failure",
        "timeout",
        "protocol error",
        "too large",
        "retry-after too long",
        "refused redirect",
    ],
)
def test_errors_never_show_the_token(variant: str, header: str, handler: object, settings: dict[str, object]) -> None:
    settings = {"retries": 0, **settings}
    with pytest.raises(JetEmailError) as raised:
        call(variant, client_for(handler, auth_header_name=header, cookies={"session": TOKEN}, **settings))  # type: ignore[arg-type]

    assert_no_token(everything_shown(raised.value))
    request = getattr(raised.value, "_request", None)  # a transport error's request: its credentials redacted
    if request is not None:
        assert request.headers[header] == request.headers["Cookie"] == "[redacted]"


ODD_KEYS = {
    "trailing newline": TOKEN + "\n",
    "CRLF": TOKEN + "\r\n",
    "NUL": TOKEN[:6] + "\0" + TOKEN[6:],
    "leading space": " " + TOKEN,
    "trailing space": TOKEN + " ",
    "inner space": TOKEN[:6] + " " + TOKEN[6:],
    "curly quote": TOKEN + "\u2019",
    "non-ASCII letter": TOKEN + "\u00e9",
}


@pytest.mark.parametrize("key", ODD_KEYS.values(), ids=ODD_KEYS.keys())
def test_an_odd_key_is_refused_at_construction_without_being_shown(key: str) -> None:
    with pytest.raises(InvalidApiKey) as raised:
        AuthenticatedClient(token=key)

    assert_no_token(everything_shown(raised.value))
    assert "pasted" in str(raised.value)


@pytest.mark.parametrize(
    ("key", "said"),
    [
        (None, "must be the API key as a str, not NoneType"),
        ("", "is empty"),
        (b"api_bytes-key", "must be the API key as a str, not bytes"),
    ],
    ids=["None", "empty", "bytes"],
)
def test_a_key_that_is_no_text_is_refused_naming_the_parameter_of_the_class_called(key: object, said: str) -> None:
    with pytest.raises(InvalidApiKey, match=f"^token {said}"):
        AuthenticatedClient(token=key)  # type: ignore[arg-type]
    if key is not None:  # None is JetEmail's "take it from the environment"
        with pytest.raises(InvalidApiKey, match=f"^api_key {said}"):
            JetEmail(api_key=key)  # type: ignore[arg-type]


def test_a_missing_key_names_the_parameter_of_the_class_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(API_KEY_ENVIRONMENT_VARIABLE, raising=False)
    with pytest.raises(MissingApiKey, match="pass token="):
        AuthenticatedClient()
    with pytest.raises(MissingApiKey, match="pass api_key="):
        JetEmail()


@pytest.mark.parametrize("key", [TOKEN + " ", TOKEN + "\u2019"], ids=["trailing space", "curly quote"])
def test_an_odd_key_from_the_environment_is_refused_too(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, key)
    with pytest.raises(InvalidApiKey) as raised:
        AuthenticatedClient()
    assert_no_token(everything_shown(raised.value))


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
    assert {"httpx", "httpcore"} <= loggers, loggers  # the logs did run at DEBUG
    assert_no_token(caplog.text + "".join(repr(record.__dict__) for record in caplog.records))


def test_a_url_is_shown_with_only_its_password_redacted() -> None:
    assert safe_url("https://ops:s3cret@api.example.test/v1") == "https://ops:[redacted]@api.example.test/v1"
    assert safe_url("https://ops:s3cret@h.test/ops:s3cret@x") == "https://ops:[redacted]@h.test/ops:s3cret@x"
    assert safe_url("https://ops@h.test/") == "https://ops@h.test/"
    assert safe_url("https://[::1") == "[an invalid URL]"  # httpx cannot read it: nothing of it is shown
