"""One error hierarchy: every failure is a typed JetEmailError that keeps status, headers and raw body."""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest
from jetemail_api_client import AuthenticatedClient, Client, errors
from jetemail_api_client.errors import (
    JetEmailError,
    MalformedResponse,
    RequestTimeout,
    ResponseError,
    SchemaViolation,
    TransportError,
    UnexpectedStatus,
)

from tests.support.calls import OPERATION, VARIANTS, call, client_for, either_client, parsed, reply
from tests.support.spec_contract import model, python_name, server_url, wrong_type_value

WITH_SCHEMA = tuple(response for response in OPERATION.responses if response.schema is not None)
# Bodies no documented JSON schema admits: not JSON, empty, not UTF-8, JSON but not an object.
NOT_AN_OBJECT = {
    "html": b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    "empty": b"",
    "not utf-8": b"\xff\xfe\x00garbage",
    "array": b"[1, 2]",
    "empty array": b"[]",  # dict([]) is {}: once read as a success with every field unset
    "array of pairs": b'[["success", true]]',  # dict() of it is an object
    "null": b"null",
    "string": b'"ok"',
    "empty string": b'""',
    "number": b"42",
}


def wrong_field_types() -> list[tuple[int, str, bytes]]:
    """For each documented status, each declared field given a value of another JSON type."""
    cases = []
    for response in WITH_SCHEMA:
        assert response.schema is not None
        for field, schema in response.schema.get("properties", {}).items():
            body = {**response.example, field: wrong_type_value(schema)}
            cases.append((response.status, field, json.dumps(body).encode()))
    return cases


def assert_keeps_the_response(error: ResponseError, status: int, content: bytes) -> None:
    assert error.status_code == status
    assert error.content == content
    assert error.headers["x-request-id"] == "req-42"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("status", [response.status for response in WITH_SCHEMA])
@pytest.mark.parametrize("kind", NOT_AN_OBJECT)
def test_body_that_is_no_json_object_is_a_malformed_response(status: int, kind: str, variant: str) -> None:
    content = NOT_AN_OBJECT[kind]
    headers = {"content-type": "text/html" if kind == "html" else "application/json", "x-request-id": "req-42"}

    with pytest.raises(MalformedResponse) as raised:
        call(variant, client_for(reply(status, content, headers)))

    assert_keeps_the_response(raised.value, status, content)
    assert isinstance(raised.value.__cause__, errors.PARSE_FAILURES)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("status", "field", "content"), wrong_field_types())
def test_field_of_the_wrong_json_type_is_a_malformed_response(
    status: int, field: str, content: bytes, variant: str
) -> None:
    with pytest.raises(MalformedResponse) as raised:
        call(variant, client_for(reply(status, content, {"x-request-id": "req-42"})))

    assert_keeps_the_response(raised.value, status, content)
    documented = next(response for response in WITH_SCHEMA if response.status == status)
    kind = model(documented.model_name or "").field_types[field].kind
    if kind in ("str", "int", "float", "bool"):  # a JSON primitive: the field's own type check names it
        assert isinstance(raised.value.__cause__, SchemaViolation)
        assert python_name(documented.model_name or "", field) in str(raised.value)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("status", [520, 499, 299, 103, 599])
def test_any_status_code_is_handled_registered_or_not(status: int, variant: str) -> None:
    with pytest.raises(UnexpectedStatus) as raised:
        call(variant, client_for(reply(status, b"oops", {"x-request-id": "req-42"})))
    assert_keeps_the_response(raised.value, status, b"oops")

    result = call(variant, client_for(reply(status, b"oops"), raise_on_unexpected_status=False))
    assert parsed(variant, result) is None
    if variant.endswith("_detailed"):
        assert result.status_code == status


