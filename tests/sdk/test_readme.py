"""The READMEs' Python examples run as written, against an in-process JetEmail that answers as the spec
documents (the only change: httpx's network transport is swapped for a MockTransport): the package's page
(generated/README.md, rendered from the spec) and the repo's own."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from jetemail_api_client.errors import BadRequestError, MalformedResponse, RequestTimeout, UnexpectedStatus

from scripts.generate import OUTPUT
from scripts.oas import ROOT
from tests.support.calls import OPERATION, Handler
from tests.support.spec_contract import placement, server_url


def examples(readme: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", readme, re.DOTALL)


PACKAGE_README = (OUTPUT / "README.md").read_text(encoding="utf-8")
USAGE, ASYNC_USAGE, MODULE_FUNCTIONS = (*examples(PACKAGE_README), "", "", "")[:3]
(ERRORS,) = (*examples((ROOT / "README.md").read_text(encoding="utf-8")), "")[:1]
# The package README shows the spec's first operation in the generator's order; these tests are written for
# DELETE /outbound/smarthost and skip for a spec that puts another operation first (the strict profile updates
# to such fixtures), whose examples tests/sdk/spec_wide/test_readme_examples.py still compiles.
SHOWN = re.search(r"client\.([\w.]+)\(", USAGE)
shows_the_contract = pytest.mark.skipif(
    SHOWN is None or SHOWN[1] != ".".join((*placement(OPERATION).chain, placement(OPERATION).method)),
    reason=f"the package README shows another operation than {OPERATION.id}",
)


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


def test_the_examples_are_where_the_tests_look() -> None:
    assert len(examples(PACKAGE_README)) == 3
    assert len(examples((ROOT / "README.md").read_text(encoding="utf-8"))) == 1


@shows_the_contract
@pytest.mark.parametrize("status", OPERATION.statuses)
def test_usage_example_handles_every_documented_response(
    status: int, serve: Callable[[Handler], list[httpx.Request]], capsys: pytest.CaptureFixture[str]
) -> None:
    seen = serve(documented(status))

    exec(compile(USAGE, "README.md", "exec"), {})

    example = OPERATION.response(status).example
    printed = capsys.readouterr().out
    assert printed.startswith(f"{status}: ")
    assert (example.get("message") or example.get("error")) in printed
    assert str(seen[0].url) == server_url() + OPERATION.path
    assert seen[0].headers["authorization"] == "Bearer api_readme-example"


@shows_the_contract
def test_async_example_passes_its_options_and_reads_the_whole_response(
    serve: Callable[[Handler], list[httpx.Request]],  # for the key it sets
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return documented(OPERATION.success.status)(request)

    monkeypatch.setattr(httpx, "AsyncHTTPTransport", lambda **_: httpx.MockTransport(record))

    exec(compile(ASYNC_USAGE, "README.md", "exec"), {})

    assert seen[0].headers["x-request-id"] == "r-1" and seen[0].extensions["timeout"]["read"] == 5.0
    assert f" {OPERATION.success.status} application/json" in capsys.readouterr().out


def test_module_functions_example_imports() -> None:
    exec(compile(MODULE_FUNCTIONS, "README.md", "exec"), {})


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
    with pytest.raises(BadRequestError):
        run_errors_example()
