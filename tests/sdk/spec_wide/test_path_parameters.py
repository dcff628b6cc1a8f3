"""A path parameter never changes the route: whatever the value, the server sees the operation's own path
with the value percent-encoded in its segment (`.` and `..` included, which httpx would otherwise collapse)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jetemail_api_client import AuthenticatedClient

from tests.sdk.spec_wide.harness import BASE_URL, OPERATIONS, Recorder, decoded, draw, path_values, send
from tests.support.spec_contract import Operation

HOSTILE = (".", "..", "/", "?", "#", "%", "../..", "a/../b", "x?y=1#z", "%2E%2E", " ")
WITH_PATH = [op for op in OPERATIONS if any(p.location == "path" for p in op.parameters)]
PATH_CASES = [(op, p.name) for op in WITH_PATH for p in op.parameters if p.location == "path"]


def with_hostile(op: Operation, kwargs: dict[str, Any], name: str, value: str) -> dict[str, Any]:
    python_name = next(p.python_name for p in op.parameters if p.location == "path" and p.name == name)
    return {**kwargs, python_name: value}


@pytest.mark.parametrize(("op", "name"), PATH_CASES, ids=[f"{op.id} {name}" for op, name in PATH_CASES])
@settings(max_examples=1)
@given(data=st.data())
def test_hostile_path_values_stay_in_their_segment(op: Operation, name: str, data: st.DataObject) -> None:
    arguments = draw(op, data).kwargs
    for value in HOSTILE:
        recorder = Recorder()

        send(op, recorder.client(), with_hostile(op, arguments, name, value))

        (request,) = recorder.sent
        assert request.method == op.method
        segment = path_values(op, request.url.raw_path.decode("ascii"))[name]
        assert decoded(segment) == value
        if value in (".", ".."):
            assert segment == value.replace(".", "%2E")


class _RawTargets(BaseHTTPRequestHandler):
    """Records the request target exactly as it arrived on the socket."""

    seen: ClassVar[list[str]] = []

    def _record(self) -> None:
        self.seen.append(self.path)
        self.send_response(599)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = _record

    def log_message(self, *args: Any) -> None:
        pass


@pytest.mark.skipif(not WITH_PATH, reason="the spec has no path parameters")
@settings(max_examples=1)
@given(data=st.data())
def test_over_loopback_the_server_sees_each_value_in_its_own_segment(data: st.DataObject) -> None:
    op = WITH_PATH[0]
    name = next(p.name for p in op.parameters if p.location == "path")
    arguments = draw(op, data).kwargs
    _RawTargets.seen = []
    with ThreadingHTTPServer(("127.0.0.1", 0), _RawTargets) as server:
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        base = (
            f"http://127.0.0.1:{server.server_address[1]}{httpx.URL(BASE_URL).path.rstrip('/')}"  # the spec's base path
        )
        try:
            with AuthenticatedClient(base_url=base, token="api_loopback", raise_on_unexpected_status=False) as client:
                for value in HOSTILE:
                    send(op, client, with_hostile(op, arguments, name, value))
        finally:
            server.shutdown()
            thread.join()
    assert len(_RawTargets.seen) == len(HOSTILE)
    for value, target in zip(HOSTILE, _RawTargets.seen, strict=True):
        assert decoded(path_values(op, target)[name]) == value
