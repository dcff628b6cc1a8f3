"""The README's Python examples run as written, against an in-process JetEmail that answers as the
spec documents (the only change: httpx's network transport is swapped for a MockTransport)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from jetemail_api_client.errors import MalformedResponse, RequestTimeout, UnexpectedStatus

from scripts.oas import ROOT
from tests.calls import OPERATION, Handler
from tests.spec_contract import server_url

EXAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
USAGE, ERRORS = (*EXAMPLES, "", "")[:2]  # test_there_are_two_examples says when the README has other than two


def documented(status: int) -> Handler:
    return lambda request: httpx.Response(status, json=OPERATION.response(status).example)


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Callable[[Handler], list[httpx.Request]]:
    """Route the clients the examples build to `handler`; returns the requests it received."""
    monkeypatch.setenv("JETEMAIL_API_KEY", "api_readme-example")

    def route(handler: Handler) -> list[httpx.Request]:
        seen: list[httpx.Request] = []

        def record(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return handler(request)

        monkeypatch.setattr(httpx, "HTTPTransport", lambda **_: httpx.MockTransport(record))
        return seen

    return route


def test_there_are_two_examples() -> None:
    assert len(EXAMPLES) == 2


@pytest.mark.parametrize("status", OPERATION.statuses)
def test_usage_example_handles_every_documented_response(
    status: int, serve: Callable[[Handler], list[httpx.Request]], capsys: pytest.CaptureFixture[str]
) -> None:
    seen = serve(documented(status))

    exec(compile(USAGE, "README.md", "exec"), {})

    example = OPERATION.response(status).example
    printed = capsys.readouterr().out
    assert (example.get("message") or example.get("error")) in printed
    assert str(seen[0].url) == server_url() + OPERATION.path
    assert seen[0].headers["authorization"] == "Bearer api_readme-example"


def run_errors_example(username: str = "smtp-user1") -> Any:
    namespace: dict[str, Any] = {}
    exec(compile(ERRORS, "README.md", "exec"), namespace)
    return namespace["remove_smtp_user"](username)


def test_errors_example_deleted_and_not_found(serve: Callable[[Handler], list[httpx.Request]]) -> None:
    serve(documented(OPERATION.success.status))
    assert run_errors_example() is True
    serve(documented(404))
    assert run_errors_example() is False


def test_errors_example_retries_then_raises_unexpected_status(serve: Callable[[Handler], list[httpx.Request]]) -> None:
    seen = serve(lambda request: httpx.Response(503, text="busy"))
    with pytest.raises(UnexpectedStatus):
        run_errors_example()
    assert len(seen) == 4  # retries=3 in the example


def test_errors_example_surfaces_timeouts_and_malformed_bodies(
    serve: Callable[[Handler], list[httpx.Request]],
) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    serve(slow)
    with pytest.raises(RequestTimeout):
        run_errors_example()
    serve(lambda request: httpx.Response(OPERATION.success.status, text="<html>proxy</html>"))
    with pytest.raises(MalformedResponse):
        run_errors_example()
    serve(documented(400))
    with pytest.raises(RuntimeError, match="refused"):
        run_errors_example()
