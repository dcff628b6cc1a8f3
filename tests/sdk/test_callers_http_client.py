"""A caller's own httpx client (`JetEmail(http_client=...)`) gets the SDK's whole request loop, as the default
one does: retries, the deadline, the body cap with bounded decoding, and the encodings the SDK accepts."""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from jetemail_api_client import AsyncJetEmail, JetEmail
from jetemail_api_client import _base_client as base_client
from jetemail_api_client.client import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRIES
from jetemail_api_client.errors import (
    APIStatusError,
    MalformedResponse,
    RequestTimeout,
    ResponseTooLarge,
    UnexpectedStatus,
)
from jetemail_api_client.types import UndocumentedSuccess

from tests.support.calls import OPERATION, fields
from tests.support.spec_values import meaning
from tools.standin import DEFAULT_API_KEY

SUCCESS = OPERATION.success
Handler = Callable[[httpx.Request], httpx.Response]
SIDES = ("sync", "async")


def delete(side: str, handler: Handler, **settings: Any) -> Any:
    """One delete through JetEmail or AsyncJetEmail, each on an httpx client of the caller's that reaches handler."""
    transport = httpx.MockTransport(handler)
    if side == "sync":
        with httpx.Client(transport=transport) as mine:
            return JetEmail(api_key=DEFAULT_API_KEY, http_client=mine, **settings).outbound.smarthost.delete(
                **fields("a")
            )

    async def run() -> Any:
        async with httpx.AsyncClient(transport=transport) as mine:
            client = AsyncJetEmail(api_key=DEFAULT_API_KEY, http_client=mine, **settings)
            return await client.outbound.smarthost.delete(**fields("a"))

    return asyncio.run(run())


def streamed(body: bytes, encoding: str) -> Handler:
    """Answers the documented success with this body streamed as from the network (not read by the handler)."""
    headers = {"Content-Encoding": encoding}
    return lambda request: httpx.Response(SUCCESS.status, stream=httpx.ByteStream(body), headers=headers)


def peak_while(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("side", SIDES)
def test_a_503_is_retried_on_the_callers_client(side: str, sleeps: list[float]) -> None:
    answers = iter([httpx.Response(503), httpx.Response(SUCCESS.status, json=SUCCESS.example)])

    result = delete(side, lambda request: next(answers))

    assert meaning(result.to_dict(), SUCCESS.schema) == meaning(SUCCESS.example, SUCCESS.schema) and len(sleeps) == 1


@pytest.mark.parametrize("side", SIDES)
def test_retries_are_spent_on_the_callers_client_too(side: str) -> None:
    attempts: list[httpx.Request] = []

    def busy(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        return httpx.Response(503)

    with pytest.raises(UnexpectedStatus) as raised:
        delete(side, busy)

    assert len(attempts) == 1 + DEFAULT_RETRIES == raised.value.attempts


def gzip_layers(raw: bytes, layers: int) -> bytes:
    for _ in range(layers):
        raw = gzip.compress(raw, compresslevel=9)
    return raw


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(("layers", "encoding"), [(1, "gzip"), (2, "gzip, gzip"), (3, "gzip, x-gzip, gzip")])
def test_a_compression_bomb_is_held_to_the_cap_in_memory(side: str, layers: int, encoding: str) -> None:
    inflated = 40 * DEFAULT_MAX_RESPONSE_BYTES
    body = gzip_layers(b"\0" * inflated, layers)

    def bombed() -> None:
        with pytest.raises(ResponseTooLarge):
            delete(side, streamed(body, encoding))

    assert peak_while(bombed) < 3 * DEFAULT_MAX_RESPONSE_BYTES  # a small multiple of the cap, not the 400 MiB


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("compress", [zlib.compress, lambda raw: zlib.compress(raw)[2:-4]], ids=["zlib", "raw"])
def test_deflate_is_read_with_or_without_its_zlib_header(side: str, compress: Callable[[bytes], bytes]) -> None:
    body = compress(httpx.Response(200, json=SUCCESS.example).content)

    result = delete(side, streamed(body, "deflate"))

    assert meaning(result.to_dict(), SUCCESS.schema) == meaning(SUCCESS.example, SUCCESS.schema)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, compress"])
def test_an_encoding_the_sdk_cannot_bound_is_malformed_and_never_asked_for(side: str, encoding: str) -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.headers["Accept-Encoding"])
        return streamed(b"\x1b\x00", encoding)(request)

    with pytest.raises(MalformedResponse, match="does not accept"):
        delete(side, answer)

    assert asked == ["gzip, deflate"]


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        while True:
            yield b" "

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            yield b" "


@pytest.mark.parametrize("side", SIDES)
def test_the_deadline_ends_an_endless_body_on_the_callers_client(side: str, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(10**9))  # each look at the clock is a second later: no test waits for time
    monkeypatch.setattr(base_client, "time", SimpleNamespace(monotonic=lambda: float(next(clock))))

    with pytest.raises(RequestTimeout, match="deadline"):
        delete(side, lambda request: httpx.Response(SUCCESS.status, stream=Endless()), deadline=5.0, retries=0)


def answering(status: int, body: Any = None) -> Handler:
    return lambda request: httpx.Response(status, json=body)


UNDOCUMENTED_2XX = next(status for status in range(201, 300) if status not in OPERATION.statuses)
UNDOCUMENTED_ERROR = next(status for status in range(400, 600) if status not in OPERATION.statuses)
DOCUMENTED_ERROR = next(status for status in OPERATION.statuses if status >= 400)


@pytest.mark.parametrize("side", SIDES)
def test_an_undocumented_2xx_is_a_success_and_any_other_status_raises(side: str) -> None:
    result = delete(side, answering(UNDOCUMENTED_2XX, "done"))

    assert isinstance(result, UndocumentedSuccess)
    assert (result.status_code, result.json()) == (UNDOCUMENTED_2XX, "done")
    for status in (199, 300, UNDOCUMENTED_ERROR):
        with pytest.raises(APIStatusError) as raised:
            delete(side, answering(status), retries=0)
        assert raised.value.status_code == status and raised.value.parsed is None


def test_the_raw_view_returns_every_status_whole() -> None:
    documented = OPERATION.response(DOCUMENTED_ERROR)
    cases = [
        (UNDOCUMENTED_ERROR, None, "NoneType"),
        (UNDOCUMENTED_2XX, None, UndocumentedSuccess.__name__),
        (DOCUMENTED_ERROR, documented.example, documented.type.class_name),  # the model the spec documents
    ]
    for status, body, parsed_type in cases:
        with httpx.Client(transport=httpx.MockTransport(answering(status, body))) as mine:
            raw = JetEmail(api_key=DEFAULT_API_KEY, http_client=mine, retries=0).with_raw_response.outbound.smarthost
            response = raw.delete(**fields("a"))
        assert response.status_code == status and type(response.parsed).__name__ == parsed_type
