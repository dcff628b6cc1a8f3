"""The SDK's logs and the attempts its errors count: DEBUG for each attempt, INFO for each retry, never a header
or the key; JETEMAIL_LOG switches them on without the application configuring logging."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import httpx
import pytest
from jetemail_api_client import JetEmail
from jetemail_api_client.client import DEFAULT_RETRIES, LOG_ENVIRONMENT_VARIABLE
from jetemail_api_client.errors import RequestTimeout, RetryAfterTooLong, TransportError, UnexpectedStatus

from tests.support.calls import OPERATION, TOKEN, VARIANTS, call, client_for, fields
from tools.standin import DEFAULT_API_KEY, FAULT_HEADER, SEED_USERS, StandIn

PACKAGE_LOGGER = "jetemail_api_client"
UNAVAILABLE = 503  # retried by the SDK, documented by the operation or not
ROUTE = f"{OPERATION.method} {OPERATION.path}"


def answers(*statuses: int) -> Iterator[httpx.Response]:
    for status in statuses:
        yield httpx.Response(status, json=OPERATION.response(status).example if status in OPERATION.statuses else {})


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger=PACKAGE_LOGGER)
    return caplog


def sdk_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name.startswith(PACKAGE_LOGGER)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_attempt_is_logged_at_debug_and_each_retry_at_info(variant: str, logs: pytest.LogCaptureFixture) -> None:
    replies = answers(UNAVAILABLE, OPERATION.success.status)
    call(variant, client_for(lambda request: next(replies)))

    lines = [(record.levelno, record.getMessage()) for record in sdk_records(logs)]
    most = DEFAULT_RETRIES + 1
    assert [level for level, _ in lines] == [logging.DEBUG, logging.INFO, logging.DEBUG]
    assert lines[0][1].startswith(f"{ROUTE} -> {UNAVAILABLE}, attempt 1/{most}, ")
    assert lines[1][1].startswith(f"retrying {ROUTE} in ")
    assert lines[1][1].endswith(f" s after {UNAVAILABLE}, attempt 2/{most}")
    assert lines[2][1].startswith(f"{ROUTE} -> {OPERATION.success.status}, attempt 2/{most}, ")
    assert all(TOKEN not in message for _, message in lines)


@pytest.mark.parametrize("bound", [True, False], ids=["error bound to its request", "error with no request"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_failed_attempt_is_logged_by_its_kind(variant: str, bound: bool, logs: pytest.LogCaptureFixture) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:  # a transport may raise before binding the request
        raise httpx.ConnectError("connection refused", **({"request": request} if bound else {}))

    with pytest.raises(TransportError) as raised:
        call(variant, client_for(refuse))

    messages = [record.getMessage() for record in sdk_records(logs)]
    assert messages[0].startswith(f"{ROUTE} -> ConnectError, attempt 1/{DEFAULT_RETRIES + 1}, ")
    assert f"after ConnectError, attempt 2/{DEFAULT_RETRIES + 1}" in messages[1]
    assert raised.value.attempts == DEFAULT_RETRIES + 1


@pytest.mark.parametrize("variant", VARIANTS)
def test_errors_count_the_attempts_the_call_made(variant: str) -> None:
    undocumented = next(status for status in (UNAVAILABLE, 502, 504) if status not in OPERATION.statuses)
    with pytest.raises(UnexpectedStatus) as exhausted:
        call(variant, client_for(lambda request: httpx.Response(undocumented)))
    assert exhausted.value.attempts == DEFAULT_RETRIES + 1

    with pytest.raises(UnexpectedStatus) as once:
        call(variant, client_for(lambda request: httpx.Response(undocumented), retries=0))
    assert once.value.attempts == 1

    with pytest.raises(RetryAfterTooLong) as waited:
        call(variant, client_for(lambda request: httpx.Response(UNAVAILABLE, headers={"Retry-After": "999"})))
    assert waited.value.attempts == 1

    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("", request=request)

    with pytest.raises(RequestTimeout) as timed_out:
        call(variant, client_for(timeout))
    assert timed_out.value.attempts == 1  # a read timeout is not retried


@pytest.mark.parametrize("level", ["debug", "info", "INFO "])
def test_jetemail_log_writes_the_sdks_logs_to_stderr(level: str) -> None:
    script = textwrap.dedent(
        f"""
        import jetemail_api_client._base_client
        jetemail_api_client._base_client.sleep = lambda seconds: None  # backoffs not slept
        from jetemail_api_client import JetEmail
        from tools.standin import StandIn
        with StandIn() as server, JetEmail(api_key={DEFAULT_API_KEY!r}, base_url=server.url) as client:
            server.arm("unavailable")
            client.outbound.smarthost.delete(**{fields(SEED_USERS[0])!r})
        """
    )
    env = {**os.environ, LOG_ENVIRONMENT_VARIABLE: level, "PYTHONPATH": os.pathsep.join(["generated", "."])}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert f"INFO] retrying {ROUTE} in " in result.stderr
    assert (f"DEBUG] {ROUTE} -> 503, attempt 1/{DEFAULT_RETRIES + 1}" in result.stderr) == (level == "debug")
    assert DEFAULT_API_KEY not in result.stderr and result.stdout == ""


def test_without_jetemail_log_the_sdk_leaves_logging_alone() -> None:
    env = {k: v for k, v in os.environ.items() if k != LOG_ENVIRONMENT_VARIABLE}
    script = "import logging, jetemail_api_client; print(logging.getLogger('jetemail_api_client').handlers)"
    env["PYTHONPATH"] = "generated"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_standin_retry_over_loopback_counts_attempts() -> None:
    with (
        StandIn() as server,
        JetEmail(api_key=DEFAULT_API_KEY, base_url=server.url, retries=1) as client,
        pytest.raises(UnexpectedStatus) as raised,
    ):
        client.outbound.smarthost.delete(**fields(SEED_USERS[0]), extra_headers={FAULT_HEADER: "unavailable"})
    assert raised.value.attempts == 2


def test_a_method_the_sdk_never_retries_counts_one_attempt_in_all(logs: pytest.LogCaptureFixture) -> None:
    client = client_for(lambda request: httpx.Response(UNAVAILABLE))

    client._send({"method": "POST", "url": OPERATION.path})  # POST is not idempotent: never retried

    (line,) = [record.getMessage() for record in sdk_records(logs)]
    assert line.startswith(f"POST {OPERATION.path} -> {UNAVAILABLE}, attempt 1/1, ")
