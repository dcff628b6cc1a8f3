"""Retries: DELETE is idempotent, so connection errors, 429, 502, 503 and 504 are retried with
exponential backoff and jitter, honouring Retry-After up to a cap. Sleeps are recorded, not slept
(the autouse `sleeps` fixture)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import format_datetime
from types import SimpleNamespace

import httpx
import jetemail_api_client._retries
import pytest
from jetemail_api_client.client import DEFAULT_RETRIES, MAX_TOTAL_SLEEP, RetryPolicy
from jetemail_api_client.errors import InvalidSetting, RetryAfterTooLong, TransportError, UnexpectedStatus

from tests.support.calls import OPERATION, VARIANTS, Handler, call, client_for, parsed
from tests.support.spec_values import meaning

SUCCESS = OPERATION.success
RETRIED_STATUSES = (429, 502, 503, 504)
CAP = RetryPolicy().max_retry_after


def script(*steps: int | Exception, headers: dict[str, str] | None = None) -> tuple[list[int], Handler]:
    """A handler playing `steps` in order (a status, or an exception to raise); the last repeats."""
    attempts: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        step = steps[min(len(attempts), len(steps) - 1)]
        attempts.append(len(attempts) + 1)
        if isinstance(step, Exception):
            raise step
        if step in OPERATION.statuses:  # a documented status answers with its documented body (and the headers)
            return httpx.Response(step, headers=headers, json=OPERATION.response(step).example)
        return httpx.Response(step, headers=headers, content=b"busy")

    return attempts, handle


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("status", RETRIED_STATUSES)
def test_retryable_status_is_retried_then_succeeds(status: int, variant: str, sleeps: list[float]) -> None:
    attempts, handle = script(status, status, SUCCESS.status)

    result = call(variant, client_for(handle))

    assert meaning(parsed(variant, result).to_dict(), SUCCESS.schema) == meaning(SUCCESS.example, SUCCESS.schema)
    assert len(attempts) == 3
    assert len(sleeps) == 2
    for retry_number, slept in enumerate(sleeps, start=1):  # exponential backoff, full jitter
        assert 0 <= slept <= RetryPolicy().backoff_factor * 2**retry_number


@pytest.mark.parametrize("variant", VARIANTS)
def test_at_most_two_retries_by_default_then_the_status_surfaces(variant: str) -> None:
    attempts, handle = script(503)

    with pytest.raises(UnexpectedStatus) as raised:
        call(variant, client_for(handle))

    assert raised.value.status_code == 503
    assert len(attempts) == 1 + DEFAULT_RETRIES


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("retries", [0, 1, 4])
def test_number_of_retries_is_configurable_and_zero_disables(retries: int, variant: str) -> None:
    attempts, handle = script(502)

    with pytest.raises(UnexpectedStatus):
        call(variant, client_for(handle, retries=retries))

    assert len(attempts) == 1 + retries


@pytest.mark.parametrize("variant", VARIANTS)
def test_own_retry_policy_is_accepted(variant: str) -> None:
    status = next(s for s in reversed(OPERATION.statuses) if s not in RETRIED_STATUSES)  # documented, not retried
    attempts, handle = script(status)

    call(variant, client_for(handle, retries=RetryPolicy(max_retries=3, statuses=frozenset({status}))))

    assert len(attempts) == 4


@pytest.mark.parametrize("variant", VARIANTS)
def test_documented_statuses_are_not_retried(variant: str) -> None:
    for status in OPERATION.statuses:
        if status in RETRIED_STATUSES:  # a documented 429 or 503 is still what retries are for
            continue
        attempts, handle = script(status)
        call(variant, client_for(handle))
        assert len(attempts) == 1, status


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),  # httpcore's, a stale keep-alive
        httpx.ReadError("connection reset by peer"),
    ],
)
def test_connection_errors_are_retried(failure: Exception, variant: str) -> None:
    attempts, handle = script(failure, SUCCESS.status)

    call(variant, client_for(handle))

    assert len(attempts) == 2


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_malformed_response_is_not_retried_it_would_be_malformed_again(variant: str) -> None:
    attempts, handle = script(httpx.RemoteProtocolError("illegal header line: bytearray(b'x')"), SUCCESS.status)

    with pytest.raises(TransportError, match="illegal header line"):
        call(variant, client_for(handle))

    assert len(attempts) == 1


@pytest.mark.parametrize("variant", VARIANTS)
def test_connection_errors_surface_once_retries_are_spent(variant: str) -> None:
    attempts, handle = script(httpx.ConnectError("refused"))

    with pytest.raises(TransportError):
        call(variant, client_for(handle))

    assert len(attempts) == 1 + DEFAULT_RETRIES


@pytest.mark.parametrize("variant", VARIANTS)
def test_read_timeouts_are_not_retried(variant: str) -> None:
    attempts, handle = script(httpx.ReadTimeout("the server is slow"))

    with pytest.raises(TransportError):
        call(variant, client_for(handle))

    assert len(attempts) == 1  # a slow server must not cost three times the read timeout


@pytest.mark.parametrize("variant", VARIANTS)
def test_retry_after_is_honoured_up_to_the_cap(variant: str, sleeps: list[float]) -> None:
    attempts, handle = script(429, SUCCESS.status, headers={"Retry-After": f"{CAP:g}"})

    call(variant, client_for(handle))

    assert len(attempts) == 2
    assert sleeps == [CAP]


def a_day_from_now() -> str:
    return format_datetime(datetime.now(UTC) + timedelta(days=1), usegmt=True)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    ("written", "at_least"),
    [
        (lambda: "100000", 100000.0),
        (lambda: f"{CAP + 1:g}", CAP + 1),
        (a_day_from_now, 86400.0 - 600),  # the date is written when the test runs; the call may take a while
    ],
    ids=["seconds far over the cap", "seconds just over the cap", "HTTP-date over the cap"],
)
def test_a_retry_after_over_the_cap_raises_at_once_with_the_servers_wait(
    written: Callable[[], str], at_least: float, variant: str, sleeps: list[float]
) -> None:
    retry_after = written()
    attempts, handle = script(429, SUCCESS.status, headers={"Retry-After": retry_after})

    with pytest.raises(RetryAfterTooLong) as raised:
        call(variant, client_for(handle))

    assert len(attempts) == 1 and sleeps == []
    assert raised.value.status_code == 429 and raised.value.headers["Retry-After"] == retry_after
    assert raised.value.retry_after >= at_least
    assert f"retry after {raised.value.retry_after:g} s" in str(raised.value)


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_unreadable_retry_after_falls_back_to_backoff_and_is_never_logged_above_debug(
    variant: str, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    attempts, handle = script(503, SUCCESS.status, headers={"Retry-After": "soon\x1b[31m FORGED LOG LINE"})

    call(variant, client_for(handle))

    assert len(attempts) == 2 and 0 <= sleeps[0] <= RetryPolicy().backoff_factor * 2
    loud = [record for record in caplog.records if record.levelno > logging.DEBUG and "FORGED" in record.getMessage()]
    assert loud == []
    assert all("\x1b" not in record.getMessage() for record in caplog.records)


def test_the_sleeps_of_one_call_add_up_to_at_most_the_total_cap(sleeps: list[float]) -> None:
    attempts, handle = script(503, headers={"Retry-After": f"{CAP:g}"})

    with pytest.raises(UnexpectedStatus):
        call("sync", client_for(handle, retries=10))

    assert sum(sleeps) <= MAX_TOTAL_SLEEP < CAP * 10  # retries stop once the sleeps have used the budget
    assert len(attempts) == 1 + len(sleeps) < 11


def test_retry_after_http_date_in_a_few_seconds(sleeps: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> FrozenClock:
            return cls.fromtimestamp(now.timestamp(), tz)

    monkeypatch.setattr(jetemail_api_client._retries, "datetime", SimpleNamespace(datetime=FrozenClock, UTC=UTC))
    _, handle = script(
        503, SUCCESS.status, headers={"Retry-After": format_datetime(now + timedelta(seconds=20), usegmt=True)}
    )

    call("sync", client_for(handle))

    assert sleeps == [20.0]


def test_a_retried_success_parses_like_a_first_one() -> None:
    attempts, handle = script(503, SUCCESS.status)
    result = call("sync_detailed", client_for(handle))
    assert len(attempts) == 2
    assert result.status_code == SUCCESS.status
    assert json.loads(result.content) == SUCCESS.example


def test_a_status_without_retry_after_says_nothing_about_retry_after(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, handle = script(503, SUCCESS.status)

    call("sync", client_for(handle))

    assert len(sleeps) == 1
    assert not [record for record in caplog.records if "Retry-After" in record.getMessage()]


def test_an_unreadable_retry_after_is_logged_escaped_and_cut_short(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    header = "\u00e9" + "x" * 200  # not ASCII (as a server may send it, in Latin-1): unreadable; and long
    answers = iter([503, SUCCESS.status])

    def handle(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return httpx.Response(status, headers={b"Retry-After": header.encode("latin-1")}, json=SUCCESS.example)

    call("sync", client_for(handle))

    logged = [record.getMessage() for record in caplog.records if "unreadable Retry-After" in record.getMessage()]
    assert logged == [f"ignoring an unreadable Retry-After: {header[:64]!r}"]


class Closing(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self) -> None:
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield b"busy"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"busy"

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_retry_after_too_long_gives_its_connection_back(variant: str, sleeps: list[float]) -> None:
    body = Closing()
    handler = lambda request: httpx.Response(429, headers={"Retry-After": "99999"}, stream=body)  # noqa: E731

    with pytest.raises(RetryAfterTooLong):
        call(variant, client_for(handler))

    assert body.closed


def in_arabic_indic_digits(text: str) -> str:
    return text.translate({ord(str(digit)): chr(0x0660 + digit) for digit in range(10)})


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "retry_after",
    [
        lambda: "\uff11\uff10",
        lambda: "\u0663",
        lambda: "1\x0b",
        lambda: in_arabic_indic_digits(format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)),
    ],
    ids=["fullwidth digits", "Arabic-Indic digits", "a control character", "an HTTP-date in Arabic-Indic digits"],
)
def test_retry_after_is_read_as_http_spells_it(
    retry_after: Callable[[], str], variant: str, sleeps: list[float]
) -> None:
    """Python reads fullwidth and Arabic-Indic digits (sent as UTF-8) as numbers, in a date too (email.utils
    parses `Fri, ٢٧ Nov ٢٠٢٦ ...`); HTTP's are ASCII digits only."""
    answers = iter([503, SUCCESS.status])
    written = retry_after()  # a date is written when the test runs, not when it is collected

    def handle(request: httpx.Request) -> httpx.Response:
        headers = {b"Retry-After": written.encode("utf-8")}
        return httpx.Response(next(answers), headers=headers, json=SUCCESS.example)

    call(variant, client_for(handle))

    assert len(sleeps) == 1 and sleeps[0] <= RetryPolicy().backoff_factor * 2  # the backoff, not what Python reads