@pytest.mark.parametrize("variant", VARIANTS)
def test_undocumented_status_raises_by_default(variant: str) -> None:
    undocumented = 418
    assert undocumented not in OPERATION.statuses
    with pytest.raises(UnexpectedStatus) as raised:
        call(variant, client_for(reply(undocumented, b"teapot", {"x-request-id": "req-42"})))
    assert_keeps_the_response(raised.value, undocumented, b"teapot")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (httpx.ConnectError("connection refused"), TransportError),
        (httpx.RemoteProtocolError("server disconnected"), TransportError),
        (httpx.ReadTimeout("timed out"), RequestTimeout),
        (httpx.ConnectTimeout("timed out"), RequestTimeout),
    ],
)
def test_transport_failures_are_sdk_errors_and_still_httpx_errors(
    failure: httpx.TransportError, expected: type[TransportError], variant: str
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(expected) as raised:
        call(variant, client_for(fail))

    assert raised.value.__cause__ is failure
    assert isinstance(raised.value, httpx.TransportError)  # code catching httpx errors keeps working
    assert isinstance(raised.value, httpx.TimeoutException) == isinstance(failure, httpx.TimeoutException)
    assert raised.value.request.url.path == OPERATION.path


def test_every_sdk_error_derives_from_one_base() -> None:
    exported = [getattr(errors, name) for name in errors.__all__]
    classes = [value for value in exported if isinstance(value, type) and issubclass(value, BaseException)]
    assert len(classes) >= 7
    assert all(issubclass(cls, JetEmailError) for cls in classes)


def test_error_message_names_status_and_shows_a_bounded_body_preview() -> None:
    error = UnexpectedStatus(520, b"x" * 10_000)
    assert "520" in str(error)
    assert len(str(error)) < 400


# One of each error a call can raise: a handler, and the client's settings that make the call raise it.
PROVOKED = {
    "unexpected status": (reply(418, b"teapot", {"x-request-id": "req-42"}), {}),
    "malformed": (reply(OPERATION.success.status, b"<html>", {"x-request-id": "req-42"}), {}),
    "too large": (reply(OPERATION.success.status, b" " * 50, {"x-request-id": "req-42"}), {"max_response_bytes": 10}),
    "retry-after": (reply(429, b"", {"Retry-After": "99999", "x-request-id": "req-42"}), {"retries": 1}),
    "redirect": (reply(303, b"", {"Location": "/x", "x-request-id": "req-42"}), {"follow_redirects": True}),
    "timeout": (lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("", request=request)), {"retries": 0}),
}


def provoked(kind: str) -> JetEmailError:
    handler, settings = PROVOKED[kind]
    with pytest.raises(JetEmailError) as error:
        call("sync", client_for(handler, **settings))  # type: ignore[arg-type]
    return error.value


def state(error: BaseException) -> tuple[object, ...]:
    kept = {key: value for key, value in vars(error).items() if key != "_request"}
    request = getattr(error, "_request", None)
    return (
        type(error),
        str(error),
        repr(kept),
        request and (request.method, str(request.url), list(request.headers.items())),
    )


@pytest.mark.parametrize("kind", PROVOKED)
def test_every_error_survives_pickle_and_copy_with_status_headers_and_content(kind: str) -> None:
    error = provoked(kind)
    for travelled in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert state(travelled) == state(error)
        if isinstance(error, ResponseError):
            assert isinstance(travelled, ResponseError)
            assert (travelled.status_code, travelled.content, travelled.detail) == (
                error.status_code,
                error.content,
                error.detail,
            )
            assert travelled.headers["x-request-id"] == "req-42"


def raise_in_worker(status: int) -> None:
    raise UnexpectedStatus(status, b"from a worker", {"x-request-id": "req-42"})


def test_an_error_raised_in_a_process_pool_worker_reaches_the_caller_whole() -> None:
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        futures = [pool.submit(raise_in_worker, status) for status in (418, 520)]
        for future, status in zip(futures, (418, 520), strict=True):
            error = future.exception(timeout=60)
            assert isinstance(error, UnexpectedStatus)
            assert (error.status_code, error.content, error.headers["x-request-id"]) == (
                status,
                b"from a worker",
                "req-42",
            )


def test_an_async_timeout_says_what_happened() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("", request=request)  # what anyio's timeouts leave: no text

    with pytest.raises(RequestTimeout) as raised:
        call("asyncio", client_for(fail, retries=0))
    assert str(raised.value) == "ReadTimeout: no response within the timeout"


def test_a_transport_error_raised_before_any_request_was_bound_still_converts() -> None:
    error = errors.transport_error(httpx.ConnectError("refused"))  # httpx's error.request would raise here

    assert isinstance(error, TransportError) and str(error) == "ConnectError: refused"
    with pytest.raises(RuntimeError):
        error.request  # noqa: B018 (httpx raises when no request was bound)


def test_each_response_error_says_what_it_is_first() -> None:
    kinds = {value for value in vars(errors).values() if isinstance(value, type) and issubclass(value, ResponseError)}
    summaries = {kind: kind.summary for kind in kinds}
    assert len(set(summaries.values())) == len(kinds)  # no two kinds read alike
    for kind, summary in summaries.items():
        assert str(kind(520, b"x")).startswith(f"{summary} 520")


@pytest.mark.parametrize("client_class", [Client, AuthenticatedClient])
@pytest.mark.parametrize("variant", VARIANTS)
def test_either_client_raises_the_sdks_errors(client_class: type, variant: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    settings: dict[str, Any] = {"base_url": server_url(), "retries": 0, "cookies": {"session": "cookie-secret"}}
    for handler, expected in ((fail, TransportError), (reply(418, b"teapot"), UnexpectedStatus)):
        settings["httpx_args"] = {"transport": httpx.MockTransport(handler)}
        client = either_client(client_class, **settings)
        with pytest.raises(expected) as raised:
            call(variant, client)
        request = getattr(raised.value, "_request", None)
        assert request is None or request.headers["Cookie"] == "[redacted]"


def test_errors_count_one_attempt_unless_told_and_settings_errors_none() -> None:
    """`attempts` defaults: a response or transport error stands for one attempt unless the count says more; an
    error raised before anything was sent (a setting, the key) stands for none."""
    assert errors.InvalidSetting("bad").attempts == 0 and errors.MissingApiKey("none").attempts == 0
    assert UnexpectedStatus(500, b"").attempts == 1
    assert errors.RetryAfterTooLong(429, b"", retry_after=90.0).attempts == 1
    request = httpx.Request("DELETE", server_url())
    assert errors.transport_error(httpx.ConnectError("refused", request=request)).attempts == 1
    assert errors.attempts_of(request) == 1  # not counted: one
    assert errors.attempts_of(httpx.Response(200)) == 1  # no request bound
    request.extensions[errors.ATTEMPT_EXTENSION] = 3
    assert errors.attempts_of(httpx.Response(200, request=request)) == 3


NAMED = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    422: errors.UnprocessableEntityError,
    429: errors.RateLimitError,
}


@pytest.mark.parametrize("status", [*NAMED, 402, 418, 499, 500, 503, 520, 599])
def test_a_status_error_is_of_the_class_that_names_its_status(status: int) -> None:
    parsed = object()
    error = errors.status_error(status, b"{}", {"X-Request-Id": "req-7"}, attempts=3, parsed=parsed)

    expected = errors.InternalServerError if status >= 500 else NAMED.get(status, errors.APIStatusError)
    assert type(error) is expected and isinstance(error, UnexpectedStatus)  # UnexpectedStatus is the base's old name
    assert (error.status_code, error.request_id, error.attempts, error.parsed) == (status, "req-7", 3, parsed)
    assert error.detail == "" and "does not document" in errors.status_error(status, b"", documented=False).detail
    assert errors.status_error(status, b"").request_id is None and errors.status_error(status, b"").attempts == 1