@pytest.mark.parametrize(
    "setting",
    [
        {"max_retries": -1},
        {"max_retries": True},
        {"max_retries": 1.5},
        {"backoff_factor": -0.5},
        {"backoff_factor": float("inf")},
        {"max_retry_after": float("nan")},
        {"max_total_sleep": "60"},
        {"max_total_sleep": False},
    ],
    ids=str,
)
def test_a_retry_policy_that_cannot_work_is_refused_when_made(setting: dict[str, object]) -> None:
    name = next(iter(setting))
    with pytest.raises(InvalidSetting, match=name):
        RetryPolicy(**setting)  # type: ignore[arg-type]


def test_a_retry_policy_retries_only_the_methods_it_names_whatever_their_case() -> None:
    policy = RetryPolicy(max_retries=4, methods=frozenset({"DELETE"}))
    assert (policy.retries("DELETE"), policy.retries("delete"), policy.retries("POST")) == (4, 4, 0)
    assert RetryPolicy().retries("POST") == 0  # not idempotent: never retried by default


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_policy_of_my_own_sets_the_waits_and_the_statuses(variant: str, sleeps: list[float]) -> None:
    mine = next(s for s in reversed(OPERATION.statuses) if s not in RETRIED_STATUSES)  # documented, not retried
    others = next(s for s in RETRIED_STATUSES if s not in OPERATION.statuses)  # retried by default, not by mine
    policy = RetryPolicy(max_retries=5, statuses=frozenset({mine}), backoff_factor=0.0)
    attempts, handle = script(mine, others, SUCCESS.status)

    with pytest.raises(UnexpectedStatus) as raised:
        call(variant, client_for(handle, retries=policy))

    assert raised.value.status_code == others and len(attempts) == 2
    assert sleeps == [0.0]  # no backoff

    attempts, handle = script(mine, SUCCESS.status)
    call(variant, client_for(handle, retries=RetryPolicy(statuses=frozenset({mine}), max_total_sleep=0.0)))
    assert len(attempts) == 1  # no time to sleep in at all: no retry, and the documented status is returned


def test_a_retry_after_of_zero_falls_back_to_the_backoff(sleeps: list[float]) -> None:
    _, handle = script(503, SUCCESS.status, headers={"Retry-After": "0"})

    call("sync", client_for(handle))

    assert len(sleeps) == 1 and 0 <= sleeps[0] <= RetryPolicy().backoff_factor * 2
